"""Fault injection: nothing a user has is lost, and every fault is a message (issue 28).

Each command that writes (build, export ledger, export archive, new activity, photos clean, init) runs in a
temporary copy of the sample repository and in a repository made by `wenming init` (each a git repository
with a site built before, an old ledger and archive, photos that carry a location):

- under a small file-size limit (RLIMIT_FSIZE, SIGXFSZ ignored, as `ulimit -f` or a FAT32 stick would);
- on a read-only folder (as root: with CAP_DAC_OVERRIDE dropped by `setpriv`, so the modes count);
- SIGKILLed at a couple of moments (the whole process group, children too).

Every case asserts that the user's files, the repository (.git) and the previous output are intact byte for
byte, and, unless killed, that the command exits 1 or 2 with a Chinese message and no traceback. After a
kill, what the command did finish is whole (a new record, a cleaned photo), and a temporary it left is
removed by the next run.
"""

from __future__ import annotations

import io
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from helpers import ROOT
from wenming.authoring.gps import GPS_IFD, strip_location
from wenming.records import atomic
from wenming.records.atomic import TAG

KINDS = ("sample", "init")
AS_OF = {"sample": "2018-05-31", "init": "2026-03-20"}
YEAR = {"sample": 2018, "init": 2026}
GIT = ["git", "-c", "user.name=测试", "-c", "user.email=test@example.com"]
LOCATED = {"sample": ["data/2018/activities/2018-01-18-返乡农民工法律援助志愿服务/现场.jpg",
                      "data/2019/activities/2019-01-24-精神文明建设工作动员会/现场.jpg"],
           "init": ["data/2026/照片/现场.jpg", "data/2026/照片/合影.jpg"]}
OLD_EXPORTS = {"台账.xlsx": b"PK\x03\x04 the user's workbook with an extra sheet", "台账.zip": b"PK\x03\x04 last year's"}
SETPRIV = ["setpriv", "--inh-caps=-dac_override,-dac_read_search", "--bounding-set=-dac_override,-dac_read_search",
           "--"]


def located_photo() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (34.0, 37.0, 12.5), 3: "E", 4: (112.0, 27.0, 3.2)})
    out = io.BytesIO()
    Image.effect_noise((160, 120), 40).convert("RGB").save(out, "JPEG", exif=exif.tobytes(), quality=90)  # 13 KB
    return out.getvalue()


def clone(source: Path, target: Path) -> Path:
    """A copy made of hard links: cheap for a site and a repository, and still a true test. The files are
    read into memory before a command runs (`tree`), so a file it changed in place differs afterwards; a
    file it replaces (as wenming always does: a new file renamed into place) leaves the source alone."""
    shutil.copytree(source, target, symlinks=True, copy_function=os.link)
    return target


def env_for(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WENMING_")}
    env.update(PYTHONPATH=str(ROOT), NO_MKDOCS_2_WARNING="true", WENMING_CACHE=str(cache), PYTHONDONTWRITEBYTECODE="1")
    return env


@pytest.fixture(scope="session")
def templates(tmp_path_factory, sample_site) -> dict[str, Path]:
    """Per kind, a repository as its user has it: committed records, a site built before, old exports.
    (The sample's site is the one the site tests build: a wenming site, if of another as-of date.)"""
    from wenming.cli import main

    base = tmp_path_factory.mktemp("faults")
    cache = base / "photo-cache"
    made = {}
    for kind in KINDS:
        repo = base / kind
        if kind == "sample":
            shutil.copytree(ROOT / "data", repo / "data")
            (repo / ".gitignore").write_text("build/\n.cache/\n", encoding="utf-8")
            subprocess.run(["git", "init", "-q", str(repo)], check=True)
        else:
            result = CliRunner(mix_stderr=False).invoke(main, [
                "init", str(repo), "--name", "示例县档案馆", "--short", "县档案馆", "--level", "市级", "--status",
                "创建", "--staff", "30", "--departments", "办公室:bgs,机关党委:jgdw"], env={"WENMING_AS_OF": AS_OF[kind]})
            assert result.exit_code == 0, result.stderr
        for rel in LOCATED[kind]:
            (repo / rel).parent.mkdir(parents=True, exist_ok=True)
            (repo / rel).write_bytes(located_photo())
        subprocess.run([*GIT, "add", "-A"], cwd=repo, check=True)
        # photos with a location committed on purpose (`photos clean` then has work): past init's hook
        subprocess.run([*GIT, "commit", "--no-verify", "-qm", "记录"], cwd=repo, check=True)
        for name, content in OLD_EXPORTS.items():
            (repo / name).write_bytes(content)
        if kind == "sample":
            clone(sample_site, repo / "build")
        else:
            built = subprocess.run([sys.executable, "-m", "wenming", "build", "--as-of", AS_OF[kind]], cwd=repo,
                                   env=env_for(cache), capture_output=True, text=True)
            assert built.returncode == 0, built.stderr
        assert (repo / "build" / "index.html").is_file() and (repo / "build" / ".wenming-output").is_file()
        made[kind] = repo
    return made


@pytest.fixture
def repo(templates, tmp_path, request) -> Path:
    kind = request.node.callspec.params["kind"]
    return clone(templates[kind], tmp_path / kind)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.is_symlink()}


def commands(kind: str) -> dict[str, list[str]]:
    year, as_of = YEAR[kind], ["--as-of", AS_OF[kind]]
    return {
        "build": ["build", *as_of],
        "ledger": ["export", "ledger", "-o", "台账.xlsx", "--force", *as_of],
        "archive": ["export", "archive", "-o", "台账.zip", "--force", *as_of],
        "new": ["new", "activity", "--date", f"{year}-04-01", "--title", "故障测试", "--department", "bgs"],
        "photos": ["photos", "clean"],
        "init": ["init", "新单位", "--name", "新单位", "--short", "新", "--level", "市级", "--status", "创建",
                 "--staff", "10", "--departments", "办公室:bgs", "--year", "2026"],
    }


def run(repo: Path, args: list[str], limit: int | None = None, readonly: bool = False) -> subprocess.CompletedProcess:
    def limited():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    prefix = SETPRIV if readonly and os.geteuid() == 0 else []
    return subprocess.run([*prefix, sys.executable, "-m", "wenming", *args], cwd=repo, env=env_for(repo.parent / "cache"),
                          capture_output=True, text=True, encoding="utf-8", preexec_fn=limited if limit else None,
                          timeout=120)


def a_message(result: subprocess.CompletedProcess) -> None:
    """Exit 1 or 2, a Chinese message naming what went wrong, no traceback and no apology for a bug."""
    assert result.returncode in (1, 2), (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr and "内部出错" not in result.stderr, result.stderr[-2000:]
    last = [line for line in result.stderr.splitlines() if line.strip()][-1]
    assert re.search(r"[\u4e00-\u9fff]", last), result.stderr[-2000:]


LIMITS = {"build": 100, "ledger": 2_000, "archive": 100, "new": 200, "photos": 2_000, "init": 300}
"""Bytes: below what each command writes (a site's marker and pages, a workbook, a photo, a record). A build
that stops late (its search index, on the last step) is in tests/test_site_swap.py."""


@pytest.mark.parametrize("command", list(LIMITS))
@pytest.mark.parametrize("kind", KINDS)
def test_a_file_size_limit_is_a_message_and_loses_nothing(repo, kind, command):
    before = tree(repo)
    result = run(repo, commands(kind)[command], limit=LIMITS[command])
    a_message(result)
    assert "文件超过了允许的大小" in result.stderr or command == "archive", result.stderr[-2000:]
    assert tree(repo) == before


READ_ONLY = {  # what is made read-only: a folder the command must write in (photos: those of the located photos)
    "build": [".", "build"], "ledger": ["."], "archive": ["."], "new": ["data/{year}/activities", "data/{year}"],
    "photos": [], "init": ["."]}


@pytest.mark.parametrize("command", list(READ_ONLY))
@pytest.mark.parametrize("kind", KINDS)
def test_a_read_only_folder_is_a_message_and_loses_nothing(repo, kind, command):
    if os.geteuid() == 0 and not shutil.which("setpriv"):
        pytest.skip("as root a read-only folder needs setpriv (util-linux) to drop CAP_DAC_OVERRIDE")
    folders = [repo / f.format(year=YEAR[kind]) for f in READ_ONLY[command]] if command != "photos" else \
        sorted({(repo / p).parent for p in LOCATED[kind]})
    folders = [f for f in folders if f.is_dir()]
    before = tree(repo)
    modes = {f: f.stat().st_mode for f in folders}
    for f in folders:
        f.chmod(0o555)
    try:
        result = run(repo, commands(kind)[command], readonly=True)
    finally:
        for f, mode in modes.items():
            f.chmod(mode)
    a_message(result)
    assert re.search("只读|没有读写权限|不允许|写不进去", result.stderr), result.stderr[-2000:]
    assert tree(repo) == before


def cleaned(content: bytes, tmp: Path) -> bytes:
    photo = tmp / "expected.jpg"
    photo.write_bytes(content)
    strip_location(photo)
    return photo.read_bytes()


KILLS = {  # (kind, command, when): a line on stderr to wait for (then a short pause), or seconds after the start
    "build while writing pages": ("sample", "build", "正在生成网站", 0.3),
    "build just before the swap": ("init", "build", "共生成", 0.0),  # swapped or not: the same bytes (same as-of)
    "build while starting": ("init", "build", None, 1.0),
    "archive while building": ("init", "archive", "正在生成网站", 0.2),
    "ledger": ("sample", "ledger", None, 1.2),
    "new activity": ("init", "new", None, 0.9),
    "photos clean": ("sample", "photos", None, 0.9),
    "init": ("init", "init", None, 0.8),
}


@pytest.mark.parametrize("case", list(KILLS))
def test_a_kill_leaves_everything_whole(templates, tmp_path, case):
    kind, command, line, pause = KILLS[case]
    repo = tmp_path / kind
    clone(templates[kind], repo)
    before = tree(repo)
    args = commands(kind)[command]
    proc = subprocess.Popen([sys.executable, "-m", "wenming", *args], cwd=repo, env=env_for(tmp_path / "cache"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                            start_new_session=True)
    if line is not None:
        for text in proc.stderr:
            if line in text:
                break
    time.sleep(pause)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    after = tree(repo)
    for rel, content in before.items():  # every file as it was, or what the command finished: whole
        allowed = {content} | ({cleaned(content, tmp_path)} if command == "photos" and rel in LOCATED[kind] else set())
        if rel in args and command in ("ledger", "archive"):  # the export it was asked to replace (--force)
            assert after[rel] == content or zipfile.ZipFile(repo / rel).testzip() is None, rel
        else:
            assert after.get(rel) in allowed, rel
    new = {rel for rel in after if rel not in before and TAG not in rel}
    assert new <= {f"data/{YEAR[kind]}/activities/{YEAR[kind]}-04-01-故障测试.md", "新单位/data/unit.yml",
                   "新单位/data/2026/plan.yml", "新单位/.gitignore", "新单位/.pre-commit-config.yaml"}, new
    for rel in new:  # what it did write is whole
        assert after[rel].endswith(b"\n"), rel
    left = [p for p in repo.rglob(f"*{TAG}*") if p.parent == repo or p.is_file()]
    for path in left:  # what the next run of the command removes first (it is named for its dead process)
        target = path.parent / path.name.partition(TAG)[0].removeprefix(".")
        assert atomic.is_stale(path) and path in atomic.remove_stale(target)
    assert not list(repo.rglob(f"*{TAG}*"))


def test_concurrent_new_activity_runs_write_one_record_and_say_so(templates, tmp_path):
    repo = tmp_path / "init"
    clone(templates["init"], repo)
    args = [sys.executable, "-m", "wenming", *commands("init")["new"]]
    procs = [subprocess.Popen(args, cwd=repo, env=env_for(tmp_path / "cache"), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, encoding="utf-8") for _ in range(3)]
    results = [(p.wait(timeout=60), *p.communicate()) for p in procs]
    assert sorted(code for code, _, _ in results) == [0, 1, 1], results
    for code, _, err in results:
        if code:
            assert "已存在" in err or "已经存在" in err, err
            assert "Traceback" not in err and "内部出错" not in err, err
    record = repo / "data/2026/activities/2026-04-01-故障测试.md"
    assert record.read_text(encoding="utf-8").startswith("---\n") and not list(repo.rglob(f"*{TAG}*"))


FULL = OSError(28, "No space left on device")


@pytest.mark.parametrize("command", ["new", "ledger", "init", "photos"])
def test_a_full_disk_is_a_message_naming_the_file(templates, tmp_path, monkeypatch, command):
    """ENOSPC (no small disk to fill here: the write fails as it would) names the file and loses nothing."""
    from wenming.cli import main
    from wenming.records import atomic

    repo = tmp_path / "init"
    clone(templates["init"], repo)
    before = tree(repo)

    def full(path):
        raise FULL

    monkeypatch.setattr(atomic, "_sync", full)
    monkeypatch.chdir(repo)
    result = CliRunner(mix_stderr=False).invoke(main, commands("init")[command], env={"WENMING_AS_OF": AS_OF["init"]})
    assert result.exit_code == 1, (result.output, result.stderr)
    named = {"new": "data/2026/activities/2026-04-01-故障测试.md", "ledger": "台账.xlsx", "init": "新单位/data/unit.yml",
             "photos": LOCATED["init"][0]}[command]
    assert f"{named}: 磁盘已满，没有完成（No space left on device）。请删掉不需要的文件、腾出磁盘空间后重新运行。" in result.stderr
    assert tree(repo) == before and not list(repo.rglob(f"*{TAG}*"))


def test_a_file_where_a_folder_is_expected_is_a_message(templates, tmp_path, monkeypatch):
    from wenming.cli import main

    repo = tmp_path / "init"
    clone(templates["init"], repo)
    (repo / "data/2026/activities").write_text("不是文件夹\n", encoding="utf-8")
    (repo / "导出").write_text("也不是文件夹\n", encoding="utf-8")
    before = tree(repo)
    monkeypatch.chdir(repo)
    for args in (commands("init")["new"], ["export", "ledger", "-o", "导出/台账.xlsx", "--as-of", AS_OF["init"]],
                 ["build", "-d", "导出/网站", "--as-of", AS_OF["init"]]):
        result = CliRunner(mix_stderr=False).invoke(main, args)
        assert result.exit_code in (1, 2) and "内部出错" not in result.stderr, (args, result.stderr)
        assert "挡在了需要文件夹的位置" in result.stderr or "是一个文件，不是文件夹" in result.stderr, result.stderr
    assert tree(repo) == before
