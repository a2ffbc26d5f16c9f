"""Stable ASCII names for URLs, made from file names (never from editable titles)."""

from __future__ import annotations

import re

from pypinyin import Style, lazy_pinyin


def slugify(name: str) -> str:
    """`2018-03-06-第一期道德讲堂` → `2018-03-06-diyiqidaodejiangtang`."""
    pieces = lazy_pinyin(name, style=Style.NORMAL, errors=lambda chars: list(chars))
    text = "".join(pieces).lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text or "x"


def unique_slugs(names: list[str]) -> dict[str, str]:
    """Slugs for sorted names; a clash gets `-2`, `-3` in name order."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for name in sorted(names):
        base = slugify(name)
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        out[name] = slug
    return out
