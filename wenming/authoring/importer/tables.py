"""Tables in a plan: the 活动安排表 (time · activity · report) and 任务分解 tables. Pure."""

from __future__ import annotations

import re

from ...records.dates import cn_number
from ...records.model import Unit
from .model import CategoryDraft, Note, PlanDraft, ScheduleDraft, clip
from .readers import Block

_MONTH_ROW = re.compile(r"^([一二三四五六七八九十]+|\d{1,2})\s*月(?:份)?$")
_LEADING_MONTH = re.compile(r"^(\d{1,2}|[一二三四五六七八九十]+)月")
_LIST_ITEM = re.compile(r"^\s*(?:\d{1,2}\s*[、.．]|[①-⑳]|[（(]\d{1,2}[）)])")


def column(header: tuple[str, ...], *words: str, skip: set[int] = frozenset()) -> int | None:
    """The first column whose heading holds one of `words` (earlier words first), not in `skip`."""
    for word in words:
        for i, cell in enumerate(header):
            if i not in skip and word in cell:
                return i
    return None


def header_rows(rows: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], int]:
    """The table's header and where its body starts: a second header row under cells spanning columns
    (`责任分工` over `牵头领导 | 责任科室`, the other cells merged down) gives those columns their names."""
    first = rows[0]
    if len(rows) > 2:
        second = rows[1]
        spanned = {k for k in range(1, len(first)) if first[k] == first[k - 1] and first[k]}
        spanned |= {k - 1 for k in spanned}
        same = [k for k in range(min(len(first), len(second))) if second[k] == first[k]]
        if spanned and len(same) + len(spanned) >= len(first) - 1 and \
                all(second[k] and len(second[k]) <= 8 for k in spanned if k < len(second)):
            return tuple(second[k] if k in spanned and k < len(second) else first[k] for k in range(len(first))), 2
    return first, 1


def read_table(table: Block, heading: str, unit: Unit, draft: PlanDraft, make=None) -> None:
    header, body = header_rows(table.rows)
    if body > 1:
        table = Block(rows=(header,) + table.rows[body:])
    when, activity = column(header, "时间", "日期"), column(header, "活动", "内容", "事项")
    task = column(header, "任务", "工作内容", "内容", "措施")
    orgs = column(header, "责任", "部门", "单位", "牵头", "科室", "股室", "处室")
    from .rubric import is_rubric_table, read_rubric
    if is_rubric_table(header, heading):
        read_rubric(table, heading, draft)
    elif when is not None and activity is not None and orgs is None:
        _schedule(table, when, activity, column(header, "上报", "报送"), draft)
    elif task is not None and orgs is not None and make is not None:
        from .tasktable import table_tasks  # the same task reading as for numbered paragraphs
        table_tasks(table, header, make)
    else:
        what = heading or "、".join(c for c in header if c)
        draft.notes.append(Note(f"表格“{clip(what, 30)}”（{len(table.rows)} 行）不是活动安排表或任务分解表，没有导入"
                                "（测评体系的分值请写在任务的 score 里）。"))


def _join_lines(cell: str) -> str:
    """A cell's lines as the table shows them: list items on their own lines, wrapped lines joined."""
    lines: list[str] = []
    for line in (ln.strip() for ln in cell.split("\n")):
        if not line:
            continue
        if lines and not _LIST_ITEM.match(line):
            lines[-1] += line
        else:
            lines.append(line)
    return "\n".join(lines)


def _schedule(table: Block, when_col: int, activity_col: int, report_col: int | None, draft: PlanDraft) -> None:
    month = 0
    counts: dict[int, int] = {}
    for row in table.rows[1:]:
        cells = [_join_lines(c) for c in row]
        if not any(cells):
            continue
        m = _MONTH_ROW.match(cells[0])
        if m and not any(cells[1:]):
            month = cn_number(m.group(1)) or 0
            continue
        cell = lambda i: cells[i] if i is not None and i < len(cells) else ""  # noqa: E731
        when, activity, report = cell(when_col), cell(activity_col), cell(report_col).replace("\n", "")
        lead = _LEADING_MONTH.match(when)
        row_month = cn_number(lead.group(1)) if lead else month
        if not row_month or not 1 <= row_month <= 12 or not activity:
            draft.notes.append(Note("活动安排表的这一行看不出月份或活动内容，没有导入。", clip(" | ".join(cells))))
            continue
        counts[row_month] = counts.get(row_month, 0) + 1
        draft.schedule.append(ScheduleDraft(f"{row_month:02d}-{counts[row_month]}", row_month, when.replace("\n", ""),
                                            activity, report))


def category_row(cells: list[str]) -> tuple[int, str] | None:
    """A row that opens a category: `一、…` / `（一）…` in the first cell, or one text across the row."""
    first = cells[0]
    m = re.match(r"^[（(]?([一二三四五六七八九十]+)(?:[）)、.．]\s*(.*))?$", first)
    if m and cn_number(m.group(1)):
        rest = m.group(2) or next((c for c in cells[1:] if c), "")
        return cn_number(m.group(1)) or 0, rest
    if len(set(c for c in cells if c)) == 1 and not re.match(r"^\d", first):
        return 0, first
    return None


def new_category(number: int, title: str, draft: PlanDraft, source: str) -> CategoryDraft:
    taken = {c.number for c in draft.categories}
    following = max(taken, default=0) + 1
    category = CategoryDraft(number if number and number not in taken else following, title, clip(source))
    if number and number in taken:  # a task table after numbered text: its categories follow the text's
        category.notes.append(Note(f"任务分解表的第 {number} 类与正文的方面序号重复，按顺序编为第 {following} 类。请确认。",
                                   clip(source)))
    return category


_LIST_ROW = re.compile(r"^(?P<when>(?:\d{1,2}|[一二三四五六七八九十]{1,2}|十[一二])月[^：:，,。；;]{0,14}?)\s*[：:]\s*(?P<what>.+)$")


def schedule_lines(texts: list[str], draft: PlanDraft) -> list[bool]:
    """A month schedule written as a list (`3月：学雷锋志愿服务月。…`, `6月—7月：…`): one row per line.

    Returns, for each line, whether it was a row."""
    counts: dict[int, int] = {}
    for item in draft.schedule:
        counts[item.month] = max(counts.get(item.month, 0), int(item.id.split("-")[1]))
    out = []
    for text in texts:
        m = _LIST_ROW.match(text.strip())
        lead = _LEADING_MONTH.match(m.group("when")) if m else None
        month = cn_number(lead.group(1)) if lead else None
        if not m or not month or not 1 <= month <= 12:
            out.append(False)
            continue
        counts[month] = counts.get(month, 0) + 1
        draft.schedule.append(ScheduleDraft(f"{month:02d}-{counts[month]}", month, m.group("when").strip(),
                                            m.group("what").strip()))
        out.append(True)
    return out
