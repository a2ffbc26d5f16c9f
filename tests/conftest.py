from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser import CHROMIUM, CHROMIUM_ARGS, browser_required, serve  # noqa: E402
from helpers import ROOT, build, clone, make_init_repo, make_repo  # noqa: E402

try:
    from playwright.sync_api import Error as PlaywrightError, sync_playwright
except ImportError:  # checked in the `browser` fixture
    sync_playwright = None


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the marks
def pytest_collection_modifyitems(config, items):
    """Under pytest-xdist (`--dist loadgroup`, see pyproject.toml), the tests of a module that share a
    module-scoped fixture run on one worker, so that the fixture is made once; the others are spread one by one.
    Session fixtures (the sample and fixture sites) are made once per worker."""
    for item in items:
        info = getattr(item, "_fixtureinfo", None)
        defs = [d for ds in (info.name2fixturedefs.values() if info else ()) for d in ds]
        if any(d.scope in ("package", "module", "class") for d in defs):
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))


@pytest.fixture(scope="session", autouse=True)
def one_core():
    """Builds in the tests run on one core (wenming/site/forked.py), as under pytest-xdist (whose worker
    thread rules the fork out) so with `-n 0` too: tests look inside a build. The tests of the two-core
    paths ask for them (`two_cores`); builds through the command line in a subprocess use them."""
    from wenming.site import forked

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(forked, "usable", lambda: False)
        yield


@pytest.fixture
def two_cores(monkeypatch):
    """Forks allowed here (see `one_core`); the children run only the code under test, which takes no
    lock that a pytest-xdist worker's thread may hold."""
    from wenming.site import forked

    monkeypatch.setattr(forked, "usable", lambda: True)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The embedded sample data, built once as of the end of 2018."""
    return build(ROOT / "data", tmp_path_factory.mktemp("sample") / "site", "2018-12-31")


@pytest.fixture(scope="session")
def fixture_repo(tmp_path_factory) -> Path:
    """The base fixture with a document for a subtask (kept out of base: invalid cases replace its plan)."""
    return make_repo(tmp_path_factory.mktemp("fixture"), ROOT / "tests" / "fixtures" / "subtask-evidence")


@pytest.fixture(scope="session")
def init_template(tmp_path_factory) -> Path:
    """A repository made by `wenming init` with the sample's records copied in and committed, made once;
    tests take a copy of it (`init_repo`)."""
    return make_init_repo(tmp_path_factory.mktemp("init-template") / "文明创建")


@pytest.fixture
def init_repo(init_template, tmp_path) -> Path:
    """A copy (hard links) of `init_template` for one test to run commands in, as its user does."""
    return clone(init_template, tmp_path / "文明创建")


@pytest.fixture(scope="session")
def fixture_site(fixture_repo, tmp_path_factory) -> Path:
    return build(fixture_repo, tmp_path_factory.mktemp("fixture-site") / "site", "2018-06-30")


def _unavailable(reason: str):
    if browser_required():
        pytest.fail(f"{reason}; the browser test is required here (CI or WENMING_REQUIRE_BROWSER is set)",
                    pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by Playwright; skips (or fails where required) when it is missing."""
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
    """The sample site served over http."""
    with serve(sample_site) as url:
        yield url
