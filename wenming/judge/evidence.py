"""The evidence of a task as dated pieces (activities and documents alike), and per-record checks. Pure.

Every counting rule counts pieces: an activity or a document linked to the task
(or to one of its subtasks), dated by `as_of`. A rule may restrict them:
`kinds: [方案, 总结]` counts only documents of those kinds (`活动` names activities),
`records: activities|documents` counts only one sort of record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..records.model import Activity, Document, Year
from ..records.planmodel import Task
from ..records.text import brief_length
from .status import RuleResult, Status

ACTIVITY_KIND = "活动"


@dataclass(frozen=True)
class Piece:
    date: dt.date
    record: str
    """The activity's or document's id."""
    kind: str
    """`活动` for an activity, else the document's `kind`."""
    document: bool
    end: dt.date | None = None
    """The last day of a multi-day activity (None: one day)."""
    quantity: tuple[tuple[str, int], ...] = ()

    @property
    def last(self) -> dt.date:
        return self.end or self.date


def records(year: Year, task: Task, as_of: dt.date) -> tuple[list[Activity], list[Document]]:
    """The activities and documents serving the task (or one of its subtasks) known by `as_of`, in the
    year's order."""
    ids = set(task.ids)
    return ([a for a in year.activities if a.start <= as_of and not ids.isdisjoint(a.tasks)],
            [d for d in year.documents if d.date <= as_of and not ids.isdisjoint(d.tasks)])


def pieces(year: Year, task: Task, as_of: dt.date) -> list[Piece]:
    """Every piece of evidence for the task known by `as_of`, oldest first."""
    activities, documents = records(year, task, as_of)
    out = [Piece(a.start, a.id, ACTIVITY_KIND, False, a.end if a.end != a.start else None, a.quantity)
           for a in activities]
    out += [Piece(d.date, d.id, d.kind, True, None, d.quantity) for d in documents]
    return sorted(out, key=lambda p: (p.date, p.record))


def restrict(found: list[Piece], rule: dict) -> list[Piece]:
    """The pieces a rule counts (`kinds`, `records`); with `measure` (`处`), each record counts as many times as
    the quantity it delivers in that measure (none: it does not count)."""
    kinds = rule.get("kinds")
    if kinds:
        found = [p for p in found if p.kind in kinds]
    records = rule.get("records")
    if records:
        found = [p for p in found if p.document == (records == "documents")]
    measure = rule.get("measure")
    if measure:
        found = [p for p in found for _ in range(dict(p.quantity).get(measure, 0))]
    return found


def what(rule: dict) -> str:
    """`方案`, `方案或总结` or `佐证`: what the rule counts, in words."""
    return "或".join(rule["kinds"]) if rule.get("kinds") else "佐证"


def evaluate_document_evidence(d: Document, rule: dict) -> list[RuleResult]:
    if not rule.get("doc_number"):
        return []
    ok = bool(d.number.strip())
    return [RuleResult("要有文号", Status.DONE if ok else Status.INCOMPLETE, f"文号 {d.number}" if ok else "材料不全：缺少文号",
                       record=d.id)]


def evaluate_activity_evidence(a: Activity, rule: dict, report_days: int | None) -> list[RuleResult]:
    """Evidence composition of one activity: photos and brief length (材料不全), report timeliness (逾期完成)."""
    out = []
    if "photos" in rule:
        need = int(rule["photos"])
        ok = len(a.photos) >= need
        out.append(RuleResult(f"照片{need}张", Status.DONE if ok else Status.INCOMPLETE,
                              f"照片 {len(a.photos)}/{need}" if ok else f"材料不全：照片 {len(a.photos)}/{need}，还差{need - len(a.photos)}张",
                              len(a.photos), need, record=a.id))
    length = brief_length(a.body)
    if "min_chars" in rule:
        need = int(rule["min_chars"])
        ok = length >= need
        out.append(RuleResult(f"简报不少于{need}字", Status.DONE if ok else Status.INCOMPLETE,
                              f"字数 {length}/{need}" if ok else f"材料不全：简报 {length} 字，要求不少于 {need} 字",
                              length, need, record=a.id))
    if "max_chars" in rule:
        cap = int(rule["max_chars"])
        ok = length <= cap
        out.append(RuleResult(f"简报{cap}字以内", Status.DONE if ok else Status.INCOMPLETE,
                              f"字数 {length}/{cap}" if ok else f"材料不全：简报 {length} 字，超过 {cap} 字",
                              length, cap, record=a.id))
    if report_days is not None:
        due = a.end + dt.timedelta(days=report_days)
        label = f"活动结束{report_days}日内报送"
        if a.reported is None:
            out.append(RuleResult(label, Status.PENDING, "报送日期未知，需人工核对", None, None, due, record=a.id))
        else:
            late = (a.reported - due).days
            out.append(RuleResult(label, Status.DONE if late <= 0 else Status.DONE_LATE,
                                  f"报送及时（{(a.reported - a.end).days}天）" if late <= 0 else
                                  f"{a.reported.month}月{a.reported.day}日报送，晚了{late}天", None, None, due, record=a.id))
    return out
