"""The README's Quick start: two commands, and the first shows the sample at a moment with every kind of progress."""

from __future__ import annotations

import re

import pytest

from helpers import ROOT, article, build

README = (ROOT / "README.md").read_text(encoding="utf-8")


def quick_start() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"^```bash\n(.*?)^```$", section, re.M | re.S)
    assert len(blocks) == 1, "the Quick start has one code block"
    return blocks[0].splitlines()


def test_two_commands_the_first_builds_the_sample_as_of_a_fixed_date():
    first, second = quick_start()
    assert re.fullmatch(r"python3 -m pip install -e \. && python3 -m wenming build --as-of \d{4}-\d{2}-\d{2}", first)
    assert second == 'python3 -m pip install -e ".[test]" && python3 -m pytest'


@pytest.fixture(scope="module")
def quick_start_home(tmp_path_factory):
    as_of = quick_start()[0].rsplit(" ", 1)[1]
    site = build(ROOT / "data", tmp_path_factory.mktemp("quick-start") / "site", as_of)
    return as_of, article(site, "index.html")


def test_its_home_page_shows_done_on_track_at_risk_and_overdue_tasks(quick_start_home):
    as_of, home = quick_start_home
    counts = {}
    for a in home.select(".wm-tiles a.wm-tile"):
        number, label = a.get_text(" ", strip=True).split(" ", 1)
        counts[label] = int(number)
    shown = {s: counts[s] for s in ("达标", "进行中", "有风险", "逾期")}
    assert all(shown.values()), f"the Quick start's date {as_of} shows {shown}: pick a date that shows all four"
    text = home.get_text(" ", strip=True)
    assert as_of in text  # 数据截至
    assert "接下来 30 天" in text and "30 天内没有到期且尚未完成的要求" not in text  # a due-soon list
