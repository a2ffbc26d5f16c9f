"""The embedded sample builds into a complete site: every record has its page and its place."""

from __future__ import annotations

import datetime as dt

from helpers import ROOT, article, table
from wenming.api import load_dataset
from wenming.site.pages import activity_uri, month_uri, period_uri, task_uri


def html_uri(md_uri: str) -> str:
    return md_uri[:-3] + ".html"


AS_OF = dt.date(2018, 12, 31)
"""The sample site's build date (conftest)."""
DATA = load_dataset(ROOT / "data", "data")


def test_sample_is_the_seed_plan():
    plan = DATA.years[0].plan
    assert plan.year == 2018
    assert [c.number for c in plan.categories] == list(range(1, 14))
    assert len(plan.tasks) == 46
    assert len(plan.schedule) == 30
    assert 40 <= sum(len(y.activities) for y in DATA.years if y.year == 2018) <= 60
    assert sum(len(y.honors) for y in DATA.years) >= 12


def test_every_activity_has_a_page_and_is_on_its_month(sample_site):
    for year in DATA.years:
        for a in year.activities:
            if a.start > AS_OF:  # after the build's "as of": not yet known
                assert not (sample_site / html_uri(activity_uri(a))).exists()
                continue
            page = article(sample_site, html_uri(activity_uri(a)))
            assert page.h1.get_text(strip=True) == a.title
            month = article(sample_site, html_uri(month_uri(a.year, a.start.month)))
            titles = [h.get_text(strip=True) for h in month.select(".wm-activity h3")]
            assert a.title in titles, (a.id, titles)


def test_activity_page_shows_photos_and_tasks(sample_site):
    a = next(a for a in DATA.years[0].activities if len(a.tasks) >= 3)
    page = article(sample_site, html_uri(activity_uri(a)))
    assert len(page.select(".wm-gallery img")) == len(a.photos)
    for img in page.select(".wm-gallery img"):
        assert (sample_site / html_uri(activity_uri(a))).parent.joinpath(img["src"]).resolve().is_file()
    links = [l.get_text(strip=True) for l in page.select("table a") if "/tasks/" in l.get("href", "") or l.get("href", "").startswith("../tasks/")]
    for task_id in a.tasks:
        assert any(text.startswith(task_id + " ") or text == task_id for text in links), (task_id, links)


def test_every_task_on_plan_page_and_has_its_page(sample_site):
    for year in DATA.years:
        plan_page = article(sample_site, f"{year.year}/plan.html")
        ids = [a.get_text(strip=True) for a in plan_page.select("td a")
               if a.get("href", "").startswith("tasks/") and " " not in a.get_text(strip=True)]
        assert [t.id for t in year.plan.tasks] == ids
        for task in year.plan.tasks:
            page = article(sample_site, html_uri(task_uri(year.year, task.id)))
            known = [a.title for a in year.until(AS_OF).activities_for(task.id)]
            evidence = [c.select_one("strong").get_text(strip=True) for c in page.select(".wm-evidence")
                        if c.select_one(".wm-kind").get_text() == "活动"]
            assert evidence == known


def test_task_page_lists_documents(sample_site):
    year = DATA.years[0]
    doc = next(d for d in year.documents if d.tasks)
    page = article(sample_site, html_uri(task_uri(year.year, doc.tasks[0])))
    assert doc.title in page.get_text()


def test_schedule_rows_link_their_activity(sample_site):
    page = article(sample_site, "2018/months/03.html")
    rows = table(page, 0)
    assert rows[0]["时间"] == "3月6日"
    assert rows[0]["落实情况"].startswith("✓")


def test_missed_schedule_item_is_marked(sample_site):
    page = article(sample_site, "2018/months/05.html")
    rows = {r["时间"]: r["落实情况"] for r in table(page, 0)}
    assert rows["5月31日"] == "✗ 未见记录"


def test_honor_roll_shows_only_approved_with_consent(sample_site):
    shown, hidden = [], []
    for year in DATA.years:
        for h in year.until(AS_OF).honors:
            (shown if h.on_board else hidden).append(h)
    assert shown and hidden
    text = "".join(article(sample_site, html_uri(period_uri(p))).get_text()
                   for p in sorted({h.period for h in shown}))
    for h in shown:
        assert h.name in text
    for h in hidden:
        assert h.name not in text
        assert not list(sample_site.rglob(f"*{h.slug}*"))


def test_honor_period_title(sample_site):
    page = article(sample_site, "2018/honors/q1.html")
    assert page.h1.get_text(strip=True) == "示例市总工会善行义举榜（2018年第一季度）"


def test_nav_has_sections_not_records(sample_site):
    html = (sample_site / "2018/plan.html").read_text(encoding="utf-8")
    assert "/activities/" not in "".join(a.get("href", "") for a in __import__("bs4").BeautifulSoup(html, "html.parser").select("nav.md-nav a"))


def test_nav_expands_the_current_year_only(sample_site):
    """Other years are one nav link each; their sections are linked from their index page."""
    from bs4 import BeautifulSoup
    html = (sample_site / "2018/plan.html").read_text(encoding="utf-8")
    hrefs = [a.get("href", "") for a in BeautifulSoup(html, "html.parser").select("nav.md-nav--primary a")]
    assert "months/03.html" in hrefs  # this year's months, relative to 2018/
    assert "../2019/index.html" in hrefs
    assert not [h for h in hrefs if h.startswith("../2019/") and h != "../2019/index.html"]
    links = article(sample_site, "2019/index.html").select_one(".wm-yearlinks")
    targets = {a["href"] for a in links.select("a")}
    assert {"plan.html", "months/index.html", "tasks/index.html", "tasks/print.html", "honors/index.html",
            "departments/index.html", "documents/index.html", "../2018/index.html"} <= targets


def test_record_pages_stay_small(sample_site):
    sizes = [p.stat().st_size for p in (sample_site / "2018/activities").glob("*.html")]
    assert sizes and max(sizes) <= 30 * 1024, max(sizes)


def test_home_shows_counts_and_latest_year(sample_site):
    page = article(sample_site, "index.html")
    assert "2018年" in page.h1.get_text()
    text = page.get_text(" ", strip=True)
    assert f"{len(DATA.years[0].activities)} 次活动" in text
    assert "全年已结束" not in text


def test_data_format_page_documents_every_field(sample_site):
    from wenming.records import plan, rulespec, unit, validate

    page = article(sample_site, "guide/data-format.html").get_text()
    fields = set(validate.ACTIVITY_FIELDS + validate.DOCUMENT_FIELDS + validate.HONOR_FIELDS + unit.UNIT_FIELDS
                 + plan.PLAN_FIELDS + plan.CATEGORY_FIELDS + plan.TASK_FIELDS + plan.SCHEDULE_FIELDS
                 + plan.RUBRIC_FIELDS + rulespec.SCORE_FIELDS
                 + tuple(rulespec.RULE_FIELDS) + tuple(k for spec in rulespec.RULE_FIELDS.values() for k in spec))
    missing = sorted(f for f in fields if f not in page)
    assert missing == []


def test_indentation_is_dropped_but_pre_and_scripts_are_kept():
    from wenming.site.htmlspace import collapse_indentation
    html = "<nav>\n    <ul>\n\n      <li>一</li>\n    </ul>\n</nav>\n<pre><code>  缩进\n    保留</code></pre>\n<script>\n  var a = 1;\n</script>"
    assert collapse_indentation(html) == ("<nav>\n<ul>\n<li>一</li>\n</ul>\n</nav>\n<pre><code>  缩进\n    保留</code></pre>\n"
                                          "<script>\n  var a = 1;\n</script>")


def test_no_page_links_outside_the_site(sample_site):
    """An intranet has no outside hosts: every link and source in every page stays inside the site."""
    import re
    outside = {}
    for page in sample_site.rglob("*.html"):
        found = re.findall(r'(?:href|src)="((?:https?:)?//[^"]+)"', page.read_text(encoding="utf-8"))
        if found:
            outside[page.relative_to(sample_site).as_posix()] = found
    assert outside == {}
