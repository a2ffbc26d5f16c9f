"""The plan's own time and frequency wording, read exactly into structured readings. Pure.

`read_phrase(text, year, events)` reads one phrase as the plan writes it (a task's `deadline:` or
`frequency:`, a schedule date, a phase window) into a :class:`PhraseReading`: a list of :class:`Reading`,
one per requirement the words state, the spans of the phrase that gave each, or an error naming the part
not understood. The reader finds the parts of a phrase wherever they stand (`phraseparts`) and composes
them clause by clause; words between the parts (verbs, objects) are plain words.

**The safety rule:** every character is part of a reading or plain words. A number, a time word
(`月 周 年 季 日 天 旬 前 后 内 期 %`) or a measure next to a number that no part read makes the phrase
refused, naming that leftover — never a guess. A number with a measure that is not a frequency
(`八项规定`, `7条主干道`) is plain words, never a count.

The kinds of reading (their JSON form is `{"kind": …, fields}`):

- `due {date, kinds?}` — by that day (`3月底前`, `2月中旬前`, `3月前` = by the end of February);
- `window {start, end, kinds?}` — inside those days (`3月`, `8月上旬`, `下半年`, `2~5月`, `11月下旬至12月2日`);
- `on {date}` — on that day (`5月4日`, `3·12`, `七一`);
- `from {date}` — the task starts then (`从7月起`, `下半年开始`);
- `per_cycle {cycle, min, max?, strict?, target?, due_day?, every?, nth_weekday?, per?, kinds?, measure?}` —
  every day/week/month/two_months/quarter/half_year/year, or `years` with `every` (`每三年`);
- `count {min, max?, strict?, target?, per?, kinds?, measure?}` — so many in the task's time (`全年不少于6次`;
  `超过6次` is at least 7; `2-3个` is at least 2, 3 the target; `不超过3次` a cap);
- `each_month {months, min_each}` — inside each listed month (`1月、7月各一次`);
- `after_record {days}` — within so many days after each activity (`活动结束5日内`);
- `within {days}` — a duration whose start the phrase does not name (`两个星期内`, `为期一周`);
- `festival {names, relation, open?}` — before, on or during festivals (`端午节前`, `元宵、端午等传统节日`);
- `event {name, relation, days?}` — relative to an event whose date the plan may not know (`测评期间`);
- `judgement {word}` — no number: a person judges (`定期`, `常态化`, `全覆盖`);
- `external {ref}` — the standard is in another document (`见专项通知`);
- `ratio {min, strict, of}` and `hours {min, strict, cycle?, per?}` — thresholds (`占职工总数30%以上`);
- `condition {text}` — a number that is a condition, never a requirement (`不到90%的`, `两次以上整改不力`).
"""

from __future__ import annotations

import re

from .phraseclause import Clause
from .phrasecompose import across, compose
from .phraseparts import find_parts
from .phrasetypes import DOCUMENT_KINDS, NotRead, PhraseReading, Reading, Span
from .phrasewords import ALLOWED_WORDS, CYCLES, DANGER, MEASURE, TIME_CHARS, normalise

__all__ = ["ACCEPTED", "CYCLES", "DOCUMENT_KINDS", "PhraseReading", "Reading", "Span", "read_phrase"]

ACCEPTED = (
    "时限：3月底前、2月中旬前、4月4日前、3月前（2月底前）、3月、8月上旬、2~5月、3月1日—10日、11月下旬至12月2日、"
    "下半年、第三季度、全年、年底前、20xx年5月、从7月起、活动结束5日内、两个星期内、端午节前、国庆期间、七一、3·5；"
    "频次：每季度不少于一次、每两个月至少开展一次、半年至少1次、每三年一次、每月25日前、每月第一个星期四、每天、"
    "全年不少于6次、超过6次、2-3次、不超过3次、1月、7月各一次、每人每年1篇以上、超过40小时、占职工总数30%以上；"
    "没有数字、由人工评定：定期、经常、常态化、全覆盖、达到……标准；标准在别处：见专项通知；"
    "相对于事件：测评期间、迎检前、检查前30天、开幕之前"
)
"""The accepted forms, listed in every error message."""

_STRIP = "。.;,、:"
_NUMERAL_MEASURE = re.compile(rf"[零〇一二两三四五六七八九十百]+(?:个)?(?:{MEASURE}|[{TIME_CHARS}])")


def read_phrase(text: str, year: int, events: tuple[str, ...] | list[str] = (),
                kinds: tuple[str, ...] | list[str] = ()) -> PhraseReading:
    """Read one phrase of the plan for `year` (with the plan's own event names and the unit's own document
    kinds); never guesses."""
    phrase = str(text)
    w, pos = normalise(phrase)
    if not w.strip(_STRIP):
        return PhraseReading(phrase, year, (), f"空的时限或频次。可以写：{ACCEPTED}。")
    try:
        per_clause = []
        for clause in _clauses(w, year):
            find_parts(clause, tuple(e for e in events if e), tuple(k for k in kinds if k))
            per_clause.append((clause, compose(clause, phrase, pos)))
            _check_left(clause)
        found = across(per_clause, phrase, pos)
        if not found:
            raise NotRead("没有读到日期、周期或次数")
    except NotRead as exc:
        spans: tuple[Span, ...] = (Span(0, len(phrase), phrase, "unread"),)
        if exc.start is not None:
            a, b = pos[exc.start], pos[exc.end - 1] + 1
            spans = (Span(a, b, phrase[a:b], "unread"),)
        detail = f"（{exc}）" if str(exc) else ""
        return PhraseReading(phrase, year, (), f"看不懂 “{phrase}”{detail}。可以写：{ACCEPTED}。", spans)
    found.sort(key=lambda item: item[2])
    readings, spans = [], []
    for i, (reading, parts, _) in enumerate(found):
        readings.append(reading)
        spans += [Span(pos[a], pos[b - 1] + 1, phrase[pos[a]:pos[b - 1] + 1], role, i) for a, b, role in parts]
    return PhraseReading(phrase, year, tuple(readings), "", tuple(sorted(spans, key=lambda s: s.start)))


# -- clauses ---------------------------------------------------------------------------------------

_INLINE = re.compile(rf"^(?:(?:农历|阴历|腊月|正月|具体年份|年份|含).*|(?:星期|周|礼拜)[一二三四五六日天]|(?:上午|下午|晚上)?\d{{1,2}}(?::\d{{2}}|[点时])|{MEASURE}|"
                     r"[^()]*?(?:以下|以上)简称[^()]*)$")


_OWN_CLAUSE = re.compile(rf"[\d%{TIME_CHARS}]|节|另行|待定|定期|经常|常态|及时|[一二两三四五六七八九十]+(?:{MEASURE})")


def _clauses(w: str, year: int) -> list[Clause]:
    """Split at `,` `;` `。` and around a bracketed part that is its own clause (`5月14日（端午节前）`)."""
    out, start, depth, inline, quoted = [], 0, 0, False, False
    for i, ch in enumerate(w + ","):
        if ch in "“”":  # a quoted standard keeps its punctuation: `达到“人人知晓，人人参与”标准`
            quoted = ch == "“"
            continue
        if quoted and i < len(w):
            continue
        if ch == "(" and depth == 0:
            close = w.find(")", i)
            inner = w[i + 1:close] if close > 0 else ""
            inline = close > 0 and (bool(_INLINE.match(inner)) or not _OWN_CLAUSE.search(inner))
            if not inline:
                out.append((start, i))
                start = i + 1
            depth = 1
        elif ch == ")" and depth:
            depth = 0
            if not inline:
                out.append((start, i))
                start = i + 1
        elif ch in ",;。" and depth == 0 and not (ch == "," and w[i - 1:i] == "月" and
                                                  re.match(r"(?:\d{1,2}|十[一二]?|[一二三四五六七八九])月", w[i + 1:])):
            out.append((start, i))
            start = i + 1
    clauses = []
    for a, b in out:
        while a < b and w[a] in _STRIP + "()":
            a += 1
        while b > a and w[b - 1] in _STRIP + "()" and not (w[b - 1] == ")" and w.count("(", a, b) > w.count(")", a, b - 1)):
            b -= 1
        if a < b:
            clauses.append(Clause(w[a:b], a, year))
    return clauses


def _check_left(c: Clause) -> None:
    """The safety rule: no number, time word or measure after a number is left unread."""
    for start, run in c.left():
        rest = run
        for word in sorted(ALLOWED_WORDS, key=len, reverse=True):
            rest = rest.replace(word, "\1" * len(word))
        bad = _NUMERAL_MEASURE.search(rest) or re.search(DANGER, rest)
        if bad:
            a, b = bad.span()
            while a > 0 and rest[a - 1] not in "\1" and not re.match(r"[,、和及与的]", rest[a - 1]) and b - a < 8:
                a -= 1
            while b < len(rest) and rest[b] not in "\1" and b - a < 10 and rest[b] not in "、,":
                b += 1
            text = run[a:b]
            detail = "没有写是哪个月" if re.fullmatch(r"(?:当|本|每)?月(?:底|末)(?:前|之前)?", text) else \
                f"没有看懂“{text}”"
            raise NotRead(detail, c.offset + start + a, c.offset + start + b)
