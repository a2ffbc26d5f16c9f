"""Model → the generated pages, media files and nav of the site. Pure.

`build_site(dataset, as_of)` returns every page as (uri, Markdown, source
path). URLs come from file names and ids, never from titles.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from .charts import year_charts
from . import home
from .forked import map_forked
from .evidence import category_uri, cards, render_card
from ..records.model import Activity, Dataset, Document, HonorEntry, Year
from ..records.planmodel import Task, task_key
from .photos import is_cleanable, published_suffix, thumb_uri
from ..judge.progress import STATUS_ORDER, activity_checks, evaluate_year
from .render import cn_number, quarter_name, render
from ..judge.scoring import METHOD_NAMES
from ..judge.status import Status
from ..records.text import brief_length, excerpt


@dataclass(frozen=True)
class Page:
    uri: str
    """Docs-relative path of the virtual Markdown file (`2018/tasks/5-2.md`)."""
    markdown: str
    source: str
    """The data file the page comes from, for the edit link (`data/2018/plan.yml`)."""
    line: int | None = None
    """The record's first line in `source`, when it shares the file with others (a task in plan.yml)."""


@dataclass(frozen=True)
class Media:
    uri: str
    """Where the file is published (`media/2018/activities/<slug>/01.jpg`)."""
    source: str
    """Path relative to the data root."""
    clean: bool = False
    """An image published through `wenming.site.photos` (upright, no metadata); otherwise copied as it is."""
    thumb: str = ""
    """Where its thumbnail is published (`…/thumbs/01.jpg`), for photos shown in listings."""


@dataclass(frozen=True)
class Site:
    pages: tuple[Page, ...]
    media: tuple[Media, ...]
    nav: list
    later: tuple[str, ...] = ()
    """Source paths of records dated after the as-of date, left out of this build."""
    current: int | None = None
    """The year the home page shows."""


# -- URLs -------------------------------------------------------------------


def activity_uri(a: Activity) -> str:
    return f"{a.year}/activities/{a.slug}.md"


def task_uri(year: int, task_id: str) -> str:
    """A task's page; a subtask (`1-2-1`) is shown on its task's page (`1-2`)."""
    return f"{year}/tasks/{'-'.join(task_id.split('-')[:2])}.md"


def month_uri(year: int, month: int) -> str:
    return f"{year}/months/{month:02d}.md"


def department_uri(year: int, org_id: str) -> str:
    return f"{year}/departments/{org_id}.md"


def period_uri(period: tuple[int, int]) -> str:
    return f"{period[0]}/honors/q{period[1]}.md"


def photo_uri(a: Activity, index: int) -> str:
    return f"media/{a.year}/activities/{a.slug}/{index + 1:02d}{_suffix(a.photos[index].file)}"


@functools.lru_cache(maxsize=8192)  # every listing of an activity names its photos again
def _suffix(file: str) -> str:
    return published_suffix(PurePosixPath(file).suffix)


def photo_thumb_uri(a: Activity, index: int) -> str:
    return thumb_uri(photo_uri(a, index))


def document_file_uri(d: Document) -> str:
    return f"media/{d.year}/documents/{d.slug}{d.suffix}"


def honor_photo_uri(h: HonorEntry) -> str:
    return f"media/{h.year}/honors/{h.slug}{published_suffix(PurePosixPath(h.photo or '').suffix)}"


def honor_thumb_uri(h: HonorEntry) -> str:
    return thumb_uri(honor_photo_uri(h))


# -- helpers for templates ----------------------------------------------------


class YearView:
    """Lookups over one year that the templates need, computed once."""

    def __init__(self, dataset: Dataset, year: Year, as_of: dt.date):
        self.unit = dataset.unit
        year = year.until(as_of)
        year = replace(year, activities=tuple(_commit_dates_shown(a, as_of) for a in year.activities))
        self.year = year
        self.progress = evaluate_year(dataset.unit, year, as_of)
        self.statuses = STATUS_ORDER
        self.plan = year.plan
        self.as_of = as_of
        self.orgs = dataset.unit.orgs
        self.recorded = any(a.start <= as_of for y in dataset.years for a in y.activities)
        """Whether the unit has recorded any activity by the as-of date (in any year): not a new unit."""
        self.tasks = {t.id: t for t in year.plan.all_tasks}
        """Tasks and subtasks by id."""
        self.schedule = {s.id: s for s in year.plan.schedule}
        self.by_task: dict[str, list] = {t: [] for t in self.tasks}
        self.docs_by_task: dict[str, list] = {t: [] for t in self.tasks}
        self.by_schedule: dict[str, list] = {}
        self.cards: dict[str, list] = {}  # evidence cards by task id, made by the templates' `task_cards`
        self.card_of: dict[tuple, object] = {}  # each record's card, shared by the tasks it serves
        self.by_org = {o: [a for a in year.activities if o in a.departments] for o in self.orgs}
        """Activities by the departments that organised them."""
        for a in year.activities:
            for t in self._served(a.tasks):
                self.by_task.setdefault(t, []).append(a)
            if a.schedule:
                self.by_schedule.setdefault(a.schedule, []).append(a)
        for d in year.documents:
            for t in self._served(d.tasks):
                self.docs_by_task.setdefault(t, []).append(d)
            if d.schedule:
                self.by_schedule.setdefault(d.schedule, []).append(d)

    def _served(self, ids) -> list[str]:
        """The tasks a record serves: those it names and, for a subtask, its task too (once each)."""
        out: list[str] = []
        for t in ids:
            parent = self.tasks[t].parent if t in self.tasks else ""
            out += [x for x in (t, parent) if x and x not in out]
        return out

    @functools.cached_property
    def charts(self):
        return year_charts(self.unit, self.year, self.progress)

    def result(self, task_id: str):
        return self.progress.tasks[task_id]

    def checks(self, a: Activity):
        return activity_checks(self.year, a)

    @functools.cached_property
    def _records(self) -> dict:
        return {r.id: r for r in self.year.activities + self.year.documents}

    def record(self, record_id: str):
        """The activity or document a per-record requirement is about."""
        return self._records.get(record_id)

    @staticmethod
    def grouped(rows) -> list[tuple]:
        """Due rows grouped per task, in order of each task's earliest date: [(task, [RuleResult, …])]."""
        groups: dict[str, tuple] = {}
        for d in rows:
            groups.setdefault(d.task.id, (d.task, []))[1].append(d.result)
        return list(groups.values())

    def task_scores(self, task_id: str) -> list:
        return [(r.rubric, i) for r in self.progress.scores for i in r.items if i.task.id == task_id]

    def overdue_for(self, org_id: str) -> list:
        return [d for d in self.progress.overdue if org_id in d.task.lead or org_id in d.task.coop]

    def org_name(self, org_id: str) -> str:
        org = self.orgs.get(org_id)
        return org.name if org else org_id

    def evidence_count(self, task: Task) -> int:
        return len(self.by_task.get(task.id, ())) + len(self.docs_by_task.get(task.id, ()))

    def month_activities(self, month: int) -> list[Activity]:
        return [a for a in self.year.activities if a.start.month == month]

    def month_deadlines(self, month: int) -> list[tuple[dt.date, Task, str]]:
        """What falls due in the month: the plan's time limits, and each requirement's own due dates (a
        quarter's `7–9月不少于1次` on 9月30日), one line per task and day."""
        rows: dict[tuple[dt.date, str], tuple[dt.date, Task, str]] = {}
        for task in self.plan.tasks:
            for deadline in task.deadlines:
                for day in deadline.dates:
                    if day.month == month and day.year == self.year.year:
                        rows.setdefault((day, task.id), (day, task, deadline.text))
            for r in self.result(task.id).rules:
                if r.due and r.record is None and r.due.month == month and r.due.year == self.year.year:
                    rows.setdefault((r.due, task.id), (r.due, task, r.label))
        return sorted(rows.values(), key=lambda r: (r[0], task_key(r[1].id)))

    def on_board(self) -> list[HonorEntry]:
        return [h for h in self.year.honors if h.on_board]

    def periods(self) -> list[tuple[int, int]]:
        return sorted({h.period for h in self.on_board()})

    def phase_text(self) -> str:
        year = self.year.year
        if self.as_of.year < year:
            return "尚未开始"
        if self.as_of.year > year:
            return "全年已结束"
        phase = self.plan.phase_on(self.as_of)
        return phase.name if phase else "—"

    def next_steps(self) -> list[home.NextStep]:
        return home.next_steps(self)

    def totals(self) -> dict[str, float]:
        acts = self.year.activities
        return {
            "activities": len(acts),
            "participants": sum(a.participants or 0 for a in acts),
            "hours": sum(a.volunteer_hours or 0 for a in acts),
            "honors": len(self.on_board()),
            "documents": len(self.year.documents),
        }


def _commit_dates_shown(a: Activity, as_of: dt.date) -> Activity:
    """The git first-commit date is shown only where it means something: when it is the report date
    (`report_dates: git`) and not later than the as-of date; never beside a `reported` field it contradicts."""
    if a.first_commit and (a.reported_from != "git" or a.first_commit > as_of):
        return replace(a, first_commit=None)
    return a


def _hours(value: float) -> str:
    return f"{value:g}"


# -- pages --------------------------------------------------------------------


def build_site(dataset: Dataset, as_of: dt.date) -> Site:
    pages: list[Page] = []
    media: list[Media] = []
    nav: list = []
    years = list(dataset.years)
    common = dict(unit=dataset.unit, as_of=as_of, cn=cn_number, quarter_name=quarter_name,
                  activity_uri=activity_uri, task_uri=task_uri, month_uri=month_uri,
                  department_uri=department_uri, period_uri=period_uri, photo_uri=photo_uri,
                  document_file_uri=document_file_uri, honor_photo_uri=honor_photo_uri,
                  photo_thumb_uri=photo_thumb_uri, honor_thumb_uri=honor_thumb_uri,
                  excerpt=excerpt, brief_length=brief_length, hours=_hours, Status=Status, method_names=METHOD_NAMES,
                  years=[y.year for y in years])
    common.update(_record_helpers())
    common.update(home.template_context())
    views = {y.year: YearView(dataset, y, as_of) for y in years}
    if years:
        current = views[as_of.year] if as_of.year in views else views[years[-1].year]
        pages.append(Page("index.md", render("home.md.j2", "index.md", v=current, d=home.Dashboard(current),
                                             **common), current.plan.source.path))
        nav.append({"首页": "index.md"})
    later: list[str] = []
    newest_first = [views[year.year] for year in reversed(years)]  # on two cores (wenming/site/forked.py)
    made = map_forked(functools.partial(_year_pages, common=common), newest_first)
    for year, v, year_pages in zip(reversed(years), newest_first, made, strict=True):
        pages += year_pages
        media += _year_media(v.year)
        later += [r.source.path for r in year.after(as_of)]
    if years:
        nav += _nav(views, current.year.year)
    return Site(tuple(pages), tuple(media), nav, tuple(sorted(later)), current.year.year if years else None)


def problems_site(errors: list[str]) -> Site:
    """A one-page site listing the data's errors, for `serve` before any good build."""
    lines = "\n".join(f"- `{e}`" for e in errors)
    markdown = f"# 数据有误，网站暂时无法生成\n\n请按提示改正下列问题，保存后页面会自动刷新：\n\n{lines}\n"
    return Site((Page("index.md", markdown, ""),), (), [{"数据有误": "index.md"}])


def _nav(views: dict[int, YearView], current: int) -> list:
    """The current year in full, every other year as one link to its index page.

    Material renders the whole nav into every page, so each year's sections in the
    nav would cost every page of every year (55 KB a page with ten years). Other
    years' sections are linked from their index page instead.
    """
    nav: list = [{f"{current}年": _year_nav(views[current])}]
    others = [{f"{y}年": f"{y}/index.md"} for y in sorted(views, reverse=True) if y != current]
    if others:
        nav.append({"其他年度": others})
    return nav


def _year_pages(v: YearView, common: dict) -> list[Page]:
    y = v.year.year
    plan_src = v.plan.source.path
    ctx = dict(v=v, **common)
    out = [
        Page(f"{y}/index.md", render("home.md.j2", f"{y}/index.md", d=home.Dashboard(v), **ctx), plan_src),
        Page(f"{y}/plan.md", render("plan.md.j2", f"{y}/plan.md", **ctx), plan_src),
        Page(f"{y}/months/index.md", render("months.md.j2", f"{y}/months/index.md", **ctx), plan_src),
        Page(f"{y}/tasks/index.md", render("tasks.md.j2", f"{y}/tasks/index.md", **ctx), plan_src),
        Page(f"{y}/tasks/print.md", render("tasks_print.md.j2", f"{y}/tasks/print.md", **ctx), plan_src),
        Page(f"{y}/honors/index.md", render("honors.md.j2", f"{y}/honors/index.md", **ctx), plan_src),
        Page(f"{y}/departments/index.md", render("departments.md.j2", f"{y}/departments/index.md", **ctx), plan_src),
        Page(f"{y}/documents/index.md", render("documents.md.j2", f"{y}/documents/index.md", **ctx), plan_src),
    ]
    out.append(Page(*home.render_attention_page(v, ctx), plan_src))
    for month in range(1, 13):
        uri = month_uri(y, month)
        out.append(Page(uri, render("month.md.j2", uri, month=month, **ctx), plan_src))
    for a in v.year.activities:
        uri = activity_uri(a)
        out.append(Page(uri, render("activity.md.j2", uri, a=a, **ctx), a.source.path))
    for task in v.plan.tasks:
        uri = task_uri(y, task.id)
        out.append(Page(uri, render("task.md.j2", uri, task=task, **ctx), task.source.path, task.source.line))
    for period in v.periods():
        uri = period_uri(period)
        entries = [h for h in v.on_board() if h.period == period]
        out.append(Page(uri, render("honor_period.md.j2", uri, period=period, entries=entries, **ctx), plan_src))
    for org in v.unit.departments + v.unit.branches:
        uri = department_uri(y, org.id)
        out.append(Page(uri, render("department.md.j2", uri, org=org, **ctx), plan_src))
    for c in v.plan.categories:
        uri = category_uri(y, c.number)
        out.append(Page(uri, render("category.md.j2", uri, category=c, **ctx), plan_src))
    return out


def _record_helpers() -> dict:
    """What the record pages' templates use beyond the common URLs (wenming.site.evidence)."""
    def task_cards(v: YearView, task_id: str) -> list:
        """A task's evidence cards, made once per year view (its task, category and print pages show them)."""
        if task_id not in v.cards:
            v.cards[task_id] = cards(v.by_task.get(task_id, ()), v.docs_by_task.get(task_id, ()),
                                     photo_uri, activity_uri, document_file_uri, v.card_of)
        return v.cards[task_id]
    def upcoming_for(v: YearView, org_id: str) -> list:
        return [d for d in v.progress.upcoming if org_id in d.task.lead or org_id in d.task.coop]
    return dict(category_uri=category_uri, task_cards=task_cards, upcoming_for=upcoming_for, render_card=render_card)


def _year_media(year: Year) -> list[Media]:
    out = []
    for a in year.activities:
        out += [Media(photo_uri(a, i), p.file, True, photo_thumb_uri(a, i)) for i, p in enumerate(a.photos)]
    out += [Media(document_file_uri(d), d.file, is_cleanable(d.suffix)) for d in year.documents if d.file]
    out += [Media(honor_photo_uri(h), h.photo, True, honor_thumb_uri(h)) for h in year.honors if h.photo and h.on_board]
    return out


def _year_nav(v: YearView) -> list:
    y = v.year.year
    months = [{f"{m}月": month_uri(y, m)} for m in range(1, 13)]
    honors = [f"{y}/honors/index.md"] + [{quarter_name(p)[5:]: period_uri(p)} for p in v.periods()]
    return [
        f"{y}/index.md",
        {"实施方案": f"{y}/plan.md"},
        {"月度活动": [f"{y}/months/index.md"] + months},
        {"任务台账": f"{y}/tasks/index.md"},
        {"善行义举榜": honors},
        {"部门": f"{y}/departments/index.md"},
        {"佐证材料": f"{y}/documents/index.md"},
    ]
