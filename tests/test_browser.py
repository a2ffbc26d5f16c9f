"""The built site in a real browser (Debian's Chromium driven by Playwright).

Each page is opened from a local HTTP server and must load cleanly: no console
error, no uncaught exception, no request leaving the site, no failed request,
no HTTP error, and every asset the page refers to (stylesheets, scripts, icons,
images) is served by the site itself. On the dashboards every chart
(`div.wm-chart`) must be drawn by Plotly (it then holds an `svg.main-svg`).
"""

from __future__ import annotations

from pprint import pformat

import pytest

from browser import CHROMIUM, CHROMIUM_ARGS, Recorder, browser_required, serve

try:
    from playwright.sync_api import Error as PlaywrightError, sync_playwright
except ImportError:  # checked in the `browser` fixture
    sync_playwright = None

DASHBOARDS = ["index.html", "2018/index.html"]
MIN_CHARTS = 5
ALL_DRAWN = """min => {
    const charts = [...document.querySelectorAll('div.wm-chart')];
    return charts.length >= min && charts.every(c => c.querySelector('svg.main-svg'));
}"""
CHART_STATE = """() => [...document.querySelectorAll('div.wm-chart')].map(c => ({
    id: c.id, drawn: !!c.querySelector('svg.main-svg'),
    data: !!document.querySelector(`script.wm-chart-data[data-for="${c.id}"]`)}))"""
REFERENCES = """() => [...document.querySelectorAll('link[href], script[src], img[src]')]
    .map(e => e.href || e.src)"""


def _unavailable(reason: str):
    if browser_required():
        pytest.fail(f"{reason}; the browser test is required here (CI or WENMING_REQUIRE_BROWSER is set)",
                    pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    if sync_playwright is None:
        _unavailable('playwright is not installed (pip install -e ".[test]")')
    if not CHROMIUM.is_file():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    with sync_playwright() as p:
        try:
            chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        except PlaywrightError as e:
            _unavailable(f"{CHROMIUM} does not start: {e}")
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def base(sample_site):
    with serve(sample_site) as url:
        yield url


def visit(browser, base: str, uri: str, check=None):
    """Open `uri`, run `check(page)` once it has loaded, then assert the page was clean."""
    page = browser.new_page()
    page.set_default_timeout(15_000)
    seen = Recorder(page, base)
    try:
        response = page.goto(base + uri, wait_until="load")
        assert response is not None and response.status == 200, f"{uri}: {response and response.status}"
        result = check(page) if check else None
        page.wait_for_load_state("networkidle")
        problems = seen.problems()
        # Assets not fetched while loading (lazy images, an icon) must still be the site's own.
        refs = [f"{u}: {'outside the site' if not u.startswith(base) else page.request.head(u).status}"
                for u in sorted(set(page.evaluate(REFERENCES)))]
        if bad := [r for r in refs if not r.endswith(": 200")]:
            problems["bad references"] = bad
        assert not problems, f"{uri} did not load cleanly:\n{pformat(problems, width=120)}"
        return result
    finally:
        page.close()


def charts_drawn(page) -> list[dict]:
    """Wait until at least MIN_CHARTS charts exist and all are drawn; returns their state."""
    try:
        page.wait_for_function(ALL_DRAWN, arg=MIN_CHARTS, timeout=15_000)
    except PlaywrightError:
        drawn = False
    else:
        drawn = True
    state = page.evaluate(CHART_STATE)
    if not drawn:
        pytest.fail(f"{page.url}: not {MIN_CHARTS}+ charts all drawn within 15 s: {state}", pytrace=False)
    return state


@pytest.mark.parametrize("uri", DASHBOARDS)
def test_dashboard_draws_every_chart(browser, base, uri):
    """Every chart has a stable id and its figure JSON, and is drawn as an SVG by Plotly."""
    charts = visit(browser, base, uri, charts_drawn)
    ids = [c["id"] for c in charts]
    assert len(ids) >= MIN_CHARTS and all(ids) and len(set(ids)) == len(ids), ids
    assert all(c["drawn"] and c["data"] for c in charts), charts


def test_task_month_and_activity_pages_load_cleanly(browser, base):
    """A task page, a month page and the first activity listed on that month load cleanly."""
    visit(browser, base, "2018/tasks/9-4.html")
    first = visit(browser, base, "2018/months/03.html",
                  lambda page: page.eval_on_selector(".wm-activity h3 a", "a => a.href"))
    assert first.startswith(base + "2018/activities/"), first
    visit(browser, base, first[len(base):])
