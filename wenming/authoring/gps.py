"""Where a photo was taken: find it in originals, and strip it in place on request.

The site never shows a photo's metadata (`wenming.site.photos` re-encodes every image), but
the originals committed to git keep whatever the phone wrote, GPS included. `wenming check`
warns about them (`located`); `wenming photos clean` removes the location (`strip_location`)
and nothing else of EXIF: the GPS directory is emptied in place (its entries and their values
overwritten with zeros, the EXIF block the same length), so every other tag, the thumbnail, the
colour profile and the compressed image stay byte for byte. An XMP packet that holds a location
is removed whole (it may also hold an editor's history or a rating: there is no way to rewrite it
without re-serialising it). The file is replaced whole (wenming/records/atomic.py), with its
permissions. JPEG and PNG are handled; other formats are reported. Only the file's header and
metadata are read: a photo of any size is handled, and one that cannot be read is reported.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from PIL import Image

from ..records import atomic

GPS_IFD = 0x8825
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".heic", ".tif", ".tiff")
CLEANABLE = (".jpg", ".jpeg", ".png")
HEAD = 256 * 1024
"""Bytes of a JPEG read to find its metadata (it comes before the image)."""
_XMP_JPEG = b"http://ns.adobe.com/xap/1.0/\x00"
_XMP_PNG = b"XML:com.adobe.xmp\x00"
_XMP_LOCATION = (b"GPSLatitude", b"GPSLongitude", b"exif:GPS")
_TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4}
BROKEN = (struct.error, zlib.error, SyntaxError, IndexError, ValueError, OSError, EOFError,
          Image.DecompressionBombError)
"""What reading a damaged image may raise."""


def located(path: Path) -> bool:
    """True when the image's EXIF or XMP says where it was taken (False when unreadable)."""
    try:
        with open(path, "rb") as f:
            return _located(f, path.suffix.lower())
    except OSError:
        return False


def located_bytes(data: bytes, suffix: str) -> bool:
    """`located` for an image held in memory (a photo staged in git), named by its file suffix."""
    return _located(io.BytesIO(data), suffix.lower())


def _located(f, suffix: str) -> bool:
    try:
        if suffix in CLEANABLE:
            return _png_located(f) if suffix == ".png" else _clean_jpeg(f.read(HEAD)) is not None
        with _opened(f) as im:
            if _exif_has_gps(im.getexif()):
                return True
            xmp = im.info.get("xmp") or im.info.get("XML:com.adobe.xmp") or b""
            return _xmp_has_gps(xmp if isinstance(xmp, bytes) else str(xmp).encode("utf-8"))
    except BROKEN:
        return False


def _opened(source) -> Image.Image:
    """`Image.open` for the header only: no limit on pixels (nothing is decoded)."""
    limit, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
    try:
        return Image.open(source)
    finally:
        Image.MAX_IMAGE_PIXELS = limit


def _exif_has_gps(exif: Image.Exif) -> bool:
    return GPS_IFD in exif and bool(exif.get_ifd(GPS_IFD))


def _xmp_has_gps(xmp: bytes) -> bool:
    return any(word in xmp for word in _XMP_LOCATION)


def _png_located(f) -> bool:
    """Whether the open PNG file's metadata chunks hold a location; only they are read (the image is skipped)."""
    if f.read(8) != b"\x89PNG\r\n\x1a\n":
        return False
    while len(header := f.read(8)) == 8:
        length, kind = int.from_bytes(header[:4], "big"), header[4:]
        if kind in (b"eXIf", b"iTXt"):
            chunk = header + f.read(length + 4)
            if _clean_png(b"\x89PNG\r\n\x1a\n" + chunk) is not None:
                return True
        else:
            f.seek(length + 4, 1)
        if kind == b"IEND":
            break
    return False


def _exif_without_gps(tiff: bytes) -> bytes | None:
    """The EXIF (TIFF) block, the same length, with its GPS directory emptied; None when it has no GPS entries."""
    order = {b"II": "<", b"MM": ">"}.get(tiff[:2])
    if order is None:
        return None
    ifd0 = struct.unpack(order + "I", tiff[4:8])[0]
    count = struct.unpack(order + "H", tiff[ifd0:ifd0 + 2])[0]
    gps = None
    for i in range(count):
        tag, _, _, value = struct.unpack(order + "HHII", tiff[ifd0 + 2 + 12 * i:ifd0 + 14 + 12 * i])
        if tag == GPS_IFD:
            gps = value
    if gps is None or gps + 2 > len(tiff):
        return None
    entries = struct.unpack(order + "H", tiff[gps:gps + 2])[0]
    if entries == 0:
        return None
    out = bytearray(tiff)
    for i in range(entries):
        _, kind, n, value = struct.unpack(order + "HHII", tiff[gps + 2 + 12 * i:gps + 14 + 12 * i])
        size = _TYPE_SIZES.get(kind, 1) * n
        if size > 4 and value + size <= len(out):  # the value lives outside the entry: zeroed too
            out[value:value + size] = bytes(size)
    end = min(len(out), gps + 6 + 12 * entries)  # the count, the entries and the next-directory pointer
    out[gps:end] = bytes(end - gps)
    return bytes(out)


def _clean_jpeg(data: bytes) -> bytes | None:
    if data[:2] != b"\xff\xd8":
        return None
    out, i, changed = [data[:2]], 2, False
    while i + 4 <= len(data) and data[i] == 0xFF:
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            out.append(data[i:i + 1])
            i += 1
            continue
        if marker in (0xDA, 0xD9):  # start of scan: the image data follows, copied as it is
            break
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            out.append(data[i:i + 2])
            i += 2
            continue
        length = int.from_bytes(data[i + 2:i + 4], "big")
        segment, payload = data[i:i + 2 + length], data[i + 4:i + 2 + length]
        if marker == 0xE1 and payload.startswith(b"Exif\x00\x00"):
            tiff = _exif_without_gps(payload[6:])
            if tiff is not None:
                body = b"Exif\x00\x00" + tiff
                segment, changed = b"\xff\xe1" + (len(body) + 2).to_bytes(2, "big") + body, True
        elif marker == 0xE1 and payload.startswith(_XMP_JPEG) and _xmp_has_gps(payload):
            segment, changed = b"", True
        out.append(segment)
        i += 2 + length
    out.append(data[i:])
    return b"".join(out) if changed else None


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")


def _clean_png(data: bytes) -> bytes | None:
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    out, i, changed = [data[:8]], 8, False
    while i + 8 <= len(data):
        length = int.from_bytes(data[i:i + 4], "big")
        kind, body = data[i + 4:i + 8], data[i + 8:i + 8 + length]
        chunk = data[i:i + 12 + length]
        if kind == b"eXIf":
            tiff = _exif_without_gps(body)
            if tiff is not None:
                chunk, changed = _png_chunk(kind, tiff), True
        elif kind == b"iTXt" and body.startswith(_XMP_PNG):
            rest = body[len(_XMP_PNG):]  # compression flag, method, language\0, translated keyword\0, text
            text = rest[2:].split(b"\x00", 2)[-1]
            if rest[:1] == b"\x01":
                text = zlib.decompress(text)
            if _xmp_has_gps(text):
                chunk, changed = b"", True
        out.append(chunk)
        i += 12 + length
    out.append(data[i:])
    return b"".join(out) if changed else None


def strip_location(path: Path) -> bool:
    """Remove the location from the image at `path`, in place; True when something was removed.

    Raises ValueError for a format this cannot clean without re-encoding, one of BROKEN when the file cannot
    be read or written (the original is then as it was)."""
    if path.suffix.lower() not in CLEANABLE:
        raise ValueError(path.suffix)
    data = path.read_bytes()
    cleaned = (_clean_png if path.suffix.lower() == ".png" else _clean_jpeg)(data)
    if cleaned is None:
        return False
    with _opened(io.BytesIO(cleaned)) as check:  # never write a file that no longer opens, or still says where
        if _exif_has_gps(check.getexif()):
            raise ValueError("GPS")
    atomic.rewrite_file(path, cleaned)
    return True


def clean_all(paths: list[Path]) -> tuple[list[Path], list[tuple[Path, str | OSError]]]:
    """Strip the location from each photo, going on past any that cannot be: (cleaned, [(skipped, why)]).
    A photo in a format that cannot be cleaned is skipped only if it holds a location."""
    cleaned, skipped = [], []
    for path in paths:
        atomic.remove_stale(path)  # what a killed run left beside it
        try:
            if path.suffix.lower() not in CLEANABLE:
                if located(path):
                    skipped.append((path, f"{path.suffix} 格式不能在不重新压缩的情况下处理，未改动"))
            elif strip_location(path):
                cleaned.append(path)
        except OSError as exc:
            skipped.append((path, exc))
        except BROKEN as exc:
            skipped.append((path, f"无法解析这张图片（{type(exc).__name__}），未改动"))
    return cleaned, skipped


def image_files(paths: list[Path]) -> list[Path]:
    """Every image file in `paths` (folders searched, hidden files skipped), sorted."""
    found = set()
    for p in paths:
        candidates = [p] if p.is_file() else p.rglob("*")
        found.update(c for c in candidates if c.is_file() and not c.is_symlink()
                     and c.suffix.lower() in IMAGE_SUFFIXES and not c.name.startswith("."))
    return sorted(found)
