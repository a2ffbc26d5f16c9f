"""Deadline phrases as plans write them (`2月中旬前`, `5月、8月底`, `活动结束5日内`), resolved.

Pure: `parse_deadline(text, year)` returns a :class:`Deadline` or None when the
words are not understood (the caller reports it with :data:`DEADLINE_HINT`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from .model import Deadline

DEADLINE_HINT = (
    "可以写 3月底前、2月中旬前、12月上旬前、4月4日前、5月、8月底、年底前、全年、"
    "活动结束5日内、每月25日前、每季度，或日期 2018-03-31"
)

_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


MAX_DAYS = 366
"""A relative deadline further than a year after the event is not a deadline a plan sets."""


def cn_number(text: str) -> int | None:
    """`5`, `五`, `十五`, `二十` → int; None if not a number."""
    if text.isdigit():
        return int(text)
    if not text or any(c not in _CN_DIGITS and c != "十" for c in text):
        return None
    if "十" not in text:
        return _CN_DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    value = (_CN_DIGITS.get(tens, 0) if tens else 1) * 10
    return value + (_CN_DIGITS.get(ones, 0) if ones else 0)


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


_NUM = r"([0-9]+|[一二两三四五六七八九十]+)"
_TRAILING = re.compile(r"(之前|以前|前|止|为止|完成|上传|上报|报送)+$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_RELATIVE = re.compile(rf"^(?:活动)?结束(?:后)?{_NUM}(日|天|周)(?:内|以内)?$")
_RELATIVE_WEEK = re.compile(r"^(?:活动)?结束(?:后)?一(?:周|星期)(?:内|以内)?$")
_NEXT_DAY = re.compile(r"^(?:活动结束)?第二天(?:内)?$")
_MONTHLY_DAY = re.compile(rf"^每月{_NUM}[日号]$")
_SINGLE = re.compile(rf"^{_NUM}月(?:份)?(?:{_NUM}[日号]|(上旬|中旬|下旬|中下旬|初|底|末))?$")


def _single(text: str, year: int) -> dt.date | None:
    """`3月底`, `2月中旬`, `4月4日`, `5月` → a date in `year`."""
    m = _SINGLE.match(text)
    if not m:
        return None
    month = cn_number(m.group(1))
    if month is None or not 1 <= month <= 12:
        return None
    if m.group(2):
        day = cn_number(m.group(2))
        if day is None or not 1 <= day <= calendar.monthrange(year, month)[1]:
            return None
        return dt.date(year, month, day)
    part = m.group(3)
    if part in ("上旬", "初"):
        return dt.date(year, month, 10)
    if part == "中旬":
        return dt.date(year, month, 20)
    return month_end(year, month)


def _months_list(text: str, year: int) -> tuple[dt.date, ...] | None:
    """`5月、8月底`, `6月、9月、12月各一次` → each month's end (or the shared suffix)."""
    text = re.sub(r"各(开展)?一次$", "", text)
    parts = [p for p in re.split(r"[、，,和及]", text) if p]
    if len(parts) < 2:
        return None
    last = _SINGLE.match(parts[-1])
    suffix = last.group(3) if last and last.group(3) else "底"
    dates = []
    for part in parts:
        if re.fullmatch(rf"{_NUM}月", part):
            part += suffix
        date = _single(part, year)
        if date is None:
            return None
        dates.append(date)
    return tuple(sorted(set(dates)))


def parse_deadline(text: str, year: int) -> Deadline | None:
    """Resolve one deadline phrase against the plan's year; None when not understood."""
    original = text
    words = re.sub(r"\s+", "", str(text))
    words = re.sub(r"^(每年|于|在)", "", words)
    m = _ISO.match(words)
    if m:
        try:
            return Deadline(original, "absolute", (dt.date(*map(int, m.groups())),))
        except ValueError:
            return None
    before_month = re.fullmatch(rf"{_NUM}月(?:份)?(?:之前|以前|前)", words)
    if before_month:
        month = cn_number(before_month.group(1))
        if month and 2 <= month <= 12:
            return Deadline(original, "absolute", (month_end(year, month - 1),))
        if month == 1:
            return Deadline(original, "absolute", (dt.date(year - 1, 12, 31),))
        return None
    words = _TRAILING.sub("", words)
    if words in ("年底", "年末", "全年", "年内", "12月底", "十二月底"):
        return Deadline(original, "absolute", (dt.date(year, 12, 31),))
    m = _RELATIVE.match(words)
    if m:
        n = cn_number(m.group(1))
        days = None if n is None else n * 7 if m.group(2) == "周" else n
        if days is None or days > MAX_DAYS:
            return None
        return Deadline(original, "relative", (), days)
    if _RELATIVE_WEEK.match(words):
        return Deadline(original, "relative", (), 7)
    if _NEXT_DAY.match(words):
        return Deadline(original, "relative", (), 1)
    if words in ("每月", "每个月", "按月"):
        return Deadline(original, "recurring", tuple(month_end(year, m) for m in range(1, 13)))
    m = _MONTHLY_DAY.match(words)
    if m:
        day = cn_number(m.group(1))
        if day is None or not 1 <= day <= 28:
            return None
        return Deadline(original, "recurring", tuple(dt.date(year, m, day) for m in range(1, 13)))
    if words in ("每季度", "每季", "按季", "按季度", "每季度一次"):
        return Deadline(original, "recurring", tuple(month_end(year, m) for m in (3, 6, 9, 12)))
    if words in ("每半年", "每半年一次"):
        return Deadline(original, "recurring", (month_end(year, 6), month_end(year, 12)))
    date = _single(words, year)
    if date:
        return Deadline(original, "absolute", (date,))
    dates = _months_list(words, year)
    if dates:
        return Deadline(original, "absolute", dates)
    return None
