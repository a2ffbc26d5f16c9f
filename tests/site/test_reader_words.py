"""Reader pages speak the readers' words; the 编辑 pop-up, for the editors, names the right file.

The built sample site (internal edition) is read page by page with BeautifulSoup:

- the 编辑 pop-up: a record page names its file (a task its line in plan.yml); the honour-roll and documents
  pages their folders; month and department pages the files they gather; the overview pages (dashboards,
  ledger, lists of months and departments) none. The public edition and the archive have none
  (tests/site/test_public.py, tests/exports/test_housekeeping.py).
- developer words: outside the guide and the pop-up, no page shows a data field name, a data path, a YAML
  file name or a wenming command (in its text or in a title, alt or aria-label a reader may see).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

DEVELOPER_WORDS = re.compile(
    r"(?<![\w.-])(?:frequency|rules|phases?|kinds?|deadline|evidence|lead|coop|schedule|tallies|visibility|"
    r"on_board|subtasks|rubrics?|judgements|report_dates|front matter)(?![\w-])|data/|\.ya?ml\b|\bwenming (?:check|build|"
    r"new|export|serve|status|init|import)\b|\bmkdocs\b", re.I)
"""Words of the data format and the command line: the guide's business, not a reader page's."""
SEEN_ATTRIBUTES = ("title", "alt", "aria-label", "placeholder")


def _pages(site: Path) -> dict[str, BeautifulSoup]:
    return {p.relative_to(site).as_posix(): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
            for p in sorted(site.rglob("*.html")) if not p.relative_to(site).as_posix().startswith("guide/")}


@pytest.fixture(scope="module")
def pages(sample_site) -> dict[str, BeautifulSoup]:
    return _pages(sample_site)


def _popup(soup: BeautifulSoup) -> tuple[str, list[str]] | None:
    """(the pop-up's text, the file names it shows as code), or None without one."""
    box = soup.select_one("details.wm-edit")
    return None if box is None else (box.p.get_text(), [c.get_text() for c in box.select("code")])


def test_record_pages_name_their_file(pages):
    text, code = _popup(pages["2018/activities/2018-03-06-diyiqidaodejiangtang.html"])
    assert code == ["data/2018/activities/2018-03-06-第一期道德讲堂.md", "wenming check"]
    assert _popup(pages["2018/tasks/5-2.html"])[1][0].startswith("data/2018/plan.yml:")
    assert _popup(pages["2018/plan.html"])[1] == ["data/2018/plan.yml", "wenming check"]


def test_honours_and_documents_pages_name_their_folders(pages):
    for uri in ("2018/honors/index.html", "2018/honors/q1.html"):
        assert _popup(pages[uri])[1] == ["data/2018/honors/", "wenming check"], uri
    assert "2018-Q1" in _popup(pages["2018/honors/q1.html"])[0]
    assert _popup(pages["2018/documents/index.html"])[1] == ["data/2018/documents/", "wenming check"]


def test_month_and_department_pages_say_what_they_gather(pages):
    text, code = _popup(pages["2018/months/03.html"])
    assert text.startswith("本页汇集") and "3 月" in text
    assert code == ["data/2018/activities/", "data/2018/plan.yml", "wenming check"]
    text, code = _popup(pages["2018/departments/bgs.html"])
    assert text.startswith("本页汇集") and code == ["data/2018/plan.yml", "data/2018/activities/", "wenming check"]


def test_overview_pages_have_no_popup(pages):
    overview = ["index.html", "2018/index.html", "2018/months/index.html", "2018/tasks/index.html",
                "2018/tasks/print.html", "2018/tasks/attention.html", "2018/departments/index.html"]
    assert [uri for uri in overview if _popup(pages[uri])] == []
    assert sum(1 for soup in pages.values() if _popup(soup)) > 100  # the record pages keep theirs


def developer_words(soup: BeautifulSoup) -> list[str]:
    """The developer words a reader sees on a page, outside the 编辑 pop-up."""
    for node in soup.select("details.wm-edit, script, style, noscript"):
        node.decompose()
    seen = [soup.get_text(" ", strip=True)]
    seen += [tag[a] for tag in soup.find_all(True) for a in SEEN_ATTRIBUTES if isinstance(tag.get(a), str)]
    return sorted({m.group() for text in seen for m in DEVELOPER_WORDS.finditer(text)})


def test_the_scan_finds_developer_words():
    page = BeautifulSoup('<p>照片（或在 frequency、rules 中写明要求）</p><a title="data/2018/plan.yml">x</a>'
                         '<details class="wm-edit"><p>运行 wenming check</p></details>', "html.parser")
    assert developer_words(page) == [".yml", "data/", "frequency", "rules"]


def test_no_developer_words_on_reader_pages(pages):
    assert len(pages) > 200
    found = {uri: words for uri, soup in pages.items() if (words := developer_words(soup))}
    assert found == {}
