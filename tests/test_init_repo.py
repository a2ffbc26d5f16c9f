"""Every command in a repository made by `wenming init` (the sample's records copied in; no mkdocs.yml there,
so wenming's own site configuration is used: the normal case for a unit) does what it does in this checkout.

Each command runs as its user runs it (`helpers.wenming`: the folder is the current directory, PATH without
the virtual environment) in a copy of the init repository, and the same command runs here; the essential
outcome must be the same: the same messages, the same reminders about photos, the same site, the same files.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import click
import pytest
from PIL import Image

from helpers import FIXTURES, ROOT, article, clone, make_repo, wenming
from wenming.authoring.gps import GPS_IFD, located
from wenming.cli import main

AS_OF = "2018-05-31"
PHOTO = "data/2018/activities/2018-03-06-第一期道德讲堂/现场.jpg"
COVERED = {"build", "check", "demo", "explain", "export archive", "export ledger", "import plan", "init",
           "new activity", "new document", "new honor", "new year", "photos clean", "schema", "serve", "status"}
"""The commands this module runs in an init repository (`serve`: tests/test_serve.py, in both kinds)."""


def located_photo(path: Path) -> Path:
    exif = Image.Exif()
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (34.0, 37.0, 12.5), 3: "E", 4: (112.0, 27.0, 3.2)})
    Image.new("RGB", (32, 24), (0, 90, 200)).save(path, exif=exif.tobytes())
    return path


def ok(done: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    return done


def test_every_command_is_covered():
    def names(group: click.Group, prefix: str = "") -> set[str]:
        out = set()
        for name, command in group.commands.items():
            full = f"{prefix}{name}"
            out |= names(command, f"{full} ") if isinstance(command, click.Group) else {full}
        return out

    assert names(main) == COVERED


def test_check_and_its_photo_reminder(init_repo, tmp_path):
    here, there = wenming(ROOT, "check"), wenming(init_repo, "check")
    assert ok(there).stdout == ok(here).stdout and there.stderr == here.stderr == ""
    located_photo(init_repo / PHOTO)
    there = ok(wenming(init_repo, "check"))
    assert there.stderr.splitlines() == [
        "提醒：1 张照片的原图带有拍摄地点（GPS），提交到 git 后所有能看到仓库的人都能看到（网站上的照片已去掉）：",
        f"  {PHOTO}", "去掉地点：wenming photos clean data"]
    copy = make_repo(tmp_path)  # the same photo in a copy of the fixture data, checked from this checkout
    located_photo(copy / PHOTO.removeprefix("data/"))
    assert "1 张照片的原图带有拍摄地点" in ok(wenming(ROOT, "check", "--data", str(copy))).stderr
    cleaned = ok(wenming(init_repo, "photos", "clean"))
    assert f"已去掉拍摄地点：{PHOTO}" in cleaned.stdout and not located(init_repo / PHOTO)
    assert ok(wenming(init_repo, "check")).stderr == ""


@pytest.mark.parametrize("args", [("status", "--as-of", AS_OF), ("status", "--as-of", AS_OF, "--json", "-v"),
                                  ("status", "--as-of", "2019-12-31", "--year", "2019"),
                                  ("explain", "每季度不少于一次", "--year", "2018")])
def test_reports_are_the_same(init_repo, args):
    here, there = ok(wenming(ROOT, *args)), ok(wenming(init_repo, *args))
    assert (there.stdout, there.stderr) == (here.stdout, here.stderr)
    assert len(there.stdout.splitlines()) > 2


@pytest.fixture(scope="module")
def built(init_template, tmp_path_factory) -> Path:
    """A copy of the init repository with its site built (as the sample site is) and so its photo cache made."""
    repo = clone(init_template, tmp_path_factory.mktemp("init-built") / "文明创建")
    ok(wenming(repo, "build", "--as-of", "2018-12-31"))
    return repo


def test_build_makes_the_same_site(built, sample_site):
    init_repo = built
    site = init_repo / "build"
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    sample = {p.relative_to(sample_site).as_posix() for p in sample_site.rglob("*") if p.is_file()}
    assert files == sample
    for page in ("index.html", "2018/index.html", "2018/plan.html"):
        assert article(site, page).get_text(" ", strip=True) == article(sample_site, page).get_text(" ", strip=True)
    # the same search: index and refined worker (tests/site/test_search.py tests them in the browser)
    for name in ["search/search_index.json"] + sorted(n for n in files if n.startswith("assets/javascripts/workers/")):
        assert (site / name).read_bytes() == (sample_site / name).read_bytes(), name
    assert (init_repo / ".cache" / "wenming" / "photos").is_dir()  # the photo cache is the repository's own
    status = subprocess.run(["git", "status", "--porcelain"], cwd=init_repo, capture_output=True, text=True)
    assert status.stdout == ""  # the site and the cache are ignored (init's .gitignore)


def test_exports(built, tmp_path):
    init_repo = built
    args = ("export", "ledger", "--csv", "--as-of", AS_OF)
    ok(wenming(init_repo, *args, "-o", "台账.csv"))
    ok(wenming(ROOT, *args, "-o", str(tmp_path / "台账.csv")))
    there = (init_repo / "台账.csv").read_bytes()
    assert there == (tmp_path / "台账.csv").read_bytes()
    assert len(list(csv.reader(io.StringIO(there.decode("utf-8-sig"))))) > 40
    ok(wenming(init_repo, "export", "ledger", "--as-of", AS_OF, "-o", "台账.xlsx"))
    assert zipfile.is_zipfile(init_repo / "台账.xlsx")
    done = ok(wenming(init_repo, "export", "archive", "--public", "--as-of", AS_OF, "-o", "台账-2018.zip"))
    assert "离线网站已导出：台账-2018.zip" in done.stdout
    with zipfile.ZipFile(init_repo / "台账-2018.zip") as z:
        assert "台账-2018/index.html" in z.namelist() and "台账-2018/2018/tasks/index.html" in z.namelist()
    status = subprocess.run(["git", "status", "--porcelain"], cwd=init_repo, capture_output=True, text=True)
    assert status.stdout == ""  # the exports are ignored (init's .gitignore)


def test_new_records(init_repo):
    ok(wenming(init_repo, "new", "activity", "--date", "2018-05-20", "--title", "植树活动", "--department", "bgs",
               "--task", "5-2"))
    activity = next((init_repo / "data/2018/activities").glob("2018-05-20-植树活动*.md"))
    ok(wenming(init_repo, "new", "honor", "--date", "2018-05-15", "--name", "张三", "--department", "bgs",
               "--category", "助人为乐", "--deed", "扶起摔倒的老人并送医。"))
    (init_repo / "会议记录.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    ok(wenming(init_repo, "new", "document", "--file", "会议记录.pdf", "--date", "2018-05-10", "--title", "会议记录",
               "--task", "1-1"))
    ok(wenming(init_repo, "new", "year", "2020"))
    assert activity.is_file() and (init_repo / "data/2020/plan.yml").is_file()
    checked = wenming(init_repo, "check")  # found where check looks: the templates' hints are still to replace
    assert checked.returncode == 1 and "data/2018/activities/2018-05-20-植树活动.md:15: 正文里还留着模板的提示" in checked.stderr
    assert "data/2018/honors/2018-05-15-张三.md:14: 事迹全文里还留着模板的提示" in checked.stderr
    assert "在 data/ 中发现 4 个问题" in checked.stderr


def test_import_schema_and_demo(init_repo, tmp_path):
    plan = FIXTURES / "plans" / "2022-bureau.txt"
    shutil.copy(plan, init_repo / "方案.txt")
    there = ok(wenming(init_repo, "import", "plan", "方案.txt"))
    here = ok(wenming(ROOT, "import", "plan", str(plan), "-o", str(tmp_path / "plan.yml")))
    drafts = [(f / "plan.yml").read_text(encoding="utf-8").split("\n", 1) for f in (init_repo / "data/2022", tmp_path)]
    assert drafts[0][1] == drafts[1][1] and "方案.txt" in drafts[0][0]  # the first line names the document
    assert there.stdout.splitlines()[1:] == here.stdout.splitlines()[1:]  # the first line names the files
    ok(wenming(init_repo, "schema"))
    ok(wenming(ROOT, "schema", "-o", str(tmp_path / "schemas")))
    assert {p.name: p.read_bytes() for p in (init_repo / "schemas").iterdir()} == \
        {p.name: p.read_bytes() for p in (tmp_path / "schemas").iterdir()}
    ok(wenming(init_repo, "demo", "--years", "1", "--activities-per-year", "2", "--out", "演示"))
    assert ok(wenming(init_repo, "check", "--data", "演示/data")).stdout.startswith("检查通过")


def test_init_in_a_subfolder_of_the_repository(init_repo):
    """`wenming init` in a folder of an existing repository: a second unit's records beside the first."""
    done = ok(wenming(init_repo, "init", "分局", "--name", "分局", "--short", "分局", "--level", "市级", "--status",
                      "创建", "--staff", "12", "--departments", "办公室", "--year", "2018"))
    assert "git init" not in done.stdout and "已存在，没有改动" in done.stdout  # the repository's hook is kept
    assert "检查通过" in ok(wenming(init_repo / "分局", "check")).stdout
