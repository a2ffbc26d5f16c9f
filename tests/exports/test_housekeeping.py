"""Exports as a unit's repository keeps them: out of git, readable, and the inspectors' archive without the
editors' guide or the 编辑 pop-up.

Run as the user runs them, in a repository made by `wenming init` (its .gitignore) holding the small fixture
records: without `-o` the files land in 导出/, which git ignores; with `-o` somewhere `git add -A` would commit,
the command says so; the zip and the files in it are readable by others (0644 with the usual umask).
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers import GIT, wenming
from wenming.records.atomic import new_file_mode


@pytest.fixture(scope="module")
def repo(fixture_repo, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("housekeeping") / "文明创建"
    made = wenming(folder.parent, "init", folder.name, "--name", "示例", "--short", "示例", "--level", "市级",
                   "--status", "保持", "--staff", "30", "--departments", "办公室:bgs", "--year", "2018")
    assert made.returncode == 0, made.stderr
    shutil.copytree(fixture_repo, folder / "data", dirs_exist_ok=True)
    subprocess.run([*GIT, "add", "-A"], cwd=folder, check=True, capture_output=True)
    subprocess.run([*GIT, "commit", "--no-verify", "-qm", "记录"], cwd=folder, check=True, capture_output=True)
    return folder


def _untracked(folder: Path) -> list[str]:
    return subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=folder, check=True,
                          capture_output=True, text=True).stdout.splitlines()


def _pages(archive: Path) -> dict[str, BeautifulSoup]:
    with zipfile.ZipFile(archive) as zf:
        return {i.filename.split("/", 1)[1]: BeautifulSoup(zf.read(i), "html.parser")
                for i in zf.infolist() if i.filename.endswith(".html")}


@pytest.fixture(scope="module")
def archived(repo) -> Path:
    done = wenming(repo, "export", "archive", "--as-of", "2018-06-30")
    assert done.returncode == 0, done.stderr
    return repo / "导出" / "文明创建台账-2018-06-30.zip"


def test_default_exports_land_in_a_folder_git_ignores(repo, archived):
    done = wenming(repo, "export", "ledger", "--as-of", "2018-06-30")
    assert done.returncode == 0, done.stderr
    ledger = repo / "导出" / "台账-2018-06-30.xlsx"
    assert "导出/台账-2018-06-30.xlsx" in done.stdout and "提示" not in done.stdout
    assert archived.is_file() and ledger.is_file()
    assert _untracked(repo) == []  # `git add -A` adds neither
    for made in (archived, ledger):
        assert made.stat().st_mode & 0o777 == new_file_mode()


def test_an_export_git_would_commit_gets_a_hint(repo):
    done = wenming(repo, "export", "ledger", "-o", "迎检材料.xlsx", "--as-of", "2018-06-30")
    assert done.returncode == 0, done.stderr
    assert "迎检材料.xlsx 在 git 仓库里，没有被 .gitignore 忽略" in done.stdout
    (repo / "迎检材料.xlsx").unlink()


def test_archive_entries_are_readable(archived):
    with zipfile.ZipFile(archived) as zf:
        modes = {i.external_attr >> 16 & 0o777 for i in zf.infolist()}
    assert modes == {0o644}


def test_inspectors_archive_has_no_guide_and_no_edit_popup(archived):
    pages = _pages(archived)
    assert "index.html" in pages and "2018/tasks/index.html" in pages
    assert [p for p in pages if p.startswith("guide/")] == []
    with zipfile.ZipFile(archived) as zf:
        assert [n for n in zf.namelist() if "/guide/" in n or "/assets/screenshots/" in n] == []  # nor its pictures
    home = pages["index.html"]
    assert "用户指南" not in [a.get_text(strip=True) for a in home.select(".md-tabs a, .md-nav a")]
    assert [p for p, soup in pages.items() if soup.select(".wm-edit")] == []


def test_archive_with_guide_keeps_the_guide_but_not_the_popup(repo, tmp_path):
    out = tmp_path / "带指南.zip"
    done = wenming(repo, "export", "archive", "--with-guide", "-o", str(out), "--as-of", "2018-06-30")
    assert done.returncode == 0, done.stderr
    pages = _pages(out)
    assert {"guide/index.html", "guide/start.html", "guide/errors.html"} <= set(pages)
    with zipfile.ZipFile(out) as zf:
        assert any("/assets/screenshots/home-desktop.png" in n for n in zf.namelist())
    assert "用户指南" in [a.get_text(strip=True) for a in pages["index.html"].select(".md-tabs a")]
    assert [p for p, soup in pages.items() if soup.select(".wm-edit")] == []
