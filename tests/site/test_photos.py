"""Published photos: upright, without metadata, with thumbnails, cached, and in a lightbox.

A photo taken sideways (EXIF orientation 6) that carries GPS coordinates, an
artist, a description, a comment, XMP and an ICC profile is added to the fixture's
first activity, and a photo to an honour-roll entry. After a real build no file of
the site contains any of the canary strings, no published image has EXIF, XMP, an
ICC profile or a comment, the photo is upright, listings show its thumbnail and
link to the full-size photo, and a second build takes every photo from the cache
and gives the same bytes. A huge original warns, an unreadable one stops the build
with a message naming it.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import ExifTags, Image, ImageCms, ImageDraw

from browser import serve, visit
from helpers import ROOT, article, build, environ, make_repo
from wenming.site import photomemo, photos
from wenming.authoring.samplefiles import draw_photo


ACTIVITY = "2018/activities/2018-03-06-第一期道德讲堂"
CANARIES = [b"CANARYARTIST", b"CANARYDESCRIPTION", b"CANARYCOMMENT", b"CANARYXMP"]
XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
       b'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>CANARYXMP</dc:creator>'
       b"</rdf:Description></rdf:RDF></x:xmpmeta>")
STORED = (1200, 800)
"""The sideways photo as stored; shown upright it is 800 × 1200."""
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif"}


def sideways_photo(key: str) -> bytes:
    """A JPEG stored sideways (orientation 6) with a red block at its stored top-left corner
    (top-right once upright), and every kind of metadata, each holding a canary."""
    img = draw_photo(key, STORED)
    ImageDraw.Draw(img).rectangle([0, 0, 119, 119], fill=(255, 0, 0))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Artist] = "CANARYARTIST"
    exif[ExifTags.Base.ImageDescription] = "CANARYDESCRIPTION"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N", ExifTags.GPS.GPSLatitude: (39.0, 54.0, 27.0),
        ExifTags.GPS.GPSLongitudeRef: "E", ExifTags.GPS.GPSLongitude: (116.0, 23.0, 29.0),
    }
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    img.save(out, "JPEG", quality=90, exif=exif, comment=b"CANARYCOMMENT", xmp=XMP, icc_profile=srgb)
    data = out.getvalue()
    assert all(c in data for c in CANARIES)  # really planted
    return data


def huge_png() -> bytes:
    """Noise, so that it stays over 5 MB as PNG."""
    noise = random.Random(7).randbytes(1400 * 1400 * 3)
    out = io.BytesIO()
    Image.frombytes("RGB", (1400, 1400), noise).save(out, "PNG")
    assert len(out.getvalue()) > photos.MAX_BYTES
    return out.getvalue()


def add_photos(data: Path, files: dict[str, bytes]) -> None:
    """Put `files` into the fixture's first activity's folder and list them in its photos."""
    folder = data / ACTIVITY
    record = folder.with_suffix(".md")
    listed = "".join(f"  - file: {name}\n    caption: 第{i}张\n" for i, name in enumerate(files, start=2))
    text = record.read_text(encoding="utf-8")
    assert "    caption: 诵读经典\n" in text
    record.write_text(text.replace("    caption: 诵读经典\n", "    caption: 诵读经典\n" + listed, 1), encoding="utf-8")
    for name, content in files.items():
        (folder / name).write_bytes(content)


def add_honor_photo(data: Path, record: str, content: bytes) -> None:
    """Give the honour-roll entry `record` (a file stem) a photo."""
    path = data / f"2018/honors/{record}.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("consent: true\n", f"consent: true\nphoto: photos/{record}.jpg\n", 1),
                    encoding="utf-8")
    (data / "2018/honors/photos").mkdir(exist_ok=True)
    (data / f"2018/honors/photos/{record}.jpg").write_bytes(content)


def quiet_build(data: Path, site: Path) -> str:
    """Build; returns what the build wrote to stderr (the hook's warnings and notes)."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        build(data, site, "2018-06-30")
    return err.getvalue()


def cache_state(cache: Path) -> dict[str, int]:
    """The processed photos in the cache (not the memo of originals, which a build may update)."""
    return {p.relative_to(cache).as_posix(): p.stat().st_mtime_ns for p in cache.rglob("*")
            if p.is_file() and p.name != photomemo.NAME}


def published(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted((site / "media").rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The fixture with the sideways canary photo, a huge photo and honour-roll photos, built
    twice with one cache, and once more with an empty cache."""
    tmp = tmp_path_factory.mktemp("photos")
    data = make_repo(tmp)
    add_photos(data, {"02.jpg": sideways_photo("canary"), "03.png": huge_png()})
    add_honor_photo(data, "2018-02-01-张小明", sideways_photo("honor"))  # in the first quarter's roll
    add_honor_photo(data, "2018-05-03-赵通过", sideways_photo("honor 2"))  # the latest, also on the index page
    cache = tmp / "cache"
    with environ(WENMING_CACHE=str(cache)):
        first_log = quiet_build(data, tmp / "site")
        first_cache = cache_state(cache)
        second_log = quiet_build(data, tmp / "site2")
        second_cache = cache_state(cache)
    with environ(WENMING_CACHE=str(tmp / "cache-empty")):
        quiet_build(data, tmp / "site3")
    return {"data": data, "site": tmp / "site", "site2": tmp / "site2", "site3": tmp / "site3",
            "logs": (first_log, second_log), "caches": (first_cache, second_cache)}


def media_dir(site: Path) -> Path:
    found = [p.parent for p in (site / "media/2018/activities").glob("*/02.jpg")]
    assert len(found) == 1, found
    return found[0]


def test_no_file_of_the_site_contains_a_canary(built):
    site = built["site"]
    leaks = {str(p.relative_to(site)): c for p in site.rglob("*") if p.is_file()
             for c in CANARIES if c in p.read_bytes()}
    assert leaks == {}


def test_no_published_image_has_metadata(built):
    site = built["site"]
    images = [p for p in site.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES]
    assert len([p for p in images if "media" in p.parts]) >= 8  # 3 activity photos, 2 honour photos, thumbnails
    for path in images:
        with Image.open(path) as im:
            assert not im.getexif(), path
            assert not {"exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment"} & set(im.info), (path, im.info)
        raw = path.read_bytes()
        assert b"Exif\0\0" not in raw and b"ICC_PROFILE" not in raw and b"ns.adobe.com/xap" not in raw, path


def test_the_photo_is_upright_with_a_smaller_thumbnail(built):
    folder = media_dir(built["site"])
    with Image.open(folder / "02.jpg") as im:
        assert im.size == (800, 1200)  # turned by its EXIF orientation
        rgb = im.convert("RGB")
        red, other = rgb.getpixel((800 - 30, 30)), rgb.getpixel((30, 30))
    assert red[0] > 200 and red[1] < 60 and red[2] < 60, red  # the stored top-left corner is now top-right
    assert not (other[0] > 200 and other[1] < 60), other
    with Image.open(folder / "thumbs/02.jpg") as thumb:
        assert thumb.size == (320, 480)
    assert (folder / "thumbs/02.jpg").stat().st_size < (folder / "02.jpg").stat().st_size / 3
    small = folder / "01.jpg"  # 480 × 320: its thumbnail is the photo itself
    assert (folder / "thumbs/01.jpg").read_bytes() == small.read_bytes()


def _check_links(site: Path, page_uri: str, links) -> None:
    """Each link opens the full-size photo in the lightbox and shows its thumbnail."""
    page = site / page_uri
    assert links, page_uri
    for a in links:
        img = a.select_one("img")
        thumb, full = (page.parent / img["src"]).resolve(), (page.parent / a["href"]).resolve()
        assert thumb.parent.name == "thumbs" and thumb.name == full.name, (img["src"], a["href"])
        assert thumb.is_file() and full.is_file(), (thumb, full)


def test_listings_show_the_thumbnail_and_open_the_photo(built):
    site = built["site"]
    month = article(site, "2018/months/03.html")
    _check_links(site, "2018/months/03.html", month.select(".wm-activity a.wm-lightbox"))

    uri = next(p for p in (site / "2018/activities").glob("2018-03-06-*.html")).relative_to(site).as_posix()
    gallery = article(site, uri).select(".wm-gallery a.wm-lightbox")
    assert [a.find_next_sibling("figcaption").get_text() for a in gallery] == ["诵读经典", "第2张", "第3张"]
    _check_links(site, uri, gallery)

    for honors in ("2018/honors/index.html", "2018/honors/q1.html", "2018/honors/q2.html"):
        links = article(site, honors).select("a.wm-lightbox")
        assert len(links) == 1 and links[0].select_one("img.wm-honor-photo"), honors
        _check_links(site, honors, links)


def test_a_second_build_takes_every_photo_from_the_cache(built):
    first_log, second_log = built["logs"]
    first_cache, second_cache = built["caches"]
    assert "处理了 5 张照片" in first_log, first_log
    assert "处理了" not in second_log, second_log
    assert second_cache == first_cache  # nothing written again
    assert {Path(name).suffix for name in first_cache} == {".jpg", ".png"}


def test_photos_are_the_same_bytes_cached_or_not(built):
    first = published(built["site"])
    assert published(built["site2"]) == first
    assert published(built["site3"]) == first  # processed again from scratch


def test_a_huge_photo_warns_and_the_build_goes_on(built):
    first_log, second_log = built["logs"]
    for log in (first_log, second_log):  # warned on every build, cached or not
        lines = [line for line in log.splitlines() if "03.png" in line]
        assert len(lines) == 1, log
        assert lines[0].startswith("WARNING -  ") and f"{ACTIVITY}/03.png: " in lines[0], lines[0]
        assert " MB" in lines[0] and lines[0].endswith("后替换这个文件。") and "请压缩到 5 MB 以内" in lines[0]
    assert (media_dir(built["site"]) / "03.png").is_file()
    assert "02.jpg" not in first_log  # a normal photo does not warn


def test_an_unreadable_photo_stops_the_build_with_a_message(tmp_path):
    """Found by the check the build runs first (wenming/records/images.py), before the site folder is touched."""
    data = make_repo(tmp_path)
    add_photos(data, {"02.jpg": b"this is not a JPEG"})
    env = dict(os.environ, WENMING_CACHE=str(tmp_path / "cache"), NO_MKDOCS_2_WARNING="true")
    run = subprocess.run([sys.executable, "-m", "wenming", "build", "--data", str(data), "--as-of", "2018-06-30",
                          "-q", "-d", str(tmp_path / "site")], cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr, run.stderr
    line = next(line for line in run.stderr.splitlines() if '照片 "02.jpg"' in line)
    assert line.startswith(f"{data / ACTIVITY}.md:15: photos: 照片 \"02.jpg\" 不是能识别的图片格式"), line
    assert line.endswith("另存为 JPEG 或 PNG 后替换这个文件。"), line
    assert not (tmp_path / "site").exists()


def test_a_photo_unreadable_only_when_the_build_opens_it_stops_it_with_a_message(tmp_path):
    """Changed after the check (or past what it looks at): the build names it too (photos.PhotoError)."""
    cache = tmp_path / "cache"
    try:
        photos.publish_all([photos.Job(tmp_path / "gone.jpg", "data/gone.jpg", ".jpg")], cache)
    except photos.PhotoError as e:
        assert e.messages[0].startswith("data/gone.jpg: 无法读取这张图片（")
        assert e.messages[0].endswith("另存为 JPEG 或 PNG 格式后替换这个文件。")
    else:
        raise AssertionError("no PhotoError")


# -- in a real browser ----------------------------------------------------------



LIGHTBOX_IMAGE = ".glightbox-container .gslide.current .gslide-image img"


def _open_second_photo(page) -> dict:
    """Click the second thumbnail of the gallery; what the lightbox then shows, and close it."""
    link = page.locator(".wm-gallery a.wm-lightbox").nth(1)
    href = link.evaluate("a => a.href")
    thumb = link.locator("img").evaluate("img => img.src")
    link.click()
    img = page.locator(LIGHTBOX_IMAGE)
    img.wait_for(state="visible")
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=img.element_handle())
    shown = img.evaluate("img => ({src: img.src, width: img.naturalWidth, height: img.naturalHeight})")
    caption = page.locator(".glightbox-container .gslide.current .gslide-desc").inner_text().strip()
    still_here = page.url
    page.keyboard.press("Escape")
    page.locator(".glightbox-container").wait_for(state="hidden")
    return {"href": href, "thumb": thumb, "shown": shown, "caption": caption, "url": still_here}


@pytest.mark.parametrize("scheme", ["http", "file"])
def test_a_thumbnail_opens_the_photo_in_a_lightbox(browser, built, scheme):
    """Over http and from disk: the full-size photo opens over the page, with its caption,
    and nothing is fetched from outside the site (visit checks every request and reference)."""
    site = built["site"]
    uri = next(p for p in (site / "2018/activities").glob("2018-03-06-*.html")).relative_to(site).as_posix()
    with (serve(site) if scheme == "http" else contextlib.nullcontext(site.as_uri() + "/")) as base:
        seen = visit(browser, base, uri, _open_second_photo)
    assert "/thumbs/" in seen["thumb"] and seen["shown"]["src"] == seen["href"] != seen["thumb"], seen
    assert (seen["shown"]["width"], seen["shown"]["height"]) == (800, 1200), seen  # full size, upright
    assert seen["caption"] == "第2张" and seen["url"] == base + uri, seen


# -- the pure part ------------------------------------------------------------


@pytest.mark.parametrize("size, expected", [
    ((480, 320), None), ((320, 480), None), ((4000, 3000), (480, 360)), ((3000, 4000), (360, 480)),
    ((10000, 10), (480, 1)), ((481, 481), (480, 480)),
])
def test_thumb_size(size, expected):
    assert photos.thumb_size(size) == expected


@pytest.mark.parametrize("suffix, fmt, out", [
    (".jpg", "JPEG", ".jpg"), (".JPEG", "JPEG", ".jpeg"), (".PNG", "PNG", ".png"), (".webp", "WEBP", ".webp"),
    (".gif", "JPEG", ".jpg"), (".tif", "JPEG", ".jpg"), (".heic", "JPEG", ".jpg"),
])
def test_formats_and_suffixes(suffix, fmt, out):
    assert photos.output_format(suffix) == fmt
    assert photos.published_suffix(suffix) == out


def test_names_keys_and_cache_folder(monkeypatch):
    assert photos.thumb_uri("media/2018/activities/a/01.jpg") == "media/2018/activities/a/thumbs/01.jpg"
    key = photos.cache_key(b"\1" * 32, "JPEG")
    assert key != photos.cache_key(b"\2" * 32, "JPEG") and key != photos.cache_key(b"\1" * 32, "PNG")
    monkeypatch.setattr(photos, "QUALITY", 90)
    assert photos.cache_key(b"\1" * 32, "JPEG") != key  # a new parameter makes new files
    assert photos.cache_names(key, "PNG") == (f"{key[:2]}/{key}.png", f"{key[:2]}/{key}.thumb.png")
    project = Path("/p")
    assert photos.cache_dir(project, {}) == project / ".cache/wenming/photos"
    assert photos.cache_dir(project, {"WENMING_CACHE": "c"}) == project / "c"
    assert photos.cache_dir(project, {"WENMING_CACHE": "/tmp/c"}) == Path("/tmp/c")


def test_size_warning():
    assert photos.size_warning("a.jpg", 5 * 1024 * 1024, (6000, 4000)) is None
    heavy = photos.size_warning("a.jpg", 8 * 1024 * 1024, (4000, 3000))
    assert heavy.startswith("a.jpg: ") and "8.0 MB、4000×3000 像素" in heavy and "请压缩到 5 MB 以内" in heavy
    wide = photos.size_warning("a.jpg", 1024, (8000, 100))
    assert "请压缩到 长边 6000 像素 以内" in wide


def test_clean_png_and_cmyk():
    """PNG text chunks and EXIF go; transparency stays in PNG; CMYK becomes RGB."""
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "CANARYPNGTEXT")
    exif = Image.Exif()
    exif[ExifTags.Base.Artist] = "CANARYARTIST"
    out = io.BytesIO()
    Image.new("RGBA", (600, 300), (10, 20, 30, 128)).save(out, "PNG", pnginfo=info, exif=exif)
    image, thumb = photos.clean(out.getvalue(), "PNG")
    assert b"CANARY" not in image and b"CANARY" not in thumb
    with Image.open(io.BytesIO(image)) as im:
        assert im.mode == "RGBA" and not im.getexif() and not im.text
    with Image.open(io.BytesIO(thumb)) as im:
        assert im.size == (480, 240)

    out = io.BytesIO()
    Image.new("CMYK", (100, 100), (0, 255, 255, 0)).save(out, "JPEG")
    image, thumb = photos.clean(out.getvalue(), "JPEG")
    assert thumb is None
    with Image.open(io.BytesIO(image)) as im:
        assert im.mode == "RGB"


def test_publish_all_names_every_photo_it_cannot_use(tmp_path):
    good, bad, gone = tmp_path / "good.jpg", tmp_path / "bad.png", tmp_path / "gone.jpg"
    good.write_bytes(sideways_photo("good"))
    bad.write_bytes(b"\x89PNG but not really")
    jobs = [photos.Job(p, f"data/{p.name}", p.suffix) for p in (good, bad, gone)]
    with pytest.raises(photos.PhotoError) as caught:
        photos.publish_all(jobs, tmp_path / "cache")
    assert [m.split(":")[0] for m in caught.value.messages] == ["data/bad.png", "data/gone.jpg"]
    assert all(m.endswith("后替换这个文件。") for m in caught.value.messages)

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    with pytest.raises(photos.PhotoError) as caught:
        photos.publish_all(jobs[:1], blocked)
    assert caught.value.messages[0].startswith(f"{blocked}: 无法写入照片缓存")
    assert "WENMING_CACHE" in caught.value.messages[0]

    assert (tmp_path / "cache").is_dir()  # the good photo was made all the same
    first = photos.publish_all(jobs[:1] * 2, tmp_path / "cache2")  # the same photo twice is made once
    assert [r.processed for r in first] == [True, False] and first[0].image == first[1].image
    assert [r.processed for r in photos.publish_all(jobs[:1], tmp_path / "cache2")] == [False]


def test_an_unchanged_original_is_not_read_again(tmp_path, monkeypatch):
    """The memo (wenming/site/photomemo.py) spares reading originals the cache knows; a changed one is read."""
    original = tmp_path / "a.jpg"
    original.write_bytes(sideways_photo("memo"))
    jobs = [photos.Job(original, "data/a.jpg", ".jpg")]
    cache = tmp_path / "cache"
    first = photos.publish_all(jobs, cache)  # written just now: too recent to remember (racy)
    assert photomemo.load(cache) == {}

    monkeypatch.setattr(photomemo, "RACY_SECONDS", 0)
    photos.publish_all(jobs, cache)
    assert list(photomemo.load(cache)) == [str(original)]
    reads: list[Path] = []
    real_read = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: reads.append(self) or real_read(self))
    again = photos.publish_all(jobs, cache)
    assert reads == [] and again[0].image == first[0].image and not again[0].processed

    original.write_bytes(sideways_photo("memo, changed"))  # a new photo under the same name
    changed = photos.publish_all(jobs, cache)
    assert reads == [original, original] and changed[0].processed and changed[0].image != first[0].image

    (cache / photomemo.NAME).write_text("{not json", encoding="utf-8")  # a broken memo is ignored
    assert photos.publish_all(jobs, cache)[0].image == changed[0].image
