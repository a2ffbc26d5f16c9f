"""The progress engine, first part: a task's requirements evaluated as of a date. Pure.

`evaluate_task(year, task, as_of)` → a :class:`TaskResult` with one
:class:`RuleResult` per requirement and an overall status. Requirements come
from the task's `deadline` and `count` fields and from its `rules:` list
(see RULE_TYPES). Nothing here reads the clock or the disk; `as_of` is given.

Roll-ups and scores are in `progress.py` and `scoring.py`.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, replace

from ..records.deadlines import month_end
from ..records.festivals import FESTIVALS, Window, festival_date, festival_of_tag
from ..records.model import Activity, Document, Task, Year
from ..records.text import brief_length

RISK_DAYS = 30
"""A requirement still missing evidence this many days before its due date is 有风险."""

CYCLES = {"month": 1, "two_months": 2, "quarter": 3, "half_year": 6}
CYCLE_NAMES = {"month": "每月", "two_months": "每两个月", "quarter": "每季度", "half_year": "每半年"}
RULE_TYPES = ("count", "per_cycle", "spread", "occasions", "festival", "evidence", "ratio", "hours_per_capita",
              "quota", "refresh")


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


_SEVERITY = [Status.OVERDUE, Status.AT_RISK, Status.INCOMPLETE, Status.PENDING, Status.ON_TRACK, Status.NOT_DUE,
             Status.DONE_LATE, Status.DONE]


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


@dataclass(frozen=True)
class TaskResult:
    task_id: str
    status: Status
    rules: tuple[RuleResult, ...]

    @property
    def reason(self) -> str:
        worst = [r for r in self.rules if r.status == self.status] or [r for r in self.rules if r.status != Status.DONE]
        return worst[0].reason if worst else ""


def md(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"


def judge(have: int, need: int, start: dt.date, due: dt.date, as_of: dt.date) -> tuple[Status, str]:
    """Status of "at least `need` pieces of evidence between `start` and `due`", as of a date."""
    if have >= need:
        return Status.DONE, f"已完成 {have}/{need}"
    missing = need - have
    if as_of > due:
        return Status.OVERDUE, f"还差{missing}次，{md(due)}已截止"
    if as_of < start:
        return Status.NOT_DUE, f"{md(start)}开始，{md(due)}截止"
    if (due - as_of).days <= RISK_DAYS:
        return Status.AT_RISK, f"还差{missing}次，{md(due)}截止（还剩{(due - as_of).days}天）"
    return Status.ON_TRACK, f"还差{missing}次，{md(due)}截止"


def evidence_dates(year: Year, task: Task, as_of: dt.date) -> list[dt.date]:
    """Dates of the activities and documents serving the task, known by `as_of`."""
    days = [a.start for a in year.activities if task.id in a.tasks]
    days += [d.date for d in year.documents if task.id in d.tasks]
    return sorted(d for d in days if d <= as_of)


def task_activities(year: Year, task: Task, as_of: dt.date) -> list[Activity]:
    return [a for a in year.activities_for(task.id) if a.start <= as_of]


def task_documents(year: Year, task: Task, as_of: dt.date) -> list[Document]:
    return [d for d in year.documents if task.id in d.tasks and d.date <= as_of]


# -- requirement kinds ---------------------------------------------------------


def _deadline_rules(year: Year, task: Task, as_of: dt.date) -> list[RuleResult]:
    """Each absolute due date needs evidence dated after the previous one and by it."""
    out = []
    days = evidence_dates(year, task, as_of)
    start = dt.date(year.year, 1, 1)
    for due in task.due_dates if any(d.kind == "absolute" for d in task.deadlines) else ():
        have = sum(1 for d in days if start <= d <= due)
        status, reason = judge(have, 1, start, due, as_of)
        out.append(RuleResult(f"{md(due)}前有佐证", status, reason, have, 1, due))
        start = due + dt.timedelta(days=1)
    return out


def _count_rule(year: Year, task: Task, as_of: dt.date, need: int, label: str) -> RuleResult:
    start, due = dt.date(year.year, 1, 1), dt.date(year.year, 12, 31)
    have = len(task_activities(year, task, as_of))
    status, reason = judge(have, need, start, due, as_of)
    return RuleResult(label, status, reason, have, need, due)


def _per_cycle(year: Year, task: Task, as_of: dt.date, rule: dict) -> list[RuleResult]:
    months = CYCLES[rule.get("cycle", "quarter")]
    need = int(rule.get("min", 1))
    acts = task_activities(year, task, as_of)
    out = []
    for first in range(1, 13, months):
        start = dt.date(year.year, first, 1)
        due = month_end(year.year, first + months - 1)
        have = sum(1 for a in acts if start <= a.start <= due)
        status, reason = judge(have, need, start, due, as_of)
        out.append(RuleResult(f"{first}–{first + months - 1}月不少于{need}次", status, reason, have, need, due))
    return out


def _spread(year: Year, task: Task, as_of: dt.date, rule: dict) -> RuleResult:
    acts = task_activities(year, task, as_of)
    by_month: dict[int, int] = {}
    for a in acts:
        by_month[a.start.month] = by_month.get(a.start.month, 0) + 1
    due = dt.date(year.year, 12, 31)
    if "max_per_month" in rule:
        cap = int(rule["max_per_month"])
        crowded = sorted(m for m, n in by_month.items() if n > cap)
        if crowded:
            return RuleResult(f"每月不超过{cap}次", Status.OVERDUE,
                              f"{'、'.join(f'{m}月' for m in crowded)}集中开展，超过每月{cap}次", len(acts), None, due)
        return RuleResult(f"每月不超过{cap}次", Status.DONE, "分布均匀", len(acts), None, due)
    need = int(rule.get("months", 1))
    status, reason = judge(len(by_month), need, dt.date(year.year, 1, 1), due, as_of)
    return RuleResult(f"分布在不少于{need}个月", status, reason.replace("次", "个月"), len(by_month), need, due)


def _occasions(year: Year, task: Task, as_of: dt.date, rule: dict) -> list[RuleResult]:
    acts = task_activities(year, task, as_of)
    out = []
    for month in rule.get("months", []):
        start, due = dt.date(year.year, month, 1), month_end(year.year, month)
        have = sum(1 for a in acts if a.start.month == month)
        status, reason = judge(have, 1, start, due, as_of)
        out.append(RuleResult(f"{month}月开展一次", status, reason, have, 1, due))
    window = int(rule.get("window", 7))
    for text in rule.get("dates", []):
        day = dt.date.fromisoformat(f"{year.year}-{text}") if isinstance(text, str) and "-" in text else None
        if day is None:
            continue
        start, due = day - dt.timedelta(days=window), day + dt.timedelta(days=window)
        have = sum(1 for a in acts if start <= a.start <= due)
        status, reason = judge(have, 1, start, due, as_of)
        out.append(RuleResult(f"{md(day)}前后开展", status, reason, have, 1, due))
    return out


def _festival(year: Year, task: Task, as_of: dt.date, rule: dict) -> list[RuleResult]:
    """我们的节日: activities tagged with a festival, held in the window around its date this year."""
    window = Window(int(rule.get("before", 15)), int(rule.get("after", 7)))
    names = rule.get("festivals") or list(FESTIVALS)
    covered: dict[str, list[Activity]] = {}
    for a in task_activities(year, task, as_of):
        for tag in a.tags:
            name = festival_of_tag(tag)
            if name in names and window.contains(a.start, festival_date(name, year.year)):
                covered.setdefault(name, []).append(a)
                break
    out = []
    if rule.get("festivals"):
        for name in names:
            day = festival_date(name, year.year)
            start, due = day - dt.timedelta(days=window.before), day + dt.timedelta(days=window.after)
            status, reason = judge(len(covered.get(name, ())), 1, start, due, as_of)
            out.append(RuleResult(f"{name}（{md(day)}）前后开展", status, reason, len(covered.get(name, ())), 1, due))
    if "min" in rule:
        need = int(rule["min"])
        due = dt.date(year.year, 12, 31)
        status, reason = judge(len(covered), need, dt.date(year.year, 1, 1), due, as_of)
        done = "、".join(n for n in FESTIVALS if n in covered)
        reason = f"{reason}（已覆盖：{done}）" if done else reason
        out.append(RuleResult(f"我们的节日活动不少于{need}个节日", status, reason, len(covered), need, due))
    return out


def _refresh(year: Year, as_of: dt.date, rule: dict) -> list[RuleResult]:
    """善行义举榜 published every cycle: entries on the board dated in each period."""
    months = CYCLES[rule.get("cycle", "quarter")]
    grace = int(rule.get("grace_days", 0))
    shown = [h for h in year.honors if h.on_board and h.date <= as_of]
    out = []
    for first in range(1, 13, months):
        start, end = dt.date(year.year, first, 1), month_end(year.year, first + months - 1)
        due = end + dt.timedelta(days=grace)
        have = sum(1 for h in shown if start <= h.date <= end)
        status, reason = judge(have, 1, start, due, as_of)
        reason = f"已公布 {have} 人" if have else reason.replace("次", "期")
        out.append(RuleResult(f"{first}–{first + months - 1}月公布一期", status, reason, have, 1, due))
    return out


def evaluate_document_evidence(d: Document, rule: dict) -> list[RuleResult]:
    if not rule.get("doc_number"):
        return []
    ok = bool(d.number.strip())
    return [RuleResult("要有文号", Status.DONE if ok else Status.OVERDUE, f"文号 {d.number}" if ok else "缺少文号",
                       record=d.id)]


def evaluate_activity_evidence(a: Activity, rule: dict, report_days: int | None) -> list[RuleResult]:
    """Evidence composition of one activity: photos, brief length, report timeliness."""
    out = []
    if "photos" in rule:
        need = int(rule["photos"])
        ok = len(a.photos) >= need
        out.append(RuleResult(f"照片{need}张", Status.DONE if ok else Status.OVERDUE, f"照片 {len(a.photos)}/{need}",
                              len(a.photos), need, record=a.id))
    length = brief_length(a.body)
    if "min_chars" in rule:
        need = int(rule["min_chars"])
        out.append(RuleResult(f"简报不少于{need}字", Status.DONE if length >= need else Status.OVERDUE,
                              f"字数 {length}/{need}", length, need, record=a.id))
    if "max_chars" in rule:
        cap = int(rule["max_chars"])
        out.append(RuleResult(f"简报{cap}字以内", Status.DONE if length <= cap else Status.OVERDUE,
                              f"字数 {length}/{cap}", length, cap, record=a.id))
    if report_days is not None:
        due = a.end + dt.timedelta(days=report_days)
        if a.reported is None:
            out.append(RuleResult(f"活动结束{report_days}日内报送", Status.ON_TRACK, "报送日期未知", None, None, due,
                                  record=a.id))
        else:
            late = (a.reported - due).days
            out.append(RuleResult(f"活动结束{report_days}日内报送", Status.DONE if late <= 0 else Status.OVERDUE,
                                  f"报送及时（{(a.reported - a.end).days}天）" if late <= 0 else
                                  f"{a.end.month}月的报送晚了{late}天", None, None, due, record=a.id))
    return out


def _ratio(year: Year, staff: int | None, as_of: dt.date, rule: dict) -> RuleResult:
    need = float(rule["min"])
    due = month_end(year.year, int(rule.get("by_month", 12)))
    registered = year.volunteers.registered
    if not staff or registered is None:
        return RuleResult(f"志愿者占职工{need:.0%}以上", Status.AT_RISK if as_of <= due else Status.OVERDUE,
                          "缺少职工总数或注册志愿者人数", None, None, due)
    ratio = registered / staff
    if ratio >= need:
        return RuleResult(f"志愿者占职工{need:.0%}以上", Status.DONE, f"{registered}/{staff} = {ratio:.0%}", registered, staff, due)
    missing = int(need * staff + 0.9999) - registered
    status = Status.OVERDUE if as_of > due else Status.AT_RISK
    return RuleResult(f"志愿者占职工{need:.0%}以上", status, f"{ratio:.0%}，还差{missing}人", registered, staff, due)


def _hours_per_capita(year: Year, as_of: dt.date, rule: dict) -> RuleResult:
    need = float(rule["min"])
    due = dt.date(year.year, 12, 31)
    hours = sum(a.volunteer_hours or 0 for a in year.activities if a.start <= as_of)
    registered = year.volunteers.registered or 0
    per = hours / registered if registered else 0.0
    label = f"志愿者人均{need:g}小时"
    if per >= need:
        return RuleResult(label, Status.DONE, f"人均 {per:.1f} 小时", None, None, due)
    status, _ = judge(0, 1, dt.date(year.year, 1, 1), due, as_of)
    return RuleResult(label, status, f"人均 {per:.1f} 小时，目标 {need:g} 小时", None, None, due)


def _quota(year: Year, as_of: dt.date, rule: dict, names: dict[str, str]) -> list[RuleResult]:
    tally = next((t for t in year.tallies if t.id == rule.get("tally")), None)
    need = int(rule.get("per_month", 0))
    per_org = int(rule.get("per_org", 0))
    day = int(rule.get("by_day", 0))
    out = []
    for month in range(1, 13):
        due = dt.date(year.year, month, day) if day else month_end(year.year, month)
        start = dt.date(year.year, month, 1)
        if need:
            have = tally.month_total(month) if tally else 0
            status, reason = judge(have, need, start, due, as_of)
            out.append(RuleResult(f"{month}月合计不少于{need}条", status, reason.replace("次", "条"), have, need, due))
        if per_org and tally:
            short = [names.get(o, o) for o, months in tally.values.items() if months.get(month, 0) < per_org]
            have = len(tally.values) - len(short)
            status, reason = judge(have, len(tally.values), start, due, as_of)
            if short and status != Status.NOT_DUE:
                reason = f"{len(short)}个报送单位不足{per_org}条：{'、'.join(short)}"
            out.append(RuleResult(f"{month}月各单位不少于{per_org}条", status, reason, have, len(tally.values), due))
    return out


def evaluate_task(year: Year, task: Task, as_of: dt.date, staff: int | None = None,
                  names: dict[str, str] | None = None) -> TaskResult:
    """Every requirement of one task, as of a date. `names`: org id → name, for reasons in words."""
    results = _deadline_rules(year, task, as_of)
    if task.count:
        results.append(_count_rule(year, task, as_of, task.count, f"全年不少于{task.count}次"))
    relative = next((d.days for d in task.deadlines if d.kind == "relative"), None)
    for rule in task.rules:
        results += [r if r.rule else replace(r, rule=rule.get("label", "")) for r in
                    _evaluate_rule(year, task, as_of, staff, rule, relative, names or {})]
    if not results:  # no stated requirement: some evidence during the year
        start, due = dt.date(year.year, 1, 1), dt.date(year.year, 12, 31)
        have = len(evidence_dates(year, task, as_of))
        status, reason = judge(min(have, 1), 1, start, due, as_of)
        results.append(RuleResult("全年有佐证", status, reason if have < 1 else f"已有佐证 {have} 项", have, 1, due))
    status = next(s for s in _SEVERITY if any(r.status == s for r in results))
    if all(r.status == Status.DONE for r in results):
        status = Status.DONE
    elif status in (Status.DONE, Status.NOT_DUE) and any(r.status == Status.DONE for r in results):
        status = Status.ON_TRACK
    return TaskResult(task.id, status, tuple(results))


def _evaluate_rule(year: Year, task: Task, as_of: dt.date, staff: int | None, rule: dict,
                   relative: int | None, names: dict[str, str]) -> list[RuleResult]:
    results: list[RuleResult] = []
    kind = rule.get("type")
    if kind == "count":
        results.append(_count_rule(year, task, as_of, int(rule["min"]), rule.get("label") or f"不少于{rule['min']}次"))
    elif kind == "per_cycle":
        results += _per_cycle(year, task, as_of, rule)
    elif kind == "spread":
        results.append(_spread(year, task, as_of, rule))
    elif kind == "occasions":
        results += _occasions(year, task, as_of, rule)
    elif kind == "festival":
        results += _festival(year, task, as_of, rule)
    elif kind == "refresh":
        results += _refresh(year, as_of, rule)
    elif kind == "evidence":
        days = rule.get("report_days", relative)
        for a in task_activities(year, task, as_of):
            results += evaluate_activity_evidence(a, rule, days)
        for d in task_documents(year, task, as_of):
            results += evaluate_document_evidence(d, rule)
    elif kind == "ratio":
        results.append(_ratio(year, staff, as_of, rule))
    elif kind == "hours_per_capita":
        results.append(_hours_per_capita(year, as_of, rule))
    elif kind == "quota":
        results += _quota(year, as_of, rule, names)
    return results
