"""`wenming new`: files named like the sample's, checked like `wenming check`, never overwritten, passing check."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from helpers import INVALID, ROOT, make_repo
from wenming.api import load_dataset
from wenming.cli import main
from wenming.authoring.scaffold import file_stem, flow_list, new_plan, scalar, shift_dates

ACTIVITY = "2018/activities/2018-04-10-职工读书分享会.md"


def new(data: Path, *args: str, input: str | None = None):
    return CliRunner(mix_stderr=False).invoke(main, ["new", *args, "--data", str(data)], input=input)


def check(data: Path) -> subprocess.CompletedProcess:
    """The real `wenming check`, as the user runs it next."""
    return subprocess.run([sys.executable, "-m", "wenming", "check", "--data", str(data)], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8")


def errors(data: Path, placeholders: bool = False) -> list[str]:
    """Errors in `data`; without the template's 【…】 hints a new record holds until it is filled in,
    unless `placeholders`."""
    return [p.format() for p in load_dataset(data, "data").problems
            if p.is_error and (placeholders or "还留着模板的提示" not in p.message)]


def check_message(case: str) -> str:
    """The message (after `file:line: field: `) that `wenming check` gives for an invalid case."""
    line = (INVALID / case / "expected.txt").read_text(encoding="utf-8").splitlines()[0]
    return line.split(": ", 2)[2]


@pytest.fixture
def data(tmp_path) -> Path:
    return make_repo(tmp_path)


# -- activities -----------------------------------------------------------------------------

def test_new_activity_from_options(data):
    result = new(data, "activity", "--date", "2018-04-10", "--title", "职工读书分享会", "--department", "xjk,ghui",
                 "--task", "1-1", "--place", "职工书屋")
    assert result.exit_code == 0, result.stderr
    text = (data / ACTIVITY).read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["title"] == "职工读书分享会" and front["date"] == dt.date(2018, 4, 10)
    assert front["departments"] == ["xjk", "ghui"] and front["tasks"] == ["1-1"] and front["place"] == "职工书屋"
    assert "【第一段" in text  # the brief's outline, to be replaced
    assert (data / "2018/activities/2018-04-10-职工读书分享会").is_dir()  # the photo folder beside it
    out = result.stdout
    assert f"{ACTIVITY}" in out and "2018-04-10-zhigongdushufenxianghui.html" in out
    assert "2018-04-10-职工读书分享会/" in out and "wenming check" in out and "git add" in out
    done = check(data)  # the outline is an error until it is replaced by the brief
    assert done.returncode == 1 and done.stderr.count("正文里还留着模板的提示 【") == 3, done.stderr
    (data / ACTIVITY).write_text(text.split("【")[0] + "4月10日，职工读书分享会在职工书屋举行。\n", encoding="utf-8")
    done = check(data)
    assert done.returncode == 0, done.stderr


def test_new_activity_over_several_days(data):
    result = new(data, "activity", "--date", "2018-06-01", "--end", "2018-06-03", "--title", "文化周",
                 "--department", "宣传科")
    assert result.exit_code == 0, result.stderr
    activity = next(a for a in load_dataset(data, "data").years[0].activities if a.title == "文化周")
    assert (activity.start, activity.end, activity.departments) == (dt.date(2018, 6, 1), dt.date(2018, 6, 3), ("xjk",))
    assert errors(data) == []


def test_bad_department_gets_the_check_message_and_nothing_is_written(data):
    result = new(data, "activity", "--date", "2018-04-10", "--title", "职工读书分享会", "--department", "宣传部")
    assert result.exit_code == 2
    assert f"--department: {check_message('unknown-department')}" in result.stderr
    assert "没有创建文件" in result.stderr
    assert not (data / ACTIVITY).exists()


def test_unknown_task_is_refused(data):
    result = new(data, "activity", "--date", "2018-04-10", "--title", "x", "--department", "xjk", "--task", "1-9")
    assert result.exit_code == 2
    assert '--task: 2018 年的实施方案里没有任务 "1-9"。' in result.stderr


def test_prompts_ask_again_for_a_rejected_value(data):
    result = new(data, "activity", input="2018-04-10\n职工读书分享会\n宣传部\nxjk\n")
    assert result.exit_code == 0, result.stderr
    assert "xjk 宣传科" in result.stdout  # the departments are listed before the question
    assert check_message("unknown-department") in result.stderr
    assert yaml.safe_load((data / ACTIVITY).read_text(encoding="utf-8").split("---\n")[1])["departments"] == ["xjk"]


def test_existing_file_is_never_overwritten(data):
    args = ("activity", "--date", "2018-04-10", "--title", "职工读书分享会", "--department", "xjk")
    assert new(data, *args).exit_code == 0
    (data / ACTIVITY).write_text("edited", encoding="utf-8")
    result = new(data, *args)
    assert result.exit_code == 1 and "文件已存在，没有覆盖" in result.stderr
    assert (data / ACTIVITY).read_text(encoding="utf-8") == "edited"


def test_bad_date_and_missing_plan(data):
    result = new(data, "activity", "--date", "4月10日", "--title", "x", "--department", "xjk")
    assert result.exit_code == 2 and "应为日期（如 2018-03-06）" in result.stderr
    result = new(data, "activity", "--date", "2019-04-10", "--title", "x", "--department", "xjk")
    assert result.exit_code == 1 and "wenming new year 2019" in result.stderr


# -- honour roll, documents -----------------------------------------------------------------------

def test_new_honor_is_not_on_the_board_until_approved(data):
    result = new(data, "honor", "--date", "2018-06-02", "--name", "钱多多", "--department", "bgs",
                 "--category", "助人为乐", "--deed", "下班途中救助摔倒的老人并送医。")
    assert result.exit_code == 0, result.stderr
    assert (data / "2018/honors/2018-06-02-钱多多.md").is_file()
    entry = next(h for h in load_dataset(data, "data").years[0].honors if h.name == "钱多多")
    assert entry.period == (2018, 2) and entry.department == "bgs" and not entry.on_board
    assert "consent" in result.stdout
    done = check(data)  # the story's outline is an error until it is replaced (or deleted)
    assert done.returncode == 1 and done.stderr.count("事迹全文里还留着模板的提示") == 1, done.stderr


def test_new_honor_for_someone_outside_the_unit(data):
    result = new(data, "honor", "--date", "2018-06-03", "--name", "孙大妈", "--identity", "社区居民",
                 "--category", "孝老爱亲", "--deed", "照顾瘫痪邻居十年。")
    assert result.exit_code == 0, result.stderr
    assert errors(data) == []


def test_bad_honor_category_gets_the_check_message(data):
    result = new(data, "honor", "--date", "2018-06-01", "--name", "钱某", "--department", "bgs",
                 "--category", "乐于助人", "--deed", "x")
    assert result.exit_code == 2
    assert f"--category: {check_message('honor-bad-category')}" in result.stderr


def test_new_document_copies_the_file_beside_its_description(data, tmp_path):
    scan = tmp_path / "扫描件.PDF"
    scan.write_bytes(b"%PDF-1.4 scan")
    result = new(data, "document", "--date", "2018-03-22", "--title", "学雷锋志愿服务活动方案", "--file", str(scan),
                 "--kind", "方案", "--task", "1-1")
    assert result.exit_code == 0, result.stderr
    folder = data / "2018/documents"
    assert (folder / "2018-03-22-学雷锋志愿服务活动方案.pdf").read_bytes() == b"%PDF-1.4 scan"
    meta = yaml.safe_load((folder / "2018-03-22-学雷锋志愿服务活动方案.yml").read_text(encoding="utf-8"))
    assert meta["file"] == "2018-03-22-学雷锋志愿服务活动方案.pdf" and meta["tasks"] == ["1-1"]
    assert check(data).returncode == 0
    assert "补上文号、责任部门。" in result.output  # only what was not given (--kind and --task were)


def test_new_document_for_a_file_already_in_place_names_its_schema(data):
    shutil.copytree(ROOT / "schemas", data.parent / "schemas")
    scan = data / "2018/documents/2018-04-01-会议记录.jpg"
    from PIL import Image
    Image.new("RGB", (40, 30), "white").save(scan, "JPEG")  # a real image: check opens it as the build does
    result = new(data, "document", "--date", "2018-04-01", "--title", "创建工作会议记录", "--file", str(scan))
    assert result.exit_code == 0, result.stderr
    text = (data / "2018/documents/2018-04-01-会议记录.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../schemas/document.json\n")
    assert "补上文号、材料类型、责任部门和对应任务" not in result.output and "补上文号、材料类型、责任部门、对应任务。" in result.output
    assert errors(data) == []


# -- a new year ----------------------------------------------------------------------------------------

def test_new_year_copies_the_plan_with_dates_moved(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    result = new(data, "year", "2020")
    assert result.exit_code == 0, result.stderr
    text = (data / "2020/plan.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/plan.json\n")
    assert "2019-" not in text and "2019年" not in text
    year = {y.year: y for y in load_dataset(data, "data").years}[2020]
    old = {y.year: y for y in load_dataset(ROOT / "data", "data").years}[2019]
    assert year.plan.title == "2020年度精神文明建设工作实施方案" and year.plan.number == ""
    assert year.plan.issued == dt.date(2020, 2, 15)
    first = year.plan.phases[0]
    assert (first.name, first.start, first.end) == ("宣传发动", dt.date(2020, 1, 1), dt.date(2020, 2, 29))  # 2月底
    assert [t.id for t in year.plan.tasks] == [t.id for t in old.plan.tasks]
    assert (year.activities, year.documents, year.honors) == ((), (), ())  # records are not copied
    assert [t.id for t in year.tallies] == [t.id for t in old.tallies] and all(not t.values for t in year.tallies)
    out = result.stdout
    assert "number 文号" in out and "leading_group" in out and "schedule" in out
    assert "staff 下添加一行 2020: 职工人数" in out
    done = check(data)
    assert done.returncode == 0, done.stderr


def test_new_year_refuses_an_existing_plan(data):
    before = (data / "2018/plan.yml").read_bytes()
    result = new(data, "year", "2018")
    assert result.exit_code == 1 and "文件已存在，没有覆盖" in result.stderr
    assert (data / "2018/plan.yml").read_bytes() == before
    assert new(data, "year", "2019").exit_code == 0
    assert errors(data) == []


def test_first_year_is_an_empty_plan_that_passes_check(tmp_path):
    """No earlier plan to copy: a skeleton whose comments say what to fill in, and whose example works."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(ROOT / "tests/fixtures/base/unit.yml", data / "unit.yml")
    result = new(data, "year", "2026")
    assert result.exit_code == 0, result.stderr
    assert "空白的实施方案" in result.stdout and "categories 任务分解" in result.stdout
    assert "staff 下添加一行 2026: 职工人数" in result.stdout
    text = (data / "2026/plan.yml").read_text(encoding="utf-8")
    assert "\ncategories: []\n" in text and "# phases:" in text
    done = check(data)
    assert done.returncode == 0 and "2026 年：0 项任务" in done.stdout, done.stderr
    year = {y.year: y for y in load_dataset(data, "data").years}[2026]
    assert year.plan.title == "2026年度精神文明建设工作实施方案" and year.plan.tasks == ()
    # the commented example, uncommented as the comment says, is a valid task of the unit's first department
    blocks = text.replace("categories: []", "categories:").split("\n\n")
    filled = "\n\n".join("\n".join(line[2:] if line.startswith(("#   ", "# phases:")) else line
                                    for line in block.split("\n")) if "phases:" in block or "categories:" in block
                         else block for block in blocks)
    (data / "2026/plan.yml").write_text(filled, encoding="utf-8")
    year = {y.year: y for y in load_dataset(data, "data").years}[2026]
    assert errors(data) == [] and [t.id for t in year.plan.tasks] == ["1-1"] and len(year.plan.phases) == 3


# -- the pure parts --------------------------------------------------------------------------------------

def test_file_names_and_yaml_values():
    assert file_stem(dt.date(2018, 7, 3), "“中国梦·我的责任”主题演讲比赛") == "2018-07-03-中国梦我的责任主题演讲比赛"
    assert file_stem(dt.date(2018, 7, 3), "a/b: c") == "2018-07-03-ab-c"
    for value in ("第一期道德讲堂", "主题: 诚信", "[x]", "123", "yes", "#1", "'引号'", "2018-03-06", "a # b"):
        assert yaml.safe_load(f"k: {scalar(value)}") == {"k": value}
    assert yaml.safe_load(f"k: {flow_list(['xjb', 'a, b', '5-2'])}") == {"k": ["xjb", "a, b", "5-2"]}
    assert flow_list(["xjb", "jgdw"]) == "[xjb, jgdw]"


def test_shift_dates_and_plan_leftovers():
    assert shift_dates("a: 2020-02-29\nb: 2019-02-28\nc: 2018-12-31\nd: 2018-03-06", 1) == \
        "a: 2021-02-28\nb: 2020-02-29\nc: 2019-12-31\nd: 2019-03-06"
    assert shift_dates("x: 12018-01-01, 2018-02-30", 1) == "x: 12018-01-01, 2018-02-30"
    plan, leftovers = new_plan("title: 2018年度方案\nnumber: 文〔2018〕1号\ntext: 对照2018版\n", 2018, 2019)
    assert plan.path == "2019/plan.yml"
    assert plan.text.splitlines()[:2] == ["title: 2019年度方案",
                                          "number:                      # 文号：印发后填写（2018 年为 文〔2018〕1号）"]
    assert leftovers == ["第 3 行：text: 对照2018版"]
