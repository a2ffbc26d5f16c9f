"""Readings of the plan's phrases → the structured rules an editor can also write by hand. Pure.

A task's `deadline:` and `frequency:` phrases are read by :func:`~.phrases.read_phrase`;
each reading becomes one rule dict of the same shape `rules:` takes (see `rulespec`),
labelled with the phrase. The task's own time is bounded here too:
:func:`task_bounds` gives its start (`从7月起`) and its end (its 时限, when the
deadline states only dates), which every counting rule of the task respects.
"""

from __future__ import annotations

import datetime as dt

from .planmodel import Deadline
from .phrases import PhraseReading, Reading

_DATED = ("due", "window", "on", "each_month")
_NOT_REQUIREMENTS = ("evidence", "from")
_FIGURES = ("ratio", "hours_per_capita")
"""Requirements met by a figure, not by records: a deadline beside them still asks for a record by its date."""
"""Rule types that are no requirement of their own: per-record checks and a later start."""


_JUDGED_CYCLES = {"day": "每天的要求由人工评定", "years": "几年一次的要求由人工评定本年是否需要"}


def into_period(day: dt.date, period: tuple[dt.date, dt.date] | None) -> dt.date:
    """A date the plan names, in a plan that runs across two years (September to June): a month before the
    plan's first month is in the plan's second year (`3月底前` in a 2023—2024 school year is 2024-03-31)."""
    if period is None or period[0].year == period[1].year or day >= period[0]:
        return day
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def reading_in_period(reading: Reading, period: tuple[dt.date, dt.date] | None) -> Reading:
    values = {k: into_period(v, period) if isinstance(v, dt.date) else v for k, v in reading.values.items()}
    if reading.kind == "window" and values["end"] < values["start"]:
        values["end"] = into_period(values["end"].replace(year=values["start"].year - 1), period)
    return Reading(reading.kind, values)


def rule_in_period(rule: dict, period: tuple[dt.date, dt.date] | None) -> dict:
    out = {k: into_period(v, period) if isinstance(v, dt.date) else v for k, v in rule.items()}
    return out


def rule_of(reading: Reading, label: str, origin: str, year: int | None = None) -> dict:
    """One reading → one rule dict (`{"type": …, "label": phrase, "origin": "deadline"|"frequency"}`).

    What the counting rules cannot measure exactly (a daily duty, every two weeks, a quota per person or per
    department, hours per week, a duration without a start, a condition) becomes a judgement with its reason:
    待评定 until a person judges it, never a count it does not say."""
    v = reading.values
    base = {"label": label, "origin": origin}
    kind = reading.kind
    why = _judged_why(reading)
    if why:
        return {"type": "judgement", "word": label, "why": why, **base}
    if kind in ("due", "window", "on"):
        rule = ({"type": "due", "date": v["date"]} if kind == "due" else
                {"type": "window", "start": v["date"], "end": v["date"]} if kind == "on" else
                {"type": "window", "start": v["start"], "end": v["end"]})
        if v.get("kinds"):
            rule["kinds"] = list(v["kinds"])
        return {**rule, **base}
    if kind == "from":
        return {"type": "from", "date": v["date"], **base}
    if kind in ("per_cycle", "count"):
        rule = {"type": kind, **{k: v[k] for k in ("cycle", "min", "max", "strict", "due_day", "measure") if k in v},
                **base}
        if v.get("kinds"):
            rule["kinds"] = list(v["kinds"])
        return rule
    if kind == "each_month":
        return {"type": "occasions", "months": list(v["months"]), "min": v["min_each"], **base}
    if kind == "after_record":
        return {"type": "evidence", "report_days": v["days"], **base}
    if kind == "festival":
        return _festival_rule(v, base, year)
    if kind == "event":
        return {"type": "event", **{k: v[k] for k in ("name", "relation", "days") if k in v}, **base}
    if kind == "judgement":
        return {"type": "judgement", "word": v["word"], **base}
    if kind == "external":
        return {"type": "external", "ref": v["ref"], **base}
    if kind == "ratio":
        if "志愿" not in v.get("of", ""):  # only the volunteer ratio is counted by the tool
            return {"type": "judgement", "word": label, "why": "工具不统计这个比例", **base}
        return {"type": "ratio", "min": v["min"], "strict": v["strict"], **base}
    if kind == "hours":
        return {"type": "hours_per_capita", "min": v["min"], "strict": v["strict"], **base}
    raise AssertionError(kind)


def _judged_why(reading: Reading) -> str:
    v, kind = reading.values, reading.kind
    if kind == "condition":
        return "这是条件（如扣分的情形），不是要完成的要求"
    if kind == "within":
        return f"{v['days']}天内：没有写从哪天算起，由人工评定"
    if kind in ("per_cycle", "hours", "ratio") and v.get("cycle") in _JUDGED_CYCLES:
        return _JUDGED_CYCLES[v["cycle"]]
    if kind in ("per_cycle", "hours", "ratio") and v.get("every"):
        return "按几周（或几天）一次考核的要求由人工评定"
    if kind in ("hours", "ratio") and v.get("cycle") not in (None, "year"):
        return "工具只按全年统计时长和比例，按周或按月的要求由人工评定"
    if kind in ("per_cycle", "count") and v.get("per"):
        return f"要求按每个{v['per']}计算，由人工评定"
    return ""


_HOLIDAY_DAYS = {"元旦": (1, 1, 3), "劳动节": (5, 1, 5), "国庆": (10, 1, 7)}


def _festival_rule(v: dict, base: dict, year: int | None) -> dict:
    """Lunar festivals are the festival rule (`during`: the days around it); a fixed holiday alone (元旦,
    劳动节, 国庆) is its dates in the plan's year; a list mixing both is judged by a person."""
    names = [n for n in v["names"] if n not in _HOLIDAY_DAYS]
    fixed = [n for n in v["names"] if n in _HOLIDAY_DAYS]
    if fixed and (names or len(fixed) > 1 or year is None):
        return {"type": "judgement", "word": base["label"], "why": "节日里有农历节日也有公历假日，由人工评定", **base}
    if fixed:
        m, d, length = _HOLIDAY_DAYS[fixed[0]]
        day = dt.date(year, m, d)
        if v["relation"] == "before":
            return {"type": "due", "date": day - dt.timedelta(days=1), **base}
        end = day if v["relation"] == "on" else day + dt.timedelta(days=length - 1)
        return {"type": "window", "start": day, "end": end, **base}
    rule = {"type": "festival", "festivals": names, **base}
    if v["relation"] in ("before", "on"):
        rule["relation"] = v["relation"]
    return rule


def deadline_of(pr: PhraseReading, period: tuple[dt.date, dt.date] | None = None) -> Deadline:
    """The display form of one deadline phrase (the pages' month deadlines, the ledger's dates)."""
    kinds = {r.kind for r in pr.readings}
    dates = sorted({r.get("date") or r.get("end") for r in pr.readings if r.kind in ("due", "window", "on")})
    if "after_record" in kinds and not dates:
        days = next(r.get("days") for r in pr.readings if r.kind == "after_record")
        return Deadline(pr.phrase, "relative", (), days)
    if kinds & {"per_cycle"} and not dates:
        return Deadline(pr.phrase, "recurring", ())
    if "each_month" in kinds:
        from .dates import month_end
        dates = sorted(set(dates) | {into_period(month_end(pr.year, m), period) for r in pr.readings if r.kind == "each_month"
                                     for m in r.get("months")})
    return Deadline(pr.phrase, "absolute" if dates else "other", tuple(dates))


def task_bounds(deadline: list[PhraseReading], rules: list[dict], year: int,
                period: tuple[dt.date, dt.date] | None = None) -> tuple[dt.date | None, dt.date | None]:
    """(start, end) of a task: `from` readings or rules start it; a deadline of dates only ends it.

    A deadline that states only dates (`10月底前`, `[5月底, 8月底]`, `3月`) is the task's time limit:
    counts are due by its last date and cycles are cut at it. A deadline that also says
    `活动结束5日内` or a cycle names steps, not a time limit, and the task runs to the year's end.
    """
    starts = [r["date"] for r in rules if r.get("type") == "from"]
    starts += [r["start"] for r in rules if r.get("bound") and r["type"] == "window"]
    readings = [r for pr in deadline for r in pr.readings]
    end = None
    if readings and all(r.kind in _DATED for r in readings):
        from .dates import month_end
        ends = [r.get("date") or r.get("end") or max(into_period(month_end(year, m), period) for m in r.get("months"))
                for r in readings]
        end = max(ends)
    return (max(starts) if starts else None), end


def merge_rules(rules: list[dict], year: int) -> list[dict]:
    """One rule per requirement: drop readings of the plan's phrases that say what a more specific rule says.

    Only rules read from `deadline:`/`frequency:` (they carry `origin`) are dropped; rules written by
    hand are kept as written. A reading is dropped when

    - a hand-written rule of the same type and shape says it more exactly (`每季度报送1篇` and
      `{type: per_cycle, cycle: quarter, kinds: [工作信息]}`), or another reading is identical;
    - it is a deadline date or month (`[1月底, 7月底]`) and a window the plan names falls in its
      stretch (`1月、7月各一次`, `5月4日`): the window is the requirement, the deadline its time limit;
    - it is a count (`全年至少召开2次`) that named windows, deadline dates, festivals or a spread over
      months already require (two occasions, two deadline dates, 4 festivals, 4 different months);
    - it is a cycle (`每月`, `每月25日前`) of a task measured by a tally's monthly quota: the tally is
      the evidence, and a due day the quota lacks passes to it (`by_day`);
    - it is the whole year (`全年`) and the task states any other requirement: then `全年` only says when.
    """
    out = [dict(r) for r in rules]
    drop: set[int] = set()
    read = [i for i, r in enumerate(out) if r.get("origin")]
    written = [r for r in out if not r.get("origin")]
    seen: set[tuple] = set()
    for i in read:
        shape = _shape(out[i])
        if shape in seen or any(_shape(w)[:2] == shape[:2] and _same_kind(out[i], w) for w in written):
            drop.add(i)
        seen.add(shape)
    drop |= _deadlines_inside_windows(out, read, year)
    quota = next((r for r in out if r["type"] == "quota"), None)
    for i in read:
        r = out[i]
        if quota is not None and r["type"] == "per_cycle" and r.get("cycle") != "week" and not r.get("kinds"):
            drop.add(i)
            if r.get("due_day") and "by_day" not in quota:
                quota["by_day"] = r["due_day"]
        if r["type"] == "count" and not (r.get("kinds") or r.get("start") or r.get("end")) \
                and _implied_count([o for j, o in enumerate(out) if j != i and j not in drop]) >= r.get("min", 1):
            drop.add(i)
    others = [r for j, r in enumerate(out) if j not in drop and r["type"] not in _NOT_REQUIREMENTS]
    for i in read:
        r = out[i]
        if r["type"] == "window" and r["start"] <= dt.date(year, 1, 1) and r["end"] >= dt.date(year, 12, 31) \
                and any(o is not r for o in others):
            drop.add(i)
    # a deadline's date, window or event beside another requirement is when that requirement is done, and holds
    # it back (未开始 before it opens); it never asks for a record of its own that the other already asks for
    kept = [r for i, r in enumerate(out) if i not in drop]
    steps = any(r.get("origin") == "deadline" and not _is_time(r) for r in kept)  # `[3月底, 活动结束5日内]`: steps
    if not steps and any(r["type"] not in (*_NOT_REQUIREMENTS, *_FIGURES) and not _is_time(r) for r in kept):
        for r in kept:  # the time a requirement is done in, never a requirement of its own beside it
            if _is_time(r):
                r["bound"] = True
    return kept


def _is_time(rule: dict) -> bool:
    """A deadline phrase's date, window or event, naming no kind of document: when the task is done."""
    return rule.get("origin") == "deadline" and rule["type"] in ("due", "window", "event") and not rule.get("kinds")


def _shape(rule: dict) -> tuple:
    keys = {"due": ("date",), "window": ("start", "end"), "count": (), "per_cycle": ("cycle",),
            "occasions": ("months", "dates"), "festival": ("festivals", "relation"), "judgement": ("word",),
            "external": ("ref",), "event": ("name", "relation")}.get(rule["type"])
    if keys is None:
        return (rule["type"], id(rule))
    return (rule["type"], tuple(str(rule.get(k)) for k in keys),
            tuple(sorted((k, str(v)) for k, v in rule.items() if k not in ("label", "origin", *keys))))


def _same_kind(read: dict, written: dict) -> bool:
    """A written rule restates a reading when it counts the same or a narrower sort of evidence."""
    return not read.get("kinds") or read.get("kinds") == written.get("kinds")


def _anchors(rule: dict, year: int) -> list[dt.date]:
    """The days a named window stands for: each occasion (its day, or its month's end), a window's end."""
    from .dates import month_end
    if rule["type"] == "occasions":
        return ([month_end(year, m) for m in rule.get("months", ())] +
                [dt.date.fromisoformat(f"{year}-{d}") for d in rule.get("dates", ())])
    if rule["type"] == "window" and not rule.get("origin") == "deadline":
        return [rule["end"]]
    return []


def _deadlines_inside_windows(rules: list[dict], read: list[int], year: int) -> set[int]:
    """Deadline dates and months (without named kinds) inside whose stretch the plan names a window."""
    items = sorted((i for i in read if rules[i].get("origin") == "deadline" and not rules[i].get("kinds")
                    and rules[i]["type"] in ("due", "window")), key=lambda i: _end(rules[i]))
    anchors = [d for j, r in enumerate(rules) if j not in items for d in _anchors(r, year)]
    out, previous = set(), dt.date(year, 1, 1) - dt.timedelta(days=1)
    for i in items:
        end = _end(rules[i])
        if any(previous < d <= end for d in anchors):
            out.add(i)
        previous = end
    return out


def _end(rule: dict) -> dt.date:
    return rule["date"] if rule["type"] == "due" else rule["end"]


def _implied_count(rules: list[dict]) -> int:
    """How many pieces of evidence the other rules require at least (by the task's time limit)."""
    best = sum(1 for r in rules if r["type"] == "due" and not r.get("kinds"))
    best += sum(1 for r in rules if r["type"] == "window" and r.get("origin") == "deadline" and not r.get("kinds"))
    for r in rules:
        if r["type"] == "occasions":
            best = max(best, len(r.get("months", ())) * int(r.get("min", 1)) + len(r.get("dates", ())))
        elif r["type"] == "spread" and r.get("months"):
            best = max(best, int(r["months"]))
        elif r["type"] == "festival" and r.get("min"):
            best = max(best, int(r["min"]))
    return best
