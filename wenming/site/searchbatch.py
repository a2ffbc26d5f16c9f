"""The search index made on the second core while MkDocs renders the next pages.

Material's search plugin indexes each page as it is rendered: its sections cut out (`searchparse`),
their Chinese cut into words by jieba, one entry each. Here every page handed to the index is kept
(with its HTML as it was then: the hook drops it once written), and each `BATCH` pages are indexed by
a forked copy of the process (`forked.start`) while this one renders on. The batches' entries are
put into the index in page order before the plugin writes it (`generate_search_index`), so the index
is byte for byte what page-by-page indexing gives; without a fork (see `forked.usable`) each batch is
indexed here at that point, as before. Only the MkDocs hook calls these, with the plugin's
`SearchIndex` (duck-typed, as in `searchparse.parse_faster`).
"""

from __future__ import annotations

from . import forked
from .searchparse import excluded, index_page

BATCH = 400
"""Pages per child: ten children for a decade of records, one or none for a year."""


def index_in_batches(index, material_parser) -> None:
    """After `searchfile.defer_writing` and instead of `searchparse.parse_faster`: `material_parser` is
    Material's `Parser` class, used for a page `parse_sections` is not sure of."""
    if not forked.usable():  # `serve`, tests under xdist, one CPU: page by page, as parse_faster does
        return
    kept: list[tuple] = []
    running: list[forked.Pending] = []  # oldest first; each keeps its batch, made here if its child fails
    done: list[list[dict]] = []

    def add_entry_from_context(page) -> None:
        if excluded(page, index):
            return
        kept.append((page, page.content, page.toc))
        if len(kept) >= BATCH:
            batch = kept[:]
            kept.clear()
            collect(wait=False)
            running.append(forked.start(lambda b: _entries(index, material_parser, b), batch))

    def collect(wait: bool) -> None:
        while running and (wait or running[0].done()):
            done.append(running.pop(0).result())

    def finish() -> None:
        collect(wait=True)
        if kept:
            done.append(_entries(index, material_parser, kept[:]))
            kept.clear()
        for entries in done:
            index.entries.extend(entries)
        done.clear()

    def abandon() -> None:
        for pending in running:
            pending.abandon()
        running.clear()

    generate = index.generate_search_index

    def generate_search_index(prev):
        finish()
        return generate(prev)

    index.add_entry_from_context = add_entry_from_context
    index.generate_search_index = generate_search_index
    index.wenming_abandon = abandon


def abandon(index) -> None:
    """The build failed: stop the children indexing, if any."""
    if hasattr(index, "wenming_abandon"):
        index.wenming_abandon()


def _entries(index, material_parser, batch: list[tuple]) -> list[dict]:
    """The index entries of `batch` ((page, its HTML, its toc) each), as they are made one page at a time."""
    before = index.entries
    index.entries = []
    try:
        for page, content, toc in batch:
            index_page(index, material_parser, page, content, toc)
        return index.entries
    finally:
        index.entries = before
