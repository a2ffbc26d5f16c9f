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
    count: int | None = None
    points: float | None = None
    lead: tuple[str, ...] = ()
    coop: tuple[str, ...] = ()
    aliases: tuple[tuple[str, str], ...] = ()
    notes: list[Note] = field(default_factory=list)


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


@dataclass
class ScheduleDraft:
    id: str
    month: int
    when: str
    activity: str
    report: str = ""


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
    phases: list[tuple[str, dt.date, dt.date]] = field(default_factory=list)
    categories: list[CategoryDraft] = field(default_factory=list)
    schedule: list[ScheduleDraft] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    unknown_orgs: list[str] = field(default_factory=list)
    """Department names the unit does not have, in the document's order."""
    leftovers: list[str] = field(default_factory=list)
    """Paragraphs and tables that went nowhere, for the editor to look over."""

    @property
    def tasks(self) -> list[TaskDraft]:
        return [t for c in self.categories for t in c.tasks]


def clip(text: str, limit: int = 80) -> str:
    """A paragraph shortened for a comment line."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
