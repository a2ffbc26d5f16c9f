"""wenming.records.gitdates against real git repositories built in tmp_path."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest

from wenming.records.gitdates import GitHistory, parse_last_changes, parse_log, read_history

FIRST = "2018/activities/2018-03-06-第一期道德讲堂.md"
OLD_NAME = "2018/activities/2018-04-01-旧名.md"
NEW_NAME = "2018/activities/2018-04-01-新名.md"
LATER = "2018/reports/2018-06-30-上半年总结.md"
D = dt.date


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    # No repository above tmp_path, and none of a calling git hook's variables.
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(name, raising=False)


def git(repo: Path, *args: str, when: str = "2018-01-01T10:00:00+08:00") -> None:
    env = os.environ | {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "测试",
                        "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "测试",
                        "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", "-c", "init.defaultBranch=main", *args], cwd=repo, env=env, check=True,
                   capture_output=True)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def commit(repo: Path, when: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", when, when=when)


def make_repo(repo: Path, sub: str) -> Path:
    """Four commits in 2018 under repo/sub, plus one uncommitted draft; returns the data dir."""
    data = repo / sub
    git(repo.parent, "init", "-q", repo.name)
    write(repo / "README.md", "说明\n")
    write(data / FIRST, "第一期\n")
    write(data / OLD_NAME, "改名前\n")
    commit(repo, "2018-03-08T00:30:00+08:00")  # 2018-03-07 in UTC: git's %cs keeps +08:00
    write(data / FIRST, "第一期，补充照片\n")
    commit(repo, "2018-04-02T10:00:00+08:00")
    git(repo, "mv", str(data / OLD_NAME), str(data / NEW_NAME))
    commit(repo, "2018-05-03T10:00:00+08:00")
    write(data / LATER, "总结\n")
    commit(repo, "2018-07-01T10:00:00+08:00")
    write(data / "2018/activities/草稿.md", "未提交\n")
    return data


def test_parse_log_on_a_literal_string():
    text = (
        "commit aaa 2018-03-08\0\nA\0data/2018/第一期.md\0A\0README.md\0A\0data/旧 名.md\0"
        "commit bbb 2018-04-02\0\nA\0data/2018/第一期.md\0"  # re-added: keeps the first date
        "commit ccc 2018-05-03\0\nR087\0data/旧 名.md\0data/新\t名.md\0A\0database/x.md\0"
        "commit ddd 2018-06-01\0\ncommit eee 2018-07-01\0\nR100\0outside.md\0data/进来.md\0"
    )
    assert parse_log(text, "data/") == {
        "2018/第一期.md": (D(2018, 3, 8), "aaa"),
        "新\t名.md": (D(2018, 3, 8), "aaa"),
        "进来.md": (D(2018, 7, 1), "eee"),
    }
    assert list(parse_log(text, "")) == ["README.md", "data/2018/第一期.md", "data/新\t名.md",
                                         "data/进来.md", "database/x.md"]


@pytest.mark.parametrize("sub", ["", "data"])
def test_first_commit_dates(tmp_path, sub):
    history = read_history(make_repo(tmp_path / "repo", sub))
    assert (history.state, history.note) == ("ok", "")
    assert history.dates == {
        FIRST: D(2018, 3, 8),  # modified on 04-02, keeps its first date
        NEW_NAME: D(2018, 3, 8),  # renamed on 05-03, keeps its first date
        LATER: D(2018, 7, 1),
        **({"README.md": D(2018, 3, 8)} if sub == "" else {}),
    }
    assert history.first_commit(FIRST) == D(2018, 3, 8)
    assert history.first_commit(OLD_NAME) is None
    assert history.first_commit("2018/activities/草稿.md") is None


@pytest.mark.parametrize("sub", ["", "data"])
def test_last_change_dates(tmp_path, sub):
    history = read_history(make_repo(tmp_path / "repo", sub))
    assert history.last_commit(FIRST) == D(2018, 4, 2)  # modified after it was added
    assert history.last_commit(NEW_NAME) == D(2018, 5, 3)  # the rename is the last change
    assert history.last_commit(OLD_NAME) is None
    assert history.last_commit(LATER) == D(2018, 7, 1)
    assert history.last_commit("2018/activities/草稿.md") is None


def test_parse_last_changes_on_a_literal_string():
    text = ("commit aaa 2018-03-08\0\nA\0data/a.md\0A\0data/b.md\0"
            "commit bbb 2018-04-02\0\nM\0data/a.md\0"
            "commit ccc 2018-05-03\0\nR100\0data/b.md\0data/c.md\0M\0other.md\0")
    assert parse_last_changes(text, "data/") == {"a.md": D(2018, 4, 2), "c.md": D(2018, 5, 3)}
    assert parse_log(text, "data/") == {"a.md": (D(2018, 3, 8), "aaa"), "c.md": (D(2018, 3, 8), "aaa")}


def test_user_config_cannot_change_the_log(tmp_path, monkeypatch):
    data = make_repo(tmp_path / "repo", "data")
    hostile = {"diff.relative": "true", "log.showRoot": "false", "core.quotepath": "on"}
    monkeypatch.setenv("GIT_CONFIG_COUNT", str(len(hostile)))
    for i, (key, value) in enumerate(hostile.items()):
        monkeypatch.setenv(f"GIT_CONFIG_KEY_{i}", key)
        monkeypatch.setenv(f"GIT_CONFIG_VALUE_{i}", value)
    assert read_history(data).first_commit(FIRST) == D(2018, 3, 8)


def test_not_a_repository(tmp_path):
    write(tmp_path / FIRST, "x\n")
    history = read_history(tmp_path)
    assert history == GitHistory("absent", {}, history.note)
    assert "不在 git 仓库中" in history.note and "reported" in history.note


def test_git_not_installed(tmp_path, monkeypatch):
    data = make_repo(tmp_path / "repo", "")
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    history = read_history(data)
    assert (history.state, history.dates) == ("absent", {})
    assert "没有安装 git" in history.note


def test_repository_without_commits(tmp_path):
    git(tmp_path, "init", "-q", "repo")
    history = read_history(tmp_path / "repo")
    assert (history.state, history.dates) == ("absent", {})
    assert "还没有提交" in history.note


def test_shallow_clone_drops_files_first_seen_at_the_boundary(tmp_path):
    make_repo(tmp_path / "repo", "data")
    git(tmp_path, "clone", "-q", "--depth", "2", (tmp_path / "repo").as_uri(), "clone")
    history = read_history(tmp_path / "clone" / "data")
    # Boundary is the rename commit (05-03): git shows it as adding every file.
    assert history.state == "shallow"
    assert history.dates == {LATER: D(2018, 7, 1)}
    assert history.first_commit(FIRST) is None and history.first_commit(NEW_NAME) is None
    assert "浅克隆" in history.note and "2 个文件" in history.note
    assert "git fetch --unshallow" in history.note


def test_shallow_clone_with_every_data_file_after_the_boundary(tmp_path):
    repo = tmp_path / "repo"
    git(tmp_path, "init", "-q", "repo")
    write(repo / "README.md", "1\n")
    commit(repo, "2018-01-01T10:00:00+08:00")
    write(repo / "README.md", "2\n")
    commit(repo, "2018-02-01T10:00:00+08:00")
    write(repo / "data" / FIRST, "x\n")
    commit(repo, "2018-03-08T10:00:00+08:00")
    git(tmp_path, "clone", "-q", "--depth", "2", repo.as_uri(), "clone")
    history = read_history(tmp_path / "clone" / "data")
    assert (history.state, history.dates) == ("shallow", {FIRST: D(2018, 3, 8)})
    assert "浅克隆" in history.note and "git fetch --unshallow" in history.note
