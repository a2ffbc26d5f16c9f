"""Files and folders written whole or not at all, never over what the user has unless asked.

In the bottom stage so that every stage may use it: exports (the ledger, the archive), authoring (`new`,
`init`, `photos clean`; `import` may), the site's photo cache and the edges (the site folder's swap,
wenming/outputs.py).

A new version is written to a temporary file in the target's own folder, flushed to disk and renamed into
place in one step, so a failure, a kill or a full disk leaves the old file as it was (or no file). A
temporary is named `.NAME.wenming-tmp-PID-XXXXXXXX`: removed on any failure, and one a killed run left
behind (its process is gone) is recognised and removed by the next run that writes NAME (`remove_stale`).
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

TAG = ".wenming-tmp-"
"""In the name of every temporary file or folder wenming makes beside a target."""


def new_file_mode() -> int:
    """The mode `open(…, "w")` gives a new file: 0666 less the umask (0644 with the usual umask 022)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _prefix(target: Path) -> str:
    return f".{target.name}{TAG}{os.getpid()}-"


def temporary_file(target: Path) -> Path:
    """A new empty temporary file beside `target` (its folder must exist)."""
    fd, name = tempfile.mkstemp(prefix=_prefix(target), dir=target.parent)
    os.close(fd)
    return Path(name)


def temporary_folder(target: Path) -> Path:
    """A new empty temporary folder beside `target` (mode 0700 until it is given one)."""
    return Path(tempfile.mkdtemp(prefix=_prefix(target), dir=target.parent))


def is_stale(path: Path) -> bool:
    """A temporary of wenming's whose process is gone (killed before it could remove it)."""
    _, tag, rest = path.name.partition(TAG)
    pid = rest.split("-", 1)[0]
    if not tag or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OSError, OverflowError):
        return False
    return False


def remove_stale(target: Path) -> list[Path]:
    """Remove the temporaries of `target` that killed runs left beside it; those removed."""
    removed = []
    try:
        candidates = list(target.parent.glob(f".{_glob_escape(target.name)}{TAG}*"))
    except OSError:
        return removed
    for path in candidates:
        if is_stale(path):
            remove(path)
            removed.append(path)
    return removed


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def remove(path: Path) -> None:
    """Remove a temporary file or folder (an old site a build replaced), whatever is left of it, read-only
    folders in it too; never raises."""
    def writable_again(func, name, exc_info):
        try:
            os.chmod(os.path.dirname(name), 0o700)
            func(name)
        except OSError:
            pass

    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, onerror=writable_again)
        else:
            path.unlink(missing_ok=True)
    except OSError:
        pass


def make_folder(folder: Path) -> None:
    """`folder` and those above it; NotADirectoryError naming the file that stands where a folder must be."""
    above = folder
    while not above.exists() and above != above.parent:
        above = above.parent
    if above.exists() and not above.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(above))
    folder.mkdir(parents=True, exist_ok=True)


def _sync(path: Path) -> None:
    with path.open("rb+") as f:
        os.fsync(f.fileno())


def _named(path: Path, exc: OSError) -> OSError:
    """An error naming no file (a full disk while writing) or the temporary file, as one naming `path`."""
    if exc.filename is not None and TAG not in os.fsdecode(exc.filename):
        return exc
    named = OSError(exc.errno, exc.strerror or str(exc), str(path))
    named.__cause__ = exc
    return named


def replace_file(path: Path, write: Callable[[Path], None], mode: int | None = None) -> None:
    """Make `path` by `write(temporary path)` and rename it over whatever is there; the temporary never stays.
    `mode`: the file's permissions (default: those of any new file, 0644 with the usual umask)."""
    make_folder(path.parent)
    remove_stale(path)
    try:
        tmp = temporary_file(path)
    except OSError as exc:
        raise _named(path, exc) from None
    try:
        write(tmp)
        _sync(tmp)
        os.chmod(tmp, new_file_mode() if mode is None else mode)
        os.replace(tmp, path)
    except OSError as exc:
        remove(tmp)
        raise _named(path, exc) from None
    except BaseException:
        remove(tmp)
        raise


def create_file(path: Path, write: Callable[[Path], None]) -> None:
    """Make the new file `path` by `write(temporary path)`, whole or not at all; FileExistsError when `path`
    exists (also when another run made it meanwhile: it is linked into place, which never replaces)."""
    make_folder(path.parent)
    if os.path.lexists(path):
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path))
    remove_stale(path)
    try:
        tmp = temporary_file(path)
    except OSError as exc:
        raise _named(path, exc) from None
    try:
        write(tmp)
        _sync(tmp)
        os.chmod(tmp, new_file_mode())
        try:
            os.link(tmp, path)  # fails if `path` exists: never over another run's file
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links (FAT on a USB stick): as close as it gets
            if os.path.lexists(path):
                raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
            os.rename(tmp, path)
    except OSError as exc:
        raise _named(path, exc) from None
    finally:
        remove(tmp)


def create_text(path: Path, text: str) -> None:
    """`create_file` of UTF-8 text with `\\n` line ends."""
    create_file(path, lambda tmp: tmp.write_text(text, encoding="utf-8", newline="\n"))


def create_copy(path: Path, source: Path) -> None:
    """`create_file` holding a copy of `source`'s bytes."""
    create_file(path, lambda tmp: shutil.copyfile(source, tmp))


def rewrite_file(path: Path, data: bytes) -> None:
    """Replace the existing file `path` by `data`, keeping its permissions."""
    replace_file(path, lambda tmp: tmp.write_bytes(data), stat.S_IMODE(os.stat(path).st_mode))


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths in one step (Linux `renameat2(RENAME_EXCHANGE)`); False when the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))
