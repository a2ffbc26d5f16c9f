"""A 任务分解 table (序号 · 任务 · 责任部门 · 完成时限 …) → categories and tasks. Pure.

Each row is read like a numbered paragraph (:mod:`.outline`); the 完成时限 / 频次 cells are read
by the phrase reader as a whole, and a cell it cannot read is kept verbatim for the validator
to mark. 责任人 / 责任领导 columns go to the task's `owner` / `leader`.
"""

from __future__ import annotations

import re

from ...records.model import Unit
from .model import CategoryDraft, Note, PlanDraft
from .outline import _add_task, _assign, _close, clean, default_deadline
from .phrases import read_cell
from .readers import Block
from .tables import category_row, column, new_category


def columns(header: tuple[str, ...]) -> dict[str, int | None]:
    owner = column(header, "责任人", "联系人", "经办人")
    leader = column(header, "责任领导", "分管领导", "牵头领导", "包抓领导")
    people = {owner, leader} - {None}
    col = {
        "number": column(header, "序号", "编号"),
        "text": column(header, "任务", "工作内容", "内容", "措施"),
        "orgs": column(header, "责任部门", "责任单位", "责任科室", "牵头", "部门", "单位", skip=people),
        "coop": column(header, "配合", "协助"),
        "deadline": column(header, "时限", "完成时间", "时间", "时序"),
        "frequency": column(header, "频次", "频率"),
        "evidence": column(header, "佐证", "要求", "标准", "材料"),
        "points": column(header, "分值", "分数"),
        "owner": owner,
        "leader": leader,
    }
    if col["coop"] == col["orgs"]:
        col["coop"] = None
    return col


def table_tasks(table: Block, header: tuple[str, ...], unit: Unit, draft: PlanDraft) -> None:
    """One category per category row (`一、…` or one text across the row), one task per row."""
    col = columns(header)
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
            category.notes.append(Note("任务分解表没有分类，全部任务放在这一类下。请照方案改方面名称。"))
        number = re.sub(r"\D", "", cell("number")) or str(len(category.tasks) + 1)
        source = " | ".join(c for c in cells if c)
        _add_task(category, number, cell("text"), source, unit, draft)
        task = category.tasks[-1]
        if cell("evidence"):
            task.evidence = cell("evidence")
        _cells(task, cell("deadline"), cell("frequency"), source, draft)
        if cell("orgs") or cell("coop"):
            words = cell("orgs") if not cell("coop") else f"{cell('orgs')}牵头，{cell('coop')}配合"
            _assign(task, words, source, unit, draft)
        task.owner, task.leader = cell("owner"), cell("leader")
        if cell("points"):
            try:
                value = float(cell("points"))
                task.points = int(value) if value.is_integer() else value
            except ValueError:
                task.notes.append(Note(f"分值“{cell('points')}”不是数字，没有导入。", source))
    if category:
        _close(category, unit, draft)


def _cells(task, limit: str, frequency: str, source: str, draft: PlanDraft) -> None:
    """The time-limit and frequency cells replace what the task's text gave, when the table has them."""
    if not limit and not frequency:
        return
    deadlines: list[str] = []
    frequencies: list[str] = []
    for words in (limit, frequency):
        d, f, unread = read_cell(words, draft.year)
        deadlines += d
        frequencies += f
        deadlines += unread  # kept verbatim: the validator marks it 待确认 with its reason
    task.deadlines = list(dict.fromkeys(deadlines))
    task.frequencies = list(dict.fromkeys(task.frequencies + frequencies))
    task.notes = [n for n in task.notes if "没有写这项任务的时限" not in n.reason]
    default_deadline(task, draft)
