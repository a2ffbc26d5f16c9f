"""`wenming export archive`: a zip of the site that works opened from disk.

The exports run as a person runs them (`python -m wenming export archive`), with
every socket refused, so the build needs no network. Two exports of the same
data give the same bytes. The sample site zipped the same way is unpacked and
opened from `file://` in a real browser: navigation, charts, photos and search
work, no request leaves the unpacked folder and nothing is logged as an error.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from click.testing import CliRunner

from browser import REFERENCES, Recorder, charts_drawn, search, serve, visit
from helpers import ROOT

from wenming.exports.archive import site_files, write_zip
from wenming.cli import main

NO_NETWORK = '''\
import socket

def _refuse(*args, **kwargs):
    raise OSError("wenming test: no network here")

socket.socket.connect = socket.socket.connect_ex = _refuse
socket.create_connection = socket.getaddrinfo = _refuse
'''
"""A sitecustomize.py for the child processes (the CLI and the mkdocs build it starts)."""

CHARTS = 6
NAV = "() => [...document.querySelectorAll('a.md-tabs__link[href], a.md-nav__link[href]')].map(a => a.href)"


@pytest.fixture(scope="module")
def offline_env(tmp_path_factory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("no-network")
    (folder / "sitecustomize.py").write_text(NO_NETWORK, encoding="utf-8")
    path = os.pathsep.join(p for p in (str(folder), str(ROOT), os.environ.get("PYTHONPATH")) if p)
    env = dict(os.environ, PYTHONPATH=path, NO_MKDOCS_2_WARNING="true")
    env.pop("SOURCE_DATE_EPOCH", None)
    return env


def export(env: dict[str, str], data: Path, out: Path, as_of: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "wenming", "export", "archive", "-o", str(out), "--data", str(data), "--as-of", as_of]
    run = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    return run


def test_child_processes_really_have_no_network(offline_env):
    probe = "import socket; socket.create_connection(('127.0.0.1', 9), timeout=1)"
    run = subprocess.run([sys.executable, "-c", probe], env=offline_env, capture_output=True, text=True)
    assert run.returncode != 0 and "no network here" in run.stderr


def test_two_exports_are_identical_and_need_no_network(offline_env, fixture_repo, tmp_path):
    first, second = tmp_path / "a" / "台账-2018.zip", tmp_path / "b" / "台账-2018.zip"
    run = export(offline_env, fixture_repo, first, "2018-06-30")
    export(offline_env, fixture_repo, second, "2018-06-30")
    assert first.read_bytes() == second.read_bytes()

    assert str(first) in run.stdout and " MB" in run.stdout and "台账-2018/index.html" in run.stdout, run.stdout
    with zipfile.ZipFile(first) as zf:
        infos = zf.infolist()
    names = [i.filename for i in infos]
    assert names == sorted(names) and all(n.startswith("台账-2018/") for n in names)
    assert {"台账-2018/index.html", "台账-2018/search/search_index.js", "台账-2018/assets/plotly.min.js",
            "台账-2018/assets/iframe-worker-shim.js"} <= set(names)
    assert {i.date_time for i in infos} == {(2018, 6, 30, 0, 0, 0)}
    assert "台账-2018/任务台账.xlsx" in run.stdout
    # the ledger beside the site's index.html: its links open the pages and files inside the unpacked archive
    with zipfile.ZipFile(first) as zf:
        names = set(zf.namelist())
        book = load_workbook(io.BytesIO(zf.read("台账-2018/任务台账.xlsx")))
    assert book.properties.modified.date() == dt.date(2018, 6, 30)
    links = [cell.hyperlink.target for ws in book.worksheets for row in ws.iter_rows() for cell in row if cell.hyperlink]
    assert any("/tasks/" in link for link in links) and any("/activities/" in link for link in links)
    assert all(f"台账-2018/{link}" in names for link in links), [x for x in links if f"台账-2018/{x}" not in names]


def test_zip_is_the_site_under_one_folder(tmp_path):
    site = tmp_path / "site"
    for name, text in {"index.html": "home", "b/x.js": "x", "a/y.png": "y"}.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text)
    made = write_zip(site, tmp_path / "out" / "site-2018.zip", "site-2018", dt.date(2018, 3, 1))
    assert site_files(site) == ["a/y.png", "b/x.js", "index.html"]
    assert (made.files, made.top) == (3, "site-2018") and made.size == made.path.stat().st_size
    with zipfile.ZipFile(made.path) as zf:
        assert zf.namelist() == ["site-2018/a/y.png", "site-2018/b/x.js", "site-2018/index.html"]
        assert zf.read("site-2018/index.html") == b"home"
        assert zf.getinfo("site-2018/a/y.png").compress_type == zipfile.ZIP_STORED
    assert [p.name for p in made.path.parent.iterdir()] == ["site-2018.zip"], "no temporary file is left"


def test_output_must_be_a_zip():
    result = CliRunner().invoke(main, ["export", "archive", "-o", "台账.tar"])
    assert result.exit_code == 2 and "台账.tar" in result.output and "台账.zip" in result.output, result.output


@pytest.fixture(scope="module")
def unpacked(sample_site, tmp_path_factory) -> Path:
    """The sample site (built as the export builds it) zipped as the export zips it, and
    unpacked; the folder inside. Reusing the session's build saves a second one."""
    tmp = tmp_path_factory.mktemp("archive")
    made = write_zip(sample_site, tmp / "检查组.zip", "检查组", dt.date(2018, 12, 31))
    with zipfile.ZipFile(made.path) as zf:
        zf.extractall(tmp / "unpacked")
    return tmp / "unpacked" / made.top


@pytest.fixture(scope="module")
def base(unpacked) -> str:
    return unpacked.resolve().as_uri() + "/"


def test_home_from_disk_draws_all_charts(browser, base):  # noqa: F811 - the fixture
    charts = visit(browser, base, "index.html", lambda page: charts_drawn(page, CHARTS))
    assert len(charts) >= CHARTS and all(c["drawn"] for c in charts), charts


def test_every_nav_link_from_disk_opens_cleanly(browser, base, unpacked):  # noqa: F811
    page = browser.new_page()
    page.set_default_timeout(15_000)
    page.set_default_navigation_timeout(30_000)
    seen = Recorder(page, base)
    try:
        page.goto(base + "index.html")
        links = sorted({u.split("#")[0] for u in page.evaluate(NAV)})
        assert len(links) >= 10 and all(u.startswith(base) for u in links), links
        kinds = {}  # one link of each kind: 2018/months/01.html stands for all twelve months
        for url in links:
            kinds.setdefault((url.rsplit("/", 1)[0], url.endswith("/index.html")), url)
        links = sorted(kinds.values())
        missing = []
        for url in links:
            page.goto(url, wait_until="load")
            assert page.url.split("#")[0] == url
            missing += [u for u in page.evaluate(REFERENCES)
                        if u.startswith(base) and not (unpacked / u[len(base):].split("?")[0]).is_file()]
        page.wait_for_load_state("networkidle")
        problems = seen.problems()  # what leaving a page cancels is not a fault (browser.Recorder)
    finally:
        page.close()
    assert not problems and not missing, (problems, missing)


def test_a_photo_loads_from_disk(browser, base, unpacked):  # noqa: F811
    uri = next(p.relative_to(unpacked).as_posix() for p in sorted((unpacked / "2018" / "activities").glob("*.html"))
               if "<img" in p.read_text(encoding="utf-8"))

    def photo_width(page):
        img = page.locator("article img").first
        img.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=img.element_handle())
        return img.evaluate("img => img.naturalWidth")

    assert visit(browser, base, uri, photo_width) > 0


def test_search_from_disk_finds_daodejiangtang_and_opens_it(browser, base):  # noqa: F811
    def search_and_open(page):
        pages = search(page, "道德讲堂")
        hit = next((p for p in pages[:10] if p.startswith(base + "2018/activities/") and "daodejiangtang" in p), None)
        assert hit, pages
        page.click(f'.md-search-result__item > a[href^="{hit}"]')
        page.wait_for_url(hit + "*")
        return page.locator("article h1").inner_text()

    assert "道德讲堂" in visit(browser, base, "index.html", search_and_open)


NOT_FOUND = """() => ({header: getComputedStyle(document.querySelector('.md-header')).position,
    title: document.querySelector('article h1').textContent.trim(),
    home: document.querySelector('article a').href,
    tabs: [...document.querySelectorAll('a.md-tabs__link')].map(a => a.href)})"""


def test_404_from_disk_is_styled_and_links_into_the_site(browser, base):  # noqa: F811
    """Opened from the unpacked folder, 404.html has the site's styles and header (MkDocs links an error page
    from the server's root, /assets/…, which from disk is outside the site), and its links open the site's pages."""
    found = visit(browser, base, "404.html", lambda page: page.evaluate(NOT_FOUND))
    assert found["header"] == "sticky" and found["title"] == "找不到这个页面"  # Material's header, styled
    assert found["home"] == base + "index.html" and found["tabs"] and all(t.startswith(base) for t in found["tabs"])


def test_404_served_for_an_address_deep_in_the_site(browser, unpacked):  # noqa: F811
    """A server shows 404.html for any missing address: there its links and search lead from the site's root."""
    missing = "2018/activities/gone/missing.html"
    with serve(unpacked) as url:
        page = browser.new_page()
        seen = Recorder(page, url)
        page.route(url + missing, lambda route: route.fulfill(
            status=404, content_type="text/html; charset=utf-8", body=(unpacked / "404.html").read_bytes()))
        try:
            page.goto(url + missing, wait_until="networkidle")
            found = page.evaluate(NOT_FOUND)
            styles = page.evaluate("() => [...document.styleSheets].map(s => s.href).filter(h => h && h.endsWith('wenming.css'))")
            results = search(page, "道德讲堂")
        finally:
            page.close()
    assert found["header"] == "sticky" and found["home"] == url + "index.html"
    assert results and all(r.startswith(url) and "/gone/" not in r for r in results)
    # The browser's look-ahead fetches the stylesheets and scripts from beside the missing address before the
    # page's <base> is set (404s that nothing uses, logged); the page itself loads everything from the root.
    guessed = f"{url}2018/activities/gone/"
    assert [s for s in seen.bad_status if not s.startswith("404 " + guessed)] == [], seen.bad_status
    assert [f for f in seen.failed if not f.startswith(guessed)] == [], seen.failed
    assert [c for c in seen.console if f"({guessed}" not in c] == [] and not seen.errors, (seen.console, seen.errors)
    assert styles == [url + "assets/wenming.css"], styles
