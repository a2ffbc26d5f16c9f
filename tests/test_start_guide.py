"""The guide's 从零开始 (start.md), followed from an empty folder as a new unit does.

The reader's folder is empty and not a repository; wenming is installed (no mkdocs.yml there, so the site
configuration that ships with wenming is used). The page's example is a unit starting on 2026-03-20: the
"as of" date comes from SOURCE_DATE_EPOCH (the documented way to fix it) and git records its commits as
made on 2026-03-06, the day after the activity, so the statuses the page describes are the ones built.
"""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest

from helpers import article
from walkthrough import FENCE, GUIDE, SHELL, Reader, marked_blocks, reader_env
from wenming.api import load_dataset

PAGE = "start.md"
TODAY = dt.datetime(2026, 3, 20, tzinfo=dt.timezone.utc)
COMMITTED = "2026-03-06T09:00:00+08:00"


@pytest.fixture(scope="module")
def started(tmp_path_factory):
    """start.md followed to its last command; the first build's home page is kept before it is rebuilt."""
    tmp = tmp_path_factory.mktemp("guide-start")
    folder = tmp / "文明创建台账"
    folder.mkdir()
    env = reader_env(tmp)
    env.update(SOURCE_DATE_EPOCH=str(int(TODAY.timestamp())), GIT_AUTHOR_DATE=COMMITTED, GIT_COMMITTER_DATE=COMMITTED)
    reader = Reader(folder, env)
    seen = {}
    blocks = marked_blocks(PAGE)
    first_build = next(i for i, b in enumerate(blocks) if b.code.strip() == "wenming build")
    for i, block in enumerate(blocks):
        reader.follow_block(block, f"{PAGE}:{block.line}")
        if i == first_build:
            seen["empty"] = article(folder / "build", "index.html")
    return folder, env, seen


def _statuses(home) -> dict[str, int]:
    out = {}
    for a in home.select(".wm-tiles a.wm-tile"):  # one tile per status that occurs
        number, label = a.get_text(" ", strip=True).split(" ", 1)
        out[label] = int(number)
    return out


def test_init_made_a_repository_that_checks_clean(started):
    folder, _, _ = started
    assert (folder / ".git").is_dir() and (folder / ".gitignore").is_file()
    assert (folder / ".pre-commit-config.yaml").is_file()
    dataset = load_dataset(folder / "data", "data")
    assert [p.format() for p in dataset.problems] == []
    assert [o.id for o in dataset.unit.departments] == ["bgs", "jgdw", "ywzdk"]
    assert [o.id for o in dataset.unit.branches] == ["zb1", "zb2"]
    year = dataset.years[0]
    assert (year.year, len(year.plan.tasks), len(year.plan.schedule), len(year.activities)) == (2026, 5, 2, 1)


def test_first_build_is_an_empty_dashboard_that_says_what_to_do_next(started):
    home = started[2]["empty"]
    assert home.h1.get_text(strip=True) == "县档案馆 · 2026年文明单位创建"
    assert sum(_statuses(home).values()) == 0
    tip = home.select_one(".admonition.tip")
    assert [li.strong.get_text(strip=True) for li in tip.select("li")] == ["填写实施方案", "录入第一条活动", "检查、生成和发布"]


def test_the_dashboard_shows_what_the_page_says(started):
    """第 5 步: 1 达标, 1 进行中, 1 未开始 (4月上旬 is a window not yet open), 2 逾期, phase 宣传发动,
    2-3 and the schedule's April activity under 接下来 30 天, no 下一步 box any more."""
    folder = started[0]
    home = article(folder / "build", "index.html")
    counts = {k: v for k, v in _statuses(home).items() if v}
    assert counts == {"达标": 1, "进行中": 1, "未开始": 1, "逾期": 2}
    upcoming = next(h for h in home.select("h2") if h.get_text(strip=True).startswith("接下来 30 天")).parent
    assert "2-3 文明交通志愿服务" in upcoming.get_text(" ", strip=True)
    assert "4月上旬 文明交通志愿服务" in upcoming.get_text(" ", strip=True)
    text = home.get_text(" ", strip=True)
    assert "宣传发动" in text and "2026-03-20" in text
    assert home.select_one(".admonition.tip") is None
    month = article(folder / "build", "2026/months/03.html").get_text(" ", strip=True)
    assert "学雷锋志愿服务" in month


def test_everything_is_committed(started):
    folder, env, _ = started
    status = subprocess.run(["git", "status", "--porcelain"], cwd=folder, env=env, capture_output=True, text=True,
                            check=True).stdout
    assert status.splitlines() == []  # build/, .cache/ and the exported archive are ignored (init's .gitignore)
    log = subprocess.run(["git", "log", "--format=%s"], cwd=folder, env=env, capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert log == ["活动：学雷锋志愿服务", "2026年度实施方案"]
    assert (folder / "文明创建台账-2026.zip").stat().st_size > 100_000


def test_every_command_block_is_run():
    text = (GUIDE / PAGE).read_text(encoding="utf-8")
    shell = [text.count("\n", 0, m.start()) + 1 for m in FENCE.finditer(text) if m["lang"] in SHELL]
    marked = {b.line for b in marked_blocks(PAGE) if b.lang in SHELL}
    assert len(shell) >= 8 and [line for line in shell if line not in marked] == []
