"""Commit checks: the pre-commit tool's hook manifest, the plain git hook script, and the hook `wenming init`
installs (run by `git commit` with a PATH that has no wenming; it refuses photos that say where they were taken)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import GIT, INVALID, ROOT, make_repo
from test_gps import located_jpeg
from wenming.authoring.gps import located

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


def commit(repo: Path) -> subprocess.CompletedProcess:
    """`git commit` as a git client without the virtual environment runs it: PATH has git and sh, no wenming."""
    env = {"HOME": str(repo.parent), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8"}
    return subprocess.run([*GIT, "commit", "-qm", "记录"], cwd=repo, env=env, capture_output=True, text=True,
                          encoding="utf-8")


def stage(repo: Path, *paths: str) -> None:
    subprocess.run(["git", "add", *paths], cwd=repo, check=True, capture_output=True)


def test_init_installs_a_hook_that_runs_without_wenming_on_the_path(init_repo):
    assert shutil.which("wenming", path="/usr/bin:/bin") is None
    hook = init_repo / ".git" / "hooks" / "pre-commit"
    assert os.access(hook, os.X_OK) and f"wenming_python={sys.executable}" in hook.read_text(encoding="utf-8")
    activity = init_repo / "data/2018/activities/2018-03-06-第一期道德讲堂.md"
    activity.write_text(activity.read_text(encoding="utf-8").replace("date: 2018-03-06", "date: 3月6日"),
                        encoding="utf-8")
    stage(init_repo, "data")
    done = commit(init_repo)
    assert done.returncode == 1 and 'date: 应为日期（如 2018-03-06），实际为 "3月6日"' in done.stderr
    assert "提交已取消" in done.stderr and "not found" not in done.stderr
    subprocess.run(["git", "checkout", "HEAD", "--", "data"], cwd=init_repo, check=True, capture_output=True)
    assert commit(init_repo).returncode == 1  # nothing staged: git's own refusal, the hook is not run
    (init_repo / "data/2018/tallies.yml").write_text(
        (ROOT / "data/2018/tallies.yml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    stage(init_repo, "data")
    done = commit(init_repo)
    assert done.returncode == 0 and "检查通过" in done.stderr, done.stderr  # git shows a hook's output on stderr


def test_the_hook_refuses_a_photo_with_a_location_and_names_the_command(init_repo):
    photo = "data/2018/activities/2018-03-06-第一期道德讲堂/现场.jpg"
    located_jpeg(init_repo / photo)
    stage(init_repo, photo)
    done = commit(init_repo)
    assert done.returncode == 1, done.stderr
    assert f"{photo}: 这张照片的原图带有拍摄地点（GPS），不能提交" in done.stderr
    assert f"wenming photos clean '{photo}' && git add '{photo}'" in done.stderr
    assert "记录本身没有问题，但这次提交里有 1 张照片带拍摄地点，提交没有完成" in done.stderr  # after 检查通过
    subprocess.run([sys.executable, "-m", "wenming", "photos", "clean", photo], cwd=init_repo, check=True,
                   capture_output=True)
    assert commit(init_repo).returncode == 1  # cleaned on disk, the staged copy still says where
    stage(init_repo, photo)
    done = commit(init_repo)
    assert done.returncode == 0, done.stderr
    blob = subprocess.run(["git", "cat-file", "blob", f"HEAD:{photo}"], cwd=init_repo, capture_output=True).stdout
    assert blob and b"GPS" not in blob and not located(init_repo / photo)


def test_the_hook_when_the_python_that_installed_it_is_gone(init_repo, tmp_path):
    hook = init_repo / ".git" / "hooks" / "pre-commit"
    text = hook.read_text(encoding="utf-8").replace(f"wenming_python={sys.executable}",
                                                    "wenming_python=/opt/gone/bin/python3")
    hook.write_text(text, encoding="utf-8")
    hook.chmod(0o755)
    (init_repo / "data/2018/tallies.yml").write_text(
        (ROOT / "data/2018/tallies.yml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    stage(init_repo, "data")
    done = commit(init_repo)
    assert done.returncode == 1
    assert "提交已取消：没能在提交前检查记录和照片，因为找不到 wenming" in done.stderr
    assert "/opt/gone/bin/python3" in done.stderr and "--no-verify" in done.stderr
    bin_dir = tmp_path / "bin"  # a `wenming` on PATH: the hook falls back to it
    bin_dir.mkdir()
    (bin_dir / "wenming").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m wenming "$@"\n', encoding="utf-8")
    (bin_dir / "wenming").chmod(0o755)
    env = {"HOME": str(tmp_path), "PATH": f"{bin_dir}:/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([*GIT, "commit", "-qm", "记录"], cwd=init_repo, env=env, capture_output=True, text=True)
    assert done.returncode == 0 and "检查通过" in done.stderr, done.stderr


def test_the_plain_hook_refuses_a_staged_photo_with_a_location(git_repo):
    repo, env = git_repo
    photo = "data/2018/activities/2018-03-06-第一期道德讲堂/现场.jpg"
    located_jpeg(repo / photo)
    git(repo, env, "add", photo)
    result = run_hook(repo, env)
    assert result.returncode == 1 and f"{photo}: 这张照片的原图带有拍摄地点（GPS），不能提交" in result.stderr
