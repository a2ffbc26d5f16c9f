"""Deadline phrases from real plans, resolved against the plan's year."""

from __future__ import annotations

import datetime as dt

import pytest

from wenming.records.deadlines import cn_number, parse_deadline

D = dt.date

ABSOLUTE = [
    ("2月中旬前", 2018, [D(2018, 2, 20)]),
    ("3月底前", 2018, [D(2018, 3, 31)]),
    ("12月上旬前", 2018, [D(2018, 12, 10)]),
    ("4月4日前", 2018, [D(2018, 4, 4)]),
    ("5月、8月底", 2018, [D(2018, 5, 31), D(2018, 8, 31)]),
    ("1月、7月各一次", 2018, [D(2018, 1, 31), D(2018, 7, 31)]),
    ("6月、9月、12月各开展一次", 2018, [D(2018, 6, 30), D(2018, 9, 30), D(2018, 12, 31)]),
    ("年底前", 2018, [D(2018, 12, 31)]),
    ("全年", 2018, [D(2018, 12, 31)]),
    ("3月", 2018, [D(2018, 3, 31)]),
    ("9月底上传", 2018, [D(2018, 9, 30)]),
    ("2月底", 2020, [D(2020, 2, 29)]),
    ("2月底", 2019, [D(2019, 2, 28)]),
    ("每年3月前", 2018, [D(2018, 2, 28)]),
    ("1月中下旬", 2018, [D(2018, 1, 31)]),
    ("十二月上旬前", 2018, [D(2018, 12, 10)]),
    ("2018-03-31", 2018, [D(2018, 3, 31)]),
]


@pytest.mark.parametrize("text, year, dates", ABSOLUTE)
def test_absolute(text, year, dates):
    deadline = parse_deadline(text, year)
    assert deadline is not None and deadline.kind == "absolute"
    assert list(deadline.dates) == dates
    assert deadline.text == text


@pytest.mark.parametrize("text, days", [
    ("活动结束5日内", 5), ("活动结束后5日内", 5), ("结束一周内", 7), ("第二天内", 1), ("活动结束五日内", 5),
])
def test_relative(text, days):
    deadline = parse_deadline(text, 2018)
    assert (deadline.kind, deadline.days, deadline.dates) == ("relative", days, ())


@pytest.mark.parametrize("text, first, count", [
    ("每月", D(2018, 1, 31), 12), ("每月25日前", D(2018, 1, 25), 12), ("每月25号前", D(2018, 1, 25), 12),
    ("每季度", D(2018, 3, 31), 4), ("按季", D(2018, 3, 31), 4), ("每半年", D(2018, 6, 30), 2),
])
def test_recurring(text, first, count):
    deadline = parse_deadline(text, 2018)
    assert deadline.kind == "recurring" and deadline.dates[0] == first and len(deadline.dates) == count


@pytest.mark.parametrize("text", ["下个月", "2月30日", "13月底", "尽快", "", "2018-02-30"])
def test_not_understood(text):
    assert parse_deadline(text, 2018) is None


@pytest.mark.parametrize("text, value", [("5", 5), ("五", 5), ("十", 10), ("十五", 15), ("二十", 20), ("二十五", 25), ("x", None)])
def test_cn_number(text, value):
    assert cn_number(text) == value
