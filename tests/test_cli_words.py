"""Click's own usage errors reach the user in Chinese, with the command to get help, exit 2."""

from __future__ import annotations

import subprocess
import sys

import pytest

from helpers import ROOT


@pytest.mark.parametrize("args, words", [
    (["statu"], "没有这个命令：statu。"),
    (["status", "--bogus"], "没有这个选项：--bogus。是不是 --verbose？"),
    (["status", "--as-of", "x"], "--as-of 的值不对："),
    (["explain"], "缺少参数 PHRASE。"),
    (["status", "--year", "abc"], "“abc” 不是整数。"),
])
def test_usage_errors_are_chinese(args, words):
    result = subprocess.run([sys.executable, "-m", "wenming", *args], cwd=ROOT, capture_output=True, text=True,
                            encoding="utf-8", env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 2 and words in result.stderr and "查看用法" in result.stderr
    assert "Error" not in result.stderr and "Usage" not in result.stderr and "Traceback" not in result.stderr
