"""Copy the site's photos and documents in a second process while MkDocs renders the pages.

A decade of records publishes about 12,000 photos and thumbnails. Copying them is file creation, work
for the kernel rather than Python: in a thread it would wait for the GIL after every system call while
the pages render, so a child process (this file run as a script, standard library only) copies them on
the other core. The copies are the same bytes as MkDocs' own `File.copy_file` would make.

`Copier.add(source, target)` for each file, `start()` once all are known, `wait()` before the build
ends: it raises `CopyError` naming the file that could not be copied. Without a Python to start, or
when the child fails in any way, `wait()` copies (again) in this process, so that a real problem is
reported as this process finds it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

_SEP = "\0"  # cannot occur in a path


class CopyError(Exception):
    """A file could not be copied into the site; the message names it."""


class Copier:
    def __init__(self) -> None:
        self._pairs: list[tuple[str, str]] = []
        self._child: subprocess.Popen | None = None

    def add(self, source: str, target: str) -> None:
        if self._child is not None:
            raise RuntimeError("Copier.add after start()")
        self._pairs.append((source, target))  # kept: copied here if the child fails

    def start(self) -> None:
        """Hand every file added so far to a child process (returns once it has the list)."""
        if not self._pairs or not sys.executable or self._child is not None:
            return
        payload = _SEP.join(p for pair in self._pairs for p in pair).encode("utf-8", "surrogateescape")
        try:
            self._child = subprocess.Popen([sys.executable, "-I", "-S", os.path.abspath(__file__)],
                                           stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                           stderr=subprocess.DEVNULL)
            self._child.stdin.write(payload)  # the child reads it all before copying anything
            self._child.stdin.close()
        except OSError:  # no process could be started: wait() copies here
            self._kill()

    def wait(self) -> None:
        """Return once every file is in place; CopyError if one could not be copied."""
        pairs, self._pairs = self._pairs, []
        if self._child is not None:
            child, self._child = self._child, None
            if child.wait() == 0:
                return
        _copy_all(pairs)  # a real problem is found again here, and named

    def stop(self) -> None:
        """The build failed: kill the child, if any, and copy nothing more."""
        self._kill()
        self._pairs = []

    def _kill(self) -> None:
        if self._child is not None:
            self._child.kill()
            self._child.wait()
            if self._child.stdin is not None and not self._child.stdin.closed:
                self._child.stdin.close()
            self._child = None


def _copy_all(pairs: list[tuple[str, str]]) -> None:
    made: set[str] = set()
    for source, target in pairs:
        folder = os.path.dirname(target)
        try:
            if folder not in made:
                os.makedirs(folder, exist_ok=True)
                made.add(folder)
            shutil.copyfile(source, target)
        except shutil.SameFileError:
            pass
        except OSError as e:
            raise CopyError(f"{source}：无法复制到 {target}（{e.strerror or e}）。"
                            "请检查磁盘空间和输出文件夹的写权限后重新构建。") from None


def _main() -> int:
    """The child: copy every pair read from standard input; exit 1 at the first failure (the build's
    process then copies again and names what failed)."""
    parts = sys.stdin.buffer.read().decode("utf-8", "surrogateescape").split(_SEP)
    try:
        _copy_all(list(zip(parts[0::2], parts[1::2], strict=True)))
    except CopyError:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(_main())
