"""The git pre-commit hook `wenming init` installs, and what it checks that `wenming check` alone does not.

Any git client (a desktop app, an editor, a terminal without the virtual environment) runs
`.git/hooks/pre-commit` with its own PATH, so the hook does not look for `wenming` there: it names the
Python that ran `wenming init` (its absolute path, written into the script) and falls back to a
`wenming` on PATH only when that Python is gone or no longer has wenming. When neither runs, the commit
stops with a Chinese message saying why and what to do (never git's or a tool's English).

The hook runs `wenming check --staged`: the records as they are on disk, and the photos staged for this
commit as git will store them (read from the index, not from the disk). A photo whose original says where
it was taken stops the commit, and the message names the exact `wenming photos clean …` to run. It refuses
rather than strips: a hook that rewrote the user's photos and staged them again would change the commit
behind the user's back (and mix in unstaged edits of a partly staged file); refusing leaves the choice and
the files with the user, and `photos clean` then changes only the location.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path, PurePosixPath
from typing import Callable

from ..records import atomic
from .gps import IMAGE_SUFFIXES, image_files, located, located_bytes

HOOK = """\
#!/bin/sh
# wenming：提交前检查（由 wenming init 安装）。要提交的记录有错误，或要提交的照片原图带有拍摄地点（GPS）时，
# 提交会被拦下，并说明怎样改。确需先提交时：git commit --no-verify
# 用安装 wenming 的 Python 运行（下面记下了它的位置），不依赖 PATH：从任何 git 客户端提交都会检查。
wenming_python={python}
wenming_folder={folder}

top=$(git rev-parse --show-toplevel) || exit 1
cd "$top/$wenming_folder" || exit 1

# Nothing under data/ in this commit: nothing to check.
if git diff --cached --quiet -- data; then
    exit 0
fi

if "$wenming_python" -c "import wenming" >/dev/null 2>&1; then
    set -- "$wenming_python" -m wenming
elif command -v wenming >/dev/null 2>&1; then
    set -- wenming
else
    echo "提交已取消：没能在提交前检查记录和照片，因为找不到 wenming。" >&2
    echo "安装 wenming 时用的 Python（$wenming_python）已经不在或其中没有 wenming 了，PATH 里也没有 wenming 命令。" >&2
    echo "请重新安装 wenming（或激活装有它的虚拟环境）后再提交；确需先提交时，用 git commit --no-verify 跳过检查。" >&2
    exit 1
fi

"$@" check --staged && exit 0
status=$?
echo >&2
echo "提交已取消：见上面的问题。改正后重新 git add、git commit；确需先提交时，用 git commit --no-verify 跳过检查。" >&2
exit $status
"""


def hook_script(python: str, folder: str) -> str:
    """The hook's text: `python` runs wenming, `folder` is the records' folder from the top of the repository."""
    return HOOK.format(python=shlex.quote(python), folder=shlex.quote(folder))


def _git(folder: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, encoding="utf-8")
    except OSError:
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def install_hook(folder: Path) -> tuple[Path, bool] | None:
    """Write the pre-commit hook of the repository `folder` is in: (its path, True when written, False when a
    hook was there already and is kept as it is); None when `folder` is not in a git repository."""
    hooks, top = _git(folder, "rev-parse", "--git-path", "hooks"), _git(folder, "rev-parse", "--show-toplevel")
    if hooks is None or top is None:
        return None
    target = (folder / hooks) / "pre-commit"
    if os.path.lexists(target):
        return target, False
    within = Path(os.path.relpath(folder.resolve(), Path(top).resolve())).as_posix()
    atomic.create_text(target, hook_script(Path(sys.executable).as_posix(), within))
    mode = atomic.new_file_mode()
    os.chmod(target, mode | (mode & 0o444) >> 2)  # executable by whoever may read it
    return target, True


def staged_located(data_dir: Path) -> list[Path]:
    """The photos under `data_dir` staged for the next commit (added or changed) whose staged content says where
    they were taken; [] outside git."""
    names = _git(data_dir, "-c", "core.quotepath=off", "diff", "--cached", "--name-only", "--relative",
                 "--diff-filter=ACMR", "-z", "--", ".")
    found = []
    for name in filter(None, (names or "").split("\0")):
        if PurePosixPath(name).suffix.lower() not in IMAGE_SUFFIXES:
            continue
        done = subprocess.run(["git", "cat-file", "blob", f":./{name}"], cwd=data_dir, capture_output=True)
        if done.returncode == 0 and located_bytes(done.stdout, PurePosixPath(name).suffix):
            found.append(data_dir / name)
    return sorted(found)


def warning_lines(found: list[str], folder: str) -> list[str]:
    """`wenming check`'s reminder about the photos (display paths) in the data folder `folder` that say where."""
    more = [f"  ……共 {len(found)} 张"] if len(found) > 20 else []
    return [f"提醒：{len(found)} 张照片的原图带有拍摄地点（GPS），提交到 git 后所有能看到仓库的人都能看到"
            "（网站上的照片已去掉）：", *(f"  {p}" for p in found[:20]), *more,
            f"去掉地点：wenming photos clean {shlex.quote(folder)}"]


def refusal_lines(found: list[str], records_ok: bool = False) -> list[str]:
    """`wenming check --staged`: the staged photos (display paths) that say where, as errors, with the command."""
    paths = " ".join(shlex.quote(p) for p in found)
    return [f"{p}: 这张照片的原图带有拍摄地点（GPS），不能提交：提交到 git 后，所有能看到仓库的人都能读出地点"
            "（网站上的照片已去掉，原图没有）。" for p in found] + \
        [("记录本身没有问题，但" if records_ok else "") + f"这次提交里有 {len(found)} 张照片带拍摄地点，提交没有完成。"
         f"先去掉地点，再重新 git add 并提交：wenming photos clean {paths} && git add {paths}"]


def photo_lines(folder: Path, staged: bool, shown: Callable[[Path], str],
                records_ok: bool = False) -> tuple[list[str], bool]:
    """What `wenming check [--staged]` says of the photos in the data folder `folder` (paths `shown` as the user
    knows them), and whether a staged photo says where it was taken (the commit is refused: the reminder about
    all the photos is then left out)."""
    if not folder.is_dir():
        return [], False
    if staged and (refused := [shown(p) for p in staged_located(folder)]):
        return refusal_lines(refused, records_ok), True
    found = [shown(p) for p in image_files([folder]) if located(p)]
    return (warning_lines(found, shown(folder)) if found else []), False
