"""The progress engine, table-driven with the phrases real plans use."""

from __future__ import annotations

import datetime as dt

import pytest

from wenming.records.phrases import read_phrase
from wenming.records.readings import deadline_of, merge_rules, rule_of, task_bounds
from wenming.records.model import Activity, Photo, Source, Tally, Visibility, Volunteers, Year
from wenming.records.planmodel import Plan, Task
from dataclasses import replace

from wenming.judge.rules import evaluate_task
from wenming.judge.status import Status

D = dt.date


def activity(day: D, task: str = "t", photos: int = 3, chars: int = 500, reported: D | None = None,
             end: D | None = None, hours: float | None = None) -> Activity:
    return Activity(id=f"{day}", slug=f"{day}", year=day.year, title="活动", start=day, end=end or day, place="",
                    departments=("bgs",), tasks=(task,), schedule=None, tags=(), participants=10, volunteers=None,
                    volunteer_hours=hours, photos=tuple(Photo(f"{i}.jpg", "") for i in range(photos)),
                    reported=reported, visibility=Visibility.PUBLIC, body="字" * chars, source=Source("x"))


def task(deadline=(), count=None, rules=(), frequency=(), year_no=2018) -> Task:
    """A task as plan.yml makes it: its phrases read into rules, its time bounded by its deadline."""
    dl = [read_phrase(d, year_no) for d in deadline]
    fq = [read_phrase(f, year_no) for f in frequency]
    assert all(pr.ok for pr in dl + fq), [pr.error for pr in dl + fq]
    read = [rule_of(r, pr.phrase, key) for key, prs in (("deadline", dl), ("frequency", fq)) for pr in prs
            for r in pr.readings]
    merged = merge_rules(read + list(rules), year_no)
    start, end = task_bounds(dl, merged, year_no)
    return Task(id="t", category=1, title="任务", text="", lead=("bgs",), coop=(),
                deadlines=tuple(deadline_of(pr) for pr in dl), count=count, evidence="",
                points=None, rules=tuple(merged), source=Source("p"), start=start, end=end,
                frequency=tuple(frequency))


def year(acts=(), registered=None, tallies=()) -> Year:
    plan = Plan(2018, "", "", None, "", "", "", "", (), (), (), (), Source("p"))
    return Year(2018, plan, tuple(acts), (), (), tuple(tallies), Volunteers(registered, None))


def run(t, acts=(), as_of=D(2018, 6, 30), **kw):
    return evaluate_task(year(acts, **kw.pop("year_kw", {})), t, as_of, **kw)


@pytest.mark.parametrize("phrase, acts, as_of, status", [
    ("3月底前", [D(2018, 3, 20)], D(2018, 6, 30), Status.DONE),
    ("3月底前", [], D(2018, 6, 30), Status.OVERDUE),
    ("3月底前", [], D(2018, 3, 31), Status.OVERDUE),          # the deadline day itself, at its end
    ("3月底前", [], D(2018, 3, 30), Status.AT_RISK),          # the day before
    ("3月底前", [], D(2018, 4, 1), Status.OVERDUE),           # one day late
    ("12月上旬前", [], D(2018, 6, 30), Status.ON_TRACK),
    ("2月底", [], D(2018, 2, 28), Status.OVERDUE),            # end of February, not a leap year
    ("5月、8月底", [D(2018, 5, 10)], D(2018, 6, 30), Status.ON_TRACK),
    ("5月、8月底", [D(2018, 5, 10)], D(2018, 9, 1), Status.OVERDUE),
    ("5月、8月底", [D(2018, 5, 10), D(2018, 8, 2)], D(2018, 9, 1), Status.DONE),
    ("3月底前", [D(2018, 7, 1)], D(2018, 6, 30), Status.OVERDUE),  # evidence after as_of does not count
])
def test_absolute_deadline(phrase, acts, as_of, status):
    result = run(task([phrase]), [activity(d) for d in acts], as_of)
    assert result.status == status


def test_overdue_reason_in_words():
    result = run(task(["3月底前"]), [], D(2018, 6, 30))
    assert result.reason == "还差1次，3月31日已截止"


@pytest.mark.parametrize("count, n, as_of, status, reason", [
    (6, 4, D(2018, 6, 30), Status.ON_TRACK, "还差2次，12月31日截止"),
    (6, 4, D(2018, 12, 15), Status.AT_RISK, "还差2次，12月31日截止（还剩16天）"),
    (6, 6, D(2018, 12, 15), Status.DONE, "已完成 6/6"),
    (2, 0, D(2019, 1, 1), Status.OVERDUE, "还差2次，12月31日已截止"),
])
def test_count_in_year(count, n, as_of, status, reason):
    acts = [activity(D(2018, m, 5)) for m in range(1, n + 1)]
    result = run(task(count=count), acts, as_of)
    assert (result.status, result.reason) == (status, reason)


def test_plan_year_with_no_activities():
    result = run(task(count=4), [], D(2018, 1, 1))
    assert result.status == Status.ON_TRACK and result.rules[0].have == 0


@pytest.mark.parametrize("cycle, months, as_of, statuses", [
    ("quarter", [2, 5], D(2018, 6, 30), ["达标", "达标", "未开始", "未开始"]),
    ("quarter", [2], D(2018, 7, 1), ["达标", "逾期", "进行中", "未开始"]),
    ("quarter", [2], D(2018, 6, 30), ["达标", "逾期", "未开始", "未开始"]),  # the quarter's last day, at its end
    ("quarter", [2], D(2018, 6, 29), ["达标", "有风险", "未开始", "未开始"]),
    ("half_year", [3], D(2018, 12, 20), ["达标", "有风险"]),
])
def test_per_cycle(cycle, months, as_of, statuses):
    t = task(rules=[{"type": "per_cycle", "cycle": cycle, "min": 1}])
    result = run(t, [activity(D(2018, m, 10)) for m in months], as_of)
    assert [r.status.value for r in result.rules] == statuses


def test_spread_distinct_months_and_cramming():
    acts = [activity(D(2018, 3, d)) for d in (1, 2, 3)] + [activity(D(2018, 5, 1))]
    spread = run(task(rules=[{"type": "spread", "months": 6}]), acts, D(2019, 1, 1)).rules[0]
    assert (spread.status, spread.have) == (Status.OVERDUE, 2)
    cram = run(task(rules=[{"type": "spread", "max_per_month": 2}]), acts, D(2019, 1, 1)).rules[0]
    assert cram.status == Status.OVERDUE and cram.reason.startswith("3月集中开展")


def test_fixed_occasions_months_and_dates():
    t = task(rules=[{"type": "occasions", "months": [1, 7]}, {"type": "occasions", "dates": ["05-04", "07-01"]}])
    result = run(t, [activity(D(2018, 1, 25)), activity(D(2018, 5, 3))], D(2018, 7, 20))
    assert [(r.label, r.status.value) for r in result.rules] == [
        ("1月开展一次", "达标"), ("7月开展一次", "有风险"), ("5月4日前后开展", "达标"), ("7月1日前后开展", "逾期")]


def test_evidence_composition_and_relative_deadline():
    t = task(["活动结束5日内"], rules=[{"type": "evidence", "photos": 3, "min_chars": 500, "max_chars": 800}])
    acts = [activity(D(2018, 3, 6), photos=2, chars=520, reported=D(2018, 3, 15)),
            activity(D(2018, 4, 3), photos=3, chars=900, reported=None)]
    reasons = [r.reason for r in run(t, acts).rules]
    # the deadline's rule (report within 5 days) comes first, then the hand-written composition rule
    assert reasons == ["3月15日报送，晚了4天", "报送日期未知，需人工核对",
                       "材料不全：照片 2/3，还差1张", "字数 520/500", "字数 520/800",
                       "照片 3/3", "字数 900/500", "材料不全：简报 900 字，超过 800 字"]
    assert run(t, acts).status == Status.INCOMPLETE


def test_ratio_and_hours_per_capita():
    t = task(rules=[{"type": "ratio", "min": 0.3, "by_month": 3}, {"type": "hours_per_capita", "min": 40}])
    acts = [activity(D(2018, 3, 12), hours=600)]
    result = evaluate_task(year(acts, registered=25), t, D(2018, 6, 30), staff=86)
    assert [r.reason for r in result.rules] == ["29%，还差1人", "人均 24.0 小时，目标 40 小时"]
    assert [r.status for r in result.rules] == [Status.OVERDUE, Status.ON_TRACK]


def test_ratio_is_at_risk_only_within_30_days_of_its_due_date():
    t = task(rules=[{"type": "ratio", "min": 0.3}])
    assert evaluate_task(year(registered=25), t, D(2018, 6, 30), staff=86).status == Status.ON_TRACK
    assert evaluate_task(year(registered=25), t, D(2018, 12, 5), staff=86).status == Status.AT_RISK


def test_monthly_quota_of_tally():
    tally = Tally("leads", "好人线索", "条", {"zb1": {1: 20, 2: 12}, "zb2": {1: 12}})
    t = task(rules=[{"type": "quota", "tally": "leads", "per_month": 30, "by_day": 25}])
    result = evaluate_task(year(tallies=[tally]), t, D(2018, 2, 28))
    assert [r.status.value for r in result.rules[:3]] == ["达标", "逾期", "未开始"]
    assert result.rules[1].reason == "还差18条，2月25日已截止"


def test_activity_serving_three_tasks_counts_for_each():
    a = activity(D(2018, 3, 6))
    a = Activity(**{**a.__dict__, "tasks": ("a", "b", "c")})
    for task_id in ("a", "b", "c"):
        t = Task(**{**task(count=1).__dict__, "id": task_id})
        assert run(t, [a]).status == Status.DONE


@pytest.mark.parametrize("year_no, day, counted", [
    (2023, D(2023, 1, 15), True),    # 春节 2023-01-22: a week before, in January
    (2018, D(2018, 2, 10), True),    # 春节 2018-02-16: in February
    (2018, D(2018, 1, 15), False),   # a month before 春节 2018: outside the 15-day window
])
def test_festival_rule_follows_the_lunar_calendar(year_no, day, counted):
    a = replace(activity(day), tags=("我们的节日·春节",), year=year_no)
    plan = Plan(year_no, "", "", None, "", "", "", "", (), (), (), (), Source("p"))
    y = Year(year_no, plan, (a,), (), (), (), Volunteers(None, None))
    t = task(rules=[{"type": "festival", "festivals": ["春节"], "min": 1}])
    result = evaluate_task(y, t, D(year_no, 12, 31))
    assert [r.have for r in result.rules] == [int(counted), int(counted)]
    assert result.status == (Status.DONE if counted else Status.OVERDUE)


def test_honour_roll_refresh_every_quarter():
    from wenming.records.model import HonorEntry, HonorStatus
    def entry(day):
        return HonorEntry(str(day), str(day), 2018, "某某", None, "职工", "助人为乐", "事迹", day,
                          (2018, (day.month - 1) // 3 + 1), None, "", HonorStatus.PUBLISHED, True, "", Source("h"))
    plan = Plan(2018, "", "", None, "", "", "", "", (), (), (), (), Source("p"))
    y = Year(2018, plan, (), (), (entry(D(2018, 2, 1)), entry(D(2018, 8, 1))), (), Volunteers(None, None))
    t = task(rules=[{"type": "refresh", "cycle": "quarter", "grace_days": 10}])
    result = evaluate_task(y, t, D(2018, 7, 5))
    assert [r.status.value for r in result.rules] == ["达标", "有风险", "进行中", "未开始"]
    assert result.rules[1].reason == "还差1期，7月10日截止（还剩5天）"
