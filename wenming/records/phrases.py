"""The plan's own time and frequency wording, read exactly into structured readings. Pure.

`read_phrase(text, year)` reads one phrase as the plan writes it (a task's
`deadline:` or `frequency:`, a schedule date) into a :class:`PhraseReading`:
a list of :class:`Reading`, one per requirement the words state, or an error
that lists the accepted forms. A phrase that is not read exactly is an error,
never a guess. The kinds of reading (their JSON form is `{"kind": …, fields}`):

- `due {date, kinds?}` — by that day (`3月底前`, `2月中旬前`, `3月前` = by the end of February);
- `window {start, end}` — inside those days (`3月`, `8月上旬`, `下半年`, `6月14日-28日`);
- `on {date}` — on that day (`5月4日`);
- `from {date}` — the task starts then (`从7月起`, `下半年开始`);
- `per_cycle {cycle, min, max?, strict?, due_day?}` — every week/month/two_months/quarter/half_year/year;
- `count {min, max?, strict?}` — so many in the task's time (`全年不少于6次`; `超过6次` is at least 7);
- `each_month {months, min_each}` — one (or more) inside each listed month (`1月、7月各一次`);
- `after_record {days}` — reported within so many days after each activity (`活动结束5日内`);
- `festival {names, relation}` — before or on a traditional festival (`端午节前`);
- `event {name, relation, days?}` — relative to an event whose date the plan may not know (`测评期间`);
- `judgement {word}` — no number: a person judges (`定期`, `常态化`, `全覆盖`);
- `external {ref}` — the standard is in another document (`见专项通知`);
- `ratio {min, strict, of}` and `hours {min, strict}` — thresholds (`占职工总数30%以上`, `超过40小时`).
"""

from __future__ import annotations

import datetime as dt
import re

from .dates import cn_number
from .festivals import ALIASES, FESTIVALS
from .phrasedates import _dates, _month, _year_span
from .phrasetypes import (_NUM, _TAIL, _UNIT, _VERB, DOCUMENT_KINDS, NotRead as _NotRead, PhraseReading,
                          Reading)

__all__ = ["ACCEPTED", "CYCLES", "DOCUMENT_KINDS", "PhraseReading", "Reading", "read_phrase"]

CYCLES = ("week", "month", "two_months", "quarter", "half_year", "year")
"""Cycle names of `per_cycle`, shortest first."""

ACCEPTED = (
    "时限：3月底前、2月中旬前、12月上旬前、4月4日前、3月前（2月底前）、3月（在3月内）、5月、8月底、"
    "1月、7月各一次、8月上旬、6月14日-28日、下半年、全年、年底前、从7月起、活动结束5日内、端午节前、2018-03-31；"
    "频次：每季度不少于一次、每半年至少1次、每两个月一次、每月25日前、每周2次以上、每年一次、按季更新、"
    "全年不少于6次、至少2次、超过6次、3-5次、超过40小时、占职工总数30%以上；"
    "没有数字、由人工评定：定期、经常、常态化、全覆盖、达到……标准；标准在别处：见专项通知；"
    "相对于事件：测评期间、迎检前、检查前30天"
)
"""The accepted forms, listed in every error message."""

JUDGEMENT_WORDS = ("不定期", "定期", "经常性", "经常化", "经常", "常态化", "制度化", "长效化", "长期", "及时", "适时",
                   "全覆盖", "家喻户晓", "随时")
EVENTS = ("测评", "迎检", "检查验收", "检查", "验收", "考核", "复查", "督查", "暗访")


_CYCLE_WORDS = {"周": "week", "星期": "week", "月": "month", "个月": "month", "两个月": "two_months", "两月": "two_months",
                "二个月": "two_months", "三个月": "quarter", "季": "quarter", "季度": "quarter", "个季度": "quarter",
                "半年": "half_year", "年": "year", "年度": "year"}
_FESTIVAL_NAMES = sorted({*ALIASES, *FESTIVALS}, key=len, reverse=True)


def read_phrase(text: str, year: int) -> PhraseReading:
    """Read one phrase of the plan for `year`; never guesses (see the module docstring)."""
    phrase = str(text)
    words = _normalise(phrase)
    if not words:
        return PhraseReading(phrase, year, (), f"空的时限或频次。可以写：{ACCEPTED}。")
    try:
        readings = _phrase(words, year)
    except _NotRead as exc:
        detail = f"（{exc}）" if str(exc) else ""
        return PhraseReading(phrase, year, (), f"看不懂 “{phrase}”{detail}。可以写：{ACCEPTED}。")
    return PhraseReading(phrase, year, tuple(readings))


def _normalise(text: str) -> str:
    text = text.translate(str.maketrans("０１２３４５６７８９％～－—–－（）：，；", "0123456789%~----():,;"))
    text = re.sub(r"\s+", "", text)
    text = text.replace("號", "号").replace("号", "日").replace("个工作日", "工作日")
    text = re.sub(r"(?<=\d)日日", "日", text)
    return text.strip("。.;,、")


def _phrase(words: str, year: int) -> list:
    m = re.fullmatch(r"(.+?)\((.+)\)", words)  # `5月14日（端午节前）`: both parts are read
    if m:
        return _phrase(m.group(1), year) + _phrase(m.group(2), year)
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", words):
        return [_iso(words)]
    out = []
    for clause in (c for c in re.split(r"[,;，；]", words) if c):
        out += _clause(clause, year)
    return out


def _iso(words: str) -> Reading:
    try:
        return Reading("due", {"date": dt.date.fromisoformat("-".join(f"{int(p):02d}" for p in words.split("-")))})
    except ValueError:
        raise _NotRead("不是有效的日期") from None


def _clause(w: str, year: int) -> list[Reading]:
    w = re.sub(r"^(?:于|在|应在|须在|要在|每年)(?=[0-9一二三四五六七八九十上下全年])", "", w)
    for reader in (_judgement, _external, _event, _after_record, _festival, _from, _per_cycle, _ratio, _hours,
                   _year_span, _count, _each_month, _dates):
        found = reader(w, year)
        if found is not None:
            return found
    if "、" in w:
        out = []
        for part in w.split("、"):
            out += _clause(part, year)
        return out
    if re.fullmatch(r"(?:当|本|每)?月(?:底|末)" + _TAIL, w):
        raise _NotRead("没有写是哪个月")
    if re.search(r"每(?:日|天)", w):
        raise _NotRead("不按天考核；每日的要求请写成 定期，由人工评定")
    if "工作日" in w:
        raise _NotRead("工作日要看节假日安排，请写成天数，如 活动结束7日内")
    raise _NotRead("")


# -- readers: each returns a list of readings, or None when the clause is not of its kind ----------


def _judgement(w: str, year: int):
    if re.search(r"达到.*标准|[一二两三四五六七八九十\d]无|^(?:活动)?(?:应|要)?(?:均匀)?分布(?:在|于)各月$|^不搞突击|^不陈旧破损", w):
        return [Reading("judgement", {"word": w})]
    word = next((j for j in JUDGEMENT_WORDS if w.startswith(j)), None)
    if word and re.fullmatch(rf"{word}(?:、[\u4e00-\u9fa5]{{1,3}}化)*{_VERB}*[\u4e00-\u9fa5“”]*", w) \
            and not re.search(_NUM + _UNIT, w[len(word):]):
        return [Reading("judgement", {"word": w})]
    if w in JUDGEMENT_WORDS:
        return [Reading("judgement", {"word": w})]
    return None


def _external(w: str, year: int):
    m = re.fullmatch(r"(?:时间节点|时间|标准|要求|具体要求|具体时间)?(?:见|详见|按|依照|按照)(.+?)(?:要求|执行|规定)?", w)
    if m and re.search(r"通知|附件|文件|方案|要求|安排|细则", w):
        return [Reading("external", {"ref": re.sub(r"^.*?(?:详见|见|依照|按照|按)", "", w)})]
    if re.fullmatch(r"(?:时间|具体时间)?另行通知", w):
        return [Reading("external", {"ref": "另行通知"})]
    return None


def _event(w: str, year: int):
    names = "|".join(EVENTS)
    m = re.fullmatch(rf"(?:在)?({names})(?:工作)?(期间|前|之前|以前|后|之后)(?:{_NUM}(天|日|周))?{_TAIL}", w)
    if not m:
        return None
    name, rel = m.group(1), m.group(2)
    relation = "during" if rel == "期间" else "before" if "前" in rel else "after"
    values: dict = {"name": name, "relation": relation}
    if m.group(3):
        n = cn_number(m.group(3))
        if n is None:
            raise _NotRead("天数不是数字")
        values["days"] = _days(n * 7 if m.group(4) == "周" else n)
    return [Reading("event", values)]


def _days(n: int) -> int:
    """A number of days a plan can mean: 1 to 366 (a year); beyond that the number is a typing error."""
    if not 1 <= n <= 366:
        raise _NotRead(f"天数应在 1 到 366 之间，实际为 {n}")
    return n


def _after_record(w: str, year: int):
    m = re.fullmatch(rf"(?:活动)?结束(?:后)?{_NUM}(日|天|周)(?:内|以内|之内)?{_TAIL}", w)
    if m:
        n = cn_number(m.group(1))
        if n is None:
            raise _NotRead("天数不是数字")
        return [Reading("after_record", {"days": _days(n * 7 if m.group(2) == "周" else n)})]
    if re.fullmatch(rf"(?:活动)?结束(?:后)?一(?:周|星期)(?:内|以内)?{_TAIL}", w):
        return [Reading("after_record", {"days": 7})]
    if re.fullmatch(rf"(?:活动结束)?(?:第二天|次日)(?:内)?{_TAIL}", w):
        return [Reading("after_record", {"days": 1})]
    return None


def _festival(w: str, year: int):
    names = "|".join(_FESTIVAL_NAMES)
    m = re.fullmatch(rf"((?:(?:{names})、?)+)(前夕|前|之前|当天|当日)?{_VERB}*(?:活动)?", w)
    if not m:
        return None
    found = [ALIASES.get(n, n) for n in re.findall(names, m.group(1))]
    relation = "on" if m.group(2) in ("当天", "当日") else "before" if m.group(2) else None
    if relation is None:
        raise _NotRead("节日前还是节日当天？请写 端午节前 或 端午节当天")
    return [Reading("festival", {"names": found, "relation": relation})]


def _from(w: str, year: int):
    m = re.fullmatch(rf"(?:从|自)?(?:{_NUM}月(?:份)?|(下半年|第([二三四])季度))(?:起|开始|以后)(.*)", w)
    if not m:
        return None
    if m.group(1):
        month = _month(m.group(1))
    elif m.group(2) == "下半年":
        month = 7
    else:
        month = {"二": 4, "三": 7, "四": 10}[m.group(3)]
    out = [Reading("from", {"date": dt.date(year, month, 1)})]
    rest = m.group(4)
    return out + (_clause(rest, year) if rest else [])


def _quantity(q: str) -> dict | None:
    """`不少于4次`, `至少2次`, `6次以上`, `超过6次`, `3-5次`, `一次`, `4次` (+ an object) → min/max."""
    q = re.sub(rf"^{_VERB}+", "", q)
    pat = [
        (rf"(?:不少于|至少|不低于|最少|不得少于|不少于)?{_VERB}*{_NUM}{_UNIT}(?:以上|及以上|或以上)?", "min"),
        (rf"(?:超过|多于|大于){_NUM}{_UNIT}", "gt"),
        (rf"(?:不超过|至多|最多|不多于){_NUM}{_UNIT}(?:以内)?", "max"),
        (rf"{_NUM}[-~至到]{_NUM}{_UNIT}", "range"),
    ]
    for regex, sense in pat:
        m = re.fullmatch(rf"{regex}{_VERB}*[\u4e00-\u9fa5“”\"]*", q)
        if not m or re.search(r"\d|以内|以下|左右|不等", q[m.end(m.lastindex):]):
            continue
        nums = [cn_number(g) for g in m.groups() if g]
        if any(n is None or n < 1 for n in nums):
            raise _NotRead("次数不是正整数")
        if sense == "min":
            return {"min": nums[0]}
        if sense == "gt":
            return {"min": nums[0] + 1, "strict": True}
        if sense == "max":
            return {"min": 1, "max": nums[0]}
        if nums[0] > nums[1]:
            raise _NotRead("范围的下限大于上限")
        return {"min": nums[0], "max": nums[1]}
    return None


def _per_cycle(w: str, year: int):
    cycles = "|".join(sorted(_CYCLE_WORDS, key=len, reverse=True))
    m = re.fullmatch(rf"(?:每|按|每个)({cycles})(.*)", w)
    if not m:
        return None
    cycle, rest = _CYCLE_WORDS[m.group(1)], m.group(2)
    if m.group(1) == "年" and rest.startswith("度"):
        rest = rest[1:]
    if cycle == "year" and re.match(r"\d|[一二三四五六七八九十]+月", rest):
        return None  # `每年3月前` is a date
    values: dict = {"cycle": cycle, "min": 1}
    day = re.fullmatch(rf"{_NUM}日(?:前|之前|以前)?{_TAIL}", rest)
    if day:
        n = cn_number(day.group(1))
        if cycle != "month" or n is None or not 1 <= n <= 28:
            raise _NotRead("每月的截止日应为 1 到 28 日")
        values["due_day"] = n
        return [Reading("per_cycle", values)]
    rest = re.sub(r"^(?:都|均|要|须|应|需)", "", rest)
    if rest in ("", "一次", "1次") or re.fullmatch(rf"{_VERB}+(?:一次|1次)?[\u4e00-\u9fa5]*", rest) \
            and not re.search(_NUM + _UNIT, rest):
        return [Reading("per_cycle", values)]
    quantity = _quantity(rest)
    if quantity is None:
        raise _NotRead("周期后面的次数没有看懂")
    return [Reading("per_cycle", {**values, **quantity})]


def _ratio(w: str, year: int):
    m = re.fullmatch(r"([\u4e00-\u9fa5“”]*?)(?:达到|不低于|不少于|≥|>=|超过|>|大于)?(\d+(?:\.\d+)?)%(以上|及以上)?", w)
    if not m:
        return None
    strict = bool(re.search(r"(超过|大于)$", w[: m.start(2)])) or ">" in w and ">=" not in w
    of = re.sub(r"(达到|不低于|不少于|超过|大于|的)$", "", m.group(1))
    value = float(m.group(2)) / 100
    if not 0 < value <= 1:
        raise _NotRead("比例应在 0 到 100% 之间")
    return [Reading("ratio", {"min": value, "strict": strict, "of": of})]


def _hours(w: str, year: int):
    m = re.fullmatch(rf"([\u4e00-\u9fa5]*?)(超过|不少于|至少|达到|不低于)?{_NUM}(?:个)?小时(以上|及以上)?", w)
    if not m:
        return None
    n = cn_number(m.group(3))
    if n is None:
        raise _NotRead("小时数不是数字")
    return [Reading("hours", {"min": n, "strict": m.group(2) == "超过"})]


def _count(w: str, year: int):
    m = re.fullmatch(r"(?:全年|年内|每年|每年度|一年|年度)?(?:共|累计|合计)?(.*)", w)
    rest = m.group(1)
    if not re.search(_NUM + _UNIT, rest) or re.match(_NUM + "月", rest):
        return None
    quantity = _quantity(rest)
    if quantity is None:
        return None
    return [Reading("count", quantity)]


def _each_month(w: str, year: int):
    m = re.fullmatch(rf"((?:{_NUM}月(?:份)?[、和及]?)+)各(?:{_VERB}*)(.*)", w)
    if not m:
        return None
    months = sorted({_month(x) for x in re.findall(_NUM + "月", m.group(1))})
    rest = m.group(m.lastindex)
    n = 1 if rest in ("一次", "1次", "") else None
    if n is None:
        q = _quantity(rest)
        if q is None or "max" in q:
            raise _NotRead("“各”后面的次数没有看懂")
        n = q["min"]
    return [Reading("each_month", {"months": months, "min_each": n})]


