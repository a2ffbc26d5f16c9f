"""`wenming import plan` with several files, old Word formats, and hostile files: every case ends in a draft or in
a Chinese message saying what was refused, quickly and with little memory — never exit 3 or a traceback."""

from __future__ import annotations

import os
import shutil
import stat
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from helpers import FIXTURES, ROOT
from wenming.authoring.importer import ImportProblem, import_plan
from wenming.authoring.importer.limits import Clock
from wenming.cli import main
from wenming.records.load import load_repository

sys.path.insert(0, str(Path(__file__).parent))
from pdftext import write_pdf  # noqa: E402

LAYOUTS = FIXTURES / "plans" / "layouts"


def _repo(tmp_path: Path, unit: Path = LAYOUTS / "unit.yml") -> Path:
    data = tmp_path / "data"
    data.mkdir(parents=True, exist_ok=True)
    shutil.copy(unit, data / "unit.yml")
    return data


def _run(args: list[str], cwd: Path):
    return CliRunner().invoke(main, args, catch_exceptions=False)


# -- several files ---------------------------------------------------------------------------------------

def test_the_plan_and_its_attachment_import_together(tmp_path, monkeypatch):
    data = _repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    folder = LAYOUTS / "l10b-attachment-given"
    result = _run(["import", "plan", str(folder / "plan.txt"), str(folder / "附件1.txt"), "--data", str(data)], tmp_path)
    assert result.exit_code == 0, result.output
    assert "plan.txt、" in result.output and "附件1.txt" in result.output and "5 项任务" in result.output
    assert _run(["check", "--data", str(data)], tmp_path).exit_code == 0


def test_a_plan_whose_breakdown_is_in_an_attachment_not_given_says_so(tmp_path, monkeypatch):
    data = _repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = _run(["import", "plan", str(LAYOUTS / "l10-attachment-missing" / "plan.txt"), "--data", str(data)], tmp_path)
    assert result.exit_code == 0, result.output
    assert "任务分解在附件1里，这次没有一起导入" in result.output
    text = (data / "2024" / "plan.yml").read_text(encoding="utf-8")
    assert "# 待确认：方案的任务分解在附件1里" in text and "categories: []" in text
    assert _run(["check", "--data", str(data)], tmp_path).exit_code == 0


# -- .doc and .wps ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, what", [("方案.doc", "旧版 Word 文档（.doc）"), ("方案.wps", "WPS 文档（.wps）")])
def test_an_old_word_or_wps_file_gets_a_clear_message(tmp_path, monkeypatch, name, what):
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))  # no LibreOffice
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 200)
    with pytest.raises(ImportProblem) as caught:
        import_plan(path, load_repository(_repo(tmp_path), "data"))
    assert what in str(caught.value) and "另存为" in str(caught.value) and ".docx" in str(caught.value)


def test_an_old_word_file_is_converted_where_libreoffice_is_installed(tmp_path, monkeypatch):
    """A stand-in `soffice` on PATH does what LibreOffice does: writes <name>.docx into --outdir."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    converted = LAYOUTS / "w20-word-subtasks" / "plan.docx"
    script = bin_dir / "soffice"
    script.write_text(f"#!/bin/sh\n# soffice --headless --convert-to docx --outdir DIR FILE\n"
                      f"cp '{converted}' \"$5/$(basename \"$6\" .doc).docx\"\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    path = tmp_path / "方案.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    result = import_plan(path, load_repository(_repo(tmp_path), "data"))
    assert result.tasks == 4 and result.remaining == []


# -- hostile files ---------------------------------------------------------------------------------------

def _refused(path: Path, tmp_path: Path, words: str, seconds: float = 10.0) -> str:
    start = time.monotonic()
    with pytest.raises(ImportProblem) as caught:
        import_plan(path, load_repository(_repo(tmp_path), "data"))
    assert time.monotonic() - start < seconds
    message = str(caught.value)
    assert message.startswith(str(path)) and words in message, message
    return message


def test_a_zip_bomb_docx_is_refused_before_it_is_inflated(tmp_path):
    path = tmp_path / "炸弹.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as member:
            block = b" " * (1024 * 1024)
            for _ in range(300):  # 300 MB of spaces, a few hundred KB packed
                member.write(block)
    assert path.stat().st_size < 2 * 1024 * 1024
    tracemalloc.start()
    _refused(path, tmp_path, "压缩炸弹")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 50 * 1024 * 1024


def test_a_docx_with_a_huge_merged_cell_is_read_capped(tmp_path):
    document = docx.Document()
    document.add_paragraph("2024年度文明单位创建工作实施方案")
    document.add_paragraph("一、任务分解")
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ("序号", "工作任务", "责任部门")):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ("1", "制定方案，3月底前完成。", "办公室")):
        cell.text = text
    from docx.oxml import parse_xml
    tc = table.rows[1].cells[1]._tc
    tc.get_or_add_tcPr().append(parse_xml(
        '<w:gridSpan xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:val="2000000000"/>'))
    path = tmp_path / "合并.docx"
    document.save(str(path))
    start = time.monotonic()
    result = import_plan(path, load_repository(_repo(tmp_path), "data"))
    assert time.monotonic() - start < 10 and result.remaining == []


def test_a_pdf_of_twenty_thousand_pages_is_refused(tmp_path):
    path = tmp_path / "两万页.pdf"
    write_pdf([f"第{i}页" for i in range(20_000)], path, lines_per_page=1)
    message = _refused(path, tmp_path, "20000 页", seconds=5)
    assert "上限" in message


def test_a_document_with_too_much_text_is_refused(tmp_path):
    path = tmp_path / "太长.txt"
    path.write_text("2024年度实施方案\n" + "开展活动，每月一次。\n" * 200_000, encoding="utf-8")
    _refused(path, tmp_path, "文字太多")


def test_a_docx_with_a_dtd_is_refused(tmp_path):
    path = tmp_path / "实体.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')
    _refused(path, tmp_path, "DTD")


@pytest.mark.parametrize("year_words, option, words", [
    ("3000年度文明单位创建工作实施方案", None, "3000 年，不在 1990 到 2100 年之间"),
    ("文明单位创建工作实施方案", None, "看不出这是哪一年"),
])
def test_a_plan_naming_a_year_out_of_range_gets_a_message_not_an_internal_error(tmp_path, monkeypatch, year_words,
                                                                                option, words):
    data = _repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "方案.txt"
    path.write_text(f"{year_words}\n一、工作任务\n1.3000年5月底前开展活动，每月一次。\n", encoding="utf-8")
    result = _run(["import", "plan", str(path), "--data", str(data)], tmp_path)
    assert result.exit_code == 1 and words in result.output, result.output
    again = _run(["import", "plan", str(path), "--data", str(data), "--year", "2024"], tmp_path)
    assert again.exit_code == 0, again.output  # with --year the draft is written, the year 3000 marked


def test_out_of_time_the_rest_of_the_tasks_are_marked_not_read(tmp_path):
    ticks = iter(range(1000))
    clock = Clock(3, now=lambda: next(ticks))  # spent after a few tasks
    result = import_plan(LAYOUTS / "l07-bracket-labels" / "plan.txt", load_repository(_repo(tmp_path), "data"),
                         clock=clock)
    assert result.remaining == [] and "导入时间超过上限" in result.text


def test_the_command_never_ends_in_an_internal_error(tmp_path, monkeypatch):
    data = _repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    for name, content in [("a.docx", b"PK\x03\x04garbage"), ("b.pdf", b"%PDF-1.4\n%garbage"), ("c.txt", b"\xff\xfe\x00"),
                          ("d.md", "| a |\n|---|\n| 一、 |\n".encode())]:
        path = tmp_path / name
        path.write_bytes(content)
        result = CliRunner().invoke(main, ["import", "plan", str(path), "--data", str(data), "-o", str(tmp_path / f"{name}.yml")])
        assert result.exit_code in (0, 1), (name, result.output, result.exception)
        assert "Traceback" not in result.output
    assert ROOT.is_dir()


def test_word_headings_without_numbers_give_the_outline(tmp_path):
    """Heading 1 / Heading 2 with no number anywhere: sections and categories; paragraphs under a category are
    its tasks, one each, their departments from the closing bracket."""
    document = docx.Document()
    document.add_paragraph("2024年文明单位创建工作方案", style="Title")
    document.add_paragraph("指导思想", style="Heading 1")
    document.add_paragraph("以社会主义核心价值观为引领。")
    document.add_paragraph("工作任务", style="Heading 1")
    document.add_paragraph("思想道德建设", style="Heading 2")
    document.add_paragraph("开展道德讲堂，每季度一次。（办公室负责）")
    document.add_paragraph("开展身边好人评选，9月底前完成。")
    document.add_paragraph("志愿服务", style="Heading 2")
    document.add_paragraph("组织志愿服务，全年不少于6次。（机关团委负责）")
    path = tmp_path / "标题.docx"
    document.save(str(path))
    result = import_plan(path, load_repository(_repo(tmp_path, ROOT / "data" / "unit.yml"), "data"))
    draft = result.draft
    assert draft.guiding == "以社会主义核心价值观为引领。"
    assert [(c.number, c.title) for c in draft.categories] == [(1, "思想道德建设"), (2, "志愿服务")]
    assert [(t.id, t.text, t.lead, t.deadlines, t.frequencies) for t in draft.tasks] == [
        ("1-1", "开展道德讲堂，每季度一次。", ("bgs",), [], ["每季度一次"]),
        ("1-2", "开展身边好人评选，9月底前完成。", (), ["9月底前"], []),
        ("2-1", "组织志愿服务，全年不少于6次。", ("jgtw",), ["全年"], ["全年不少于6次"]),
    ]
    assert result.remaining == []
