"""`wenming export ledger`: the task ledger as an Excel workbook or a CSV file.

The sample is exported as of 2018-12-31 (the date the `sample_site` fixture is
built as of), so every row must agree with the site's 任务台账 pages.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess
import sys
import zipfile
from collections import Counter

import pytest
from openpyxl import load_workbook

from helpers import ROOT, article, make_repo
from wenming.api import load_dataset
from wenming.exports.ledger import HEADER, Row, Sheet, csv_safe, write_csv, write_xlsx
from wenming.judge.status import Status

AS_OF = "2018-12-31"
EVIL = '=HYPERLINK("http://example.com/steal","点我")'


def run(*args):
    return subprocess.run([sys.executable, "-m", "wenming", *args], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8")


def rows_of(ws) -> list[dict]:
    values = list(ws.iter_rows(values_only=True))
    assert values[0] == HEADER
    return [dict(zip(HEADER, r)) for r in values[1:]]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("ledger")
    xlsx, csv_file = out / "台账.xlsx", out / "台账.csv"
    for args in (["-o", str(xlsx)], ["-o", str(csv_file), "--csv"]):
        result = run("export", "ledger", "--as-of", AS_OF, *args)
        assert result.returncode == 0, result.stderr
        assert f"任务台账已导出到 {args[1]}（数据截至 {AS_OF}）：2018年 46 项（" in result.stdout
    return xlsx, csv_file


@pytest.fixture(scope="module")
def plans():
    dataset = load_dataset(ROOT / "data")
    return {y.year: [t.id for t in y.plan.tasks] for y in dataset.years}


def site_ledger(site, year: int) -> dict[str, tuple[str, str]]:
    """Task id → (状态, 情况) from the built 任务台账 page."""
    found = {}
    for table in article(site, f"{year}/tasks/index.html").select("table"):
        heads = [th.get_text(strip=True) for th in table.select("tr")[0].select("th")]
        if "状态" not in heads:
            continue  # the score tables
        for tr in table.select("tr")[1:]:
            cells = dict(zip(heads, (td.get_text(" ", strip=True) for td in tr.select("td"))))
            late = tr.select_one(".wm-late-note")  # a late item beside another status: noted after the reason
            note = f"（{late.get_text(strip=True)}）" if late else ""
            found[cells["任务"].split()[0]] = (cells["状态"].split()[0], cells["情况"] + note)  # 任务: "1-1 制定…"
    return found


def test_every_task_of_every_year_once(exported, plans):
    wb = load_workbook(exported[0])
    assert wb.sheetnames == ["封面"] + [name for y in sorted(plans) for name in (f"{y}年", f"{y}年佐证")]
    cover = [[c for c in row if c is not None] for row in wb["封面"].iter_rows(values_only=True)]
    assert cover[0][0].endswith("文明单位创建工作台账") and cover[2][:3] == ["年度", "实施方案", "数据截至"]
    assert [row[0] for row in cover[3:3 + len(plans)]] == [f"{y}年" for y in sorted(plans)]
    done = wb["封面"].cell(4, 5)  # 完成度: a number shown as a percentage, as on the home page
    assert isinstance(done.value, float) and 0 < done.value <= 1 and done.number_format == "0%"
    for year, ids in plans.items():
        rows = rows_of(wb[f"{year}年"])
        seen = Counter(r["编号"] for r in rows)
        assert sorted(seen) == sorted(ids) and set(seen.values()) == {1}


def test_statuses_match_the_site(exported, plans, sample_site):
    wb = load_workbook(exported[0])
    for year in plans:
        site = site_ledger(sample_site, year)
        rows = rows_of(wb[f"{year}年"])
        assert {r["编号"]: (r["状态"], r["情况"]) for r in rows} == site
    statuses = {r["状态"] for r in rows_of(wb["2018年"])}
    assert statuses <= {s.value for s in Status} and len(statuses) > 1


def test_rows_carry_names_deadlines_evidence_and_links(exported, sample_site):
    ws = load_workbook(exported[0])["2018年"]
    rows = {r["编号"]: r for r in rows_of(ws)}
    first = rows["1-1"]
    assert first["方面"] == "（一）创建工作机制方面"
    assert first["牵头部门"] == "办公室" and first["配合部门"] == "机关党委"
    assert first["时限（方案原文）"] == "2月中旬前" and first["截止日期"] == "2018-02-20"
    assert first["预计得分"].startswith("2018年市级文明单位测评体系（示例）：")
    assert "2018-01-29 关于印发《2018年度精神文明建设工作实施方案》的通知（材料，示总工〔2018〕3号）" in first["佐证（活动、材料）"]
    assert first["网站页面"] == "2018/tasks/1-1.html"
    assert rows["5-2"]["佐证数"] == len(rows["5-2"]["佐证（活动、材料）"].splitlines()) > 1
    link_col = HEADER.index("网站页面") + 1
    for row in ws.iter_rows(min_row=2, min_col=link_col, max_col=link_col):
        cell = row[0]
        assert cell.hyperlink.target == cell.value
        assert (sample_site / cell.value).is_file(), cell.value
    assert ws.freeze_panes == "A2"
    assert ws.cell(2, HEADER.index("佐证（活动、材料）") + 1).alignment.wrap_text
    from openpyxl.utils import get_column_letter
    assert ws.column_dimensions[get_column_letter(HEADER.index("佐证（活动、材料）") + 1)].width >= 40


def test_each_evidence_record_has_its_date_and_a_link_that_opens_it(exported, sample_site):
    """The 佐证 sheet: one row per record of each task, its date, and a link to the activity's page or the
    document's file, relative to the site's root (where the ledger sits in the unpacked archive)."""
    wb = load_workbook(exported[0])
    tasks = {r["编号"]: r for r in rows_of(wb["2018年"])}
    ws = wb["2018年佐证"]
    values = list(ws.iter_rows(values_only=True))
    assert values[0] == ("编号", "任务", "日期", "佐证", "类型", "打开")
    rows = values[1:]
    per_task = Counter(r[0] for r in rows)
    assert {tid: n for tid, n in per_task.items()} == {tid: r["佐证数"] for tid, r in tasks.items() if r["佐证数"]}
    first = [r for r in rows if r[0] == "1-1"]
    assert any(r[3] == "关于印发《2018年度精神文明建设工作实施方案》的通知" and r[2].date() == dt.date(2018, 1, 29)
               and r[4].startswith("材料") and "示总工〔2018〕3号" in r[4] for r in first)
    kinds = {r[4].split("（")[0].split("，")[0] for r in rows}
    assert kinds == {"活动", "材料"}
    for row in ws.iter_rows(min_row=2):
        link = row[5]
        assert link.hyperlink.target == link.value
        assert (sample_site / link.value).is_file(), link.value
    pages = [r[5] for r in rows if r[4].startswith("活动")]
    assert all(p.startswith("2018/activities/") and p.endswith(".html") for p in pages)
    dates = [r[2] for r in rows if r[0] == "5-2"]
    assert dates == sorted(dates) and len(dates) > 1


def test_csv_has_bom_and_a_year_column(exported, plans):
    raw = exported[1].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["年度", *HEADER]
    assert Counter(r[0] for r in rows[1:]) == {str(y): len(ids) for y, ids in plans.items()}
    wb = load_workbook(exported[0])
    sheet = [["" if v is None else str(v) for v in r] for r in wb["2018年"].iter_rows(min_row=2, values_only=True)]
    assert [r[1:] for r in rows[1:] if r[0] == "2018"] == sheet


def test_as_of_cuts_evidence(tmp_path):
    out = tmp_path / "t.xlsx"
    assert run("export", "ledger", "-o", str(out), "--as-of", "2018-03-31").returncode == 0
    rows = rows_of(load_workbook(out)["2018年"])
    for r in rows:
        for line in (r["佐证（活动、材料）"] or "").splitlines():
            assert dt.date.fromisoformat(line[:10]) <= dt.date(2018, 3, 31), line


def test_formula_injection_guard(tmp_path):
    data = make_repo(tmp_path)
    plan = data / "2018" / "plan.yml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("title: 制定实施方案", f"title: '{EVIL}'"),
                    encoding="utf-8")
    unit = data / "unit.yml"
    unit.write_text(unit.read_text(encoding="utf-8").replace("name: 宣传科", "name: \"@宣传科\""), encoding="utf-8")
    xlsx, csv_file = tmp_path / "t.xlsx", tmp_path / "t.csv"
    for args in (["-o", str(xlsx)], ["-o", str(csv_file), "--csv"]):
        result = run("export", "ledger", "--data", str(data), "--as-of", "2018-06-30", *args)
        assert result.returncode == 0, result.stderr

    ws = load_workbook(xlsx)["2018年"]
    rows = {r["编号"]: r for r in rows_of(ws)}
    assert rows["1-1"]["任务"] == EVIL and rows["1-1"]["配合部门"] == "@宣传科"
    title = ws.cell(2, HEADER.index("任务") + 1)
    assert title.data_type == "s" and title.quotePrefix
    with zipfile.ZipFile(xlsx) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any(b"<f>" in z.read(n) or b"<f " in z.read(n) for n in sheets)

    rows = list(csv.reader(io.StringIO(csv_file.read_text(encoding="utf-8-sig"), newline="")))
    first = dict(zip(rows[0], rows[1]))
    assert first["任务"] == "'" + EVIL and first["配合部门"] == "'@宣传科"


def test_guard_covers_every_formula_start(tmp_path):
    texts = ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"]
    for t in texts:
        assert csv_safe(t) == "'" + t
    assert csv_safe("2018-02-20") == "2018-02-20" and csv_safe("办公室") == "办公室" and csv_safe(3) == 3
    row = Row(*texts[:4], "", "", texts[4], texts[5], "", "", Status.DONE, "", "", 0, "", "2018/tasks/1-1.html")
    write_xlsx((Sheet(2018, (row,)),), tmp_path / "t.xlsx")
    ws = load_workbook(tmp_path / "t.xlsx")["2018年"]
    cells = [c for c in ws[2] if isinstance(c.value, str) and c.value]
    assert all(c.data_type == "s" for c in cells)
    # An XML parser may read a CR back as LF (the standard library's does, lxml keeps it): compare both as LF.
    assert [c.value.replace("\r", "\n") for c in cells if c.quotePrefix] == [t.replace("\r", "\n") for t in texts]
    write_csv((Sheet(2018, (row,)),), tmp_path / "t.csv")
    line = list(csv.reader(io.StringIO((tmp_path / "t.csv").read_bytes().decode("utf-8-sig"), newline="")))[1]
    assert [c for c in line if c.startswith("'")] == ["'" + t for t in texts]


def test_wrong_suffix_is_a_usage_error(tmp_path):
    result = run("export", "ledger", "-o", str(tmp_path / "t.xlsx"), "--csv")
    assert result.returncode == 2
    assert f"{tmp_path / 't.xlsx'}：CSV 文件的文件名应以 .csv 结尾，请改为 {tmp_path / 't.csv'}。" in result.stderr
    assert not (tmp_path / "t.xlsx").exists()
