"""Markdown that users wrote (briefs, honour-roll stories) → safe HTML. Pure.

A brief is rendered on its own with a small set of extensions (no attribute
lists, no raw-HTML-in-Markdown) and then cleaned with nh3 against an allow-list:
no script, no event handler, no style beyond text alignment, links only to
http(s), mailto or relative addresses. The page embeds the result as a raw HTML
block, so nothing the user typed is read as Markdown markup a second time.

The site is an intranet site that loads nothing from outside itself: an image
from another host (`![](http://…)`, `<img src="//…">`) is not shown (its place
says so, with its description), and a link to another host becomes plain text
followed by its address, marked `wm-external`, so a reader can still copy it.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

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
_OUTSIDE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//|\\\\)", re.I)
"""An address with a scheme or a host: not a path inside the site (`mailto:` is let through below)."""
_IMG = re.compile(r"<img\b[^>]*>")
_LINK = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.S)
_ATTR = re.compile(r'\b(src|alt|href)="([^"]*)"')


def _outside(url: str) -> bool:
    url = html.unescape(url)
    return bool(_OUTSIDE.match(url)) and not url.strip().lower().startswith("mailto:")


def _image(m: re.Match) -> str:
    attrs = dict(_ATTR.findall(m.group(0)))
    if not _outside(attrs.get("src", "")) and attrs.get("src"):
        return m.group(0)
    alt = attrs.get("alt", "")
    return f'<span class="wm-external">［外部图片，未显示{("：" + alt) if alt else ""}］</span>'


def _link(m: re.Match) -> str:
    href = dict(_ATTR.findall(m.group(1))).get("href", "")
    if not _outside(href):
        return m.group(0)
    text = m.group(2)
    shown = "" if html.unescape(re.sub(r"<[^>]*>", "", text)).strip() == html.unescape(href).strip() else f"（{href}）"
    return f'<span class="wm-external" title="外部链接，网站不直接打开">{text}{shown}</span>'


def clean_html(text: str) -> str:
    cleaned = nh3.clean(text, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes={"http", "https", "mailto"},
                        filter_style_properties={"text-align"}, strip_comments=True, link_rel=None)
    # nh3 writes every attribute as name="value" with `"` escaped: safe to read with a pattern.
    return _LINK.sub(_link, _IMG.sub(_image, cleaned))


def user_markdown(text: str | None) -> Markup:
    """The user's Markdown as sanitized HTML, one block per line."""
    if not text or not text.strip():
        return Markup("")
    return Markup(clean_html(_converter().reset().convert(text)))


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    """One converter, reset for each text (making one costs more than converting a brief)."""
    return markdown.Markdown(extensions=_EXTENSIONS, output_format="html")


def user_markdown_inline(text: str | None) -> Markup:
    """As `user_markdown`, on one line: for nesting in an indented Markdown block (a card, a list item)."""
    return Markup(" ".join(user_markdown(text).splitlines()))
