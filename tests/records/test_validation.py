"""Every invalid record gives exactly the message in its expected.txt; valid data gives none."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import INVALID, ROOT, make_repo
from wenming.api import load_dataset

CASES = sorted(p.name for p in INVALID.iterdir() if p.is_dir())


def problems_for(tmp_path: Path, case: str) -> list[str]:
    data = make_repo(tmp_path, INVALID / case)
    return [p.format() for p in load_dataset(data, "data").problems]


@pytest.mark.parametrize("case", CASES)
def test_invalid_record_message(tmp_path, case):
    expected = (INVALID / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert problems_for(tmp_path, case) == expected


def test_there_are_enough_cases():
    assert len(CASES) >= 30


def test_base_fixture_is_clean(tmp_path):
    data = make_repo(tmp_path)
    assert load_dataset(data, "data").problems == ()


def test_sample_data_is_clean():
    problems = load_dataset(ROOT / "data", "data").problems
    assert [p.format() for p in problems] == []


def test_nothing_valid_is_dropped(tmp_path):
    """A broken record does not hide the valid ones next to it."""
    data = make_repo(tmp_path, INVALID / "date-format")
    dataset = load_dataset(data, "data")
    year = dataset.years[0]
    assert [a.id for a in year.activities] == ["2018-03-06-第一期道德讲堂", "2018-05-20-志愿服务进社区"]
    assert len(year.honors) == 4 and len(year.documents) == 1


def test_missing_data_dir(tmp_path):
    dataset = load_dataset(tmp_path / "nowhere", "nowhere")
    assert [p.format() for p in dataset.problems] == ["nowhere: 数据文件夹不存在。请检查路径，或在项目根目录下运行。"]


def test_missing_unit_and_plan(tmp_path):
    data = make_repo(tmp_path)
    (data / "unit.yml").unlink()
    (data / "2018" / "plan.yml").unlink()
    lines = [p.format() for p in load_dataset(data, "data").problems if p.is_error]
    assert "data/unit.yml: 缺少单位信息文件。请创建 unit.yml（写法见用户指南 → 数据格式）。" in lines
    assert "data/2018/plan.yml: 缺少 2018 年的实施方案。请创建 plan.yml（写法见用户指南 → 数据格式）。" in lines


def test_unlisted_photo_is_a_warning(tmp_path):
    data = make_repo(tmp_path)
    (data / "2018/activities/2018-03-06-第一期道德讲堂/02.jpg").write_bytes(b"x")
    problems = load_dataset(data, "data").problems
    assert [(p.level, p.field) for p in problems] == [("warning", "photos")]
    assert '"02.jpg"' in problems[0].message


@pytest.mark.parametrize("value, meant", [("2026.3.5", "2026-03-05"), ("2026/03/05", "2026-03-05"),
                                          ("3月5日", "2026-03-05"), ("三月五日", "2026-03-06"), ("2026-2-30", "2026-03-06")])
def test_a_date_in_the_wrong_form_is_shown_as_meant(value, meant):
    """The fix names the date the editor meant, in the record's own year (an example of 2018 in a 2026 repository
    would be refused for its year); what cannot be read gets an example of that year."""
    from wenming.records.fields import Fields

    problems: list = []
    Fields({"date": value}, "data/2026/activities/x.md", problems).date("date")
    assert len(problems) == 1 and problems[0].message.endswith(f"请写成 年-月-日，如 date: {meant}")
