"""A plan organised by steps with an inspection, in a repository made by `wenming init` (no mkdocs.yml): each
step holds its work, its window holds that work back, and `check`, `status` and the site show the steps. The
statuses a careful reader gives at five dates across the year were written down before the run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import wenming
from wenming.cli import main

PLAN = """\
title: 2026年文明单位创建工作实施方案
phases:
  - {name: 宣传发动, start: 2026-03-01, end: 2026-04-30, text: 成立领导小组，召开动员大会}
  - {name: 组织实施, start: 2026-05-01, end: 2026-08-31}
  - {name: 检查验收, start: 2026-09-01, end: 2026-12-31, text: 自查自纠，迎接测评，整理台账}
events:
  - {name: 测评, start: 2026-10-12, end: 2026-10-16, also: [迎检]}
categories:
  - number: 1
    title: 宣传发动阶段
    phase: 宣传发动
    lead: [bgs]
    tasks:
      - {id: "1-1", title: 成立领导小组, text: 3月底前成立创建工作领导小组。, deadline: 3月底前}
      - {id: "1-2", title: 动员大会, text: 召开创建工作动员大会。, frequency: 至少1次}
  - number: 2
    title: 组织实施阶段
    phase: 组织实施
    lead: [bgs]
    tasks:
      - {id: "2-1", title: 志愿服务, text: 每月开展一次志愿服务。, frequency: 每月}
      - {id: "2-2", title: 文明劝导, text: 文明劝导常态化。, frequency: 常态化}
  - number: 3
    title: 检查验收阶段
    phase: 检查验收
    lead: [bgs]
    tasks:
      - {id: "3-1", title: 迎检自查, text: 迎检前完成一次自查。, deadline: 迎检前, frequency: 至少1次}
      - {id: "3-2", title: 整理台账, text: 11月底前整理好创建台账。, deadline: 11月底前}
"""

RECORDS = [("2026-05-06", "创建工作动员大会", "1-2"), ("2026-05-10", "五月志愿服务", "2-1"),
           ("2026-06-12", "六月志愿服务", "2-1"), ("2026-08-20", "八月志愿服务", "2-1"),
           ("2026-10-08", "迎检自查", "3-1")]

EXPECTED = {  # task → status on each date (a careful reader's, written before the run)
    "2026-03-20": {"1-1": "达标", "1-2": "进行中", "2-1": "未开始", "2-2": "未开始", "3-1": "未开始", "3-2": "未开始"},
    "2026-04-15": {"1-1": "达标", "1-2": "有风险", "2-1": "未开始", "2-2": "未开始", "3-1": "未开始", "3-2": "未开始"},
    "2026-06-30": {"1-1": "达标", "1-2": "逾期完成", "2-1": "进行中", "2-2": "待评定", "3-1": "未开始", "3-2": "未开始"},
    "2026-09-15": {"1-1": "达标", "1-2": "逾期完成", "2-1": "逾期", "2-2": "待评定", "3-1": "有风险", "3-2": "进行中"},
    "2026-12-31": {"1-1": "达标", "1-2": "逾期完成", "2-1": "逾期", "2-2": "待评定", "3-1": "达标", "3-2": "逾期"},
}


@pytest.fixture(scope="module")
def unit(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("steps") / "示例县档案馆"
    result = CliRunner(mix_stderr=False).invoke(main, [
        "init", str(folder), "--name", "示例县档案馆", "--short", "县档案馆", "--level", "县级", "--status", "创建",
        "--staff", "30", "--departments", "办公室:bgs"], env={"WENMING_AS_OF": "2026-03-20"})
    assert result.exit_code == 0, result.stderr
    year = folder / "data" / "2026"
    (year / "plan.yml").write_text(PLAN, encoding="utf-8")
    (year / "activities").mkdir(exist_ok=True)
    for day, title, task in RECORDS:
        (year / "activities" / f"{day}-{title}.md").write_text(
            f"---\ntitle: {title}\ndate: {day}\nplace: 会议室\ndepartments: [bgs]\ntasks: [\"{task}\"]\n---\n\n{title}。\n",
            encoding="utf-8")
    (year / "documents").mkdir(exist_ok=True)
    (year / "documents" / "2026-03-20-领导小组.yml").write_text(
        "title: 关于成立创建工作领导小组的通知\ndate: 2026-03-20\nfile: 2026-03-20-领导小组.pdf\nkind: 文件\ntasks: [\"1-1\"]\n",
        encoding="utf-8")
    (year / "documents" / "2026-03-20-领导小组.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    return folder


def test_check_is_clean(unit):
    result = wenming(unit, "check")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("as_of", sorted(EXPECTED))
def test_each_step_holds_its_work_back(unit, as_of):
    result = wenming(unit, "status", "--json", "--as-of", as_of)
    assert result.returncode == 0, result.stderr
    got = {t["id"]: t["status"] for t in json.loads(result.stdout)["tasks"]}
    assert got == EXPECTED[as_of]


def test_status_shows_the_steps(unit):
    lines = wenming(unit, "status", "--as-of", "2026-09-15").stdout.splitlines()
    steps = [line.strip() for line in lines if line.strip().startswith("阶段 ")]
    assert steps == ["阶段 宣传发动（2026-03-01—2026-04-30，已结束，2 项任务）：到期要求 2，已达标 2",
                     "阶段 组织实施（2026-05-01—2026-08-31，已结束，2 项任务）：到期要求 4，已达标 3，逾期 1",
                     "阶段 检查验收（2026-09-01—2026-12-31，进行中，2 项任务）：到期要求 0，已达标 0"]


def test_the_site_and_the_ledger_show_the_steps(unit, tmp_path):
    assert wenming(unit, "build", "--as-of", "2026-09-15").returncode == 0
    from bs4 import BeautifulSoup
    site = unit / "build"
    plan = BeautifulSoup((site / "2026" / "plan.html").read_text(encoding="utf-8"), "html.parser")
    rows = [[td.get_text(" ", strip=True) for td in tr.select("td")] for tr in plan.select("tr[id^=phase-]")]
    assert [r[0] for r in rows] == ["宣传发动", "组织实施", "检查验收"]
    assert "1-1" in rows[0][2] and rows[1][3].startswith("已结束") and "逾期 1" in rows[1][3]
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    steps = home.select_one(".wm-dash-steps").get_text(" ", strip=True)
    assert "检查验收（进行中）" in steps and "逾期 1" in steps
    ledger = tmp_path / "台账.xlsx"
    assert wenming(unit, "export", "ledger", "--as-of", "2026-09-15", "-o", str(ledger)).returncode == 0
    import openpyxl
    cells = [c.value for row in openpyxl.load_workbook(ledger)["2026年"].iter_rows() for c in row]
    assert "组织实施阶段；每月" not in cells and any(str(c).startswith("宣传发动阶段；3月底前") for c in cells)
