"""What the photo cache knows about each original, so that an unchanged original is not read again.

Finding a photo's cache key means reading and hashing the whole original: for a decade of records
(thousands of photos of a few MB each) that is gigabytes on every build, although nearly every
photo is one the cache has already processed. The memo (`originals.json` in the photo cache)
remembers, for each original, its file identity when it was last hashed (size, modification and
change times in nanoseconds, inode, device) with the cache key and image size found then. When
all five are the same the original is the same file, unchanged, and it is not read again; any
write to the file changes its change time, which no tool can set back.

Like git's index, an original whose change time is within `RACY_SECONDS` of the moment it was
hashed is not remembered: a write in the same clock tick could leave its times as they were.
The memo only saves reading: the cache stays keyed by content, and a photo that has to be
processed is read and hashed again before anything is cached under its key.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

NAME = "originals.json"
VERSION = 1
RACY_SECONDS = 2


def identity(st: os.stat_result) -> list[int]:
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev]


def load(cache: Path) -> dict[str, list]:
    """path → [identity…, key, width, height]; empty when missing, unreadable or from another version."""
    try:
        memo = json.loads((cache / NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(memo, dict) or memo.get("version") != VERSION or not isinstance(memo.get("originals"), dict):
        return {}
    return memo["originals"]


def recall(memo: dict[str, list], path: str, st: os.stat_result) -> tuple[str, tuple[int, int]] | None:
    """The cache key and image size remembered for this original, if it is the same file unchanged."""
    entry = memo.get(path)
    if not isinstance(entry, list) or len(entry) != 8 or entry[:5] != identity(st):
        return None
    key, width, height = entry[5:]
    if not (isinstance(key, str) and isinstance(width, int) and isinstance(height, int)):
        return None
    return key, (width, height)


def remember(entries: dict[str, list], path: str, st: os.stat_result, key: str, size: tuple[int, int]) -> None:
    if time.time_ns() - st.st_ctime_ns > RACY_SECONDS * 1_000_000_000:
        entries[path] = [*identity(st), key, size[0], size[1]]


def save(cache: Path, old: dict[str, list], entries: dict[str, list]) -> None:
    """Write the memo of this build's originals when it changed; a cache that cannot be written only
    means the originals are read again next time."""
    if entries == old:
        return
    path = cache / NAME
    tmp = path.with_name(f".tmp-{os.getpid()}-{NAME}")
    try:
        cache.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps({"version": VERSION, "originals": entries}, ensure_ascii=False, sort_keys=True),
                       encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
