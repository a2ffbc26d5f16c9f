"""The ledger's evidence sheets: one row per evidence record (activity or document) of each task, with its date
and a link to the record in the site — the activity's page, the document's file.

Links are relative to the site's root, where the ledger sits in the inspectors' archive (`台账.xlsx` beside
`index.html`), so they open the record from the unpacked archive, with no server. Pure, except `write_sheet`,
which fills an openpyxl worksheet.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..records.model import Activity, Document, Visibility
from ..site.pages import activity_uri, document_file_uri

HEADER = ("编号", "任务", "日期", "佐证", "类型", "打开")
WIDTHS = (8, 22, 12, 46, 10, 30)


@dataclass(frozen=True)
class Evidence:
    task_id: str
    task: str
    """The task's short title."""
    date: dt.date
    title: str
    kind: str
    """活动 or 材料 (with its kind and number), marked 内部 where the record is internal."""
    link: str
    """The record in the site, relative to its root."""
    line: str
    """The record as one line of its task's row (`2018-03-06 第一期道德讲堂（活动）`)."""


def _internal(visibility: Visibility) -> str:
    return "，内部" if visibility == Visibility.INTERNAL else ""


def activity_evidence(task_id: str, task: str, a: Activity) -> Evidence:
    until = f"（至 {a.end.isoformat()}）" if a.end != a.start else ""
    return Evidence(task_id, task, a.start, f"{a.title}{until}", f"活动{_internal(a.visibility)}",
                    activity_uri(a).removesuffix(".md") + ".html",
                    f"{a.when_text} {a.title}（活动{_internal(a.visibility)}）")


def document_evidence(task_id: str, task: str, d: Document) -> Evidence:
    parts = [d.kind] if d.kind else []
    parts += [d.number] if d.number else []
    parts += ["内部"] if d.visibility == Visibility.INTERNAL else []
    number = f"，{d.number}" if d.number else ""
    return Evidence(task_id, task, d.date, d.title, "材料" + (f"（{'，'.join(parts)}）" if parts else ""),
                    document_file_uri(d), f"{d.date.isoformat()} {d.title}（材料{number}{_internal(d.visibility)}）")


def write_sheet(ws, rows: tuple[Evidence, ...], styles: dict) -> None:
    """`styles`: openpyxl objects made by the caller (bold, header fill, wrap, link font) — the import stays
    in one place. Every cell is text or a date; a title starting with `=` stays text."""
    from openpyxl.utils import get_column_letter

    ws.append(HEADER)
    for cell in ws[1]:
        cell.font, cell.fill = styles["bold"], styles["fill"]
    for e in rows:
        ws.append([e.task_id, e.task, e.date, e.title, e.kind, e.link])
        row = ws[ws.max_row]
        for cell in row:
            cell.alignment = styles["wrap"]
            if isinstance(cell.value, str):
                cell.data_type = "s"
                cell.quotePrefix = cell.value.startswith(("=", "+", "-", "@"))
        row[2].number_format = "yyyy-mm-dd"
        row[5].hyperlink = e.link
        row[5].font = styles["link"]
    for i, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(HEADER))}{max(ws.max_row, 2)}"
    ws.print_title_rows = "1:1"
