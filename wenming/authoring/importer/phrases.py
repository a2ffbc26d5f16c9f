"""A task's time limits and frequencies, found in its wording and read by `read_phrase`. Pure.

The importer has no phrase grammar of its own: the reader `wenming check` uses
(:func:`wenming.records.phrases.read_phrase`) decides what a phrase means. Here we only
*locate* phrases inside a sentence: from each place a phrase may start (`3月`, `每`,
`全年`, `至少`, `活动结束` …) the longest stretch the reader reads is taken, then cut
back to where the plan's phrase ends (`每季度公布一次好人事迹` → `每季度公布一次`)
as long as it reads the same. Each phrase goes to `deadline:` or `frequency:` by the
kind of its readings; a requirement the reader already has in a stronger phrase is
not written twice; wording the reader cannot settle becomes a note for the editor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...records.phrases import PhraseReading, Reading, read_phrase
from ...records.phrasewords import NAMED_DAYS
from .phrasecheck import DATED, not_activities, parts, read, redundant, unread_part

DEADLINE_KINDS = frozenset({"due", "window", "on", "each_month", "after_record", "festival", "event", "external", "from"})
"""Readings that say *when*: their phrase goes to `deadline:`. All other kinds say how often or how much."""

_N = r"(?:[0-9]+|[一二两三四五六七八九十]+)"
_UNITS = "次期篇条个场项回份处批轮件张幅"
_START = re.compile(
    rf"(?<![0-9年.\-第])(?:[0-9]+|[两二三四五六七八九十]|[一二三四五六七八九十]{{2,}}|一(?=月|[次期场回轮](?!性)))"
    rf"(?=[0-9]*(?:月|[{_UNITS}]|[-~～至到]{_N}[{_UNITS}]|%|个?小时))"
    r"|每|按(?=季|月|年|半年|周)|全年|年内|年底|年末|上半年|下半年|第[一二三四]季度"
    r"|至少|不少于|不低于|最少|不得少于|超过|多于|不超过"
    r"|(?:活动)?结束|第二天|次日|从(?=[0-9一二三四五六七八九十下])|自(?=[0-9一二三四五六七八九十]+月)"
    r"|不定期|定期|经常|常态化|详见|见|另行通知|测评|迎检|检查|验收|复查|督查|暗访"
    r"|春节|元宵|清明|端午|七夕|中秋|重阳|国庆|元旦|植树节|学雷锋|五一|五四|六一|七一|八一|三八|国际|世界|全国|国家"
    rf"|{'|'.join(sorted((d for d in NAMED_DAYS if len(d) >= 3), key=len, reverse=True))}"
    r"|“(?=[^”]{1,12}”)")
_CLAUSE = re.compile(r"[^，。；;,：:！？（）()\n]+")
_NATURAL_END = re.compile(rf"(?:[{_UNITS}前内底末旬日号月天周间夕起始%季度]|以上|小时|年|更新|公布)$")
_JUDGEMENT_HEAD = re.compile(r"^(?:不定期|定期|经常性|经常化|经常|常态化)(?:更新|开展|公布|组织|召开|举办|进行)?")
_NOT_FREQUENCY = re.compile(r"(?:图片|截图|照片|图文|简报|材料)$")
_LONGEST = 32
_GAP = re.compile(r"[\d第一二三四五六七八九十个星期周日号上中下旬月年初底末、和及至到—\-~]*")
"""Words between a phrase and a refused time word that belong to the same date (`5月第三个星期日前后`)."""
_TIMEY = re.compile(r"[前后内]|期间|之间|[月日年周季旬天]|节|学期|学年|^每|\d+[-—~～至到]\d+")
_LOST = re.compile(r"\d|[零一二两三四五六七八九十百]+(?:个)?[次期篇条个场项回份处批轮件张幅天周月年日]|[前后内]|期间|之间|左右|节|^每|学期|学年|假期")
"""In words the reader refused: a number or a relation to a date, so a requirement was not read."""


@dataclass(frozen=True)
class Found:
    """One phrase cut out of the task's wording, as the reader reads it."""

    phrase: str
    reading: PhraseReading
    clause: str
    """The clause (between commas) it came from, for notes."""

    @property
    def is_deadline(self) -> bool:
        kinds = {r.kind for r in self.reading.readings}
        if kinds & {"per_cycle", "count"}:  # `从7月起每月`, `每月25日前` (a day of each month is a limit)
            return any(r.kind == "per_cycle" and r.get("due_day") for r in self.reading.readings)
        return bool(kinds & DEADLINE_KINDS)


@dataclass
class Requirements:
    """What `read_task_phrases` found: the phrases for each field and what the editor must settle."""

    deadlines: list[str] = field(default_factory=list)
    frequencies: list[str] = field(default_factory=list)
    unsure: list[tuple[str, str]] = field(default_factory=list)
    """(reason, clause) for each place the wording states a requirement the reader cannot settle."""


def read_task_phrases(text: str, evidence: str, year: int) -> Requirements:
    """The task's `deadline:` and `frequency:` phrases, verbatim, in the plan's order.

    Time limits come from the evidence requirement (where plans put 时限: `3月底前上传`); only
    when it names none, from the task's own text. Frequencies come from both. Dates in the text
    of a task whose evidence names a limit (`5月4日，7月1日` — when to hold it) are not limits.
    """
    out = Requirements()
    from_text, from_evidence = find_phrases(text, year, out.unsure), find_phrases(evidence, year, out.unsure)
    deadlines = [f for f in from_evidence if f.is_deadline] or [f for f in from_text if f.is_deadline]
    frequencies = [f for f in from_text + from_evidence if not f.is_deadline]
    for found in frequencies + deadlines:
        clash = _per_cycle_and_count(found, frequencies + deadlines)
        if clash and (clash, found.clause) not in out.unsure:
            out.unsure.append((clash, found.clause))
    kept = _strongest(deadlines + frequencies)
    if any(r.kind in ("count", "per_cycle") for f in kept for r in f.reading.readings):
        # `定期组织开展文化体育活动，至少2次`: the count says how often; 定期 is no requirement of its own
        kept = [f for f in kept if {r.kind for r in f.reading.readings} != {"judgement"} or f in from_evidence]
    clashing = {clause for reason, clause in out.unsure if reason.startswith("频次没有读准")}
    for found in kept:
        if found.clause in clashing and not found.is_deadline:
            continue  # written by the editor from the note, never half-read
        target = out.deadlines if found.is_deadline else out.frequencies
        if found.phrase not in target:
            target.append(found.phrase)
    return out


def read_cell(cell: str, year: int) -> tuple[list[str], list[str], list[str]]:
    """A 完成时限 / 频次 table cell → (deadlines, frequencies, unread parts), each part read as a whole first."""
    deadlines: list[str] = []
    frequencies: list[str] = []
    unread: list[str] = []
    for part in (p.strip() for p in re.split(r"[；;\n]", cell) if p.strip()):
        reading = read(part, year)
        if reading.ok and not any(r.kind == "condition" for r in reading.readings):
            for text, again in parts(part, reading, year):
                found = Found(text, again, part)
                (deadlines if found.is_deadline else frequencies).append(text)
            continue
        notes: list[tuple[str, str]] = []
        found_here = find_phrases(part, year, notes)
        if not found_here or notes:
            unread.append(part)
            continue
        for found in found_here:
            (deadlines if found.is_deadline else frequencies).append(found.phrase)
    return deadlines, frequencies, unread


def find_phrases(words: str, year: int, unsure: list[tuple[str, str]] | None = None) -> list[Found]:
    """Every phrase the reader reads in `words`, clause by clause, left to right, without overlaps.

    Time words the reader refuses (`3月12日前后`) keep the phrases next to them out and are noted in
    `unsure`; so are counts of things that are not activities (`公益广告不少于5处`)."""
    out: list[Found] = []
    notes = unsure if unsure is not None else []
    for m in _CLAUSE.finditer(words):
        clause = m.group(0).strip()
        if not clause:
            continue
        whole = read(clause, year)
        if whole.ok and {r.kind for r in whole.readings} <= {"ratio", "hours"}:
            out.append(Found(clause, whole, clause))  # `志愿者人数占职工总数的30%以上`: the subject belongs to it
            continue
        bad = unread_part(whole)
        if not _LOST.search(bad):
            bad = ""  # plain words the reader would not let stand in a phrase (`年度`, `上月`): nothing lost
        bad_at = clause.find(bad) if bad else -1
        here: list[Found] = []
        taken_to = 0
        for start in (s.start() for s in _START.finditer(clause)):
            if start < taken_to:
                continue
            found = _longest(clause, start, year)
            if found is None:
                continue
            if _a_name(clause, start, found) or _counts_a_name(clause, start, found, year):
                continue
            taken_to = start + len(found.phrase)
            if bad_at >= 0 and start <= bad_at + len(bad) and (taken_to >= bad_at or _GAP.fullmatch(clause[taken_to:bad_at])):
                continue  # `3月12日前` of `3月12日前后`: next to words the reader refuses, never half-read
            if bad.startswith("每") and start > bad_at and all(r.kind == "count" for r in found.reading.readings):
                continue  # `一次` of `每学期举办一次`: the count of a cycle the reader refuses
            here += _checked(found, clause, year, notes)
        if bad and _TIMEY.search(bad):
            notes.append((f"时间“{clause}”没有读懂（“{bad}”），没有写进 deadline / frequency：请照原文填写，"
                          "或写 rules。", clause))
        elif bad:
            notes.append((f"“{bad}”里的数字没有读懂（不是开展的次数或时间），没有写进 frequency：需要时请写 rules。", clause))
        dated = [r for f in here for r in f.reading.readings if r.kind in DATED]
        out += [f for f in here if not (len(f.reading.readings) == 1 and redundant(f.reading.readings[0], dated))]
    return out


def _a_name(clause: str, start: int, found: Found) -> bool:
    """A festival or day inside quotation marks is part of a name (`“我们的节日·端午”主题活动`), unless a date is
    written in it (`“3·23”世界气象日`) or a time follows the quote (`“五一”“国庆”期间`)."""
    before = clause[:start]
    if before.count("“") <= before.count("”") and not found.phrase.startswith("“"):
        return False
    close = clause.find("”", start + 1 if found.phrase.startswith("“") else start)
    if close < 0 or start + len(found.phrase) > close + 1:
        return False
    return not re.search(r"\d", found.phrase) and not re.match(r"期间|前|后|当天|之际|“", clause[close + 1:close + 3])


def _counts_a_name(clause: str, start: int, found: Found, year: int) -> bool:
    """`八项` of `“八项规定”精神`: read with the words after it, the count is gone — it was part of a name."""
    if not any(r.kind in ("count", "per_cycle") for r in found.reading.readings):
        return False
    end = start + len(found.phrase)
    if end >= len(clause) or not re.match(r"[\u4e00-\u9fa5“”]", clause[end]):
        return False
    longer = read(clause[start:min(len(clause), end + 4)], year)
    return not any(r.kind in ("count", "per_cycle") for r in longer.readings) and "没有读到" in longer.error


def _checked(found: Found, clause: str, year: int, notes: list[tuple[str, str]]) -> list[Found]:
    """The found phrase cut into its requirements; counts of things that are not activities, conditions and a
    `一次` beside a date in the same phrase left out."""
    out = []
    pieces = parts(found.phrase, found.reading, year)
    readings = [r for _, pr in pieces for r in pr.readings]
    for text, reading in pieces:
        after = clause[clause.find(text) + len(text):] if text in clause else ""
        kept = [r for r in reading.readings if not not_activities(r, after) and not redundant(r, readings)]
        for r in reading.readings:
            if not_activities(r, after):
                notes.append((f"“{text}”是人数（小组的规模），不是要完成的次数，没有写成频次。", clause))
        if not kept:
            continue
        if len(kept) < len(reading.readings):
            continue  # mixed with what is left out, and cannot be cut apart: the note says why
        out.append(Found(text, reading, found.clause))
    return out


def _longest(clause: str, start: int, year: int) -> Found | None:
    best: tuple[int, PhraseReading] | None = None
    for end in range(min(len(clause), start + _LONGEST), start + 1, -1):
        reading = read(clause[start:end], year)
        if reading.ok and not _evidence_count(clause, start, reading):
            best = (end, reading)
            break
    if best is None:
        return None
    end, reading = best
    spans = sorted(reading.spans, key=lambda s: s.start)
    if len(spans) >= 2 and spans[-1].role == "per" and spans[-2].role == "count":  # `一次各科室`: 各科室 is the object
        shorter = read(clause[start:start + spans[-1].start].rstrip(), year)
        if shorter.ok:
            end, reading = start + spans[-1].start, shorter
    last = max((sp.end for sp in reading.spans), default=end - start)
    if start + last < end:  # plain words after the last part read (`2月中旬前上传方案扫描件`): cut them off
        again = read(clause[start:start + last], year)
        if again.ok and again.readings == reading.readings:
            end, reading = start + last, again
    phrase = clause[start:end]
    kinds = {r.kind for r in reading.readings}
    if any(r.kind == "festival" and r.get("open") for r in reading.readings):
        return None  # `春运、国庆等重点时段`: examples of when, not a festival the task must mark
    if "judgement" in kinds:  # only the wording of how often opening its clause (`定期更新`, `常态化开展家风家训宣传`),
        head = _JUDGEMENT_HEAD.match(clause[start:]) if start == 0 else None  # not quality (`不陈旧破损`)
        if not head:
            return None
        again = read(head.group(0), year)
        return Found(head.group(0), again, clause) if again.ok and {r.kind for r in again.readings} == {"judgement"} \
            else None
    if kinds & {"ratio"} and not re.search(r"[\u4e00-\u9fa5]", phrase.split("%")[0]):
        return None  # a bare `30%` without what it is a share of
    if kinds & {"count", "per_cycle"} and _NOT_FREQUENCY.search(clause[:start]):
        return None  # `现场图片3张` is about the evidence, not how often
    if kinds == {"external"} and not re.search(r"见|通知|附件", phrase):
        return None  # `按要求上传` is not a reference to another document
    wanted = reading.readings
    if any(r.get("kinds") for r in wanted) and re.match(r"[\u4e00-\u9fa5]", clause[end:end + 1]):
        wanted = tuple(Reading(r.kind, {k: v for k, v in r.values.items() if k != "kinds"}) for r in wanted)
    elif _NATURAL_END.search(phrase):
        return Found(phrase, reading, clause)
    # cut back to where the plan's phrase ends, reading the same; a document kind cut out of a longer
    # name (`3月底上传方案扫描件`) is not a kind: then only the date is kept (`3月底`)
    for cut in range(end - 1, start + 1, -1):
        shorter = clause[start:cut]
        if _NATURAL_END.search(shorter):
            again = read(shorter, year)
            if again.ok and again.readings == wanted:
                return Found(shorter, again, clause)
    return Found(phrase, reading, clause) if wanted == reading.readings else None


def _evidence_count(clause: str, start: int, reading: PhraseReading) -> bool:
    """A count that is about the evidence (`现场图片3张`), not how often: not a phrase of the task's time."""
    return any(sp.role == "count" and _NOT_FREQUENCY.search(clause[:start + sp.start].rstrip("（(不少于至少")) for sp in reading.spans)


def _per_cycle_and_count(found: Found, others: list[Found]) -> str:
    """`每月向…至少提供30条`: a count in the same clause as a cycle is probably per cycle; the reader cannot say."""
    if not any(r.kind == "count" for r in found.reading.readings):
        return ""
    for other in others:
        if other.clause == found.clause and other is not found and \
                any(r.kind == "per_cycle" for r in other.reading.readings):
            joined = other.phrase + re.sub(r"^(?:全年|年内)", "", found.phrase)
            example = f"如 {joined}，" if read_phrase(joined, found.reading.year).ok else ""
            return (f"频次没有读准：“{other.phrase}”和“{found.phrase}”在同一句里，次数可能是每个周期的，也可能是全年的。"
                    f"请照原文写 frequency（{example}按支部分配的写 rules 的 quota）")
    return ""


def _covers(strong: Reading, weak: Reading) -> bool:
    """`strong` asks at least what `weak` asks (same kind and cycle, as many or more)."""
    if strong.kind != weak.kind:
        return False
    if strong.kind not in ("per_cycle", "count"):
        return strong.values == weak.values
    if strong.get("cycle") != weak.get("cycle") or any(weak.get(k) for k in ("max", "strict", "due_day")):
        return False
    return strong.get("min", 1) >= weak.get("min", 1)


def _strongest(found: list[Found]) -> list[Found]:
    """Drop each phrase whose every reading another phrase already asks (`按季更新` after `每季度公布一次`)."""
    kept = []
    for i, f in enumerate(found):
        others = [o for j, o in enumerate(found) if j != i and not (o.reading.readings == f.reading.readings and j > i)]
        if all(any(_covers(r2, r) for o in others for r2 in o.reading.readings) for r in f.reading.readings):
            continue
        kept.append(f)
    return kept


# -- the task's other wording --------------------------------------------------------------------

_POINTS = re.compile(r"[（(](\d+(?:\.\d+)?)分[)）]")


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
