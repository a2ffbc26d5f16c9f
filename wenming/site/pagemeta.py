"""Front-matter values the hook gives each generated page: its window title, how the
site search treats it, and where its data comes from (the small "编辑" link). Pure.

- Window titles carry the year: a page's H1 (`5-2 开展道德讲堂活动`) gets
  ` · 2018年` unless it already names the year (the nav keeps its short labels).
- Search: pages that only repeat records (month and department pages, the
  printable ledger, the dashboards and the attention page) are left out of the index,
  so a query lists each record once; pages of the year the home page shows are
  boosted, so the current year comes first, and records above the plan's pages.
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
_REPEATS = (re.compile(r"^\d{4}/months/"), re.compile(r"^\d{4}/departments/(?!index\.md$)"),
            re.compile(r"^\d{4}/tasks/(print|attention)\.md$"), re.compile(r"^(\d{4}/)?index\.md$"))
_YEAR = re.compile(r"^(\d{4})/")


def page_year(uri: str) -> int | None:
    m = _YEAR.match(uri)
    return int(m.group(1)) if m else None


def window_title(uri: str, markdown: str) -> str | None:
    """The page's H1, with its year added when the H1 does not name it; None without an H1."""
    m = _H1.search(markdown)
    if not m:
        return None
    title, year = m.group(1).strip(), page_year(uri)
    return f"{title} · {year}年" if year and str(year) not in title else title


def search_meta(uri: str, current_year: int | None) -> dict:
    """Material's `search:` front matter for a generated page."""
    if any(p.search(uri) for p in _REPEATS):
        return {"exclude": True}
    boost = (CURRENT_YEAR_BOOST if current_year is not None and page_year(uri) == current_year else 1.0) * \
        (RECORD_BOOST if _RECORD.match(uri) else 1.0)
    return {"boost": boost} if boost != 1.0 else {}


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
