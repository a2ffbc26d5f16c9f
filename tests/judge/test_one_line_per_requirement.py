"""One line per requirement of the plan: readings that restate a more specific rule are merged away.

Each case is a task written the way real plans word it, with invented records, and the lines a careful
reader of the plan would say for it on a date.
"""

from __future__ import annotations

import datetime as dt

import pytest

from test_rules import activity, run, task, year
from wenming.judge.rules import evaluate_task
from wenming.judge.status import Status
from wenming.records.model import Tally
from wenming.records.readings import merge_rules

D = dt.date


def lines(result):
    return [(r.label, r.status.value) for r in result.rules]


def test_deadline_dates_named_again_as_months_say_one_thing():
    """`deadline: [1月底, 7月底]`, `frequency: 全年至少召开2次`, `1月、7月各一次`: two meetings, one per month."""
    t = task(["1月底", "7月底"], frequency=["全年至少召开2次"],
             rules=[{"type": "occasions", "months": [1, 7], "label": "1月、7月各一次"}])
    assert [r["type"] for r in t.rules] == ["occasions"]
    mid = run(t, [activity(D(2018, 4, 13))], D(2018, 6, 30))
    assert lines(mid) == [("1月开展一次", "逾期完成"), ("7月开展一次", "未开始")]
    # 进行中, and the reason is what is still to come, not the part met late
    assert mid.status == Status.ON_TRACK and mid.reason.startswith("7月1日开始，7月31日截止")


def test_months_in_the_frequency_replace_the_same_deadline_dates():
    t = task(["5月底", "8月底"], frequency=["5月、8月各开展一次"])
    result = run(t, [activity(D(2018, 8, 15))], D(2018, 12, 31))
    # the August activity is August's; May's is missing (not "May done late, August missing")
    assert lines(result) == [("5月开展一次", "逾期"), ("8月开展一次", "达标")]


def test_a_named_day_inside_a_deadline_month_stretch_is_that_stretch_requirement():
    """`7月、9月上传` of activities on 7月7日 and 8月1日: the August activity is reported in September."""
    t = task(["7月", "9月"], rules=[{"type": "occasions", "dates": ["07-07", "08-01"], "window": 3}])
    result = run(t, [activity(D(2018, 7, 5)), activity(D(2018, 8, 1))], D(2018, 12, 31))
    assert lines(result) == [("7月7日前后开展", "达标"), ("8月1日前后开展", "达标")]


def test_deadline_without_a_window_inside_stays():
    t = task(["3月底", "每月"])
    assert [r["type"] for r in t.rules] == ["due", "per_cycle"]


def test_a_count_two_deadline_dates_require_already():
    t = task(["6月底", "9月底"], frequency=["开展2次"])
    assert [r["type"] for r in t.rules] == ["due", "due"]
    t = task(["3月底", "活动结束5日内"], frequency=["2期"])  # one date, two briefs: the count stays
    assert [r["type"] for r in t.rules] == ["due", "evidence", "count"]


@pytest.mark.parametrize("rule", [
    {"type": "festival", "min": 4, "label": "利用传统节日至少组织开展4次"},
    {"type": "spread", "months": 4, "label": "活动应分布于各月"},
])
def test_a_count_festivals_or_months_require_already(rule):
    t = task(frequency=["至少组织开展4次"], rules=[rule])
    assert [r["type"] for r in t.rules] == [rule["type"]]
    assert task(frequency=["至少组织开展6次"], rules=[rule]).rules[0]["type"] == "count"  # more than 4: kept


def test_the_whole_year_only_says_when_beside_another_requirement():
    judged = task(["全年"], frequency=["定期更新"])
    assert [r["type"] for r in judged.rules] == ["judgement"]
    alone = task(["全年"])
    assert [r["type"] for r in alone.rules] == ["window"]


def test_a_tally_task_cycle_is_the_tally_quota():
    """`每月25日前` of a task measured by a tally: the monthly quota, due on the 25th; no extra record asked."""
    t = task(["每月25日前"], rules=[{"type": "quota", "tally": "leads", "per_month": 30, "label": "每月30条"}])
    assert [(r["type"], r.get("by_day")) for r in t.rules] == [("quota", 25)]
    tally = Tally("leads", "好人线索", "条", {"zb1": {1: 30, 2: 20, 7: 30}})
    result = evaluate_task(year(tallies=[tally]), t, D(2018, 6, 30))
    assert [r.status.value for r in result.rules[:3]] == ["达标", "逾期", "逾期"]
    assert result.rules[0].due == D(2018, 1, 25)


def test_a_tally_month_not_begun_is_not_counted_yet():
    """The count for July written in advance is not known on 30 June."""
    tally = Tally("posts", "正能量信息", "条", {"wlzx": {6: 3, 7: 3}})
    t = task(rules=[{"type": "quota", "tally": "posts", "per_month": 3, "per_org": 3}])
    result = evaluate_task(year(tallies=[tally]), t, D(2018, 6, 30))
    july = [r for r in result.rules if r.label.startswith("7月")]
    assert [(r.status, r.have) for r in july] == [(Status.NOT_DUE, 0), (Status.NOT_DUE, 0)]
    june = [r for r in result.rules if r.label.startswith("6月")]
    assert [r.status for r in june] == [Status.DONE, Status.DONE]


def test_a_hand_written_rule_replaces_the_same_reading():
    t = task(frequency=["每季度报送1篇"],
             rules=[{"type": "per_cycle", "cycle": "quarter", "min": 1, "kinds": ["工作信息"]}])
    assert [r.get("kinds") for r in t.rules] == [["工作信息"]]
    assert len(merge_rules([{"type": "per_cycle", "cycle": "month", "min": 1, "origin": "deadline"},
                            {"type": "per_cycle", "cycle": "month", "min": 1, "origin": "frequency"}], 2018)) == 1
