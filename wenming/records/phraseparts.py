"""The parts of a phrase, found wherever they stand in a clause: cycles, counts, dates, festivals, events,
ratios, hours, judged words. Pure.

:func:`find_parts` runs the finders in order over one clause; each marks the characters it reads so
later finders see only what is left (`\\0` stands for a character already read). What no finder reads is
plain words, checked by the safety rule in `phrases`.
"""

from __future__ import annotations

import re

from . import phrasedates as dates
from .phraseclause import _CMP, _MID, Clause, _alt, _days, _sense
from .phraseevents import _days_and_periods, _events, _external, _first, _relative
from .phrasetypes import DOCUMENT_KINDS, NUM, NotRead, number
from .phrasewords import (CYCLE_UNITS, JUDGEMENT_WORDS, MEASURE, NOT_COUNT_IDIOMS, NOT_COUNT_NOUNS, ORG_SUBJECTS,
                          OTHER_MEASURES, PER_NOUNS, cycle_name)

_WEEKDAYS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7}



def _each_month(c: Clause) -> None:
    """`1月、7月各一次`, `3、6、9、12月各开展一次`: one (or more) inside each listed month."""
    def read(m):
        months = sorted({dates.month(x) for x in re.findall(r"\d{1,2}|十[一二]?|[一二三四五六七八九]", m.group("ms"))})
        return {"months": months}
    c.find(r"(?P<ms>(?:\d{1,2}|十[一二]?|[一二三四五六七八九])月?(?:份)?(?:[、,和及与](?:\d{1,2}|十[一二]?|"
           r"[一二三四五六七八九])月?(?:份)?)+)(?<=月|份)各", "each", read)
    c.find(r"(?P<ms>(?:\d{1,2}|十[一二]?|[一二三四五六七八九])(?:[、,和及与](?:\d{1,2}|十[一二]?|"
           r"[一二三四五六七八九]))+月(?:份)?)各", "each", read)


def _cycles(c: Clause) -> None:
    units = _alt(CYCLE_UNITS)
    c.find(r"(?:每|按)(?:个)?学(?:期|年)", "cycle", _term)
    c.find(r"(?<![第每本今全前近去明\d])(?P<n>一|两|二|三|四|五|六|半|\d+)(?:个)?(?P<u>季度|季|星期|周|年|月|天)"
           r"(?=(?:[一两二三四五六七八九十]|\d+)(?:次|回|期|场|篇|条|课|讲|项)|一(?![日号次个])[\u4e00-\u9fa5])", "cycle", _idiom)
    c.find(rf"(?:每|按|逐)(?:个)?(?:(?P<n>\d+|[两二三四五六七八九十半]+)(?:个)?)?(?P<u>{units}|工作日)"
           rf"(?:(?P<d>\d{{1,2}}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号](?P<drel>前|之前|以前|止)?"
           rf"|(?:的)?第(?P<nth>[一二三四1-4]|最后一)(?:个)?(?:(?:周|星期)(?:的)?)?(?:星期|周|礼拜)(?P<wd>[一二三四五六日天])"
           rf"|(?:星期|周)(?P<wd2>[一二三四五六日天])"
           rf"|(?P<part>初|上旬|中旬|下旬|月底|月末|底|末)(?P<prel>前)?)?"
           rf"(?:(?P<k>[一二两三])(?=[小大]?(?:扫|清扫|保洁|检查|巡查|通报|督查|调度|讲评|评比|上报|盘点|督导|总结|部署|落实|整改|清理)))?",
           "cycle", _cycle)
    c.find(r"(?<![今本明去当前])(?P<u>月|周|天|日|年|季)(?P=u)(?![底末初中])", "cycle", lambda m: _cycle_of(m.group("u"), 1))
    c.find(rf"以(?:一个)?(?P<u>{units})为(?:一个)?周期", "cycle", lambda m: _cycle_of(m.group("u"), 1))
    c.find(r"日产日清|日清日结|日日清|一日一清", "cycle", lambda m: _cycle_of("天", 1))
    c.find(r"(?P<u>年|月|季|周)(?:平)?均", "cycle", lambda m: {**_cycle_of(m.group("u"), 1), "average": True})


def _term(m: re.Match):
    raise NotRead("学期、学年的起止日期各单位不同，请写成月份，如 每年3月、9月各一次")


def _cycle_of(unit: str, n: int) -> dict:
    base, length = CYCLE_UNITS[unit]
    name, every = cycle_name(base, length * n)
    return {"cycle": name, **({"every": every} if every else {})}


def _idiom(m: re.Match):
    if m.group("n").isdigit() and int(m.group("n")) > 12:
        return None  # `2019年`: a year, not a cycle
    if m.group("n") == "半" and m.start() > 0 and m.string[m.start() - 1] in "上下":
        return None
    n = 6 if m.group("n") == "半" else number(m.group("n"))
    if m.group("n").isdigit() and m.group("u") == "月":
        return None
    if not n:
        return None
    if m.group("n") == "半" and m.group("u") != "年":
        return None
    if m.group("n") == "半":
        return {"cycle": "half_year"}
    return _cycle_of(m.group("u"), n)


def _cycle(m: re.Match):
    unit = m.group("u")
    if unit == "工作日":
        unit = "天"
    n = m.group("n")
    if n == "半":
        if unit != "年":
            return None
        out = {"cycle": "half_year"}
    else:
        count = number(n) if n else 1
        if not count:
            return None
        out = _cycle_of(unit, count)
    if m.group("d"):
        d = number(m.group("d"))
        if out["cycle"] == "year":
            return None  # `每年3日`? not a date of a yearly cycle
        if out["cycle"] != "month" or d is None or not 1 <= d <= 31:
            raise NotRead("每月的日子应为 1 到 31 日")
        out["due_day"] = d
    if m.group("nth"):
        nth = -1 if m.group("nth") == "最后一" else number(m.group("nth"))
        out["nth_weekday"] = [nth, _WEEKDAYS[m.group("wd")]]
    if m.group("wd2"):
        out["weekday"] = _WEEKDAYS[m.group("wd2")]
    if m.group("k"):
        if out["cycle"] == "week" and m.group("k") != "一":
            return None  # `每周三检查`: Wednesday or three times? the reader cannot say
        out["min"] = number(m.group("k"))
    part = m.group("part")
    if part and out["cycle"] == "month" and part in ("初", "上旬", "中旬"):
        out["due_day"] = 10 if part in ("初", "上旬") else 20
    return out


def _hours_ratios(c: Clause) -> None:
    c.find(rf"(?P<cmp>{_CMP})?(?P<mid>{_MID})(?P<n>\d+(?:\.\d+)?|{NUM})(?:个)?(?:小时|学时|课时)"
           r"(?P<post>及以上|以上|以下|以内)?", "hours", _amount("hours"))
    c.find(rf"(?P<cmp>{_CMP})?(?P<mid>{_MID})(?:为)?(?:(?P<n>\d+(?:\.\d+)?)%|百分之(?P<cn>{NUM})|(?P<a>\d+)/(?P<b>\d+)|"
           rf"(?P<cb>[一二三四五六七八九十]+)分之(?P<ca>[一二三四五六七八九十]+))(?P<post>及以上|以上|以下|以内)?",
           "ratio", _amount("ratio"))


def _amount(kind: str):
    def read(m):
        if re.search(r"约|大概|左右", m.group("mid") or ""):
            raise NotRead(f"“{m.group(0)}”不是确切的数")
        text = m.group("n") if "n" in m.groupdict() and m.group("n") else None
        if kind == "ratio":
            gd = m.groupdict()
            if gd.get("a") or gd.get("ca"):
                a, b = (int(gd["a"]), int(gd["b"])) if gd.get("a") else (number(gd["ca"]), number(gd["cb"]))
                value = a / b * 100 if a and b else None
            else:
                value = float(text) if text else number(m.group("cn"))
            if value is None:
                return None
            value = value / 100
            if not 0 < value <= 1:
                raise NotRead("比例应在 0 到 100% 之间")
        else:
            value = float(text) if text and re.fullmatch(r"\d+\.\d+", text) else number(text or "")
            if not value:
                raise NotRead("小时数不是正数")
            value = int(value) if float(value).is_integer() else value
        sense = _sense(_inner_cmp(m))
        if m.group("post") in ("以下", "以内"):
            sense = "below" if kind == "ratio" else "max"
        return {"value": value, "sense": sense, "cmp": _inner_cmp(m), "mid": m.end("mid") - m.start() if m.group("mid") else 0}
    return read


def _quantities(c: Clause) -> None:
    c.find(rf"第{NUM}(?!时间)(?:个|次|届|期|批|轮|名|位|项|条)?(?![周月年天日季旬个])|{NUM}(?:\.\d+)?万余?(?:名|人|人次|户|余人)", "plain")  # ordinals
    tail = rf"(?:\((?P<alt>{MEASURE})\))?(?P<post>及以上|或以上|以上|及以下|以下|以内|左右|多)?"
    body = rf"“?(?P<n>{NUM})”?(?:(?:-|~|至|到|或)(?P<n2>{NUM}))?(?P<m>{MEASURE})"
    c.find(rf"(?P<cmp>{_CMP})(?P<mid>{_MID}){body}{tail}", "count", _quantity)
    c.find(_alt(NOT_COUNT_IDIOMS), "plain")
    c.find(r"一(?P<noun>村|人|户|校|社区|支部|单位|科室|网格|岗)(?=\0|一(?:次|回))", "per", lambda m: {"per": m.group("noun")})
    c.find(rf"(?<![-~至到或\d])(?P<n>{NUM})(?:个|项|条|大|种)?(?:{_alt(NOT_COUNT_NOUNS)})|{NUM}周年|"
           rf"(?<![-~至到或\d])(?:\d+(?:\.\d+)?|{NUM})(?:米|公里|千米|平方米|平米|万元|元|字|岁|厘米|公斤|吨|号楼|号院|号会议室|号窗口|楼|层)(?:左右)?",
           "plain",
           lambda m: None if re.match(r"(?:\d+|[一二两三四五六七八九十百]+)[次回篇期场]", m.group(0))
           or re.search(f"(?:{_CMP})$", m.string[:m.start()]) else {})
    c.find(rf"(?<![\d.]){body}{tail}", "count", _quantity)


def _inner_cmp(m: re.Match) -> str:
    """The comparison word of an amount, also where plain words stand between it and the number."""
    gd = m.groupdict()
    if gd.get("cmp"):
        return gd["cmp"]
    mid = gd.get("mid") or ""
    found = list(re.finditer(_CMP, mid))
    return found[-1].group(0) if found else ""


def _quantity(m: re.Match):
    n = number(m.group("n"))
    if n is None:
        return None
    if m.group("m") == "个" and re.match(r"[月年周天日季小]", m.string[m.end():m.end() + 1]) and not m.group("post"):
        return None  # `3个月`: a length of time
    if m.group("m") == "天" and not _inner_cmp(m) and not m.group("post"):
        return None  # `只操办1天`, `在20天的公示期间`: how long, not how many
    gd = m.groupdict()
    sense = _sense(_inner_cmp(m))
    out: dict = {"sense": sense, "n": n, "cmp": _inner_cmp(m), "unit": m.group("m")}
    if gd.get("n2"):
        n2 = number(m.group("n2"))
        if n2 is None or n2 < n:
            raise NotRead("范围的下限大于上限")
        out["n2"] = n2
    post = m.group("post")
    if post in ("以下", "及以下", "以内"):
        out["sense"] = "below" if sense == "min" and not gd.get("cmp") and not gd.get("n2") else "max"
        if out["sense"] == "below":
            raise NotRead(f"“{m.group(0)}”是上限还是条件？请写成 不超过{n}次")
    if post in ("左右", "多"):
        raise NotRead(f"“{m.group(0)}”不是确切的次数")
    if m.group("m") in OTHER_MEASURES:
        out["measure"] = m.group("m")
    if n < 1 and sense != "below":
        raise NotRead("次数应至少为 1")
    return out


def _durations(c: Clause) -> None:
    """`只操办1天`, `一天办结`, `在两天的活动中`: how long something lasts, no count."""
    c.find(rf"(?<![\d月第每])(?P<n>{NUM})(?:个)?天(?![前后内一二三四五六七八九十\d])", "within",
           lambda m: {"days": _days(number(m.group("n")), "天")} if number(m.group("n")) else None)


def _bare_cycles(c: Clause) -> None:
    """`半年至少1次`, `三年评选一次`: a length of time without 每 — a cycle when a count follows it."""
    c.find(r"(?<![第每本今全前近去明前后\d])(?P<n>半|一|两|二|三|四|五|\d+)(?:个)?(?P<u>季度|星期|周|年|月)(?!度|内|底|末|初)",
           "bare_cycle", lambda m: None if m.group("n").isdigit() and m.group("u") == "月" else _idiom(m))


def _people(c: Clause) -> None:
    c.find(rf"(?:每|各)(?:个|位|名|辆|条|所|家)?(?P<noun>{_alt(PER_NOUNS)})", "per", lambda m: {"per": m.group("noun")})
    c.find(r"每(?:位|名)", "per", lambda m: {"per": "人"})
    c.find(r"人均|人平均", "per", lambda m: {"per": "人"})
    c.find(rf"^(?P<noun>{_alt(ORG_SUBJECTS)})(?=\0|每)", "per", lambda m: {"per": m.group("noun")})


def _judged(c: Clause) -> None:
    c.find(r"达到[^,;]*?标准|“[一二两三四五六七八九十\d]无”|[一二两三四五六七八九十]无(?:标准|单位|小区)?|"
           r"(?:应|要)?(?:均匀)?分布(?:在|于)(?:全年)?各(?:个)?月(?:份)?|不搞突击[\u4e00-\u9fa5]*|不陈旧破损|"
           r"全年(?:不间断|常态|无休)", "judgement")
    c.find(_alt(JUDGEMENT_WORDS), "judgement")


def _kinds(c: Clause, kinds: tuple[str, ...]) -> None:
    names = _alt((*DOCUMENT_KINDS, *kinds))
    c.find(rf"(?:{names})", "kind", lambda m: {"kind": m.group(0)})


def _clock(c: Clause) -> None:
    c.find(rf"\(?(?:{dates.WEEKDAY}|{dates.TIME})\)?", "ignored")
    c.find(r"[扣得加减](?:\d+(?:\.\d+)?|[一二两三四五六七八九十]+)分", "ignored")


def _dates(c: Clause) -> None:
    y = c.year
    c.find(dates.ISO, "date", lambda m: dates.read_iso(m, y))
    c.find(dates.RANGE_DAYS, "date", lambda m: dates.read_range_days(m, y))
    c.find(dates.RANGE_MONTHS, "date", lambda m: dates.read_range_months(m, y))
    c.find(dates.RANGE_NUMS, "date", lambda m: dates.read_range_nums(m, y))
    c.find(dates.MONTH_LIST, "date", lambda m: dates.read_month_list(m, y))
    c.find(dates.SINGLE, "date", lambda m: dates.read_single(m, y))
    c.find(dates.YEAR_RANGE, "date", lambda m: dates.read_year_range(m, y))
    c.find(dates.YEAR_SPAN, "date", lambda m: dates.read_year_span(m, y))
    c.find(dates.YEAR_ONLY, "date", lambda m: dates.read_year_only(m, y))


def find_parts(c: Clause, events: tuple[str, ...] = (), kinds: tuple[str, ...] = ()) -> None:
    """Every part of the clause; `events` and `kinds`: the names of the plan's events and the unit's own
    document kinds (`经验材料`), read like the built-in ones."""
    _first(c)
    _external(c)
    _relative(c)
    _days_and_periods(c)
    _events(c, events)
    _each_month(c)
    _cycles(c)
    _dates(c)
    _people(c)
    _hours_ratios(c)
    _quantities(c)
    _durations(c)
    _bare_cycles(c)
    _judged(c)
    _kinds(c, kinds)
    _clock(c)
    c.parts.sort(key=lambda p: p.start)
