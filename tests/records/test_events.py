"""Events are first-class: registered with their dates and other words, read in phrases, warned about when a
phrase names one that is not registered; the work of an event is held back until it begins."""

from __future__ import annotations

import datetime as dt

from wenming.api import load_dataset
from wenming.judge.progress import evaluate_year

UNIT = "name: 示例县图书馆\nshort: 图书馆\nlevel: 县级\nstatus: 创建\nstaff: {2024: 20}\ndepartments:\n  - {id: bgs, name: 办公室}\n"
PLAN = """\
title: 2024年创建工作方案
events:
  - {name: 测评, start: 2024-09-16, end: 2024-09-25, also: [迎检, 检查验收]}
categories:
  - number: 1
    title: 迎检
    lead: [bgs]
    tasks:
      - {id: "1-1", title: 迎检前自查, text: 迎检前完成一次自查。, deadline: 迎检前, frequency: 至少1次}
      - {id: "1-2", title: 测评期间志愿服务, text: 测评期间每天安排志愿者。, deadline: 测评期间, frequency: 常态化}
      - {id: "1-3", title: 评审前准备, text: 评审前整理台账。, deadline: 评审前}
"""


def _data(tmp_path):
    data = tmp_path / "data"
    (data / "2024").mkdir(parents=True)
    (data / "unit.yml").write_text(UNIT, encoding="utf-8")
    (data / "2024" / "plan.yml").write_text(PLAN, encoding="utf-8")
    return load_dataset(data, "data")


def test_other_words_for_one_event_and_a_warning_for_an_unregistered_one(tmp_path):
    dataset = _data(tmp_path)
    messages = [p.format() for p in dataset.problems]
    assert len(messages) == 1 and messages[0].startswith("data/2024/plan.yml:11: categories[1].tasks[3].deadline:")
    assert "“评审”不是 events 里登记的事件" in messages[0] and "also" in messages[0]
    plan = dataset.years[0].plan
    assert plan.event("迎检") is plan.event("检查验收") is plan.event("测评")


def test_an_events_work_waits_for_it(tmp_path):
    dataset = _data(tmp_path)
    year = dataset.years[0]
    june = evaluate_year(dataset.unit, year, dt.date(2024, 6, 30))
    assert june.tasks["1-1"].status.value == "进行中"  # before the inspection: due 15 September
    assert june.tasks["1-2"].status.value == "未开始" and june.tasks["1-2"].reason.startswith("9月16日开始")
    assert june.tasks["1-3"].status.value == "待评定" and "评审的日期尚未确定" in june.tasks["1-3"].reason
    october = evaluate_year(dataset.unit, year, dt.date(2024, 10, 8))
    assert october.tasks["1-1"].status.value == "逾期" and october.tasks["1-2"].status.value == "待评定"
