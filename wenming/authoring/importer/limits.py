"""What the importer refuses up front, so a hostile or broken file costs seconds and little memory. Pure.

Every cap is checked before the work it protects (a zip member's size before it is inflated, a PDF's page
count before its text is extracted, a merged cell's span before cells are made) and a refusal is a
:class:`ReadError` that says in Chinese what was refused and what to do.
"""

from __future__ import annotations

import time

MAX_FILE = 50 * 1024 * 1024
"""Bytes of a document file."""
MAX_MEMBER = 40 * 1024 * 1024
"""Bytes of one part of a .docx once inflated (a plan's document.xml is well under 5 MB)."""
MAX_RATIO = 150
"""Inflated size / compressed size of a .docx part above which it is a zip bomb, not a document."""
MAX_MEMBERS = 3000
MAX_PAGES = 500
"""Pages of a PDF (a plan with its attachments runs to a few dozen)."""
MAX_CHARS = 600_000
"""Characters of text in all the documents together (a long plan has 30,000)."""
MAX_BLOCKS = 20_000
"""Paragraphs and tables."""
MAX_COLUMNS = 40
"""Columns of a table (a merged cell's gridSpan is capped to what is left of them)."""
MAX_ROWS = 3000
READ_SECONDS = 60.0
"""Time to read the text of one document."""
PHRASE_SECONDS = 60.0
"""Time to find the time limits and frequencies of all tasks (the rest are marked for the editor)."""


class ReadError(Exception):
    """A document that cannot be read, or that is refused; `str()` is the message for the user."""


class Clock:
    """A time budget; `over()` once it is spent. The clock is injected so tests can run it out."""

    def __init__(self, seconds: float, now=time.monotonic):
        self.now = now
        self.end = now() + seconds

    def over(self) -> bool:
        return self.now() > self.end


def size_text(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"
