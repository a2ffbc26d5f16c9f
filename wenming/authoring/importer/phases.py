"""The plan's phases (实施步骤) in every style plans write them. Pure.

- a name with its window in brackets: `（一）宣传发动阶段（3月—4月）`, `第一阶段:宣传发动阶段(2月—4月)`;
- a numbered phase named after its window: `第四阶段（12月1日—15日）：评比表彰`, `第二步，集中整改（6月—9月）：…`;
- prose: `4月启动，5—10月全面推进，11月总结` (two or more windows each followed by a name).

The window is read by the phrase reader; a phase is written only when its window reads as dates (a
placeholder `x月` does not): the rest are listed for the editor. The words after a phase's window on its line
(`（3月）：召开动员大会…`) are its text; the step's paragraphs and numbered work are read in :mod:`.steps`.
"""

from __future__ import annotations

import datetime as dt
import re

from .model import Note, PhaseDraft, clip
from .phrasecheck import read

_HEAD = re.compile(r"^(?:第[一二三四五六七八九十]+(?:阶段|步)\s*[:：，,、]?\s*|[（(][一二三四五六七八九十]+[）)]\s*|\d{1,2}\s*[.、．]\s*)?"
                   r"(?P<name>[^（(：:，,。]{0,16}?)\s*[（(](?P<window>[^（）()]{2,30})[）)]\s*(?:[：:，,。.]\s*(?P<after>.*))?$")
_NUMBERED = re.compile(r"^第[一二三四五六七八九十]+(?:阶段|步)$")


def _window(words: str, year: int) -> tuple[dt.date, dt.date] | None:
    words = re.sub(r"\s+", "", words)
    reading = read(words, year)
    if not reading.ok or len(reading.readings) != 1 or not reading.spans:
        return None
    if reading.spans[0].start > 0 or reading.spans[-1].end < len(words.rstrip("，,")):
        return None  # words besides the time: not a window alone
    r = reading.readings[0]
    if r.kind == "window":
        return r.get("start"), r.get("end")
    if r.kind == "on":
        return r.get("date"), r.get("date")
    return None


def _name(words: str) -> str:
    return re.sub(r"阶段$", "", words.strip().rstrip("，,、：:")).strip()


def read_phases(paragraphs: list[str], year: int) -> tuple[list[PhaseDraft], list[str], list[Note]]:
    """The phases the paragraphs name, the paragraphs that are not phases, and notes for the editor."""
    phases: list[PhaseDraft] = []
    rest: list[str] = []
    notes: list[Note] = []
    for text in paragraphs:
        found = phase_heading(text, year, notes)
        found = [found] if found else _prose(text, year)
        if found:
            phases += found
        else:
            rest.append(text)
    return phases, rest, notes


def phase_heading(text: str, year: int, notes: list[Note]) -> PhaseDraft | None:
    """The phase a line names with its window in brackets (its text: the words after the window), or None;
    a phase whose window is not dates is noted for the editor."""
    m = _HEAD.match(text.strip())
    if not m:
        return None
    after = (m.group("after") or "").strip()
    name = _name(m.group("name"))
    if not name or _NUMBERED.match(name):
        first = re.split(r"[，,。；;：:]", after)[0]
        name = _name(first) if first and len(first) <= 10 else ""
        after = after[len(first):].lstrip("，,。；;：: ") if name else after
    window = _window(m.group("window"), year)
    if window is None:
        if re.search(r"月|日", m.group("window")) and name:
            notes.append(Note(f"实施阶段“{name}”的时间“{m.group('window')}”读不出确切的日期，没有写进 phases：请照原文填写。",
                              clip(text)))
        return None
    if not name:
        return None
    return PhaseDraft(name, *window, after)


def phase_like(text: str) -> bool:
    """A line shaped like a phase, its window read or not (`第一步，宣传发动（20xx年x月—x月）：…`)."""
    m = _HEAD.match(text.strip())
    return bool(m and re.search(r"月|日", m.group("window")))


def _prose(text: str, year: int) -> list[PhaseDraft]:
    out = []
    clauses = [c.strip() for c in re.split(r"[，,；;。：:]", text)]
    if sum(1 for c in clauses if re.match(r"[\d一二三四五六七八九十上下全]", c)) < 2:
        return []
    for clause in clauses:
        if not re.match(r"[\d一二三四五六七八九十上下全]", clause):
            continue
        for cut in [i + 1 for i in range(len(clause) - 3, 0, -1) if clause[i] in "月日旬年底末"]:
            window = _window(clause[:cut], year)
            name = clause[cut:]
            if window and re.fullmatch(r"[\u4e00-\u9fa5]{2,8}", name) and not re.match(r"[前后内底末初中旬日号]", name):
                out.append(PhaseDraft(_name(name), *window))
                break
    return out if len(out) >= 2 else []
