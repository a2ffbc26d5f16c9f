"""Markdown that users wrote (briefs, honour-roll stories) → safe HTML. Pure.

A brief is rendered on its own with a small set of extensions (no attribute
lists, no raw-HTML-in-Markdown) and then cleaned with nh3 against an allow-list:
no script, no event handler, no style beyond text alignment, links only to
http(s), mailto or relative addresses. The page embeds the result as a raw HTML
block, so nothing the user typed is read as Markdown markup a second time.
"""

from __future__ import annotations

import markdown
import nh3
from markupsafe import Markup

_EXTENSIONS = ["tables", "sane_lists"]
_TAGS = nh3.ALLOWED_TAGS - {"area", "map", "nav", "article", "header", "footer", "aside", "center", "data"}
_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"style", "colspan", "rowspan"},
    "th": {"style", "colspan", "rowspan"},
    "ol": {"start"},
    "abbr": {"title"},
}


def clean_html(html: str) -> str:
    return nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes={"http", "https", "mailto"},
                     filter_style_properties={"text-align"}, strip_comments=True)


def user_markdown(text: str | None) -> Markup:
    """The user's Markdown as sanitized HTML, one block per line."""
    if not text or not text.strip():
        return Markup("")
    return Markup(clean_html(markdown.markdown(text, extensions=_EXTENSIONS, output_format="html")))


def user_markdown_inline(text: str | None) -> Markup:
    """As `user_markdown`, on one line: for nesting in an indented Markdown block (a card, a list item)."""
    return Markup(" ".join(user_markdown(text).splitlines()))
