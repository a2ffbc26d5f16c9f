"""A :class:`PlanDraft` → the text of `plan.yml`, with `# 待确认：` comments. Pure.

Each emitted line is tagged with the field it holds (a *key*), so a problem the validator
reports on a line can be turned back into "comment this field out, with the message".
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from .model import Note, PlanDraft, TaskDraft, clip

Key = tuple


@dataclass
class Rendered:
    text: str
    keys: dict[int, Key] = field(default_factory=dict)
    """Line number (1-based) → the key of the field on it."""


def scalar(value) -> str:
    """One YAML scalar on one line, quoted only when YAML needs it."""
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1_000_000)
    return text.removesuffix("\n").removesuffix("\n...").strip()


class _Out:
    def __init__(self, rejected: dict[Key, str]):
        self.lines: list[str] = []
        self.keys: dict[int, Key] = {}
        self.rejected = rejected

    def line(self, text: str, key: Key | None = None) -> None:
        self.lines.append(text)
        if key is not None:
            self.keys[len(self.lines)] = key

    def note(self, indent: str, note: Note) -> None:
        self.line(f"{indent}# 待确认：{note.reason}")
        if note.source:
            self.line(f"{indent}#   原文：{clip(note.source)}")

    def field(self, indent: str, name: str, value, key: Key, source: str = "", multiline: bool = False) -> None:
        """`name: value` (a block literal for text with line breaks), or its comment when rejected."""
        if value in (None, "", [], ()):
            return
        if isinstance(value, str) and ("\n" in value or multiline):
            lines = [f"{indent}{name}: |"] + [f"{indent}  {ln}" if ln else "" for ln in value.split("\n")]
        elif isinstance(value, (list, tuple)):
            lines = [f"{indent}{name}: [{', '.join(scalar(v) for v in value)}]"]
        else:
            lines = [f"{indent}{name}: {scalar(value)}"]
        self.block(indent, lines, key, source)

    def block(self, indent: str, lines: list[str], key: Key, source: str = "") -> None:
        if key in self.rejected:
            self.line(f"{indent}# 待确认：{self.rejected[key]}")
            if source:
                self.line(f"{indent}#   原文：{clip(source)}")
            for ln in lines:
                self.line(f"{indent}# {ln.strip()}" if ln.strip() else f"{indent}#")
            return
        for ln in lines:
            self.line(ln, key)


def render(draft: PlanDraft, rejected: dict[Key, str], source_name: str) -> Rendered:
    out = _Out(rejected)
    out.line(f"# {draft.year}年度实施方案：由 wenming import plan 从 {source_name} 导入的草稿。")
    out.line("# 请对照原件逐项核对，特别是标有“待确认”的地方；改好后删掉这些注释，再运行 wenming check。")
    for note in draft.notes:
        out.note("", note)
    if draft.unknown_orgs:
        out.line(f"# 待确认：这些部门不在 unit.yml 的 departments 里，没有写进 lead/coop：{'、'.join(draft.unknown_orgs)}")
    for name in ("title", "number", "issued", "issuer"):
        out.field("", name, getattr(draft, name), ("plan", name))
    headings = {k: v for k, v in draft.headings.items() if v}
    if headings:
        out.line("")
        out.line("headings:  # 方案自己的章节标题")
        for name, heading in headings.items():
            out.field("  ", name, heading, ("heading", name))
    for name in ("guiding", "goals", "requirements"):
        text = getattr(draft, name)
        if text:
            out.line("")
            out.field("", name, text, ("plan", name), multiline=True)
    if draft.leaders:
        out.line("")
        out.line("leading_group:")
        for i, (role, name, post) in enumerate(draft.leaders):
            lines = [f"  - role: {scalar(role)}", f"    name: {scalar(name)}"] + ([f"    post: {scalar(post)}"] if post else [])
            out.block("  ", lines, ("leader", i))
    if draft.phases:
        out.line("")
        out.line("phases:")
        for i, phase in enumerate(draft.phases):
            lines = [f"  - name: {scalar(phase.name)}", f"    start: {phase.start.isoformat()}",
                     f"    end: {phase.end.isoformat()}"]
            if phase.text:  # in the phase's block: a phase the validator rejects is commented out whole
                lines += ["    text: |"] + [f"      {ln}" if ln else "" for ln in phase.text.split("\n")]
            out.block("  ", lines, ("phase", i))
    _rubrics(out, draft)
    if draft.events:
        out.line("")
        out.line("events:  # 时限里提到的事件：知道日期后请填写 start / end")
        for i, name in enumerate(draft.events):
            out.block("  ", [f"  - name: {scalar(name)}"], ("event", i))
    out.line("")
    out.line("categories:" if draft.categories else "categories: []")
    for category in draft.categories:
        out.line("")
        for note in category.notes:
            out.note("  ", note)
        out.line(f"  - number: {category.number}", ("cat", category.number, "number"))
        out.field("    ", "title", category.title, ("cat", category.number, "title"), category.source)
        _orgs(out, "    ", category, ("cat", category.number))
        out.field("    ", "phase", category.phase, ("cat", category.number, "phase"))
        for paragraph in category.intro:
            out.line(f"    # 方面说明（原文，不是任务）：{_one_line(paragraph)}")
        out.line("    tasks:")
        for task in category.tasks:
            _task(out, task)
    if draft.schedule:
        out.line("")
        out.line("schedule:")
        month = 0
        for item in draft.schedule:
            if item.month != month:
                month = item.month
                out.line(f"  # {month}月")
            lines = [f"  - id: {scalar(item.id)}", f"    month: {item.month}", f"    when: {scalar(item.when)}"]
            if "\n" in item.activity:
                lines += ["    activity: |"] + [f"      {ln}" for ln in item.activity.split("\n")]
            else:
                lines.append(f"    activity: {scalar(item.activity)}")
            if item.report:
                lines.append(f"    report: {scalar(item.report)}")
            if item.tasks:
                lines.append(f"    tasks: [{', '.join(scalar(t) for t in item.tasks)}]")
            out.block("  ", lines, ("sched", item.id), item.activity)
    if draft.leftovers:
        out.line("")
        out.line("# 以下段落没有导入（不属于上面任何一项）。请看一遍，需要的内容请手工补上：")
        for paragraph in draft.leftovers:
            out.line(f"#   {_one_line(paragraph)}")
    return Rendered("\n".join(out.lines) + "\n", out.keys)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _orgs(out: _Out, indent: str, target, key: Key) -> None:
    for name in ("lead", "coop"):
        ids = getattr(target, name)
        if ids:
            out.field(indent, name, list(ids), key + (name,))
    if target.aliases:
        out.line(f"{indent}# 部门按简称对应：{'；'.join(f'{a} → {b}' for a, b in target.aliases)}")


def _task(out: _Out, task: TaskDraft, sub: bool = False) -> None:
    key = ("task", task.id)
    pad = "          " if sub else "      "
    fields = pad + "  "
    for note in task.notes:
        out.note(pad, note)
    out.line(f"{pad}- id: {scalar(task.id)}", key + ("id",))
    if not sub:
        out.field(fields, "title", task.title, key + ("title",), task.source)
    out.field(fields, "text", task.text, key + ("text",), task.source)
    _orgs(out, fields, task, key)
    out.field(fields, "owner", task.owner, key + ("owner",), task.source)
    out.field(fields, "leader", task.leader, key + ("leader",), task.source)
    _list(out, "deadline", task.deadlines, key, task.source, fields)
    _list(out, "frequency", task.frequencies, key, task.source, fields)
    out.field(fields, "phase", task.phase, key + ("phase",), task.source)
    out.field(fields, "evidence", task.evidence, key + ("evidence",), task.source)
    if not sub:
        out.field(fields, "points", task.points, key + ("points",), task.source)
    if task.scores and not sub:
        flows = ["{" + ", ".join(f"{k}: {scalar(v)}" for k, v in score.items()) + "}" for score in task.scores]
        lines = [f"{fields}score: {flows[0]}"] if len(flows) == 1 else \
            [f"{fields}score:"] + [f"{fields}  - {flow}" for flow in flows]
        out.block(fields, lines, key + ("score",), task.source)
    if task.subtasks:
        out.line(f"{fields}subtasks:")
        for subtask in task.subtasks:
            _task(out, subtask, sub=True)


def _list(out: _Out, name: str, phrases: list[str], key: Key, source: str, indent: str = "        ") -> None:
    """One phrase as `name: phrase`; several as a block list, one line each, so each is judged alone."""
    phrases = [" ".join(p.split()) for p in phrases]
    if key + (name,) in out.rejected:
        out.block(indent, [f"{indent}{name}:"] + [f"{indent}  - {scalar(p)}" for p in phrases], key + (name,), source)
        return
    live = [p for i, p in enumerate(phrases) if key + (name, i) not in out.rejected]
    if len(phrases) == 1:
        out.field(indent, name, phrases[0], key + (name, 0), source)
        return
    for i, phrase in enumerate(phrases):
        if key + (name, i) in out.rejected:
            out.block(indent, [f"{indent}{name}: {scalar(phrase)}"], key + (name, i), source)
    if live:
        out.line(f"{indent}{name}:", key + (name,))
        for i, phrase in enumerate(phrases):
            if key + (name, i) not in out.rejected:
                out.line(f"{indent}  - {scalar(phrase)}", key + (name, i))


def _rubrics(out: _Out, draft: PlanDraft) -> None:
    """The scored table: the rubric, and as comments every item that is not a task's `score`."""
    if not draft.rubrics:
        return
    out.line("")
    out.line("rubrics:")
    for rubric in draft.rubrics:
        for note in rubric.notes:
            out.note("  ", note)
        lines = [f"  - id: {scalar(rubric.id)}", f"    name: {scalar(rubric.name)}"]
        if rubric.total is not None:
            lines.append(f"    total: {scalar(rubric.total)}")
        scored = [i for i in rubric.items if i.kind == "score" and i.name]
        if scored:  # the table's own order, shown on the plan page; points add up to the total
            lines.append("    items:")
            lines += [f"      - {{name: {scalar(i.name)}"
                      + (f", points: {scalar(i.points)}}}" if i.points is not None else "}") for i in scored]
        out.block("  ", lines, ("rubric", rubric.id))
        matched = [i for i in rubric.items if i.task]
        out.line(f"    # 共 {len(rubric.items)} 项，其中 {len(matched)} 项已写进对应任务的 score"
                 + (f"（{'、'.join(f'{i.name} → {i.task}' for i in matched)}）" if matched else "") + "。")
        for item in rubric.items:
            if item.task:
                continue
            points = f"{scalar(item.points)} 分" if item.points is not None else "没有分值"
            if item.kind == "bonus":
                reason = f"加分项“{item.name}”（{points}）：wenming 的预计得分不含加分，请人工评定"
            elif item.kind == "veto":
                reason = f"一票否决项“{item.name}”：不计分，出现即不能评为文明单位；请人工核对"
            else:
                reason = f"测评项目“{item.name}”（{points}）：{item.why}。请写进对应任务的 score（rubric: {rubric.id}）"
            out.note("    ", Note(reason, item.source))