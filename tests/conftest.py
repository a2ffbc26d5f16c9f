from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from helpers import ROOT, build, make_repo  # noqa: E402


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The embedded sample data, built once as of the end of 2018."""
    return build(ROOT / "data", tmp_path_factory.mktemp("sample") / "site", "2018-12-31")


@pytest.fixture(scope="session")
def fixture_repo(tmp_path_factory) -> Path:
    return make_repo(tmp_path_factory.mktemp("fixture"))


@pytest.fixture(scope="session")
def fixture_site(fixture_repo, tmp_path_factory) -> Path:
    return build(fixture_repo, tmp_path_factory.mktemp("fixture-site") / "site", "2018-06-30")
