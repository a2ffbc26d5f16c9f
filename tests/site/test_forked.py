"""Pages made on two cores (wenming/site/forked.py): the same results in the same order as one core,
every item done exactly once, and a failing child never loses or changes a result."""

from __future__ import annotations

import os

import pytest

from wenming.site import forked

USABLE = forked.usable
"""The real test (tests/conftest.py's `one_core` replaces it for the session)."""


def _made_by(x: int) -> tuple[int, int, str]:
    return (x, os.getpid(), "页" * x)


def test_every_second_item_is_made_by_a_child_and_the_order_is_kept(two_cores):
    results = forked.map_forked(_made_by, list(range(7)))
    assert [r[0] for r in results] == list(range(7))
    assert [r[2] for r in results] == ["页" * x for x in range(7)]
    here = os.getpid()
    assert {r[1] for r in results[0::2]} == {here}
    assert len({r[1] for r in results[1::2]}) == 1 and results[1][1] != here


def test_one_core_or_other_threads_mean_no_fork(monkeypatch):
    monkeypatch.setattr(forked.threading, "active_count", lambda: 1)
    monkeypatch.setattr(forked.os, "cpu_count", lambda: 2)
    assert USABLE()
    monkeypatch.setattr(forked.os, "cpu_count", lambda: 1)
    assert not USABLE()
    monkeypatch.setattr(forked.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(forked.threading, "active_count", lambda: 2)  # e.g. `serve`'s server threads
    assert not USABLE()
    assert {r[1] for r in forked.map_forked(_made_by, [1, 2, 3])} == {os.getpid()}  # the tests' one_core


def test_a_child_that_fails_has_its_share_made_here(two_cores, tmp_path):
    parent = os.getpid()
    calls = tmp_path / "calls"

    def fails_in_child(x):
        if os.getpid() != parent:
            raise RuntimeError("only in the child")
        with open(calls, "a", encoding="utf-8") as f:
            f.write(f"{x}\n")
        return x * 10

    assert forked.map_forked(fails_in_child, [1, 2, 3, 4]) == [10, 20, 30, 40]
    assert sorted(calls.read_text(encoding="utf-8").split()) == ["1", "2", "3", "4"]


def test_an_error_in_the_work_is_raised_as_without_a_fork(two_cores):
    def broken(x):
        if x == 3:
            raise ValueError("第 3 项有误")
        return x

    with pytest.raises(ValueError, match="第 3 项有误"):  # item 3 is the child's: redone here, raised here
        forked.map_forked(broken, [0, 1, 2, 3])
    with pytest.raises(ValueError, match="第 3 项有误"):  # item 3 is ours, while the child runs
        forked.map_forked(broken, [3, 0, 1])


def test_the_sample_site_is_the_same_made_on_one_core_or_two(two_cores, monkeypatch):
    import datetime as dt

    from helpers import ROOT
    from wenming.api import load_dataset
    from wenming.site.pages import build_site

    dataset = load_dataset(ROOT / "data", "data")
    assert len(dataset.years) >= 2
    two = build_site(dataset, dt.date(2019, 3, 31))
    monkeypatch.setattr(forked, "usable", lambda: False)
    one = build_site(dataset, dt.date(2019, 3, 31))
    assert two == one and len(two.pages) > 100


def test_without_a_temporary_folder_the_work_is_done_here(two_cores, monkeypatch, tmp_path):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing"))
    pending = forked.start(_made_by, 2)
    assert pending.done() and pending.result() == (2, os.getpid(), "页页")
    assert [r[1] for r in forked.map_forked(_made_by, [1, 2, 3])] == [os.getpid()] * 3
