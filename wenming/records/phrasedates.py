"""Dates and spans in the plan's phrases: days, months, 旬, halves, quarters, ranges, lists, years. Pure.

Each finder takes a :class:`~.phraseclause.Clause` and marks the characters it reads with a part whose
`data` holds the reading (`due`, `window`, `on` or `from`) it stands for.
"""

from __future__ import annotations

import datetime as dt
import re

from .dates import month_end
from .phrasetypes import NotRead, number

_CN_MONTH = r"(?:\d{1,2}|十[一二]?|[一二三四五六七八九]|元)"
_CN_DAY = r"(?:\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
YEAR = r"(?:(?:20[_-]{1,3}|\d{4}|\d{2}(?=年\d{1,2}月)|去|[〇零一二三四五六七八九]{4}|20x{2}|20\dx|x{2,4}|_+|今|本|次|明|来|翌|当)年(?:度)?)"
_YEAR = r"(?:(?P<{0}>20[_-]{{1,3}}|\d{{4}}|\d{{2}}(?=年\d{{1,2}}月)|去|上一?|[〇零一二三四五六七八九]{{4}}|20x{{2}}|20\dx|x{{2,4}}|_+|今|本|次|明|来|翌|当)年(?:度)?)"
_PART = r"(?:中下旬|上中旬|上旬|中旬|下旬|初(?![一二三四五六七八九十])|中|底|末)"
PARTS = {"上旬": (1, 10), "中旬": (11, 20), "中": (11, 20), "下旬": (21, 31), "中下旬": (11, 31),
         "上中旬": (1, 20), "初": (1, 10)}
TIME = (r"(?:(?:上午|下午|中午|晚上|早上|凌晨|早|晚)?\d{1,2}(?::\d{2}|[点时](?:\d{1,2}分?|半|整)?)"
        r"|上午|下午|中午|晚上|早上|全天)")
WEEKDAY = r"(?:\((?:星期|周|礼拜)[一二三四五六日天]\)|(?:星期|周|礼拜)[一二三四五六日天])"
_EXTRA = rf"(?:{WEEKDAY}|{TIME}|\({TIME}\)|\0)*"
_DUE = r"(?:之前|以前|前|为止|止|截止)"
_INSIDE = r"(?:以内|之内|内|期间|间)"
_FROM = r"(?:起|开始)"
_SEP = r"(?:(?:开始|起)?(?:-{1,2}|~|至|到))"


def year_of(text: str | None, year: int) -> int:
    """The year a date names: none, a placeholder (`20xx`, `____`), 今/本/当 → the plan's; 次/明/来/翌 → next."""
    if not text or "x" in text or "_" in text or "-" in text or text in "今本当":
        return year
    if text in "次明来翌":
        return year + 1
    if text in ("去", "上", "上一"):
        return year - 1
    n = number(text)
    if n is not None and len(text) == 2:
        n += 2000
    if n is None or not 1990 <= n <= 2100:
        raise NotRead(f"年份 {text} 不对")
    return n


def month(text: str) -> int:
    n = 1 if text == "元" else number(text)
    if n is None or not 1 <= n <= 12:
        raise NotRead(f"没有 {text} 月")
    return n


def day(year: int, m: int, text: str) -> dt.date:
    n = number(text)
    try:
        return dt.date(year, m, n or 0)
    except ValueError:
        raise NotRead(f"{m}月没有{text}日") from None


def _point(y: int, m: int, d: str | None, part: str | None, last: bool) -> dt.date:
    """The first (or `last`) day a month, a day or a part of a month stands for."""
    if d:
        return day(y, m, d)
    if part in ("底", "末"):
        return month_end(y, m)
    if part:
        first, end = PARTS[part]
        return dt.date(y, m, min(end, month_end(y, m).day)) if last else dt.date(y, m, first)
    return month_end(y, m) if last else dt.date(y, m, 1)


def _window(start: dt.date, end: dt.date) -> dict:
    if end < start:
        raise NotRead("结束日期早于开始日期")
    return {"kind": "window", "start": start, "end": end}


RANGE_DAYS = re.compile(rf"(?:从|自|于|在)?{_YEAR.format('y')}?(?P<m>{_CN_MONTH})月(?:份)?(?P<d1>{_CN_DAY})[日号]?"
                        rf"{_EXTRA}{_SEP}(?P<d2>{_CN_DAY})[日号]{_EXTRA}(?:{_INSIDE}|止|结束)?")
RANGE_MONTHS = re.compile(
    rf"(?:从|自|于|在)?{_YEAR.format('y')}?(?P<m>{_CN_MONTH})月(?:份)?(?:(?P<d>{_CN_DAY})[日号]|(?P<p>{_PART}))?{_EXTRA}"
    rf"{_SEP}{_YEAR.format('y2')}?(?P<m2>{_CN_MONTH})月(?:份)?(?:(?P<d2>{_CN_DAY})[日号]|(?P<p2>{_PART}))?{_EXTRA}"
    rf"(?:{_INSIDE}|止|结束)?")
RANGE_NUMS = re.compile(rf"(?:从|自|于|在)?{_YEAR.format('y')}?(?P<m>{_CN_MONTH}){_SEP}(?P<m2>{_CN_MONTH})月(?:份)?"
                        rf"(?:{_INSIDE})?")
MONTH_LIST = re.compile(rf"{_YEAR.format('y')}?(?P<ms>{_CN_MONTH}(?:[、,和及与]{_CN_MONTH})+)月(?:份)?"
                        rf"(?P<p>{_PART})?(?P<rel>{_DUE}|{_INSIDE})?")
SINGLE = re.compile(
    rf"(?P<pre>从|自从|自)?(?P<to>至|到|截至|截止到|截止(?:日期|时间)?(?:为|是|:)?)?(?:于|在)?{_YEAR.format('y')}?(?P<m>{_CN_MONTH}|x)月(?:份)?(?:(?P<d>{_CN_DAY})[日号]|(?P<xd>x+)[日号]|(?P<p>{_PART}))?"
    rf"{_EXTRA}(?P<rel>{_DUE}|{_INSIDE}|{_FROM}|底前|当天|当日|以来|结束|为时间节点|为截止(?:时间|日期)|为限)?")
YEAR_SPAN = re.compile(
    rf"(?P<pre>从|自)?(?:于|在)?{_YEAR.format('y')}?(?P<s>上半年|下半年|第?[一二三四1-4]季度(?:末|底)?|年底|年末|年终|岁末|"
    rf"全年度|全年|整年|年度内|年内|(?:一个)?自然年(?:度)?内?)(?P<rel>{_DUE}|{_INSIDE}|{_FROM})?")
YEAR_RANGE = re.compile(rf"(?P<y>\d{{4}})年?(?:度)?(?:{_SEP}|及|和|、)(?P<y2>\d{{4}})年(?:度)?(?:{_INSIDE})?")
YEAR_ONLY = re.compile(rf"(?P<pre>从|自从|自)?(?:于|在)?(?P<y>\d{{4}}|去|[〇零一二三四五六七八九]{{4}}|20x{{2}}|20\dx|今|本|当)年(?:度)?"
                       rf"(?P<rel>{_INSIDE}|底前|底|末|起|开始|以来)?(?![一二三四五六七八九十\d上下第全元])")
ISO = re.compile(r"(?<!\d)(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)(?P<rel>" + _DUE + ")?")


def read_range_days(m: re.Match, year: int) -> dict:
    y = year_of(m.group("y"), year)
    mo = month(m.group("m"))
    return _window(day(y, mo, m.group("d1")), day(y, mo, m.group("d2")))


def read_range_months(m: re.Match, year: int) -> dict:
    y = year_of(m.group("y"), year)
    y2 = year_of(m.group("y2"), y) if m.group("y2") else y
    first, m2 = month(m.group("m")), month(m.group("m2"))
    start = _point(y, first, m.group("d"), m.group("p"), False)
    if m2 < first and (not m.group("y2") or re.search(r"[x_-]", m.group("y2"))):
        y2 = y + 1  # `11月至2月`: across the year end
    end = _point(y2, m2, m.group("d2"), m.group("p2"), True)
    return _window(start, end)


def read_range_nums(m: re.Match, year: int) -> dict:
    y = year_of(m.group("y"), year)
    first, last = month(m.group("m")), month(m.group("m2"))
    return _window(dt.date(y, first, 1), month_end(y + (1 if last < first else 0), last))


def read_month_list(m: re.Match, year: int) -> list[dict]:
    y = year_of(m.group("y"), year)
    out = []
    for text in re.split(r"[、,和及与]", m.group("ms")):
        out.append(_single(y, month(text), None, m.group("p"), m.group("rel"), None))
    return out


def read_single(m: re.Match, year: int) -> dict:
    if m.string[max(0, m.start() - 2):m.start()] in ("农历", "阴历"):
        raise NotRead("农历月份每年对应的公历日期不同，请写成公历日期或节日名称")
    if m.group("m") == "x" or m.group("xd"):
        raise NotRead("日期没有填全（x月、x日）")
    y = year_of(m.group("y"), year)
    out = _single(y, month(m.group("m")), m.group("d"), m.group("p"), m.group("rel"), m.group("pre"))
    if m.group("to") or m.group("rel") == "结束":
        if out["kind"] == "window":
            out = {"kind": "due", "date": out["end"]}
        if out["kind"] not in ("due", "on"):
            raise NotRead("“至…”后面应是一个日期")
        out = {"kind": "due", "date": out["date"], "to": True}
    return out


def _single(y: int, mo: int, d: str | None, part: str | None, rel: str | None, pre: str | None) -> dict:
    if rel == "底前":
        part, rel = "底", "前"
    if rel in ("当天", "当日"):
        rel = None
    if rel in ("结束", "为时间节点", "为截止时间", "为截止日期", "为限"):
        rel = "前"
    if rel == "以来":
        rel = "起"
    if rel in ("起", "开始") or pre:  # `从7月起`, `自2008年5月`: the task starts then
        return {"kind": "from", "date": _point(y, mo, d, part, False)}
    due = rel is not None and re.fullmatch(_DUE, rel) is not None
    if d:
        return {"kind": "due" if due else "on", "date": day(y, mo, d)}
    if part in ("底", "末"):
        return {"kind": "due", "date": month_end(y, mo)}
    if part:
        if due:
            return {"kind": "due", "date": _point(y, mo, None, part, True)}
        return _window(_point(y, mo, None, part, False), _point(y, mo, None, part, True))
    if due:  # `3月前`: before March, by the end of February
        return {"kind": "due", "date": month_end(y, mo - 1) if mo > 1 else dt.date(y - 1, 12, 31)}
    return _window(dt.date(y, mo, 1), month_end(y, mo))


def read_year_span(m: re.Match, year: int) -> dict | None:
    if not m.group("y") and m.group("s").startswith("年") and m.start() > 0 and \
            re.match(r"[第一二两三四五六七八九十\d]", m.string[m.start() - 1]):
        return None  # `第二年底`: not this year's end
    y = year_of(m.group("y"), year)
    s, rel = m.group("s"), m.group("rel")
    if s in ("年底", "年末", "年终", "岁末"):
        return {"kind": "due", "date": dt.date(y, 12, 31)}
    if s in ("全年度", "全年", "整年", "年度内", "年内") or "自然年" in s:
        return {"kind": "window", "start": dt.date(y, 1, 1), "end": dt.date(y, 12, 31), "whole_year": True}
    if "半年" in s:
        first = 1 if s == "上半年" else 7
        start, end = dt.date(y, first, 1), month_end(y, first + 5)
    else:
        q = number(re.search(r"[一二三四1-4]", s).group(0))
        start, end = dt.date(y, 3 * q - 2, 1), month_end(y, 3 * q)
        if s.endswith(("末", "底")):
            return {"kind": "due", "date": end}
    if rel in ("起", "开始") or m.group("pre"):
        if rel not in ("起", "开始"):
            raise NotRead("“从…”后面要写到哪天，或写成 从下半年起")
        return {"kind": "from", "date": start}
    if rel and re.fullmatch(_DUE, rel):
        return {"kind": "due", "date": start - dt.timedelta(days=1)}
    return _window(start, end)


def read_dotted_range(m: re.Match, year: int) -> dict:
    """`3·1-3·3`, `3.9-3.15`: month·day to month·day."""
    return _window(day(year, month(m.group("m")), m.group("d")), day(year, month(m.group("m2")), m.group("d2")))


def read_year_range(m: re.Match, year: int) -> dict:
    y, y2 = year_of(m.group("y"), year), year_of(m.group("y2"), year)
    return _window(dt.date(y, 1, 1), dt.date(y2, 12, 31))


def read_year_only(m: re.Match, year: int) -> dict:
    y = year_of(m.group("y"), year)
    if m.group("rel") in ("起", "开始", "以来"):
        return {"kind": "from", "date": dt.date(y, 1, 1)}
    if m.group("pre"):
        return {"kind": "from", "date": dt.date(y, 1, 1)}
    if m.group("rel") in ("底", "末", "底前"):
        return {"kind": "due", "date": dt.date(y, 12, 31)}
    return {"kind": "window", "start": dt.date(y, 1, 1), "end": dt.date(y, 12, 31), "whole_year": True}


def read_iso(m: re.Match, year: int) -> dict:
    try:
        return {"kind": "due", "date": dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))}
    except ValueError:
        raise NotRead("不是有效的日期") from None
