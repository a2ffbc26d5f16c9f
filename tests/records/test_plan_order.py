"""The plan page keeps the plan's own order of its sections: steps after the tasks where the plan numbers them so."""

from __future__ import annotations

from dataclasses import replace

import pytest

from helpers import ROOT
from wenming.api import load_dataset
from wenming.records.planmodel import _section_number


@pytest.mark.parametrize("heading, number", [("三、实施步骤", 3), ("十一、附则", 11), ("二十、其他", 20),
                                             ("实施阶段", None), ("（三）步骤", None)])
def test_section_numbers(heading, number):
    assert _section_number(heading) == number


def test_steps_after_tasks_only_where_the_plan_numbers_them_so():
    plan = load_dataset(ROOT / "data").years[0].plan
    assert not plan.steps_after_tasks  # the sample: 实施阶段 has no number of its own
    after = replace(plan, headings=(("tasks", "二、工作任务"), ("phases", "三、实施步骤")))
    before = replace(plan, headings=(("phases", "二、方法步骤"), ("tasks", "三、任务分解")))
    assert after.steps_after_tasks and not before.steps_after_tasks
