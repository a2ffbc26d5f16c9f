"""Tables that lost their cells on the way into text, found in runs of lines and rebuilt as rows. Pure.

- cells run together with spaces: a header line of column names (`序号 考核项目 考核内容 分值 考核方法`,
  `月份  时间  活动内容  报送时限`), then one row per line; a month label alone on a line is a row of its own
  (the schedule reader gives it to the rows under it); a row one cell short has lost the first column's cell
  (the month or category merged down), and `合计 100` puts its number in the points column;
- pipes with one cell per line (`|` / `II-1` / `|` / `文明窗口评选` / `|` / `15` …): a new row starts at each
  item code (`I-1`, `II-3`); a part with its subtotal (`I-2 志愿服务（20分）实地考察`) is a row of one cell.
"""

from __future__ import annotations

import re

_HEADER_WORDS = ("序号", "编号", "时间", "日期", "月份", "活动内容", "内容", "活动", "上报", "报送", "责任", "牵头", "配合",
                 "时限", "项目", "分值", "分数", "方法", "标准", "类别", "任务", "指标", "要求", "备注")
_MONTH = re.compile(r"^(?:[一二三四五六七八九十]{1,3}|\d{1,2})月(?:份)?$")
_CODE = re.compile(r"^(?:[IVXⅠⅡⅢⅣⅤ]+|[A-Z])\s*[-－.]\s*\d{1,2}")
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")


def _cells(line: str, wide: bool) -> list[str]:
    parts = re.split(r"\s{2,}|\t|\u3000+" if wide else r"\s+", line.strip())
    return [p for p in parts if p]


def _header(line: str) -> tuple[list[str], bool] | None:
    for wide in (True, False):
        cells = _cells(line, wide)
        named = [c for c in cells if len(c) <= 6 and any(w in c for w in _HEADER_WORDS)]
        if len(cells) >= 3 and len(named) == len(cells):
            return cells, wide
    return None


def _align(row: list[str], header: list[str]) -> list[str]:
    width = len(header)
    if len(row) == width:
        return row
    if len(row) == 1:
        return row + [""] * (width - 1)
    if re.match(r"^(?:合计|总计|总分)", row[0]) and _NUMBER.match(row[-1]):
        points = next((i for i, h in enumerate(header) if "分" in h), width - 1)
        out = [row[0]] + [""] * (width - 1)
        out[points] = row[-1]
        return out
    if len(row) == width - 1:
        return [""] + row
    if len(row) > width:  # spaces inside a cell: the surplus joins the widest text column
        text = next((i for i, h in enumerate(header) if "内容" in h or "任务" in h or "活动" in h), 1)
        extra = len(row) - width
        return row[:text] + [" ".join(row[text:text + extra + 1])] + row[text + extra + 1:]
    return row + [""] * (width - len(row))


def _spaced(texts: list[str], i: int) -> tuple[int, list[list[str]]] | None:
    found = _header(texts[i])
    if not found:
        return None
    header, wide = found
    rows = [header]
    j = i + 1
    while j < len(texts):
        line = texts[j].strip()
        if not line:
            break
        cells = _cells(line, wide)
        if len(cells) == 1 and not _MONTH.match(cells[0]):
            break
        if len(cells) >= 2 and len(cells) < len(header) - 1 and not re.match(r"^(?:合计|总计|总分)", cells[0]):
            break
        rows.append(_align(cells, header))
        j += 1
    return (j, rows) if len(rows) >= 3 else None


def _piped(texts: list[str], i: int) -> tuple[int, list[list[str]]] | None:
    if texts[i].strip() != "|":
        return None
    cells: list[str] = []
    j = i
    while j < len(texts) and (texts[j].strip() == "|" or (j > i and texts[j - 1].strip() == "|" and texts[j].strip())):
        if texts[j].strip() != "|":
            cells.append(texts[j].strip())
        j += 1
    if len(cells) < 4 or not any(_CODE.match(c) for c in cells):
        return None
    rows: list[list[str]] = []
    for cell in cells:
        if _CODE.match(cell) or not rows:
            rows.append([cell])
        else:
            rows[-1].append(cell)
    width = max(len(r) for r in rows)
    items = [r for r in rows if len(r) == width]
    numeric = next((k for k in range(width) if all(_NUMBER.match(r[k]) for r in items)), None)
    header = []
    for k in range(width):
        header.append("编号" if k == 0 else "分值" if k == numeric else "测评项目" if len(header) == 1 else "测评方法"
                      if k == width - 1 else f"内容{k}")
    return j, [header] + [r + [""] * (width - len(r)) for r in rows]


def find_tables(texts: list[str]) -> list[tuple[int, int, list[list[str]]]]:
    """(first line, line after the last, rows with the header first) for each flattened table in `texts`."""
    out = []
    i = 0
    while i < len(texts):
        found = _spaced(texts, i) or _piped(texts, i)
        if found:
            end, rows = found
            out.append((i, end, rows))
            i = end
        else:
            i += 1
    return out
