"""Comparing an imported draft with a hand-written expected.yml (tests/fixtures/plans/layouts/, unseen/).

A task is *right* when its id, text, departments, time limits, frequencies, owner and leader (and those of each
subtask) are what the expected file says; time phrases are compared by what the phrase reader reads in them.
A wrong task is *marked* when the draft carries a `# 待确认：` note on it (or a subtask) beyond the routine
"no time limit, written as 全年" one; a wrong task without such a note is *silently wrong*.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from wenming.api import load_dataset
from wenming.authoring.importer import import_plan
from wenming.records.load import load_repository
from wenming.records.phrases import read_phrase

ROUTINE = "方案没有写这项任务的时限"


def signature(phrases, year: int) -> list:
    """What the phrases ask, as the reader reads them; the verbatim cut and document kinds aside."""
    out = set()
    for phrase in phrases:
        reading = read_phrase(phrase, year)
        assert reading.ok, (phrase, reading.error)
        for r in reading.readings:
            values = {k: v for k, v in r.values.items() if k not in ("kinds", "word", "of", "text")}
            out.add((r.kind, tuple(sorted((k, str(v)) for k, v in values.items()))))
    return sorted(out)


@dataclass
class Measured:
    right: int = 0
    total: int = 0
    wrong: list[str] = field(default_factory=list)
    silent: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)
    """Differences outside the tasks (leaders, phases, schedule, rubric, notes, categories)."""


def import_folder(folder: Path, tmp: Path, shared_unit: Path | None = None):
    """(expected, import result, loaded dataset) of one fixture folder."""
    expected = yaml.safe_load((folder / "expected.yml").read_text(encoding="utf-8"))
    data = tmp / "data"
    data.mkdir(parents=True)
    unit = folder / "unit.yml"
    shutil.copy(unit if unit.is_file() else shared_unit, data / "unit.yml")
    files = [folder / name for name in expected.get("files", [])] or \
        [next(p for p in sorted(folder.iterdir()) if p.stem == "plan")]
    source = files[0] if len(files) == 1 else files
    result = import_plan(source, load_repository(data, "data"), expected.get("import_year"))
    (data / str(result.draft.year)).mkdir()
    (data / str(result.draft.year) / "plan.yml").write_text(result.text, encoding="utf-8")
    return expected, result, load_dataset(data, "data")


def _differs(task, want: dict, year: int, top: bool = True) -> list[str]:
    out = []
    if task.text.rstrip("。；;") != want["text"].rstrip("。；;"):
        out.append(f"text {task.text!r}")
    if (list(task.lead), list(task.coop)) != (want.get("lead", []), want.get("coop", [])):
        out.append(f"departments {list(task.lead)}/{list(task.coop)}")
    if signature([d.text for d in task.deadlines], year) != signature(want.get("deadline", []), year):
        out.append(f"deadline {[d.text for d in task.deadlines]}")
    if signature(task.frequency, year) != signature(want.get("frequency", []), year):
        out.append(f"frequency {list(task.frequency)}")
    if top and task.phase != want.get("phase", ""):  # a subtask is in its task's step
        out.append(f"phase {task.phase!r}")
    for person in ("owner", "leader"):
        if getattr(task, person) != want.get(person, ""):
            out.append(f"{person} {getattr(task, person)!r}")
    got = {s.id: s for s in task.subtasks}
    wanted = want.get("subtasks", [])
    for sub in wanted:
        if sub["id"] not in got:
            out.append(f"subtask {sub['id']} missing")
        else:
            out += [f"{sub['id']} {d}" for d in _differs(got[sub["id"]], sub, year, top=False)]
    extra = sorted(set(got) - {s["id"] for s in wanted})
    out += [f"subtask {s} not in the plan" for s in extra]
    return out


def _marked(draft_task) -> bool:
    if draft_task is None:
        return False
    notes = list(draft_task.notes) + [n for s in getattr(draft_task, "subtasks", []) for n in s.notes]
    return any(ROUTINE not in n.reason for n in notes)


def measure(expected: dict, result, dataset) -> Measured:
    year = expected["year"]
    out = Measured()
    errors = [p.format() for p in dataset.problems if p.is_error]
    if errors:
        out.other.append(f"check fails: {errors[:3]}")
    plan = dataset.years[0].plan if dataset.years else None
    got = {t.id: t for t in plan.tasks} if plan else {}
    drafts = {t.id: t for t in result.draft.tasks}
    for want in expected["tasks"]:
        task = got.get(want["id"])
        if task is None:
            out.wrong.append(f"{want['id']}: missing")
            out.silent.append(want["id"])
            continue
        differs = _differs(task, want, year)
        if differs:
            out.wrong.append(f"{want['id']}: {'; '.join(differs)}")
            if not _marked(drafts.get(want["id"])):
                out.silent.append(want["id"])
        else:
            out.right += 1
    extra = sorted(set(got) - {w["id"] for w in expected["tasks"]})
    out.wrong += [f"{tid}: not in the plan" for tid in extra]
    out.silent += [tid for tid in extra if not _marked(drafts.get(tid))]
    out.total = len(expected["tasks"]) + len(extra)
    if plan is not None:
        _others(expected, plan, result, out)
    return out


def _others(expected: dict, plan, result, out: Measured) -> None:
    if "categories" in expected and len(plan.categories) != expected["categories"]:
        out.other.append(f"categories {len(plan.categories)} (expected {expected['categories']})")
    if "leaders" in expected:
        got = [[m.role, m.name, m.post] for m in plan.leading_group]
        if got != expected["leaders"]:
            out.other.append(f"leaders {got}")
    if "phases" in expected:
        got = sorted([p.name, p.start.isoformat(), p.end.isoformat()] for p in plan.phases)
        want = sorted([n, str(a), str(b)] for n, a, b in expected["phases"])
        if got != want:
            out.other.append(f"phases {got}")
    texts = {p.name: p.text.strip() for p in plan.phases}
    for name, words in expected.get("phase_text", {}).items():
        if texts.get(name) != words:
            out.other.append(f"phase {name} text {texts.get(name)!r}")
    if "schedule" in expected:
        got = [[s.month, s.when] for s in plan.schedule]
        if got != expected["schedule"]:
            out.other.append(f"schedule {got}")
    if "rubric" in expected:
        got = [{"items": len(r.items), "total": r.total} for r in plan.rubrics]
        if got != [expected["rubric"]]:
            out.other.append(f"rubric {got}")
    for words in expected.get("notes", []):
        if words not in result.text:
            out.other.append(f"the draft does not say {words!r}")
