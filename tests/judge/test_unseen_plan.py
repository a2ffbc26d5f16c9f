"""A transport bureau's plan, written in the format as a new user would, judged as a careful reader would.

Each task below is one of the wrong readings of rule engine v1 (see issue 12), with invented records.
"""

from __future__ import annotations

import datetime as dt

import pytest

from wenming.api import load_dataset
from wenming.judge.progress import evaluate_year

PLAN = """\
title: 2019年交通运输局文明单位创建工作实施方案
events:
  - {name: 测评}
  - {name: 检查, start: 2019-11-20, end: 2019-11-22}
categories:
  - number: 1
    title: 创建工作机制
    tasks:
      - id: "1-1"
        title: 领导班子研究创建工作
        text: 领导班子每季度研究一次创建工作，工作时限10月底前。
        deadline: 10月底前
        frequency: 每季度不少于一次
        owner: 赵某某
        leader: 钱某某
      - id: "1-2"
        title: 报送方案和总结
        text: 3月底前报方案、11月底前报总结。
        deadline: 3月底前报方案、11月底前报总结
      - id: "1-3"
        title: 专项经费
        text: 3月安排专项经费。
        deadline: 3月
  - number: 2
    title: 志愿服务
    lead: [bgs]
    tasks:
      - id: "2-1"
        title: 文明交通劝导
        text: 从7月起每月开展一次文明交通劝导。
        frequency: 从7月起每月
      - id: "2-2"
        title: 工作信息
        text: 每季度报送1篇工作信息。
        frequency: 每季度报送1篇
        rules:
          - {type: per_cycle, cycle: quarter, min: 1, kinds: [工作信息], label: 每季度报送1篇工作信息}
      - id: "2-3"
        title: 窗口服务
        text: 窗口服务常态化。
        frequency: 常态化
      - id: "2-4"
        title: 专项整治
        text: 时间节点见专项通知。
        deadline: 时间节点见附件
      - id: "2-5"
        title: 测评期间志愿服务
        text: 测评期间组织志愿者上岗。
        deadline: 测评期间
      - id: "2-6"
        title: 迎检准备
        text: 检查前10天完成自查。
        deadline: 检查前10天
      - id: "2-7"
        title: 上半年报送2次简报
        text: 6月底前报送2期简报。
        deadline: 6月底前
        frequency: 2期
"""

UNIT = """\
name: 示例市交通运输局
short: 交通局
level: 市级
status: 创建
report_dates: reported
staff: {2019: 120}
departments:
  - {id: bgs, name: 办公室}
"""


def _activity(day: str, title: str, task: str) -> str:
    return f"---\ntitle: {title}\ndate: {day}\nplace: 局机关\ndepartments: [bgs]\ntasks: [\"{task}\"]\nreported: {day}\n---\n\n{title}。\n"


def _document(day: str, title: str, kind: str, task: str) -> tuple[str, str]:
    return (f"title: {title}\ndate: {day}\nfile: {day}.pdf\nkind: {kind}\ntasks: [\"{task}\"]\n", "%PDF-1.4\n")


@pytest.fixture(scope="module")
def bureau(tmp_path_factory):
    root = tmp_path_factory.mktemp("bureau")
    data = root / "data"
    (data / "2019" / "activities").mkdir(parents=True)
    (data / "2019" / "documents").mkdir(parents=True)
    (data / "unit.yml").write_text(UNIT, encoding="utf-8")
    (data / "2019" / "plan.yml").write_text(PLAN, encoding="utf-8")
    acts = [("2019-02-12", "一季度班子会", "1-1"), ("2019-05-10", "二季度班子会", "1-1"),
            ("2019-08-08", "三季度班子会", "1-1"),
            ("2019-01-20", "一月劝导", "2-1"), ("2019-07-15", "七月劝导", "2-1"), ("2019-09-02", "九月劝导", "2-1"),
            ("2019-02-20", "一月的经费会", "1-3"), ("2019-06-10", "简报一", "2-7"), ("2019-07-05", "简报二", "2-7")]
    for day, title, task in acts:
        (data / "2019" / "activities" / f"{day}-{title}.md").write_text(_activity(day, title, task), encoding="utf-8")
    docs = [("2019-03-20", "创建方案", "方案", "1-2"), ("2019-02-01", "一季度工作信息", "工作信息", "2-2"),
            ("2019-05-01", "二季度工作信息", "工作信息", "2-2"), ("2019-08-01", "三季度工作信息", "工作信息", "2-2"),
            ("2019-11-05", "四季度工作信息", "工作信息", "2-2")]
    for day, title, kind, task in docs:
        meta, body = _document(day, title, kind, task)
        (data / "2019" / "documents" / f"{day}.yml").write_text(meta, encoding="utf-8")
        (data / "2019" / "documents" / f"{day}.pdf").write_text(body, encoding="utf-8")
    dataset = load_dataset(data, "data")
    assert [p.format() for p in dataset.problems if p.is_error] == []
    return dataset


def statuses(dataset, day):
    year = dataset.years[0]
    progress = evaluate_year(dataset.unit, year.until(day), day)
    return {task_id: (r.status.value, r.reason) for task_id, r in progress.tasks.items()}, progress


def test_statuses_at_year_end(bureau):
    got, progress = statuses(bureau, dt.date(2019, 12, 31))
    assert {k: v[0] for k, v in got.items()} == {
        "1-1": "逾期",      # Q4 cut at 31 Oct: no meeting in October
        "1-2": "逾期",      # the 方案 came in time, the 总结 never did
        "1-3": "逾期",      # "3月" is inside March: a February meeting does not count
        "2-1": "逾期",      # July and September done, August missing; January is before the start
        "2-2": "达标",      # four 工作信息 documents, one a quarter
        "2-3": "待评定",    # 常态化: a person judges
        "2-4": "待评定",    # the standard is in an attachment not typed in
        "2-5": "待评定",    # the date of 测评 is not known yet
        "2-6": "逾期",      # 10 days before 20 Nov: nothing by 10 Nov
        "2-7": "逾期完成",  # two briefs by 30 June asked, the second came 5 July
    }
    assert got["2-7"][1] == "7月5日完成，晚了5天（6月30日截止）"
    assert got["2-3"][1] == "需人工评定“常态化”，尚未评定"
    assert got["2-4"][1].startswith("标准见附件，尚未录入")
    assert got["2-5"][1].startswith("测评的日期尚未确定")
    q4 = [r for r in progress.tasks["1-1"].rules if r.label.startswith("10–10月") or "10月1日" in r.label]
    assert [(r.start, r.due) for r in q4] == [(dt.date(2019, 10, 1), dt.date(2019, 10, 31))]
    later = [r.label for r in progress.tasks["2-1"].rules]
    assert later[0].startswith("7月") and len(later) == 6    # July to December, not January to June
    assert "不在3月1日—3月31日之内" in got["1-3"][1]


def test_statuses_mid_year(bureau):
    got, _ = statuses(bureau, dt.date(2019, 6, 30))
    assert got["2-1"][0] == "未开始"                         # starts in July: nothing is late in June
    assert got["1-1"][0] == "进行中"
    assert got["2-7"][0] == "逾期"                           # one of two, due today: at the day's end it is late


def test_owner_and_leader_and_no_lead(bureau):
    task = bureau.years[0].plan.task("1-1")
    assert (task.owner, task.leader, task.lead) == ("赵某某", "钱某某", ())
    assert task.end == dt.date(2019, 10, 31) and task.frequency == ("每季度不少于一次",)
