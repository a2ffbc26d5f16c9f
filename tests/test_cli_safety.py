"""The command line never loses data: the output folder never overlaps data/ or the project,
`new` never writes two things to one path, and every exit code means one thing
(0 ok, 1 data errors, 2 usage, 3 wenming's own failure, with an apology and no traceback)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import ROOT, make_repo
from wenming.cli import main


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "wenming", *args], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8")


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("site", ["{data}", "{data}/2018", "{tmp}", "{data}/.."])
def test_build_refuses_an_output_folder_that_overlaps_the_data_before_touching_it(tmp_path, site):
    data = make_repo(tmp_path)
    (data / "2018" / "未提交的修改.md").write_text("草稿", encoding="utf-8")
    before = tree(data)
    result = run("build", "--data", str(data), "-d", site.format(data=data, tmp=tmp_path), "--as-of", "2018-06-30")
    assert result.returncode == 2, result.stderr
    assert "与数据文件夹" in result.stderr and "Traceback" not in result.stderr
    assert tree(data) == before


def test_build_dash_d_data_in_the_project_keeps_data(tmp_path):
    before = tree(ROOT / "data")
    for args in (["build", "-d", "data"], ["build", "--data", "data", "-d", "data"], ["build", "--site-dir=data"],
                 ["build", "-d", "."]):
        result = run(*args)
        assert result.returncode == 2, (args, result.stderr)
    assert tree(ROOT / "data") == before


def test_plain_mkdocs_build_into_data_is_refused_by_the_hook_before_cleaning(tmp_path):
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, PluginError

    from helpers import environ
    data = make_repo(tmp_path)
    before = tree(data)
    with environ(WENMING_DATA=str(data), WENMING_AS_OF="2018-06-30", NO_MKDOCS_2_WARNING="true"):
        config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(data))
        with pytest.raises((Abort, PluginError)):
            mkdocs_build(config)
    assert tree(data) == before


@pytest.mark.parametrize("command", [["export", "archive", "-o", "{data}/台账.zip"],
                                     ["export", "ledger", "-o", "{data}/2018/台账.xlsx"]])
def test_exports_refuse_to_write_into_the_data_folder(tmp_path, command):
    data = make_repo(tmp_path)
    before = tree(data)
    result = run(*[c.format(data=data) for c in command], "--data", str(data), "--as-of", "2018-06-30")
    assert result.returncode == 2 and "数据文件夹" in result.stderr, result.stderr
    assert tree(data) == before


def test_new_document_never_writes_two_things_to_one_path(tmp_path):
    data = make_repo(tmp_path)
    source = tmp_path / "说明.yml"
    source.write_text("title: x\n", encoding="utf-8")
    before = tree(data)
    result = CliRunner(mix_stderr=False).invoke(main, ["new", "document", "--data", str(data), "--date", "2018-03-22",
                                                       "--title", "方案", "--file", str(source)])
    assert result.exit_code == 2 and "不能是 .yml" in result.stderr, result.stderr
    assert tree(data) == before


def test_commit_hint_names_each_path_once():
    from wenming.authoring.new import _commit_hint
    assert _commit_hint(["a.yml", "a.yml", "b.pdf"], "m") == 'git add "a.yml" "b.pdf" && git commit -m "m"'


def test_exit_codes(tmp_path):
    data = make_repo(tmp_path)
    assert run("check", "--data", str(data)).returncode == 0
    (data / "2018/plan.yml").write_text("title: [\n", encoding="utf-8")
    assert run("check", "--data", str(data)).returncode == 1
    assert run("check", "--no-such-option").returncode == 2


def test_an_internal_error_exits_3_with_an_apology_and_no_traceback(monkeypatch):
    import wenming.cli as cli

    def broken(*args, **kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(cli, "load_dataset", broken)
    result = CliRunner(mix_stderr=False).invoke(cli.main, ["check"])
    assert result.exit_code == 3
    assert result.stderr.startswith("抱歉，wenming 内部出错了（ZeroDivisionError）")
    assert "Traceback" not in result.stderr and "--debug" in result.stderr
    result = CliRunner(mix_stderr=False).invoke(cli.main, ["--debug", "check"])
    assert result.exit_code == 3 and "Traceback" in result.stderr
