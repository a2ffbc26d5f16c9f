"""Front-matter values the hook gives each generated page: its window title, how the
site search treats it, and where its data comes from (the small "编辑" link). Pure.

- Window titles carry the year: a page's H1 (`5-2 开展道德讲堂活动`) gets
  ` · 2018年` unless it already names the year (the nav keeps its short labels).
- Search: pages that only repeat records (the printable ledger, the dashboards, the
  attention page, the list of months) are left out of the index, so a query lists each
  record once; a month's page and a department's page are indexed by their title alone
  (`2018年5月`, `办公室 · 2018年`): found by it, not by every record they list. Pages of
  the year the home page shows are boosted, and records above the plan's pages; the
  search worker then lists the current year's results first (`searchworker.js`), and
  every result's title names its year (`with_year`, applied by `searchparse.index_page`).
"""

from __future__ import annotations

import re

CURRENT_YEAR_BOOST = 2.0
"""Search boost of the pages of the year the home page shows (lunr multiplies their scores)."""
RECORD_BOOST = 2.0
"""Further boost of a year's records (activities, honour-roll periods): what a search is usually for is
the evidence; the task it serves is one click from it."""
_RECORD = re.compile(r"^\d{4}/(activities|honors)/")

_H1 = re.compile(r"^# (.+?)(?:\s+\{[^}]*\})?\s*$", re.MULTILINE)
_REPEATS = (re.compile(r"^\d{4}/months/index\.md$"), re.compile(r"^\d{4}/tasks/(print|attention)\.md$"),
            re.compile(r"^(\d{4}/)?index\.md$"))
_TITLE_ONLY = re.compile(r"^\d{4}/(months|departments)/(?!index\.md$)")
_YEAR = re.compile(r"^(\d{4})/")


def page_year(uri: str) -> int | None:
    m = _YEAR.match(uri)
    return int(m.group(1)) if m else None


def window_title(uri: str, markdown: str) -> str | None:
    """The page's H1, with its year added when the H1 does not name it; None without an H1."""
    m = _H1.search(markdown)
    if not m:
        return None
    return with_year(uri, m.group(1).strip())


def with_year(uri: str, title: str) -> str:
    """`title · 2018年` for a page of a year's folder, unless the title names the year already."""
    year = page_year(uri)
    return f"{title} · {year}年" if year and str(year) not in title else title


def search_meta(uri: str, current_year: int | None) -> dict:
    """Material's `search:` front matter for a generated page, with two keys of ours that Material
    ignores: `title_only` (index the page's title, not its text: `searchparse.index_page`) and
    `current_year` (the year the home page shows, handed to the search worker: `searchfile`)."""
    if any(p.search(uri) for p in _REPEATS):
        return {"exclude": True}
    meta: dict = {"current_year": current_year} if current_year is not None else {}
    if _TITLE_ONLY.match(uri):
        meta["title_only"] = True
    boost = (CURRENT_YEAR_BOOST if current_year is not None and page_year(uri) == current_year else 1.0) * \
        (RECORD_BOOST if _RECORD.match(uri) else 1.0)
    if boost != 1.0:
        meta["boost"] = boost
    return meta


def edit_note(source: str, line: int | None) -> str:
    """`data/2018/plan.yml:222`: where an editor finds the record (shown behind the small "编辑" link)."""
    return f"{source}:{line}" if line else source


def page_meta(uri: str, markdown: str, source: str, line: int | None, current_year: int | None,
              public: bool) -> dict:
    """Everything the hook adds to a generated page's `page.meta` (front matter in the page wins)."""
    meta: dict = {}
    title = window_title(uri, markdown)
    if title:
        meta["title"] = title
    if search := search_meta(uri, current_year):
        meta["search"] = search
    if source and not public:
        meta["wenming_edit"] = edit_note(source, line)
    return meta
