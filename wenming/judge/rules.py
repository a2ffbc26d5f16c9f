"""The progress engine: one task's requirements evaluated as of a date. Pure.

`evaluate_task(year, task, as_of)` → a :class:`TaskResult` with one
:class:`RuleResult` per requirement and an overall status. Every requirement is
a rule (see RULE_TYPES): written by hand under `rules:`, or read from the task's
`deadline:` and `frequency:` phrases (`records.readings`), or from `count:`.
The task's own time (`Task.start`, `Task.end`) bounds every counting rule.
Nothing here reads the clock or the disk; `as_of` is given.

Roll-ups and scores are in `progress.py` and `scoring.py`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from ..records.dates import month_end
from ..records.model import Year
from ..records.planmodel import Task
from . import counting
from .counting import CYCLE_MONTHS, Span
from .evidence import evaluate_activity_evidence, evaluate_document_evidence, pieces, records, restrict
from .status import RuleResult, Status, TaskResult, judge, md, roll_up

RULE_TYPES = ("due", "window", "from", "count", "per_cycle", "spread", "occasions", "festival", "documents", "evidence",
              "ratio", "hours_per_capita", "quota", "refresh", "judgement", "external", "event")


def evidence_dates(year: Year, task: Task, as_of: dt.date) -> list[dt.date]:
    """Dates of the activities and documents serving the task, known by `as_of`."""
    return [p.date for p in pieces(year, task, as_of)]


def task_span(year: Year, task: Task) -> Span:
    """The task's own time: its start and time limit, else the plan's (the calendar year, or its `period`)."""
    return Span(task.start or year.plan.start, task.end or year.plan.end)


def evaluate_task(year: Year, task: Task, as_of: dt.date, staff: int | None = None,
                  names: dict[str, str] | None = None) -> TaskResult:
    """Every requirement of one task, as of a date. `names`: org id → name, for reasons in words."""
    span = _event_span(year, task, task_span(year, task))
    found = pieces(year, task, as_of)
    # a bound event whose date is not known yet is a requirement of its own (待评定 until it is registered)
    rules = [{**r, "bound": False} if r.get("bound") and r["type"] == "event" and _event_dates(year, r) is None else r
             for r in task.rules]
    if task.count:
        rules.append({"type": "count", "min": task.count, "label": f"全年不少于{task.count}次"})
    results: list[RuleResult] = []
    dues = [r for r in rules if r["type"] == "due" and not r.get("bound")]
    if dues:
        results += [replace(r, rule=rule.get("label", "")) for r, rule in
                    zip(counting.due_results(dues, lambda r: restrict(found, r), span, as_of),
                        sorted(dues, key=lambda r: r["date"]))]
    for rule in rules:
        if rule["type"] in ("due", "from") or rule.get("bound"):
            continue
        kind = rule["type"]
        results += [replace(r, rule=r.rule or rule.get("label", ""), kind=r.kind or kind) for r in
                    _evaluate_rule(year, task, span, found, as_of, staff, rule, names or {})]
    for sub in task.subtasks:
        mark = f"子任务{sub.id}："
        results += [replace(r, label=mark + r.label, subtask=sub.id)
                    for r in evaluate_task(year, sub, as_of, staff, names).rules]
    if not results:
        results.append(RuleResult("考核要求", Status.PENDING, "方案没有写明时限或频次，需人工评定",
                                  None, None, None, kind="judgement"))
    return TaskResult(task.id, roll_up(results), tuple(results))


def _evaluate_rule(year: Year, task: Task, span: Span, found, as_of: dt.date, staff: int | None, rule: dict,
                   names: dict[str, str]) -> list[RuleResult]:
    kind = rule["type"]
    counted = restrict(found, rule)
    if kind == "count":
        return [counting.count_result(rule, counted, span, as_of)]
    if kind == "window":
        start = max(rule["start"], span.start)
        # the task's time (its step, its event) bounds the window too: `全年` in a step is the step
        end = min(rule["end"], span.end) if span.end >= start else rule["end"]
        label = f"{md(start)}当天" if start == end else f"{md(start)}—{md(end)}之内"
        return [counting.window_result(label, counted, start, end, int(rule.get("min", 1)), as_of,
                                       late_until=span.end if span.end > end else None)]
    if kind == "per_cycle":
        return counting.per_cycle_results(rule, counted, span, as_of)
    if kind == "spread":
        return [counting.spread_result(rule, counted, span, as_of)]
    if kind == "occasions":
        return counting.occasions_results(rule, counted, span, as_of)
    if kind == "festival":
        return counting.festival_results(rule, records(year, task, as_of)[0], counted, span, as_of)
    if kind == "documents":
        due = rule.get("date") or span.end
        return [counting.window_result(f"有{k}", restrict(found, {"kinds": [k]}), span.start, due, 1, as_of)
                for k in rule["each"]]
    if kind == "evidence":
        activities, documents = records(year, task, as_of)
        out = []
        for a in activities:
            out += evaluate_activity_evidence(a, rule, rule.get("report_days"))
        for d in documents:
            out += evaluate_document_evidence(d, rule)
        return out
    if kind == "ratio":
        return [_ratio(year, staff, as_of, rule)]
    if kind == "hours_per_capita":
        return [_hours_per_capita(year, span, as_of, rule)]
    if kind == "quota":
        return _quota(year, as_of, rule, names)
    if kind == "refresh":
        return _refresh(year, as_of, rule)
    opens = _opens(year, task, span)
    if kind in ("judgement", "external") and as_of < opens:  # nothing is judged before the task's time begins
        label = f"{rule['word']}（人工评定）" if kind == "judgement" else f"标准见{rule['ref']}"
        return [RuleResult(label, Status.NOT_DUE, f"{md(opens)}开始", None, None, None, start=opens)]
    if kind == "judgement":
        return [_judgement(year, task, span, as_of, rule)]
    if kind == "external":
        return [RuleResult(f"标准见{rule['ref']}", Status.PENDING, f"标准见{rule['ref']}，尚未录入，需人工评定")]
    if kind == "event":
        return [_event(year, span, counted, as_of, rule)]
    raise AssertionError(kind)


def _event_dates(year: Year, rule: dict) -> tuple[dt.date, dt.date] | None:
    event = year.plan.event(rule["name"])
    return (event.start, event.end) if event is not None and event.start is not None else None


def _event_span(year: Year, task: Task, span: Span) -> Span:
    """The task's time narrowed to the event its deadline names (`测评期间`, `检查前10天`), when the date is known."""
    for rule in task.rules:
        dates = _event_dates(year, rule) if rule.get("bound") and rule["type"] == "event" else None
        if dates is None:
            continue
        start, end = dates
        if rule["relation"] in ("during", "on"):
            span = Span(max(span.start, start), min(span.end, end) if end >= span.start else span.end)
        elif rule["relation"] == "before":
            span = Span(span.start, start - dt.timedelta(days=rule.get("days") or 1))
        else:
            span = Span(end + dt.timedelta(days=1), span.end)
    return span


def _opens(year: Year, task: Task, span: Span) -> dt.date:
    """The first day of the task's own time: its start, or the start of the event it is held during."""
    starts = [span.start]
    for rule in task.rules:
        if rule["type"] == "event" and rule["relation"] in ("during", "on", "after"):
            event = year.plan.event(rule["name"])
            if event is not None and event.start is not None:
                starts.append(event.start if rule["relation"] != "after" else event.end + dt.timedelta(days=1))
    return max(starts)


def _judgement(year: Year, task: Task, span: Span, as_of: dt.date, rule: dict) -> RuleResult:
    word = rule["word"]
    label = f"{word}（人工评定）"
    found = [j for j in year.judgements if j.task == task.id and j.word in ("", word) and j.date <= as_of]
    if not found:
        why = f"，{rule['why']}" if rule.get("why") else ""
        return RuleResult(label, Status.PENDING, f"需人工评定“{word}”{why}，尚未评定")
    j = found[-1]
    note = f"：{j.note}" if j.note else ""
    if j.result:
        return RuleResult(label, Status.DONE, f"{j.by} {j.date.isoformat()} 评定达标{note}", 1, 1, j.date,
                          records=j.records)
    return RuleResult(label, Status.OVERDUE, f"{j.by} {j.date.isoformat()} 评定未达标{note}", 0, 1, j.date,
                      records=j.records)  # a person found it not met: it is late at once, not 进行中


def _event(year: Year, span: Span, found, as_of: dt.date, rule: dict) -> RuleResult:
    name, relation, days = rule["name"], rule["relation"], rule.get("days")
    words = {"during": "期间", "before": "前", "after": "后", "on": "当天"}[relation]
    label = f"{name}{words}" + (f"{days}天" if days else "")
    event = year.plan.event(name)
    if event is None or event.start is None:
        hint = "" if event else f"（在 plan.yml 的 events 中登记{name}的日期）"
        return RuleResult(label, Status.PENDING, f"{name}的日期尚未确定{hint}")
    if relation == "during" or relation == "on":
        return counting.window_result(label, found, event.start, event.end, 1, as_of)
    if relation == "before":
        due = event.start - dt.timedelta(days=days or 1)
        return counting.window_result(label, found, span.start, due, 1, as_of)
    end = event.end + dt.timedelta(days=days) if days else span.end
    return counting.window_result(label, found, event.end + dt.timedelta(days=1), end, 1, as_of)


def _refresh(year: Year, as_of: dt.date, rule: dict) -> list[RuleResult]:
    """善行义举榜 published every cycle: entries on the board dated in each period."""
    months = CYCLE_MONTHS[rule.get("cycle", "quarter")]
    grace = int(rule.get("grace_days", 0))
    shown = [h for h in year.honors if h.on_board and h.date <= as_of]
    out = []
    for first in range(1, 13, months):
        start, end = dt.date(year.year, first, 1), month_end(year.year, first + months - 1)
        due = end + dt.timedelta(days=grace)
        have = sum(1 for h in shown if start <= h.date <= end)
        status, reason = judge(have, 1, start, due, as_of, unit="期")
        reason = f"已公布 {have} 人" if have else reason
        out.append(RuleResult(f"{first}–{first + months - 1}月公布一期", status, reason, have, 1, due, start=start,
                              records=tuple(h.id for h in shown if start <= h.date <= end)))
    return out


def _ratio(year: Year, staff: int | None, as_of: dt.date, rule: dict) -> RuleResult:
    need, strict = float(rule["min"]), bool(rule.get("strict"))
    due = month_end(year.year, int(rule.get("by_month", 12)))
    label = f"志愿者占职工{'超过' if strict else ''}{need:.0%}{'' if strict else '以上'}"
    figure = year.volunteers.as_of(as_of)
    registered = figure.registered
    start = dt.date(year.year, 1, 1)
    if not staff or registered is None:
        status, _ = judge(0, 1, start, due, as_of)
        why = "缺少职工总数" if not staff else f"到{md(as_of)}还没有登记注册志愿者人数"
        return RuleResult(label, status, why, None, None, due)
    ratio = registered / staff
    when = f"（{figure.date.isoformat()} 统计）" if figure.date else ""
    if ratio > need or (ratio >= need and not strict):
        return RuleResult(label, Status.DONE, f"{registered}/{staff} = {ratio:.0%}{when}", registered, staff, due)
    missing = int(need * staff) + 1 - registered if strict else -(-int(need * staff * 10000) // 10000) - registered
    status, _ = judge(0, 1, start, due, as_of)
    return RuleResult(label, status, f"{ratio:.0%}{when}，还差{max(missing, 1)}人", registered, staff, due)


def _hours_per_capita(year: Year, span: Span, as_of: dt.date, rule: dict) -> RuleResult:
    need, strict = float(rule["min"]), bool(rule.get("strict"))
    hours = sum(a.volunteer_hours or 0 for a in year.activities if a.start <= as_of)
    registered = year.volunteers.as_of(as_of).registered or 0
    per = hours / registered if registered else 0.0
    label = f"志愿者人均{'超过' if strict else ''}{need:g}小时"
    if per > need or (per >= need and not strict):
        return RuleResult(label, Status.DONE, f"人均 {per:.1f} 小时", None, None, span.end)
    status, _ = judge(0, 1, span.start, span.end, as_of)
    target = f"超过 {need:g}" if strict else f"{need:g}"
    return RuleResult(label, status, f"人均 {per:.1f} 小时，目标 {target} 小时", None, None, span.end)


def _quota(year: Year, as_of: dt.date, rule: dict, names: dict[str, str]) -> list[RuleResult]:
    tally = next((t for t in year.tallies if t.id == rule.get("tally")), None)
    need = int(rule.get("per_month", 0))
    per_org = int(rule.get("per_org", 0))
    day = int(rule.get("by_day", 0))
    out = []
    for month in range(1, 13):
        due = dt.date(year.year, month, day) if day else month_end(year.year, month)
        start = dt.date(year.year, month, 1)
        known = tally is not None and start <= as_of  # a month not begun by as_of has no count yet
        if need:
            have = tally.month_total(month) if known else 0
            status, reason = judge(have, need, start, due, as_of, unit="条")
            out.append(RuleResult(f"{month}月合计不少于{need}条", status, reason, have, need, due, start=start))
        if per_org and tally:
            short = [names.get(o, o) for o, months in tally.values.items()
                     if not known or months.get(month, 0) < per_org]
            have = len(tally.values) - len(short)
            status, reason = judge(have, len(tally.values), start, due, as_of)
            if short and status != Status.NOT_DUE:
                reason = f"{len(short)}个报送单位不足{per_org}条：{'、'.join(short)}"
            out.append(RuleResult(f"{month}月各单位不少于{per_org}条", status, reason, have, len(tally.values), due,
                                  start=start))
    return out
