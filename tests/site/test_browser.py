"""The built site in a real browser (Debian's Chromium driven by Playwright).

One page of every kind (home, year, plan, months, month, activity, tasks,
task, honour roll, honour period, departments, department, documents, user
guide) is opened from a local HTTP server and must load cleanly: no console
error, no uncaught exception, no request leaving the site, no failed request,
no HTTP error, and every asset the page refers to (stylesheets, scripts, icons,
images) is served by the site itself. On the dashboards every chart
(`div.wm-chart`) must be drawn by Plotly (it then holds an `svg.main-svg`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import charts_drawn, visit, visit_many

DASHBOARDS = ["index.html", "2018/index.html"]
MIN_CHARTS = 5
PAGE_TYPES = {
    "home": "index.html", "year": "2018/index.html", "plan": "2018/plan.html",
    "months": "2018/months/index.html", "month": "2018/months/03.html", "activity": "2018/activities/*.html",
    "tasks": "2018/tasks/index.html", "task": "2018/tasks/9-4.html", "honors": "2018/honors/index.html",
    "honour period": "2018/honors/q1.html", "departments": "2018/departments/index.html",
    "department": "2018/departments/[!i]*.html", "documents": "2018/documents/index.html",
    "guide": "guide/index.html", "data format": "guide/data-format.html",
}
"""One page of each kind in the sample site (a pattern: the first file it matches)."""



def first_match(site: Path, pattern: str) -> str:
    found = sorted(site.glob(pattern))
    assert found, f"{site}: no page matches {pattern}"
    return found[0].relative_to(site).as_posix()


def test_every_kind_of_page_loads_cleanly_from_the_site_alone(browser, base, sample_site):
    """Every kind of page, over http, fetches nothing from outside the site (no CDN, no web font, no
    unpkg shim) and loads without an error; on the dashboards every chart has a stable id and its
    figure JSON, and is drawn as an SVG by Plotly; the first activity a month page lists (as the
    browser sees the link) loads cleanly too. One test, so that the pages wait for the network to fall
    quiet together (browser.visit_many); a failure names the page."""
    uris = {kind: first_match(sample_site, pattern) for kind, pattern in PAGE_TYPES.items()}
    assert set(DASHBOARDS) <= set(uris.values())

    def check(page):
        uri = page.url[len(base):]
        if uri in DASHBOARDS:
            return charts_drawn(page, MIN_CHARTS)
        if uri == uris["month"]:
            return page.eval_on_selector(".wm-activity h3 a", "a => a.href")
        return None

    seen = visit_many(browser, base, list(uris.values()), check)
    for uri in DASHBOARDS:
        charts = seen[uri]
        ids = [c["id"] for c in charts]
        assert len(ids) >= MIN_CHARTS and all(ids) and len(set(ids)) == len(ids), (uri, ids)
        assert all(c["drawn"] and c["data"] for c in charts), (uri, charts)
    first = seen[uris["month"]]
    assert first.startswith(base + "2018/activities/"), first
    visit(browser, base, first[len(base):])


def test_a_request_to_another_host_is_recorded_and_goes_nowhere(browser, tmp_path):
    """The guard every browser test relies on: a page asking another host (by name or by address,
    from markup or from script) is caught by `Recorder`, and the request fails at the proxy that
    is not there (browser.NOWHERE) instead of leaving the machine."""
    from browser import Recorder, serve

    outside = ["http://example.com/a.png", "http://10.1.2.3/b.png", "https://8.8.8.8/c.png", "http://evil.example/x"]
    (tmp_path / "page.html").write_text(
        "<html><body>" + "".join(f'<img src="{u}">' for u in outside[:3])
        + f'<script>fetch("{outside[3]}").catch(() => {{}})</script><img src="local.png"></body></html>',
        encoding="utf-8")
    (tmp_path / "local.png").write_bytes(b"")
    page = browser.new_page()
    try:
        with serve(tmp_path) as base:
            seen = Recorder(page, base)
            page.goto(base + "page.html", wait_until="load")
            page.wait_for_load_state("networkidle")
    finally:
        page.close()
    assert sorted(seen.outside) == sorted(outside)
    assert sorted(seen.failed) == sorted(f"{u}: net::ERR_PROXY_CONNECTION_FAILED" for u in outside)


def test_what_leaving_a_page_cancels_is_no_fault_but_a_page_s_own_cancel_is(browser, tmp_path):
    """`Recorder` forgives a request cancelled because the page was left (a click while the search
    index still loads), not one the page itself aborts."""
    from browser import Recorder, serve

    (tmp_path / "a.html").write_text('<html><body><script>fetch("held.bin")</script></body></html>', encoding="utf-8")
    (tmp_path / "b.html").write_text(
        '<html><body><script>const c = new AbortController(); fetch("held.bin", {signal: c.signal}).catch(() => {});'
        ' setTimeout(() => c.abort(), 200)</script></body></html>', encoding="utf-8")
    page = browser.new_page()
    try:
        page.route("**/held.bin", lambda route: None)  # never answered: in flight until cancelled
        with serve(tmp_path) as base:
            seen = Recorder(page, base)
            page.goto(base + "a.html", wait_until="load")
            page.wait_for_timeout(200)
            page.goto(base + "b.html", wait_until="load")  # leaves a.html's request behind
            page.wait_for_timeout(600)
    finally:
        page.close()
    assert seen.failed == [f"{base}held.bin: net::ERR_ABORTED"]


def test_a_reused_page_reports_only_what_its_new_address_did(browser, tmp_path):
    """`visit_many` opens the next batch in the same pages: `Recorder.again()` forgets the page before,
    and a request of that page failing later is not held against the next; the next page's own
    faults are all still there."""
    from browser import Recorder, serve

    (tmp_path / "a.html").write_text('<html><body><script>console.error("a broke"); fetch("held.bin")</script>'
                                     '</body></html>', encoding="utf-8")
    (tmp_path / "b.html").write_text('<html><body><img src="missing.png"><script>console.error("b broke")</script>'
                                     '</body></html>', encoding="utf-8")
    page = browser.new_page()
    try:
        page.route("**/held.bin", lambda route: None)  # a.html's request stays in flight until it is left
        with serve(tmp_path) as base:
            seen = Recorder(page, base)
            page.goto(base + "a.html", wait_until="load")
            page.wait_for_timeout(200)
            assert [m.split(" (")[0] for m in seen.console] == ["a broke"]
            seen.again()
            page.goto(base + "b.html", wait_until="load")
            page.wait_for_load_state("networkidle")
    finally:
        page.close()
    assert [m.split(" (")[0] for m in seen.console] == ["b broke", "Failed to load resource: the server responded "
                                                        "with a status of 404"]
    assert seen.bad_status == [f"404 {base}missing.png"] and seen.failed == []
