"""The home page's 下一步 box: what a new unit still has to do, and nothing for a unit already under way."""

from __future__ import annotations

import datetime as dt
import shutil

from helpers import ROOT
from wenming.api import load_dataset
from wenming.authoring.starter import plan_skeleton
from wenming.site.pages import YearView


def view(data, year: int, as_of: str) -> YearView:
    dataset = load_dataset(data, "data")
    assert [p.format() for p in dataset.problems if p.is_error] == []
    return YearView(dataset, next(y for y in dataset.years if y.year == year), dt.date.fromisoformat(as_of))


def titles(v: YearView) -> list[str]:
    return [s.title for s in v.next_steps()]


def test_none_for_a_unit_under_way():
    assert titles(view(ROOT / "data", 2018, "2018-05-31")) == []
    assert titles(view(ROOT / "data", 2019, "2018-12-31")) == []  # next year not begun: nothing recorded yet is normal


def test_a_new_year_with_an_empty_plan_and_no_staff_count(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    skeleton = plan_skeleton(2020, "bgs")
    (data / "2020").mkdir()
    (data / skeleton.path).write_text(skeleton.text, encoding="utf-8")
    steps = view(data, 2020, "2020-01-10").next_steps()
    assert [s.title for s in steps] == ["填写实施方案", "填写职工总数", "检查、生成和发布"]
    assert "data/2020/plan.yml" in steps[0].detail and "data/unit.yml 的 staff 下加一行 2020: 职工人数" in steps[1].detail
    assert [s.guide for s in steps] == ["guide/start.md", "guide/data-format.md", "guide/deploy.md"]
