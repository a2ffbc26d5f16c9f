"""Published photos: upright, without metadata, with a thumbnail, cached by content.

Every photo the site publishes (activity photos, honour-roll photos, image
documents) is decoded, turned upright by its EXIF orientation, converted to
sRGB when it carries an ICC profile, and encoded again with no metadata at all
(no EXIF, GPS, XMP, ICC profile or comment), so that nothing the camera or an
editor wrote into the file reaches the site. Photos shown in listings also get
a thumbnail (`THUMB_LONG_SIDE` px on the long side) next to them, in `thumbs/`.

Processing is the slow part of a build, so results are cached by content: the
key is the sha256 of the original bytes and of `recipe()` (every parameter and
the Pillow version), the files live in `<project>/.cache/wenming/photos/`
(outside docs_dir and site_dir) and the hook hands them to MkDocs as they are. An original that
has not changed since it was hashed is not read again to find its key (wenming/site/photomemo.py).
The same original always gives the same bytes, cached or not.

The first half of this module is pure (names, sizes, keys, messages); the
second half (`publish_all`) reads the originals and the cache and writes it.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
import warnings
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import PIL
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from . import photomemo

VERSION = 1
"""Bump when the processing changes, so that every cached file is made again."""
THUMB_LONG_SIDE = 480
"""Thumbnails fit in this many pixels: sharp at the listings' 160–300 CSS px, also on 2× screens."""
QUALITY = 85
THUMB_QUALITY = 80
MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 6000
CACHE_ENV = "WENMING_CACHE"
"""Where processed photos are kept, instead of `<project>/.cache/wenming/photos`."""

_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
"""Kept in their own format; anything else Pillow can read (GIF, BMP, TIFF…) is published as JPEG."""
_SUFFIXES = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
_OPTIONS = {
    "JPEG": lambda q: {"quality": q, "optimize": True, "progressive": False},
    "PNG": lambda q: {"optimize": False, "compress_level": 6},
    "WEBP": lambda q: {"quality": q, "method": 4, "lossless": False},
}


# -- pure: names, sizes, keys, messages ----------------------------------------


def output_format(suffix: str) -> str:
    """The format a file with this suffix is published in (`.JPG` → JPEG, `.tif` → JPEG)."""
    return _FORMATS.get(suffix.lower(), "JPEG")


def published_suffix(suffix: str) -> str:
    """The suffix of the published file: the original's in lower case, or `.jpg` when converted."""
    lower = suffix.lower()
    return lower if lower in _FORMATS else _SUFFIXES[output_format(lower)]


def is_cleanable(suffix: str) -> bool:
    """Whether a file (a document) is an image that can be cleaned and keep its suffix."""
    return suffix.lower() in _FORMATS


def thumb_uri(uri: str) -> str:
    """Where a photo's thumbnail is published: `thumbs/` next to it (`…/01.jpg` → `…/thumbs/01.jpg`)."""
    folder, _, name = uri.rpartition("/")
    return f"{folder}/thumbs/{name}" if folder else f"thumbs/{name}"


def thumb_size(size: tuple[int, int], long_side: int = THUMB_LONG_SIDE) -> tuple[int, int] | None:
    """The thumbnail's size, keeping the aspect ratio; None when the photo is that small already."""
    w, h = size
    if max(w, h) <= long_side:
        return None
    scale = long_side / max(w, h)
    return max(1, round(w * scale)), max(1, round(h * scale))


def recipe(fmt: str) -> str:
    """Every parameter that shapes the output, for the cache key."""
    return (f"wenming-photos {VERSION}; Pillow {PIL.__version__}; {fmt} {_OPTIONS[fmt](QUALITY)}; "
            f"thumb {THUMB_LONG_SIDE} {_OPTIONS[fmt](THUMB_QUALITY)}; sRGB; no metadata")


def cache_key(digest: bytes, fmt: str) -> str:
    """sha256 over the original's sha256 digest and the recipe."""
    return hashlib.sha256(recipe(fmt).encode("utf-8") + b"\0" + digest).hexdigest()


def cache_names(key: str, fmt: str) -> tuple[str, str]:
    """The cached image and thumbnail, relative to the cache folder."""
    suffix = _SUFFIXES[fmt]
    return f"{key[:2]}/{key}{suffix}", f"{key[:2]}/{key}.thumb{suffix}"


def cache_dir(project: Path, environ: Mapping[str, str]) -> Path:
    """`$WENMING_CACHE`, else `<project>/.cache/wenming/photos`."""
    value = environ.get(CACHE_ENV, "").strip()
    if not value:
        return project / ".cache" / "wenming" / "photos"
    path = Path(value)
    return path if path.is_absolute() else project / path


def _mb(nbytes: int) -> str:
    return f"{nbytes / 1024 / 1024:.1f} MB"


def size_warning(path: str, nbytes: int, size: tuple[int, int]) -> str | None:
    """A warning for an original that is too large to publish comfortably, or None."""
    too_heavy, too_wide = nbytes > MAX_BYTES, max(size) > MAX_SIDE
    if not (too_heavy or too_wide):
        return None
    what = f"{_mb(nbytes)}、{size[0]}×{size[1]} 像素"
    limit = "、".join(([f"{MAX_BYTES // 1024 // 1024} MB"] if too_heavy else [])
                     + ([f"长边 {MAX_SIDE} 像素"] if too_wide else []))
    return (f"{path}: 照片太大（{what}），网站和仓库都会变慢。"
            f"请压缩到 {limit} 以内（长边 2000 像素、1 MB 左右就够清楚）后替换这个文件。")


def cache_message(cache: str, reason: str) -> str:
    return (f"{cache}: 无法写入照片缓存（{reason}）。"
            f"请检查磁盘空间和这个文件夹的写入权限，或用环境变量 {CACHE_ENV} 指定另一个文件夹。")


def unreadable_message(path: str, reason: str) -> str:
    return (f"{path}: 无法读取这张图片（{reason}）。"
            "请用看图软件打开确认文件没有损坏，并另存为 JPEG 或 PNG 格式后替换这个文件。")


# -- I/O: processing and the cache ----------------------------------------------


@dataclass(frozen=True)
class Job:
    source: Path
    """The original, on disk."""
    display: str
    """The original's path as shown in messages (`data/2018/activities/…/01.jpg`)."""
    suffix: str
    """The suffix it is published with: decides the output format."""


@dataclass(frozen=True)
class Result:
    image: Path
    """The cleaned full-size image, in the cache."""
    thumb: Path
    """Its thumbnail: the image itself when the photo is small already."""
    processed: bool
    """Made in this build (False: taken from the cache)."""
    warning: str | None


class PhotoError(Exception):
    """Photos that cannot be read; `messages` says which and what to do, one per photo."""

    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = messages


def publish_all(jobs: list[Job], cache: Path, workers: int | None = None) -> list[Result]:
    """Clean every photo (or take it from `cache`), in the order given.

    Raises PhotoError naming every photo that cannot be read, after trying all of them.
    """
    warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # reported by size_warning instead
    memo, remembered = photomemo.load(cache), {}
    prepared = [_prepare(job, cache, memo, remembered) for job in jobs]
    photomemo.save(cache, memo, remembered)
    todo = {p.key: p for p in prepared if isinstance(p, _Prepared) and not p.cached}
    errors = [p for p in prepared if isinstance(p, str)]
    if todo:
        with ThreadPoolExecutor(max_workers=workers or min(4, os.cpu_count() or 1)) as pool:
            errors += [e for e in pool.map(lambda p: _make(p, cache), todo.values()) if e]
    if errors:
        raise PhotoError(list(dict.fromkeys(errors)))
    made: set[str] = set()
    results = []
    for p in prepared:
        image, thumb = (cache / name for name in cache_names(p.key, p.fmt))
        processed = p.key in todo and p.key not in made
        made.add(p.key)
        results.append(Result(image, thumb if thumb.is_file() else image, processed, p.warning))
    return results


@dataclass(frozen=True)
class _Prepared:
    job: Job
    fmt: str
    key: str
    cached: bool
    warning: str | None


def _prepare(job: Job, cache: Path, memo: dict, remembered: dict) -> _Prepared | str:
    """Find the original's cache key and check its size; an error message when unreadable.

    An original the memo knows unchanged is not read (wenming/site/photomemo.py); the others are read
    and hashed, and remembered. The bytes are not kept (a repository may hold gigabytes of photos):
    `_make` reads them again.
    """
    fmt = output_format(job.suffix)
    path = os.path.abspath(job.source)
    try:
        st = os.stat(path)
        known = photomemo.recall(memo, path, st)
        data = b"" if known else job.source.read_bytes()
    except OSError as e:
        return unreadable_message(job.display, e.strerror or type(e).__name__)
    if known:
        key, size = known
    else:
        key = cache_key(hashlib.sha256(data).digest(), fmt)
        try:
            with Image.open(io.BytesIO(data)) as im:  # reads the header only
                size = im.size
        except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError) as e:
            return unreadable_message(job.display, _reason(e))
    photomemo.remember(remembered, path, st, key, size)
    cached = (cache / cache_names(key, fmt)[0]).is_file()
    return _Prepared(job, fmt, key, cached, size_warning(job.display, st.st_size, size))


def _reason(error: Exception) -> str:
    if isinstance(error, UnidentifiedImageError):
        return "不是 Pillow 认识的图片格式，或文件已损坏"
    if isinstance(error, Image.DecompressionBombError):
        return "像素太多"
    return f"{type(error).__name__}: {error}"


def _make(p: _Prepared, cache: Path) -> str | None:
    """Process one original into the cache; an error message when that fails."""
    try:
        data = p.job.source.read_bytes()
        if cache_key(hashlib.sha256(data).digest(), p.fmt) != p.key:  # never cache new bytes under the old key
            return unreadable_message(p.job.display, "构建过程中文件被改动了，重新构建即可")
        image, thumb = clean(data, p.fmt)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError) as e:
        return unreadable_message(p.job.display, _reason(e))
    image_name, thumb_name = cache_names(p.key, p.fmt)
    try:
        if thumb is not None:  # written first: a cached image means its thumbnail is there too
            _write(cache / thumb_name, thumb)
        _write(cache / image_name, image)
    except OSError as e:
        return cache_message(str(cache), f"{type(e).__name__}: {e.strerror or e}")
    return None


def clean(data: bytes, fmt: str) -> tuple[bytes, bytes | None]:
    """The original's bytes → (the cleaned image, its thumbnail or None when small), both in `fmt`."""
    with Image.open(io.BytesIO(data)) as original:
        original.load()
        icc = original.info.get("icc_profile")
        upright = ImageOps.exif_transpose(original)
    pixels = _plain(_srgb(upright, icc), fmt)
    image = _encode(pixels, fmt, QUALITY)
    size = thumb_size(pixels.size)
    if size is None:
        return image, None
    small = pixels.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
    return image, _encode(small, fmt, THUMB_QUALITY)


def _srgb(im: Image.Image, icc: bytes | None) -> Image.Image:
    """Colours as the browser would show them once the ICC profile is gone."""
    if not icc or im.mode not in ("RGB", "RGBA", "CMYK"):
        return im
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        target = ImageCms.createProfile("sRGB")
        converted = ImageCms.profileToProfile(im, source, target, outputMode="RGBA" if im.mode == "RGBA" else "RGB")
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return im  # a broken profile: keep the pixels as they are
    return converted if converted is not None else im


def _has_alpha(im: Image.Image) -> bool:
    return im.mode in ("RGBA", "LA", "PA", "La", "RGBa") or "transparency" in im.info


def _plain(im: Image.Image, fmt: str) -> Image.Image:
    """A new image holding only the pixels (no `info`: nothing for an encoder to copy), in a mode `fmt` takes."""
    alpha = _has_alpha(im)
    if fmt == "JPEG":
        if alpha:
            rgba = im.convert("RGBA")
            flat = Image.new("RGB", rgba.size, (255, 255, 255))
            flat.paste(rgba, mask=rgba.getchannel("A"))
            im = flat
        mode = "L" if im.mode in ("L", "1") else "RGB"
    else:
        mode = "RGBA" if alpha else ("L" if im.mode in ("L", "1") else "RGB")
    converted = im.convert(mode) if im.mode != mode else im
    return Image.frombytes(mode, converted.size, converted.tobytes())


def _encode(im: Image.Image, fmt: str, quality: int) -> bytes:
    out = io.BytesIO()
    im.save(out, fmt, **_OPTIONS[fmt](quality))
    return out.getvalue()


def _write(path: Path, data: bytes) -> None:
    """Write atomically, so that a build stopped halfway never leaves half a file in the cache."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
