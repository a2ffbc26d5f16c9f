"""What the importer does with a phrase the reader read, before it is written into the draft. Pure.

- A reading of several requirements whose words stand apart (`测评前每天巡查一次`: an event, then a daily
  cycle) is cut into one phrase per requirement, each read again to be sure it reads the same.
- A count of things that are not activities (`5处` of posters, `30人`: the reader's `measure`) keeps its
  measure: the judge sums what records deliver in it, never counts the records. The size of a group
  (`由5人组成`, `3-5人的小组`) is no requirement: dropped, and the editor is told why.
- `一次` beside a date (`3月15日集中开展一次`, `端午节前组织一次`) asks nothing the date does not: dropped.
- A condition (`每少一次扣1分`) is no requirement: dropped.

`read` is the reader with a cache (the same clause is read many times while phrases are located) that
never raises: a phrase it cannot handle is simply not read.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...records.phrases import PhraseReading, Reading, read_phrase

DATED = frozenset({"due", "window", "on", "each_month", "festival", "event", "after_record"})


@lru_cache(maxsize=50_000)
def read(phrase: str, year: int) -> PhraseReading:
    try:
        return read_phrase(phrase, year)
    except Exception as exc:  # noqa: BLE001 — a phrase the reader trips on is a phrase not read
        return PhraseReading(phrase, year, (), f"看不懂 “{phrase}”（{type(exc).__name__}）。")


def reads_cycle(phrases: list[str], year: int) -> bool:
    """Does any phrase set a cycle (`每季度…`) that gives the task its times all year round?"""
    return any(r.kind == "per_cycle" for p in phrases for r in read(p, year).readings)


def unread_part(reading: PhraseReading) -> str:
    """The part of a refused phrase the reader names as not understood (empty when it found no time at all)."""
    if reading.ok or "没有读到日期、周期或次数" in reading.error:
        return ""
    return next((s.text for s in reading.spans if s.role == "unread"), reading.phrase)


def ranges(reading: PhraseReading) -> dict[int, tuple[int, int]]:
    """Reading index → (first, last+1) character of the phrase its parts stand on."""
    out: dict[int, tuple[int, int]] = {}
    for span in reading.spans:
        if span.reading is None:
            continue
        a, b = out.get(span.reading, (span.start, span.end))
        out[span.reading] = (min(a, span.start), max(b, span.end))
    return out


def parts(phrase: str, reading: PhraseReading, year: int) -> list[tuple[str, PhraseReading]]:
    """The phrase cut into one phrase per requirement where their words stand apart and each reads the same
    alone; else the phrase as it is."""
    if len(reading.readings) < 2:
        return [(phrase, reading)]
    dated = [r.kind in DATED or (r.kind == "per_cycle" and r.get("due_day")) for r in reading.readings]
    kept = [not redundant(r, list(reading.readings)) for r in reading.readings]
    if len(set(dated)) == 1 and all(kept):
        return [(phrase, reading)]  # one field, nothing left out: the plan's words as they are
    spans = sorted(ranges(reading).items(), key=lambda kv: kv[1])
    if len(spans) != len(reading.readings) or any(a[1][1] > b[1][0] for a, b in zip(spans, spans[1:])):
        return [(phrase, reading)]
    out = []
    for index, (start, end) in spans:
        text = phrase[start:end].strip("，,、；; ")
        again = read(text, year)
        if not again.ok or again.readings != (reading.readings[index],):
            return [(phrase, reading)]
        out.append((text, again))
    return out


def not_activities(reading: Reading, after: str = "") -> str:
    """The measure of a count that is a group's size (`5人` followed by 组成 / 的小组), or empty."""
    if reading.kind == "count" and reading.get("measure") in ("人", "名", "位") and \
            re.match(r"(?:组成|的?(?:[\u4e00-\u9fa5]{0,8})(?:小组|队伍|团队|服务队))", after):
        return reading.get("measure")
    return ""


def redundant(reading: Reading, others: list[Reading]) -> bool:
    """`一次` (a bare count of one) beside a date in the same words, or a condition: nothing to write."""
    if reading.kind == "condition":
        return True
    return (reading.kind == "count" and reading.get("min") == 1 and not reading.get("max")
            and any(o.kind in DATED for o in others))
