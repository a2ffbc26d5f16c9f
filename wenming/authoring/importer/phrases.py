"""Finding the plan's own wording for time limits, frequencies and counts inside a task's text. Pure.

Nothing is normalised: each phrase is cut out of the document verbatim. Whether a phrase is
understood is decided later by the same validator `wenming check` uses (see :mod:`.draft`).
"""

from __future__ import annotations

import re

N = r"(?:[0-9]+|[一二两三四五六七八九十]+)"
_MONTH = rf"{N}月(?:份)?"
_DAYPART = rf"(?:{N}[日号]|上旬|中旬|下旬|中下旬|初|底|末)"
# `5月、8月底前`, `1月、7月各一次`, `2月中旬前`, `4月4日`, `3月`
_MONTHS = re.compile(rf"(?<![0-9年])((?:{_MONTH}{_DAYPART}?[、和及至])*{_MONTH}{_DAYPART}?"
                     rf"(?:各(?:开展|召开|举办)?一次)?(?:之前|以前|前)?)")
_RELATIVE = re.compile(rf"((?:活动)?结束(?:后)?(?:{N}(?:日|天|周)|一(?:周|星期))(?:内|以内)|第二天内?)")
_MONTHLY_DAY = re.compile(rf"(每月{N}[日号](?:之前|以前|前)?)")
_CYCLE = re.compile(r"(每(?:个)?月|每季度?|按季度?|每半年|每周|每两个月)")
_YEAR_END = re.compile(r"(年底前?|年末|全年)")
# frequencies: `每季度公布一次`, `每月转发或发布3条以上`, `全年开展不少于6次`, `至少2次`
_UNIT = r"(?:次|条|篇|期|场|个|处|项)"
_COUNT = rf"(?:(?:不少于|至少|最少|不低于|不得少于){N}{_UNIT}|{N}{_UNIT}(?:以上|及以上)|{N}{_UNIT}|一次)"
_FREQUENCY = re.compile(rf"((?:每(?:个)?(?:月|季度|季|半年|年|周|两个月|天|日)|全年|年内)[^，。；;,]{{0,16}}?{_COUNT}"
                        rf"|(?:不少于|至少|最少|不得少于){N}{_UNIT}"
                        rf"|{N}{_UNIT}(?:以上|及以上))")
_YEARLY_COUNT = re.compile(rf"(?:不少于|至少|最少|不得少于)[^，。；;,\d]{{0,4}}?({N})(?:次|期|场)|({N})(?:次|处)以上")
_POINTS = re.compile(r"[（(](\d+(?:\.\d+)?)分[)）]")


def cn_int(text: str) -> int | None:
    from ...records.deadlines import cn_number
    return cn_number(text)


def split_evidence(paragraph: str) -> tuple[str, str]:
    """`做什么。（何时上传什么）` → (text, evidence): the trailing bracket after a full sentence is the evidence."""
    body = paragraph.rstrip()
    if not body.endswith(("）", ")")):
        return body, ""
    depth = 0
    for i in range(len(body) - 1, -1, -1):
        if body[i] in "）)":
            depth += 1
        elif body[i] in "（(":
            depth -= 1
            if depth == 0:
                before, inside = body[:i].rstrip(), body[i + 1:-1].strip()
                if before.endswith(("。", "；", ";", ".", "！")) and inside:
                    return before, inside
                return body, ""
    return body, ""


def deadline_phrases(evidence: str, text: str) -> list[str]:
    """The time limits the plan writes, verbatim, in order, without repeats.

    From the evidence requirement first (where plans put 时限: `3月底前上传`); when it names
    none, from a cycle word in the task's own text (`每季度公布一次`). Dates inside the task's
    text (`5月4日，7月1日` — when to hold it) are not time limits and are left to the editor.
    """
    found = _scan(evidence)
    if not found:
        found = [m.group(1) for m in _CYCLE.finditer(text)][:1]
    out: list[str] = []
    for phrase in found:
        if phrase not in out:
            out.append(phrase)
    if any(_MONTHLY_DAY.fullmatch(p) for p in out):  # `每月…每月25号前`: the day is the limit
        out = [p for p in out if not re.fullmatch(r"每(?:个)?月", p)]
    return out


def _scan(words: str) -> list[str]:
    hits: list[tuple[int, int, str]] = []
    for pattern in (_MONTHLY_DAY, _RELATIVE, _MONTHS, _CYCLE, _YEAR_END):
        for m in pattern.finditer(words):
            start, end = m.span(1)
            if any(s < end and start < e for s, e, _ in hits):
                continue  # part of a longer phrase already found
            if pattern is _MONTHS and _not_a_limit(words, start, end):
                continue
            hits.append((start, end, m.group(1)))
    return [phrase for _, _, phrase in sorted(hits)]


def _not_a_limit(words: str, start: int, end: int) -> bool:
    """`2018年1月召开` (a date with its year), `3-5人` and the like are not time limits."""
    return words[max(0, start - 1):start] == "年" or bool(re.match(r"\d", words[end:end + 1]))


def frequency_phrases(text: str, evidence: str) -> list[str]:
    """How often or how many times, verbatim: `每季度公布一次`, `全年开展不少于6次`, `至少2次`."""
    out: list[str] = []
    for words in (text, evidence):
        for clause in re.split(r"[，。；;,]", words):
            for m in _FREQUENCY.finditer(clause):
                phrase = m.group(1)
                if re.fullmatch(rf"{N}{_UNIT}", phrase) or phrase in out:
                    continue
                if re.search(r"(图片|截图|照片)$", clause[:m.start()]) or re.match(r"(图片|截图|照片)", clause[m.end():]):
                    continue  # `现场图片3张` is about evidence, not frequency
                out.append(phrase)
    return out


def yearly_count(text: str) -> int | None:
    """`全年开展不少于6次` → 6: one count in the task's text, not per month or quarter; else None."""
    counts = set()
    for clause in re.split(r"[，。；;,]", text):
        if re.search(r"每(?:个)?(?:月|季|半年|周|天|日|两个月)", clause):
            continue
        for m in _YEARLY_COUNT.finditer(clause):
            value = cn_int(m.group(1) or m.group(2))
            if value:
                counts.add(value)
    return counts.pop() if len(counts) == 1 else None


def points(text: str) -> float | None:
    """`（4分）` at a task → 4."""
    found = {float(m.group(1)) for m in _POINTS.finditer(text)}
    if len(found) != 1:
        return None
    value = found.pop()
    return int(value) if value.is_integer() else value


def short_title(text: str, limit: int = 24) -> str:
    """A task's short title: its first sentence or clause, at most `limit` characters."""
    first = re.split(r"[。；;！？]", text.strip(), maxsplit=1)[0].strip()
    if len(first) <= limit:
        return first.rstrip("，,、：:")
    clause = re.split(r"[，,：:]", first, maxsplit=1)[0]
    if 4 <= len(clause) <= limit:
        return clause
    return first[:limit - 1] + "…"
