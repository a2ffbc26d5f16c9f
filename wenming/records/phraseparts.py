"""The parts of a phrase, found wherever they stand in a clause: cycles, counts, dates, festivals, events,
ratios, hours, judged words. Pure.

:func:`find_parts` runs the finders in order over one clause; each marks the characters it reads so
later finders see only what is left (`\\0` stands for a character already read). What no finder reads is
plain words, checked by the safety rule in `phrases`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import phrasedates as dates
from .festivals import ALIASES, FESTIVALS
from .phrasetypes import DOCUMENT_KINDS, NUM, NotRead, number
from .phrasewords import (AT_LEAST, AT_MOST, BELOW, CYCLE_UNITS, EVENT_VERBS, EVENTS, FESTIVAL_WORDS, HOLIDAYS,
                          JUDGEMENT_WORDS,
                          MEASURE, MORE_THAN, NAMED_DAYS, NAMED_PERIODS, NOT_COUNT_IDIOMS, NOT_COUNT_NOUNS,
                          ORG_SUBJECTS, OTHER_MEASURES, PER_NOUNS, PERIOD_SUFFIX, cycle_name)


@dataclass
class Part:
    role: str
    start: int
    end: int
    data: dict = field(default_factory=dict)


class Clause:
    """One clause of a phrase (`text`, starting at `offset` in the normalised phrase) and its parts."""

    def __init__(self, text: str, offset: int, year: int):
        self.text, self.offset, self.year = text, offset, year
        self.masked = text
        self.parts: list[Part] = []

    def take(self, start: int, end: int, role: str, data: dict | None = None) -> Part:
        part = Part(role, start, end, data or {})
        self.parts.append(part)
        self.masked = self.masked[:start] + "\0" * (end - start) + self.masked[end:]
        return part

    def find(self, pattern: re.Pattern | str, role: str, read=None) -> None:
        """Every match of `pattern` in what is left becomes a part; `read(match)` gives its data (or None: skip)."""
        regex = re.compile(pattern) if isinstance(pattern, str) else pattern
        pos = 0
        while True:
            m = regex.search(self.masked, pos)
            if m is None:
                return
            if m.end() == m.start():
                pos = m.end() + 1
                continue
            try:
                data = read(m) if read else {}
            except NotRead as exc:
                raise NotRead(str(exc), self.offset + m.start(), self.offset + m.end()) from None
            if data is None:
                pos = m.start() + 1
                continue
            self.take(m.start(), m.end(), role, {"many": data} if isinstance(data, list) else data)
            pos = m.end()

    def left(self) -> list[tuple[int, str]]:
        """Runs of characters no finder read: (start, text)."""
        return [(m.start(), m.group(0)) for m in re.finditer(r"[^\0]+", self.masked)]


def _alt(words) -> str:
    return "|".join(sorted({re.escape(w) for w in words}, key=len, reverse=True))


_AT_LEAST, _MORE, _AT_MOST, _BELOW = _alt(AT_LEAST), _alt(MORE_THAN), _alt(AT_MOST), _alt(BELOW)
_CMP = f"{_BELOW}|{_AT_MOST}|{_MORE}|{_AT_LEAST}"
_MID = r"[^\0\d%每月年周季日天前后内,;()“”]{0,10}?"
_FESTIVALS = _alt({*ALIASES, *FESTIVALS, *HOLIDAYS, *FESTIVAL_WORDS}) + r"|十一(?![月日号次个\d一二三四五六七八九])"
_KINDS = _alt(DOCUMENT_KINDS)
_WEEKDAYS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7}


def _sense(cmp: str | None) -> str:
    if not cmp:
        return "min"
    if re.fullmatch(_BELOW, cmp):
        return "below"
    if re.fullmatch(_AT_MOST, cmp):
        return "max"
    if re.fullmatch(_MORE, cmp):
        return "more"
    return "min"


def _days(n: int | None, unit: str) -> int:
    if n is None:
        raise NotRead("天数不是数字")
    n = n * 7 if unit in ("周", "星期", "个星期") else n
    if not 0 <= n <= 366:
        raise NotRead(f"天数应在 0 到 366 之间，实际为 {n}")
    return n


# -- the finders, in the order they run --------------------------------------------------------------


def _external(c: Clause) -> None:
    c.find(r"(?:具体)?(?:时间|日期)?(?:另行通知|另行安排|另行确定|另定|待定)", "external", lambda m: {"ref": "另行通知"})
    c.find(r"(?:详见|见|按照|依照|依据|参照|按)(?P<ref>[^\0,;]{0,20}?(?:通知|附件\d*|文件|方案|安排|细则|规定|计划))"
           r"(?:要求|执行|规定|安排)?", "external", lambda m: {"ref": m.group("ref")})


def _relative(c: Clause) -> None:
    """After each activity (`活动结束5日内`), a duration (`两个星期内`), a countdown (`倒计时100天`)."""
    def after(m):
        if m.group("u") == "个工作日" or m.group("u") == "工作日":
            raise NotRead("工作日要看节假日安排，请写成天数，如 活动结束7日内")
        if m.group("u") == "小时":
            n = number(m.group("n"))
            return {"days": max(1, -(-(n or 0) // 24))} if n else None
        return {"days": _days(number(m.group("n")), m.group("u"))}
    c.find(rf"(?:活动|会议|工作)?(?:结束|举办|开展|召开)(?:后)?(?<![月\d])(?P<n>{NUM})(?P<u>个工作日|工作日|天|日|个星期|星期|周|小时)"
           r"(?:内|以内|之内)?", "after_record", after)
    c.find(r"(?:活动|会议)?(?:结束)?(?:后)?(?:第二天|次日)(?:内)?", "after_record", lambda m: {"days": 1})
    c.find(r"(?:活动|会议)(?:结束)?当[天日]", "after_record", lambda m: {"days": 0})
    c.find(rf"倒计时(?P<n>{NUM})(?P<u>天|日|周)", "event",
           lambda m: {"name": "倒计时", "relation": "before", "days": _days(number(m.group("n")), m.group("u"))})
    c.find(rf"(?<![月\d])(?P<pre>为期|持续|奋战|历时|用|在)?(?P<n>{NUM})(?P<u>个星期|个工作日|工作日|星期|天|日|周)"
           rf"(?P<rel>内|以内|之内|左右)?", "within", _within)


def _within(m: re.Match):
    if not (m.group("rel") or m.group("pre") in ("为期", "持续", "奋战", "历时")) or m.group("rel") == "左右":
        return None
    if "工作日" in m.group("u"):
        raise NotRead("工作日要看节假日安排，请写成天数，如 7日内")
    return {"days": _days(number(m.group("n")), m.group("u"))}


def _days_and_periods(c: Clause) -> None:
    """Named days (`3·5`, `七一`), fixed holidays, festivals with `等`, named weeks and months."""
    rel = (r"(?P<rel>即将来临|将至|临近|来临之际|到来之际|前夕|之前|以前|前后|前|当天|当日|期间|之际|假期|假日|放假期间|"
           r"节日期间|节假日期间|来临|到来)?")
    c.find(rf"(?:“|)?(?P<names>(?:{_FESTIVALS})(?:节)?(?:[、,和及与]?(?:{_FESTIVALS})(?:节)?)*)(?:”)?(?P<etc>等)?"
           rf"(?:[\u4e00-\u9fa5]{{0,6}}?(?:节日|节庆|佳节|节点|节假日))?(?:“?双节”?)?(?:放假)?{rel}", "festival", _festival)
    c.find(rf"(?:我们的节日|中华传统节日|传统节日|传统佳节){rel}", "festival",
           lambda m: {"names": list(FESTIVALS), "relation": _relation(m.group("rel")), "open": True, "generic": True})
    c.find(rf"(?P<name>{_alt(NAMED_PERIODS)})(?:期间|中|内)?", "date", _named_period)
    days = _alt(k for k, v in NAMED_DAYS.items() if v)
    c.find(rf"“?(?:(?P<m>\d{{1,2}})[·.](?P<d>\d{{1,2}})”?(?P<tail>[\u4e00-\u9fa5]{{0,12}}?(?:纪念日|宣传日|日|节|月|周))?|"
           rf"(?P<name>{days}))”?(?:纪念日|节|活动日)?(?P<rel>前夕|之前|以前|前|当天|当日|期间|之际)?", "date", _named_day)
    c.find(rf"“?(?P<name>[\u4e00-\u9fa5]{{2,12}}?{PERIOD_SUFFIX})”?(?:期间|中|内)?", "event", _period)
    c.find(r"“(?P<name>[\u4e00-\u9fa5]{1,10}(?:月|周))”(?:期间|中|内)?", "event", _period)
    c.find(r"“[^“”\0\d]{1,24}”", "plain", lambda m: None if re.search(r"[一二两三四五六七八九十]无|每|月|年", m.group(0)) else {})


def _period(m: re.Match):
    name = m.group("name")
    if re.search(r"[月日年周季天旬\d]", name[:-3] if len(name) > 3 else name[:-1]) or re.match(r"[为是的与和将在于]", name):
        return None
    if "学雷锋" in name and name.endswith("月"):
        return {"kind": "window", "start": (3, 1), "end": (3, 31), "named": True}
    return {"name": name, "relation": "during", "period": True}


def _relation(rel: str | None) -> str:
    if rel in ("前夕", "之前", "以前", "前", "即将来临", "将至", "临近", "来临", "到来"):
        return "before"
    if rel in ("当天", "当日"):
        return "on"
    return "during"


def _festival(m: re.Match) -> dict:
    names = []
    for name in re.findall(_FESTIVALS, m.group("names")):
        name = "国庆" if name == "十一" else name
        short = HOLIDAYS[name][0] if name in HOLIDAYS else FESTIVAL_WORDS.get(name) or ALIASES.get(name, name)
        if short not in names:
            names.append(short)
    out = {"names": names, "relation": _relation(m.group("rel"))}
    if m.group("etc"):
        out["open"] = True
    return out


def _named_period(m: re.Match) -> dict:
    a, b, c_, d = NAMED_PERIODS[m.group("name")]
    return {"kind": "window", "start": (a, b), "end": (c_, d), "named": True}


def _named_day(m: re.Match):
    before = m.string[m.start() - 1] if m.start() > 0 else ""
    if re.match(r"[\u4e00-\u9fa5]", before) and before not in "在于至到迎庆逢的和与及为即值借临前是以、":
        return None  # `学雷锋青年志愿者日`: part of a longer name
    if m.group("m"):
        mo, d = int(m.group("m")), int(m.group("d"))
        if "." in m.group(0) and not (m.group(0).startswith("“") or m.group("tail")):
            return None  # `3.5` is a number unless quoted or named
        tail = m.group("tail") or ""
        if tail.endswith(("月", "周")):
            if "学雷锋" in tail:
                return {"kind": "window", "start": (3, 1), "end": (3, 31), "named": True}
            return None
    else:
        mo, d = NAMED_DAYS[m.group("name")]
    rel = m.group("rel")
    return {"kind": "named_day", "month": mo, "day": d, "rel": rel}


def _events(c: Clause, events: tuple[str, ...]) -> None:
    names = _alt((*events, *EVENTS))
    c.find(rf"(?P<name>(?:{_FESTIVALS})(?:节)?(?:放假|假期))(?P<rel>前|之前|以前|期间|后)", "event", _event)
    rel = r"(?P<rel>期间|之前|以前|前夕|前|之后|以后|结束后|后|时|当天|结束|为止|完毕)"
    qual = r"(?:在|于)?(?:全国|全省|全市|全区|全县|省|市|区|县|上级|省级|市级|国家|各级)?(?:文明办|文明委)?(?:的|组织的|开展)?"
    c.find(rf"{qual}(?P<name>{names})(?:工作|活动|组)?{EVENT_VERBS}?(?:之)?{rel}"
           rf"(?:(?P<n>{NUM})(?P<u>天|日|周|个星期))?", "event", _event)
    c.find(rf"{qual}(?P<name>[\u4e00-\u9fa5“”]{{1,10}}?{EVENT_VERBS})(?:之)?(?P<rel>前|之前|以前|之际|期间)"
           rf"(?:(?P<n>{NUM})(?P<u>天|日|周))?", "event", _event)


def _event(m: re.Match):
    name = m.group("name").strip("“”")
    if re.search(r"[月日年周季天旬\d]", name):
        return None
    rel = m.group("rel")
    out = {"name": name, "relation": "during" if rel in ("期间", "时", "当天", "之际", "结束", "为止", "完毕") else
           "before" if "前" in rel else "after"}
    if m.group("n"):
        out["days"] = _days(number(m.group("n")), m.group("u"))
        if out["days"] == 0:
            raise NotRead("天数应至少为 1")
    return out


def _each_month(c: Clause) -> None:
    """`1月、7月各一次`, `3、6、9、12月各开展一次`: one (or more) inside each listed month."""
    def read(m):
        months = sorted({dates.month(x) for x in re.findall(r"\d{1,2}|十[一二]?|[一二三四五六七八九]", m.group("ms"))})
        return {"months": months}
    c.find(rf"(?P<ms>(?:\d{{1,2}}|十[一二]?|[一二三四五六七八九])月?(?:份)?(?:[、,和及与](?:\d{{1,2}}|十[一二]?|"
           r"[一二三四五六七八九])月?(?:份)?)+)(?<=月|份)各", "each", read)
    c.find(rf"(?P<ms>(?:\d{{1,2}}|十[一二]?|[一二三四五六七八九])(?:[、,和及与](?:\d{{1,2}}|十[一二]?|"
           r"[一二三四五六七八九]))+月(?:份)?)各", "each", read)


def _cycles(c: Clause) -> None:
    units = _alt(CYCLE_UNITS)
    c.find(r"(?:每|按)(?:个)?学(?:期|年)", "cycle", _term)
    c.find(rf"(?<![第每本今全前近去明\d])(?P<n>一|两|二|三|四|五|六|半|\d+)(?:个)?(?P<u>季度|季|星期|周|年|月|天)"
           rf"(?=(?:[一两二三四五六七八九十]|\d+)(?:次|回|期|场|篇|条|课|讲|项)|一[\u4e00-\u9fa5])", "cycle", _idiom)
    c.find(rf"(?:每|按|逐)(?:个)?(?:(?P<n>\d+|[两二三四五六七八九十半]+)(?:个)?)?(?P<u>{units}|工作日)"
           rf"(?:(?P<d>\d{{1,2}}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号](?P<drel>前|之前|以前|止)?"
           rf"|(?:的)?第(?P<nth>[一二三四1-4]|最后一)(?:个)?(?:(?:周|星期)(?:的)?)?(?:星期|周|礼拜)(?P<wd>[一二三四五六日天])"
           rf"|(?:星期|周)(?P<wd2>[一二三四五六日天])"
           rf"|(?P<part>初|上旬|中旬|下旬|底|末)(?P<prel>前)?)?", "cycle", _cycle)
    c.find(r"(?<![今本明去当前])(?P<u>月|周|天|日|年|季)(?P=u)(?![底末初中])", "cycle", lambda m: _cycle_of(m.group("u"), 1))
    c.find(rf"以(?:一个)?(?P<u>{units})为(?:一个)?周期", "cycle", lambda m: _cycle_of(m.group("u"), 1))
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
    tail = rf"(?:\((?P<alt>{MEASURE})\))?(?P<post>及以上|或以上|以上|及以下|以下|以内|左右|多)?"
    body = rf"“?(?P<n>{NUM})”?(?:(?:-|~|至|到|或)(?P<n2>{NUM}))?(?P<m>{MEASURE})"
    c.find(rf"(?P<cmp>{_CMP})(?P<mid>{_MID}){body}{tail}", "count", _quantity)
    c.find(_alt(NOT_COUNT_IDIOMS), "plain")
    c.find(rf"(?<![-~至到或\d])(?P<n>{NUM})(?:个|项|条|大|种)?(?:{_alt(NOT_COUNT_NOUNS)})|{NUM}周年|"
           rf"(?<![-~至到或\d])(?:\d+(?:\.\d+)?|{NUM})(?:米|公里|千米|平方米|平米|万元|元|字|岁|厘米|公斤|吨)", "plain",
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


def _kinds(c: Clause) -> None:
    c.find(rf"(?:{_KINDS})", "kind", lambda m: {"kind": m.group(0)})


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


def _first(c: Clause) -> None:
    """Titles of documents, lunar dates beside a date, `即日起`, times of the working day: never read."""
    c.find(r"《[^》]*》", "plain")
    c.find(r"\((?:农历|阴历|腊月|正月|具体年份|年份)[^)]*\)|(?:从|自)?即日起|(?:上班|下班|放学|上课)(?:前|后)", "ignored")


def find_parts(c: Clause, events: tuple[str, ...] = ()) -> None:
    _first(c)
    _external(c)
    _relative(c)
    _days_and_periods(c)
    _events(c, events)
    _each_month(c)
    _cycles(c)
    _dates(c)
    _hours_ratios(c)
    _quantities(c)
    _bare_cycles(c)
    _people(c)
    _judged(c)
    _kinds(c)
    _clock(c)
    c.parts.sort(key=lambda p: p.start)
