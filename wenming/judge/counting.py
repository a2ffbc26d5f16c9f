"""Counting requirements: dates, windows, counts, cycles, occasions, spread, festivals. Pure.

Each function takes the task's time (`start`, `end`: the task's own start and
time limit), the pieces of evidence a rule counts, and `as_of`. Windows are
"inside these days": a January record does not satisfy `3月`. A requirement met
after its due date is 逾期完成 and says how late.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..records.dates import month_end
from ..records.festivals import FESTIVALS, Window, festival_date, festival_of_tag
from ..records.model import Activity
from .evidence import Piece, what
from .status import RuleResult, judge, md

CYCLE_MONTHS = {"month": 1, "two_months": 2, "quarter": 3, "half_year": 6, "year": 12}
CYCLE_NAMES = {"week": "每周", "month": "每月", "two_months": "每两个月", "quarter": "每季度", "half_year": "每半年",
               "year": "每年"}


@dataclass(frozen=True)
class Span:
    """The task's own time: from its start (1 January or `从7月起`) to its time limit (31 December or its deadline)."""

    start: dt.date
    end: dt.date


def _need(rule: dict, default: int = 1) -> int:
    return int(rule.get("min", default))


def _late(found: list[Piece], have: int, need: int, after: dt.date, until: dt.date | None = None) -> dt.date | None:
    """The day the missing pieces arrived after `after` (and by `until`), if they did."""
    extra = [p for p in found if p.date > after and (until is None or p.date <= until)]
    missing = need - have
    return extra[missing - 1].date if 0 < missing <= len(extra) else None


def window_result(label: str, found: list[Piece], start: dt.date, end: dt.date, need: int, as_of: dt.date,
                  late_until: dt.date | None = None, maximum: int | None = None, unit: str = "次") -> RuleResult:
    """At least `need` pieces inside the window; a multi-day activity counts when any day of it is inside."""
    inside = [p for p in found if p.date <= end and p.last >= start]
    status, reason = judge(len(inside), need, start, end, as_of, _late(found, len(inside), need, end, late_until),
                           unit=unit)
    if maximum is not None and len(inside) > maximum:
        status, reason = judge(0, 1, start, end, as_of)[0], f"{len(inside)}次，超过了不超过{maximum}次的上限"
    early = [p for p in found if p.last < start]
    if len(inside) < need and early and status.name != "DONE_LATE":
        reason += f"（{md(early[-1].date)}的记录不在{md(start)}—{md(end)}之内，不计入）"
    used = inside
    if status.name == "DONE_LATE":  # the records that arrived late count too: list them with the ones inside
        used = inside + [p for p in found if p.date > end and (late_until is None or p.date <= late_until)][
            :need - len(inside)]
    return RuleResult(label, status, reason, len(inside), need, end, start=start,
                      records=tuple(dict.fromkeys(p.record for p in used)))


def due_results(rules: list[dict], found_of, span: Span, as_of: dt.date) -> list[RuleResult]:
    """`due` rules in date order: each needs its own piece after the previous due date, by its date."""
    out, used = [], set()
    previous: dict[tuple, dt.date] = {}
    for rule in sorted(rules, key=lambda r: r["date"]):
        found = [p for p in found_of(rule) if p.record not in used]
        key = tuple(rule.get("kinds") or ())
        start = max(previous.get(key, span.start), span.start)
        due = rule["date"]
        inside = [p for p in found if start <= p.date <= due]
        late = next((p for p in found if p.date > due), None)
        status, reason = judge(len(inside), 1, start, due, as_of, late.date if late else None)
        chosen = inside[:1] or ([late] if late and status.name == "DONE_LATE" else [])
        used.update(p.record for p in chosen)
        label = f"{md(due)}前有{what(rule)}"
        out.append(RuleResult(label, status, reason.replace("次", "份") if rule.get("kinds") else reason,
                              len(inside), 1, due, start=start, records=tuple(p.record for p in chosen), kind="due"))
        previous[key] = due + dt.timedelta(days=1)
    return out


def count_result(rule: dict, found: list[Piece], span: Span, as_of: dt.date) -> RuleResult:
    start, end = rule.get("start") or span.start, rule.get("end") or span.end
    need = _need(rule)
    label = rule.get("label") or f"不少于{need}{rule.get('measure', '次')}"
    return window_result(label, found, start, end, need, as_of, maximum=rule.get("max"), unit=rule.get("measure", "次"))


def cycles(kind: str, span: Span) -> list[tuple[dt.date, dt.date]]:
    """The cycles of the task's time, calendar-aligned, the first and last cut at its start and end."""
    out = []
    if kind == "week":
        day = span.start - dt.timedelta(days=span.start.weekday())
        while day <= span.end:
            out.append((max(day, span.start), min(day + dt.timedelta(days=6), span.end)))
            day += dt.timedelta(days=7)
        return out
    months = CYCLE_MONTHS[kind]
    y, m = span.start.year, (span.start.month - 1) // months * months + 1  # calendar-aligned, across a year end too
    while dt.date(y, m, 1) <= span.end:
        start, end = dt.date(y, m, 1), month_end(y, m + months - 1)
        if end >= span.start:
            out.append((max(start, span.start), min(end, span.end)))
        m += months
        if m > 12:
            y, m = y + 1, m - 12
    return out


def _in_span(month: int, span: Span) -> int:
    """The year of a month named without one, inside the task's time (a plan may run September to June)."""
    return span.start.year + (1 if month < span.start.month and span.end.year > span.start.year else 0)


def per_cycle_results(rule: dict, found: list[Piece], span: Span, as_of: dt.date) -> list[RuleResult]:
    need, kind = _need(rule), rule.get("cycle", "quarter")
    out = []
    spans = cycles(kind, span)
    for i, (start, end) in enumerate(spans):
        due = end
        if rule.get("due_day"):
            due = min(dt.date(start.year, start.month, rule["due_day"]), end)
        if kind == "week":
            label = f"{md(start)}—{md(end)}这一周不少于{need}次"
        elif kind == "month":
            label = f"{start.month}月不少于{need}次" + (f"（{rule['due_day']}日前）" if rule.get("due_day") else "")
        else:
            label = f"{start.month}–{end.month}月不少于{need}次"
        if start != dt.date(start.year, start.month, 1) or (kind != "week" and end != month_end(end.year, end.month)):
            label += f"（{md(start)}—{md(end)}）"
        last = i == len(spans) - 1  # after the last (perhaps shortened) cycle, a record is late, never missing
        result = window_result(label, found, start, due, need, as_of, late_until=None if last else end,
                               maximum=rule.get("max"), unit=rule.get("measure", "次"))
        out.append(result)
    return out


def occasions_results(rule: dict, found: list[Piece], span: Span, as_of: dt.date) -> list[RuleResult]:
    """Each listed month is a window (`1月、7月各一次`); each listed day has a few days either side."""
    out = []
    need = _need(rule)
    months = sorted(rule.get("months", []))
    months = sorted(months, key=lambda m: (_in_span(m, span), m))
    for i, month in enumerate(months):
        y = _in_span(month, span)
        start, end = dt.date(y, month, 1), month_end(y, month)
        nxt = dt.date(_in_span(months[i + 1], span), months[i + 1], 1) - dt.timedelta(days=1) if i + 1 < len(months) else None
        out.append(window_result(f"{month}月开展{'一' if need == 1 else need}次", found, start, end, need, as_of,
                                 late_until=nxt))
    window = int(rule.get("window", 7))
    for text in rule.get("dates", []):
        day = dt.date.fromisoformat(f"{span.start.year}-{text}")
        start, end = day - dt.timedelta(days=window), day + dt.timedelta(days=window)
        out.append(window_result(f"{md(day)}前后开展", found, start, end, 1, as_of))
    return out


def spread_result(rule: dict, found: list[Piece], span: Span, as_of: dt.date) -> RuleResult:
    inside = [p for p in found if span.start <= p.date <= span.end]
    by_month: dict[int, int] = {}
    for p in inside:
        by_month[p.date.month] = by_month.get(p.date.month, 0) + 1
    records = tuple(p.record for p in inside)
    if "max_per_month" in rule:
        cap = int(rule["max_per_month"])
        crowded = sorted(m for m, n in by_month.items() if n > cap)
        status = judge(0, 1, span.start, span.end, as_of)[0] if crowded else judge(1, 1, span.start, span.end, as_of)[0]
        reason = (f"{'、'.join(f'{m}月' for m in crowded)}集中开展，超过每月{cap}次" if crowded else "分布均匀")
        return RuleResult(f"每月不超过{cap}次", status, reason, len(inside), None, span.end, start=span.start,
                          records=records)
    need = int(rule.get("months", 1))
    status, reason = judge(len(by_month), need, span.start, span.end, as_of, unit="个月")
    return RuleResult(f"分布在不少于{need}个月", status, reason, len(by_month), need, span.end, start=span.start,
                      records=records)


def _festival_in(name: str, span: Span) -> dt.date:
    """The festival's date inside the task's time (in a plan across two years, whichever year holds it)."""
    days = [festival_date(name, y) for y in range(span.start.year, span.end.year + 1)]
    return next((d for d in days if span.start <= d <= span.end), days[0])


def festival_results(rule: dict, activities: list[Activity], found: list[Piece], span: Span,
                     as_of: dt.date) -> list[RuleResult]:
    """我们的节日. With `relation`: before (by the day before) or on the festival day. Otherwise tagged
    activities inside the window around each festival (`before`/`after` days)."""
    if rule.get("relation"):
        out = []
        for name in rule.get("festivals") or FESTIVALS:
            day = _festival_in(name, span)
            if rule["relation"] == "on":
                out.append(window_result(f"{name}（{md(day)}）当天", found, day, day, 1, as_of, late_until=span.end))
            else:
                due = day - dt.timedelta(days=1)
                out.append(window_result(f"{name}（{md(day)}）前", found, span.start, due, 1, as_of,
                                         late_until=span.end))
        return out
    window = Window(int(rule.get("before", 15)), int(rule.get("after", 7)))
    names = rule.get("festivals") or list(FESTIVALS)
    covered: dict[str, list[Activity]] = {}
    after: dict[str, list[Activity]] = {}
    for a in activities:
        for tag in a.tags:
            name = festival_of_tag(tag)
            if name not in names:
                continue
            first, last = window.bounds(_festival_in(name, span))
            if a.start <= last and a.end >= first:  # any day of the activity around the festival
                covered.setdefault(name, []).append(a)
                break
            if a.start > last:
                after.setdefault(name, []).append(a)
    out = []
    if rule.get("festivals"):
        for name in names:
            day = _festival_in(name, span)
            start, due = day - dt.timedelta(days=window.before), day + dt.timedelta(days=window.after)
            have = len(covered.get(name, ()))
            late = after.get(name, [])[:1] if not have else []
            status, reason = judge(have, 1, start, due, as_of, late[0].start if late else None)
            used = covered.get(name, []) or (late if status.name == "DONE_LATE" else [])
            out.append(RuleResult(f"{name}（{md(day)}）前后开展", status, reason, have, 1, due, start=start,
                                  records=tuple(a.id for a in used)))
    if "min" in rule:
        need = int(rule["min"])
        status, reason = judge(len(covered), need, span.start, span.end, as_of, unit="个节日")
        done = "、".join(n for n in FESTIVALS if n in covered)
        reason = f"{reason}（已覆盖：{done}）" if done else reason
        out.append(RuleResult(f"我们的节日活动不少于{need}个节日", status, reason, len(covered), need, span.end,
                              start=span.start, records=tuple(a.id for n in FESTIVALS for a in covered.get(n, ())[:1])))
    return out
