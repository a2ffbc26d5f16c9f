"""The plan in the model: tasks, categories, rubrics, phases, the schedule, events and judgements. Frozen, no I/O.

Split from :mod:`.model` (the unit, the records and the dataset); made by :mod:`.plan` from plan.yml.
"""

from __future__ import annotations

import datetime as dt
import re
import functools
from dataclasses import dataclass

from .dates import cn_number
from .model import Source


@dataclass(frozen=True)
class Deadline:
    """One deadline phrase of a task, resolved against the plan's year."""

    text: str
    """The words as the plan writes them (`2月中旬前`)."""
    kind: str
    """`absolute` (dates known), `relative` (after each activity), `recurring` (every cycle)."""
    dates: tuple[dt.date, ...] = ()
    """Resolved dates for `absolute` deadlines; for `recurring` ones, every due date of the year."""
    days: int | None = None
    """For `relative` deadlines: days allowed after the activity ends."""


@dataclass(frozen=True)
class Task:
    id: str
    """`<category>-<index>`, e.g. `5-2`."""
    category: int
    title: str
    text: str
    lead: tuple[str, ...]
    coop: tuple[str, ...]
    deadlines: tuple[Deadline, ...]
    count: int | None
    evidence: str
    points: float | None
    rules: tuple[dict, ...]
    """Requirement rules, validated by `rulespec` (`{"type": "count", "min": 6}`)."""
    source: Source
    scores: tuple[dict, ...] = ()
    """How the task earns points, one per rubric (`{"method": "threshold", "rubric": "city", ...}`)."""
    frequency: tuple[str, ...] = ()
    """The plan's own frequency wording (`每季度不少于一次`), read into `rules`."""
    start: dt.date | None = None
    """The task starts later in the year (`从7月起`); None: from 1 January."""
    end: dt.date | None = None
    """The task's time limit (工作时限) when its deadline states only dates; None: 31 December."""
    owner: str = ""
    """责任人."""
    leader: str = ""
    """责任领导."""
    subtasks: tuple["Task", ...] = ()
    """①②③ or 一是/二是 under this task, each with its own rules; their evidence counts for this task."""
    parent: str = ""
    phase: str = ""
    """The step (`phases` name) this task's work belongs to: its window bounds the task."""
    """For a subtask: the id of the task it belongs to (`1-2` for `1-2-1`)."""

    @property
    def ids(self) -> tuple[str, ...]:
        """This task's id and its subtasks': a record naming any of them is evidence for this task."""
        return (self.id,) + tuple(s.id for s in self.subtasks)

    @property
    def due_dates(self) -> tuple[dt.date, ...]:
        return tuple(sorted({d for dl in self.deadlines for d in dl.dates}))


def task_key(task_id: str) -> tuple[int, ...]:
    """Sort key of a task id: `9-4` before `10-1`."""
    return tuple(int(p) for p in task_id.split("-") if p.isdigit())


@dataclass(frozen=True)
class Rubric:
    """A scoring scheme the unit answers to (the plan's own points, a city's 测评体系 …)."""

    id: str
    name: str
    total: float | None
    items: tuple[str, ...] = ()
    """The rubric's own table, in its order: item names (tasks' `score.item` name them)."""
    item_points: tuple[float | None, ...] = ()
    """Points of each of `items`."""


@dataclass(frozen=True)
class Category:
    number: int
    title: str
    lead: tuple[str, ...]
    coop: tuple[str, ...]
    tasks: tuple[Task, ...]
    phase: str = ""
    """The step whose work this category is (its tasks inherit it)."""


@dataclass(frozen=True)
class Event:
    """An event of the year the plan refers to (测评, 迎检, 检查验收); its dates may be unknown at first."""

    name: str
    start: dt.date | None
    end: dt.date | None
    also: tuple[str, ...] = ()
    """Other words the plan uses for the same event (`迎检`, `检查验收` for `测评`)."""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.also)


@dataclass(frozen=True)
class Judgement:
    """A person's judgement of a requirement no number measures (`data/<year>/judgements.yml`)."""

    task: str
    word: str
    """The requirement judged (`定期更新`); empty: every requirement of the task judged by a person."""
    result: bool
    """达标 (True) or 未达标 (False)."""
    by: str
    date: dt.date
    note: str
    records: tuple[str, ...]
    """Ids of the activities and documents the judgement rests on."""
    source: "Source"


@dataclass(frozen=True)
class Phase:
    """A step of the plan (宣传发动, 组织实施, 检查验收): its window holds back all of its work."""

    name: str
    start: dt.date
    end: dt.date
    text: str = ""
    """What the plan says of the step."""


@dataclass(frozen=True)
class Leader:
    role: str
    name: str
    post: str


@dataclass(frozen=True)
class ScheduleItem:
    id: str
    month: int
    when: str
    activity: str
    report: str
    tasks: tuple[str, ...]
    source: Source


HEADINGS = {"guiding": "一、指导思想", "goals": "二、创建目标", "leading_group": "组织领导", "phases": "实施阶段",
            "tasks": "三、任务分解", "requirements": "四、创建要求", "schedule": "活动安排表", "scores": "评分表"}
"""The plan page's section headings when the plan gives none of its own (`headings:` in plan.yml)."""


def _section_number(heading: str) -> int | None:
    """`三、实施步骤` → 3; a heading without its number → None."""
    m = re.match(r"^([一二三四五六七八九十]{1,3})、", heading)
    return cn_number(m.group(1)) if m else None


@dataclass(frozen=True)
class Plan:
    year: int
    title: str
    number: str
    issued: dt.date | None
    issuer: str
    guiding: str
    goals: str
    requirements: str
    leading_group: tuple[Leader, ...]
    phases: tuple[Phase, ...]
    categories: tuple[Category, ...]
    schedule: tuple[ScheduleItem, ...]
    source: Source
    rubrics: tuple[Rubric, ...] = ()
    events: tuple["Event", ...] = ()
    headings: tuple[tuple[str, str], ...] = ()
    """The plan's own section headings (`("guiding", "一、总体要求")`), where it words them differently."""
    period: tuple[dt.date, dt.date] | None = None
    """A plan that runs across two years (September to June); None: the calendar year."""

    @property
    def start(self) -> dt.date:
        return self.period[0] if self.period else dt.date(self.year, 1, 1)

    @property
    def end(self) -> dt.date:
        return self.period[1] if self.period else dt.date(self.year, 12, 31)

    def heading(self, key: str) -> str:
        return dict(self.headings).get(key) or HEADINGS[key]

    @property
    def steps_after_tasks(self) -> bool:
        """The plan numbers its steps' section after its tasks' (`二、工作任务` … `三、实施步骤`): the plan page
        keeps the plan's order."""
        steps, tasks = _section_number(self.heading("phases")), _section_number(self.heading("tasks"))
        return steps is not None and tasks is not None and steps > tasks

    def event(self, name: str) -> "Event | None":
        """The event registered under this name or one of its other words (`also`)."""
        return next((e for e in self.events if name in e.names), None)

    # The plan is frozen: what follows is computed once per plan (pages and the progress engine ask often).
    @functools.cached_property
    def tasks(self) -> tuple[Task, ...]:
        return tuple(t for c in self.categories for t in c.tasks)

    @functools.cached_property
    def all_tasks(self) -> tuple[Task, ...]:
        """Every task and, after each, its subtasks."""
        return tuple(x for t in self.tasks for x in (t, *t.subtasks))

    @functools.cached_property
    def _by_id(self) -> dict[str, Task]:
        out: dict[str, Task] = {}
        for t in self.all_tasks:
            out.setdefault(t.id, t)
        return out

    def task(self, task_id: str) -> Task | None:
        """A task or a subtask by its id."""
        return self._by_id.get(task_id)

    def phase_on(self, day: dt.date) -> Phase | None:
        return next((p for p in self.phases if p.start <= day <= p.end), None)
