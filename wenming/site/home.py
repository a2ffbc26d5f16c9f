"""The dashboard (a year's home page) and the ledger filtered by status. Pure.

What the dashboard shows first, and in what order, is written down in
`wenming/site/DESIGN.md`: the headline numbers (unit and year, as-of date,
completion, estimated score per rubric), a tile per status that occurs (each
opening the ledger filtered to that status, `YYYY/tasks/index.html#s-overdue`),
the departments with overdue tasks (each opening its department page at
`#overdue`), then "需要关注" (the worst ten tasks, one line each; all of them, by
department, on `YYYY/tasks/attention.html`), "接下来 30 天" (what falls due and
what the 活动安排表 still plans in that window), then the charts.

A year is *closed* on and after its 31 December (as of a date means at the end of that day): the dashboard
then shows the year-end result (done, done late, not done, waiting for
judgement) and the final score estimate, and nothing "due soon".
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import PurePosixPath

from ..judge.progress import STATUS_ORDER, UPCOMING_DAYS
from ..judge.status import Status
from ..records.model import Org
from ..records.planmodel import ScheduleItem, Task, task_key
from .render import render

ATTENTION = (Status.OVERDUE, Status.AT_RISK, Status.INCOMPLETE, Status.PENDING)
"""Statuses that ask someone to act, worst first: the dashboard's "需要关注"."""
SHOWN = 10
"""Lines of "需要关注" on the dashboard; the rest are one click away."""
SHOWN_UPCOMING = 6
"""Lines of "接下来 30 天" (its column also lists the 活动安排表): the rest are on the 有风险 page."""
SHOWN_PLANNED = 5
"""活动安排表 entries under "接下来 30 天": the rest are in the plan's schedule."""
NO_LEAD = "none"
"""Anchor of the group of tasks without a lead department on a status page."""


@dataclass(frozen=True)
class NextStep:
    """What a new unit does next, shown on the home page until its year has a plan and records."""
    title: str
    detail: str
    command: str
    """The command to run, if one does it (`wenming new activity`), else empty."""
    guide: str
    """The user-guide page that explains it (`guide/start.md`)."""
    guide_title: str


def next_steps(v) -> list[NextStep]:
    """What a new unit still has to do (`YearView.next_steps`): shown while the year's plan is empty or no
    activity was ever recorded."""
    if v.plan.tasks and v.recorded:
        return []
    y, plan_path = v.year.year, v.plan.source.path
    unit_path = str(PurePosixPath(plan_path).parent.parent / "unit.yml")
    steps = []
    if not v.plan.tasks:
        steps.append(NextStep("填写实施方案", f"照单位印发的{y}年度实施方案，在 {plan_path} 里写任务分解："
                              "每项任务的时限和佐证要求，首页据此判断每项任务的状态", "", "guide/start.md", "从零开始"))
    if y not in v.unit.staff:
        steps.append(NextStep("填写职工总数", f"在 {unit_path} 的 staff 下加一行 {y}: 职工人数（志愿者比例的分母）",
                              "", "guide/data-format.md", "数据格式"))
    if not v.recorded:
        steps.append(NextStep("录入第一条活动", "每开展一次活动，新建一条记录（图文简报和现场照片），"
                              "写上它是哪项任务的佐证", "wenming new activity", "guide/activity.md",
                              "添加一条活动记录"))
    if steps:
        steps.append(NextStep("检查、生成和发布", "改好后检查并重新生成网站，首页就会显示各项任务的进度；"
                              "把生成的 build/ 放到内网服务器上，同事就能看到",
                              "wenming check && wenming build", "guide/deploy.md", "在内网发布"))
    return steps


def ledger_filter(year: int, status: Status) -> str:
    """The ledger filtered to one status (a CSS `:target` filter on the tasks index): a published href."""
    return f"{year}/tasks/index.html#s-{status.name.lower()}"


def attention_uri(year: int) -> str:
    """Every task needing attention, per lead department."""
    return f"{year}/tasks/attention.md"


@dataclass(frozen=True)
class Line:
    """One task on the dashboard or a status page: what is wrong, by when, who leads it."""

    task: Task
    status: Status
    reason: str
    due: dt.date | None


@dataclass(frozen=True)
class Group:
    """The tasks of one status page led by one department (or by none: `org` is None)."""

    org: Org | None
    lines: tuple[Line, ...]

    @property
    def anchor(self) -> str:
        return f"d-{self.org.id if self.org else NO_LEAD}"


class Dashboard:
    """What the home page of one year shows, computed once from its `YearView`."""

    def __init__(self, v):
        self.v = v
        self.year = v.year.year
        self.as_of: dt.date = v.as_of
        self.progress = v.progress

    @property
    def charts(self):
        return self.v.charts

    # -- the year's state ------------------------------------------------------

    @property
    def closed(self) -> bool:
        """The as-of date is the year's 31 December or later: show the year's result (as of the end of that day)."""
        return self.as_of >= dt.date(self.year, 12, 31)

    @property
    def future(self) -> bool:
        return self.as_of < dt.date(self.year, 1, 1)

    @property
    def completion(self) -> int:
        return round(self.progress.overall.completion * 100)

    def count(self, status: Status) -> int:
        """Tasks in a status; for 逾期完成, every task with a requirement met late (the ledger filter shows the same)."""
        if status == Status.DONE_LATE:
            return self.progress.overall.late
        return self.progress.overall.counts.get(status, 0)

    @functools.cached_property
    def tiles(self) -> list[tuple[Status, int]]:
        """Every status that occurs, in the one order of the vocabulary (worst first)."""
        return [(s, self.count(s)) for s in STATUS_ORDER if self.count(s)]

    @functools.cached_property
    def year_end(self) -> list[tuple[str, int, tuple[Status, ...]]]:
        """The closed year's result: (label, tasks, statuses counted) for done, done late, not done, to judge."""
        rows = [("按时完成", (Status.DONE,)), ("逾期完成", (Status.DONE_LATE,)),
                ("未完成", (Status.OVERDUE, Status.INCOMPLETE, Status.AT_RISK, Status.ON_TRACK, Status.NOT_DUE)),
                ("待评定", (Status.PENDING,))]
        return [(label, sum(self.count(s) for s in statuses), statuses) for label, statuses in rows]

    # -- 需要关注 ----------------------------------------------------------------

    def line(self, task: Task) -> Line:
        result = self.v.result(task.id)
        worst = [r for r in result.rules if r.status == result.status]  # the first one gives the task's reason
        return Line(task, result.status, result.reason, worst[0].due if worst else None)

    def lines(self, statuses: tuple[Status, ...]) -> list[Line]:
        """The year's tasks in these statuses, worst status first, then earliest due date, then plan order."""
        order = {s: i for i, s in enumerate(STATUS_ORDER)}
        found = [self.line(t) for t in self.v.plan.tasks if self.v.result(t.id).status in statuses]
        return sorted(found, key=lambda ln: (order[ln.status], ln.due or dt.date.max, task_key(ln.task.id)))

    @functools.cached_property
    def attention(self) -> list[Line]:
        return self.lines(ATTENTION)

    @functools.cached_property
    def late_by_department(self) -> list[tuple[Org, int]]:
        """Departments with overdue tasks (led or co-operated, as their page counts them), most first."""
        out = []
        for org in self.v.unit.departments + self.v.unit.branches:
            n = len(self.v.grouped(self.v.overdue_for(org.id)))
            if n:
                out.append((org, n))
        return sorted(out, key=lambda x: -x[1])

    # -- 接下来 30 天 ---------------------------------------------------------------

    @property
    def horizon(self) -> dt.date:
        return self.as_of + dt.timedelta(days=UPCOMING_DAYS)

    @functools.cached_property
    def upcoming(self) -> list[Line]:
        """Tasks with a requirement falling due in the next 30 days, by that date: one line per task."""
        first: dict[str, Line] = {}
        for d in self.progress.upcoming:
            if d.task.id not in first:
                first[d.task.id] = Line(d.task, d.result.status, d.result.reason, d.result.due)
        return list(first.values())

    @functools.cached_property
    def planned(self) -> list[ScheduleItem]:
        """活动安排表 entries not yet recorded, of the months the next 30 days touch (the schedule is
        planned by month, its dates are words): what is still to be held in this window."""
        if self.closed:
            return []
        months = {(self.as_of.year, self.as_of.month), (self.horizon.year, self.horizon.month)}
        return [s for s in self.v.plan.schedule if (self.year, s.month) in months and not self.v.by_schedule.get(s.id)]

    # -- the attention page -------------------------------------------------------------

    def groups(self) -> list[Group]:
        """Tasks needing attention per lead department (a task led by two appears under both),
        departments in the unit's order, then tasks without a lead."""
        lines = self.attention
        out = []
        for org in self.v.unit.departments + self.v.unit.branches:
            mine = tuple(ln for ln in lines if org.id in ln.task.lead)
            if mine:
                out.append(Group(org, mine))
        orphans = tuple(ln for ln in lines if not any(o in self.v.orgs for o in ln.task.lead))
        if orphans:
            out.append(Group(None, orphans))
        return out


def template_context() -> dict:
    """What the dashboard and attention templates need besides the common context."""
    return dict(ledger_filter=ledger_filter, attention_uri=attention_uri, shown=SHOWN,
                shown_upcoming=SHOWN_UPCOMING, shown_planned=SHOWN_PLANNED)


def render_attention_page(v, ctx: dict) -> tuple[str, str]:
    """(uri, Markdown) of the year's page of every task needing attention; `ctx` is the year's template context."""
    d = Dashboard(v)
    uri = attention_uri(d.year)
    return uri, render("attention.md.j2", uri, d=d, **ctx)
