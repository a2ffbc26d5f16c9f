"""The files a record lists (an activity's photos, a document's file, an honour's photo): where they are,
whether they are there, and whether the build can publish them. Pure but for `RawRepo.inspect`, the reader
load hands over (wenming/records/images.py)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import PurePosixPath

from .fields import Fields, did_you_mean, show
from .load import RawFile, RawRepo
from .model import Photo
from .problems import WARNING, Problem

IMAGE = (".jpg", ".jpeg", ".png", ".gif", ".webp")
CLEANED = (".jpg", ".jpeg", ".png", ".webp")
"""Documents published as cleaned images (wenming/site/photos.py: `is_cleanable`); others are copied as they are."""


def photos(f: Fields, folder: str, raw: RawRepo) -> tuple[Photo, ...]:
    """An activity's `photos:`; each must be in its folder and publishable (a photo that is not is an error, and
    stays in the model: the build stops on the error, and the photo still counts as listed)."""
    files = raw.files
    out = []
    for i, item in f.items("photos", example="[01.jpg, 02.jpg]"):
        line = f.item_line("photos", i)
        if isinstance(item, dict):
            sub = f.sub("photos", i)
            name = sub.text("file", required=True, example="01.jpg")
            caption = sub.text("caption")
            sub.check_unknown(("file", "caption"))
        elif isinstance(item, str):
            name, caption = item.strip(), ""
        else:
            f.error("photos", f"第 {i + 1} 项应为文件名（如 01.jpg），实际为 {show(item)}。", line)
            continue
        if not name:
            continue
        rel = inside(folder, name)
        if rel is None:
            f.error("photos", f'照片路径 "{name}" 跑到了数据文件夹外面。请只写文件名，把照片放进 {PurePosixPath(folder).name}/ 文件夹。', line)
            continue
        if rel not in files:
            hint = did_you_mean(rel.rsplit("/", 1)[-1], [p.rsplit("/", 1)[-1] for p in files if p.startswith(folder + "/")])
            f.error("photos", f'找不到照片 "{name}"（应在 {PurePosixPath(folder).name}/ 文件夹里）。{hint or "请检查文件名，或把照片放进这个文件夹。"}', line)
            continue
        if why := unpublishable(raw, rel):
            f.error("photos", f'照片 "{name}" {why}。', line)
        out.append(Photo(rel, caption))
    return tuple(out)


def inside(folder: str, name: str) -> str | None:
    """`folder/name` normalised, or None when it leaves the data root."""
    parts: list[str] = []
    for piece in f"{folder}/{name}".replace("\\", "/").split("/"):
        if piece in ("", "."):
            continue
        if piece == "..":
            if not parts:
                return None
            parts.pop()
        else:
            parts.append(piece)
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return None
    return "/".join(parts)


def unpublishable(raw: RawRepo, rel: str) -> str | None:
    """Why the build cannot publish the listed image `rel` (wenming/records/images.py), or None."""
    return raw.inspect(rel) if raw.inspect is not None else None


def unlisted_photos(r: RawFile, folder: str, listed_photos: tuple[Photo, ...], files: frozenset[str],
                    problems: list[Problem]) -> None:
    listed = {p.file for p in listed_photos}
    for rel in _images_by_folder(files).get(folder, ()):
        if rel not in listed:
            problems.append(Problem(r.path, None, "photos", f'照片 "{rel[len(folder) + 1:]}" 在文件夹里，但没有列在 photos 中，不会显示。请把它加到 photos 里。', WARNING))


@lru_cache(maxsize=4)
def _images_by_folder(files: frozenset[str]) -> dict[str, list[str]]:
    """Image files grouped by their folder, sorted: one pass, not one scan of the repository per activity."""
    out: dict[str, list[str]] = {}
    for rel in sorted(files):
        if rel.lower().endswith(IMAGE):
            parts = rel.split("/")
            for depth in range(1, len(parts)):  # under every folder that contains it
                out.setdefault("/".join(parts[:depth]), []).append(rel)
    return out
