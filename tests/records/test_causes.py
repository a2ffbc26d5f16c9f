"""The cause comes first: a file that cannot be read is listed before anything else, and what only follows
from it (every department unknown without unit.yml) is counted in one line (Problem.follows)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import ROOT, environ, make_repo
from wenming.api import load_dataset
from wenming.cli import main
from wenming.records.problems import error_lines, render_report

CONFLICT = "<<<<<<< HEAD\n  - id: bgs\n    name: 办公室\n=======\n  - id: bgs\n    name: 综合办公室\n>>>>>>> 分支\n"


def _break(data: Path, how: str) -> None:
    unit = data / "unit.yml"
    text = unit.read_text(encoding="utf-8")
    if how == "utf-16":
        unit.write_bytes(text.encode("utf-16"))
    elif how == "conflict":
        unit.write_text(text.replace("departments:\n  - id: bgs\n    name: 办公室\n", "departments:\n" + CONFLICT),
                        encoding="utf-8")
    elif how == "yaml":
        unit.write_text(text.replace("level: 市级", "level: [市级"), encoding="utf-8")
    else:
        unit.unlink()


@pytest.mark.parametrize("how", ["utf-16", "conflict", "yaml", "missing"])
def test_an_unreadable_unit_is_the_first_line_and_the_departments_one_more(tmp_path, how):
    data = make_repo(tmp_path)
    _break(data, how)
    report = render_report(list(load_dataset(data, "data").problems)).splitlines()
    assert report[0] == "在 data/ 中发现 1 个问题："
    assert report[1].startswith("data/unit.yml")
    assert {"utf-16": "看起来是 UTF-16 编码", "conflict": "git 合并冲突", "yaml": "YAML 语法错误",
            "missing": "缺少单位信息文件"}[how] in report[1]
    assert report[2] == "因为 data/unit.yml 读不出来，另有 12 处部门无法核对（改好它以后再检查，才知道这些地方有没有问题）。"
    assert not any("未知的部门" in line for line in report)


def test_an_unreadable_plan_comes_before_the_schedule_items_it_hides(tmp_path):
    data = make_repo(tmp_path)
    plan = data / "2018" / "plan.yml"
    plan.write_bytes(plan.read_text(encoding="utf-8").encode("utf-16"))
    lines, count = error_lines(list(load_dataset(data, "data").problems))
    assert count == 1 and lines[0].startswith("data/2018/plan.yml:1: 文件不是 UTF-8 编码。看起来是 UTF-16")
    assert lines[1].startswith("因为 data/2018/plan.yml 读不出来，另有 1 处活动安排无法核对")


def test_a_real_unknown_department_is_still_listed(tmp_path):
    data = make_repo(tmp_path)
    activity = data / "2018/activities/2018-05-20-志愿服务进社区.md"
    activity.write_text(activity.read_text(encoding="utf-8").replace("ghui", "ghuii"), encoding="utf-8")
    lines, count = error_lines(list(load_dataset(data, "data").problems))
    assert count == 1 and "未知的部门 \"ghuii\"" in lines[0]


def test_check_prints_the_cause_first(tmp_path):
    data = make_repo(tmp_path)
    _break(data, "conflict")
    result = CliRunner(mix_stderr=False).invoke(main, ["check", "--data", str(data)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[1].startswith(f"{data}/unit.yml:9: 有 git 合并冲突留下的标记"), lines
    assert "另有 12 处部门无法核对" in lines[2]


def test_serve_banner_shows_the_cause(tmp_path):
    """Under `serve` the banner's first line is the cause, and its count is the listed errors."""
    import importlib.util

    from mkdocs.config import load_config

    data = make_repo(tmp_path)
    _break(data, "utf-16")
    spec = importlib.util.spec_from_file_location("wenming_hooks_banner", ROOT / "hooks" / "wenming_hooks.py")
    hooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hooks)
    with environ(WENMING_DATA=str(data), WENMING_AS_OF="2018-06-30", NO_MKDOCS_2_WARNING="true"):
        config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
        hooks.on_startup("serve", dirty=True)
        hooks.on_config(config)
    problems = config.extra["wenming_problems"]
    assert problems[0].startswith(f"{data}/unit.yml:1: 文件不是 UTF-8 编码。看起来是 UTF-16"), problems
    assert "另有 12 处部门无法核对" in problems[1] and config.extra["wenming_problem_count"] == 1


def _plan(data: Path, old: str, new: str) -> None:
    plan = data / "2018" / "plan.yml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def test_a_mistake_in_the_plan_comes_before_the_file_it_shows_in(tmp_path):
    """A task id the plan spells wrong: the plan's error first, then the document naming the task."""
    data = make_repo(tmp_path)
    _plan(data, "      - id: 1-1\n", "      - id: 1-1-\n")
    lines, count = error_lines(list(load_dataset(data, "data").problems))
    assert count == 2 and lines[0].startswith("data/2018/plan.yml:27: categories[1].tasks[1].id: 任务编号应写成")
    assert lines[1].startswith("data/2018/documents/2018-02-10-实施方案.yml:7: tasks: 2018 年的实施方案里没有任务 \"1-1\"")


def test_a_category_number_that_cannot_be_read_is_the_only_error(tmp_path):
    """Not also each of its tasks "put under category 0"."""
    data = make_repo(tmp_path)
    _plan(data, "  - number: 2\n", "  - number: 二\n")
    lines, count = error_lines(list(load_dataset(data, "data").problems))
    assert lines == ['data/2018/plan.yml:36: categories[2].number: 应为整数，实际为 "二"。请只写数字，如 number: 2']
