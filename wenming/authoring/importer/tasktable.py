"""A 任务分解 table (序号 · 任务 · 责任部门 · 完成时限 …) → categories and tasks. Pure.

Each row is read like a numbered paragraph (:mod:`.taskmake`); the 完成时限 / 频次 cells are read by the phrase
reader as a whole, and a cell it cannot read is kept verbatim for the validator to mark. 责任人 / 牵头领导
columns go to the task's `owner` / `leader`. Categories come from rows that open one (`一、…` in the first cell,
or one text across the row) or from a category column (类别, 测评项目) whose value changes — merged down in
Word, repeated in each row. A row of one text that is a note (`注：…`) is no category.
"""

from __future__ import annotations

import re

from .model import CategoryDraft, Note, clip
from .readers import Block
from .tables import category_row, column, new_category
from .taskmake import Maker, clean, close


def columns(header: tuple[str, ...]) -> dict[str, int | None]:
    owner = column(header, "责任人", "联系人", "经办人")
    leader = column(header, "责任领导", "分管领导", "牵头领导", "包抓领导", "联系领导")
    people = {owner, leader} - {None}
    text = column(header, "工作任务", "任务", "工作内容", "测评内容", "考核内容", "内容", "措施", "工作事项")
    col = {
        "number": column(header, "序号", "编号"),
        "text": text,
        "orgs": column(header, "责任部门", "责任单位", "责任科室", "责任股室", "责任处室", "牵头", "部门", "单位", "科室", "股室",
                       skip=people | {text} - {None}),
        "coop": column(header, "配合", "协助", "协办"),
        "deadline": column(header, "时限", "完成时间", "时间", "时序"),
        "frequency": column(header, "频次", "频率"),
        "evidence": column(header, "佐证", "标准", "要求", "材料"),
        "points": column(header, "分值", "分数"),
        "owner": owner,
        "leader": leader,
        "group": column(header, "类别", "测评项目", "考核项目", "项目", "方面", "类型", "指标", skip={text} - {None}),
    }
    if col["coop"] == col["orgs"]:
        col["coop"] = None
    return col


def _note_row(cells: list[str]) -> bool:
    values = [c for c in cells if c]
    return len(set(values)) == 1 and (re.match(r"^(?:注|备注|说明|附注)", values[0]) is not None or len(values[0]) > 30)


def table_tasks(table: Block, header: tuple[str, ...], make: Maker) -> None:
    """One category per category row or per value of the category column, one task per row."""
    draft = make.draft
    col = columns(header)
    category: CategoryDraft | None = None
    group = None
    for row in table.rows[1:]:
        cells = [clean(c) for c in row]
        cell = lambda key: cells[col[key]] if col[key] is not None and col[key] < len(cells) else ""  # noqa: E731
        if _note_row(cells):
            draft.leftovers.append(next(c for c in cells if c))
            continue
        opened = category_row(cells)
        if opened and (not cell("deadline") or cell("deadline") == cell("text")):
            if category:
                close(category, draft)
            category = new_category(opened[0], opened[1], draft, " | ".join(dict.fromkeys(c for c in cells if c)))
            group = None
            continue
        if not cell("text"):
            continue
        if col["group"] is not None and cell("group") and cell("group") != group:
            if category:
                close(category, draft)
            group = cell("group")
            category = new_category(0, group, draft, " | ".join(c for c in cells if c))
        if category is None:
            category = new_category(0, "任务分解", draft, " | ".join(cells))
            category.notes.append(Note("任务分解表没有分类，全部任务放在这一类下。请照方案改方面名称。"))
        number = re.sub(r"\D", "", cell("number"))
        source = " | ".join(c for c in cells if c)
        task = make.task(category, int(number) if number and len(number) <= 3 else None, cell("text"), source)
        evidence = cell("evidence") if col["evidence"] not in (col["text"], col["deadline"]) else ""
        task.evidence = evidence
        make.phrases(task, cell("text"), evidence)
        if cell("deadline") or cell("frequency"):
            task.deadlines = [] if task.defaulted else task.deadlines
            task.defaulted = False
            for words in (cell("deadline"), cell("frequency")):
                if words:
                    make.limit(task, words, source)
        if cell("orgs") or cell("coop"):
            words = cell("orgs") if not cell("coop") else f"{cell('orgs')}牵头，{cell('coop')}配合"
            make.assign(task, words, source)
        task.owner, task.leader = cell("owner"), cell("leader")
        if cell("points"):
            try:
                value = float(cell("points"))
                task.points = int(value) if value.is_integer() else value
            except ValueError:
                task.notes.append(Note(f"分值“{cell('points')}”不是数字，没有导入。", clip(source)))
    if category:
        close(category, draft)
