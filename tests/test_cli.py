"""The command line: exit codes, messages, no tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys

from helpers import INVALID, ROOT, make_repo


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "wenming", *args], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8")


def test_check_clean_sample():
    result = run("check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("检查通过。2018 年：46 项任务")


def test_check_bad_data_exit_1(tmp_path):
    data = make_repo(tmp_path, INVALID / "date-format")
    result = run("check", "--data", str(data))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "在 data/ 中发现 1 个问题：" in result.stderr
    assert '第一期道德讲堂.md:3: date: 应为日期（如 2018-03-06），实际为 "3月6日"' in result.stderr


def test_check_warning_only_exit_0(tmp_path):
    data = make_repo(tmp_path, INVALID / "unknown-field")
    result = run("check", "--data", str(data))
    assert result.returncode == 0
    assert "警告：未知字段" in result.stdout


def test_bad_usage_exit_2():
    assert run("check", "--nope").returncode == 2
    assert run("build", "--as-of", "6月30日").returncode == 2


def test_build_with_bad_data_fails_with_same_messages(tmp_path):
    data = make_repo(tmp_path, INVALID / "unknown-task")
    expected = (INVALID / "unknown-task" / "expected.txt").read_text(encoding="utf-8").strip().split(": ", 1)[1]
    result = run("build", "--data", str(data), "-d", str(tmp_path / "site"))
    assert result.returncode == 1
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    mkdocs = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "site2")], cwd=ROOT,
                            capture_output=True, text=True, encoding="utf-8",
                            env={**__import__("os").environ, "WENMING_DATA": str(data)})
    assert mkdocs.returncode == 1
    assert expected in mkdocs.stdout + mkdocs.stderr
    assert "Traceback" not in mkdocs.stderr


def test_build_sample_with_as_of(tmp_path):
    result = run("build", "--as-of", "2018-06-30", "-d", str(tmp_path / "site"), "-q")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    assert "2018-06-30" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    from datetime import date

    from wenming.api import load_dataset
    later = sum(len(y.after(date(2018, 6, 30))) for y in load_dataset(ROOT / "data", "data").years)
    assert f"{later} 条记录的日期晚于数据截至日期 2018-06-30，本次构建不计入" in result.stderr


def test_status_prints_the_evaluation_as_of_a_date(tmp_path):
    result = run("status", "--as-of", "2018-06-30")
    assert result.returncode == 0, result.stderr
    golden = (ROOT / "tests/golden/sample-2018-06-30.txt").read_text(encoding="utf-8")
    lines = [line for line in result.stdout.splitlines() if not line.startswith("检查通过")]
    assert lines[0] == golden.splitlines()[0]
    assert "逾期：" in result.stdout and "4-1 核心价值观教育实践活动" in result.stdout
    assert run("status", "--year", "2030").returncode == 2
    assert run("status", "--data", str(make_repo(tmp_path, INVALID / "date-format"))).returncode == 1


def test_a_reader_that_stops_reading_is_no_error(tmp_path):
    """`wenming status -v | head -1`: the pipe closes early; wenming stops quietly (no 错误 about a file)."""
    cmd = f"{sys.executable} -m wenming status -v --as-of 2018-12-31 | head -1"
    done = subprocess.run(["bash", "-o", "pipefail", "-c", cmd], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0 and done.stderr == "" and done.stdout.count("\n") == 1, done.stderr
