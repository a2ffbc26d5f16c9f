"""Every record page type in a real browser, on a desktop (1400×900) and a phone (390×844):
no content wider than the screen, evidence reachable from home in two clicks, the ledger
filtered by status, the printed 台账's sheets and dates, and the honour poster's sheet.

Layout is read from the DOM (element boxes, computed styles), never from where a line of a
printed PDF happens to wrap.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from wenming.api import load_dataset
from wenming.site.pages import activity_uri, task_uri
from helpers import ROOT

SIZES = {"desktop": (1400, 900), "phone": (390, 844)}
PAGE_TYPES = {
    "plan": "2018/plan.html", "tasks": "2018/tasks/index.html", "task": "2018/tasks/5-2.html",
    "category": "2018/categories/5.html", "print ledger": "2018/tasks/print.html",
    "activity": "2018/activities/2018-03-06-diyiqidaodejiangtang.html", "months": "2018/months/index.html",
    "month": "2018/months/05.html", "departments": "2018/departments/index.html",
    "department": "2018/departments/xjb.html", "honors": "2018/honors/index.html",
    "honour period": "2018/honors/q1.html", "documents": "2018/documents/index.html",
}
"""One page of every type this module's templates draw (the home page is the dashboard's own test)."""

OVERFLOW = """() => {
    const content = document.querySelector('article.md-content__inner');
    const limit = content.getBoundingClientRect().right + 1;
    const wide = [...content.querySelectorAll('*')].filter(e => {
        const r = e.getBoundingClientRect();
        const style = getComputedStyle(e);
        return r.width > 0 && (r.right > limit || (['auto', 'scroll'].includes(style.overflowX) && e.scrollWidth > e.clientWidth + 1));
    }).map(e => `${e.tagName.toLowerCase()}.${e.className}: ${e.textContent.trim().slice(0, 30)}`);
    return {scroll: content.scrollWidth, client: content.clientWidth, page: document.documentElement.scrollWidth,
            screen: window.innerWidth, wide: wide.slice(0, 5)};
}"""


@pytest.mark.parametrize("size", SIZES)
def test_no_content_is_wider_than_the_screen(browser, base, size):
    """Every type of page, opened one after another in one browser page of the screen's size (a new
    page costs Chromium a quarter of a second); the message lists each type that overflows."""
    width, height = SIZES[size]
    page = browser.new_page(viewport={"width": width, "height": height})
    wider = {}
    try:
        for kind, uri in PAGE_TYPES.items():
            page.goto(base + uri, wait_until="load")
            found = page.evaluate(OVERFLOW)
            if not (found["scroll"] <= found["client"] and found["page"] <= found["screen"] and not found["wide"]):
                wider[kind] = found
    finally:
        page.close()
    assert wider == {}


def test_photos_of_any_tasks_evidence_are_two_clicks_from_home(browser, base, sample_site):
    """Home → 任务台账 (nav) → the task's page, which shows every activity's thumbnails."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(base + "index.html", wait_until="load")
        ledger = page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)")
        assert base + "2018/tasks/index.html" in ledger
        page.goto(base + "2018/tasks/index.html", wait_until="load")
        tasks = set(page.eval_on_selector_all(".wm-ledger td.wm-key a", "as => as.map(a => a.href)"))
        page.goto(base + "2018/tasks/5-2.html", wait_until="load")
        page.locator(".wm-evidence img").first.scroll_into_view_if_needed()
        page.wait_for_function("() => [...document.querySelectorAll('.wm-evidence img')].some(i => i.complete && i.naturalWidth)")
    finally:
        page.close()
    year = next(y for y in load_dataset(ROOT / "data", "data").years if y.year == 2018).until(
        __import__("datetime").date(2018, 12, 31))
    assert tasks == {base + task_uri(2018, t.id)[:-3] + ".html" for t in year.plan.tasks}
    for t in year.plan.tasks:
        html = (sample_site / task_uri(2018, t.id)).with_suffix(".html").read_text(encoding="utf-8")
        cards = BeautifulSoup(html, "html.parser").select("article .wm-evidence")
        shown = {c.select_one("strong a")["href"].rsplit("/", 1)[-1]: len(c.select("img")) for c in cards
                 if "/activities/" in c.select_one("strong a")["href"]}
        expected = {activity_uri(a).rsplit("/", 1)[-1][:-3] + ".html": len(a.photos) for a in year.activities_for(t.id)}
        assert shown == expected, t.id


def test_ledger_opens_filtered_by_status(browser, base, sample_site):
    rows = BeautifulSoup((sample_site / "2018/tasks/index.html").read_text(encoding="utf-8"), "html.parser") \
        .select(".wm-ledger tbody tr")
    overdue = sorted(r.select_one("td a").get_text(strip=True) for r in rows if r["data-status"] == "overdue")
    assert overdue and len(overdue) < len(rows)
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        page.goto(base + "2018/tasks/index.html#s-overdue", wait_until="load")
        shown = page.eval_on_selector_all(".wm-ledger tbody tr", "rs => rs.filter(r => r.offsetParent).map(r => r.querySelector('td a').textContent.trim())")
        page.goto(base + "2018/tasks/index.html", wait_until="load")
        everything = page.eval_on_selector_all(".wm-ledger tbody tr", "rs => rs.filter(r => r.offsetParent).length")
    finally:
        page.close()
    assert sorted(shown) == overdue
    assert everything == len(rows)


PRINTED = """() => {
    const sections = [...document.querySelectorAll('section.wm-print-task')];
    const dates = [...document.querySelectorAll('article .wm-date')];
    return {
        breaks: sections.map(s => getComputedStyle(s).breakBefore),
        cover: document.querySelectorAll('.wm-print-cover .wm-summary tbody tr:not(.wm-summary-category)').length,
        coverBreak: getComputedStyle(document.querySelector('.wm-print-cover')).breakBefore,
        wrapped: dates.filter(d => d.getClientRects().length > 1).map(d => d.textContent),
        thumbs: sections.map(s => s.querySelectorAll('.wm-evidence img').length),
        loaded: [...document.querySelectorAll('.wm-print-task img')].every(i => i.complete && i.naturalWidth > 0),
        chrome: ['.md-header', '.md-sidebar', '.md-footer', '.wm-print-hint', '.wm-source']
            .flatMap(sel => [...document.querySelectorAll(sel)]).filter(e => e.getClientRects().length).length,
    };
}"""


def test_printed_ledger_cover_then_the_tasks_with_thumbnails(browser, base):
    page = browser.new_page(viewport={"width": 680, "height": 960})  # about an A4 sheet's printable width
    try:
        page.emulate_media(media="print")
        page.goto(base + "2018/tasks/print.html", wait_until="networkidle")
        found = page.evaluate(PRINTED)
    finally:
        page.close()
    assert found["cover"] == 46 and found["coverBreak"] != "page"
    assert found["breaks"] == ["page"] + ["auto"] * 45  # a sheet after the cover, then packed
    assert not found["wrapped"], found["wrapped"]
    assert sum(found["thumbs"]) > 46 and found["loaded"]
    assert found["chrome"] == 0


POSTER = """() => {
    const inner = document.querySelector('article.md-content__inner');
    const poster = document.querySelector('.wm-poster');
    return {content: inner.getBoundingClientRect().height, poster: poster.getBoundingClientRect().height,
            cards: [...poster.querySelectorAll('li')].map(li => li.getBoundingClientRect().height),
            photos: [...poster.querySelectorAll('img')].map(i => [i.naturalWidth / i.naturalHeight, i.width / i.height]),
            italic: [...document.querySelectorAll('article *')].filter(e => getComputedStyle(e).fontStyle === 'italic').length,
            h1: getComputedStyle(document.querySelector('article h1')).color};
}"""
MM = 96 / 25.4


@pytest.mark.parametrize("uri", ["2018/honors/q1.html", "2018/honors/q3.html"])
def test_honour_poster_fills_its_a3_sheet_and_keeps_photo_aspect(browser, base, uri):
    page = browser.new_page(viewport={"width": round(269 * MM), "height": round(394 * MM)})  # A3 less the margins
    try:
        page.emulate_media(media="print")
        page.goto(base + uri, wait_until="networkidle")
        found = page.evaluate(POSTER)
    finally:
        page.close()
    assert 0.9 * 394 * MM <= found["content"] <= 394 * MM, found
    assert found["poster"] >= 0.75 * found["content"] and min(found["cards"]) > 0
    assert found["photos"] and all(abs(a - b) < 0.03 for a, b in found["photos"]), found["photos"]
    assert found["italic"] == 0 and found["h1"] == "rgb(255, 255, 255)"
