"""Blocks of a plan document → a :class:`PlanDraft`: sections, categories, tasks. Pure.

The document's own numbering decides the structure: top-level sections `一、`, categories
`（一）`, tasks `1.` / `1、` / `（1）` / `①` / `一是`. Wherever the reading is a judgement call,
a :class:`Note` says so.
"""

from __future__ import annotations

import re

from ...records.dates import cn_number
from ...records.model import Unit
from ...records.phrases import read_phrase
from .departments import looks_like_org, match_departments, split_names
from .frontmatter import read_front, read_leaders, read_phases
from .model import CategoryDraft, Note, PlanDraft, TaskDraft, clip
from .phrases import points, read_task_phrases, short_title, split_evidence
from .readers import Block
from .links import Matcher
from .rubric import match_rubrics
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
_LABEL = re.compile(r"(?:(?:具体)?责任人|联系人|责任领导|分管领导|牵头领导|包抓领导|工作时限|完成时限|时限要求|时间节点|完成时间"
                    r"|(?:责任|牵头|负责|承办|配合|协助|协办)(?:单位|部门|科室|处室|股室)?)[：:]")
_LABEL_KIND = (("owner", ("责任人", "联系人")), ("leader", ("领导",)), ("limit", ("时限", "时间")),
               ("coop", ("配合", "协助", "协办")), ("lead", ("责任", "牵头", "负责", "承办")))
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
        if len(text) <= 60:  # the last short line before a table names it (`附件2：考核评价体系`)
            heading_before_table = text
        if _ATTACHMENT.match(text):
            sections.append(("attachment", text, []))
            continue
        m = _SECTION.match(text)
        if m and len(m.group(2)) <= 40 and "。" not in m.group(2).rstrip("。"):
            sections.append((_kind(m.group(2)), text, []))
            continue
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
    match_rubrics(draft)
    link_schedule(draft)
    if not draft.categories:
        draft.notes.append(Note("没有找到任务分解：文档里没有（一）（二）这样的方面，也没有任务分解表。"
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
                category.notes.append(Note(f"方面序号写成了（{number}），与其他类别的写法不同，按第 {number} 个方面导入。", clip(text)))
            style = ""
            continue
        if category is None:
            draft.leftovers.append(text)
            continue
        labelled = labels(text)
        if labelled and (category.tasks or set(labelled) <= {"lead", "coop"}):
            apply_labels(category.tasks[-1] if category.tasks else category, labelled, text, unit, draft)
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
    tail = re.search(r"(?:^|(?<=[。；;，,\s]))" + _LABEL.pattern, text)
    labelled = labels(text[tail.start():]) if tail and tail.start() else None
    if labelled:  # `…活动。责任科室：办公室；工作时限：10月底前。`
        text = text[:tail.start()].rstrip("，,；; ")
    task = TaskDraft(task_id, text, short_title(text), clip(source), evidence, notes=notes)
    if evidence and labels(evidence):  # `（责任单位：办公室，责任人：王某某）`
        labelled = {**labels(evidence), **(labelled or {})}
        task.evidence = ""
    _phrases(task, draft)
    if labelled:
        apply_labels(task, labelled, source, unit, draft)
    category.tasks.append(task)


def labels(text: str) -> dict[str, str] | None:
    """`责任单位：办公室；责任人：张某；工作时限：10月底前` → {lead, owner, limit}; None unless it is all labels."""
    text = text.strip().rstrip("。.")
    marks = list(_LABEL.finditer(text))
    if not marks or marks[0].start() != 0:
        return None
    out: dict[str, str] = {}
    for i, m in enumerate(marks):
        value = text[m.end():marks[i + 1].start() if i + 1 < len(marks) else len(text)].strip().strip("，,；;。 ")
        label = m.group(0)
        kind = next(k for k, words in _LABEL_KIND if any(w in label for w in words))
        if value:
            out[kind] = f"{out[kind]}、{value}" if kind in out and kind in ("lead", "coop") else value
    return out or None


def apply_labels(target, found: dict[str, str], source: str, unit: Unit, draft: PlanDraft) -> None:
    """Departments to lead/coop; 责任人, 责任领导 to owner, leader; 工作时限 to the deadline."""
    if "lead" in found or "coop" in found:
        lead, coop = found.get("lead", ""), found.get("coop", "")
        _assign(target, f"{lead}牵头，{coop}配合" if lead and coop else lead or coop, source, unit, draft)
        if coop and not lead:
            target.coop, target.lead = target.lead + target.coop, ()
    if not isinstance(target, TaskDraft):
        return
    target.owner = found.get("owner", target.owner)
    target.leader = found.get("leader", target.leader)
    if "limit" in found:
        from .phrases import read_cell
        deadlines, frequencies, unread = read_cell(found["limit"], draft.year)
        base = [] if target.defaulted else target.deadlines  # the text's own steps stay; the limit ends them
        target.deadlines = list(dict.fromkeys(base + deadlines + unread))
        target.frequencies = list(dict.fromkeys(target.frequencies + frequencies))
        target.notes = [n for n in target.notes if "没有写这项任务的时限" not in n.reason]
        default_deadline(target, draft)


def _phrases(task: TaskDraft, draft: PlanDraft) -> None:
    found = read_task_phrases(task.text, task.evidence, draft.year)
    task.deadlines, task.frequencies = found.deadlines, found.frequencies
    for reason, clause in found.unsure:
        task.notes.append(Note(reason, clause))
    task.points = points(task.text)
    default_deadline(task, draft)


def default_deadline(task: TaskDraft, draft: PlanDraft) -> None:
    """No time limit in the plan: 全年, marked; unless a cycle (`每季度…`) sets the times all year round."""
    task.defaulted = not task.deadlines and not any(
        r.kind == "per_cycle" for p in task.frequencies for r in read_phrase(p, draft.year).readings)
    if task.defaulted:
        task.deadlines = ["全年"]
        task.notes.append(Note(f"方案没有写这项任务的时限，按年度方案写作“全年”（{draft.year}年12月31日前）；另有时限请改。",
                               task.source))


def _close(category: CategoryDraft, unit: Unit, draft: PlanDraft) -> None:
    if category.tasks:
        draft.categories.append(category)
        return
    items = [item for paragraph in category.intro for item in inline_items(paragraph)]
    if len(items) > 1 and len(category.intro) == 1 and all(number for number, _ in items):
        for number, item in items:  # `一是……；二是……；三是……` in the category's one paragraph: its tasks
            _add_task(category, number, item, item, unit, draft)
        category.intro = []
    for i, paragraph in enumerate(category.intro, start=1):  # no numbered tasks: each paragraph is one
        _add_task(category, str(i), paragraph, paragraph, unit, draft)
    category.intro = []
    if len(category.tasks) > 1 and not (len(items) > 1 and all(n for n, _ in items)):
        category.notes.append(Note(f"这一类没有编号的任务，按段落分成了 {len(category.tasks)} 项。"))
    if not category.tasks:
        category.notes.append(Note("这一类下面没有任务。请照方案补上，或删掉这个方面。", category.source))
    draft.categories.append(category)


_INLINE = re.compile(r"(?:^|(?<=[；;。]))\s*([一二三四五六七八九十]+)是[，,：:]?")


def inline_items(paragraph: str) -> list[tuple[str, str]]:
    """`一是A；二是B。` → [(一, A), (二, B)] when the marks run 一, 二, 三 … from the start; else [("", paragraph)]."""
    marks = list(_INLINE.finditer(paragraph))
    if len(marks) < 2 or marks[0].start() != 0 or \
            [cn_number(m.group(1)) for m in marks] != list(range(1, len(marks) + 1)):
        return [("", paragraph)]
    return [(m.group(1), paragraph[m.end():marks[i + 1].start() if i + 1 < len(marks) else len(paragraph)].strip()
             .rstrip("；;。"))
            for i, m in enumerate(marks)]


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


def link_schedule(draft: PlanDraft) -> None:
    """Each schedule row → the tasks its wording certainly names (see :mod:`.links`); none when unsure."""
    matcher = Matcher(draft.tasks)
    for item in draft.schedule:
        item.tasks = matcher.certain_links(item.activity)
