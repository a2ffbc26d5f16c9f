"""A plan organised by steps, imported in a repository made by `wenming init`: each step's numbered work
becomes tasks tied to the step (phase:), its words the step's text, and the judge holds that work to the
step's window (未开始 before it, 逾期 after it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from click.testing import CliRunner

from helpers import FIXTURES, wenming
from wenming.cli import main

PLAN = FIXTURES / "plans" / "layouts" / "l32-steps-with-work" / "plan.txt"


@pytest.fixture(scope="module")
def unit(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("import-steps") / "示例县某局"
    result = CliRunner(mix_stderr=False).invoke(main, [
        "init", str(folder), "--name", "示例县某局", "--short", "县某局", "--level", "县级", "--status", "创建",
        "--staff", "40", "--departments", "办公室:bgs,宣传教育科:xjk,业务管理科:ywk,机关团委:tw,机关党委:jgdw"],
        env={"WENMING_AS_OF": "2024-03-01"})
    assert result.exit_code == 0, result.stderr
    (folder / "data" / "2024" / "plan.yml").unlink()  # init's blank plan, removed first as the guide says
    imported = wenming(folder, "import", "plan", str(PLAN))
    assert imported.returncode == 0, imported.stdout + imported.stderr
    return folder


def test_the_draft_ties_each_steps_work_to_it(unit):
    plan = yaml.safe_load((unit / "data" / "2024" / "plan.yml").read_text(encoding="utf-8"))
    assert [(p["name"], p.get("text", "").strip()) for p in plan["phases"]] == [
        ("宣传动员", ""),
        ("全面实施", "按照测评体系分解任务，各科室对照落实，创建办每月通报进度。"),
        ("检查验收", "对照创建标准开展自查自纠，整理归档创建台账，迎接上级检查验收。"),
        ("总结提高", "总结全年创建工作，表彰先进科室和个人。")]
    assert [(c["phase"], [t["id"] for t in c["tasks"]]) for c in plan["categories"]] == [
        ("宣传动员", ["1-1", "1-2"]), ("全面实施", ["2-1", "2-2", "2-3"]), ("检查验收", ["3-1"])]
    assert wenming(unit, "check").returncode == 0


@pytest.mark.parametrize("as_of, expected", [
    ("2024-03-20", {"1-1": "逾期", "2-1": "未开始", "2-2": "未开始", "2-3": "未开始", "3-1": "未开始"}),
    # 1-2 has no time limit of its own (全年): its step's end (3月31日) is its end
    ("2024-04-01", {"1-1": "逾期", "1-2": "逾期", "2-2": "进行中", "3-1": "未开始"}),
    ("2024-12-31", {"1-1": "逾期", "1-2": "逾期", "2-1": "逾期", "2-2": "逾期", "2-3": "逾期", "3-1": "逾期"}),
])
def test_the_steps_window_holds_its_work(unit, as_of, expected):
    result = wenming(unit, "status", "--json", "--as-of", as_of)
    assert result.returncode == 0, result.stderr
    tasks = {t["id"]: t for t in json.loads(result.stdout)["tasks"]}
    assert {k: tasks[k]["status"] for k in expected} == expected
    if as_of > "2024-03-31":
        assert tasks["1-2"]["reason"] == "还差1次，3月31日已截止"


def test_status_lists_the_imported_steps(unit):
    lines = wenming(unit, "status", "--as-of", "2024-06-30").stdout.splitlines()
    steps = [line.strip().split("（")[0] for line in lines if line.strip().startswith("阶段 ")]
    assert steps == ["阶段 宣传动员", "阶段 全面实施", "阶段 检查验收", "阶段 总结提高"]


def test_the_site_shows_each_steps_text_and_work(unit):
    built = wenming(unit, "build", "--as-of", "2024-06-30")
    assert built.returncode == 0, built.stderr
    page = BeautifulSoup((unit / "build" / "2024" / "plan.html").read_text(encoding="utf-8"), "html.parser")
    steps = {tr.select("td")[0].get_text(strip=True): tr.select("td")[2].get_text(" ", strip=True)
             for tr in page.select("tr[id^=phase-]")}
    assert steps["全面实施"].startswith("按照测评体系分解任务") and "2-1" in steps["全面实施"]
    assert steps["总结提高"] == "总结全年创建工作，表彰先进科室和个人。"
    # the steps' categories name no lead of their own: each task names its own
    assert page.get_text().count("牵头部门：见各项任务") == 3 and "牵头部门：未明确" not in page.get_text()
