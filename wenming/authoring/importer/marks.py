"""Numbering marks at the start of a paragraph (`一、` `（一）` `1.` `1、` `（1）` `1）` `①` `一是` `第一阶段`),
and marks inside a paragraph that start its items (`（一）宣传教育。1.开展…2.开展…`, `…：一是…；二是…`). Pure.

A mark is a *style* (which kind of number, and how it is written) and a number. The outline of a document is
read from the order its styles appear in (:mod:`.tree`), never from which style "should" be a category.
`RANK` only says which styles plans usually use for what, for the few decisions the outline leaves open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...records.dates import cn_number

_CN = "一二三四五六七八九十"
_YEAR_OR_DATE = r"(?:\d{4}年|\d{1,2}月)"

PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    ("（一）", re.compile(rf"^[（(]\s*([{_CN}]{{1,3}})\s*[）)]\s*")),
    ("一、", re.compile(rf"^([{_CN}]{{1,3}})\s*[、．.]\s*(?![\d{_CN}]+[、．.])")),
    ("第一", re.compile(rf"^第([{_CN}]{{1,3}})(阶段|步|部分|项|条|章|节|方面)?\s*[、，,：:．.\s]?\s*")),
    ("（1）", re.compile(r"^[（(]\s*(\d{1,2})\s*[）)]\s*")),
    ("1.", re.compile(rf"^(\d{{1,2}})\s*(?:[.．、](?!\d)(?!\s*\d+[.．、])|[.．、](?={_YEAR_OR_DATE})|\s+(?=[\u4e00-\u9fa5“（(]))\s*")),
    ("1）", re.compile(r"^(\d{1,2})\s*[）)]\s*")),
    ("①", re.compile(r"^([①-⑳])\s*")),
    ("一是", re.compile(rf"^([{_CN}]{{1,2}})是(?![非否])[，,：:]?\s*")),
)
RANK = {"一、": 0, "第一": 0, "（一）": 1, "1.": 2, "（1）": 3, "1）": 3, "①": 4, "一是": 4}
"""How deep plans usually put each style: sections 0, categories 1, tasks 2, items below."""


@dataclass(frozen=True)
class Mark:
    style: str
    """`一、` `（一）` `1.` `（1）` `1）` `①` `一是` `第一<word>` (the word after 第N: 阶段, 步 …), or `h<N>` for
    a Word heading without a number."""
    number: int
    body: str
    """The paragraph after the mark."""

    @property
    def rank(self) -> int:
        if self.style.startswith("h"):
            return max(0, int(self.style[1:]) - 1)
        return RANK.get(self.style[:2] if self.style.startswith("第") else self.style, 2)


def _number(text: str) -> int:
    if text.isascii() and text.isdigit():
        return int(text)
    if len(text) == 1 and "①" <= text <= "⑳":
        return ord(text) - ord("①") + 1
    return cn_number(text) or 0


def mark_of(text: str) -> Mark | None:
    """The numbering mark the paragraph starts with, or None."""
    for style, pattern in PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        number = _number(m.group(1))
        body = text[m.end():].strip()
        if not number or not body:
            continue
        if style == "第一":
            style = "第" + (m.group(2) or "")
        return Mark(style, number, body)
    return None


# -- marks inside a paragraph ------------------------------------------------------------------------------

_INLINE = (
    ("1.", re.compile(r"(\d{1,2})\s*[.．、](?!\d)")),
    ("（1）", re.compile(r"[（(](\d{1,2})[）)]")),
    ("①", re.compile(r"([①-⑳])")),
    ("一是", re.compile(rf"([{_CN}]{{1,2}})是(?![非否])[，,：:]?")),
)
_BOUNDARY = {"1.": "。；;：:！？）)", "（1）": "。；;：:！？", "①": "。；;：:，,！？）)", "一是": "。；;：:，,！？"}


def _outside_quotes(text: str) -> list[bool]:
    """For each character: is it outside brackets and quotation marks?"""
    out, depth, quoted = [], 0, False
    for ch in text:
        out.append(depth == 0 and not quoted)
        if ch in "（(《":
            depth += 1
        elif ch in "）)》" and depth:
            depth -= 1
        elif ch == "“":
            quoted = True
        elif ch == "”":
            quoted = False
    return out


def inline_items(text: str, own: Mark | None = None) -> tuple[str, list[tuple[Mark, str]]]:
    """(head, items): the marks inside `text` (after its own mark) that start items numbered 1, 2, 3 … in order.

    A mark counts only at the start of a clause (after 。；：, and for ①/一是 also after ，), outside quotes and
    brackets, and only as part of a run that starts at 1 (or continues the paragraph's own number). Each item is
    (its mark, its whole text with the mark); the head is what stands before the first item.
    """
    free = _outside_quotes(text)
    best: tuple[str, list[re.Match]] | None = None
    for style, pattern in _INLINE:
        if own is not None and style == own.style and style in ("1.", "（1）"):
            expected = own.number + 1
        elif own is not None and style == own.style:
            continue  # `二是…一是…二是…`: items numbered again inside an item are not its siblings
        else:
            expected = 1
        run: list[re.Match] = []
        for m in pattern.finditer(text):
            if not free[m.start()]:
                continue
            before = text[:m.start()].rstrip()
            if m.start() and (not before or before[-1] not in _BOUNDARY[style]):
                continue
            if _number(m.group(1)) != expected + len(run):
                continue
            if style == "1." and re.match(r"\d", text[m.end():m.end() + 1] or "x"):
                continue
            run.append(m)
        if run and (style in ("①", "一是") and len(run) >= 2 or style in ("1.", "（1）") and (len(run) >= 2 or expected > 1
                                                                                                  or run[0].start() > 0)):
            if best is None or run[0].start() < best[1][0].start():
                best = (style, run)
    if best is None:
        return text, []
    style, run = best
    head = text[:run[0].start()].strip()
    items = []
    for i, m in enumerate(run):
        end = run[i + 1].start() if i + 1 < len(run) else len(text)
        piece = text[m.start():end].strip()
        items.append((Mark(style, _number(m.group(1)), piece[m.end() - m.start():].strip()), piece))
    return head, items
