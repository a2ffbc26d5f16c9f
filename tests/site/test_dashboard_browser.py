"""The dashboard in a real browser, on a desktop (1400×900) and a phone (390×844), on the
sample built as the README's first command builds it (as of 2018-09-30): what a person
sees without scrolling, how tall the page is, where one click leads, and what the
search box finds and highlights."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from browser import Recorder, charts_drawn, search, serve
from helpers import ROOT, article, build

SIZES = {"desktop": (1400, 900), "phone": (390, 844)}
HEADLINE = [".md-content h1", ".wm-dash-meta", ".wm-kpi", ".wm-tiles"]
"""Unit and year, the as-of date, completion and every rubric's estimate, the status tiles."""
OVERFLOW = """() => [document.documentElement, document.querySelector('.md-content')]
    .map(e => [e.scrollWidth, e.clientWidth])"""
BOTTOMS = """sels => sels.flatMap(s => [...document.querySelectorAll(s)].map(e => [s, e.getBoundingClientRect().bottom]))"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(ROOT / "data", tmp_path_factory.mktemp("dash") / "site", "2018-09-30")


@pytest.fixture(scope="module")
def url(site):
    with serve(site) as base:
        yield base


def open_page(browser, base: str, uri: str, size: str):
    width, height = SIZES[size]
    page = browser.new_page(viewport={"width": width, "height": height})
    page.set_default_timeout(15_000)
    page.set_default_navigation_timeout(30_000)
    seen = Recorder(page, base)
    page.goto(base + uri, wait_until="load")
    return page, seen


@pytest.mark.parametrize("size", SIZES)
def test_headline_above_the_fold_and_no_overflow(browser, url, size):
    page, seen = open_page(browser, url, "index.html", size)
    try:
        charts_drawn(page, 4)
        height = SIZES[size][1]
        bottoms = page.evaluate(BOTTOMS, HEADLINE)
        assert {s for s, _ in bottoms} == set(HEADLINE)
        assert [(s, b) for s, b in bottoms if b > height] == [], f"{size}: below the fold"
        text = page.inner_text(".wm-dash")
        assert "数据截至 2018-09-30" in text and "总体完成度" in text and "预计得分" in text
        assert [w <= c for w, c in page.evaluate(OVERFLOW)] == [True, True], page.evaluate(OVERFLOW)
        if size == "desktop":
            total = page.evaluate("document.documentElement.scrollHeight")
            assert total <= 3 * height, f"the dashboard is {total} px tall, more than 3 screens"
        page.wait_for_load_state("networkidle")
        assert not seen.problems()
    finally:
        page.close()


def test_late_for_my_department_in_one_click(browser, url):
    page, seen = open_page(browser, url, "index.html", "phone")
    try:
        link = page.locator(".wm-dash-depts a").first
        name, count = link.inner_text().rsplit(maxsplit=1)
        link.click()
        page.wait_for_load_state("load")
        assert re.search(r"/2018/departments/\w+\.html#overdue$", page.url), page.url
        assert page.inner_text("article h1").startswith(name)
        heading = page.locator("h2#overdue")
        assert f"（{count} 项任务）" in heading.inner_text()
        box = heading.bounding_box()
        assert 0 <= box["y"] < SIZES["phone"][1], "the page opens at what is late"
        page.wait_for_load_state("networkidle")
        assert not seen.problems()
    finally:
        page.close()


def test_a_tile_opens_the_ledger_filtered_to_its_status(browser, url):
    page, seen = open_page(browser, url, "index.html", "desktop")
    try:
        tile = page.locator("a.wm-tile.wm-overdue")
        count = int(tile.locator("strong").inner_text())
        tile.click()
        page.wait_for_load_state("load")
        assert page.url.endswith("/2018/tasks/index.html#s-overdue")
        shown = page.evaluate("""() => [...document.querySelectorAll('.wm-ledger tbody tr')]
            .filter(tr => tr.offsetParent !== null).map(tr => tr.dataset.status)""")
        assert shown == ["overdue"] * count
        page.wait_for_load_state("networkidle")
        assert not seen.problems()
    finally:
        page.close()


def test_search_lists_the_current_years_activity_first_and_highlights_it(browser, url):
    page, seen = open_page(browser, url, "index.html", "desktop")
    try:
        links = [u[len(url):] for u in search(page, "道德讲堂")]
        assert re.fullmatch(r"2018/activities/2018-\d\d-\d\d-.*daodejiangtang\.html", links[0]), links[:5]
        first_2019 = next((i for i, u in enumerate(links) if u.startswith("2019/")), len(links))  # maybe not shown yet
        assert all(u.startswith("2018/") for u in links[:first_2019]) and first_2019 >= 2, links
        assert not [m for m in links if re.search(r"/(months|departments)/(?!index)", m)], links
        missing = page.evaluate("() => [...document.querySelectorAll('.md-search-result__terms')].map(e => e.innerText)")
        assert missing == [], missing
        snippet = page.inner_text(".md-search-result__item")
        assert "项目" not in snippet and "git" not in snippet, snippet
        page.click(".md-search-result__item > a")
        page.wait_for_function("() => document.querySelectorAll('article mark[data-md-highlight]').length > 0")
        marked = page.evaluate("() => [...document.querySelectorAll('article mark[data-md-highlight]')].map(m => m.innerText)")
        assert "道德讲堂" in marked and "道德讲堂" in page.inner_text("article h1 mark")
        page.wait_for_load_state("networkidle")
        assert not seen.problems()
    finally:
        page.close()


def test_chinese_404_and_the_unit_as_site_title(site):
    page = (site / "404.html").read_text(encoding="utf-8")
    assert "找不到这个页面" in page and "Not found" not in page
    assert "<title>市总工会 · 2018年文明单位创建 - 市总工会</title>" in (site / "index.html").read_text(encoding="utf-8")
    task = (site / "2018/tasks/5-2.html").read_text(encoding="utf-8")
    assert re.search(r"<title>5-2 [^<]+ · 2018年 - 市总工会</title>", task)
    assert "data/2018/plan.yml:" in article(site, "2018/tasks/5-2.html").select_one("details.wm-edit").get_text()
