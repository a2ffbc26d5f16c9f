"""A year's progress as of a date: every task evaluated, rolled up, scored. Pure.

`evaluate_year(unit, year, as_of)` → :class:`YearProgress`, which the pages
and charts read. Roll-ups count tasks by status; completion is the share of a
year's requirements met (a task with 4 quarterly requirements, 2 met, is 50%).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..records.dates import month_end
from ..records.model import Activity, Unit, Year
from ..records.planmodel import Task, task_key
from .evidence import evaluate_activity_evidence
from .rules import evaluate_task, evidence_dates
from .status import MET, SEVERITY, RuleResult, Status, TaskResult
from .scoring import RubricScore, score_plan

UPCOMING_DAYS = 30
STATUS_ORDER = SEVERITY


@dataclass(frozen=True)
class Rollup:
    name: str
    tasks: tuple[str, ...]
    counts: dict[Status, int]
    completion: float
    """Share of the requirements met, 0–1."""
    late: int = 0
    """Tasks with a requirement met late, whatever their status (a late item never hides behind 进行中)."""

    @property
    def total(self) -> int:
        return len(self.tasks)

    def count(self, status_name: str) -> int:
        return self.counts.get(Status(status_name), 0)


@dataclass(frozen=True)
class Due:
    """One requirement not yet met, for the 逾期 and 近期截止 lists."""

    task: Task
    result: RuleResult


@dataclass(frozen=True)
class StepProgress:
    """One step of the plan as of a date: its work, what of it is due by then, and what of that is met."""

    name: str
    start: dt.date
    end: dt.date
    tasks: tuple[str, ...]
    """The tasks whose work is this step's (`phase:`); empty when the plan ties none to it."""
    due: int
    """Requirements due by the as-of date: of its own tasks, or (without tasks) any task's falling in the step."""
    met: int
    overdue: int
    state: str
    """未开始, 进行中 or 已结束."""

    @property
    def behind(self) -> bool:
        return self.overdue > 0


@dataclass(frozen=True)
class YearProgress:
    year: int
    as_of: dt.date
    tasks: dict[str, TaskResult]
    overall: Rollup
    categories: tuple[Rollup, ...]
    departments: dict[str, Rollup]
    """Org id → roll-up of the tasks it leads."""
    phases: tuple[StepProgress, ...]
    """The plan's steps, in date order."""
    scores: tuple[RubricScore, ...]
    overdue: tuple[Due, ...]
    upcoming: tuple[Due, ...]

    def status(self, task_id: str) -> Status:
        return self.tasks[task_id].status


def completion(result: TaskResult) -> float:
    """Share of one task's requirements met; per-record checks count as one requirement per kind."""
    if not result.rules:
        return 0.0
    return sum(1 for r in result.rules if r.status in MET) / len(result.rules)


def rollup(name: str, tasks: list[Task], results: dict[str, TaskResult]) -> Rollup:
    counts: dict[Status, int] = {}
    for t in tasks:
        counts[results[t.id].status] = counts.get(results[t.id].status, 0) + 1
    share = sum(completion(results[t.id]) for t in tasks) / len(tasks) if tasks else 0.0
    late = sum(1 for t in tasks if results[t.id].late)
    return Rollup(name, tuple(t.id for t in tasks), counts, share, late)


def _step(plan, i: int, results: dict[str, TaskResult], as_of: dt.date) -> StepProgress:
    p = plan.phases[i]
    own = tuple(t.id for t in plan.tasks if t.phase == p.name)
    if own:
        rules = [r for t in own for r in results[t].rules]
    else:  # a step without work of its own: the requirements of any task that fall due in it
        last = i == len(plan.phases) - 1
        rules = [r for res in results.values() for r in res.rules
                 if r.due and (p.start <= r.due <= p.end or (last and r.due > p.end))]
    due = [r for r in rules if r.due and r.due <= as_of]
    state = "未开始" if as_of < p.start else "已结束" if as_of >= p.end else "进行中"
    return StepProgress(p.name, p.start, p.end, own, len(due), sum(1 for r in due if r.status in MET),
                        sum(1 for r in rules if r.status == Status.OVERDUE), state)


def evaluate_year(unit: Unit, year: Year, as_of: dt.date) -> YearProgress:
    plan = year.plan
    staff = unit.staff.get(year.year)
    names = {o.id: o.name for o in unit.departments + unit.branches}
    results = {t.id: evaluate_task(year, t, as_of, staff, names) for t in plan.tasks}
    categories = tuple(rollup(f"{c.number}", list(c.tasks), results) for c in plan.categories)
    departments = {}
    for org in unit.departments + unit.branches:
        led = [t for t in plan.tasks if org.id in t.lead]
        if led:
            departments[org.id] = rollup(org.name, led, results)
    phases = [_step(plan, i, results, as_of) for i in range(len(plan.phases))]
    evidence = {t.id: len(evidence_dates(year, t, as_of)) for t in plan.tasks}
    overdue, upcoming = [], []
    horizon = as_of + dt.timedelta(days=UPCOMING_DAYS)
    for t in plan.tasks:
        for r in results[t.id].rules:
            if r.status == Status.OVERDUE:
                overdue.append(Due(t, r))
            elif r.status not in MET and r.status != Status.PENDING and r.due and as_of <= r.due <= horizon:
                upcoming.append(Due(t, r))
    return YearProgress(
        year=year.year, as_of=as_of, tasks=results,
        overall=rollup("全部任务", list(plan.tasks), results),
        categories=categories, departments=departments, phases=tuple(phases),
        scores=tuple(score_plan(plan, results, evidence)),
        overdue=tuple(sorted(overdue, key=lambda d: (d.result.due or dt.date.max, task_key(d.task.id)))),
        upcoming=tuple(sorted(upcoming, key=lambda d: (d.result.due, task_key(d.task.id)))),
    )


def activity_requirements(year: Year, a: Activity) -> tuple[dict, int | None]:
    """The strictest evidence composition asked of an activity by the tasks it serves, and its report days."""
    merged: dict = {}
    days: int | None = None
    for task_id in a.tasks:
        task = year.plan.task(task_id)
        if task is None:
            continue
        for rule in task.rules:
            if rule["type"] != "evidence":
                continue
            for key in ("photos", "min_chars"):
                if key in rule:
                    merged[key] = max(merged.get(key, 0), rule[key])
            if "max_chars" in rule:
                merged["max_chars"] = min(merged.get("max_chars", rule["max_chars"]), rule["max_chars"])
            if "report_days" in rule:
                days = rule["report_days"] if days is None else min(days, rule["report_days"])
    return merged, days


def activity_checks(year: Year, a: Activity) -> list[RuleResult]:
    """Compliance badges of one activity: 报送及时, 照片 3/3, 字数 520/500."""
    rule, days = activity_requirements(year, a)
    return evaluate_activity_evidence(a, rule, days)


def monthly_activity_counts(year: Year, as_of: dt.date) -> tuple[list[int], list[int]]:
    """Per month: activities planned in the schedule, and activities held (by `as_of`)."""
    planned = [sum(1 for s in year.plan.schedule if s.month == m) for m in range(1, 13)]
    held = [sum(1 for a in year.activities if a.start.month == m and a.start <= as_of) for m in range(1, 13)]
    return planned, held


def cumulative_completion(unit: Unit, year: Year, as_of: dt.date) -> list[tuple[dt.date, float]]:
    """Overall completion at each month end up to `as_of` (and at `as_of` itself)."""
    days = [month_end(year.year, m) for m in range(1, 13)]
    days = [d for d in days if d < as_of] + ([min(as_of, days[-1])] if as_of >= days[0].replace(day=1) else [])
    staff = unit.staff.get(year.year)
    out = []
    for day in days:
        results = {t.id: evaluate_task(year, t, day, staff) for t in year.plan.tasks}
        out.append((day, rollup("", list(year.plan.tasks), results).completion))
    return out
