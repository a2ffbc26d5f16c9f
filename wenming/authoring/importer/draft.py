"""Import a plan document as a draft `plan.yml` that `wenming check` accepts.

`import_plan()` reads the document, recognises its structure, writes the YAML, and checks it
with the validator `wenming check` uses: every field the validator rejects (an error, or a
warning such as a field this version does not know) is turned into a `# 待确认：` comment with
the validator's message and the source paragraph, and the draft is checked again, until it passes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ...records.load import RawRepo
from ...records.phrases import read_phrase
from ...records.problems import Problem
from ...records.unit import validate_unit
from ..scaffold import NewFile, check_new
from .model import PlanDraft
from .limits import PHRASE_SECONDS, Clock, ReadError
from .outline import recognise
from .readers import read_documents
from .writer import Key, render

_UNFIXABLE = {"id", "number", "title", "text"}  # structure: commenting these out would break the draft


class ImportProblem(Exception):
    """A document or a data folder the import cannot go on with; `str()` is the message."""


@dataclass
class Imported:
    draft: PlanDraft
    text: str
    """The YAML of the draft plan."""
    rejected: dict[Key, str] = field(default_factory=dict)
    """Fields the validator did not accept, with its message (now comments in `text`)."""
    remaining: list[Problem] = field(default_factory=list)
    """Errors the draft still has (none, unless the importer has a bug)."""

    @property
    def tasks(self) -> int:
        return len(self.draft.tasks)

    @property
    def readable_deadlines(self) -> int:
        """Tasks whose time limits and frequencies, as the plan states them, the phrase reader reads."""
        year = self.draft.year
        return sum(1 for t in self.draft.tasks if not t.defaulted and (t.deadlines or t.frequencies)
                   and all(read_phrase(p, year).ok for p in t.deadlines + t.frequencies))

    @property
    def defaulted(self) -> int:
        """Tasks for which the plan states no time limit and no frequency (written as 全年, marked)."""
        return sum(1 for t in self.draft.tasks if t.defaulted)

    @property
    def to_confirm(self) -> int:
        return self.text.count("# 待确认：")


def import_plan(source: Path | list[Path], raw: RawRepo, year: int | None = None, clock: Clock | None = None) -> Imported:
    """The draft plan of `source` (the plan, or the plan and its attachments), checked against the data
    repository `raw` (its unit.yml and that year)."""
    sources = list(source) if isinstance(source, (list, tuple)) else [source]
    if raw.unit is None or not raw.unit.ok:
        raise ImportProblem(f"{raw.root}/unit.yml: 缺少或读不出单位信息。导入方案要用到其中的部门（departments），"
                            "请先按用户指南 → 数据格式建立 unit.yml，并运行 wenming check 改正。")
    if year is not None and not 1990 <= year <= 2100:
        raise ImportProblem(f"--year {year}: 年度应在 1990 到 2100 之间。")
    try:
        blocks = read_documents(sources)
    except ReadError as exc:
        raise ImportProblem(str(exc)) from None
    unit = validate_unit(raw.unit, [])
    draft = recognise(blocks, unit, year, clock or Clock(PHRASE_SECONDS))
    if not 1990 <= draft.year <= 2100:
        named = f"写的是 {draft.year} 年，不在 1990 到 2100 年之间" if draft.year else "看不出这是哪一年的方案"
        raise ImportProblem(f"{sources[0]}: {named}。请加上 --year，如 --year 2019。")
    return check_draft(draft, raw, "、".join(s.name for s in sources))


def check_draft(draft: PlanDraft, raw: RawRepo, source_name: str) -> Imported:
    """Render, validate, comment out what the validator rejects; repeat until nothing more is rejected."""
    rejected: dict[Key, str] = {}
    path = f"{draft.year}/plan.yml"
    for _ in range(50):
        rendered = render(draft, rejected, source_name)
        problems = check_new(raw, [NewFile(path, rendered.text)])
        new = {}
        for problem in problems:
            key = rendered.keys.get(problem.line or 0)
            if key is None or key in rejected or key[-1] in _UNFIXABLE:
                continue
            field_name = problem.field.rsplit(".", 1)[-1]
            message = f"{field_name}: {problem.message}" if field_name else problem.message
            if problem.message.startswith("未知字段"):
                message += f"（这一版的 wenming 还不认识 {field_name}，先留作注释）"
            new.setdefault(key, message)
        if not new:
            remaining = [p for p in problems if p.is_error]
            return Imported(draft, rendered.text, rejected, remaining)
        rejected.update(new)
    raise AssertionError("the draft did not settle")  # pragma: no cover
