"""The plan's phases (实施步骤) in every style plans write them. Pure.

- a name with its window in brackets: `（一）宣传发动阶段（3月—4月）`, `第一阶段:宣传发动阶段(2月—4月)`;
- a numbered phase named after its window: `第四阶段（12月1日—15日）：评比表彰`, `第二步，集中整改（6月—9月）：…`;
- prose: `4月启动，5—10月全面推进，11月总结` (two or more windows each followed by a name).

The window is read by the phrase reader; a phase is written only when its window reads as dates (a
placeholder `x月` does not): the rest are listed for the editor. Words describing a phase are not imported.
"""

from __future__ import annotations

import datetime as dt
import re

from .model import Note, clip
from .phrasecheck import read

_HEAD = re.compile(r"^(?:第[一二三四五六七八九十]+(?:阶段|步)\s*[:：，,、]?\s*|[（(][一二三四五六七八九十]+[）)]\s*|\d{1,2}\s*[.、．]\s*)?"
                   r"(?P<name>[^（(：:，,。]{0,16}?)\s*[（(](?P<window>[^（）()]{2,30})[）)]\s*(?:[：:，,]\s*(?P<after>.*))?$")
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


def read_phases(paragraphs: list[str], year: int) -> tuple[list[tuple[str, dt.date, dt.date]], list[str], list[Note]]:
    """(name, start, end) for each phase, the paragraphs that are not phases, and notes for the editor."""
    phases: list[tuple[str, dt.date, dt.date]] = []
    rest: list[str] = []
    notes: list[Note] = []
    for text in paragraphs:
        found = _heading(text, year, notes) or _prose(text, year)
        if found:
            phases += found
        else:
            rest.append(text)
    return phases, rest, notes


def _heading(text: str, year: int, notes: list[Note]) -> list[tuple[str, dt.date, dt.date]]:
    m = _HEAD.match(text.strip())
    if not m:
        return []
    name = _name(m.group("name"))
    if not name or _NUMBERED.match(name):
        after = re.split(r"[，,。；;：:]", m.group("after") or "")[0]
        name = _name(after) if after and len(after) <= 10 else ""
    window = _window(m.group("window"), year)
    if window is None:
        if re.search(r"月|日", m.group("window")) and name:
            notes.append(Note(f"实施阶段“{name}”的时间“{m.group('window')}”读不出确切的日期，没有写进 phases：请照原文填写。",
                              clip(text)))
        return []
    if not name:
        return []
    return [(name, *window)]


def _prose(text: str, year: int) -> list[tuple[str, dt.date, dt.date]]:
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
                out.append((_name(name), *window))
                break
    return out if len(out) >= 2 else []
