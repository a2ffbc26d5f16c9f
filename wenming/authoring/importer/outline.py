"""Blocks of a plan document → a :class:`PlanDraft`: sections, categories, tasks. Pure.

The document's own numbering decides the structure: top-level sections `一、`, categories
`（一）`, tasks `1.` / `1、` / `（1）` / `①` / `一是`. Wherever the reading is a judgement call,
a :class:`Note` says so.
"""

from __future__ import annotations

import re

from ...records.deadlines import cn_number
from ...records.model import Unit
from .departments import looks_like_org, match_departments, split_names
from .frontmatter import read_front, read_leaders, read_phases
from .model import CategoryDraft, Note, PlanDraft, TaskDraft, clip
from .phrases import deadline_phrases, frequency_phrases, points, short_title, split_evidence, yearly_count
from .readers import Block
from .tables import read_table

_SPACE = re.compile(r"^[\s\u3000]+|[\s\u3000]+$")
_SECTION = re.compile(r"^([一二三四五六七八九十]+)\s*[、.．]\s*(.+)$")
_CATEGORY = re.compile(r"^[（(]\s*([一二三四五六七八九十]+)\s*[）)]\s*(.+)$")
_CATEGORY_DIGIT = re.compile(r"^[（(]\s*(\d{1,2})\s*[）)]\s*(.+)$")
_ATTACHMENT = re.compile(r"^附\s*件\s*[一二三四五六七八九十\d]*[：:]?\s*$")
_TASK_MARKS = (
    ("1.", re.compile(r"^(\d{1,2})\s*[.．、]\s*(.+)$")),
    ("（1）", re.compile(r"^[（(](\d{1,2})[）)]\s*(.+)$")),
    ("①", re.compile(r"^([①-⑳])\s*(.+)$")),
    ("一是", re.compile(r"^([一二三四五六七八九十]+)是[，,：:]?\s*(.+)$")),
)
_RESPONSIBLE = re.compile(r"^(?:责任|牵头|负责|承办)(?:单位|部门|科室|处室)?[：:]\s*(.+)$")
KINDS = (
    ("guiding", re.compile(r"指导思想|总体思路")),
    ("goals", re.compile(r"目标")),
    ("leading", re.compile(r"组织领导|领导小组|组织机构")),
    ("phases", re.compile(r"步骤|阶段|进度安排|时间安排")),
    ("requirements", re.compile(r"要求|保障|纪律")),
    ("tasks", re.compile(r"任务|措施|内容|重点|举措|安排")),
)


def clean(text: str) -> str:
    return _SPACE.sub("", text)


def _circled(mark: str) -> int:
    return ord(mark) - ord("①") + 1


def recognise(blocks: list[Block], unit: Unit, year: int | None) -> PlanDraft:
    """The draft plan found in `blocks`; `year` None means: the year the document names."""
    preamble: list[str] = []
    sections: list[tuple[str, str, list[str]]] = []  # (kind, heading, paragraphs)
    tables: list[tuple[str, Block]] = []
    heading_before_table = ""
    for block in blocks:
        if block.is_table:
            tables.append((heading_before_table, block))
            continue
        text = clean(block.text)
        if not text:
            continue
        if _ATTACHMENT.match(text):
            sections.append(("attachment", text, []))
            continue
        m = _SECTION.match(text)
        if m and len(m.group(2)) <= 40 and "。" not in m.group(2).rstrip("。"):
            sections.append((_kind(m.group(2)), text, []))
            continue
        if sections and sections[-1][0] == "attachment" and len(text) <= 60:
            heading_before_table = text
        (sections[-1][2] if sections else preamble).append(text)
    while sections and sections[0][0] == "attachment":  # 附件一 holding the plan itself
        preamble.extend(sections.pop(0)[2])
    draft = read_front(preamble, sections, year)
    for kind, heading, paragraphs in sections:
        if kind in ("guiding", "goals", "requirements"):
            if getattr(draft, kind):
                draft.leftovers.append(heading)
                draft.leftovers.extend(paragraphs)
            else:
                setattr(draft, kind, "\n\n".join(paragraphs))
        elif kind == "leading":
            draft.leaders, rest = read_leaders(paragraphs)
            draft.leftovers.extend(rest)
        elif kind == "phases":
            draft.phases, rest = read_phases(paragraphs, draft.year)
        elif kind == "tasks" and not draft.categories:
            _tasks(paragraphs, unit, draft)
        elif paragraphs and not (kind == "attachment" and set(paragraphs) <= {h for h, _ in tables}):
            if kind == "other" and any(_CATEGORY.match(p) for p in paragraphs) and not draft.categories:
                _tasks(paragraphs, unit, draft)
            else:
                draft.leftovers.append(heading)
                draft.leftovers.extend(paragraphs)
    for heading, table in tables:
        read_table(table, heading, unit, draft)
    if not draft.categories:
        draft.notes.append(Note("没有找到任务分解：文档里没有（一）（二）这样的任务类别，也没有任务分解表。"
                                "请照方案手工填写 categories。"))
    return draft


def _kind(title: str) -> str:
    for kind, pattern in KINDS:
        if pattern.search(title):
            return kind
    return "other"


# -- categories and tasks --------------------------------------------------------------------------

def _tasks(paragraphs: list[str], unit: Unit, draft: PlanDraft) -> None:
    category: CategoryDraft | None = None
    style = ""
    for text in paragraphs:
        m = _CATEGORY.match(text)
        number = cn_number(m.group(1)) if m else None
        if not m:
            d = _CATEGORY_DIGIT.match(text)
            expected = category.number + 1 if category else None
            if d and expected and int(d.group(1)) == expected and style != "（1）":
                m, number = d, expected
        if m and number:
            if category:
                _close(category, unit, draft)
            category = _category(number, m.group(2), text, unit, draft)
            if _CATEGORY_DIGIT.match(text):
                category.notes.append(Note(f"类别序号写成了（{number}），与其他类别的写法不同，按第 {number} 类导入。", clip(text)))
            style = ""
            continue
        if category is None:
            draft.leftovers.append(text)
            continue
        responsible = _RESPONSIBLE.match(text)
        if responsible:
            _assign(category.tasks[-1] if category.tasks else category, responsible.group(1), text, unit, draft)
            continue
        mark = _task_mark(text, style)
        if mark:
            style, number_text, body = mark
            _add_task(category, number_text, body, text, unit, draft)
        elif category.tasks:
            task = category.tasks[-1]
            task.text += "\n\n" + text
            task.notes.append(Note("这一段没有编号，已并入上一项任务的原文。", clip(text)))
        else:
            category.intro.append(text)
    if category:
        _close(category, unit, draft)


def _task_mark(text: str, style: str) -> tuple[str, str, str] | None:
    """(style, number, body) when the paragraph starts a task in the category's numbering."""
    for name, pattern in _TASK_MARKS:
        if style and name != style:
            continue
        m = pattern.match(text)
        if m:
            return name, m.group(1), m.group(2)
    return None


def _category(number: int, rest: str, source: str, unit: Unit, draft: PlanDraft) -> CategoryDraft:
    title, _, body = rest.partition("。")
    title, orgs = _trailing_bracket(title.strip())
    category = CategoryDraft(number, title, clip(source))
    names = split_names(orgs) if orgs else []
    if names and any(looks_like_org(n) for n in names):
        _set_orgs(category, names, names[:1], names[1:], source, unit, draft)
    elif orgs:
        category.title = f"{title}（{orgs}）"
    if body.strip():
        category.intro.append(body.strip())
    return category


def _trailing_bracket(text: str) -> tuple[str, str]:
    """`创建工作机制方面（办公室、机关党委）` → (创建工作机制方面, 办公室、机关党委)."""
    if not text.endswith(("）", ")")):
        return text, ""
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        depth += text[i] in "）)"
        depth -= text[i] in "（("
        if depth == 0:
            return text[:i].strip(), text[i + 1:-1].strip()
    return text, ""


def _add_task(category: CategoryDraft, number_text: str, body: str, source: str, unit: Unit,
              draft: PlanDraft) -> None:
    number = int(number_text) if number_text.isdigit() else (_circled(number_text) if "①" <= number_text <= "⑳"
                                                             else cn_number(number_text) or 0)
    seen = {t.id for t in category.tasks}
    task_id = f"{category.number}-{number}"
    notes = []
    if not number or task_id in seen:
        task_id = f"{category.number}-{len(category.tasks) + 1}"
        notes.append(Note(f"任务序号 {number_text} 重复或看不懂，按顺序编为 {task_id}。", clip(source)))
    text, evidence = split_evidence(body)
    task = TaskDraft(task_id, text, short_title(text), clip(source), evidence, notes=notes)
    if evidence and _RESPONSIBLE.match(evidence):
        task.evidence = ""
        _assign(task, _RESPONSIBLE.match(evidence).group(1), source, unit, draft)
    _phrases(task, draft)
    category.tasks.append(task)


def _phrases(task: TaskDraft, draft: PlanDraft) -> None:
    task.deadlines = deadline_phrases(task.evidence, task.text)
    task.frequencies = frequency_phrases(task.text, task.evidence)
    task.count = yearly_count(task.text)
    task.points = points(task.text)
    if not task.deadlines:
        task.deadlines = ["全年"]
        task.notes.append(Note(f"方案没有写这项任务的时限，按年度方案写作“全年”（{draft.year}年12月31日前）；另有时限请改。",
                               task.source))


def _close(category: CategoryDraft, unit: Unit, draft: PlanDraft) -> None:
    if category.tasks:
        draft.categories.append(category)
        return
    for i, paragraph in enumerate(category.intro, start=1):  # no numbered tasks: each paragraph is one
        _add_task(category, str(i), paragraph, paragraph, unit, draft)
    category.intro = []
    if len(category.tasks) > 1:
        category.notes.append(Note(f"这一类没有编号的任务，按段落分成了 {len(category.tasks)} 项。"))
    if not category.tasks:
        category.notes.append(Note("这一类下面没有任务。请照方案补上，或删掉这个类别。", category.source))
    draft.categories.append(category)


def _assign(target, words: str, source: str, unit: Unit, draft: PlanDraft) -> None:
    """`****牵头，各同创单位配合` or `办公室、宣教部` → the target's lead and coop."""
    lead_words = re.search(r"([^，,；;。]*?)(?:负责)?牵头", words)
    coop_words = re.search(r"(?:牵头[，,；;]?)?([^，,；;。]*?)(?:协助|配合|参与)", words)
    if lead_words:
        lead = split_names(lead_words.group(1))
        coop = split_names(coop_words.group(1)) if coop_words else []
    else:
        names = split_names(words)
        lead, coop = names[:1], names[1:]
    _set_orgs(target, lead + coop, lead, coop, source, unit, draft)


def _set_orgs(target, names: list[str], lead: list[str], coop: list[str], source: str, unit: Unit,
              draft: PlanDraft) -> None:
    lead_match, coop_match = match_departments(lead, unit), match_departments(coop, unit)
    target.lead = lead_match.ids
    target.coop = tuple(i for i in coop_match.ids if i not in lead_match.ids)
    target.aliases = lead_match.aliases + coop_match.aliases
    unknown = lead_match.unknown + coop_match.unknown
    for name in unknown:
        if name not in draft.unknown_orgs:
            draft.unknown_orgs.append(name)
    if unknown:
        target.notes.append(Note(f"部门 {'、'.join(unknown)} 不在 unit.yml 的 departments 里，没有写进 lead/coop。"
                                 "请在 unit.yml 添加后补上，或改成已有的部门。", clip(source)))


# -- task tables ---------------------------------------------------------------------------------

def table_tasks(table: Block, header: tuple[str, ...], unit: Unit, draft: PlanDraft) -> None:
    """A 任务分解 table (序号 · 任务 · 责任部门 · 完成时限 …): one category per category row, one task per row."""
    from .tables import _column, category_row, new_category

    col = {
        "number": _column(header, "序号", "编号"),
        "text": _column(header, "任务", "工作内容", "内容"),
        "orgs": _column(header, "责任", "牵头", "部门", "单位"),
        "coop": _column(header, "配合", "协助"),
        "deadline": _column(header, "时限", "完成时间", "时间"),
        "evidence": _column(header, "佐证", "要求", "标准", "材料"),
        "points": _column(header, "分值", "分数"),
    }
    if col["coop"] == col["orgs"]:
        col["coop"] = None
    category: CategoryDraft | None = None
    for row in table.rows[1:]:
        cells = [clean(c) for c in row]
        cell = lambda key: cells[col[key]] if col[key] is not None and col[key] < len(cells) else ""  # noqa: E731
        opened = category_row(cells)
        if opened and (not cell("deadline") or cell("deadline") == cell("text")):
            if category:
                _close(category, unit, draft)
            category = new_category(opened[0], opened[1], draft, " | ".join(cells))
            continue
        if not cell("text"):
            continue
        if category is None:
            category = new_category(0, "任务分解", draft, " | ".join(cells))
            category.notes.append(Note("任务分解表没有分类，全部任务放在这一类下。请照方案改类别名称。"))
        number = re.sub(r"\D", "", cell("number")) or str(len(category.tasks) + 1)
        source = " | ".join(c for c in cells if c)
        _add_task(category, number, cell("text"), source, unit, draft)
        task = category.tasks[-1]
        if cell("evidence"):
            task.evidence = cell("evidence")
        limit = cell("deadline")
        if limit:
            task.deadlines = [p.strip() for p in re.split(r"[；;\n]", limit) if p.strip()]
            task.notes = [n for n in task.notes if "没有写这项任务的时限" not in n.reason]
        elif task.evidence:
            _phrases(task, draft)
        if cell("orgs") or cell("coop"):
            words = cell("orgs") if not cell("coop") else f"{cell('orgs')}牵头，{cell('coop')}配合"
            _assign(task, words, source, unit, draft)
        if cell("points"):
            try:
                value = float(cell("points"))
                task.points = int(value) if value.is_integer() else value
            except ValueError:
                task.notes.append(Note(f"分值“{cell('points')}”不是数字，没有导入。", source))
    if category:
        _close(category, unit, draft)
