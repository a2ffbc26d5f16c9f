"""The site is built beside the old one and swapped in at the end.

MkDocs empties the site folder and then writes the new site into it, file by file: a build that fails,
is killed or fills the disk halfway would leave half a site on the intranet. Instead the MkDocs
adapter (wenming/mkdocs_adapter/staging.py) points MkDocs at a hidden temporary folder beside the site folder (`stage`),
and when every file is written exchanges the two in one step (`swap_in`: `renameat2(RENAME_EXCHANGE)`
on Linux, two renames elsewhere) and deletes the old site. On failure the temporary folder is deleted
(`discard`); a SIGTERM or SIGHUP meanwhile stops the build as Ctrl-C does (`guard`), and what a killed
build left is removed by the next one (wenming/records/atomic.py: `remove_stale`).
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import stat
import threading
from dataclasses import dataclass
from pathlib import Path

from ..records import atomic

MARKER = ".wenming-output"
"""In every site folder wenming builds (written by the hook, checked by wenming/outputs.py)."""


@dataclass(frozen=True)
class Staging:
    """A build into `staged`, a hidden temporary folder beside the site folder `final`, swapped in when done:
    a build that fails, is killed or fills the disk leaves the previous site whole."""
    final: Path
    staged: Path


def stage(final: Path) -> tuple[Staging | None, str]:
    """A temporary folder beside the site folder `final` to build into, or (None, why the site is built in
    place instead: `final` is a mount point, or its folder cannot take another folder)."""
    final = final.resolve()  # a link to the site folder stays a link: the folder it names is swapped
    if final.is_dir() and os.path.ismount(final):
        return None, f"输出文件夹 {final} 是一个挂载点"
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        atomic.remove_stale(final)  # what a killed build left
        staged = atomic.temporary_folder(final)
        os.chmod(staged, stat.S_IMODE(final.stat().st_mode) if final.is_dir() else 0o777 & ~_umask())
    except OSError as exc:
        return None, f"无法在 {final.parent} 里建立临时文件夹（{exc.strerror or exc}）"
    return Staging(final, staged), ""


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def swap_in(staging: Staging) -> None:
    """Put the finished site in place of the old one in one step, then delete the old one.

    The old folder's hidden entries (MkDocs' cleaning always kept them: a `.htaccess`, a `.well-known/`)
    are copied into the new one first; the marker is the new site's own."""
    final, staged = staging.final, staging.staged
    release(staging)
    if not final.exists():
        os.rename(staged, final)
        return
    for entry in final.iterdir():
        if entry.name.startswith(".") and entry.name != MARKER and atomic.TAG not in entry.name:
            target = staged / entry.name
            if entry.is_dir() and not entry.is_symlink():
                shutil.copytree(entry, target, symlinks=True, dirs_exist_ok=True)
            else:
                shutil.copy2(entry, target, follow_symlinks=False)
    if atomic.exchange(staged, final):  # the old site is now at `staged`
        atomic.remove(staged)
        return
    old = atomic.temporary_folder(final)  # no atomic exchange here: two renames, the old site kept until the second
    os.rename(final, old / final.name)
    os.rename(staged, final)
    atomic.remove(old)


def discard(staging: Staging) -> None:
    """Delete the unfinished site; the old one was never touched."""
    atomic.remove(staging.staged)
    release(staging)


_guarded: dict[Path, Staging] = {}
_handlers: dict[int, object] = {}


def _stop(signum, frame):
    raise KeyboardInterrupt  # unwinds the build: MkDocs' on_shutdown and the hook discard the temporary folder


def guard(staging: Staging) -> None:
    """Until `release`: a SIGTERM or SIGHUP stops the build as Ctrl-C does (so its temporary folder is deleted),
    and whatever is still staged when the process exits is deleted."""
    if not _guarded:
        atexit.register(_discard_all)
    _guarded[staging.staged] = staging
    if threading.current_thread() is threading.main_thread() and not _handlers:
        for signum in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
            if signum is not None:
                _handlers[signum] = signal.signal(signum, _stop)


def release(staging: Staging) -> None:
    _guarded.pop(staging.staged, None)
    if not _guarded and threading.current_thread() is threading.main_thread():
        for signum, handler in _handlers.items():
            signal.signal(signum, handler)
        _handlers.clear()


def _discard_all() -> None:
    for staging in list(_guarded.values()):
        discard(staging)
