"""A school's plan for a school year, September to June, entered once in the folder of the year it starts
(`period:`), with records from both calendar years; statuses a careful reader gives at five dates across the
period, written down before the run."""

from __future__ import annotations

import datetime as dt

import pytest

from wenming.api import load_dataset
from wenming.judge.progress import evaluate_year

UNIT = "name: 示例县第一中学\nshort: 一中\nlevel: 县级\nstatus: 创建\nstaff: {2023: 80}\ndepartments:\n  - {id: zjc, name: 政教处}\n"
PLAN = """\
title: 2023—2024学年文明校园创建工作计划
period: {start: 2023-09-01, end: 2024-06-30}
categories:
  - number: 1
    title: 德育活动
    lead: [zjc]
    tasks:
      - {id: "1-1", title: 主题班会, text: 每月开展一次主题班会。, frequency: 每月一次}
      - {id: "1-2", title: 学雷锋活动, text: 3月开展学雷锋志愿服务。, deadline: 3月}
      - {id: "1-3", title: 迎新年活动, text: 元旦前开展迎新年文艺活动。, deadline: 元旦前}
      - {id: "1-4", title: 春节慰问, text: 春节前慰问退休教师。, deadline: 春节前}
      - {id: "1-5", title: 学期总结, text: 12月底前、6月底前各报一次学期总结。, deadline: [12月底前, 6月底前]}
      - {id: "1-6", title: 开学典礼, text: 9月、3月各举行一次开学典礼。, deadline: 9月、3月各一次}
"""

ACTIVITIES = [("2023-09-20", "1-1"), ("2023-10-18", "1-1"), ("2023-11-15", "1-1"), ("2023-12-13", "1-1"),
              ("2024-01-10", "1-1"), ("2024-03-12", "1-1"), ("2024-04-16", "1-1"), ("2024-05-14", "1-1"),
              ("2024-06-11", "1-1"), ("2024-03-05", "1-2"), ("2023-12-28", "1-3"), ("2024-02-02", "1-4"),
              ("2023-12-20", "1-5"), ("2024-06-20", "1-5"), ("2023-09-08", "1-6"), ("2024-03-20", "1-6")]

EXPECTED = {
    "2023-10-31": {"1-1": "进行中", "1-2": "未开始", "1-3": "进行中", "1-4": "进行中", "1-5": "进行中", "1-6": "进行中"},
    "2024-01-15": {"1-1": "进行中", "1-2": "未开始", "1-3": "达标", "1-4": "有风险", "1-5": "进行中", "1-6": "进行中"},
    "2024-03-15": {"1-1": "逾期", "1-2": "达标", "1-3": "达标", "1-4": "达标", "1-5": "进行中", "1-6": "有风险"},
    "2024-05-31": {"1-1": "逾期", "1-2": "达标", "1-3": "达标", "1-4": "达标", "1-5": "有风险", "1-6": "达标"},
    "2024-06-30": {"1-1": "逾期", "1-2": "达标", "1-3": "达标", "1-4": "达标", "1-5": "达标", "1-6": "达标"},
}


@pytest.fixture(scope="module")
def school(tmp_path_factory):
    data = tmp_path_factory.mktemp("school") / "data"
    (data / "2023" / "activities").mkdir(parents=True)
    (data / "unit.yml").write_text(UNIT, encoding="utf-8")
    (data / "2023" / "plan.yml").write_text(PLAN, encoding="utf-8")
    for day, task in ACTIVITIES:
        (data / "2023" / "activities" / f"{day}-{task}.md").write_text(
            f"---\ntitle: 活动{task}\ndate: {day}\nplace: 学校\ndepartments: [zjc]\ntasks: [\"{task}\"]\n---\n\n活动。\n",
            encoding="utf-8")
    dataset = load_dataset(data, "data")
    assert [p.format() for p in dataset.problems if p.is_error] == []
    return dataset


@pytest.mark.parametrize("as_of", sorted(EXPECTED))
def test_a_school_year_is_judged_across_the_year_end(school, as_of):
    day = dt.date.fromisoformat(as_of)
    year = school.years[0]
    p = evaluate_year(school.unit, year.until(day), day)
    assert {t: p.tasks[t].status.value for t in EXPECTED[as_of]} == EXPECTED[as_of]


def test_dates_fall_in_the_plans_two_years(school):
    plan = school.years[0].plan
    assert (plan.start, plan.end) == (dt.date(2023, 9, 1), dt.date(2024, 6, 30))
    assert [d.dates for d in plan.task("1-5").deadlines] == [(dt.date(2023, 12, 31),), (dt.date(2024, 6, 30),)]
    monthly = evaluate_year(school.unit, school.years[0], dt.date(2024, 6, 30)).tasks["1-1"].rules
    assert [r.label[:3] for r in monthly] == ["9月不", "10月", "11月", "12月", "1月不", "2月不", "3月不", "4月不", "5月不",
                                               "6月不"]
    assert "2月" in next(r for r in monthly if r.status.value == "逾期").label


def test_a_record_outside_the_period_is_an_error(tmp_path):
    data = tmp_path / "data"
    (data / "2023" / "activities").mkdir(parents=True)
    (data / "unit.yml").write_text(UNIT, encoding="utf-8")
    (data / "2023" / "plan.yml").write_text(PLAN, encoding="utf-8")
    (data / "2023" / "activities" / "2024-07-05-x.md").write_text(
        "---\ntitle: 暑期活动\ndate: 2024-07-05\nplace: 学校\ndepartments: [zjc]\n---\n\n活动。\n", encoding="utf-8")
    messages = [p.format() for p in load_dataset(data, "data").problems if p.is_error]
    assert messages == ["data/2023/activities/2024-07-05-x.md:3: date: 日期 2024-07-05 不在方案的起止日期"
                        "（2023-09-01 至 2024-06-30）之内。请检查日期。"]
