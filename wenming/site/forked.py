"""Work on two cores: `start(func, arg)` computes `func(arg)` in a forked copy of this process while
this one goes on, and `map_forked(func, items)` is `[func(x) for x in items]` with every second item
done that way.

Making a decade's pages and their search entries is pure Python (the GIL allows one thread at a
time); a fork shares the loaded data and compiled templates without copying them, and hands back only
its result (pickled into a temporary file, read and deleted by `result()`). The results are the same
either way: the work is done here instead whenever it cannot be done there (no `fork` on this system,
one CPU, other threads running, as under `serve` or pytest-xdist, whose locks a fork could copy held),
or when the child fails for any reason; an error in `func` itself is then raised here, as without a
fork.
"""

from __future__ import annotations

import atexit
import os
import pickle
import signal
import tempfile
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def usable() -> bool:
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and threading.active_count() == 1


class Pending:
    """`func(arg)`, being computed by a child process (or, without one, when asked for)."""

    def __init__(self, func: Callable[[Any], Any], arg: Any) -> None:
        self._func, self._arg = func, arg
        self._pid: int | None = None
        self._status: int | None = None
        self._path = ""
        if not usable():
            return
        try:
            fd, self._path = tempfile.mkstemp(prefix="wenming-", suffix=".pickle")
        except OSError:  # no temporary folder to write to: done here, when asked for
            return
        try:
            pid = os.fork()
        except OSError:  # no memory or processes left for a fork: the same
            os.close(fd)
            self._forget_file()
            return
        if pid == 0:  # the child: the result into the file, and gone without running any cleanup
            code = 1
            try:
                with os.fdopen(fd, "wb") as out:
                    pickle.dump(func(arg), out, protocol=pickle.HIGHEST_PROTOCOL)
                code = 0
            finally:
                os._exit(code)
        os.close(fd)
        self._pid = pid
        _live.add(self)

    def done(self) -> bool:
        """Whether `result()` would return without waiting for the child."""
        if self._pid is None or self._status is not None:
            return True
        pid, status = os.waitpid(self._pid, os.WNOHANG)
        if pid:
            self._status = status
        return pid != 0

    def result(self) -> Any:
        if self._pid is not None:
            if self._status is None:
                _, self._status = os.waitpid(self._pid, 0)
            self._pid = None
            _live.discard(self)
            found = _read(self._path) if os.waitstatus_to_exitcode(self._status) == 0 else None
            self._forget_file()
            if found is not None:
                return found[0]
        return self._func(self._arg)

    def abandon(self) -> None:
        """The build failed: stop the child, if any, and leave nothing behind."""
        if self._pid is not None:
            try:
                os.kill(self._pid, signal.SIGKILL)
                os.waitpid(self._pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self._pid = None
            _live.discard(self)
        self._forget_file()

    def _forget_file(self) -> None:
        if self._path:
            try:
                os.unlink(self._path)
            except OSError:
                pass
            self._path = ""


_live: set[Pending] = set()
"""Children not yet waited for: stopped, and their files deleted, if the process exits first (Ctrl-C)."""


@atexit.register
def _abandon_all() -> None:
    for pending in list(_live):
        pending.abandon()


def start(func: Callable[[T], R], arg: T) -> Pending:
    return Pending(func, arg)


def map_forked(func: Callable[[T], R], items: Sequence[T]) -> list[R]:
    if len(items) < 2 or not usable():
        return [func(x) for x in items]
    theirs = start(lambda indexes: [func(items[i]) for i in indexes], range(1, len(items), 2))
    try:
        mine = {i: func(items[i]) for i in range(0, len(items), 2)}
    except BaseException:
        theirs.abandon()
        raise
    mine.update(zip(range(1, len(items), 2), theirs.result()))
    return [mine[i] for i in range(len(items))]


def _read(path: str) -> tuple[Any] | None:
    """(the result,) or None for a file a child did not finish."""
    try:
        with open(path, "rb") as f:
            return (pickle.load(f),)
    except Exception:
        return None
