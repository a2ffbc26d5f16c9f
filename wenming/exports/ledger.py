"""The task ledger (台账) as a spreadsheet: one row per task, one sheet per year.

`ledger(dataset, as_of)` is pure: it reads the same evaluation as the site
(`pages.YearView`, records cut to `as_of` with `Year.until`), so a row's
status and reason are the ones on the site's 任务台账 page. The writers at the
end (`write_xlsx`, `write_csv`) are the only I/O.

Spreadsheet programs run cell text that starts with `= + - @` (or a tab or
carriage return) as a formula. The xlsx writer stores such text as explicit
text with Excel's quote prefix; the CSV writer puts an apostrophe before it.
"""

from __future__ import annotations

import csv
import datetime as dt
import errno
import gc
import io
import os
import re
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..records.model import Dataset
from ..records.planmodel import Task
from ..site.pages import YearView, task_uri
from ..judge.progress import STATUS_ORDER
from ..site.render import cn_number
from ..judge.status import Status
from .ledgerevidence import Evidence, activity_evidence, document_evidence, write_sheet

HEADER = ("方面", "编号", "任务", "任务原文", "牵头部门", "配合部门", "时限（方案原文）", "截止日期", "频次（方案原文）",
          "佐证要求", "状态", "情况", "预计得分", "佐证数", "佐证（活动、材料）", "网站页面")
WIDTHS = (18, 7, 20, 40, 14, 16, 18, 14, 18, 30, 8, 26, 24, 7, 50, 20)
"""Column widths in Excel's units (a CJK character is about 2)."""
CSV_HEADER = ("年度",) + HEADER
LEDGER_IN_ARCHIVE = "任务台账.xlsx"
"""The ledger's name in the inspectors' archive, beside the site's index.html (its links are relative to it)."""
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Row:
    category: str
    task_id: str
    title: str
    text: str
    """The plan's own words for the task."""
    lead: str
    coop: str
    deadline_text: str
    deadline_dates: str
    frequency: str
    required: str
    """The evidence the plan asks for, in its words."""
    status: Status
    reason: str
    score: str
    evidence_count: int
    evidence: str
    link: str
    """The task page, relative to the site root (`2018/tasks/1-1.html`)."""
    records: tuple[Evidence, ...] = ()
    """Each evidence record, oldest first, with its link (the year's 佐证 sheet)."""

    def cells(self) -> tuple:
        return (self.category, self.task_id, self.title, self.text, self.lead, self.coop, self.deadline_text,
                self.deadline_dates, self.frequency, self.required, self.status.value, self.reason, self.score,
                self.evidence_count, self.evidence, self.link)


@dataclass(frozen=True)
class Sheet:
    year: int
    rows: tuple[Row, ...]
    unit: str = ""
    title: str = ""
    """The plan's title."""
    as_of: dt.date | None = None
    completion: float = 0.0

    @property
    def name(self) -> str:
        return f"{self.year}年"

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        return tuple(e for r in self.rows for e in r.records)

    def counts(self) -> dict[Status, int]:
        out: dict[Status, int] = {}
        for r in self.rows:
            out[r.status] = out.get(r.status, 0) + 1
        return out


# -- the pure part ------------------------------------------------------------------


def ledger(dataset: Dataset, as_of: dt.date) -> tuple[Sheet, ...]:
    """Every year's tasks as of `as_of`, oldest year first."""
    return tuple(year_sheet(YearView(dataset, y, as_of)) for y in dataset.years)


def year_sheet(v: YearView) -> Sheet:
    categories = {c.number: f"（{cn_number(c.number)}）{c.title}" for c in v.plan.categories}
    return Sheet(v.year.year, tuple(task_row(v, t, categories[t.category]) for t in v.plan.tasks), v.unit.name,
                 v.plan.title, v.as_of, v.progress.overall.completion)


def task_row(v: YearView, task: Task, category: str) -> Row:
    result = v.result(task.id)
    records = sorted([activity_evidence(task.id, task.title, a) for a in v.by_task.get(task.id, ())]
                     + [document_evidence(task.id, task.title, d) for d in v.docs_by_task.get(task.id, ())],
                     key=lambda e: (e.date, e.line))
    return Row(
        category=category, task_id=task.id, title=task.title, text=task.text,
        lead="、".join(v.org_name(o) for o in task.lead),
        coop="、".join(v.org_name(o) for o in task.coop),
        deadline_text="；".join(([f"{task.phase}阶段"] if task.phase else []) + [d.text for d in task.deadlines]),
        deadline_dates="；".join(_deadline_dates(d) for d in task.deadlines),
        frequency="；".join(task.frequency), required=task.evidence,
        status=result.status, reason=result.reason + (f"（含{result.late}项逾期完成）"
                                                      if result.late and result.status != Status.DONE_LATE else ""),
        score="\n".join(_score_line(rubric, item) for rubric, item in v.task_scores(task.id)),
        evidence_count=len(records),
        evidence="\n".join(e.line for e in records),
        link=page_link(v.year.year, task.id),
        records=tuple(records),
    )


def page_link(year: int, task_id: str) -> str:
    """The built task page (the site uses `use_directory_urls: false`)."""
    return task_uri(year, task_id).removesuffix(".md") + ".html"


def _deadline_dates(d) -> str:
    if d.kind == "relative":
        return f"活动结束后 {d.days} 天内" if d.days is not None else ""
    return "、".join(day.isoformat() for day in d.dates)


def _number(value: float) -> str:
    return f"{value:g}"


def _score_line(rubric, item) -> str:
    earned = "待人工评分" if item.earned is None else f"{_number(item.earned)} 分"
    return f"{rubric.name}：{earned}（分值 {_number(item.points)}）"


def is_formula_like(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_safe(value: object) -> object:
    """Text a spreadsheet would run as a formula, with an apostrophe in front (OWASP's advice for CSV)."""
    return "'" + value if is_formula_like(value) else value


def summary(sheets: tuple[Sheet, ...]) -> str:
    """`2018年 76 项（达标 50、逾期 3、…）；2019年 …` in the site's status order."""
    parts = []
    for s in sheets:
        counts = s.counts()
        detail = "、".join(f"{st.value} {counts[st]}" for st in STATUS_ORDER if counts.get(st))
        parts.append(f"{s.name} {len(s.rows)} 项" + (f"（{detail}）" if detail else ""))
    return "；".join(parts)


# -- writers (I/O) ------------------------------------------------------------------

STATUS_FILLS = {Status.DONE: "E8F5E9", Status.ON_TRACK: "E3F2FD", Status.AT_RISK: "FFF8E1",
                Status.OVERDUE: "FFEBEE", Status.NOT_DUE: "F5F5F5", Status.DONE_LATE: "F1F8E9",
                Status.INCOMPLETE: "FFF3E0", Status.PENDING: "EDE7F6"}
"""The site's badge colours (wenming.css)."""


def write_csv(sheets: tuple[Sheet, ...], path: Path) -> None:
    """One file for all years (a 年度 column first), UTF-8 with BOM so Excel reads the Chinese."""
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        out = csv.writer(f)
        out.writerow(CSV_HEADER)
        for s in sheets:
            for r in s.rows:
                out.writerow([s.year] + [csv_safe(c) for c in r.cells()])


def write_xlsx(sheets: tuple[Sheet, ...], path: Path) -> None:
    """One worksheet per year (`2018年`), header frozen, text wrapped, status coloured, links live."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    wrap = Alignment(wrap_text=True, vertical="top")
    if sheets:
        _cover(wb.create_sheet("封面"), sheets, Font)
    link_font = Font(color="0563C1", underline="single")
    for s in sheets:
        ws = wb.create_sheet(s.name)
        ws.append(HEADER)
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="EEEEEE")
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        for r in s.rows:
            ws.append([ILLEGAL_CHARACTERS_RE.sub("", c) if isinstance(c, str) else c for c in r.cells()])
            row = ws[ws.max_row]
            for cell in row:
                cell.alignment = wrap
                if is_formula_like(cell.value) or cell.data_type == "f":
                    cell.data_type = "s"  # text, never a formula
                    cell.quotePrefix = True
            status = row[HEADER.index("状态")]
            status.fill = PatternFill("solid", fgColor=STATUS_FILLS[r.status])
            link = row[HEADER.index("网站页面")]
            link.hyperlink = r.link
            link.font = link_font
        for i, width in enumerate(WIDTHS, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:{get_column_letter(len(HEADER))}{max(ws.max_row, 2)}"
        ws.print_title_rows = "1:1"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        write_sheet(wb.create_sheet(f"{s.name}佐证"), s.evidence,
                    {"bold": Font(bold=True), "fill": PatternFill("solid", fgColor="EEEEEE"), "wrap": wrap,
                     "link": link_font})
    if not sheets:
        wb.create_sheet("台账").append(HEADER)
    wb.properties.creator = "wenming"
    day = next((s.as_of for s in sheets if s.as_of), None)
    path.write_bytes(_dated(_saved(wb), day) if day else _saved(wb))


def _cover(ws, sheets: tuple[Sheet, ...], font) -> None:
    """What an inspector reads first: the unit, each year's plan, the date the data stands at, the summary."""
    ws.append([f"{sheets[0].unit}文明单位创建工作台账"])
    ws["A1"].font = font(bold=True, size=14)
    ws.append([])
    ws.append(["年度", "实施方案", "数据截至", "任务数", "完成度"] + [s.value for s in Status])
    for s in sheets:
        counts = s.counts()
        ws.append([f"{s.year}年", s.title, s.as_of.isoformat() if s.as_of else "", len(s.rows),
                   round(s.completion, 4)] + [counts.get(status, 0) for status in Status])
        ws.cell(ws.max_row, 5).number_format = "0%"  # a number Excel can sum and sort, shown as 46%
    ws.append([])
    ws.append(["各年度的台账在后面的工作表里，每项任务一行：方案原文、时限和频次、佐证要求、状态和原因、全部佐证。"])
    ws.append(["“某年佐证”工作表逐条列出每项任务的佐证（日期、名称、类型），“打开”一列链接到网站上的活动页面或材料文件："
               "把台账和网站放在同一个文件夹里（台账压缩包解压后就是这样）才能打开。"])
    for col, width in zip("ABCDE", (10, 40, 12, 8, 8)):
        ws.column_dimensions[col].width = width


def _dated(data: bytes, day: dt.date) -> bytes:
    """The workbook's bytes made the same for the same data and as-of date: openpyxl stamps the file's parts and
    its 修改时间 with the clock; here every part is dated `day` and the properties say that day."""
    stamp = f"{day.isoformat()}T00:00:00Z"
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(), body)
            entry = zipfile.ZipInfo(info.filename, date_time=(max(day.year, 1980), day.month, day.day, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, body)
    return out.getvalue()


def _saved(wb) -> bytes:
    """The workbook's bytes, made in memory (a full disk then stops one plain write, not openpyxl's zip). A
    full disk or a size limit in openpyxl's temporary files (written by lxml, which names it its own way) is
    an OSError; the streams openpyxl leaves open then fail again when freed, quietly."""
    out, code, hook = io.BytesIO(), None, sys.unraisablehook
    sys.unraisablehook = lambda unraisable: None
    try:
        try:
            wb.save(out)
        except Exception as exc:
            code = getattr(errno, str(exc).removeprefix("IO_"), None) if str(exc).startswith("IO_") else None
            if code is None:
                raise
        gc.collect()
    finally:
        sys.unraisablehook = hook
    if code is not None:
        raise OSError(code, os.strerror(code), tempfile.gettempdir())
    return out.getvalue()
