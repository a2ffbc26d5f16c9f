"""The readings of the plan's phrases, the parts they are made of, and the numbers the reader shares. Pure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

DOCUMENT_KINDS = ("方案", "计划", "总结", "制度", "工作信息", "证明材料", "表彰文件", "名单", "会议记录",
                  "简报", "文件", "扫描件", "截图", "视频", "图片", "预算表")
"""Built-in document kinds (a unit adds its own in unit.yml `document_kinds`)."""


@dataclass(frozen=True)
class Reading:
    """One requirement read from a phrase."""

    kind: str
    """due, window, on, from, per_cycle, count, each_month, after_record, within, festival, event, judgement,
    external, ratio, hours or condition."""
    values: dict = field(default_factory=dict)
    """The reading's fields (dates as `datetime.date`)."""

    def get(self, key: str, default=None):
        return self.values.get(key, default)

    def as_json(self) -> dict:
        out: dict = {"kind": self.kind}
        for key, value in self.values.items():
            out[key] = value.isoformat() if isinstance(value, dt.date) else value
        return out


@dataclass(frozen=True)
class Span:
    """Characters of the phrase as written (`start`, `end`) and what they were read as."""

    start: int
    end: int
    text: str
    role: str
    """cycle, count, date, festival, event, …, or `ignored` (a clock time, a weekday, a score)."""
    reading: int | None = None
    """Index of the reading these characters gave, or None."""

    def as_json(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "role": self.role, "reading": self.reading}


@dataclass(frozen=True)
class PhraseReading:
    phrase: str
    year: int
    readings: tuple[Reading, ...] = ()
    error: str = ""
    """Empty when read; otherwise what was not understood and the accepted forms."""
    spans: tuple[Span, ...] = ()
    """Which characters gave which reading; on an error, the part not understood (role `unread`)."""

    @property
    def ok(self) -> bool:
        return not self.error

    def as_json(self) -> dict:
        return {"phrase": self.phrase, "year": self.year, "readings": [r.as_json() for r in self.readings],
                "error": self.error or None, "spans": [s.as_json() for s in self.spans]}


class NotRead(Exception):
    """A clause the reader cannot read exactly; the message says which part and why."""

    def __init__(self, message: str = "", start: int | None = None, end: int | None = None):
        super().__init__(message)
        self.start, self.end = start, end


_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}

NUM = r"(?:\d+|[零〇一二两三四五六七八九十百]+)"
"""A whole number in figures or Chinese numerals."""


def number(text: str) -> int | None:
    """`5`, `五`, `十五`, `二十`, `一百`, `二〇二四` → int; None if not a whole number."""
    if text.isascii() and text.isdigit():
        return int(text)
    if not text or any(c not in _CN_DIGITS and c not in "十百" for c in text):
        return None
    if "十" not in text and "百" not in text:
        if len(text) == 1:
            return _CN_DIGITS[text]
        return int("".join(str(_CN_DIGITS[c]) for c in text)) if len(text) == 4 else None  # a year: 二〇二四
    value, rest = 0, text
    if "百" in rest:
        head, _, rest = rest.partition("百")
        if len(head) > 1 or "十" in head:
            return None
        value += (_CN_DIGITS.get(head, 0) if head else 1) * 100
        rest = rest.lstrip("零〇")
    if "十" in rest:
        tens, _, ones = rest.partition("十")
        if len(tens) > 1 or len(ones) > 1:
            return None
        value += (_CN_DIGITS[tens] if tens else 1) * 10
        rest = ones
    if len(rest) > 1:
        return None
    return value + (_CN_DIGITS[rest] if rest else 0)
