"""Generated pages that are HTML blocks and headings, rendered without a Markdown parse. Pure.

The record pages (activities, tasks, months, departments, categories …) are written by our
templates as raw HTML blocks with Markdown headings between them. Python-Markdown copies such
a block unchanged into its output, so parsing the page (its HTML parser over every tag, with
`md_in_html`) costs nearly half the build and changes nothing but the headings. `split_blocks`
reads a page as that sequence of headings and HTML blocks and `join_blocks` puts it back
together with the headings' HTML, byte for byte what Python-Markdown would write; the hook
renders the headings alone with the site's Markdown (ids, table of contents, title).

A page that is anything else, or HTML that this reader is not sure Python-Markdown would copy
unchanged, gives None and is rendered by MkDocs as before: text or lists outside a block, a
block with a `markdown` attribute, a tag that is not closed in order, a comment, a script or
style, a `<` that is not a tag, tabs, carriage returns or lines of spaces (Markdown rewrites
those). `tests/site/test_htmlblocks.py` checks every page of the sample sites both ways.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import markdown
from markdown.extensions.toc import nest_toc_tokens, unique

_BLOCK_LEVEL = frozenset(markdown.Markdown().block_level_elements)
"""Tags that start a raw HTML block at the start of a line (Python-Markdown's list)."""
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr"})
_UNSURE = frozenset({"script", "style", "textarea", "pre", "title", "xmp", "iframe", "noembed", "noframes",
                     "noscript", "plaintext", "math", "svg"})
"""Elements whose content HTML parsers read differently (raw text, CDATA, foreign content)."""
_TAG = re.compile(r"""<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:\s*=\s*(?:"[^"]*"|'[^']*'))?)*)\s*(/?)>""")
_MARKDOWN_ATTR = re.compile(r"""\smarkdown(?:\s|=|$)""")
_HEADING = re.compile(r"#{1,6} [^\n]*\S")
_TAG_OR_LT = re.compile(_TAG.pattern + "|<")
"""A tag, or else a `<` that does not start one (its groups are all None)."""
_SPACES_LINE = re.compile(r"^ +$", re.M)
"""A line of spaces: with tabs, carriage returns and the STX/ETX characters, what Python-Markdown's
whitespace normalisation changes before it reads a page (`_rewritten`)."""
_ID = re.compile(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)')""")


@dataclass(frozen=True)
class Block:
    text: str
    """The heading line (`## 图文简报`) or the raw HTML, as in the page."""
    heading: bool
    blank_after: bool
    """A blank line follows (Python-Markdown keeps one after a raw block)."""


def split_blocks(page: str) -> list[Block] | None:
    """The page as headings and raw HTML blocks, or None when it is anything else."""
    if not page.strip() or _rewritten(page):
        return None
    blocks: list[Block] = []
    pos, end = 0, len(page)
    while pos < end:
        if page.startswith("\n", pos):
            pos += 1
            continue
        if page.startswith("#", pos):
            stop = _line_end(page, pos)
            if not _HEADING.fullmatch(page, pos, stop) or any(c in page[pos:stop] for c in "[<"):
                return None  # a link or tag in a heading: MkDocs rewrites links in the page's tree
            text, pos = page[pos:stop], stop + 1
            if pos < end and not page.startswith("\n", pos):
                return None  # text straight after a heading continues as a paragraph
            blocks.append(Block(text, True, True))
            continue
        stop = _raw_block_end(page, pos)
        if stop is None:
            return None
        blank = page.startswith("\n\n", stop) or stop >= end - 1
        blocks.append(Block(page[pos:stop], False, blank))
        pos = stop + 1
    return blocks


def _rewritten(page: str) -> bool:
    if any(c in page for c in "\t\r\x02\x03"):
        return True
    return (page.startswith(" ") or "\n " in page) and _SPACES_LINE.search(page) is not None


def _line_end(page: str, pos: int) -> int:
    stop = page.find("\n", pos)
    return len(page) if stop < 0 else stop


def _raw_block_end(page: str, pos: int) -> int | None:
    """Where the HTML block starting at `pos` (the start of a line) ends: after the end tag that
    closes its first element, which must end a line. None when unsure."""
    if not page.startswith("<", pos):
        return None  # text before the first tag: a paragraph
    stack: list[str] = []
    first = True
    for m in _TAG_OR_LT.finditer(page, pos):
        closing, tag, attrs, self_closing = m.groups()
        if tag is None:
            return None  # a comment, a declaration or a `<` that is not a tag
        tag = tag.lower()
        if tag in _UNSURE or ("markdown" in attrs and _MARKDOWN_ATTR.search(attrs)):
            return None
        if first:
            if closing or tag not in _BLOCK_LEVEL or tag in _VOID:
                return None
            first = False
        if closing:
            if not stack or stack.pop() != tag:
                return None
        elif tag not in _VOID and not self_closing:
            stack.append(tag)
        elif self_closing and tag not in _VOID:
            return None
        if not stack:
            end = m.end()
            return end if end == len(page) or page.startswith("\n", end) else None
    return None


def join_blocks(blocks: list[Block], headings: list[str]) -> str:
    """The page's HTML: each raw block as it is, each heading replaced by its HTML (in order)."""
    out: list[str] = []
    rendered = iter(headings)
    for b in blocks:
        out.append(next(rendered) if b.heading else b.text + ("\n" if b.blank_after else ""))
    return "\n".join(out).strip()


def heading_source(blocks: list[Block]) -> str:
    """The page's headings alone, as a Markdown document: one HTML line each."""
    return "\n\n".join(b.text for b in blocks if b.heading)


def anchor_ids(blocks: list[Block]) -> set[str]:
    """The `id` attributes in the page's raw HTML blocks (MkDocs checks links to anchors against them)."""
    return {a or b for block in blocks if not block.heading for a, b in _ID.findall(block.text)}


@dataclass(frozen=True)
class Heading:
    """One heading line rendered alone: its HTML line, its table-of-contents entries (flat), its id,
    and the title MkDocs would take from it as a page's first element (None unless an H1)."""
    html: str
    tokens: tuple[dict, ...]
    id: str
    title: str | None


HeadingConverter = Callable[[str], tuple[str, list, "str | None"]]
"""Renders a Markdown document: (HTML, the toc extension's nested `toc_tokens`, the first-H1 title)."""


class HeadingCache:
    """The generated pages' headings, each distinct line rendered once per build.

    Thousands of pages share their headings (`## 图文简报`, a month's name). A page's headings depend
    on one another only through their ids: the toc extension makes each id unique in the page, in
    order (a Chinese heading has an empty slug, so a page's Chinese headings are `_1`, `_2` …).
    A heading rendered alone has the id its slug gives, or `_1` for an empty slug, which the toc
    extension's `unique` treats the same way; `render` runs `unique` over them in the page's order
    and puts the resulting ids in. Their table-of-contents entries nest as the toc extension nests
    them. None for a heading that is not one line of HTML with its id once, which the hook renders
    together with the page's other headings as before."""

    def __init__(self, convert: HeadingConverter):
        self._convert = convert
        self._seen: dict[str, Heading | None] = {}

    def render(self, blocks: list[Block]) -> tuple[list[str], list[dict], str | None] | None:
        """(each heading's HTML, the page's nested toc tokens, its title from the first H1) or None."""
        html: list[str] = []
        tokens: list[dict] = []
        used: set[str] = set()
        for block in blocks:
            if not block.heading:
                continue
            if block.text not in self._seen:
                self._seen[block.text] = self._one(block.text)
            if (part := self._seen[block.text]) is None:
                return None
            new = unique(part.id, used)
            html.append(part.html if new == part.id else part.html.replace(f'"{part.id}"', f'"{new}"', 1))
            tokens += [dict(t, id=new, children=[]) for t in part.tokens]
        first = self._seen[blocks[0].text] if blocks and blocks[0].heading else None
        return html, nest_toc_tokens(tokens), first.title if first else None

    def _one(self, line: str) -> Heading | None:
        html, tokens, title = self._convert(line)
        ids = _HEADING_ID.findall(html)
        if "\n" in html or len(ids) != 1 or html.count(f'"{ids[0]}"') != 1 or len(tokens) > 1 \
                or any(t.get("children") or t.get("id") != ids[0] for t in tokens):
            return None
        return Heading(html, tuple({k: v for k, v in t.items() if k != "children"} for t in tokens), ids[0], title)


_HEADING_ID = re.compile(r'^<h[1-6][^>]*\sid="([^"]*)"')
