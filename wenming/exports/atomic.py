"""Export files are written whole or not at all.

The content goes to a hidden temporary file in the target's folder, is flushed to disk, given the mode an
ordinary new file gets (0644 with the usual umask) and renamed over the target in one step:
a failure, a kill or a full disk leaves the old file as it was (or no file), and the temporary file is
removed on any failure. Whether an existing file may be replaced at all is decided before
(`wenming/outputs.py`: only with --force).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def new_file_mode() -> int:
    """The mode `open(…, "w")` gives a new file: 0666 less the umask (0644 with the usual umask 022)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def replace_file(path: Path, write: Callable[[Path], None]) -> None:
    """Make `path` by `write(temporary path)` and rename it into place; the temporary file never stays behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = new_file_mode()
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        with tmp.open("rb+") as f:
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
