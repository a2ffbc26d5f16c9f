"""Readings of the plan's phrases → the structured rules an editor can also write by hand. Pure.

A task's `deadline:` and `frequency:` phrases are read by :func:`~.phrases.read_phrase`;
each reading becomes one rule dict of the same shape `rules:` takes (see `rulespec`),
labelled with the phrase. The task's own time is bounded here too:
:func:`task_bounds` gives its start (`从7月起`) and its end (its 时限, when the
deadline states only dates), which every counting rule of the task respects.
"""

from __future__ import annotations

import datetime as dt

from .model import Deadline
from .phrases import PhraseReading, Reading

_DATED = ("due", "window", "on", "each_month")


def rule_of(reading: Reading, label: str, origin: str) -> dict:
    """One reading → one rule dict (`{"type": …, "label": phrase, "origin": "deadline"|"frequency"}`)."""
    v = reading.values
    base = {"label": label, "origin": origin}
    kind = reading.kind
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
        return {"type": kind, **{k: v[k] for k in ("cycle", "min", "max", "strict", "due_day") if k in v}, **base}
    if kind == "each_month":
        return {"type": "occasions", "months": list(v["months"]), "min": v["min_each"], **base}
    if kind == "after_record":
        return {"type": "evidence", "report_days": v["days"], **base}
    if kind == "festival":
        return {"type": "festival", "festivals": list(v["names"]), "relation": v["relation"], **base}
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


def deadline_of(pr: PhraseReading) -> Deadline:
    """The display form of one deadline phrase (the pages' month deadlines, the ledger's dates)."""
    kinds = {r.kind for r in pr.readings}
    dates = sorted({r.get("date") or r.get("end") for r in pr.readings if r.kind in ("due", "window", "on")})
    if "after_record" in kinds and not dates:
        days = next(r.get("days") for r in pr.readings if r.kind == "after_record")
        return Deadline(pr.phrase, "relative", (), days)
    if kinds & {"per_cycle"} and not dates:
        return Deadline(pr.phrase, "recurring", ())
    if "each_month" in kinds:
        from .deadlines import month_end
        dates = sorted(set(dates) | {month_end(pr.year, m) for r in pr.readings if r.kind == "each_month"
                                     for m in r.get("months")})
    return Deadline(pr.phrase, "absolute" if dates else "other", tuple(dates))


def task_bounds(deadline: list[PhraseReading], rules: list[dict], year: int) -> tuple[dt.date | None, dt.date | None]:
    """(start, end) of a task: `from` readings or rules start it; a deadline of dates only ends it.

    A deadline that states only dates (`10月底前`, `[5月底, 8月底]`, `3月`) is the task's time limit:
    counts are due by its last date and cycles are cut at it. A deadline that also says
    `活动结束5日内` or a cycle names steps, not a time limit, and the task runs to the year's end.
    """
    starts = [r["date"] for r in rules if r.get("type") == "from"]
    readings = [r for pr in deadline for r in pr.readings]
    end = None
    if readings and all(r.kind in _DATED for r in readings):
        from .deadlines import month_end
        ends = [r.get("date") or r.get("end") or month_end(year, max(r.get("months")))
                for r in readings]
        end = max(ends)
    return (max(starts) if starts else None), end
