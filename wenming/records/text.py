"""Plain-text measures of a brief's Markdown (excerpt, 字数). Pure."""

from __future__ import annotations

import re
from functools import lru_cache


def excerpt(markdown: str, length: int = 90) -> str:
    """The first words of a brief as plain text."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", markdown)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^#+\s*", "", text, flags=re.M)
    text = re.sub(r"[*_`>#|]", "", text)
    text = re.sub(r"\s+", "", text)
    return text[:length] + ("…" if len(text) > length else "")


@lru_cache(maxsize=4096)  # the progress engine asks again of every activity for every day it evaluates
def brief_length(markdown: str) -> int:
    """Characters of the brief, not counting spaces and Markdown markup (as plans count 字数)."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", markdown)
    return len(re.sub(r"[\s*_`>#|\-\[\]()]", "", text))
