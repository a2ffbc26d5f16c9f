"""A township health centre's plan, written in our own words in the format, with invented records, and the
status a careful reader of the plan gives each task at mid-year, on the year's last day and after it (written
down before the run). Each task is one of the cases of issue 24 (wenming 15)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from wenming.api import load_dataset
from wenming.judge.export_json import progress_json
from wenming.judge.progress import evaluate_year
from wenming.judge.report import report_lines
from wenming.judge.scoring import score_item

PLAN = """\
title: 2024年卫生院文明单位创建工作方案
events:
  - {name: 测评, start: 2024-10-15, end: 2024-10-17}
categories:
  - number: 1
    title: 工作机制
    lead: [bgs]
    tasks:
      - {id: "1-1", title: 测评期间志愿服务, text: 测评期间（10月15日至17日）组织志愿服务。, deadline: 10月15日-17日}
      - {id: "1-2", title: 志愿者比例, text: 注册志愿者占职工总数的30%以上。, frequency: 注册志愿者占职工总数的30%以上}
      - {id: "1-3", title: 工作信息, text: 每季度报送工作信息不低于1篇。, frequency: 每季度不低于1篇工作信息}
      - {id: "1-4", title: 半年总结, text: 每半年至少开展1次讲评，10月底前完成。, deadline: 10月底前, frequency: 每半年至少开展1次}
      - {id: "1-5", title: 端午活动, text: 端午节前开展一次包粽子活动。, deadline: 端午节前}
      - {id: "1-6", title: 上半年培训, text: 6月30日前完成一次全员培训。, deadline: 6月30日前}
      - {id: "1-7", title: 定期检查, text: 定期检查院内环境。, frequency: 定期检查}
  - number: 2
    title: 阵地建设
    lead: [bgs]
    tasks:
      - {id: "2-1", title: 下半年常态化服务, text: 从7月起窗口服务常态化。, frequency: [从7月起, 常态化]}
      - {id: "2-2", title: 测评期间定期巡查, text: 测评期间定期巡查。, deadline: 测评期间, frequency: 定期巡查}
      - {id: "2-3", title: 公益广告, text: 设置公益广告5处以上。, frequency: 5处以上}
      - {id: "2-4", title: 结对帮扶, text: 每人分包1户困难家庭。, frequency: 每人分包1户}
      - {id: "2-5", title: 主题活动, text: 开展主题活动2-3个。, frequency: 2-3个}
      - id: "2-6"
        title: 方案和总结
        text: 有实施方案和年度总结。
        rules: [{type: documents, each: [方案, 总结]}]
      - {id: "2-7", title: 学习日, text: 1月、7月各开展一次集中学习。, deadline: 1月、7月各一次}
      - id: "2-8"
        title: 两项专题活动
        text: ①每季度开展一次健康讲座；②全年开展义诊不少于2次。
        subtasks:
          - {id: "2-8-1", text: 每季度开展一次健康讲座, frequency: 每季度一次}
          - {id: "2-8-2", text: 全年开展义诊不少于2次, frequency: 全年不少于2次}
"""

UNIT = """\
name: 示例镇卫生院
short: 卫生院
level: 县级
status: 创建
report_dates: reported
staff: {2024: 50}
departments:
  - {id: bgs, name: 办公室}
"""

TALLIES = """\
volunteers:
  - {registered: 10, date: 2024-01-10}
  - {registered: 18, date: 2024-09-01}
"""

JUDGEMENTS = """\
- {task: "1-7", word: 定期检查, result: 未达标, by: 王某, date: 2024-05-10, note: 3月到5月没有检查记录}
"""

ACTIVITIES = [  # (start, end, title, task, extra front matter)
    ("2024-10-14", "2024-10-18", "测评周志愿服务", "1-1", ""),
    ("2024-11-05", None, "健康知识进社区", "1-3", ""),
    ("2024-03-15", None, "上半年讲评", "1-4", ""),
    ("2024-11-10", None, "下半年讲评", "1-4", ""),
    ("2024-06-20", None, "包粽子活动", "1-5", ""),
    ("2024-04-12", None, "新设公益广告", "2-3", "quantity: {处: 3}\n"),
    ("2024-03-01", None, "主题活动一", "2-5", ""),
    ("2024-04-01", None, "主题活动二", "2-5", ""),
    ("2024-05-01", None, "主题活动三", "2-5", ""),
    ("2024-09-01", None, "主题活动四", "2-5", ""),
    ("2024-02-05", None, "一月集中学习（补）", "2-7", ""),
    ("2024-08-01", None, "七月集中学习（补）", "2-7", ""),
    ("2024-02-01", None, "一季度健康讲座", "2-8-1", ""),
    ("2024-05-01", None, "二季度健康讲座", "2-8-1", ""),
    ("2024-03-20", None, "义诊", "2-8-2", ""),
]
DOCUMENTS = [  # (date, title, kind, task, extra)
    ("2024-02-10", "一季度工作信息", "工作信息", "1-3", ""),
    ("2024-05-10", "二季度工作信息", "工作信息", "1-3", ""),
    ("2024-08-10", "三季度工作信息", "工作信息", "1-3", ""),
    ("2024-02-20", "公益广告设置清单", "名单", "2-3", "quantity: {处: 3}\n"),
    ("2024-03-01", "创建工作实施方案", "方案", "2-6", ""),
]

# What a careful reader says, task by task: mid-year, the year's last day, after the year.
EXPECTED = {
    "1-1": ("未开始", "达标", "达标"),          # any day of 14–18 October is inside 15–17 October
    "1-2": ("进行中", "达标", "达标"),          # 10/50 known in June; 18/50 counted on 1 September
    "1-3": ("进行中", "逾期", "逾期"),          # Q4's activity is no 工作信息
    "1-4": ("进行中", "逾期完成", "逾期完成"),  # the second half year's 讲评 came 10 days after 31 October
    "1-5": ("逾期完成", "逾期完成", "逾期完成"),  # 端午 2024 is 10 June; held on 20 June
    "1-6": ("逾期", "逾期", "逾期"),            # due 30 June and missing: late at the end of that day
    "1-7": ("逾期", "逾期", "逾期"),            # judged 未达标: late at once
    "2-1": ("未开始", "待评定", "待评定"),      # starts in July: nothing to judge in June
    "2-2": ("未开始", "待评定", "待评定"),      # its event is in October
    "2-3": ("达标", "达标", "达标"),            # 3 + 3 places, not 2 records
    "2-4": ("待评定", "待评定", "待评定"),      # one household per person: a person checks against the list
    "2-5": ("达标", "达标", "达标"),            # four activities are not "over" 2-3
    "2-6": ("进行中", "逾期", "逾期"),          # each of 方案 and 总结 is needed; no 总结
    "2-7": ("进行中", "逾期完成", "逾期完成"),  # January's in February (July's still to come), July's in August
    "2-8": ("进行中", "逾期", "逾期"),          # Q3 and Q4 lectures missing by the year's end
}
DATES = (dt.date(2024, 6, 30), dt.date(2024, 12, 31), dt.date(2025, 1, 15))


@pytest.fixture(scope="module")
def centre(tmp_path_factory):
    data = tmp_path_factory.mktemp("centre") / "data"
    (data / "2024" / "activities").mkdir(parents=True)
    (data / "2024" / "documents").mkdir(parents=True)
    (data / "unit.yml").write_text(UNIT, encoding="utf-8")
    (data / "2024" / "plan.yml").write_text(PLAN, encoding="utf-8")
    (data / "2024" / "tallies.yml").write_text(TALLIES, encoding="utf-8")
    (data / "2024" / "judgements.yml").write_text(JUDGEMENTS, encoding="utf-8")
    for start, end, title, task, extra in ACTIVITIES:
        when = f"start: {start}\nend: {end}\n" if end else f"date: {start}\n"
        text = (f"---\ntitle: {title}\n{when}place: 院内\ndepartments: [bgs]\ntasks: [\"{task}\"]\n"
                f"reported: {end or start}\n{extra}---\n\n{title}。\n")
        (data / "2024" / "activities" / f"{start}-{title}.md").write_text(text, encoding="utf-8")
    for day, title, kind, task, extra in DOCUMENTS:
        meta = f"title: {title}\ndate: {day}\nfile: {day}-{kind}.pdf\nkind: {kind}\ntasks: [\"{task}\"]\n{extra}"
        (data / "2024" / "documents" / f"{day}-{kind}.yml").write_text(meta, encoding="utf-8")
        (data / "2024" / "documents" / f"{day}-{kind}.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    dataset = load_dataset(data, "data")
    assert [p.format() for p in dataset.problems if p.is_error] == []
    return dataset


def _progress(dataset, as_of: dt.date):
    year = dataset.years[0]
    return evaluate_year(dataset.unit, year.until(as_of), as_of)


@pytest.mark.parametrize("i, as_of", list(enumerate(DATES)), ids=[d.isoformat() for d in DATES])
def test_the_status_a_careful_reader_gives(centre, i, as_of):
    p = _progress(centre, as_of)
    got = {t: p.tasks[t].status.value for t in EXPECTED}
    assert got == {t: want[i] for t, want in EXPECTED.items()}


def test_the_reasons_say_why(centre):
    end = _progress(centre, DATES[1])
    mid = _progress(centre, DATES[0])
    assert "晚了10天" in end.tasks["1-4"].reason and "10月31日截止" in end.tasks["1-4"].reason
    assert "（2024-01-10 统计）" in mid.tasks["1-2"].reason and "（2024-09-01 统计）" in end.tasks["1-2"].reason
    assert "还差" in end.tasks["1-3"].reason
    assert "还剩0天" not in "\n".join(report_lines(mid, verbose=True))
    assert mid.tasks["2-1"].reason.startswith("7月1日开始") and mid.tasks["2-2"].reason.startswith("10月15日开始")
    assert "每个人" in end.tasks["2-4"].reason
    places = next(r for r in end.tasks["2-3"].rules)
    assert (places.have, places.need) == (6, 5)


def test_a_late_item_stays_visible(centre):
    mid = _progress(centre, dt.date(2024, 6, 15))
    result = mid.tasks["2-7"]
    assert result.status.value == "进行中" and result.late == 1  # January's came late, July's still to come
    assert "逾期完成" in "\n".join(report_lines(mid)) and mid.overall.late >= 1
    data = progress_json(mid, centre.years[0].plan)
    assert next(t for t in data["tasks"] if t["id"] == "2-7")["late"] == 1


def test_late_work_scores_as_done_unless_the_row_says_otherwise(centre):
    end = _progress(centre, DATES[1])
    task = centre.years[0].plan.task("1-5")
    assert score_item(task, {"method": "all"}, 2.0, end.tasks["1-5"], 1).earned == 2.0
    assert score_item(task, {"method": "all", "late": 0.5}, 2.0, end.tasks["1-5"], 1).earned == 1.0


def test_subtasks_have_their_own_status(centre):
    end = _progress(centre, DATES[1])
    data = progress_json(end, centre.years[0].plan)
    subs = {s["id"]: s["status"] for s in next(t for t in data["tasks"] if t["id"] == "2-8")["subtasks"]}
    assert subs == {"2-8-1": "逾期", "2-8-2": "逾期"}  # two lectures of four; one 义诊 of two
    lines = report_lines(end, verbose=True)
    assert any(line.startswith("  子任务 2-8-1 逾期：还差1次，9月30日已截止") for line in lines)
    json.dumps(data, ensure_ascii=False)
