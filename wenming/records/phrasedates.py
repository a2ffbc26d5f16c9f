"""Month and day expressions of the plan's phrases: points, days, windows, lists (see `phrases`). Pure."""

from __future__ import annotations

import datetime as dt
import re

from .dates import cn_number, month_end
from .phrasetypes import _NUM, _PART, _TAIL, _VERB, DOCUMENT_KINDS, NotRead as _NotRead, Reading

def _month(text: str) -> int:
    n = cn_number(text)
    if n is None or not 1 <= n <= 12:
        raise _NotRead(f"没有 {text} 月")
    return n


def _day(year: int, month: int, text: str) -> dt.date:
    n = cn_number(text)
    try:
        return dt.date(year, month, n or 0)
    except ValueError:
        raise _NotRead(f"{month}月没有{text}日") from None


def _year_span(w: str, year: int):
    w2 = re.sub(_TAIL + "$", "", w)
    if w2 in ("年底", "年末", "年底前", "年末前", "12月底", "十二月底"):
        return [Reading("due", {"date": dt.date(year, 12, 31)})]
    if w2 in ("全年", "年内", "全年度", "本年度"):
        return [Reading("window", {"start": dt.date(year, 1, 1), "end": dt.date(year, 12, 31)})]
    m = re.fullmatch(rf"(上半年|下半年|第([一二三四1-4])季度){_VERB}*", w)
    if m:
        if m.group(1) in ("上半年", "下半年"):
            first = 1 if m.group(1) == "上半年" else 7
            return [Reading("window", {"start": dt.date(year, first, 1), "end": month_end(year, first + 5)})]
        q = cn_number(m.group(2))
        return [Reading("window", {"start": dt.date(year, 3 * q - 2, 1), "end": month_end(year, 3 * q)})]
    return None


_SINGLE = re.compile(rf"{_NUM}月(?:份)?(?:{_NUM}日|(上旬|中旬|下旬|中下旬|上中旬|初|底|末))?")


def _dates(w: str, year: int):
    """Month and day expressions: a point (`3月底`), a day (`5月4日`), a window (`3月`, `8月上旬`), a list."""
    m = re.fullmatch(rf"{_NUM}月(?:份)?(?:之前|以前|前){_TAIL}", w)
    if m:
        month = _month(m.group(1))
        return [Reading("due", {"date": month_end(year, month - 1) if month > 1 else dt.date(year - 1, 12, 31)})]
    m = re.fullmatch(rf"{_NUM}月{_NUM}日?[-~至到]{_NUM}日{_TAIL}", w) or \
        re.fullmatch(rf"{_NUM}月{_NUM}日[-~至到]{_NUM}月{_NUM}日{_TAIL}", w)
    if m:
        g = m.groups()
        start = _day(year, _month(g[0]), g[1])
        end = _day(year, _month(g[0]), g[2]) if len(g) == 3 else _day(year, _month(g[2]), g[3])
        if end < start:
            raise _NotRead("结束日期早于开始日期")
        return [Reading("window", {"start": start, "end": end})]
    m = re.fullmatch(rf"{_NUM}月(?:份)?(?:-|~|至|到){_NUM}月(?:份)?{_VERB}*", w)
    if m:
        first, last = _month(m.group(1)), _month(m.group(2))
        if last < first:
            raise _NotRead("结束月份早于开始月份")
        return [Reading("window", {"start": dt.date(year, first, 1), "end": month_end(year, last)})]
    kinds = "|".join(sorted(DOCUMENT_KINDS, key=len, reverse=True))
    m = re.fullmatch(rf"(.+?)((?:之前|以前|前)?)(?:报|上报|上传|报送|提交|印发|制定)({kinds})", w)
    if m and _SINGLE.fullmatch(m.group(1)):
        found = _dates(m.group(1) + m.group(2), year)  # `2月中旬前报方案` is by 2-20, `2月中旬报方案` inside 11-20
        if found and len(found) == 1 and found[0].kind in ("due", "window", "on"):
            r = found[0]
            return [Reading(r.kind, {**r.values, "kinds": [m.group(3)]})]
    parts = [p for p in re.split(r"[、和及]", w) if p]
    if len(parts) > 1:
        last = _SINGLE.match(parts[-1])
        suffix = last.group(3) if last and last.group(3) else ""
        out = []
        for part in parts:
            if suffix and re.fullmatch(rf"{_NUM}月(?:份)?", part):
                part += suffix
            out += _single_date(part, year) or []
            if not _single_date(part, year):
                return None
        return out
    return _single_date(w, year)


def _single_date(w: str, year: int) -> list[Reading] | None:
    before = bool(re.search(r"(?:之前|以前|前)", w))
    w = re.sub(_TAIL + "$", "", w)
    m = _SINGLE.fullmatch(w)
    if not m:
        return None
    month = _month(m.group(1))
    if m.group(2):
        day = _day(year, month, m.group(2))
        return [Reading("due" if before else "on", {"date": day})]
    part = m.group(3)
    if part in ("底", "末"):
        return [Reading("due", {"date": month_end(year, month)})]
    if part:
        first, last = _PART[part]
        last = min(last, month_end(year, month).day)
        if before:
            return [Reading("due", {"date": dt.date(year, month, last)})]
        return [Reading("window", {"start": dt.date(year, month, first), "end": dt.date(year, month, last)})]
    return [Reading("window", {"start": dt.date(year, month, 1), "end": month_end(year, month)})]
