"""`wenming serve` as the editor uses it: a real server process, real edits.

An edited record shows on its page and on the pages that list it; a record with
an error puts a banner over the last good site instead of stopping the server;
fixing it removes the banner. Unchanged pages are not re-rendered (`--dirty`)
but the search index still has every page.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from helpers import ROOT, free_port, http_get, make_repo

ACTIVITY = "2018/activities/2018-05-20-志愿服务进社区.md"


def _wait(url: str, ok, timeout: float = 90) -> str:
    deadline = time.monotonic() + timeout
    body = None
    while time.monotonic() < deadline:
        body = http_get(url)
        if body is not None and ok(body):
            return body
        time.sleep(0.1)
    raise AssertionError(f"{url} did not change as expected within {timeout} s; last body:\n{(body or '')[:2000]}")


@contextlib.contextmanager
def _serving(data, log_path):
    """`wenming serve` on a free port for `data`; yields its base URL, stops it (and mkdocs) after."""
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="true")
    with log_path.open("w", encoding="utf-8") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "wenming", "serve", "--data", str(data), "--as-of", "2018-12-31",
             "-a", f"127.0.0.1:{port}"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            yield f"http://127.0.0.1:{port}/"
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(30)


@pytest.fixture
def served(tmp_path):
    data = make_repo(tmp_path)
    with _serving(data, tmp_path / "serve.log") as base:
        _wait(base + "index.html", lambda body: "数据截至" in body, timeout=180)
        yield data, base, tmp_path / "serve.log"


def _activity_url(base: str, html: str) -> str:
    from bs4 import BeautifulSoup
    link = next(a["href"] for a in BeautifulSoup(html, "html.parser").select("article a")
                if "志愿服务进社区" in a.get_text())
    return base + "2018/months/" + link


def test_edit_shows_on_the_record_and_the_pages_listing_it(served):
    data, base, _ = served
    month = _wait(base + "2018/months/05.html", lambda body: "志愿服务进社区" in body)
    page = _activity_url(base, month)
    record = data / ACTIVITY
    record.write_text(record.read_text(encoding="utf-8").replace("title: 志愿服务进社区", "title: 文明交通劝导"),
                      encoding="utf-8")
    _wait(page, lambda body: "文明交通劝导" in body)
    _wait(base + "2018/months/05.html", lambda body: "文明交通劝导" in body)
    def has_new_title(body: str) -> bool:
        return any("文明交通劝导" in d["title"].replace("\u200b", "") for d in json.loads(body)["docs"])

    index = json.loads(_wait(base + "search/search_index.json", has_new_title))
    locations = {d["location"].split("#")[0] for d in index["docs"]}
    assert "2018/plan.html" in locations  # pages not re-rendered stay in the index
    assert len([loc for loc in locations if loc.startswith("2018/tasks/")]) > 3


def _header_name(html: str) -> str:
    from bs4 import BeautifulSoup
    return BeautifulSoup(html, "html.parser").select_one(".md-header__topic .md-ellipsis").get_text(strip=True)


def test_error_shows_a_banner_and_fixing_it_recovers(served):
    data, base, log = served
    record = data / ACTIVITY
    good = record.read_text(encoding="utf-8")
    unit = _header_name(_wait(base + "index.html", lambda body: "数据截至" in body))
    record.write_text(good.replace("start: 2018-05-20", "start: 2018-05-40"), encoding="utf-8")
    home = _wait(base + "index.html", lambda body: "wm-problems" in body)
    assert "2018-05-20-志愿服务进社区.md:3" in home  # file and line of the bad date
    assert "数据截至" in home  # the last good site is still there
    assert unit != "文明单位创建" and _header_name(home) == unit  # the header keeps the unit's name
    assert http_get(base + "2018/months/05.html") and "wm-problems" in http_get(base + "2018/months/05.html")
    record.write_text(good, encoding="utf-8")
    _wait(base + "index.html", lambda body: "wm-problems" not in body)
    _wait(base + "2018/months/05.html", lambda body: "wm-problems" not in body)
    assert "Traceback" not in log.read_text(encoding="utf-8")


def test_serve_starts_with_bad_data_and_recovers(tmp_path):
    data = make_repo(tmp_path)
    record = data / ACTIVITY
    good = record.read_text(encoding="utf-8")
    record.write_text(good.replace("start: 2018-05-20", "start: 2018-05-40"), encoding="utf-8")
    with _serving(data, tmp_path / "serve.log") as base:
        first = _wait(base + "index.html", lambda body: "数据有误" in body, timeout=180)
        assert "2018-05-20-志愿服务进社区.md:3" in first
        record.write_text(good, encoding="utf-8")
        _wait(base + "index.html", lambda body: "数据截至" in body and "wm-problems" not in body)
