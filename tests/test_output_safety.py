"""Outputs wenming may clean are outputs wenming made; exports never silently replace a file (wenming/outputs.py).

Each case runs in two repositories: a copy of this checkout (its .git, data/, hooks/, site_src/, the package and
mkdocs.yml: the real layout, never the real files) and a unit's repository made by `wenming init` (no mkdocs.yml:
wenming's own config, here the copy's). A refused command exits 2 with a Chinese message naming the folder and
touches nothing: every file there is compared byte for byte.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import FIXTURES, ROOT, environ
from wenming import outputs
from wenming.records.atomic import new_file_mode, replace_file

KINDS = ["checkout", "init"]
AS_OF = "2026-03-20"
TOP_LEVEL_SKIPPED = {"build", "site", ".cache", ".pytest_cache", "tests", "benchmarks", "tools", ".vscode"}


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _skip(src: str, names: list[str]) -> set[str]:
    top = Path(src) == ROOT
    return {n for n in names if n == "__pycache__" or n.endswith(".egg-info") or (top and n in TOP_LEVEL_SKIPPED)}


@pytest.fixture(scope="module")
def repos(tmp_path_factory) -> dict[str, Path]:
    """{"checkout": a copy of this checkout, "init": a repository `wenming init` made}; each beside a folder holding
    a git checkout (`其他仓库`), a folder of the user's files (`我的文档`) and a file (`说明.txt`)."""
    from wenming.cli import main

    made = {}
    for kind in KINDS:
        tmp = tmp_path_factory.mktemp(f"outputs-{kind}")
        repo = tmp / "repo"
        if kind == "checkout":
            shutil.copytree(ROOT, repo, ignore=_skip, symlinks=True)
            shutil.copytree(FIXTURES / "base", tmp / "fixture-data")  # small records for the builds that go ahead
        else:
            result = CliRunner(mix_stderr=False).invoke(main, [
                "init", str(repo), "--name", "示例县档案馆", "--short", "县档案馆", "--level", "市级",
                "--status", "创建", "--staff", "30", "--departments", "办公室:bgs,机关党委:jgdw"],
                env={"WENMING_AS_OF": AS_OF})
            assert result.exit_code == 0, result.stderr
            assert (repo / ".git").is_dir()
        other = repo / "其他仓库"
        subprocess.run(["git", "init", "-q", str(other)], check=True)
        (other / "论文.md").write_text("别人的仓库\n", encoding="utf-8")
        docs = repo / "我的文档"
        (docs / "2025").mkdir(parents=True)
        (docs / "总结.docx").write_bytes(b"PK\x03\x04 my own work")
        (docs / "2025" / "照片.jpg").write_bytes(b"\xff\xd8 photo")
        (repo / "说明.txt").write_text("不是文件夹\n", encoding="utf-8")
        made[kind] = repo
    return made


def wenming(repos: dict[str, Path], kind: str, *args: str, small: bool = True) -> subprocess.CompletedProcess:
    """`python -m wenming ARGS` in the repository, with the copy's package (as its user runs it). `small`: in the
    checkout, the base fixture's records rather than the sample (for a command that goes ahead, and quickly)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("WENMING_")}
    env.update(PYTHONPATH=str(repos["checkout"]), NO_MKDOCS_2_WARNING="true")
    if kind == "checkout" and small:
        args = (*args, "--data", str(repos["checkout"].parent / "fixture-data"))
    return subprocess.run([sys.executable, "-m", "wenming", *args, "--as-of", AS_OF], cwd=repos[kind], env=env,
                          capture_output=True, text=True, encoding="utf-8")


def refused(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode == 2, result.stderr + result.stdout
    assert result.stderr.startswith("错误：") and "Traceback" not in result.stderr, result.stderr
    assert all(w in result.stderr for w in words), result.stderr


SITE_CASES = {  # -d → what the message names (more places, in process: test_every_place_that_is_never_a_site)
    ".git": [".git", "仓库的全部历史"],
    "data": ["data", "数据文件夹"],
    "{checkout}/hooks": ["hooks", "MkDocs 钩子文件夹"],
    "其他仓库": ["其他仓库", "里有 .git"],
    "我的文档": ["我的文档", "里已有其他文件（2025、总结.docx）", outputs.MARKER],
    "说明.txt": ["说明.txt", "是一个文件，不是文件夹"],
    ".": ["项目文件夹本身或包含它"],
}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("site", list(SITE_CASES))
def test_build_refuses_a_folder_it_did_not_make_before_touching_anything(repos, kind, site):
    repo = repos[kind]
    before = tree(repo.parent)
    result = wenming(repos, kind, "build", "-d", site.format(checkout=repos["checkout"]), small=False)
    refused(result, *SITE_CASES[site])
    assert tree(repo.parent) == before


@pytest.mark.parametrize("kind", KINDS)
def test_build_into_an_empty_folder_then_again_into_the_site_it_made(repos, kind):
    site = repos[kind] / "网站"
    site.mkdir()
    (site / ".keep").write_text("hidden: MkDocs keeps it\n", encoding="utf-8")
    for _ in range(2):
        result = wenming(repos, kind, "build", "-d", "网站")
        assert result.returncode == 0, result.stderr
        assert (site / "index.html").is_file() and (site / outputs.MARKER).read_text(encoding="utf-8") == outputs.MARKER_TEXT
    assert (site / ".keep").is_file()


@pytest.mark.parametrize("kind", KINDS)
def test_exports_refuse_an_existing_file_unless_forced(repos, kind):
    folder = repos[kind] / "导出"
    folder.mkdir()
    mine = {"台账.xlsx": b"PK my workbook with my own sheet", "台账.zip": b"PK last year's archive"}
    for name, content in mine.items():
        (folder / name).write_bytes(content)
    for command in (["ledger", "-o", "导出/台账.xlsx"], ["archive", "-o", "导出/台账.zip"]):
        refused(wenming(repos, kind, "export", *command), command[-1], "已存在", "--force")
    refused(wenming(repos, kind, "export", "ledger", "-o", ".git/台账.xlsx"), ".git/台账.xlsx", "仓库的全部历史")
    assert tree(folder) == mine
    result = wenming(repos, kind, "export", "ledger", "-o", "导出/台账.xlsx", "--force")
    assert result.returncode == 0, result.stderr
    ledger = folder / "台账.xlsx"
    assert zipfile.is_zipfile(ledger) and ledger.stat().st_mode & 0o777 == new_file_mode()
    assert sorted(p.name for p in folder.iterdir()) == ["台账.xlsx", "台账.zip"], "no temporary file is left"


# -- the rules themselves, in process -----------------------------------------------------------------

@pytest.mark.parametrize("site,words", [
    (".git/refs", ["仓库的全部历史"]), ("data/2018", ["与数据文件夹"]), ("site_src", ["就是 网站源文件夹"]),
    ("site_src/assets", ["在 网站源文件夹"]), ("hooks/x", ["在 MkDocs 钩子文件夹"]), ("wenming", ["就是 wenming 程序文件夹"]),
    ("wenming/site", ["在 wenming 程序文件夹"]), ("..", ["项目文件夹本身或包含它"]), ("/", ["项目文件夹本身或包含它"]),
    ("tests", ["里已有其他文件"])])
def test_every_place_that_is_never_a_site(site, words):
    """This checkout's own places, checked only (the rules read, never write)."""
    problem = outputs.site_problem(ROOT / site, outputs.places(ROOT / "mkdocs.yml", ROOT / "data", False))
    assert problem is not None and all(w in problem for w in words), problem


def _places(tmp: Path) -> outputs.Places:
    return outputs.Places(data=tmp / "data", roots=(tmp / "project",), sources=())


def test_a_site_the_previous_version_built_is_accepted_unless_it_holds_more(tmp_path):
    old = tmp_path / "build"
    for name in outputs.LEGACY_FILES + ("404.html", "sitemap.xml.gz", "2018/index.html", "media/a.jpg"):
        (old / name).parent.mkdir(parents=True, exist_ok=True)
        (old / name).write_text("x", encoding="utf-8")
    assert outputs.site_problem(old, _places(tmp_path)) is None
    (old / "台账.xlsx").write_bytes(b"PK")
    assert "里已有其他文件" in outputs.site_problem(old, _places(tmp_path))
    hidden = tmp_path / "hidden-only"
    hidden.mkdir()
    (hidden / ".DS_Store").write_bytes(b"")
    assert outputs.site_problem(hidden, _places(tmp_path)) is None


def test_the_archive_is_readable_and_holds_no_marker(tmp_path):
    """The zip is written as the ledger is (above): 0644 like any new file, not 0600; the marker stays out."""
    import datetime as dt

    from wenming.exports.archive import write_zip

    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "index.html").write_text("<p>首页</p>", encoding="utf-8")
    (site / "assets" / "charts.js").write_text("//", encoding="utf-8")
    outputs.mark(site)
    made = write_zip(site, tmp_path / "台账.zip", "台账", dt.date(2026, 3, 20))
    assert made.path.stat().st_mode & 0o777 == new_file_mode()
    with zipfile.ZipFile(made.path) as zf:
        assert zf.namelist() == ["台账/assets/charts.js", "台账/index.html"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path):
    target = tmp_path / "台账.csv"
    target.write_bytes(b"old")

    def broken(tmp: Path) -> None:
        tmp.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        replace_file(target, broken)
    assert [p.name for p in tmp_path.iterdir()] == ["台账.csv"] and target.read_bytes() == b"old"
    replace_file(target, lambda tmp: tmp.write_bytes(b"new"))
    assert target.read_bytes() == b"new" and target.stat().st_mode & 0o777 == new_file_mode()


def test_plain_mkdocs_build_into_the_users_folder_is_refused_by_the_hook_before_cleaning(repos, caplog):
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, PluginError

    docs = repos["init"] / "我的文档"
    before = tree(docs)
    data = repos["checkout"].parent / "fixture-data"
    with environ(WENMING_DATA=str(data), WENMING_AS_OF="2018-06-30", NO_MKDOCS_2_WARNING="true"):
        config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(docs))
        with pytest.raises((Abort, PluginError)):
            mkdocs_build(config)
    assert tree(docs) == before and "我的文档" in caplog.text and outputs.MARKER in caplog.text
