"""on_page_markdown, on_page_content and on_post_page: a generated page's meta, rendering and memory.

MkDocs internals relied on (MkDocs 1.6):

- `page.meta` is read by the theme after on_page_markdown (front matter already parsed into it);
- MkDocs keeps every `Page` until the end of the build, and a page whose `markdown` is None counts as not
  read yet: a generated page's Markdown is set to "" (and its `File.content_string`) once it is HTML, and its
  `content` once the page is written, so thousands of record pages do not stay in memory twice.
"""

from __future__ import annotations

from mkdocs.structure.pages import Page

from wenming.site.htmlspace import collapse_indentation
from wenming.site.searchwords import index_text_first

from . import headings
from .state import Session


def page_markdown(session: Session, markdown: str, page: Page) -> str:
    """Window title with the year, search exclusion/boost, and the data file behind the "编辑" link;
    a generated page that is HTML blocks and headings is rendered without a Markdown parse."""
    meta = session.build.meta.get(page.file.src_uri)
    if meta is None:  # a hand-written page
        return markdown
    for key, value in meta.items():
        page.meta.setdefault(key, value)
    headings.render_by_blocks(session.build, page)
    return markdown


def page_content(session: Session, html: str, page: Page) -> str:
    """A generated page's Markdown dropped once it is HTML; the text search indexes first put first."""
    if droppable(session, page):
        # A generated page's Markdown is not needed once it is HTML: dropping it keeps thousands of
        # record pages' sources out of memory while MkDocs renders them (MkDocs holds every page until
        # the end). "" and not None: MkDocs takes a page with no Markdown for one not read yet.
        page.markdown = ""
        page.file.content_string = ""
    return index_text_first(page.file.src_uri, html)


def post_page(session: Session, output: str, page: Page) -> str:
    """A written page's HTML body dropped; the page's indentation collapsed."""
    if droppable(session, page):
        page.content = ""  # written out: nothing after this page reads its HTML body again
    return collapse_indentation(output)  # a third of a record page was Material's indentation


def droppable(session: Session, page: Page) -> bool:
    """A generated page of a build (not `serve`, which compares each page's Markdown between builds)."""
    return not session.serve and page.file.src_uri in session.build.meta
