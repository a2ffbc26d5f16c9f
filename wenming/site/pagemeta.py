"""Front-matter values the hook gives each generated page: its window title, how the
site search treats it, and where its data comes from (the small "编辑" link). Pure.

- Window titles carry the year: a page's H1 (`5-2 开展道德讲堂活动`) gets
  ` · 2018年` unless it already names the year (the nav keeps its short labels).
- The 编辑 pop-up (internal build only): the file a record page comes from, with its line; on the honour-roll
  and documents pages their folder; on month and department pages the files they gather; none on the
  overview pages (the dashboards, the ledger, the lists of months and departments), which gather a whole year.
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


_OVERVIEW = re.compile(r"^(\d{4}/)?index\.md$|^\d{4}/(months|departments|tasks)/index\.md$|^\d{4}/tasks/(print|attention)\.md$")
_HONORS = re.compile(r"^\d{4}/honors/(?:index|q(?P<q>[1-4]))\.md$")
_DOCUMENTS = re.compile(r"^\d{4}/documents/index\.md$")
_MONTH = re.compile(r"^\d{4}/months/(?P<m>\d{2})\.md$")
_DEPARTMENT = re.compile(r"^\d{4}/departments/[^/]+\.md$")


def _then(text: str) -> list[str]:
    """`text`, then what to do after the edit."""
    return [text + "改好后运行 ", "wenming check", "，再重新生成网站。"]


def edit_parts(uri: str, source: str, line: int | None) -> list[str]:
    """What the 编辑 pop-up says, as text with the file names at the odd places (shown as code); [] for none.

    `source` is the page's record file; for a page made from a year's records, the year's plan."""
    if not source or _OVERVIEW.match(uri):
        return []
    folder = source.rsplit("/", 1)[0]
    if m := _HONORS.match(uri):
        which = f"中 period 为 {uri[:4]}-Q{m['q']} 的善行义举记录" if m["q"] else "中的善行义举记录"
        return ["本页列出 ", f"{folder}/honors/", *_then(f" {which}（一人一事一个文件）。用编辑器打开要改的那个文件，")]
    if _DOCUMENTS.match(uri):
        return ["本页列出 ", f"{folder}/documents/", *_then(" 中的佐证材料（每份材料一个文件，旁边是同名的 .yml 说明）。"
                "用编辑器打开要改的那份说明，")]
    if m := _MONTH.match(uri):
        return ["本页汇集 ", f"{folder}/activities/", f" 中 {int(m['m'])} 月的活动记录（每条活动一个文件），和 ",
                source, *_then(" 中这个月的活动安排和截止的任务。用编辑器打开相应的文件，")]
    if _DEPARTMENT.match(uri):
        return ["本页汇集 ", source, " 中这个部门牵头或配合的任务，和 ", f"{folder}/activities/",
                *_then(" 中它组织的活动。用编辑器打开相应的文件，")]
    return ["本页内容来自 ", edit_note(source, line), *_then("。用编辑器打开这个文件修改，")]


def page_meta(uri: str, markdown: str, source: str, line: int | None, current_year: int | None,
              public: bool) -> dict:
    """Everything the hook adds to a generated page's `page.meta` (front matter in the page wins)."""
    meta: dict = {}
    title = window_title(uri, markdown)
    if title:
        meta["title"] = title
    if search := search_meta(uri, current_year):
        meta["search"] = search
    if not public and (parts := edit_parts(uri, source, line)):
        meta["wenming_edit"] = parts[1]
        meta["wenming_edit_parts"] = parts
    return meta
