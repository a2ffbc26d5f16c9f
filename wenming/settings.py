"""Settings read from the environment: data directory and the "as of" date.

Only the edges (CLI, hooks) call these; the core always receives explicit values.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

DATA_ENV = "WENMING_DATA"
AS_OF_ENV = "WENMING_AS_OF"
PUBLIC_ENV = "WENMING_PUBLIC"
ARCHIVE_ENV = "WENMING_ARCHIVE"
"""Set by `wenming export archive` for its build: `1`, the inspectors' copy (no 编辑 pop-up, no editors' guide);
`guide`, the same with the editors' guide (`--with-guide`)."""


class SettingsError(ValueError):
    """A setting the user gave is unusable (message in Chinese)."""


def data_dir(project: Path, extra: dict | None = None) -> Path:
    """`$WENMING_DATA`, else `extra.wenming.data` in mkdocs.yml, else `<project>/data`."""
    value = os.environ.get(DATA_ENV) or ((extra or {}).get("wenming") or {}).get("data") or "data"
    path = Path(value)
    return path if path.is_absolute() else (project / path)


def parse_as_of(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise SettingsError(f'"as of" 日期应写成 2018-06-30 这样的形式，实际为 "{text}"。') from None


def as_of(today: dt.date | None = None) -> dt.date:
    """`$WENMING_AS_OF`, else `$SOURCE_DATE_EPOCH`'s date (UTC), else today."""
    if os.environ.get(AS_OF_ENV):
        return parse_as_of(os.environ[AS_OF_ENV])
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return today or dt.date.today()


def display_path(path: Path) -> str:
    """A path as the user typed it relative to the working directory, when possible."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix() or "."
    except ValueError:
        return path.as_posix()


def public() -> bool:
    """`$WENMING_PUBLIC` set (by `wenming build --public`): build the public edition."""
    return os.environ.get(PUBLIC_ENV, "").strip().lower() in ("1", "true", "yes")


def archive() -> str:
    """`$WENMING_ARCHIVE`: "" (an ordinary build), "archive" (the inspectors' copy) or "guide" (with the guide)."""
    value = os.environ.get(ARCHIVE_ENV, "").strip().lower()
    return "guide" if value == "guide" else ("archive" if value in ("1", "true", "yes") else "")
