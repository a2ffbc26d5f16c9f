"""The home page is a dashboard: headline numbers, a tile per status opening the ledger
filtered to it, the worst tasks to act on, the next 30 days, then the charts.

The pages are rendered by the pure `build_site` (no MkDocs) and parsed as HTML; the
judgement they must agree with comes from `evaluate_year` directly.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import replace

import markdown
import pytest
from bs4 import BeautifulSoup

from helpers import ROOT
from wenming.api import load_dataset
from wenming.judge.progress import evaluate_year
from wenming.judge.status import Status
from wenming.site.charts import count_axis, year_charts
from wenming.site.home import SHOWN, SHOWN_PLANNED, SHOWN_UPCOMING
from wenming.site.pages import build_site

DATA = load_dataset(ROOT / "data", "data")
OPEN = dt.date(2018, 9, 30)
"""The README's first command builds the sample as of this date."""
CLOSED = dt.date(2019, 1, 10)
"""After 31 December 2018: the 2018 dashboard shows the year-end result."""


def pages(as_of: dt.date) -> dict[str, str]:
    return {p.uri: p.markdown for p in build_site(DATA, as_of).pages}


def body(md: str) -> BeautifulSoup:
    """A generated page as HTML (front matter dropped), as MkDocs' Markdown would make it."""
    md = re.sub(r"\A---\n.*?\n---\n", "", md, flags=re.S)
    html = markdown.markdown(md, extensions=["attr_list", "md_in_html", "tables"])
    return BeautifulSoup(html, "html.parser")


@pytest.fixture(scope="module")
def open_year():
    return pages(OPEN)


@pytest.fixture(scope="module")
def progress():
    year = next(y for y in DATA.years if y.year == 2018)
    return evaluate_year(DATA.unit, year.until(OPEN), OPEN)


def test_headline_numbers_come_first(open_year, progress):
    """Unit and year, the as-of date, the completion and every rubric's estimate, before any list."""
    page = body(open_year["index.md"])
    assert page.h1.get_text() == "市总工会 · 2018年文明单位创建"
    first = page.select_one(".wm-dash")
    text = first.get_text(" ", strip=True)
    assert "示例市总工会" in text and "数据截至 2018-09-30" in text
    kpis = [k.get_text(" ", strip=True) for k in first.select(".wm-kpi")]
    assert kpis[0].startswith("总体完成度") and f"{round(progress.overall.completion * 100)}%" in kpis[0]
    assert [k.split(" · ")[1].split(" ")[0] for k in kpis[1:]] == [s.rubric.name for s in progress.scores]
    assert [re.search(r"(\d+\.\d) / ", k).group(1) for k in kpis[1:]] == [f"{s.earned:.1f}" for s in progress.scores]
    # The front matter hides the nav and TOC sidebars: the dashboard takes the page's whole width.
    assert re.match(r"---\nhide:\n  - navigation\n  - toc\n---\n", open_year["index.md"])


def test_a_tile_per_status_that_occurs_opens_the_ledger_filtered_to_it(open_year, progress):
    tiles = body(open_year["index.md"]).select(".wm-tiles a.wm-tile")
    occurring = [s for s in Status if progress.overall.counts.get(s)]
    assert sorted(t.get_text(" ", strip=True).split()[1] for t in tiles) == sorted(s.value for s in occurring)
    ledger = body(open_year["2018/tasks/index.md"])
    for tile in tiles:
        count, name = tile.get_text(" ", strip=True).split()
        status = Status(name)
        assert tile["href"] == f"2018/tasks/index.html#s-{status.name.lower()}"
        assert ledger.find(id=f"s-{status.name.lower()}") is not None  # the ledger's filter target
        rows = ledger.select(f'tr[data-status="{status.name.lower()}"]')
        expected = {t for t, r in progress.tasks.items() if r.status == status}
        if status == Status.DONE_LATE:  # a task with a late item counts here whatever its status, and is marked
            rows += ledger.select("tr[data-late]")
            expected = {t for t, r in progress.tasks.items() if r.late}
            assert all("逾期完成" in row.get_text() for row in ledger.select("tr[data-late]"))
        assert len(rows) == len(expected) == int(count), name


def test_worst_ten_first_then_a_link_to_all(open_year, progress):
    page = body(open_year["index.md"])
    lines = page.select(".wm-dash-col")[0].select("ul.wm-lines > li")
    worst = [t for t, r in progress.tasks.items() if r.status in (Status.OVERDUE, Status.AT_RISK,
                                                                   Status.INCOMPLETE, Status.PENDING)]
    assert len(lines) == min(SHOWN, len(worst)) and len(worst) > SHOWN
    statuses = [li.select_one(".wm-status").get_text() for li in lines]
    assert statuses == sorted(statuses, key=[s.value for s in (Status.OVERDUE, Status.AT_RISK, Status.INCOMPLETE,
                                                                Status.PENDING)].index)
    for li in lines:  # one line each: the task, what is missing, its lead department(s)
        task = li.select_one("a.wm-line-task").get_text().split()[0]
        assert li.select_one(".wm-line-reason").get_text() == progress.tasks[task].reason
        assert li.select(".wm-line-orgs a")
    more = page.select_one(".wm-more a")
    assert more["href"] == "2018/tasks/attention.html" and str(len(worst)) in more.get_text()


def test_late_for_my_department_is_one_click_from_home(open_year, progress):
    """Each department with overdue tasks is a link to its page's 逾期事项, with the count that page shows."""
    links = body(open_year["index.md"]).select(".wm-dash-depts a")
    overdue = {t for t, r in progress.tasks.items() if r.status == Status.OVERDUE}
    plan = DATA.years[0].plan
    expected = {o.id for o in DATA.unit.departments + DATA.unit.branches
                if any(o.id in t.lead + t.coop for t in plan.tasks if t.id in overdue)}
    assert {a["href"].split("/")[-1].split(".")[0] for a in links} == expected
    for a in links:
        href, anchor = a["href"].split("#")
        assert anchor == "overdue" and href.startswith("2018/departments/")
        org = href.split("/")[-1][:-5]
        page = body(open_year[f"2018/departments/{org}.md"])
        heading = page.find(id="overdue")
        assert heading is not None and f"（{a.strong.get_text()} 项任务）" in heading.get_text(), org
        mine = {t.id for t in plan.tasks if t.id in overdue and org in t.lead + t.coop}
        assert int(a.strong.get_text()) == len(mine), org


def test_next_30_days_lists_due_tasks_and_the_schedule(open_year, progress):
    col = body(open_year["index.md"]).select(".wm-dash-col")[1]
    assert "接下来 30 天" in col.h2.get_text()
    due = [a.get_text().split()[0] for a in col.select("a.wm-line-task")]
    assert due == list(dict.fromkeys(d.task.id for d in progress.upcoming))[:SHOWN_UPCOMING]
    planned = [li.select_one(".wm-when").get_text() for li in col.select("ul.wm-planned > li")]
    year = DATA.years[0]
    recorded = {a.schedule for a in year.activities if a.start <= OPEN} | {d.schedule for d in year.documents
                                                                             if d.date <= OPEN}
    expected = [s.when for s in year.plan.schedule if s.month in (9, 10) and s.id not in recorded]
    assert planned == expected[:SHOWN_PLANNED] and expected, "what is still to be held, September and October"


def test_closed_year_shows_the_year_end_result_and_nothing_due():
    closed = pages(CLOSED)
    page = body(closed["2018/index.md"])
    text = page.get_text(" ", strip=True)
    assert "全年结果" in text and "最终得分估计" in text and "预计得分" not in text
    assert re.search(r"全年 46 项任务：按时完成 \d+ 项，逾期完成 \d+ 项，未完成 \d+ 项，待评定 \d+ 项", text)
    assert "接下来 30 天" not in text and not page.select("ul.wm-planned")
    assert "未完成的任务" in text
    assert "接下来 30 天" in body(closed["index.md"]).get_text()  # 2019 is open


def test_every_link_of_the_dashboard_and_status_pages_leads_to_a_page(open_year):
    import posixpath
    published = {u[:-3] + ".html" for u in open_year}
    for uri in ["index.md", "2018/index.md", "2018/tasks/attention.md"]:
        for a in body(open_year[uri]).select("a[href]"):
            href = a["href"].split("#")[0]
            if href:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(uri), href))
                assert target in published or target.startswith("media/"), (uri, a["href"])


def test_attention_page_lists_every_task_needing_attention_by_department(open_year, progress):
    page = open_year["2018/tasks/attention.md"]
    assert page.startswith("---\nsearch:\n  exclude: true\n---\n")
    listed = {a.get_text().split()[0] for a in body(page).select("a.wm-line-task")}
    assert listed == {t for t, r in progress.tasks.items()
                      if r.status in (Status.OVERDUE, Status.AT_RISK, Status.INCOMPLETE, Status.PENDING)}


# -- charts ---------------------------------------------------------------------------


def figure(chart) -> dict:
    return json.loads(chart.figure.replace("<\\/", "</"))


@pytest.fixture(scope="module")
def charts_open(progress):
    year = next(y for y in DATA.years if y.year == 2018).until(OPEN)
    return {c.id: c for c in year_charts(DATA.unit, year, progress)}


def test_nothing_is_plotted_after_the_as_of_date(charts_open):
    held = figure(charts_open["wm-2018-monthly"])["data"][1]["y"]
    assert held[9:] == [None, None, None] and all(v is not None for v in held[:9])
    hours = figure(charts_open["wm-2018-volunteer"])["data"][0]["y"]
    assert hours[9:] == [None, None, None]
    honours = figure(charts_open["wm-2018-honors"])["data"][0]["y"]
    assert honours[3] is None and honours[2] is not None
    dates = figure(charts_open["wm-2018-cumulative"])["data"][0]["x"]
    assert max(dates) == "2018-09-30"


def test_counts_have_integer_ticks_and_every_chart_titled_axes(charts_open):
    assert count_axis([0, 1, 3, 2], "次")["dtick"] == 1
    assert count_axis([0, 9, 11], "次")["dtick"] == 2
    assert count_axis([0, 212], "小时")["dtick"] == 50
    for chart in charts_open.values():
        layout = figure(chart)["layout"]
        assert layout["dragmode"] is False
        axes = [k for k in layout if re.fullmatch(r"[xy]axis\d*", k)]
        titled = [k for k in axes if layout[k].get("title", {}).get("text")]
        assert titled, chart.id
        for trace in figure(chart)["data"]:
            assert "hovertemplate" in trace or trace.get("hoverinfo") == "skip", chart.id
            assert "%}%" not in trace.get("hovertemplate", "")  # the axis adds its own "%"


def test_a_closed_year_has_one_point_per_day():
    year = next(y for y in DATA.years if y.year == 2018).until(CLOSED)
    p = evaluate_year(DATA.unit, year, CLOSED)
    chart = next(c for c in year_charts(DATA.unit, year, p) if c.id.endswith("cumulative"))
    days = figure(chart)["data"][0]["x"]
    assert len(days) == len(set(days)) and days[-1] == "2018-12-31"
    assert [r[0] for r in chart.rows] == days


def test_a_chart_only_where_the_plan_has_data_for_it():
    year = next(y for y in DATA.years if y.year == 2018)
    def plain(t):
        return replace(t, rules=tuple(r for r in t.rules if r["type"] not in ("refresh", "hours_per_capita")))

    categories = tuple(replace(c, tasks=tuple(plain(t) for t in c.tasks)) for c in year.plan.categories)
    bare = replace(year, honors=(), plan=replace(year.plan, categories=categories),
                   activities=tuple(replace(a, volunteer_hours=None) for a in year.activities),
                   volunteers=replace(year.volunteers, registered=None, series=()))
    ids = [c.id for c in year_charts(DATA.unit, bare, evaluate_year(DATA.unit, bare, OPEN))]
    assert "wm-2018-honors" not in ids and "wm-2018-volunteer" not in ids and "wm-2018-monthly" in ids
