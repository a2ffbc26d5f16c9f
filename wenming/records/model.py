"""The typed model of a data repository: frozen dataclasses, no I/O.

Everything the site shows is built from a :class:`Dataset`. Objects are made
by :mod:`wenming.records.validate` from raw mappings; nothing here reads the disk.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: planmodel imports this module
    from .planmodel import Judgement, Plan


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

LEVELS = ("县级", "市级", "省级", "全国")
"""The levels of the title: 县级 (county, district or township units: the most numerous), 市级, 省级, 全国."""


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
    quantity: tuple[tuple[str, int], ...] = ()
    """What the activity delivers besides itself (`{处: 6}`: six places), for requirements that count places,
    households or people rather than records."""

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
    quantity: tuple[tuple[str, int], ...] = ()
    """What the document delivers besides itself (see `Activity.quantity`)."""

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
    """The registered volunteers, as the latest figure known (see `as_of`)."""

    registered: int | None
    date: dt.date | None
    """The day the figure was counted (None: not said; it stands for the whole year)."""
    series: tuple[tuple[dt.date | None, int], ...] = ()
    """Every figure of the year, oldest first: (counted on, registered)."""

    def as_of(self, day: dt.date) -> "Volunteers":
        """The figure known on `day`: the latest counted on or before it (an undated figure stands all year)."""
        known = [(d, n) for d, n in self.series if d is None or d <= day]
        if not self.series:
            return self
        if not known:
            return Volunteers(None, None, self.series)
        d, n = known[-1]
        return Volunteers(n, d, self.series)


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
                       honors=tuple(h for h in self.honors if h.date <= day), volunteers=self.volunteers.as_of(day))

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
