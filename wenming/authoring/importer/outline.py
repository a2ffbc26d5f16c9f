"""Blocks of a plan document → a :class:`PlanDraft`. Pure.

The document's own numbering gives the outline (:mod:`.tree`); what each section is comes from its heading
(指导思想, 组织领导, 实施步骤, 活动安排, 要求, 任务 …) and, for tasks, from what the items say
(:mod:`.taskfind`). Every paragraph is accounted for: it goes into a field, or it is listed under 未导入.
"""

from __future__ import annotations

import re

from ...records.model import Unit
from .flat import find_tables
from .frontmatter import read_front, signature
from .limits import Clock
from .links import Matcher
from .model import Note, PlanDraft
from .people import read_leaders
from .readers import Block
from .rubric import match_rubrics
from .steps import read_steps, tie_to_steps
from .tables import read_table, schedule_lines
from .taskfind import Finder, Ledger, labelled
from .taskmake import Maker, clean
from .tree import Node, Para, build, split

_ATTACHMENT = re.compile(r"^附\s*件\s*([\d一二三四五六七八九十]*)\s*[：:]?\s*(?P<title>[^。；;]{0,40})$")
_TITLE = re.compile(r"^.{0,50}(?:实施方案|工作方案|工作计划|工作要点|活动方案|任务清单|任务分解表?|工作安排|工作任务|创建方案|"
                    r"工作意见|行动方案)$")
_REFERENCE = re.compile(r"(?:详见|见|参见|附后|列入)\s*附件\s*([\d一二三四五六七八九十]+)|附件\s*([\d一二三四五六七八九十]+)")
KINDS = (
    ("tasks", re.compile(r"任务|分工|台账|职责")),
    ("guiding", re.compile(r"指导思想|总体思路|总体要求")),
    ("goals", re.compile(r"目标")),
    ("leading", re.compile(r"组织领导|领导小组|组织机构|领导机构|指挥部|组织保障$")),
    ("phases", re.compile(r"步骤|阶段|进度安排|时间安排|实施时间|方法步骤")),
    ("schedule", re.compile(r"安排表|活动安排|月度安排|日程|行事历")),
    ("requirements", re.compile(r"要求|保障|纪律|考核|奖惩|督导|督查")),
    ("tasks", re.compile(r"措施|内容|重点|举措|安排|工作|活动|项目|建设")),
)


def _kind(title: str) -> str:
    for kind, pattern in KINDS:
        if pattern.search(title):
            return kind
    return "other"


class _Region:
    def __init__(self, name: str):
        self.name = name
        self.paras: list[Para] = []
        self.tables: list[tuple[str, Block, int]] = []
        self.root: Node | None = None


def _title_like(text: str, style: str) -> bool:
    from .marks import mark_of
    return style == "title" or (bool(_TITLE.match(text)) and "《" not in text and not text.startswith(("附", "关于"))
                                and mark_of(text) is None and not style.startswith("h") and len(text) > 6)


def _body_start(blocks: list[tuple[int, Block]]) -> int:
    """Where the plan's body starts: after the notice (its attachment list numbered too) and the plan's title."""
    from .marks import mark_of
    last_title = -1
    listing = False
    for n, (_, block) in enumerate(blocks):
        if block.is_table or block.file:
            return last_title + 1 if last_title >= 0 else n
        text = clean(block.text)
        if not text:
            listing = False
            continue
        if text.startswith("附"):
            listing = True
            continue
        if _title_like(text, block.style):
            last_title = n
            listing = False
            continue
        if mark_of(text) and not listing:
            return last_title + 1 if last_title >= 0 else n
    return last_title + 1 if last_title >= 0 else 0


def recognise(blocks: list[Block], unit: Unit, year: int | None, clock: Clock | None = None) -> PlanDraft:
    """The draft plan found in `blocks`; `year` None means: the year the document names."""
    indexed = _flatten(blocks)
    start = _body_start(indexed)
    preamble = [(i, b) for i, b in indexed[:start]]
    regions = [_Region("")]
    heading = ""
    for i, block in indexed[start:]:
        text = clean(block.text)
        if block.file or (not block.is_table and _ATTACHMENT.match(text) and not text.startswith("附件：1")):
            m = _ATTACHMENT.match(text)
            regions.append(_Region(block.file or (m.group(0) if m else "")))
            if m and m.group("title"):
                heading = text
            if not block.is_table and not block.file:
                regions[-1].paras.append(Para(i, text, None, "attachment"))
                continue
        region = regions[-1]
        if block.is_table:
            region.tables.append((heading, block, i))
            continue
        if not text:
            continue
        if len(text) <= 60:
            heading = text
        region.paras += split(i, text, block.style)
    for region in regions:
        region.root = build([p for p in region.paras if p.style != "attachment"])
    pre_texts = [clean(b.text) for _, b in preamble if not b.is_table and clean(b.text)]
    pre_texts += [p.text for p in regions[0].root.lines]  # the words before the first section
    sections = [(r, n) for r in regions for n in r.root.children]
    draft = read_front(pre_texts, [(_kind(_title(n)), n.para.text, [p.text for p in n.paras()[1:4]]) for _, n in sections],
                       year)
    ledger = Ledger()
    ledger.used.update((i, 0) for i, b in preamble if _is_front(clean(b.text), draft))
    ledger.use(*[p for p in regions[0].root.lines if _is_front(p.text, draft)])  # 文号 under the title
    make = Maker(unit, draft, clock)
    _sections(regions, make, ledger)
    for region in regions:
        for name, table, index in region.tables:
            before = (len(draft.categories), len(draft.schedule), len(draft.rubrics))
            read_table(table, name, unit, draft, make)
            if (len(draft.categories), len(draft.schedule), len(draft.rubrics)) != before:
                ledger.used.add((index, 0))
    tie_to_steps(draft)
    match_rubrics(draft)
    link_schedule(draft)
    _events(draft)
    _account(indexed, preamble, regions, ledger, draft)
    _missing_attachments(regions, draft)
    return draft


def _flatten(blocks: list[Block]) -> list[tuple[int, Block]]:
    """The blocks with each run of lines that is a flattened table (:mod:`.flat`) made a table again."""
    out: list[tuple[int, Block]] = []
    run: list[tuple[int, Block]] = []

    def flush():
        texts = [clean(b.text) for _, b in run]
        pos = 0
        for start, end, rows in find_tables(texts):
            out.extend(run[pos:start])
            out.append((run[start][0], Block(rows=tuple(tuple(r) for r in rows))))
            pos = end
        out.extend(run[pos:])
        run.clear()

    for i, block in enumerate(blocks):
        if block.is_table or block.file:
            flush()
            out.append((i, block))
        else:
            run.append((i, block))
    flush()
    return out


def _title(node: Node) -> str:
    body = node.body
    return re.split(r"[。；;]", body)[0][:40] if node.para and node.para.mark else ""


def _is_front(text: str, draft: PlanDraft) -> bool:
    """A line of the front matter the draft holds (title, 文号, date, issuer)."""
    return bool(text) and (text == draft.title or (draft.number and draft.number in re.sub(r"\s+", "", text))
                           or text == draft.issuer or (draft.issued is not None and text.endswith("日")
                                                       and str(draft.issued.day) in text and len(text) <= 16))


def _sections(regions: list[_Region], make: Maker, ledger: Ledger) -> None:
    draft = make.draft
    later: list[tuple[Node, str]] = []
    together = None  # sections that are themselves tasks share one category
    for region in regions:
        for node in region.root.children:
            title = _title(node)
            kind = _kind(title)
            paras = node.paras()
            if labelled(node) and kind not in ("leading", "phases"):
                finder = together or Finder(make, ledger)
                together = finder
                if finder.section_category is None:
                    finder.title, finder.source = "工作任务", node.para.text
                    finder.section_category = finder.new_category(0, "工作任务", "工作任务")
                    finder.section_category.notes.append(Note("方案的各部分本身就是任务（各有责任单位、时限）：放在一个方面里。"))
                    draft.categories.append(finder.section_category)
                finder.task(node, finder.section_category)
                continue
            together = None
            if kind in ("guiding", "goals", "requirements"):
                if any(labelled(n) for n in node.walk() if n is not node):
                    Finder(make, ledger, only_labelled=True).section(node, title)
                texts = [p.text for p in paras if p not in ledger or p is node.para]
                if node is region.root.children[-1] and region is regions[-1]:  # the plan's last words
                    signed = signature(texts, draft)
                    ledger.use(*[p for p in paras if p.text in texts[len(signed):]])
                    texts = signed
                if getattr(draft, kind):
                    draft.leftovers.extend(texts)
                    ledger.use(*paras)
                elif texts[1:]:
                    setattr(draft, kind, "\n\n".join(texts[1:]))
                    ledger.use(*[p for p in paras if p.text in texts[1:]])
                    draft.headings.setdefault(kind, node.para.text)
            elif kind == "leading":
                leaders, rest, notes = read_leaders([p.text for p in paras[1:]])
                draft.leaders += leaders
                draft.notes += notes
                draft.headings.setdefault("leading_group", node.para.text)
                ledger.use(*[p for p in paras[1:] if p.text not in rest and _all_read(p.text)])
            elif kind == "phases":
                read_steps(node, make, ledger)
            elif kind == "schedule":
                rows = schedule_lines([p.text for p in paras[1:]], draft)
                ledger.use(*[p for p, row in zip(paras[1:], rows) if row])
                draft.headings.setdefault("schedule", node.para.text)
            elif kind == "tasks":
                Finder(make, ledger).section(node, title)
                if not any(c.title == title for c in draft.categories):
                    draft.headings.setdefault("tasks", node.para.text)
                if any(c.title == title for c in draft.categories):
                    ledger.use(node.para)
            else:
                later.append((node, title))
            if node.para.text in draft.headings.values():
                ledger.use(node.para)
        if region.name and not region.root.children:
            rows = schedule_lines([p.text for p in region.root.lines], draft)
            ledger.use(*[p for p, row in zip(region.root.lines, rows) if row])
    have_tasks = bool(draft.categories)
    for node, title in later:
        if any(labelled(n) for n in node.walk()):
            Finder(make, ledger, only_labelled=have_tasks).section(node, title)
        elif not have_tasks and node.children:
            Finder(make, ledger).visit(node, None)


def _all_read(text: str) -> bool:
    """A line of a leading group or a phase that is all name and time (else the rest of it is listed too)."""
    return len(text) <= 40 and not re.search(r"[：:]\s*[^（）()：:]{6,}$", text) or re.match(r"^(?:组|副组|成|总|副总)", text) is not None


def _account(indexed, preamble, regions, ledger: Ledger, draft: PlanDraft) -> None:
    """Every paragraph not in a field is listed under 未导入 (whole, as written), in the document's order."""
    original = {i: clean(b.text) for i, b in indexed if not b.is_table}
    for region in regions:
        parts: dict[int, list[Para]] = {}
        for para in region.paras:
            parts.setdefault(para.index, []).append(para)
        for index, paras in parts.items():
            unused = [p for p in paras if p not in ledger]
            if len(unused) == len(paras):
                draft.leftovers.append(original.get(index) or paras[0].text)
            else:
                draft.leftovers += [p.text for p in unused]
    front = [clean(b.text) for i, b in preamble if (i, 0) not in ledger.used and not b.is_table and clean(b.text)]
    draft.leftovers[:0] = front
    for region in regions:
        for name, table, index in region.tables:
            if (index, 0) not in ledger.used:
                draft.leftovers += [" | ".join(c for c in row if c) for row in table.rows]


def _missing_attachments(regions: list[_Region], draft: PlanDraft) -> None:
    """The tasks are in an attachment the plan names (`详见附件1`) but that was not imported with it: say so."""
    if draft.categories:
        return
    given = " ".join(r.name for r in regions)
    for region in regions[:1]:
        for para in region.paras:
            for m in _REFERENCE.finditer(para.text):
                number = m.group(1) or m.group(2)
                if number and f"附件{number}" not in given.replace(" ", "") and re.search(r"任务|分解|台账|分工", para.text):
                    name = f"附件{number}"
                    if name not in draft.attachments:
                        draft.attachments.append(name)
    if draft.attachments:
        names = "、".join(draft.attachments)
        draft.notes.append(Note(f"方案的任务分解在{names}里，这次没有一起导入：请把{names}和方案一起导入，如 "
                                f"wenming import plan 方案.docx {draft.attachments[0]}.docx；或照{names}手工填写 categories。"))
    else:
        draft.notes.append(Note("没有找到任务分解：文档里没有带编号的任务，也没有任务分解表。请照方案手工填写 categories。"))


def _events(draft: PlanDraft) -> None:
    """The events the tasks' phrases name (`测评前`, `迎检期间`): registered, their dates left to the editor."""
    from .phrasecheck import read
    for task in draft.all_tasks:
        for phrase in task.deadlines + task.frequencies:
            for r in read(phrase, draft.year).readings:
                name = r.get("name") if r.kind == "event" else None
                if name and name != "倒计时" and name not in draft.events:
                    draft.events.append(name)
    if draft.events:
        draft.notes.append(Note(f"时限里提到的事件（{'、'.join(draft.events)}）日期未知，已登记在 events 里：知道日期后请填写 "
                                "start / end，在那之前这些要求是待评定。"))


def link_schedule(draft: PlanDraft) -> None:
    """Each schedule row → the tasks its wording certainly names (see :mod:`.links`); none when unsure."""
    matcher = Matcher(draft.tasks)
    for item in draft.schedule:
        item.tasks = matcher.certain_links(item.activity)
