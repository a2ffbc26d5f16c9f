"""Subtasks (①②, 一是/二是): their own requirements, rolled up into the task; their evidence counts for it."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from test_rules import activity, run, task
from wenming.judge.status import Status

D = dt.date


def parent_with_two_subtasks():
    first = replace(task(["3月底前"]), id="t-1", parent="t")
    second = replace(task(frequency=["每季度不少于一次"]), id="t-2", parent="t")
    return replace(task(frequency=["全年不少于3次"]), subtasks=(first, second))


def test_each_subtask_has_its_own_requirements_and_the_task_rolls_them_up():
    t = parent_with_two_subtasks()
    acts = [activity(D(2018, 3, 10), task="t-1"), activity(D(2018, 2, 1), task="t-2"),
            activity(D(2018, 5, 1), task="t-2")]
    result = run(t, acts, D(2018, 6, 30))
    assert [(r.subtask, r.label, r.status.value) for r in result.rules] == [
        ("", "全年不少于3次", "达标"),                # the subtasks' three records count for the task
        ("t-1", "子任务t-1：3月31日前有佐证", "达标"),  # the March record is the first subtask's
        ("t-2", "子任务t-2：1–3月不少于1次", "达标"),
        ("t-2", "子任务t-2：4–6月不少于1次", "达标"),
        ("t-2", "子任务t-2：7–9月不少于1次", "未开始"),
        ("t-2", "子任务t-2：10–12月不少于1次", "未开始"),
    ]
    assert result.status == Status.ON_TRACK
    assert (result.subtask_status("t-1"), result.subtask_status("t-2")) == (Status.DONE, Status.ON_TRACK)


def test_a_missing_subtask_makes_the_task_late():
    t = parent_with_two_subtasks()
    result = run(t, [activity(D(2018, m, 1), task="t-2") for m in (2, 5, 6)], D(2018, 6, 30))
    assert result.status == Status.OVERDUE and result.reason == "还差1次，3月31日已截止"
    assert result.subtask_status("t-1") == Status.OVERDUE


def test_a_task_whose_requirements_are_all_in_its_subtasks_is_not_pending():
    t = replace(parent_with_two_subtasks(), rules=())
    result = run(t, [activity(D(2018, 3, 10), task="t-1")], D(2018, 3, 20))
    assert all(r.subtask for r in result.rules)
    assert result.status == Status.AT_RISK and result.reason.startswith("还差1次，3月31日截止")  # Q1 of t-2
