"""Photos' location: `wenming check` warns about originals that carry GPS, and `wenming photos clean`
removes it in place, on request only, leaving the image and its other metadata as they were."""

from __future__ import annotations

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
    result = run("photos", "clean", str(photo), str(webp))
    assert result.returncode == 0, result.stderr
    assert not located(photo)
    assert "跳过：" in result.stderr and "b.webp" in result.stderr
