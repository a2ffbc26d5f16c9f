"""Helpers for the real-browser tests: a local HTTP server for a built site and a
recorder of everything a page does (console errors, page errors, requests)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]
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
        self.failed: list[str] = []
        self.bad_status: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.console.append(
            f"{m.text} ({m.location.get('url')}:{m.location.get('lineNumber')})"))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", self._request)
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url}: {r.failure}"))
        page.on("response", lambda r: r.status >= 400 and self.bad_status.append(f"{r.status} {r.url}"))
        # Recorded above, then stopped here: the test never sends anything off this machine.
        page.route("**/*", lambda route: route.continue_() if self._local(route.request.url) else route.abort())

    def _local(self, url: str) -> bool:
        return url.startswith(self.base) or url.startswith(LOCAL_SCHEMES)

    def _request(self, request) -> None:
        if not self._local(request.url):
            self.outside.append(request.url)

    def problems(self) -> dict[str, list[str]]:
        """Every non-empty list of problems, by kind; empty when the page is clean."""
        found = {"console errors": self.console, "page errors": self.errors,
                 "requests outside the site": self.outside, "failed requests": self.failed,
                 "HTTP errors": self.bad_status}
        return {k: v for k, v in found.items() if v}
