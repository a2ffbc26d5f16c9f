"""Hostile text in every field of every record never runs, loads or breaks anything in the site.

Each payload of `payloads.PAYLOADS` is written into every text field of every record type
(`payloads.PLACES`) and the site is built with MkDocs. Then:

1. every page is read as a browser would (`scan.dangers`): no script that is not ours, no
   `on…` attribute, no `javascript:` address, nothing loaded or linked from another host, and
   every JSON block still parses;
2. in Chromium, one page of every kind is opened with every dialog function recorded and every
   inline-handler event fired at every element: no payload runs and no request leaves the site;
3. the text stays text: a title full of markup is shown as written.

The tests judge behaviour, not markup, so they keep guarding when the page templates change.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from browser import serve, visit, visit_many
from helpers import build
from payloads import ALL, EVIL_HOST, NOT_SHOWN, PAYLOADS, PLACES, hostile_repo
from scan import dangers

AS_OF = "2018-06-30"
RECORDER = """(() => {
  const hits = [];
  Object.defineProperty(window, '__wmHits', {value: hits});
  for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
    window[name] = (...args) => { hits.push(name + '(' + args.join(',') + ')'); };
  }
})();"""
FIRE_HANDLERS = """() => {
  // Fire at every element the events a hostile inline handler would wait for.
  const kinds = ['focus', 'mouseover', 'mouseenter', 'toggle', 'error', 'load', 'pointerover', 'animationstart'];
  for (const el of document.querySelectorAll('body *')) {
    for (const kind of kinds) {
      try { el.dispatchEvent(new Event(kind)); } catch (e) {}
    }
  }
  return window.__wmHits.slice();
}"""


def _group(name: str):
    """Tests of one payload's site run on one pytest-xdist worker (the site is built once); the payloads
    themselves spread over the workers (a session fixture, not a module one: see conftest)."""
    return pytest.param(name, marks=pytest.mark.xdist_group(f"hostile-{name}"))


@pytest.fixture(scope="session")
def hostile_sites(tmp_path_factory):
    """A site built from each payload (payload name → site folder), built on first use in each worker."""
    built: dict[str, Path] = {}

    def site(name: str) -> Path:
        if name not in built:
            text = {"all": ALL}.get(name) or (list(PAYLOADS.values()) if name == "rotate" else PAYLOADS[name])
            tmp = tmp_path_factory.mktemp(f"hostile-{name}")
            built[name] = build(hostile_repo(tmp, text), tmp / "site", AS_OF)
        return built[name]

    return site


@pytest.mark.parametrize("name", [_group(name) for name in PAYLOADS])
def test_no_page_can_run_or_load_anything_a_payload_brings(hostile_sites, name):
    assert dangers(hostile_sites(name)) == {}


def test_the_scanner_sees_what_a_browser_would_run():
    """The scanner is not blind: each danger it must find in a page is found."""
    page = ('<html><head><title>t</title></head><body><h1 tabindex=0 onfocus="alert(1)">x</h1>'
            '<a href="javascript:alert(1)">a</a><img src="http://x.invalid/a.png"><script>alert(1)</script>'
            '<script type="application/json"><!--<script>{"a":1}</script><a href="https://x.invalid/">o</a>'
            '<div style="background:url(//x.invalid/y)"></div><iframe src="a.html"></iframe></body></html>')
    from scan import page_dangers
    found = " ".join(page_dangers(page))
    for expected in ("onfocus", "javascript:", "loads from outside", "inline script", "does not parse",
                     "<!--", "links outside", "style=", "<iframe>"):
        assert expected in found, (expected, found)


@pytest.mark.parametrize("name", [_group(n) for n in ("title-breakout", "attr-list", "entities", "markdown-syntax")])
def test_a_title_full_of_markup_is_shown_as_written(hostile_sites, name):
    site = hostile_sites(name)
    written = " ".join(PAYLOADS[name].split())
    page = next((site / "2018" / "activities").glob("*.html"))
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert soup.title.get_text().startswith(written), soup.title
    assert written in " ".join(soup.get_text(" ").split())


def test_every_text_field_of_every_record_type_is_in_the_corpus(tmp_path):
    """Every text field the validators read is a place of the corpus (or a reference, listed in
    NOT_SHOWN): a new text field fails here until the corpus fills it with payloads too."""
    from wenming.api import load_dataset
    from wenming.records.fields import recording

    data = hostile_repo(tmp_path, "x")
    with recording() as reads:
        load_dataset(data, "data")
    read = {(re.sub(r"/\d{4}-\d\d-\d\d-[^/]*(\.\w+)$", r"/*\1", r.path.removeprefix("data/")),
             re.sub(r"\[\d+\]", "", r.name)) for r in reads if r.kind in ("text", "words")}
    places = {(pattern, ".".join(k for k in keys if k != "*")) for pattern, keys in PLACES}
    assert sorted(f for f in read if f[1] not in NOT_SHOWN and f not in places) == []


SAME_KIND = ("departments",)
"""Folders whose pages (other than the index) are one kind although their names hold no digit."""


def page_kinds(site: Path) -> list[str]:
    """One page of each kind, the one with the most HTML (the most records, so the most payloads): pages
    in one folder whose names hold a digit are one kind, and so are the pages of a `SAME_KIND` folder."""
    kinds: dict[str, tuple[int, str]] = {}
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        if rel.startswith("guide/") and rel != "guide/index.html":
            continue
        folder, _, stem = rel.rpartition("/")
        same = re.search(r"\d", stem) or (folder.rpartition("/")[2] in SAME_KIND and stem != "index.html")
        kind = folder + "/" + ("*" if same else stem)
        size = page.stat().st_size
        if kind not in kinds or size > kinds[kind][0]:
            kinds[kind] = (size, rel)
    return sorted(rel for _, rel in kinds.values())


@pytest.mark.parametrize("name", [_group("all"), _group("rotate")])  # each on its own worker, with its own browser
def test_in_the_browser_no_payload_runs_and_nothing_leaves_the_site(browser, hostile_sites, name):
    site = hostile_sites(name)
    context = browser.new_context()
    dialogs: list[str] = []
    context.add_init_script(RECORDER)
    context.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    ran: dict[str, list[str]] = {}
    try:
        with serve(site) as base:
            for uri, hits in visit_many(context, base, page_kinds(site), lambda page: page.evaluate(FIRE_HANDLERS)).items():
                if hits:
                    ran[uri] = hits
            # Search renders its results as HTML: the hostile titles must stay text there too.
            hits = visit(context, base, "index.html", _search_for_payloads)
            if hits:
                ran["search"] = hits
    finally:
        context.close()
    assert ran == {} and dialogs == [], (ran, dialogs)
    assert EVIL_HOST not in str(ran)


def _search_for_payloads(page) -> list[str]:
    from browser import search
    for query in ("标题", "alert", "wm1"):
        search(page, query)
    return page.evaluate(FIRE_HANDLERS)
