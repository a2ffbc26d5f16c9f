"""One clause of a phrase and the parts found in it; the comparison words and numbers the finders share. Pure."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from .phrasetypes import NotRead
from .phrasewords import AT_LEAST, AT_MOST, BELOW, MORE_THAN


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
    """An alternation of the words, longest first (cached: the reader asks for the same ones on every phrase)."""
    return _alt_of(tuple(words))


@functools.lru_cache(maxsize=256)
def _alt_of(words: tuple[str, ...]) -> str:
    return "|".join(sorted({re.escape(w) for w in words}, key=len, reverse=True))


_AT_LEAST, _MORE, _AT_MOST, _BELOW = _alt(AT_LEAST), _alt(MORE_THAN), _alt(AT_MOST), _alt(BELOW)
_CMP = "|".join(x if x != "达" else "达(?!标|成|到位)" for x in f"{_BELOW}|{_AT_MOST}|{_MORE}|{_AT_LEAST}".split("|"))
_MID = r"[^\0\d%每月年周季日天前后内,;()“”]{0,10}?"


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
