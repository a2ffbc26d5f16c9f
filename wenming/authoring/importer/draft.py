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
from .model import Note, PlanDraft
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
    try:
        draft = recognise(blocks, unit, year, clock or Clock(PHRASE_SECONDS))
    except RecursionError:
        raise ImportProblem(f"{sources[0]}: 文档的结构嵌套太深，没有导入。请检查文件，或只导入方案本身。") from None
    except Exception as exc:  # noqa: BLE001 — a bug of the importer: the document is still listed, never lost
        draft = fallback(blocks, year, f"导入 {'、'.join(s.name for s in sources)} 时 wenming 出错（{type(exc).__name__}，"
                                       f"{_where(exc)}），没能识别方案的结构：全文列在文件末尾，请手工整理；"
                                       f"并把这一行和方案文件报告给负责 wenming 的同事。")
    if not 1990 <= draft.year <= 2100:
        named = f"写的是 {draft.year} 年，不在 1990 到 2100 年之间" if draft.year else "看不出这是哪一年的方案"
        raise ImportProblem(f"{sources[0]}: {named}。请加上 --year，如 --year 2019。")
    return check_draft(draft, raw, "、".join(s.name for s in sources))


_STAGES = {"outline": "识别章节层次", "tree": "识别章节层次", "taskfind": "识别任务分解", "taskmake": "识别任务分解",
           "tasktable": "读任务分解表", "tables": "读表格", "phases": "读实施阶段", "people": "读领导小组",
           "frontmatter": "读标题、文号和日期", "limits": "读时限和频次", "phrases": "读时限和频次",
           "phrasecheck": "读时限和频次", "departments": "对应部门", "marks": "读编号", "labels": "读编号和标签",
           "rubric": "读考核细则", "links": "读附件", "flat": "读没有编号的段落"}


def _where(exc: BaseException) -> str:
    """Where the importer failed, for the report: the step, its module and line, and the text it was reading."""
    tb, last = exc.__traceback__, None
    while tb is not None:
        if Path(tb.tb_frame.f_code.co_filename).parent == Path(__file__).parent:
            last = tb
        tb = tb.tb_next
    if last is None:
        return "识别方案的结构时"
    module = Path(last.tb_frame.f_code.co_filename).stem
    reading = next((v for k in ("text", "line", "title", "cell") if isinstance(v := last.tb_frame.f_locals.get(k), str)
                    and v.strip()), "")
    quoted = f"，正在读“{reading.strip()[:30]}”" if reading else ""
    return f"{_STAGES.get(module, '识别方案的结构')}时（{module}.py 第 {last.tb_lineno} 行）{quoted}"


def fallback(blocks, year: int | None, reason: str) -> PlanDraft:
    """A draft with no structure: every paragraph listed for the editor (the last resort, never a traceback)."""
    from .frontmatter import read_front
    texts = [b.text.strip() for b in blocks if b.text.strip()]
    draft = read_front(texts[:10], [], year)
    draft.notes.append(Note(reason))
    draft.leftovers = texts + [" | ".join(row) for b in blocks for row in b.rows]
    return draft


def check_draft(draft: PlanDraft, raw: RawRepo, source_name: str) -> Imported:
    """Render, validate, comment out what the validator rejects; repeat until nothing more is rejected.

    A title the validator rejects (its year is not the draft's) is replaced by a plain one, noted; should any
    error still remain, the whole draft is written as comments under a plain title (never a failing draft)."""
    rejected: dict[Key, str] = {}
    path = f"{draft.year}/plan.yml"
    for _ in range(50):
        rendered = render(draft, rejected, source_name)
        problems = check_new(raw, [NewFile(path, rendered.text)])
        new = {}
        for problem in problems:
            key = rendered.keys.get(problem.line or 0)
            if key == ("plan", "title") and problem.is_error:
                draft.notes.append(Note(f"方案标题“{draft.title}”：{problem.message}先写成通用标题，请照原件改。"))
                draft.title = f"{draft.year}年度精神文明建设工作实施方案"
                new[("retitled",)] = ""
                continue
            if key is None or key in rejected or key[-1] in _UNFIXABLE:
                continue
            field_name = problem.field.rsplit(".", 1)[-1]
            message = f"{field_name}: {problem.message}" if field_name else problem.message
            if problem.message.startswith("未知字段"):
                message += f"（这一版的 wenming 还不认识 {field_name}，先留作注释）"
            new.setdefault(key, message)
        if not new:
            remaining = [p for p in problems if p.is_error]
            if remaining:
                return _commented(draft, raw, rendered.text, remaining, rejected)
            return Imported(draft, rendered.text, rejected, remaining)
        new.pop(("retitled",), None)
        rejected.update(new)
    return _commented(draft, raw, rendered.text, [p for p in problems if p.is_error], rejected)


def _commented(draft: PlanDraft, raw: RawRepo, text: str, errors: list[Problem], rejected) -> Imported:
    """The draft as comments under a plain title: it passes check, and nothing of it is lost."""
    reasons = "；".join(p.format() for p in errors[:3])
    lines = [f"# {draft.year}年度实施方案：wenming import plan 的草稿没能通过检查（{reasons}），全部写作注释。",
             "# 待确认：请照原件整理下面的内容，删掉注释符号，再运行 wenming check；并报告这个问题。",
             f"title: {draft.year}年度精神文明建设工作实施方案", "categories: []", ""]
    lines += [f"# {line}" if line else "#" for line in text.splitlines()]
    out = "\n".join(lines) + "\n"
    remaining = [p for p in check_new(raw, [NewFile(f"{draft.year}/plan.yml", out)]) if p.is_error]
    return Imported(draft, out, rejected, remaining)
