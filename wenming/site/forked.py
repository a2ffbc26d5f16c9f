"""Render on two cores: `map_forked(func, items)` is `[func(x) for x in items]`, with every second item
done by a forked copy of this process while this one does the rest.

Making a decade's pages is pure Python (the GIL allows one thread at a time), half a build's work of
our own; a fork shares the loaded data and compiled templates without copying them and hands back only
the results (pickled through a pipe). The results are the same, in the same order, either way: the
child's work is done here instead whenever it cannot be done there (no `fork` on this system, one
CPU, other threads running, as under `serve` or pytest-xdist, whose locks a fork could copy held), or
when the child fails for any reason; an error in `func` itself is then raised here, as without a fork.
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def usable() -> bool:
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and threading.active_count() == 1


def map_forked(func: Callable[[T], R], items: Sequence[T]) -> list[R]:
    if len(items) < 2 or not usable():
        return [func(x) for x in items]
    theirs = list(range(1, len(items), 2))
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its share, pickled to the pipe, and gone without running any cleanup
        code = 1
        try:
            os.close(read_end)
            with os.fdopen(write_end, "wb") as out:
                pickle.dump([func(items[i]) for i in theirs], out, protocol=pickle.HIGHEST_PROTOCOL)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    try:
        mine = {i: func(items[i]) for i in range(0, len(items), 2)}
        with os.fdopen(read_end, "rb") as pipe:
            read_end = -1
            data = pipe.read()
    finally:
        if read_end != -1:
            os.close(read_end)
        _, status = os.waitpid(pid, 0)
    results = _unpickled(data) if os.waitstatus_to_exitcode(status) == 0 else None
    if results is None or len(results) != len(theirs):
        results = [func(items[i]) for i in theirs]
    mine.update(zip(theirs, results))
    return [mine[i] for i in range(len(items))]


def _unpickled(data: bytes) -> list | None:
    try:
        results = pickle.loads(data)
    except Exception:  # a child cut short: its share is done here instead
        return None
    return results if isinstance(results, list) else None
