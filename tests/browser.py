"""Helpers for the real-browser tests: a local HTTP server for a built site, a
recorder of everything a page does (console errors, page errors, requests), and
what a person does there: open a page and check it loaded cleanly, wait for the
charts, type into the search box.

A site is opened from `base`: the server's URL, or a folder's `file://` URL
(the unpacked archive); either way nothing may be fetched from outside it."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import threading
import time
from pathlib import Path
from pprint import pformat
from urllib.parse import unquote, urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
NOWHERE = "http://127.0.0.1:9"
"""A proxy that is not there (the discard port): every request to another host goes to it and fails, so
a test never sends anything off this machine. Chromium never proxies loopback, where the sites are served."""
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--proxy-server={NOWHERE}"]
LOCAL_SCHEMES = ("data:", "blob:", "about:")


def browser_required() -> bool:
    """In CI (or when asked) a missing browser is a failure, not a skip."""
    return bool(os.environ.get("CI") or os.environ.get("WENMING_REQUIRE_BROWSER"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@contextlib.contextmanager
def serve(directory: Path):
    """Serve `directory` on 127.0.0.1 at a free port; yields the base URL (ending in '/')."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


class Recorder:
    """Collects, for one page, what a person would count as broken: console errors,
    uncaught exceptions, requests leaving the site, failed requests, HTTP errors."""

    def __init__(self, page, base: str):
        self.base = base
        self.console: list[str] = []
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.bad_status: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.console.append(
            f"{m.text} ({m.location.get('url')}:{m.location.get('lineNumber')})"))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        self._navigations, self._started, self._failures, self._before = 0, {}, [], set()
        page.on("request", self._request)
        page.on("requestfailed", self._failed)
        page.on("framenavigated", lambda f: f == page.main_frame and self._navigate())
        page.on("response", lambda r: r.status >= 400 and self.bad_status.append(f"{r.status} {r.url}"))
        # Recorded above; the browser itself sends them nowhere (NOWHERE in CHROMIUM_ARGS). Routing every
        # request through Python instead cost a quarter of a second per page.

    def _local(self, url: str) -> bool:
        return url.startswith(self.base) or url.startswith(LOCAL_SCHEMES)

    def _request(self, request) -> None:
        self._started[request] = self._navigations  # the object, not its id(): kept alive, never reused
        if not self._local(request.url):
            self.outside.append(request.url)

    def _navigate(self) -> None:
        self._navigations += 1

    def _failed(self, request) -> None:
        if request not in self._before:
            self._failures.append((self._started.get(request, 0), f"{request.url}: {request.failure}"))

    def again(self) -> None:
        """Forget everything so far: the page is about to open another address (browser.visit_many
        reuses its pages; a new page costs Chromium a quarter of a second). A request of the page
        before that fails afterwards is not this one's fault."""
        for found in (self.console, self.errors, self.outside, self.bad_status, self._failures):
            found.clear()
        self._before = set(self._started)

    @property
    def failed(self) -> list[str]:
        """Failed requests, but not one the browser cancelled because the page that made it was left
        (net::ERR_ABORTED for a request made before a later navigation, e.g. a click on a link while the
        search index still loads; Chromium may report it before or after the navigation)."""
        return [text for started, text in self._failures
                if not (text.endswith(": net::ERR_ABORTED") and started < self._navigations)]

    def problems(self) -> dict[str, list[str]]:
        """Every non-empty list of problems, by kind; empty when the page is clean."""
        found = {"console errors": self.console, "page errors": self.errors,
                 "requests outside the site": self.outside, "failed requests": self.failed,
                 "HTTP errors": self.bad_status}
        return {k: v for k, v in found.items() if v}


CHARTS_DRAWN = """min => {
    const charts = [...document.querySelectorAll('div.wm-chart')];
    return charts.length >= min && charts.every(c => c.querySelector('svg.main-svg'));
}"""
CHART_STATE = """() => [...document.querySelectorAll('div.wm-chart')].map(c => ({
    id: c.id, drawn: !!c.querySelector('svg.main-svg'),
    data: !!document.querySelector(`script.wm-chart-data[data-for="${c.id}"]`)}))"""
REFERENCES = """() => [...document.querySelectorAll('link[href], script[src], img[src]')]
    .map(e => e.href || e.src)"""
SEARCH_INPUT = "input.md-search__input"
SEARCH_LINKS = "() => [...document.querySelectorAll('.md-search-result__item > a')].map(a => a.href)"


def _reference_status(page, base: str, url: str) -> str:
    if not url.startswith(base):
        return "outside the site"
    if base.startswith("file:"):
        return "200" if Path(unquote(urlsplit(url).path)).is_file() else "missing"
    return str(page.request.head(url).status)


def visit(browser, base: str, uri: str, check=None):
    """Open `uri`, run `check(page)` once it has loaded, then assert the page was clean:
    no console error, uncaught exception, request outside the site, failed request or
    HTTP error, and every asset it refers to (even one not fetched yet) is the site's own."""
    return visit_many(browser, base, [uri], check)[uri]


def visit_many(browser, base: str, uris: list[str], check=None, batch: int = 8) -> dict:
    """`visit` for several pages: each is opened and checked in turn, then they wait for the network
    to fall quiet together (Playwright's "networkidle" is 500 ms without a request, per page; a page
    still loading something is caught all the same), `batch` pages at a time; the next batch opens
    in the same browser pages. {uri: check's result}."""
    results = {}
    pages: list = []  # (page, its Recorder)
    try:
        for start in range(0, len(uris), batch):
            opened = []
            for i, uri in enumerate(uris[start:start + batch]):
                if i == len(pages):
                    page = browser.new_page()
                    page.set_default_timeout(15_000)
                    page.set_default_navigation_timeout(30_000)  # a dashboard parses 3.5 MB of plotly.js: slow when busy
                    pages.append((page, Recorder(page, base)))
                page, seen = pages[i]
                seen.again()
                opened.append((uri, page, seen))
                response = page.goto(base + uri, wait_until="load")
                if not base.startswith("file:"):
                    assert response is not None and response.status == 200, f"{uri}: {response and response.status}"
                results[uri] = check(page) if check else None
            for uri, page, seen in opened:
                page.wait_for_load_state("networkidle")
                problems = seen.problems()
                refs = [f"{u}: {_reference_status(page, base, u)}" for u in sorted(set(page.evaluate(REFERENCES)))]
                if bad := [r for r in refs if not r.endswith(": 200")]:
                    problems["bad references"] = bad
                assert not problems, f"{uri} did not load cleanly:\n{pformat(problems, width=120)}"
    finally:
        for page, _ in pages:
            page.close()
    return results


def charts_drawn(page, minimum: int) -> list[dict]:
    """Wait until at least `minimum` charts exist and all are drawn by Plotly; returns their state."""
    from playwright.sync_api import Error as PlaywrightError  # imported here: playwright may be missing

    try:
        page.wait_for_function(CHARTS_DRAWN, arg=minimum, timeout=15_000)
    except PlaywrightError:
        pytest.fail(f"{page.url}: not {minimum}+ charts all drawn within 15 s: {page.evaluate(CHART_STATE)}",
                    pytrace=False)
    return page.evaluate(CHART_STATE)


def search(page, query: str, timeout: float = 15.0) -> list[str]:
    """Type `query` into Material's search box as a person would, and return the pages
    the results link to (in order, without the highlight parameter or anchor).

    Material queries on keyup, so the text (as an input method commits it) is
    followed by a key press; an empty list means "no results" was shown."""
    page.click(SEARCH_INPUT)
    if page.input_value(SEARCH_INPUT):  # clear the last query and its results first
        page.fill(SEARCH_INPUT, "")
        page.keyboard.press("End")
        page.wait_for_function(f"() => ({SEARCH_LINKS})().length === 0")
    page.fill(SEARCH_INPUT, query)
    page.keyboard.press("End")
    meta = page.locator(".md-search-result__meta")
    deadline = time.monotonic() + timeout
    while True:
        links = page.evaluate(SEARCH_LINKS)
        text = meta.inner_text()
        if links or "没有找到" in text:
            break
        if time.monotonic() > deadline:
            raise AssertionError(f"{page.url}: no search results for {query!r} within {timeout} s: {text!r}")
        page.wait_for_timeout(100)
    return list(dict.fromkeys(re.sub(r"[?#].*$", "", u) for u in links))
