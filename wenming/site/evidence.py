"""What the record pages show of a task's evidence: one card per activity or document. Pure.

A card holds what an inspector looks at first: the record's date and title,
its thumbnails (each a link to the full-size photo) and the brief's first
lines; for a document its number and file. The task pages, the 方面
(category) pages and the printed 台账 all show the same cards.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..records.model import Activity, Document
from ..records.text import excerpt
from .photos import thumb_uri

EXCERPT_CHARS = 120
"""The brief's first lines on a card: about two lines on a desktop, four on a phone."""


def category_uri(year: int, number: int) -> str:
    return f"{year}/categories/{number}.md"


def html_uri(uri: str) -> str:
    """The published page of a docs file (`2018/tasks/5-2.md` → `2018/tasks/5-2.html`), for links in HTML blocks.

    MkDocs rewrites `.md` links in Markdown only; links inside raw HTML must name the page itself.
    """
    return uri[:-3] + ".html" if uri.endswith(".md") else uri


@dataclass(frozen=True)
class Thumb:
    thumb: str
    """The thumbnail's site URI."""
    full: str
    """The full-size photo's site URI."""
    caption: str


@dataclass(frozen=True)
class Card:
    record: Activity | Document
    kind: str
    """活动 or 材料."""
    day: dt.date
    when: str
    """The record's date or date range, as printed (never wrapped)."""
    uri: str
    """Where the title links: the activity's page or the document's file (empty when there is none)."""
    thumbs: tuple[Thumb, ...]
    text: str
    """The brief's first lines (activities) or the document's number and kind."""

    @property
    def title(self) -> str:
        return self.record.title

    @property
    def internal(self) -> bool:
        return self.record.visibility.value == "内部"


def activity_card(a: Activity, photo_uri, activity_uri) -> Card:
    thumbs = tuple(Thumb(thumb_uri(photo_uri(a, i)), photo_uri(a, i), p.caption or a.title)
                   for i, p in enumerate(a.photos))
    return Card(a, "活动", a.start, a.when_text, html_uri(activity_uri(a)), thumbs,
                excerpt(a.body, EXCERPT_CHARS))


def document_card(d: Document, document_file_uri) -> Card:
    text = "，".join(x for x in (d.number, d.kind, d.note) if x)
    return Card(d, "材料", d.date, d.date.isoformat(), document_file_uri(d) if d.file else "", (), text)


def cards(activities, documents, photo_uri, activity_uri, document_file_uri) -> list[Card]:
    """A task's evidence, oldest first (activities before documents of the same day)."""
    out = [activity_card(a, photo_uri, activity_uri) for a in activities]
    out += [document_card(d, document_file_uri) for d in documents]
    return sorted(out, key=lambda c: (c.day, c.kind != "活动", c.record.id))
