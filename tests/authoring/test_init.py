"""`wenming init`: a unit's own repository from nothing, that checks clean and builds a dashboard; never overwrites."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from click.testing import CliRunner

from helpers import wenming
from wenming.api import load_dataset
from wenming.authoring.starter import Department, department_id, parse_departments
from wenming.cli import main

OPTIONS = ["--name", "示例县档案馆", "--short", "县档案馆", "--level", "市级", "--status", "创建", "--staff", "30",
           "--departments", "办公室:bgs,机关党委:jgdw,业务指导科"]
AS_OF = {"WENMING_AS_OF": "2026-03-20"}
"""The edge's "as of" date: `wenming init` takes the current year from it (never from the clock itself)."""


def init(*args: str, input: str | None = None, env: dict | None = None):
    return CliRunner(mix_stderr=False).invoke(main, ["init", *args], input=input, env={**AS_OF, **(env or {})})


@pytest.fixture(scope="module")
def unit(tmp_path_factory) -> Path:
    """`wenming init FOLDER` with every option, in an empty folder."""
    folder = tmp_path_factory.mktemp("init") / "县档案馆"
    result = init(str(folder), *OPTIONS)
    assert result.exit_code == 0, result.stderr
    return folder


def test_init_writes_the_repository(unit):
    assert sorted(p.relative_to(unit).as_posix() for p in unit.rglob("*") if ".git/" not in p.as_posix()
                  and p.is_file()) == [".gitignore", ".pre-commit-config.yaml", "data/2026/plan.yml", "data/unit.yml"]
    assert (unit / ".git").is_dir()
    dataset = load_dataset(unit / "data", "data")
    assert [p.format() for p in dataset.problems] == []
    u = dataset.unit
    assert (u.name, u.short, u.level, u.status, u.staff) == ("示例县档案馆", "县档案馆", "市级", "创建", {2026: 30})
    assert [(o.id, o.name) for o in u.departments] == [("bgs", "办公室"), ("jgdw", "机关党委"), ("ywzdk", "业务指导科")]
    assert [(y.year, y.plan.title, y.plan.tasks) for y in dataset.years] == [(2026, "2026年度精神文明建设工作实施方案", ())]
    assert {"build/", ".cache/"} <= set((unit / ".gitignore").read_text(encoding="utf-8").splitlines())
    hooks = yaml.safe_load((unit / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"]
    assert [(h["id"], h["entry"], h["files"]) for h in hooks] == [("wenming-check", "wenming check --staged", "^data/")]


def test_init_says_what_to_do_next():
    runner = CliRunner(mix_stderr=False)
    with runner.isolated_filesystem():
        result = runner.invoke(main, ["init", "新单位", *OPTIONS], env=AS_OF)
    out = result.stdout
    assert "已在 新单位 新建 示例县档案馆 的文明创建记录" in out
    assert "部门编号：bgs 办公室、jgdw 机关党委、ywzdk 业务指导科" in out
    assert "cd 新单位" in out and "打开 data/2026/plan.yml" in out and "wenming build" in out


def test_check_and_build_in_the_new_repository(unit):
    done = wenming(unit, "check")
    assert done.returncode == 0 and "检查通过。2026 年：0 项任务" in done.stdout, done.stderr
    done = wenming(unit, "build", "--as-of", "2026-03-20")
    assert done.returncode == 0, done.stderr
    home = BeautifulSoup((unit / "build/index.html").read_text(encoding="utf-8"), "html.parser").select_one("article")
    assert home.h1.get_text(strip=True) == "县档案馆 · 2026年文明单位创建"
    tip = home.select_one(".admonition.tip")
    assert tip.select_one(".admonition-title").get_text(strip=True) == "下一步"
    steps = [li.strong.get_text(strip=True) for li in tip.select("li")]
    assert steps == ["填写实施方案", "录入第一条活动", "检查、生成和发布"]
    assert "data/2026/plan.yml" in tip.get_text() and [c.get_text() for c in tip.select("code")] == [
        "wenming new activity", "wenming check && wenming build"]
    links = [a["href"] for a in tip.select("a")]
    assert links == ["guide/start.html", "guide/activity.html", "guide/deploy.html"]
    assert all((unit / "build" / link).is_file() for link in links)


def test_never_overwrites(unit):
    before = {p: p.read_bytes() for p in unit.rglob("*") if p.is_file() and ".git/" not in p.as_posix()}
    result = init(str(unit), *OPTIONS)
    assert result.exit_code == 1 and "data/unit.yml: 文件已存在，没有覆盖" in result.stderr
    assert {p: p.read_bytes() for p in before} == before


def test_keeps_an_existing_gitignore_and_repository_adding_what_is_never_committed(tmp_path):
    """The user's .gitignore keeps its lines (and its line ends); what wenming makes is added at its end."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text("*.docx\n", encoding="utf-8")
    folder = tmp_path / "文明创建"
    folder.mkdir()
    (folder / ".gitignore").write_bytes(b"mine\r\n/build/\r\n")
    os.chmod(folder / ".gitignore", 0o640)
    result = init(str(folder), *OPTIONS)
    assert result.exit_code == 0, result.stderr
    added = [".cache/", "导出/", "*台账*.xlsx", "*台账*.csv", "*台账*.zip", ".*.wenming-tmp-*"]
    assert (folder / ".gitignore").read_bytes() == ("mine\r\n/build/\r\n# wenming（wenming init 添加）：生成的网站、"
                                                    "照片缓存和导出的台账不提交。\r\n" + "\r\n".join(added) + "\r\n").encode()
    assert (folder / ".gitignore").stat().st_mode & 0o777 == 0o640
    assert "已存在，在末尾加上了 " + "、".join(added) in result.stdout
    assert not (folder / ".git").exists() and "git init" not in result.stdout  # already inside a repository
    assert (folder / ".pre-commit-config.yaml").is_file()
    assert init(str(tmp_path / "again"), *OPTIONS).exit_code == 0
    (tmp_path / "again" / "data" / "unit.yml").unlink()
    (tmp_path / "again" / "data" / "2026" / "plan.yml").unlink()
    before = (tmp_path / "again" / ".gitignore").read_bytes()
    result = init(str(tmp_path / "again"), *OPTIONS)  # nothing missing: nothing added
    assert (tmp_path / "again" / ".gitignore").read_bytes() == before and "已存在，没有改动" in result.stdout


def test_prompts_for_what_is_missing_and_asks_again(tmp_path):
    answers = "示例区税务局\n\n省级\n\n0\n120\n办公室:B G\n办公室,纪检组:jjz\n"
    result = init(str(tmp_path / "a"), input=answers)
    assert result.exit_code == 0, result.stderr
    assert "编号只能用小写字母、数字和 -" in result.stderr
    unit = load_dataset(tmp_path / "a" / "data", "data").unit
    assert (unit.name, unit.short, unit.level, unit.status, unit.staff) == ("示例区税务局", "示例区税务局", "省级", "保持",
                                                                             {2026: 120})
    assert [(o.id, o.name) for o in unit.departments] == [("bgs", "办公室"), ("jjz", "纪检组")]


def test_bad_options_write_nothing(tmp_path):
    result = init(str(tmp_path / "b"), *OPTIONS[:-2], "--departments", "办公室:bgs,综合科:bgs")
    assert result.exit_code == 2 and '--departments: "综合科:bgs"：编号 "bgs" 重复' in result.stderr
    assert not (tmp_path / "b" / "data").exists()
    result = init(str(tmp_path / "b"), *OPTIONS[:6], "--level", "乡级")
    assert result.exit_code == 2 and not (tmp_path / "b" / "data").exists()


def test_year_option_and_the_edge_date():
    runner = CliRunner(mix_stderr=False)
    with runner.isolated_filesystem():
        result = runner.invoke(main, ["init", "x", *OPTIONS, "--year", "2027"], env=AS_OF)
        assert result.exit_code == 0 and Path("x/data/2027/plan.yml").is_file()
        result = runner.invoke(main, ["init", "y", *OPTIONS], env={"WENMING_AS_OF": "", "SOURCE_DATE_EPOCH": "1830000000"})
        assert result.exit_code == 0 and Path("y/data/2027/plan.yml").is_file()  # 2027-12-28


def test_department_ids():
    assert department_id("办公室") == "bgs" and department_id("机关党委") == "jgdw" and department_id("第3党支部") == "d3dzb"
    assert parse_departments("办公室：bgs，机关党委、工会") == (
        [Department("办公室", "bgs"), Department("机关党委", "jgdw"), Department("工会", "gh")], [])
    assert parse_departments("办公室,保卫科,办事处") == (
        [Department("办公室", "bgs"), Department("保卫科", "bwk"), Department("办事处", "bsc")], [])
    assert parse_departments("办公室,布告室")[0] == [Department("办公室", "bgs"), Department("布告室", "bgs2")]
    assert parse_departments(" , ")[1] == ["至少要有一个部门。请写成 名称:编号，几个部门用逗号分开，如 办公室:bgs,机关党委:jgdw。"]
    assert parse_departments(":bgs")[1] == ['":bgs"：缺少部门名称。请写成 名称:编号，如 办公室:bgs。']
