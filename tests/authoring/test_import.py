"""`wenming import plan`: the sample plan's Word document gives back the sample plan.yml; the other seeds' plans,
as text, give drafts that pass `wenming check`; a PDF with a text layer reads the same; nothing is overwritten."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from helpers import FIXTURES, ROOT
from wenming.api import load_dataset
from wenming.authoring.importer import ImportProblem, import_plan
from wenming.authoring.importer.phrases import read_cell, read_task_phrases, split_evidence
from wenming.cli import main
from wenming.records.load import load_repository
from wenming.records.phrases import read_phrase

sys.path.insert(0, str(Path(__file__).parent))
from pdftext import write_pdf  # noqa: E402

PLANS = FIXTURES / "plans"
SAMPLE_DOCX = PLANS / "2018-sample.docx"


def _repo(tmp_path: Path) -> Path:
    """A data folder with the sample's unit.yml and no plans."""
    data = tmp_path / "data"
    data.mkdir(parents=True)
    shutil.copy(ROOT / "data" / "unit.yml", data / "unit.yml")
    return data


def _import(source: Path, data: Path, year: int | None = None):
    """Import, write the draft as the plan of its year, and load it as `wenming check` does."""
    result = import_plan(source, load_repository(data, "data"), year)
    target = data / str(result.draft.year) / "plan.yml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(result.text, encoding="utf-8")
    dataset = load_dataset(data, "data")
    return result, dataset


def _errors(dataset) -> list[str]:
    return [p.format() for p in dataset.problems if p.is_error]


def _task_facts(task) -> tuple:
    deadlines = (tuple(task.due_dates), tuple(sorted(d.days for d in task.deadlines if d.kind == "relative")))
    return task.text, task.lead, task.coop, deadlines


def test_the_sample_document_is_made_by_the_script(tmp_path):
    out = tmp_path / "again.docx"
    import subprocess
    subprocess.run([sys.executable, str(ROOT / "tools" / "make_sample_plan_docx.py"), str(out)], check=True,
                   capture_output=True)
    assert out.read_bytes() == SAMPLE_DOCX.read_bytes()


def test_the_sample_plan_comes_back_from_its_word_document(tmp_path):
    result, dataset = _import(SAMPLE_DOCX, _repo(tmp_path))
    assert _errors(dataset) == []
    draft = dataset.years[0].plan
    sample = load_dataset(ROOT / "data", "data").years[0].plan
    got = {t.id: t for t in draft.tasks}
    wrong = [t.id for t in sample.tasks if t.id not in got or _task_facts(got[t.id]) != _task_facts(t)]
    right = 1 - len(wrong) / len(sample.tasks)
    print(f"sample tasks right: {len(sample.tasks) - len(wrong)}/{len(sample.tasks)} ({right:.0%}); wrong: {wrong}")
    assert len(draft.tasks) == len(sample.tasks) == 46
    assert right >= 0.95, wrong
    # the rest of the plan
    assert (draft.title, draft.number, draft.issued, draft.issuer) == \
        (sample.title, sample.number, sample.issued, sample.issuer)
    assert (draft.guiding, draft.goals, draft.requirements) == (sample.guiding, sample.goals, sample.requirements)
    assert draft.leading_group == sample.leading_group
    assert draft.phases == sample.phases
    assert [(c.number, c.title, c.lead, c.coop) for c in draft.categories] == \
        [(c.number, c.title, c.lead, c.coop) for c in sample.categories]
    rows = lambda plan: [(s.id, s.month, s.when, s.activity.strip(), s.report) for s in plan.schedule]  # noqa: E731
    assert rows(draft) == rows(sample)
    # schedule rows are linked only where certain: every link the importer makes, the sample's editors made too
    links = {s.id: set(s.tasks) for s in sample.schedule}
    made = [(s.id, t) for s in draft.schedule for t in s.tasks]
    print(f"schedule links made: {len(made)}, all in the sample; the sample has {sum(map(len, links.values()))}")
    assert len(made) >= 20 and all(t in links[sid] for sid, t in made)
    # nothing silently defaulted: each task without a time limit in the plan is marked
    assert result.text.count("方案没有写这项任务的时限") == 5
    assert result.tasks == 46 and result.readable_deadlines == 41 and result.defaulted == 5
    # frequencies go to `frequency:` only: no `count:` beside them, nothing the validator warns about
    assert "count:" not in result.text and "重复了" not in result.text and result.rejected == {}
    # compared as read, before rules that say the same thing are merged (the sample's hand-made spread and festival
    # rules make its own count redundant there, the draft has no hand-made rules)
    def frequency(task):
        readings = [r.as_json() for phrase in task.frequency for r in read_phrase(phrase, 2018).readings]
        return sorted((r["kind"], r.get("min")) for r in readings if r["kind"] in ("count", "per_cycle"))
    same = [t.id for t in sample.tasks if frequency(got[t.id]) == frequency(t)]
    print(f"sample counts and cycles right: {len(same)}/{len(sample.tasks)}",
          [(t.id, frequency(got[t.id]), frequency(t)) for t in sample.tasks if t.id not in same])
    # the rest: 2-2, 10-3 and 13-1, where the sample wrote the same cycle as a hand-made refresh / quota rule
    # (13-1's 每月向“中国好人榜”至少提供30条 is read as 30 a month; the sample says it as a quota), and
    # 10-2, whose 每月上传…截图 the sample left out
    assert len(same) >= 42


@pytest.mark.parametrize("name, year, tasks, categories", [
    ("2023-center.txt", None, 17, 5),  # 一、（一）1.  style, no departments, phases and a leading group in prose
    ("2022-bureau.txt", 2022, 25, 11),  # （一）1、 with 责任单位 lines naming masked departments, no title
])
def test_the_other_seed_plans_import_as_text(tmp_path, name, year, tasks, categories):
    result, dataset = _import(PLANS / name, _repo(tmp_path), year)
    assert _errors(dataset) == []
    plan = dataset.years[0].plan
    assert len(plan.tasks) == tasks and len(plan.categories) == categories
    assert all(t.text and t.title for t in plan.tasks)
    assert result.to_confirm > 0 and "# 待确认：" in result.text
    if name.startswith("2023"):
        assert [p.name for p in plan.phases] == ["宣传发动", "全面实施", "巩固、迎验"]
        assert [(p.start.month, p.end.month) for p in plan.phases] == [(2, 4), (4, 10), (10, 12)]
        assert [m.role for m in plan.leading_group][:3] == ["组长", "副组长", "成员"]
        assert "文档开头有几个标题" in result.text
    else:  # departments the unit does not have are listed, never invented
        assert all(not t.lead and not t.coop for t in plan.tasks)
        assert {"****", "各同创单位", "机关各科室"} <= set(result.draft.unknown_orgs)
        assert "文档里找不到方案标题" in result.text


def test_a_pdf_with_a_text_layer_reads_like_the_word_document(tmp_path):
    paragraphs = [p.text for p in docx.Document(str(SAMPLE_DOCX)).paragraphs if p.text.strip()]
    pdf = tmp_path / "方案.pdf"
    write_pdf(paragraphs, pdf)
    from_pdf, _ = _import(pdf, _repo(tmp_path / "a"))
    from_docx, _ = _import(SAMPLE_DOCX, _repo(tmp_path / "b"))
    facts = lambda r: [(t.id, t.text, t.evidence, t.deadlines, t.lead, t.coop) for t in r.draft.tasks]  # noqa: E731
    assert len(from_pdf.draft.tasks) == 46
    assert facts(from_pdf) == facts(from_docx)


def test_a_task_table_is_read_row_by_row(tmp_path):
    document = docx.Document()
    document.add_paragraph("2019年度精神文明建设工作要点")
    document.add_paragraph("一、任务分解")
    table = document.add_table(rows=0, cols=4)
    for row in [("序号", "工作任务", "责任部门", "完成时限"),
                ("一", "创建工作机制", "创建工作机制", "创建工作机制"),
                ("1", "制定年度创建工作实施方案。", "办公室、机关党委", "3月底前"),
                ("2", "召开创建工作动员会，全年至少召开2次。", "宣教部", "1月、7月各一次"),
                ("二", "志愿服务", "志愿服务", "志愿服务"),
                ("1", "注册志愿者。", "后勤科", "见专项通知")]:
        for cell, value in zip(table.add_row().cells, row):
            cell.text = value
    path = tmp_path / "要点.docx"
    document.save(str(path))
    result, dataset = _import(path, _repo(tmp_path))
    assert _errors(dataset) == []
    plan = dataset.years[0].plan
    assert [(t.id, t.text, t.lead, t.coop, [d.text for d in t.deadlines]) for t in plan.tasks] == [
        ("1-1", "制定年度创建工作实施方案。", ("bgs",), ("jgdw",), ["3月底前"]),
        ("1-2", "召开创建工作动员会，全年至少召开2次。", ("xjb",), (), ["1月、7月各一次"]),
        ("2-1", "注册志愿者。", (), (), ["见专项通知"]),  # the standard is elsewhere: 待评定, not a guess
    ]
    assert "后勤科" in result.draft.unknown_orgs


def test_the_command_writes_a_draft_once_and_never_over_a_file(tmp_path, monkeypatch):
    data = _repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    first = runner.invoke(main, ["import", "plan", str(SAMPLE_DOCX), "--data", str(data)])
    assert first.exit_code == 0, first.output
    assert "→ data/2018/plan.yml（2018 年草稿）" in first.output  # the written path as seen from here
    assert "46 项任务，其中 41 项的时限和频次能读懂（另有 5 项方案没写时限" in first.output and "待确认" in first.output
    written = (data / "2018" / "plan.yml").read_text(encoding="utf-8")
    again = runner.invoke(main, ["import", "plan", str(SAMPLE_DOCX), "--data", str(data)])
    assert again.exit_code == 1 and "文件已存在，没有覆盖" in again.output
    assert (data / "2018" / "plan.yml").read_text(encoding="utf-8") == written
    other = tmp_path / "draft.yml"
    assert runner.invoke(main, ["import", "plan", str(SAMPLE_DOCX), "--data", str(data), "-o", str(other)]).exit_code == 0
    assert other.read_text(encoding="utf-8") == written
    check = runner.invoke(main, ["check", "--data", str(data)])
    assert check.exit_code == 0, check.output


@pytest.mark.parametrize("name, content, message", [
    ("坏.docx", b"not a zip", "无法作为 Word 文档读取"),
    ("旧.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "旧版 Word 文档（.doc）"),
    ("空.txt", b"\n\n", "没有读到任何文字"),
    ("扫描.pdf", None, "可能是扫描件"),
    ("方案.rtf", b"{\\rtf1}", "不认识的文件类型 .rtf"),
])
def test_a_document_that_cannot_be_read_gets_a_clear_message(tmp_path, name, content, message):
    path = tmp_path / name
    if content is None:
        write_pdf([], path)
    else:
        path.write_bytes(content)
    with pytest.raises(ImportProblem) as caught:
        import_plan(path, load_repository(_repo(tmp_path), "data"))
    assert str(caught.value).startswith(str(path)) and message in str(caught.value)


@pytest.mark.parametrize("paragraph, text, evidence, deadlines", [
    ("制定方案。（2月中旬前上传方案）", "制定方案。", "2月中旬前上传方案", ["2月中旬前上传方案"]),  # kind 方案: read so
    ("制定方案。（2月中旬前上传方案扫描件）", "制定方案。", "2月中旬前上传方案扫描件", ["2月中旬前"]),  # 方案扫描件 is no kind
    ("有道德讲堂（文化讲堂）及场所。（经常开展活动）", "有道德讲堂（文化讲堂）及场所。", "经常开展活动", []),
    ("组织开展学习。（4月底上传方案，5月、8月底上传记录，7月底上传材料）", "组织开展学习。",
     "4月底上传方案，5月、8月底上传记录，7月底上传材料", ["4月底上传方案", "5月、8月底", "7月底"]),
    ("召开会议。（1月、7月各一次，于月底前上传）", "召开会议。", "1月、7月各一次，于月底前上传", ["1月、7月各一次"]),
    ("推荐线索。（每月25号前汇总上传）", "推荐线索。", "每月25号前汇总上传", ["每月25号前"]),
    ("开展活动。（活动结束后5日内上传图文简报）", "开展活动。", "活动结束后5日内上传图文简报", ["活动结束后5日内"]),
    ("2018年1月召开动员会。（2月中旬前上传）", "2018年1月召开动员会。", "2月中旬前上传", ["2月中旬前"]),
    ("设立榜单，每季度公布一次。", "设立榜单，每季度公布一次。", "", []),  # a frequency, not a time limit
    ("成立3-5人的小组。", "成立3-5人的小组。", "", []),
    ("3月底前完成制度修订。", "3月底前完成制度修订。", "", ["3月底前"]),  # the text's own limit when no evidence names one
    ("注册志愿者。（标准见专项通知）", "注册志愿者。", "标准见专项通知", ["见专项通知"]),
    ("上传会议图片。（2月中旬前按要求上传）", "上传会议图片。", "2月中旬前按要求上传", ["2月中旬前"]),
])
def test_time_limits_are_cut_out_verbatim(paragraph, text, evidence, deadlines):
    assert split_evidence(paragraph) == (text, evidence)
    assert read_task_phrases(text, evidence, 2018).deadlines == deadlines


@pytest.mark.parametrize("text, evidence, phrases", [
    ("设立善行义举榜，每季度公布一次好人事迹。", "不陈旧破损，按季更新", ["每季度公布一次"]),  # 按季更新 asks nothing more
    ("全年开展不少于6次的志愿服务活动。", "", ["全年开展不少于6次"]),
    ("微博每月转发或发布3条以上正能量信息。", "每月上传网页截图3张", ["每月转发或发布3条以上"]),
    ("开展诚信建设活动。", "活动结束后5日内上传现场图片3张", []),
    ("设置公益广告。", "设置5处以上能体现要求的公益广告，经常更新，不陈旧破损", ["5处以上", "经常更新"]),
    ("定期组织开展文化体育活动，至少2次。", "", ["至少2次"]),  # 定期 here is not a separate requirement
    ("志愿者人数占职工总数的30%以上。", "", ["志愿者人数占职工总数的30%以上"]),
    ("人均志愿服务时长超过40小时。", "", ["人均志愿服务时长超过40小时"]),
])
def test_frequency_wording_is_cut_out_verbatim(text, evidence, phrases):
    assert read_task_phrases(text, evidence, 2018).frequencies == phrases


def test_a_count_after_a_cycle_is_read_with_it():
    """`每月向…至少提供30条`: the phrase reader finds the cycle and the count with words between (30 a month)."""
    found = read_task_phrases("每月向“中国好人榜”至少提供30条好人线索。", "", 2018)
    assert found.frequencies == ["每月向“中国好人榜”至少提供30条"] and found.deadlines == []


@pytest.mark.parametrize("cell, deadlines, frequencies, unread", [
    ("10月底前", ["10月底前"], [], []),
    ("每季度", [], ["每季度"], []),
    ("3月底前；每月25日前", ["3月底前", "每月25日前"], [], []),
    ("长期坚持", [], ["长期坚持"], []),  # judged by a person
    ("按进度推进", [], [], ["按进度推进"]),
    ("6月底前报计划，12月上旬报总结", ["6月底前报计划，12月上旬报总结"], [], []),
])
def test_a_table_cell_is_read_as_a_whole(cell, deadlines, frequencies, unread):
    assert read_cell(cell, 2018) == (deadlines, frequencies, unread)


def test_an_importer_failure_says_where(tmp_path, monkeypatch):
    """A bug of the importer: the whole text is kept in the draft, and the note names the document, the step,
    the module and line, and the text being read (what a report needs)."""
    from wenming.authoring.importer import outline

    def broken(text, *args, **kwargs):
        raise ValueError("test")

    monkeypatch.setattr(outline, "clean", broken)  # as the outline reads each heading
    source = tmp_path / "方案.txt"
    shutil.copy(PLANS / "2022-bureau.txt", source)
    result = import_plan(source, load_repository(_repo(tmp_path), "data"))
    note = next(line for line in result.text.splitlines() if "wenming 出错" in line)
    assert "导入 方案.txt 时 wenming 出错（ValueError，识别章节层次时（outline.py 第 " in note, note
    assert "全文列在文件末尾" in note
