"""The typed model of a data repository: frozen dataclasses, no I/O.

Everything the site shows is built from a :class:`Dataset`. Objects are made
by :mod:`wenming.records.validate` from raw mappings; nothing here reads the disk.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath


@dataclass(frozen=True)
class Source:
    """Where a record came from, for messages and edit links."""

    path: str
    """Path relative to the repository root, with forward slashes (`data/2018/plan.yml`)."""
    line: int | None = None
    """1-based line of the record inside the file, when known."""


class Visibility(enum.Enum):
    PUBLIC = "公开"
    INTERNAL = "内部"


class HonorStatus(enum.Enum):
    NOMINATED = "推荐"
    APPROVED = "通过"
    PUBLISHED = "公布"


HONOR_CATEGORIES = ("助人为乐", "见义勇为", "诚实守信", "敬业奉献", "孝老爱亲")
"""Built-in honour-roll categories, in display order."""

LEVELS = ("市级", "省级", "全国")


@dataclass(frozen=True)
class Org:
    """A department (部室) or a party branch (支部)."""

    id: str
    name: str
    kind: str = "department"
    """`department` or `branch`."""


@dataclass(frozen=True)
class Unit:
    name: str
    short: str
    level: str
    """市级 / 省级 / 全国."""
    status: str
    """保持 (title held, yearly review) or 创建 (pursuing)."""
    staff: dict[int, int]
    """Staff count per year: the denominator of volunteer ratios."""
    departments: tuple[Org, ...]
    branches: tuple[Org, ...]
    honor_categories: tuple[str, ...]
    """Built-in categories followed by the configured extras."""
    report_dates: str = "git"
    """Where an activity's report date comes from: `git` (first commit, else `reported`) or `reported` only."""

    @property
    def orgs(self) -> dict[str, Org]:
        return {o.id: o for o in self.departments + self.branches}

    @property
    def title(self) -> str:
        return f"{self.level}文明单位"


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


@dataclass(frozen=True)
class Category:
    number: int
    title: str
    lead: tuple[str, ...]
    coop: tuple[str, ...]
    tasks: tuple[Task, ...]


@dataclass(frozen=True)
class Event:
    """An event of the year the plan refers to (测评, 迎检, 检查验收); its dates may be unknown at first."""

    name: str
    start: dt.date | None
    end: dt.date | None


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
    name: str
    start: dt.date
    end: dt.date


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

    def event(self, name: str) -> "Event | None":
        return next((e for e in self.events if e.name == name), None)

    @property
    def tasks(self) -> tuple[Task, ...]:
        return tuple(t for c in self.categories for t in c.tasks)

    def task(self, task_id: str) -> Task | None:
        return next((t for t in self.tasks if t.id == task_id), None)

    def phase_on(self, day: dt.date) -> Phase | None:
        return next((p for p in self.phases if p.start <= day <= p.end), None)


@dataclass(frozen=True)
class Photo:
    file: str
    """Path relative to the data root (`2018/activities/2018-03-06-x/01.jpg`)."""
    caption: str


@dataclass(frozen=True)
class Private:
    """A record's `private:` block: shown on the internal site, never in a public build."""

    contact: str = ""
    phone: str = ""
    id_number: str = ""
    address: str = ""
    beneficiaries: tuple[str, ...] = ()
    """Names of the people helped."""
    note: str = ""

    def __bool__(self) -> bool:
        return any((self.contact, self.phone, self.id_number, self.address, self.beneficiaries, self.note))


NO_PRIVATE = Private()


@dataclass(frozen=True)
class Activity:
    id: str
    """File stem, unique within its year (`2018-03-06-第一期道德讲堂`)."""
    slug: str
    """Stable ASCII name for the URL."""
    year: int
    title: str
    start: dt.date
    end: dt.date
    place: str
    departments: tuple[str, ...]
    tasks: tuple[str, ...]
    schedule: str | None
    tags: tuple[str, ...]
    participants: int | None
    volunteers: int | None
    volunteer_hours: float | None
    photos: tuple[Photo, ...]
    reported: dt.date | None
    visibility: Visibility
    body: str
    source: Source
    reported_from: str = ""
    """`git` (first commit of the record), `field` (the `reported` field) or empty (unknown)."""
    first_commit: dt.date | None = None
    last_commit: dt.date | None = None
    """Date of the last commit that changed the record (`最后更新`), from git."""
    private: Private = NO_PRIVATE

    @property
    def when_text(self) -> str:
        if self.start == self.end:
            return self.start.isoformat()
        return f"{self.start.isoformat()} 至 {self.end.isoformat()}"


@dataclass(frozen=True)
class Document:
    id: str
    slug: str
    year: int
    title: str
    number: str
    date: dt.date
    file: str
    """Path relative to the data root."""
    kind: str
    departments: tuple[str, ...]
    tasks: tuple[str, ...]
    schedule: str | None
    note: str
    visibility: Visibility
    source: Source

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.file).suffix.lower()


@dataclass(frozen=True)
class HonorEntry:
    id: str
    slug: str
    year: int
    name: str
    department: str | None
    identity: str
    category: str
    deed: str
    date: dt.date
    period: tuple[int, int]
    """(year, quarter)."""
    photo: str | None
    nominated_by: str
    status: HonorStatus
    consent: bool
    story: str
    source: Source
    private: Private = NO_PRIVATE

    @property
    def on_board(self) -> bool:
        """Approved (or published) with the person's consent: may be shown."""
        return self.consent and self.status in (HonorStatus.APPROVED, HonorStatus.PUBLISHED)


@dataclass(frozen=True)
class Tally:
    id: str
    name: str
    unit: str
    values: dict[str, dict[int, int]]
    """Org id (or `total`) → month → count."""

    def month_total(self, month: int) -> int:
        return sum(v.get(month, 0) for v in self.values.values())


@dataclass(frozen=True)
class Volunteers:
    registered: int | None
    date: dt.date | None


@dataclass(frozen=True)
class Year:
    year: int
    plan: Plan
    activities: tuple[Activity, ...]
    documents: tuple[Document, ...]
    honors: tuple[HonorEntry, ...]
    tallies: tuple[Tally, ...]
    volunteers: Volunteers
    judgements: tuple[Judgement, ...] = ()

    def activities_for(self, task_id: str) -> tuple[Activity, ...]:
        return tuple(a for a in self.activities if task_id in a.tasks)

    def until(self, day: dt.date) -> "Year":
        """The year as known on `day`: records dated after it left out."""
        return replace(self, activities=tuple(a for a in self.activities if a.start <= day),
                       documents=tuple(d for d in self.documents if d.date <= day),
                       honors=tuple(h for h in self.honors if h.date <= day))

    def after(self, day: dt.date) -> list:
        """Records dated after `day` (left out of a site built as of `day`)."""
        return ([a for a in self.activities if a.start > day] + [d for d in self.documents if d.date > day]
                + [h for h in self.honors if h.date > day])


@dataclass(frozen=True)
class Dataset:
    unit: Unit
    years: tuple[Year, ...]
    """Sorted oldest first."""
    problems: tuple = field(default=())
