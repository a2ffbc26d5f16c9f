"""The plan's scored table (考核评价体系 / 测评细则 / 考核细则) → a rubric and the tasks' `score`. Pure.

Each row with 分值 is an item. An item that clearly matches one task (see :mod:`.links`) becomes
that task's `score: {rubric, points, item}`; every other item, and each 加分 (bonus) and
一票否决 (veto) item, stays in the draft as a `# 待确认` comment under the rubric. How an item is
scored is written only when its standard says it in so many words (按比例 → proportional;
a person's judgement such as 实地考察 → manual); any other standard is quoted for the editor.
"""

from __future__ import annotations

import re

from .links import Matcher
from .model import Note, PlanDraft, RubricDraft, RubricItem, clip
from .readers import Block
from .tables import column

_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*分?")
_MANUAL = re.compile(r"实地考察|实地查看|现场查看|问卷|座谈|酌情|视情|综合评定|根据质量")
_PROPORTIONAL = re.compile(r"按(?:完成)?比例|按完成情况折算|按完成数量比例")
_ALL = re.compile(r"^(?:完成|达到要求|符合要求)得(?:满)?分[，,；;]?(?:未完成|否则|达不到)?(?:不得分)?。?$|^材料审核$|^查看资料$|^查阅资料$")


def is_rubric_table(header: tuple[str, ...], heading: str) -> bool:
    """A table with a points column, named or headed as an evaluation (not a task table with 时限)."""
    has_points = column(header, "分值", "分数", "标准分", "满分", "赋分") is not None
    evaluation = re.search(r"测评|考核|评分|评价|指标|细则", heading + "".join(header))
    return has_points and bool(evaluation) and column(header, "时限", "完成时间") is None


def read_rubric(table: Block, heading: str, draft: PlanDraft) -> None:
    header = table.rows[0]
    col = {
        "points": column(header, "分值", "分数", "标准分", "满分", "赋分"),
        "name": column(header, "测评项目", "考核项目", "项目", "一级指标", "指标", "类别"),
        "text": column(header, "测评内容", "考核内容", "内容", "二级指标", "测评标准", "考核标准", "要求"),
        "standard": column(header, "评分标准", "计分", "扣分", "评分办法", "测评方法", "考核方法", "方法", "方式"),
    }
    name = heading if re.search(r"测评|考核|评价|评分|细则", heading) else "方案的考核评价体系"
    rubric = RubricDraft(_rubric_id(name, draft), re.sub(r"^(?:附件\s*\d*[：:]?|[一二三四五六七八九十]+、)", "", name))
    kind = "score"
    stated_total = None
    for row in table.rows[1:]:
        cells = [c.strip() for c in row]
        cell = lambda key: cells[col[key]] if col[key] is not None and col[key] < len(cells) else ""  # noqa: E731
        joined = " | ".join(dict.fromkeys(c for c in cells if c))
        if not joined:
            continue
        if re.search(r"一票否决", joined):
            kind = "veto" if len(set(c for c in cells if c)) == 1 or re.match(r"一票否决", cells[0]) else kind
        elif re.match(r"^(?:加分|附加分)", cells[0]) or len(set(c for c in cells if c)) == 1 and "加分" in joined:
            kind = "bonus"
        if len(set(c for c in cells if c)) == 1 and not _NUMBER.fullmatch(cell("points") or "x"):
            continue  # a row naming a part of the table (`加分项目`, `一票否决项`)
        if re.match(r"^(?:合计|总计|总分)", cells[0]):
            stated_total = _points(cell("points"))
            continue
        item_kind = "veto" if "一票否决" in joined and kind != "bonus" else kind
        item = RubricItem(cell("name") or cell("text")[:20], cell("text") if cell("text") != cell("name") else "",
                          _points(cell("points")), item_kind, cell("standard"), clip(joined, 120))
        rubric.items.append(item)
    scored = [i.points for i in rubric.items if i.kind == "score" and i.points is not None]
    rubric.total = stated_total if stated_total is not None else (sum(scored) if scored else None)
    if stated_total is not None and scored and abs(sum(scored) - stated_total) > 1e-6:
        rubric.notes.append(Note(f"各项分值相加是 {_show(sum(scored))} 分，表里写的合计是 {_show(stated_total)} 分。请核对。"))
    draft.rubrics.append(rubric)


def match_rubrics(draft: PlanDraft) -> None:
    """Each clearly matched item → its task's `score`; two items on one task are both left to the editor."""
    matcher = Matcher(draft.tasks)
    tasks = {t.id: t for t in draft.tasks}
    for rubric in draft.rubrics:
        for item in rubric.items:
            if item.kind != "score":
                continue
            if item.points is None:
                item.why = "这一项没有分值"
                continue
            item.task, item.why = matcher.clear_match(f"{item.name} {item.text}")
        taken: dict[str, list[RubricItem]] = {}
        for item in rubric.items:
            if item.task:
                taken.setdefault(item.task, []).append(item)
        for task_id, items in taken.items():
            if len(items) > 1:
                for item in items:
                    item.task, item.why = "", f"有 {len(items)} 项都对应任务 {task_id}，请确认怎样计分"
                continue
            item, task = items[0], tasks[task_id]
            score = {"rubric": rubric.id, "points": item.points, "item": item.name}
            method = _method(item.standard)
            if method:
                score["method"] = method
            elif item.standard:
                task.notes.append(Note(f"评分标准“{clip(item.standard, 60)}”：先写成达标得分（method: all）。"
                                       "请照标准改 method（proportional 按比例、threshold 阶梯、manual 人工评分）",
                                       item.source))
            task.scores.append(score)


def _method(standard: str) -> str:
    if not standard:
        return ""
    if _PROPORTIONAL.search(standard):
        return "proportional"
    if _MANUAL.search(standard):
        return "manual"
    return "all" if _ALL.match(standard) else ""


def _points(text: str) -> float | None:
    m = _NUMBER.fullmatch(text.strip()) if text else None
    if not m:
        return None
    value = float(m.group(1))
    return int(value) if value.is_integer() else value


def _show(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _rubric_id(name: str, draft: PlanDraft) -> str:
    base = "kaohe" if "考核" in name else "ceping" if "测评" in name else "pingfen"
    taken = {r.id for r in draft.rubrics}
    return base if base not in taken else next(f"{base}{i}" for i in range(2, 99) if f"{base}{i}" not in taken)
