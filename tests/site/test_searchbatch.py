"""The search index made by forked children in batches (wenming/site/searchbatch.py) is byte for byte
the index made page by page, and a failed build leaves no child or file behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers import ROOT, build
from wenming.site import forked, searchbatch


def test_the_sample_index_is_the_same_made_in_batches(two_cores, monkeypatch, sample_site, tmp_path):
    import tempfile

    results = tmp_path / "results"  # where the children leave their results
    results.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(results))
    started = []
    real_start = forked.start
    monkeypatch.setattr(forked, "start",  # the search batches (lists of pages), not the years' pages (a range)
                        lambda f, a: (isinstance(a, list) and started.append(len(a))) or real_start(f, a))
    monkeypatch.setattr(searchbatch, "BATCH", 37)  # many batches and a remainder made here
    site = build(ROOT / "data", tmp_path / "site", "2018-12-31")
    assert len(started) >= 3 and set(started) == {37}
    for name in ("search_index.json", "search_index.js"):
        assert (site / "search" / name).read_bytes() == (sample_site / "search" / name).read_bytes(), name
    assert list(results.iterdir()) == []


def test_a_failed_batch_is_indexed_here(two_cores, monkeypatch, sample_site, tmp_path):
    """A child that dies (here: every child) costs time, never an entry."""
    parent = os.getpid()
    real_entries = searchbatch._entries

    def dies_in_child(index, parser, batch):
        if os.getpid() != parent:
            os._exit(3)
        return real_entries(index, parser, batch)

    monkeypatch.setattr(searchbatch, "_entries", dies_in_child)
    monkeypatch.setattr(searchbatch, "BATCH", 50)
    site = build(ROOT / "data", tmp_path / "site", "2018-12-31")
    assert (site / "search" / "search_index.json").read_bytes() == \
        (sample_site / "search" / "search_index.json").read_bytes()


def test_abandoned_children_leave_nothing_behind(two_cores, tmp_path):
    import time

    pending = forked.start(lambda seconds: time.sleep(seconds) or "late", 30)
    assert not pending.done()
    path = Path(pending._path)
    assert path.is_file()
    pending.abandon()
    assert not path.exists() and pending.done()
