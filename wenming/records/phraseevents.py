"""Finders for the parts of a phrase that name a moment rather than a count: a document it refers to, days
after each activity, a duration, named days and periods, festivals and events. Pure (see `phraseparts`)."""

from __future__ import annotations

import re

from .festivals import ALIASES, FESTIVALS
from .phraseclause import Clause, _alt, _days
from .phrasetypes import NUM, NotRead, number
from .phrasewords import (EVENT_VERBS, EVENTS, FESTIVAL_WORDS, HOLIDAYS, MEASURE, NAMED_DAYS, NAMED_PERIODS,
                          PERIOD_SUFFIX)
from . import phrasedates as dates

_FESTIVALS = _alt({*ALIASES, *FESTIVALS, *HOLIDAYS, *FESTIVAL_WORDS}) + r"|十一(?![月日号次个\d一二三四五六七八九])"


def _external(c: Clause) -> None:
    c.find(r"(?:具体)?(?:时间|日期)?(?:另行通知|另行安排|另行确定|另定|待定)", "external", lambda m: {"ref": "另行通知"})
    c.find(r"(?:详见|见|按照|依照|依据|参照|按)(?P<ref>[^\0,;]{0,20}?(?:通知|附件\d*|文件|方案|安排|细则|规定|计划))"
           r"(?:要求|执行|规定|安排)?", "external",
           lambda m: None if re.search(rf"\d|[月周年季日天]|{NUM}(?:{MEASURE})", m.group("ref")) else {"ref": m.group("ref")})


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
    c.find(r"(?:活动|会议)结束后$", "after_marker")
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
    c.find(rf"(?:每逢|逢)?(?:“|)?(?P<names>(?:{_FESTIVALS})(?:节)?(?:[、,和及与]?(?:{_FESTIVALS})(?:节)?)*)(?:”)?(?P<etc>等)?"
           rf"(?:[\u4e00-\u9fa5]{{0,6}}?(?:节日|节庆|佳节|节点|节假日))?(?:“?双节”?)?(?:放假)?{rel}", "festival", _festival)
    c.find(rf"(?:我们的节日|中华传统节日|传统节日|传统佳节){rel}", "festival",
           lambda m: {"names": list(FESTIVALS), "relation": _relation(m.group("rel")), "open": True, "generic": True})
    c.find(rf"(?P<name>{_alt(NAMED_PERIODS)})(?:期间|中|内)?", "date", _named_period)
    c.find(r"(?<![\d.])(?P<m>\d{1,2})[·.](?P<d>\d{1,2})(?:-|~|至|到)(?P<m2>\d{1,2})[·.](?P<d2>\d{1,2})(?![\d.%])", "date",
           lambda m: dates.read_dotted_range(m, c.year))
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
    c.find(r"(?P<name>春运|暑、?寒假|寒、?暑假|寒暑假|寒假|暑假|汛期)(?P<rel>期间)?(?![前后])", "event",
           lambda m: {"name": "寒暑假" if len(m.group("name")) > 2 else m.group("name"), "relation": "during"})
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


def _first(c: Clause) -> None:
    """Titles of documents, lunar dates beside a date, `即日起`, times of the working day: never read."""
    c.find(r"《[^》]*》", "plain")
    c.find(r"\((?:农历|阴历|腊月|正月|具体年份|年份|含)[^)]*\)?|(?:从|自)?即日起|(?:上班|下班|放学|上课)(?:前|后)", "ignored")
