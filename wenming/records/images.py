"""Whether the build can publish a photo: opened the way the build opens it, and checked to be whole.

The build (wenming/site/photos.py) reads each listed photo, opens it with Pillow (the header: format,
size, Pillow's limit on pixels) and decodes it. `wenming check` must reject every photo that would stop
the build, but decoding every photo of a decade on every check would take minutes; so a photo is opened
as the build opens it (`Image.open`, the same errors caught, the same pixel limit, its warning ignored
as the build ignores it), and instead of a full decode its end is checked: a JPEG's image data must end
with the end-of-image marker, a PNG with its IEND chunk (what a truncated copy or download lacks; Pillow
then stops with "image file is truncated"). Other formats (GIF, BMP, TIFF, WebP: rare and small) are
decoded whole. Before Pillow is asked, what it would only call "not an image" is named: an empty file, an
HTML page saved under a photo's name, a HEIC photo from an iPhone.

`inspect(path)` gives what is wrong and the fix (Chinese) or None; a file that does not exist gives None
(the validation says "找不到照片"). Results are remembered per file, its size, time and inode, so that
`serve`, which validates on every save, opens each photo once.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

from PIL import Image, UnidentifiedImageError

TAIL = 64 * 1024
"""Bytes read from a photo's end to find its end marker (a camera may append a little after it)."""
HEIC_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"avif")
FIX_COPY = "请从相机、手机或原处重新复制这张照片替换它，或从 photos 中删掉这一项"
FIX_SAVE = "请用看图软件打开确认，另存为 JPEG 或 PNG 后替换这个文件"

_memo: dict[tuple, str | None] = {}


def inspect(path: Path) -> str | None:
    """Why the build cannot publish the photo at `path` (what it is, then the fix), or None."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"无法读取（{exc.strerror or exc}）。请检查这个文件的读取权限"
    key = (os.path.abspath(path), st.st_size, st.st_mtime_ns, st.st_ino)
    if key not in _memo:
        if len(_memo) > 50_000:
            _memo.clear()
        _memo[key] = _inspect(path, st.st_size)
    return _memo[key]


def _inspect(path: Path, size: int) -> str | None:
    if size == 0:
        return f"是空文件（0 字节），多半是复制时中断了。{FIX_COPY}"
    try:
        with open(path, "rb") as f:
            head = f.read(TAIL)
            tail_at = max(0, size - TAIL)
            f.seek(tail_at)
            tail = f.read()
    except OSError as exc:
        return f"无法读取（{exc.strerror or exc}）。请检查这个文件的读取权限"
    if head[4:8] == b"ftyp" and head[8:12] in HEIC_BRANDS:
        return ("是 HEIC/HEIF 格式（苹果手机默认的照片格式），网站不能显示。请在手机或电脑上把它导出为 JPEG"
                "（iPhone 以后拍的照片：设置 → 相机 → 格式 → 兼容性最佳）后替换这个文件")
    start = head[:512].lstrip().lower()
    if start.startswith((b"<!doctype", b"<html", b"<head", b"<?xml", b"<svg", b"{")) or b"<html" in start:
        return ("是一个网页（HTML）或文本，不是照片：多半是在网页上“另存为”时存下了网页本身。"
                "请在网页的图片上点右键选“图片另存为”，或从原处重新取得照片后替换这个文件")
    problem = _open(path)
    if problem is None and _format(head) and not _whole(_format(head), head, tail, tail_at, path):
        return f"不完整（文件在中途断了，多半是复制或下载没有完成）。{FIX_COPY}"
    return problem


def _format(head: bytes) -> str | None:
    """The two formats whose end is checked instead of decoding them whole."""
    if head.startswith(b"\xff\xd8"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    return None


def _open(path: Path) -> str | None:
    """As the build opens it (wenming/site/photos.py: `_prepare`, then `clean`); decoded whole unless JPEG or PNG."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # the build ignores it too
            with Image.open(path) as im:
                if im.format not in ("JPEG", "MPO", "PNG"):
                    im.load()
    except Image.DecompressionBombError:
        limit = 2 * (Image.MAX_IMAGE_PIXELS or 0) / 1e6
        return (f"像素太多（超过 {limit:.0f} 百万像素，处理时会占用几个 GB 的内存），网站不能处理。"
                "请缩小到长边 2000 像素左右（1 MB 左右就够清楚）后替换这个文件")
    except UnidentifiedImageError:
        return f"不是能识别的图片格式，或文件已损坏。{FIX_SAVE}"
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        if "truncated" in str(exc):
            return f"不完整（文件在中途断了，多半是复制或下载没有完成）。{FIX_COPY}"
        return f"已损坏，无法读取（{type(exc).__name__}: {exc}）。{FIX_SAVE}"
    return None


_IEND = b"\x00\x00\x00\x00IEND\xaeB`\x82"
_EOI = b"\xff\xd9"


def _whole(fmt: str, head: bytes, tail: bytes, tail_at: int, path: Path) -> bool:
    """The image data reaches its end: a PNG's IEND chunk, a JPEG's end-of-image marker after its first scan
    (not the one of the thumbnail in its EXIF)."""
    if fmt == "PNG":
        return _IEND in tail
    scan = _scan_start(head)
    last = tail.rfind(_EOI)
    if scan is not None and last >= 0 and tail_at + last > scan:
        return True
    whole = path.read_bytes()  # rare: headers longer than TAIL, or data appended after the image
    scan = _scan_start(whole)
    return scan is not None and whole.find(_EOI, scan) >= 0


def _scan_start(data: bytes) -> int | None:
    """Where a JPEG's first scan starts (its headers, EXIF and embedded thumbnail skipped); None if not in `data`."""
    i = 2
    while i + 4 <= len(data) and data[i] == 0xFF:
        marker = data[i + 1]
        if marker == 0xFF:
            i += 1
            continue
        if marker == 0xDA:
            return i
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            i += 2
            continue
        i += 2 + int.from_bytes(data[i + 2:i + 4], "big")
    return None
