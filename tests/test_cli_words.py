"""Click's own words reach the user in Chinese: usage errors (with the command to get help, exit 2) and every
command's help page."""

from __future__ import annotations

import subprocess
import sys

import re

import click
import pytest
from click.testing import CliRunner

from helpers import ROOT
from wenming.cli import main


@pytest.mark.parametrize("args, words", [
    (["statu"], "没有这个命令：statu。"),
    (["status", "--bogus"], "没有这个选项：--bogus。是不是 --verbose？"),
    (["status", "--as-of", "x"], "--as-of 的值不对："),
    (["explain"], "缺少参数 原话。"),
    (["status", "--year", "abc"], "“abc” 不是整数。"),
])
def test_usage_errors_are_chinese(args, words):
    result = subprocess.run([sys.executable, "-m", "wenming", *args], cwd=ROOT, capture_output=True, text=True,
                            encoding="utf-8", env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 2 and words in result.stderr and "查看用法" in result.stderr
    assert "Error" not in result.stderr and "Usage" not in result.stderr and "Traceback" not in result.stderr


ENGLISH_ALLOWED = {
    "wenming", "python", "MkDocs", "mkdocs", "git", "GPS", "EXIF", "XMP", "JSON", "json", "Schema", "CSV", "csv",
    "BOM", "UTF", "Excel", "PDF", "SOURCE_DATE_EPOCH", "YYYY", "traceback", "data", "yml", "html", "index", "zip",
    "xlsx", "doc", "docx", "pdf", "txt", "wps", "unit", "documents", "schemas", "private", "bgs", "jgdw",
    "error", "phrase", "readings", "year",  # explain --json's keys
}
"""Names of programs, formats, files and keys the help texts mention; any other English word is Click's."""


def _commands(command: click.Command, path: list[str]):
    yield path
    if isinstance(command, click.MultiCommand):
        for name in command.list_commands(click.Context(command)):
            yield from _commands(command.get_command(click.Context(command), name), path + [name])


def test_every_help_page_is_chinese():
    pages = list(_commands(main, []))
    names = {name for path in pages for name in path}
    assert len(pages) >= 20
    for path in pages:
        result = CliRunner().invoke(main, path + ["-h"], prog_name="wenming")
        assert result.exit_code == 0, (path, result.output)
        assert result.output.startswith("用法: wenming") and "显示这段帮助并退出。" in result.output
        words = set(re.findall(r"[A-Za-z][A-Za-z_]{2,}", re.sub(r"(?<![\w/.-])--?[a-z][a-z-]*", " ", result.output)))
        english = words - ENGLISH_ALLOWED - names
        assert not english, (path, sorted(english))
