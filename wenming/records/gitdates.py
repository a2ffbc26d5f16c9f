"""Report dates from git: the date each data file was first committed (and last changed).

`read_history(data_dir)` runs git a few times (once for the whole log) and returns a
:class:`GitHistory`; `parse_log(text, prefix)` is the pure part that reads the log.
The data dir may be a repository root, a folder inside one, or not in git at all.

Shallow clones: the oldest visible commits are graft boundaries, and git shows them
as adding every file they contain, so files first seen there get no date. When no
file is first seen at a boundary, the state is still "shallow" and the note warns
that a file deleted and re-added before the boundary may show a later date.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

NOTE_ABSENT = "数据目录不在 git 仓库中（或没有安装 git），报送日期只能取记录中的 reported 字段。"
NOTE_NO_COMMITS = "数据目录所在的 git 仓库还没有提交，报送日期只能取记录中的 reported 字段。"
NOTE_SHALLOW = "git 历史不完整（浅克隆），{n} 个文件的首次提交日期无法确定；请运行 git fetch --unshallow 后重新构建。"
NOTE_SHALLOW_ALL_SEEN = (
    "git 历史不完整（浅克隆），首次提交日期取自现有的提交，个别文件可能偏晚；"
    "请运行 git fetch --unshallow 后重新构建。"
)

# Pinned so user config cannot change the output: diff.relative rewrites log paths,
# log.showRoot=false hides the files of the root commit.
_CONFIG = ("-c", "core.quotepath=off", "-c", "diff.relative=false", "-c", "log.showRoot=true")
# -z: paths verbatim (tabs, quotes); --date-order: parents always before children.
_LOG = ("log", "-z", "--reverse", "--date-order", "--no-show-signature", "--format=commit %H %cs",
        "-M", "--name-status", "--diff-filter=AMR", "--", ".")
# Set by git hooks; they would point git at another repository than data_dir's.
_REPO_VARS = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_OBJECT_DIRECTORY")


@dataclass(frozen=True)
class GitHistory:
    state: str
    """"ok", "shallow" (some history missing) or "absent" (no git, no repo, no commits)."""
    dates: dict[str, dt.date]
    """Path relative to the data dir (posix) → committer date of the commit that first added it."""
    note: str
    """"" when state is "ok"; otherwise one Chinese sentence for the build log."""
    updated: dict[str, dt.date] = field(default_factory=dict)
    """Path relative to the data dir → committer date of the last commit that changed it."""

    def first_commit(self, rel_path: str) -> dt.date | None:
        return self.dates.get(rel_path)

    def last_commit(self, rel_path: str) -> dt.date | None:
        return self.updated.get(rel_path)


def parse_log(text: str, prefix: str) -> dict[str, tuple[dt.date, str]]:
    """Output of `git log -z --reverse --format='commit %H %cs' --name-status` → first adds.

    Maps each path under `prefix` (the data dir's path from the repo root, "" or
    "data/"), made relative to it, to (date, hash) of the commit that first added
    it. A renamed file keeps the date and hash of the file it was renamed from.
    """
    tokens = text.split("\0")
    first: dict[str, tuple[dt.date, str]] = {}
    current: tuple[dt.date, str] | None = None
    i = 0
    while i < len(tokens):
        # A newline follows each header; status tokens never contain one.
        word = tokens[i].lstrip("\n")
        if word.startswith("commit "):
            _, sha, day = word.split(" ")
            current = (dt.date.fromisoformat(day), sha)
        elif word == "A" and current:
            first.setdefault(tokens[i + 1], current)
            i += 1
        elif word == "M":
            i += 1
        elif word.startswith("R") and current:
            old, new = tokens[i + 1], tokens[i + 2]
            first[new] = first.pop(old, current)
            i += 2
        i += 1
    return {path[len(prefix):]: found for path, found in sorted(first.items()) if path.startswith(prefix)}


def parse_last_changes(text: str, prefix: str) -> dict[str, dt.date]:
    """The same log → the date of the last commit that added, changed or renamed each path."""
    tokens = text.split("\0")
    last: dict[str, dt.date] = {}
    day: dt.date | None = None
    i = 0
    while i < len(tokens):
        word = tokens[i].lstrip("\n")
        if word.startswith("commit "):
            day = dt.date.fromisoformat(word.split(" ")[2])
        elif word in ("A", "M") and day:
            last[tokens[i + 1]] = day
            i += 1
        elif word.startswith("R") and day:
            last.pop(tokens[i + 1], None)
            last[tokens[i + 2]] = day
            i += 2
        i += 1
    return {path[len(prefix):]: d for path, d in sorted(last.items()) if path.startswith(prefix)}


def read_history(data_dir: Path) -> GitHistory:
    """Read the git history of `data_dir` once. Never raises for missing git or repo."""
    prefix = _git(data_dir, "rev-parse", "--show-prefix")
    if prefix is None:
        return GitHistory("absent", {}, NOTE_ABSENT)
    if _git(data_dir, "rev-parse", "--verify", "--quiet", "HEAD") is None:
        return GitHistory("absent", {}, NOTE_NO_COMMITS)
    log = _git(data_dir, *_LOG)
    if log is None:
        return GitHistory("absent", {}, NOTE_ABSENT)
    found = parse_log(log, prefix.rstrip("\n"))
    updated = parse_last_changes(log, prefix.rstrip("\n"))
    if _git(data_dir, "rev-parse", "--is-shallow-repository") != "true\n":
        return GitHistory("ok", {path: day for path, (day, _) in found.items()}, "", updated)
    boundary = _boundary_commits(data_dir)
    dates = {path: day for path, (day, sha) in found.items() if sha not in boundary}
    unknown = len(found) - len(dates)
    note = NOTE_SHALLOW.format(n=unknown) if unknown else NOTE_SHALLOW_ALL_SEEN
    return GitHistory("shallow", dates, note, updated)


def _boundary_commits(data_dir: Path) -> set[str]:
    """Hashes listed in the repository's `shallow` file (the graft boundaries)."""
    where = _git(data_dir, "rev-parse", "--git-path", "shallow")
    try:
        return set((data_dir / where.rstrip("\n")).read_text(encoding="utf-8").split()) if where else set()
    except OSError:
        return set()


def _git(data_dir: Path, *args: str) -> str | None:
    """Stdout of `git <args>` run in data_dir, or None if git is missing or fails."""
    env = {k: v for k, v in os.environ.items() if k not in _REPO_VARS} | {"LC_ALL": "C"}
    try:
        done = subprocess.run(["git", *_CONFIG, *args], cwd=data_dir, capture_output=True, text=True,
                              encoding="utf-8", errors="surrogateescape", env=env)
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None
