"""我们的节日: the seven traditional festivals, their dates, and activity windows.

Pure: dates come from the `lunar_python` calendar library (no hand-written
table, no clock, no I/O).

- :func:`festival_date` — the Gregorian date of a festival in a Gregorian year.
- :func:`festival_of_tag` — `我们的节日·清明`, `清明节`, `清明` → `清明`.
- :func:`in_window` — whether a day falls in a festival's activity window
  (by default 15 days before to 7 days after; plans hold festival activities
  in the run-up, e.g. `5月14日（端午节前）`).
- :func:`festival_for_activity` — the festival a tagged activity counts for.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from lunar_python import Lunar, Solar

# The festivals in calendar order, by their short names.
FESTIVALS: tuple[str, ...] = ("春节", "元宵", "清明", "端午", "七夕", "中秋", "重阳")

# Longer names used in plans and tags → the short name.
ALIASES: dict[str, str] = {
    "春节": "春节",
    "元宵节": "元宵",
    "清明节": "清明",
    "端午节": "端午",
    "七夕节": "七夕",
    "中秋节": "中秋",
    "重阳节": "重阳",
}

# Lunar (month, day) of each lunar festival; 清明 is a solar term instead.
_LUNAR_DAYS: dict[str, tuple[int, int]] = {
    "春节": (1, 1),
    "元宵": (1, 15),
    "端午": (5, 5),
    "七夕": (7, 7),
    "中秋": (8, 15),
    "重阳": (9, 9),
}
_SOLAR_TERMS: dict[str, str] = {"清明": "清明"}

# `我们的节日` followed by an optional separator: `·`, `-`, `：` and their
# full-width / typographic variants, or whitespace.
_TAG_PREFIX = re.compile(r"^我们的节日[\s·・•‧\-－—–_:：、/|]*")


@dataclass(frozen=True)
class Window:
    """Days around a festival during which an activity counts for it."""

    before: int = 15
    after: int = 7

    def __post_init__(self) -> None:
        if self.before < 0 or self.after < 0:
            raise ValueError(f"window bounds must not be negative: {self.before}, {self.after}")

    def bounds(self, festival_day: dt.date) -> tuple[dt.date, dt.date]:
        """First and last day (inclusive) of the window around `festival_day`."""
        return (
            festival_day - dt.timedelta(days=self.before),
            festival_day + dt.timedelta(days=self.after),
        )

    def contains(self, day: dt.date, festival_day: dt.date) -> bool:
        """True when `day` lies within the window around `festival_day`."""
        first, last = self.bounds(festival_day)
        return first <= day <= last


DEFAULT_WINDOW = Window()


def canonical_name(name: str) -> str | None:
    """`清明` or `清明节` → `清明`; None for anything else."""
    name = name.strip()
    if name in FESTIVALS:
        return name
    return ALIASES.get(name)


def festival_date(name: str, year: int) -> dt.date:
    """The Gregorian date of festival `name` (short name or alias) in Gregorian `year`.

    Every festival falls in the Gregorian year of the lunar year it belongs to
    (春节 is between 21 January and 20 February), so the lunar year is `year`.
    Raises KeyError (with the name) for an unknown festival.
    """
    short = canonical_name(name)
    if short is None:
        raise KeyError(name)
    return _festival_date(short, year)


@functools.lru_cache(maxsize=512)
def _festival_date(short: str, year: int) -> dt.date:
    if short in _LUNAR_DAYS:
        month, day = _LUNAR_DAYS[short]
        solar = Lunar.fromYmd(year, month, day).getSolar()
    else:
        # The lunar year containing 1 April holds that spring's solar terms.
        table = Solar.fromYmd(year, 4, 1).getLunar().getJieQiTable()
        solar = table[_SOLAR_TERMS[short]]
    return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())


def festival_of_tag(tag: str) -> str | None:
    """The festival named by an activity tag, or None.

    Accepts `我们的节日·清明`, `我们的节日-清明`, `我们的节日：清明`,
    `清明节` and `清明` (all → `清明`).
    """
    rest = _TAG_PREFIX.sub("", tag.strip(), count=1)
    return canonical_name(rest) if rest else None


def in_window(day: dt.date, name: str, before: int = 15, after: int = 7) -> bool:
    """True when `day` is at most `before` days before and `after` days after the festival.

    The festival is always the one in `day`'s own Gregorian year: an activity
    in late December is not matched against next year's 春节 (nor one in early
    January against last year's festivals). With the default window this never
    matters, since 春节 is on or after 21 January.
    Raises KeyError for an unknown festival name.
    """
    return Window(before, after).contains(day, festival_date(name, day.year))


def festival_for_activity(
    day: dt.date, tags: Iterable[str], window: Window = DEFAULT_WINDOW
) -> str | None:
    """The festival an activity on `day` with `tags` counts for, or None.

    The first festival tag whose window (in `day`'s year) contains `day` wins;
    non-festival tags are ignored, and a festival tag whose window does not
    contain the day gives None.
    """
    for tag in tags:
        short = festival_of_tag(tag)
        if short is not None and window.contains(day, festival_date(short, day.year)):
            return short
    return None
