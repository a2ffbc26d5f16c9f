"""Where a photo was taken: find it in originals, and strip it in place on request.

The site never shows a photo's metadata (`wenming.site.photos` re-encodes every image), but
the originals committed to git keep whatever the phone wrote, GPS included. `wenming check`
warns about them (`located`); `wenming photos clean` removes the location (`strip_location`)
and nothing else: the EXIF block is rewritten without its GPS directory, an XMP packet that
holds a location is dropped, and every other byte (the compressed image, orientation, date,
colour profile) is copied as it was. JPEG and PNG are handled; other formats are reported.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from PIL import Image

GPS_IFD = 0x8825
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".heic", ".tif", ".tiff")
CLEANABLE = (".jpg", ".jpeg", ".png")
_XMP_JPEG = b"http://ns.adobe.com/xap/1.0/\x00"
_XMP_PNG = b"XML:com.adobe.xmp\x00"
_XMP_LOCATION = (b"GPSLatitude", b"GPSLongitude", b"exif:GPS")


def located(path: Path) -> bool:
    """True when the image's EXIF or XMP says where it was taken (False when unreadable)."""
    try:
        with Image.open(path) as im:
            if _exif_has_gps(im.getexif()):
                return True
            xmp = im.info.get("xmp") or im.info.get("XML:com.adobe.xmp") or b""
            return _xmp_has_gps(xmp if isinstance(xmp, bytes) else str(xmp).encode("utf-8"))
    except (OSError, ValueError, SyntaxError, struct.error):
        return False


def _exif_has_gps(exif: Image.Exif) -> bool:
    return GPS_IFD in exif and bool(exif.get_ifd(GPS_IFD))


def _xmp_has_gps(xmp: bytes) -> bool:
    return any(word in xmp for word in _XMP_LOCATION)


def _exif_without_gps(tiff: bytes) -> bytes | None:
    """The EXIF (TIFF) block without its GPS directory, or None when it has none."""
    exif = Image.Exif()
    exif.load(tiff)
    if GPS_IFD not in exif:
        return None
    exif.get_ifd(0x8769)  # load the Exif directory, so that it is written back
    del exif[GPS_IFD]
    getattr(exif, "_ifds", {}).pop(GPS_IFD, None)  # Pillow writes loaded directories back
    return exif.tobytes()


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

    Raises ValueError for a format this cannot clean without re-encoding."""
    if path.suffix.lower() not in CLEANABLE:
        raise ValueError(path.suffix)
    data = path.read_bytes()
    try:
        cleaned = (_clean_png if path.suffix.lower() == ".png" else _clean_jpeg)(data)
    except (zlib.error, struct.error, SyntaxError, IndexError) as exc:
        raise OSError(f"无法解析（{exc}）") from None
    if cleaned is None:
        return False
    with Image.open(io.BytesIO(cleaned)) as check:  # never write a file that no longer opens
        check.load()
    tmp = path.with_name(f".{path.name}.wenming-tmp")
    tmp.write_bytes(cleaned)
    tmp.replace(path)
    return True


def image_files(paths: list[Path]) -> list[Path]:
    """Every image file in `paths` (folders searched, hidden files skipped), sorted."""
    found = set()
    for p in paths:
        candidates = [p] if p.is_file() else p.rglob("*")
        found.update(c for c in candidates if c.is_file() and not c.is_symlink()
                     and c.suffix.lower() in IMAGE_SUFFIXES and not c.name.startswith("."))
    return sorted(found)
