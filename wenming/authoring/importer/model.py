"""The draft plan as the importer recognised it, before it is written as YAML."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Note:
    """One place the importer is unsure about: a `# 待确认：` comment in the draft."""

    reason: str
    source: str = ""
    """The document's paragraph it came from (shortened when long)."""


@dataclass
class TaskDraft:
    id: str
    text: str
    title: str
    source: str
    evidence: str = ""
    deadlines: list[str] = field(default_factory=list)
    frequencies: list[str] = field(default_factory=list)
    defaulted: bool = False
    """The plan states no time limit: `deadline` is 全年, marked for the editor."""
    points: float | None = None
    owner: str = ""
    leader: str = ""
    scores: list[dict] = field(default_factory=list)
    """`score:` entries from the plan's scored table (rubric, points, item, method)."""
    lead: tuple[str, ...] = ()
    coop: tuple[str, ...] = ()
    aliases: tuple[tuple[str, str], ...] = ()
    notes: list[Note] = field(default_factory=list)
    subtasks: list["TaskDraft"] = field(default_factory=list)
    """①② or 一是、二是 under the task, each with its own words, departments and time (id `<task>-<n>`)."""
    parent: str = ""
    """For a subtask: its task's id."""
    phase: str = ""
    """The step whose work the task is, when its time limit names the step (`完成时限：宣传发动阶段`)."""


@dataclass
class CategoryDraft:
    number: int
    title: str
    source: str
    lead: tuple[str, ...] = ()
    coop: tuple[str, ...] = ()
    aliases: tuple[tuple[str, str], ...] = ()
    tasks: list[TaskDraft] = field(default_factory=list)
    intro: list[str] = field(default_factory=list)
    """Paragraphs under the heading that are not tasks (kept as comments)."""
    notes: list[Note] = field(default_factory=list)
    phase: str = ""
    """The step (实施步骤) whose work these tasks are: written as `phase:`."""


@dataclass
class PhaseDraft:
    """One step of the plan (实施步骤) whose window reads as dates."""

    name: str
    start: dt.date
    end: dt.date
    text: str = ""
    """What the plan says the step is about (its unnumbered words), as written."""


@dataclass
class ScheduleDraft:
    id: str
    month: int
    when: str
    activity: str
    report: str = ""
    tasks: list[str] = field(default_factory=list)
    """Tasks the activity certainly belongs to (a name only that task's text has)."""


@dataclass
class PlanDraft:
    year: int
    title: str = ""
    number: str = ""
    issued: dt.date | None = None
    issuer: str = ""
    guiding: str = ""
    goals: str = ""
    requirements: str = ""
    leaders: list[tuple[str, str, str]] = field(default_factory=list)
    """(role, name, post)."""
    phases: list[PhaseDraft] = field(default_factory=list)
    categories: list[CategoryDraft] = field(default_factory=list)
    schedule: list[ScheduleDraft] = field(default_factory=list)
    rubrics: list["RubricDraft"] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    unknown_orgs: list[str] = field(default_factory=list)
    """Department names the unit does not have, in the document's order."""
    leftovers: list[str] = field(default_factory=list)
    """Paragraphs and tables that went nowhere, for the editor to look over."""
    events: list[str] = field(default_factory=list)
    """Events the plan's time limits refer to (测评, 迎检 …), registered without dates for the editor to fill in."""
    headings: dict[str, str] = field(default_factory=dict)
    """The plan's own section headings (`headings:` in plan.yml): guiding, goals, leading_group, phases, tasks,
    requirements, schedule."""
    attachments: list[str] = field(default_factory=list)
    """Attachments the plan refers to for its tasks (`详见附件1`) that were not imported with it."""

    @property
    def tasks(self) -> list[TaskDraft]:
        return [t for c in self.categories for t in c.tasks]

    @property
    def all_tasks(self) -> list[TaskDraft]:
        """Every task and, after each, its subtasks."""
        return [x for t in self.tasks for x in (t, *t.subtasks)]


def clip(text: str, limit: int = 80) -> str:
    """A paragraph shortened for a comment line."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


@dataclass
class RubricItem:
    """One row of the plan's scored table (考核评价体系 / 测评细则)."""

    name: str
    text: str
    points: float | None
    kind: str = "score"
    """score (counts to the total), bonus (加分) or veto (一票否决)."""
    standard: str = ""
    """How it is scored (评分标准 / 测评方法), verbatim."""
    source: str = ""
    task: str = ""
    """The task it clearly matches, or empty."""
    why: str = ""
    """Why it was not matched to a task (for the `# 待确认` comment)."""


@dataclass
class RubricDraft:
    id: str
    name: str
    total: float | None = None
    items: list[RubricItem] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
