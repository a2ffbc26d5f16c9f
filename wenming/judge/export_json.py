"""A year's evaluation as JSON for tools (`wenming status --json`). Pure.

`{"year", "as_of", "counts": {status: n}, "tasks": [{"id", "title", "status", "reason", "lead",
"deadline", "frequency", "late", "subtasks": [{"id", "title", "status", "reason", …}], "requirements": [{"subtask",
"kind", "label", "rule", "status", "reason", "start", "due", "have", "need", "record", "records"}]}]}`; dates ISO,
statuses in Chinese; `late`: how many requirements were met after their due date.
"""

from __future__ import annotations

import json

from ..records.planmodel import Plan
from .progress import STATUS_ORDER, YearProgress


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def _own(res, sub_id: str) -> dict:
    sub = res.subtask_result(sub_id)
    return {"status": sub.status.value, "reason": sub.reason} if sub else {"status": None, "reason": None}


def progress_json(p: YearProgress, plan: Plan) -> dict:
    tasks = []
    for task in plan.tasks:
        res = p.tasks[task.id]
        tasks.append({
            "id": task.id, "title": task.title, "status": res.status.value, "reason": res.reason,
            "lead": list(task.lead), "owner": task.owner or None, "leader": task.leader or None,
            "deadline": [d.text for d in task.deadlines], "frequency": list(task.frequency),
            "start": _iso(task.start), "end": _iso(task.end),
            "late": res.late,
            "subtasks": [{"id": s.id, "title": s.title, "lead": list(s.lead), "owner": s.owner or None,
                          "leader": s.leader or None, **_own(res, s.id)} for s in task.subtasks],
            "requirements": [{
                "subtask": r.subtask or None,
                "kind": r.kind or None, "label": r.label, "rule": r.rule or None, "status": r.status.value,
                "reason": r.reason, "start": _iso(r.start), "due": _iso(r.due), "have": r.have, "need": r.need,
                "record": r.record, "records": list(r.records),
            } for r in res.rules],
        })
    return {"year": p.year, "as_of": p.as_of.isoformat(),
            "counts": {s.value: p.overall.counts.get(s, 0) for s in STATUS_ORDER},
            "completion": round(p.overall.completion, 4), "tasks": tasks}


def render_progress_json(p: YearProgress, plan: Plan) -> str:
    return json.dumps(progress_json(p, plan), ensure_ascii=False, indent=2)
