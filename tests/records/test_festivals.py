"""我们的节日: festival dates, tags and activity windows."""

from __future__ import annotations

import datetime as dt

import pytest

from wenming.records.festivals import (
    ALIASES,
    DEFAULT_WINDOW,
    FESTIVALS,
    Window,
    canonical_name,
    festival_date,
    festival_for_activity,
    festival_of_tag,
    in_window,
)

D = dt.date

DATES = [
    ("春节", 2018, D(2018, 2, 16)),
    ("元宵", 2018, D(2018, 3, 2)),
    ("清明", 2018, D(2018, 4, 5)),
    ("端午", 2018, D(2018, 6, 18)),
    ("七夕", 2018, D(2018, 8, 17)),
    ("中秋", 2018, D(2018, 9, 24)),
    ("重阳", 2018, D(2018, 10, 17)),
    ("春节", 2019, D(2019, 2, 5)),
    ("元宵", 2019, D(2019, 2, 19)),
    ("清明", 2019, D(2019, 4, 5)),
    ("端午", 2019, D(2019, 6, 7)),
    ("七夕", 2019, D(2019, 8, 7)),
    ("中秋", 2019, D(2019, 9, 13)),
    ("重阳", 2019, D(2019, 10, 7)),
    # 春节 in January vs February.
    ("春节", 2020, D(2020, 1, 25)),
    ("春节", 2023, D(2023, 1, 22)),
    ("春节", 2021, D(2021, 2, 12)),
    # 清明 on 4 April; 端午 after a leap fourth month (2020).
    ("清明", 2020, D(2020, 4, 4)),
    ("端午", 2020, D(2020, 6, 25)),
    ("中秋", 2020, D(2020, 10, 1)),
]


@pytest.mark.parametrize("name, year, expected", DATES)
def test_festival_date(name, year, expected):
    assert festival_date(name, year) == expected


def test_festivals_in_order():
    assert FESTIVALS == ("春节", "元宵", "清明", "端午", "七夕", "中秋", "重阳")
    for year in (2018, 2019, 2020, 2023):
        dates = [festival_date(name, year) for name in FESTIVALS]
        assert dates == sorted(dates)
        assert all(d.year == year for d in dates)


@pytest.mark.parametrize("year", range(2000, 2036))
def test_qingming_is_a_solar_term_in_early_april(year):
    qingming = festival_date("清明", year)
    assert qingming.month == 4 and 4 <= qingming.day <= 6


@pytest.mark.parametrize(
    "alias, short",
    [
        ("春节", "春节"),
        ("元宵节", "元宵"),
        ("清明节", "清明"),
        ("端午节", "端午"),
        ("七夕节", "七夕"),
        ("中秋节", "中秋"),
        ("重阳节", "重阳"),
    ],
)
def test_aliases(alias, short):
    assert ALIASES[alias] == short
    assert canonical_name(alias) == short
    assert festival_date(alias, 2018) == festival_date(short, 2018)


@pytest.mark.parametrize("name", ["国庆", "国庆节", "", "清", "我们的节日", "元旦"])
def test_unknown_festival(name):
    assert canonical_name(name) is None
    with pytest.raises(KeyError) as err:
        festival_date(name, 2018)
    assert err.value.args == (name,)


def test_unknown_festival_in_window():
    with pytest.raises(KeyError):
        in_window(D(2018, 10, 1), "国庆")


TAGS = [
    ("我们的节日·清明", "清明"),
    ("我们的节日-清明", "清明"),
    ("我们的节日：清明", "清明"),
    ("我们的节日:清明", "清明"),
    ("我们的节日・清明", "清明"),
    ("我们的节日－清明", "清明"),
    ("我们的节日—清明", "清明"),
    ("我们的节日 清明", "清明"),
    ("我们的节日·清明节", "清明"),
    ("  我们的节日·端午  ", "端午"),
    ("我们的节日·春节", "春节"),
    ("我们的节日·元宵节", "元宵"),
    ("我们的节日·七夕", "七夕"),
    ("我们的节日·中秋节", "中秋"),
    ("我们的节日·重阳", "重阳"),
    ("清明节", "清明"),
    ("清明", "清明"),
    ("中秋节", "中秋"),
    ("重阳", "重阳"),
    # Not a festival tag.
    ("我们的节日", None),
    ("我们的节日·", None),
    ("我们的节日·国庆", None),
    ("学雷锋", None),
    ("国庆节", None),
    ("清明祭英烈", None),
    ("", None),
]


@pytest.mark.parametrize("tag, expected", TAGS)
def test_festival_of_tag(tag, expected):
    assert festival_of_tag(tag) == expected


# 端午 2018 is 2018-06-18: default window 2018-06-03 .. 2018-06-25.
WINDOW_EDGES = [
    (D(2018, 6, 18), True),  # the day itself
    (D(2018, 6, 3), True),  # exactly 15 days before
    (D(2018, 6, 2), False),  # one day too early
    (D(2018, 6, 25), True),  # exactly 7 days after
    (D(2018, 6, 26), False),  # one day too late
    (D(2018, 5, 14), False),  # `5月14日（端午节前）` is outside the default window
]


@pytest.mark.parametrize("day, expected", WINDOW_EDGES)
def test_in_window_edges(day, expected):
    assert in_window(day, "端午") is expected
    assert in_window(day, "端午节") is expected


CUSTOM_EDGES = [
    (D(2018, 5, 14), 35, 0, True),  # exactly 35 days before
    (D(2018, 5, 13), 35, 0, False),
    (D(2018, 6, 18), 0, 0, True),
    (D(2018, 6, 17), 0, 0, False),
    (D(2018, 6, 19), 0, 0, False),
    (D(2018, 6, 21), 0, 3, True),
    (D(2018, 6, 22), 0, 3, False),
]


@pytest.mark.parametrize("day, before, after, expected", CUSTOM_EDGES)
def test_in_window_custom_bounds(day, before, after, expected):
    assert in_window(day, "端午", before=before, after=after) is expected


@pytest.mark.parametrize(
    "day, name, expected",
    [
        # 春节 in January: activities in early/late January of the same year.
        (D(2020, 1, 10), "春节", True),  # 2020-01-25 minus 15
        (D(2020, 1, 9), "春节", False),
        (D(2020, 2, 1), "春节", True),  # plus 7
        (D(2020, 2, 2), "春节", False),
        (D(2023, 1, 7), "春节", True),  # 2023-01-22 minus 15
        (D(2023, 1, 6), "春节", False),
        # 春节 in February.
        (D(2018, 2, 1), "春节", True),  # 2018-02-16 minus 15
        (D(2018, 1, 31), "春节", False),
        (D(2021, 2, 19), "春节", True),  # 2021-02-12 plus 7
        (D(2021, 2, 20), "春节", False),
        # Late December is never matched against next year's 春节.
        (D(2019, 12, 31), "春节", False),
        (D(2022, 12, 31), "春节", False),
    ],
)
def test_in_window_spring_festival(day, name, expected):
    assert in_window(day, name) is expected


def test_late_december_stays_in_its_own_year():
    # 春节 2020 is 2020-01-25, 25 days after 2019-12-31, yet even a wide window
    # only looks at 春节 2019 (2019-02-05).
    assert not in_window(D(2019, 12, 31), "春节", before=40)
    assert in_window(D(2020, 1, 1), "春节", before=40)


def test_window_defaults():
    assert DEFAULT_WINDOW == Window(before=15, after=7)
    festival = D(2018, 9, 24)
    assert DEFAULT_WINDOW.bounds(festival) == (D(2018, 9, 9), D(2018, 10, 1))
    assert DEFAULT_WINDOW.contains(D(2018, 9, 9), festival)
    assert not DEFAULT_WINDOW.contains(D(2018, 10, 2), festival)


@pytest.mark.parametrize("before, after", [(-1, 7), (15, -1)])
def test_negative_window_rejected(before, after):
    with pytest.raises(ValueError):
        Window(before, after)
    with pytest.raises(ValueError):
        in_window(D(2018, 6, 18), "端午", before=before, after=after)


ACTIVITIES = [
    (D(2018, 4, 3), ["我们的节日·清明"], None, "清明"),
    (D(2018, 4, 3), ["学雷锋", "我们的节日：清明"], None, "清明"),
    (D(2018, 4, 3), ["清明节"], None, "清明"),
    (D(2018, 6, 10), ["我们的节日-端午"], None, "端午"),
    (D(2018, 9, 20), ["中秋"], None, "中秋"),
    (D(2020, 1, 20), ["我们的节日·春节"], None, "春节"),
    # Tagged festival whose window does not hold the day.
    (D(2018, 5, 14), ["我们的节日·端午"], None, None),
    (D(2018, 7, 1), ["我们的节日·端午"], None, None),
    (D(2018, 12, 28), ["我们的节日·春节"], None, None),
    # No festival tag at all.
    (D(2018, 4, 5), ["学雷锋", "志愿服务"], None, None),
    (D(2018, 4, 5), [], None, None),
    # Several festival tags: the first whose window holds the day.
    (D(2018, 3, 1), ["我们的节日·清明", "我们的节日·元宵"], None, "元宵"),
    (D(2018, 2, 20), ["我们的节日·春节", "我们的节日·元宵"], None, "春节"),
    # A custom window.
    (D(2018, 5, 14), ["我们的节日·端午"], Window(before=35, after=0), "端午"),
    (D(2018, 6, 19), ["我们的节日·端午"], Window(before=35, after=0), None),
]


@pytest.mark.parametrize("day, tags, window, expected", ACTIVITIES)
def test_festival_for_activity(day, tags, window, expected):
    if window is None:
        assert festival_for_activity(day, tags) == expected
    else:
        assert festival_for_activity(day, tags, window) == expected


def test_festival_for_activity_accepts_any_iterable():
    tags = (t for t in ["志愿服务", "我们的节日·重阳"])
    assert festival_for_activity(D(2019, 10, 5), tags) == "重阳"
