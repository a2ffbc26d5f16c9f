"""Scoring as real rubrics word it: 均分 over countable requirements, 加分 beyond full marks, quality and quantity
on one row, the rubric's own order, and a warning when item points do not add up to the total."""

from __future__ import annotations

import datetime as dt

import pytest

from helpers import make_repo
from wenming.api import load_dataset
from wenming.judge.status import RuleResult, Status, TaskResult
from wenming.judge.scoring import RubricScore, score_item
from wenming.records.planmodel import Rubric
from test_rules import task

T = task()

D = dt.date


def result(*rules):
    return TaskResult("t", Status.ON_TRACK, tuple(rules))


def test_even_split_ignores_deadline_dates_and_counts_a_late_one_as_met():
    """A task "3月底前报方案" and "全年不少于4次": 均分 is over the count only, not the deadline date."""
    r = result(RuleResult("3月31日前有佐证", Status.OVERDUE, "", 0, 1, kind="due"),
               RuleResult("不少于4次", Status.ON_TRACK, "", 2, 4, kind="count"))
    assert score_item(T, {"method": "proportional"}, 4.0, r, 2).earned == 2.0
    late = result(RuleResult("1月开展一次", Status.DONE_LATE, "", 0, 1, kind="occasions"),
                  RuleResult("7月开展一次", Status.NOT_DUE, "", 0, 1, kind="occasions"))
    assert score_item(T, {"method": "proportional"}, 2.0, late, 1).earned == 1.0


@pytest.mark.parametrize("count, earned, bonus", [(4, 3.0, 0.0), (5, 3.5, 0.5), (6, 4.0, 1.0), (9, 4.0, 1.0)])
def test_bonus_beyond_full_marks_with_a_cap(count, earned, bonus):
    """"4次及以上得3分，每增加一次加0.5分，加分不超过1分"."""
    entry = {"method": "threshold", "full_at": 4, "zero_below": 2, "step": 1, "bonus": 0.5, "bonus_max": 1}
    item = score_item(T, entry, 3.0, result(), count)
    assert (item.earned, item.bonus) == (earned, bonus)
    uncapped = score_item(T, {**entry, "bonus_max": None}, 3.0, result(), 9)
    assert uncapped.bonus == 2.5


def test_quality_and_quantity_on_one_row():
    """4 points: 2 for the count (按比例), 2 judged on quality by a person."""
    r = result(RuleResult("不少于6次", Status.ON_TRACK, "", 3, 6, kind="count"))
    waiting = score_item(T, {"method": "proportional", "quality": 2}, 4.0, r, 3)
    assert (waiting.earned, waiting.quality_pending) == (1.0, True) and "质量部分 2 分待人工评分" in waiting.note
    given = score_item(T, {"method": "proportional", "quality": 2, "manual": 1.5}, 4.0, r, 3)
    assert (given.earned, given.quality_pending) == (2.5, False)
    rs = RubricScore(Rubric("r", "体系", 4), (waiting,))
    assert rs.pending == 1


def test_the_rubric_table_keeps_its_own_order():
    a = score_item(T, {"method": "all", "item": "甲"}, 2.0, result(), 0)
    b = score_item(T, {"method": "all", "item": "乙"}, 3.0, result(), 0)
    rs = RubricScore(Rubric("r", "体系", 10, ("乙", "问卷调查", "甲"), (3, 5, 2)), (a, b))
    assert [(name, points, len(rows)) for name, points, rows in rs.table()] == [
        ("乙", 3, 1), ("问卷调查", 5, 0), ("甲", 2, 1)]


def test_check_warns_when_item_points_do_not_add_up(tmp_path):
    data = make_repo(tmp_path)
    plan = data / "2018" / "plan.yml"
    text = plan.read_text(encoding="utf-8").replace("categories:\n", (
        "rubrics:\n"
        "  - {id: city, name: 测评体系, total: 10}\n"
        "  - id: union\n    name: 工会考核\n    total: 10\n"
        "    items: [{name: 道德讲堂, points: 4}, {name: 问卷调查, points: 5}]\n"
        "categories:\n"), 1)
    plan.write_text(text, encoding="utf-8")
    found = [p.format() for p in load_dataset(data, "data").problems]
    assert [m for m in found if "不符" in m] == [
        "data/2018/plan.yml:22: rubrics[1].total: 警告：各任务 score 的分值（不含加分）合计 4 分，与总分 total: 10 不符。"
        "请核对各项分值；测评体系中没有对应任务的项目，可以写进 items。",
        "data/2018/plan.yml:25: rubrics[2].total: 警告：items 各项分值合计 9 分，与总分 total: 10 不符。"
        "请核对各项分值；测评体系中没有对应任务的项目，可以写进 items。"]
