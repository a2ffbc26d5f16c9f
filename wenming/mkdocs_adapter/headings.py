"""`Page.render` for a generated page: its HTML blocks kept as they are, only its headings through Markdown.

A generated page is HTML blocks and headings (wenming/site/htmlblocks.py); parsing thousands of them as
Markdown was most of a build. MkDocs internals relied on (MkDocs 1.6, `mkdocs/structure/pages.py`):

- `mkdocs.commands.build` calls `page.render(config, files)` after on_page_markdown; an instance attribute
  `page.render` replaces the method for that page;
- what `Page.render` leaves behind and later steps read: `page.content`, `page.toc` (`get_toc` of the
  `toc` extension's `toc_tokens`), `page._title_from_render` (the first element's text when it is an H1,
  by `mkdocs.utils.rendering.get_heading_text`, which `Page.title` reads), `page.present_anchor_ids` and
  `page.links_to_anchors` (the anchor validation: nothing links into a generated page, so it is emptied
  unless DEBUG asks for it).

A page that does not split into blocks, or whose headings do not come out one per line, is rendered by
`Page.render` as MkDocs renders any page.
"""

from __future__ import annotations

import functools
import logging
import re
from typing import Any

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.rendering import get_heading_text

from wenming.site.htmlblocks import HeadingCache, anchor_ids, heading_source, join_blocks, split_blocks

from .state import Build, log

_HEADING_ID = re.compile(r'\sid="([^"]*)"')


def render_by_blocks(build: Build, page: Page) -> None:
    """Have MkDocs render this generated page by `render_blocks` instead of `Page.render`."""
    page.render = functools.partial(render_blocks, build, page)  # MkDocs calls page.render(config, files) next


def render_blocks(build: Build, page: Page, config: MkDocsConfig, files: Files) -> None:
    """`Page.render` for a generated page: its HTML blocks as they are, its headings rendered alone by the
    site's Markdown, so the ids, the table of contents and the title are what MkDocs makes of the whole page."""
    blocks = split_blocks(page.markdown)
    if blocks is None:
        return Page.render(page, config, files)
    if (rendered := _heading_cache(build, config).render(blocks)) is not None:
        headings, tokens, first_title = rendered
    else:  # a page with a heading the cache is not sure of: its headings rendered together
        html_lines, tokens, first_title = _convert_headings(*_heading_markdown(build, config), heading_source(blocks))
        headings = html_lines.split("\n")
    if len(headings) != sum(b.heading for b in blocks):
        return Page.render(page, config, files)
    page.content = join_blocks(blocks, headings)
    page.toc = get_toc(tokens)
    page._title_from_render = first_title if blocks[0].heading else None
    page.present_anchor_ids = {m for h in headings for m in _HEADING_ID.findall(h)} | anchor_ids(blocks)
    if log.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = {}
    return None


class _FirstH1(markdown.treeprocessors.Treeprocessor):
    """The title MkDocs takes from a page: its first element, if that is an H1."""
    title: str | None = None

    def run(self, root: Any) -> None:
        self.title = get_heading_text(root[0], self.md) if len(root) and root[0].tag == "h1" else None


def _convert_headings(md: markdown.Markdown, title: _FirstH1, source: str) -> tuple[str, list, str | None]:
    md.reset()
    title.title = None
    return md.convert(source), getattr(md, "toc_tokens", []), title.title


def _heading_cache(build: Build, config: MkDocsConfig) -> HeadingCache:
    """Each distinct heading line of the generated pages rendered once per build (htmlblocks.HeadingCache)."""
    if build.heading_cache is None:
        build.heading_cache = HeadingCache(functools.partial(_convert_headings, *_heading_markdown(build, config)))
    return build.heading_cache


def _heading_markdown(build: Build, config: MkDocsConfig) -> tuple[markdown.Markdown, _FirstH1]:
    """One Markdown converter per build for the generated pages' headings (the site's extensions)."""
    if build.heading_md is None:
        md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs or {})
        title = _FirstH1(md)
        md.treeprocessors.register(title, "wenming_first_h1", priority=1)  # where MkDocs extracts its title
        build.heading_md = (md, title)
    return build.heading_md
