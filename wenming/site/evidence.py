"""What the record pages show of a task's evidence: one card per activity or document. Pure.

A card holds what an inspector looks at first: the record's date and title,
its thumbnails (each a link to the full-size photo) and the brief's first
lines; for a document its number and file. The task pages, the 方面
(category) pages and the printed 台账 all show the same cards, thousands of
them in a ten-year site, so a card's HTML is made here (`render_card`), every
value escaped as the templates' `finalize` escapes it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from markupsafe import Markup

from ..records.model import Activity, Document
from ..records.text import excerpt
from .photos import thumb_uri
from .render import escape_md as e, html_uri

EXCERPT_CHARS = 120
"""The brief's first lines on a card: about two lines on a desktop, four on a phone."""


def category_uri(year: int, number: int) -> str:
    return f"{year}/categories/{number}.md"


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


def cards(activities, documents, photo_uri, activity_uri, document_file_uri, made: dict | None = None) -> list[Card]:
    """A task's evidence, oldest first (activities before documents of the same day). `made`: the cards
    already made for other tasks, by record id (a record serving several tasks has one card)."""
    made = {} if made is None else made
    out = []
    for a in activities:
        if ("a", a.id) not in made:
            made["a", a.id] = activity_card(a, photo_uri, activity_uri)
        out.append(made["a", a.id])
    for d in documents:
        if ("d", d.id) not in made:
            made["d", d.id] = document_card(d, document_file_uri)
        out.append(made["d", d.id])
    return sorted(out, key=lambda c: (c.day, c.kind != "活动", c.record.id))


def render_card(c: Card, link: Callable[[str], str], lazy: bool = True) -> Markup:
    """One piece of evidence as an HTML block: date, kind, title, thumbnails (each opens the full photo), the
    brief's first lines. `link` makes a site URI relative to the page; `lazy`: thumbnails load when scrolled to
    (never on the printed 台账: print needs them all)."""
    title = f'<a href="{link(c.uri)}">{e(c.title)}</a>' if c.uri else e(c.title)
    badge = ' <span class="wm-badge wm-internal">内部</span>' if c.internal else ""
    out = ['<div class="wm-evidence">\n<p class="wm-evidence-head">'
           f'<span class="wm-date">{e(c.when)}</span> <span class="wm-kind">{e(c.kind)}</span> <strong>{title}</strong>'
           f'{badge}</p>\n']
    if c.thumbs:
        loading = ' loading="lazy"' if lazy else ""
        gallery = e(c.record.slug)
        out.append('<p class="wm-thumbs">' + "".join(
            f'<a class="wm-lightbox" data-gallery="{gallery}" href="{link(t.full)}">'
            f'<img src="{link(t.thumb)}" alt="{e(t.caption)}"{loading}></a>' for t in c.thumbs) + "</p>\n")
    if c.text:
        out.append(f'<p class="wm-excerpt">{e(c.text)}</p>\n')
    out.append("</div>")
    return Markup("".join(out))
