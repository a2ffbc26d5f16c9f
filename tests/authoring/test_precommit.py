"""Commit checks: the pre-commit tool's hook manifest and the plain git hook script."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import INVALID, ROOT, make_repo

HOOK = ROOT / "tools" / "git-hooks" / "pre-commit"


def test_pre_commit_manifest():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and len(hooks) == 1
    hook = hooks[0]
    assert {"id", "name", "entry", "language"} <= set(hook)  # what pre-commit requires of a manifest entry
    assert hook["id"] == "wenming-check"
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    assert hook["entry"].split()[0] == "wenming"  # the console script pyproject.toml installs
    assert '\nwenming = "wenming.cli:main"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    files = re.compile(hook["files"])
    assert files.search("data/2018/activities/2018-03-06-第一期道德讲堂.md") and files.search("data/unit.yml")
    assert not files.search("wenming/cli.py") and not files.search("site_src/guide/index.md")


@pytest.fixture
def git_repo(tmp_path: Path) -> tuple[Path, dict]:
    """A data repository with its records staged, and an environment whose `wenming` is this checkout."""
    if shutil.which("git") is None or shutil.which("sh") is None:
        pytest.skip("needs git and sh")
    repo = tmp_path / "repo"
    repo.mkdir()
    make_repo(repo)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "wenming"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m wenming "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "PYTHONPATH": str(ROOT)}
    env.pop("WENMING_DATA", None)
    git(repo, env, "init", "-q")
    git(repo, env, "add", "data")
    return repo, env


def git(repo: Path, env: dict, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def run_hook(repo: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(["sh", str(HOOK)], cwd=repo, env=env, capture_output=True, text=True, encoding="utf-8")


def test_hook_passes_clean_data(git_repo):
    repo, env = git_repo
    result = run_hook(repo, env)
    assert result.returncode == 0, result.stderr
    assert "检查通过" in result.stdout


def test_hook_stops_a_commit_with_bad_data(git_repo):
    repo, env = git_repo
    shutil.copytree(INVALID / "date-format" / "data", repo / "data", dirs_exist_ok=True)
    git(repo, env, "add", "data")
    result = run_hook(repo, env)
    assert result.returncode == 1
    assert 'date: 应为日期（如 2018-03-06），实际为 "3月6日"' in result.stderr
    assert "提交已取消" in result.stderr and "--no-verify" in result.stderr


def test_hook_skips_commits_without_data(git_repo):
    repo, env = git_repo
    shutil.copytree(INVALID / "date-format" / "data", repo / "data", dirs_exist_ok=True)
    git(repo, env, "rm", "-r", "-q", "-f", "--cached", "data")
    (repo / "README.md").write_text("说明\n", encoding="utf-8")
    git(repo, env, "add", "README.md")
    assert run_hook(repo, env).returncode == 0


def test_hook_is_executable_sh():
    text = HOOK.read_text(encoding="utf-8")
    assert text.startswith("#!/bin/sh\n")
    assert os.access(HOOK, os.X_OK)
    assert subprocess.run(["sh", "-n", str(HOOK)]).returncode == 0
