"""The status vocabulary and the one function that turns counts and dates into a status. Pure."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

RISK_DAYS = 30
"""A requirement still missing evidence this many days before its due date is 有风险."""


class Status(enum.Enum):
    """A requirement's (or task's) state as of a date. One meaning each, on every page, in `status` and exports."""

    DONE = "达标"
    """Done in time, evidence complete."""
    ON_TRACK = "进行中"
    """Not yet due (due date more than 30 days away), still missing something."""
    AT_RISK = "有风险"
    """Due within RISK_DAYS days, still missing something."""
    OVERDUE = "逾期"
    """Due date passed, still missing."""
    DONE_LATE = "逾期完成"
    """Done, but after the due date (the reason says how late)."""
    INCOMPLETE = "材料不全"
    """Done, but the evidence is incomplete (the reason says what is missing)."""
    NOT_DUE = "未开始"
    """Its window has not opened yet."""
    PENDING = "待评定"
    """A person must judge it, or its standard (or an event's date) is not known yet."""


SEVERITY = (Status.OVERDUE, Status.AT_RISK, Status.INCOMPLETE, Status.PENDING, Status.ON_TRACK, Status.NOT_DUE,
            Status.DONE_LATE, Status.DONE)
MET = (Status.DONE, Status.DONE_LATE)
"""The statuses of a requirement that is met (in time or late)."""


@dataclass(frozen=True)
class RuleResult:
    label: str
    """The requirement in words (`全年不少于6次`)."""
    status: Status
    reason: str
    """Why, in words (`还差2次，12月31日截止`)."""
    have: int | None = None
    need: int | None = None
    due: dt.date | None = None
    record: str | None = None
    """For per-record requirements (evidence composition): the activity or document id."""
    rule: str = ""
    """The requirement as the plan words it (the rule's `label`), when it has several parts."""
    start: dt.date | None = None
    """Start of the window the requirement counts evidence in."""
    records: tuple[str, ...] = ()
    """Ids of the activities and documents counted."""
    kind: str = ""
    """The rule type it comes from (`count`, `per_cycle`, `judgement` …)."""
    subtask: str = ""
    """The subtask whose requirement this is (`1-2-1`), for a task with subtasks."""


@dataclass(frozen=True)
class TaskResult:
    task_id: str
    status: Status
    rules: tuple[RuleResult, ...]

    @property
    def late(self) -> int:
        """Requirements met after their due date: shown on the task's row even when it is 进行中 or 达标 otherwise."""
        return sum(1 for r in self.rules if r.status == Status.DONE_LATE)

    def subtask_status(self, subtask_id: str) -> "Status | None":
        """The roll-up of one subtask's requirements (None when it states none)."""
        own = [r for r in self.rules if r.subtask == subtask_id]
        return roll_up(own) if own else None

    def subtask_result(self, subtask_id: str) -> "TaskResult | None":
        """One subtask's own requirements as a result of their own (None when it states none)."""
        own = tuple(r for r in self.rules if r.subtask == subtask_id)
        return TaskResult(subtask_id, roll_up(list(own)), own) if own else None

    @property
    def reason(self) -> str:
        """The reason of the requirement that decides the status; for a task 进行中 because part of it is
        still to come, the part still to come (not the part already met late)."""
        worst = [r for r in self.rules if r.status == self.status]
        if not worst:
            open_ = sorted((r for r in self.rules if r.status not in MET), key=lambda r: SEVERITY.index(r.status))
            worst = open_ or [r for r in self.rules if r.status != Status.DONE]
        return worst[0].reason if worst else ""


def md(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"


def judge(have: int, need: int, start: dt.date, due: dt.date, as_of: dt.date, late: dt.date | None = None,
          unit: str = "次") -> tuple[Status, str]:
    """Status of "at least `need` pieces between `start` and `due`", as of a date.

    `late`: the day the requirement was met after `due` (逾期完成), if it was.
    """
    if have >= need:
        return Status.DONE, f"已完成 {have}/{need}"
    missing = need - have
    if late is not None and due < late <= as_of:
        return Status.DONE_LATE, f"{md(late)}完成，晚了{(late - due).days}天（{md(due)}截止）"
    if as_of >= due:  # as of a date means at the end of that day: due that day and still missing is late
        return Status.OVERDUE, f"还差{missing}{unit}，{md(due)}已截止"
    if as_of < start:
        return Status.NOT_DUE, f"{md(start)}开始，{md(due)}截止"
    if (due - as_of).days <= RISK_DAYS:
        return Status.AT_RISK, f"还差{missing}{unit}，{md(due)}截止（还剩{(due - as_of).days}天）"
    return Status.ON_TRACK, f"还差{missing}{unit}，{md(due)}截止"


def roll_up(results: list[RuleResult]) -> Status:
    """A task's status from its requirements': the most urgent, with 达标/逾期完成 only when all are met."""
    if all(r.status == Status.DONE for r in results):
        return Status.DONE
    if all(r.status in MET for r in results):
        return Status.DONE_LATE
    status = next(s for s in SEVERITY if any(r.status == s for r in results))
    if status in (Status.DONE_LATE, Status.NOT_DUE) and any(r.status in MET for r in results):
        return Status.ON_TRACK
    return status
