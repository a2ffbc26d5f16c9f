"""Photos' location: `wenming check` warns about originals that carry GPS, and `wenming photos clean`
removes it in place, on request only, leaving the image and its other metadata as they were."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin

from helpers import ROOT, make_repo
from wenming.authoring.gps import GPS_IFD, located, strip_location

PHOTO = "2018/activities/2018-03-06-第一期道德讲堂/01.jpg"
XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
       b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="34,37.2N" '
       b'exif:GPSLongitude="112,27.1E"/></rdf:RDF></x:xmpmeta>')


def run(*args):
    return subprocess.run([sys.executable, "-m", "wenming", *args], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8")


def exif_with_gps() -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: the site turns the photo upright by it
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(0x8769)[0x9003] = "2018:03:06 09:30:00"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (34.0, 37.0, 12.5), 3: "E", 4: (112.0, 27.0, 3.2)})
    return exif


def located_jpeg(path: Path, xmp: bool = False) -> Path:
    Image.new("RGB", (64, 48), (200, 30, 30)).save(path, exif=exif_with_gps().tobytes(), quality=90,
                                                    **({"xmp": XMP} if xmp else {}))
    return path


def scan(data: bytes) -> bytes:
    """The compressed image itself (from the JPEG start-of-scan marker)."""
    return data[data.index(b"\xff\xda"):]


@pytest.mark.parametrize("xmp", [False, True])
def test_clean_removes_the_location_and_keeps_the_image_and_the_rest(tmp_path, xmp):
    photo = located_jpeg(tmp_path / "01.jpg", xmp)
    before = photo.read_bytes()
    assert located(photo)
    assert strip_location(photo) is True
    after = photo.read_bytes()
    assert not located(photo) and b"GPSLatitude" not in after
    assert scan(after) == scan(before)  # not re-encoded: every byte of the image is kept
    with Image.open(photo) as im:
        exif = im.getexif()
        assert (exif[0x0112], exif[0x010F]) == (6, "PhoneMaker")
        assert exif.get_ifd(0x8769)[0x9003] == "2018:03:06 09:30:00" and not exif.get_ifd(GPS_IFD)
    assert strip_location(photo) is False and photo.read_bytes() == after  # nothing left to do


def test_clean_removes_the_location_from_a_png(tmp_path):
    photo = tmp_path / "01.png"
    info = PngImagePlugin.PngInfo()
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    Image.new("RGB", (16, 16), (0, 90, 0)).save(photo, pnginfo=info, exif=exif_with_gps().tobytes())
    assert located(photo)
    pixels = Image.open(photo).tobytes()
    assert strip_location(photo) is True
    assert not located(photo) and Image.open(photo).tobytes() == pixels


def test_a_photo_without_location_is_left_byte_for_byte(tmp_path):
    photo = tmp_path / "plain.jpg"
    Image.new("RGB", (8, 8)).save(photo)
    before = photo.read_bytes()
    assert not located(photo) and strip_location(photo) is False and photo.read_bytes() == before


def test_check_warns_and_photos_clean_cleans_only_on_request(tmp_path):
    data = make_repo(tmp_path)
    photo = located_jpeg(data / PHOTO)
    before = photo.read_bytes()
    result = run("check", "--data", str(data))
    assert result.returncode == 0, result.stderr  # a warning, not an error
    assert "1 张照片的原图带有拍摄地点（GPS）" in result.stderr and "01.jpg" in result.stderr
    assert "wenming photos clean" in result.stderr
    assert photo.read_bytes() == before  # check never changes data/
    result = run("photos", "clean", "--data", str(data))
    assert result.returncode == 0, result.stderr
    assert "已去掉拍摄地点" in result.stdout and "共去掉 1 张照片的拍摄地点" in result.stdout
    assert not located(photo) and scan(photo.read_bytes()) == scan(before)
    assert "拍摄地点" not in run("check", "--data", str(data)).stderr


def test_photos_clean_takes_paths_and_reports_what_it_cannot_clean(tmp_path):
    photo = located_jpeg(tmp_path / "a.jpg")
    webp = tmp_path / "b.webp"
    Image.new("RGB", (8, 8)).save(webp, exif=exif_with_gps().tobytes())
    plain_gif = tmp_path / "c.gif"  # no location: nothing to say about it
    Image.new("P", (8, 8)).save(plain_gif)
    result = run("photos", "clean", str(photo), str(webp), str(plain_gif))
    assert result.returncode == 1, result.stderr  # a photo keeps its location: not a success
    assert not located(photo)
    assert "跳过：" in result.stderr and "b.webp" in result.stderr and "c.gif" not in result.stderr


def test_clean_keeps_the_mode_and_the_exif_thumbnail(tmp_path):
    photo = tmp_path / "01.jpg"
    exif = exif_with_gps()
    thumb = io.BytesIO()
    Image.new("RGB", (16, 12), (0, 0, 200)).save(thumb, "JPEG")
    exif.get_ifd(0x8769)[0x927C] = b"maker note kept"
    Image.new("RGB", (64, 48), (200, 30, 30)).save(photo, exif=exif.tobytes(), quality=90)
    data = photo.read_bytes()  # put a thumbnail (IFD1) into the EXIF block as cameras do
    with_thumb = _with_thumbnail(data, thumb.getvalue())
    photo.write_bytes(with_thumb)
    os.chmod(photo, 0o600)
    assert strip_location(photo) is True
    after = photo.read_bytes()
    assert len(after) == len(with_thumb) and photo.stat().st_mode & 0o777 == 0o600
    assert thumb.getvalue() in after and b"maker note kept" in after and not located(photo)
    changed = [i for i, (a, b) in enumerate(zip(with_thumb, after)) if a != b]
    assert all(b == 0 for b in (after[i] for i in changed))  # only the GPS directory, zeroed in place


def _with_thumbnail(jpeg: bytes, thumb: bytes) -> bytes:
    """The JPEG with its EXIF block's IFD1 pointing at `thumb` (JPEGInterchangeFormat), appended to the block."""
    import struct

    i = jpeg.index(b"Exif\x00\x00") - 4
    length = int.from_bytes(jpeg[i + 2:i + 4], "big")
    tiff = bytearray(jpeg[i + 10:i + 2 + length])
    e = "<" if tiff[:2] == b"II" else ">"
    ifd0 = struct.unpack(e + "I", tiff[4:8])[0]
    n = struct.unpack(e + "H", tiff[ifd0:ifd0 + 2])[0]
    next_at = ifd0 + 2 + 12 * n
    ifd1 = len(tiff)
    data_at = ifd1 + 2 + 2 * 12 + 4
    tiff[next_at:next_at + 4] = struct.pack(e + "I", ifd1)
    tiff += struct.pack(e + "H", 2) + struct.pack(e + "HHII", 0x0201, 4, 1, data_at) + \
        struct.pack(e + "HHII", 0x0202, 4, 1, len(thumb)) + struct.pack(e + "I", 0) + thumb
    body = b"Exif\x00\x00" + bytes(tiff)
    return jpeg[:i] + b"\xff\xe1" + (len(body) + 2).to_bytes(2, "big") + body + jpeg[i + 2 + length:]


def test_clean_goes_on_past_what_it_cannot_read_and_cleans_a_huge_photo(tmp_path):
    """A photo over Pillow's pixel limit is cleaned all the same (only its metadata is read); a broken one is
    named and skipped, and the photos after it are cleaned; exit 1."""
    huge = located_jpeg(tmp_path / "a-huge.jpg")
    data = bytearray(huge.read_bytes())
    sof = data.index(b"\xff\xc0")
    data[sof + 5:sof + 9] = (30_000).to_bytes(2, "big") + (30_000).to_bytes(2, "big")  # claims 900 megapixels
    huge.write_bytes(bytes(data))
    broken = tmp_path / "b-broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe1\x00\x20Exif\x00\x00MM\x00\x2a\x00\x00\x00\xff" + b"\x00" * 20)
    last = located_jpeg(tmp_path / "c-last.jpg")
    result = run("photos", "clean", str(tmp_path))
    assert result.returncode == 1, result.stderr
    assert not located(huge) and not located(last)
    assert "b-broken.jpg" in result.stderr and "跳过" in result.stderr and "Traceback" not in result.stderr
    assert "共去掉 2 张照片的拍摄地点，跳过 1 张" in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-huge.jpg", "b-broken.jpg", "c-last.jpg"]


def test_a_failed_rewrite_leaves_the_original_and_no_temporary_file(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from wenming.cli import main
    from wenming.records import atomic

    photo = located_jpeg(tmp_path / "01.jpg")
    before = photo.read_bytes()

    def full(path, write, mode=None):
        tmp = atomic.temporary_file(path)
        tmp.write_bytes(b"half")
        atomic.remove(tmp)
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(atomic, "replace_file", full)
    result = CliRunner(mix_stderr=False).invoke(main, ["photos", "clean", str(photo)])
    assert result.exit_code == 1 and "磁盘已满" in result.stderr and "01.jpg" in result.stderr
    assert photo.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == ["01.jpg"]
