"""`check` rejects everything `build` cannot publish: photos opened as the build opens them
(wenming/records/images.py), and git's merge-conflict markers in any record (wenming/records/load.py)."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from helpers import make_repo
from wenming.api import load_dataset
from wenming.cli import main
from wenming.records import images
from wenming.records.problems import error_lines

ACTIVITY = "2018/activities/2018-03-06-第一期道德讲堂.md"
PHOTO = "2018/activities/2018-03-06-第一期道德讲堂/01.jpg"
WHERE = f"data/{ACTIVITY}:13: photos: 照片 \"01.jpg\" "


def jpeg(size=(64, 48), thumbnail: bool = False) -> bytes:
    im = Image.linear_gradient("L").resize(size).convert("RGB")
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "相机"
    if thumbnail:  # an EXIF block holding a whole JPEG (with its own end marker) before the image's scan
        small = io.BytesIO()
        im.resize((16, 12)).save(small, "JPEG")
        exif[0x9286] = b"ASCII\x00\x00\x00" + small.getvalue()
    im.save(out, "JPEG", exif=exif.tobytes(), quality=90)
    return out.getvalue()


def png(width: int = 32, height: int = 24) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 24), (200, 10, 10)).save(out, "PNG")
    data = out.getvalue()
    if (width, height) == (32, 24):
        return data
    ihdr = struct.pack(">II", width, height) + data[24:29]  # the header only claims the size
    return data[:16] + ihdr + zlib.crc32(b"IHDR" + ihdr).to_bytes(4, "big") + data[33:]


HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 200
HTML = "<!DOCTYPE html>\n<html><head><title>图片</title></head><body>微信公众号文章</body></html>\n".encode()

BROKEN = {  # what the photo is → the start of what check says of it
    "empty": (b"", "是空文件（0 字节）"),
    "truncated": (jpeg()[:-200], "不完整（文件在中途断了"),
    "cut before its end marker": (jpeg()[:-2], "不完整（文件在中途断了"),
    "truncated after a thumbnail": (jpeg(thumbnail=True)[:-150], "不完整（文件在中途断了"),
    "truncated png": (png()[:-30], "不完整（文件在中途断了"),
    "an html page": (HTML, "是一个网页（HTML）或文本，不是照片"),
    "heic": (HEIC, "是 HEIC/HEIF 格式"),
    "too many pixels": (png(20_000, 12_000), "像素太多"),
    "not an image": (b"PK\x03\x04 a zip file " * 10, "不是能识别的图片格式"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_photo_the_build_cannot_publish_is_an_error_naming_the_record_line(tmp_path, case):
    data = make_repo(tmp_path)
    content, words = BROKEN[case]
    (data / PHOTO).write_bytes(content)
    errors = [p.format() for p in load_dataset(data, "data").problems if p.is_error]
    assert len(errors) == 1 and errors[0].startswith(WHERE + words), errors
    assert errors[0].endswith("后替换这个文件。") or errors[0].endswith("删掉这一项。"), errors[0]


@pytest.mark.parametrize("content", [jpeg(), jpeg(thumbnail=True), jpeg() + b"\x00" * 70_000 + b"MP4 data",
                                     jpeg((1200, 900)) + b"trailer", png(), png()[:-12] + png()[-12:]])
def test_whole_photos_pass(tmp_path, content):
    data = make_repo(tmp_path)
    (data / PHOTO).write_bytes(content)
    assert load_dataset(data, "data").problems == ()


def test_what_check_rejects_is_what_the_build_cannot_open(tmp_path):
    """The same bytes through the build's own processing (wenming/site/photos.py) fail exactly when check says so."""
    from wenming.site import photos

    for name, (content, _) in BROKEN.items():
        path = tmp_path / f"{name.replace(' ', '-')}.jpg"
        path.write_bytes(content)
        assert images.inspect(path) is not None, name
        with pytest.raises(Exception):  # noqa: B017 - whichever Pillow raises
            photos.clean(content, "JPEG")


def test_honour_photo_and_image_document_are_checked_too(tmp_path):
    data = make_repo(tmp_path)
    honor = data / "2018/honors/2018-05-03-赵通过.md"
    honor.write_text(honor.read_text(encoding="utf-8").replace("consent: true\n", "consent: true\nphoto: photos/zhao.jpg\n"),
                     encoding="utf-8")
    (data / "2018/honors/photos").mkdir()
    (data / "2018/honors/photos/zhao.jpg").write_bytes(b"")
    (data / "2018/documents/2018-02-10-实施方案.pdf").rename(data / "2018/documents/2018-02-10-实施方案.png")
    yml = data / "2018/documents/2018-02-10-实施方案.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace(".pdf", ".png"), encoding="utf-8")
    errors = [p.format() for p in load_dataset(data, "data").problems if p.is_error]
    assert [e.split(" ", 2)[:2] for e in errors] == [
        ["data/2018/documents/2018-02-10-实施方案.yml:4:", "file:"],
        ["data/2018/honors/2018-05-03-赵通过.md:10:", "photo:"]], errors
    assert '图片 "2018-02-10-实施方案.png" 不是能识别的图片格式' in errors[0] and '照片 "photos/zhao.jpg" 是空文件' in errors[1]


def test_check_exits_1_for_a_photo_the_build_cannot_publish(tmp_path):
    data = make_repo(tmp_path)
    (data / PHOTO).write_bytes(HTML)
    result = CliRunner(mix_stderr=False).invoke(main, ["check", "--data", str(data)])
    assert result.exit_code == 1, result.output
    assert '照片 "01.jpg" 是一个网页（HTML）' in result.stderr and "检查通过" not in result.stdout


# -- merge-conflict markers ----------------------------------------------------------------------

CONFLICT = "<<<<<<< HEAD\n{ours}\n=======\n{theirs}\n>>>>>>> 合并进来的分支\n"
MARKER_MESSAGE = ("有 git 合并冲突留下的标记（<<<<<<<、=======、>>>>>>> 开头的行）：合并时两边都改了这里，文件里同时留着"
                  "两个版本，不能读取。请打开文件，保留正确的内容，删掉另一个版本和这三种标记行，再提交。")


def _insert(path: Path, after: str, block: str) -> int:
    """Put `block` after the first line starting with `after`; the line number of its first line."""
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(after)) + 1
    lines[at:at] = block.rstrip("\n").split("\n")
    path.write_text("\n".join(lines), encoding="utf-8")
    return at + 1


@pytest.mark.parametrize("where", ["activity text", "activity front matter", "plan block text", "unit.yml"])
def test_conflict_markers_are_one_error_and_first(tmp_path, where):
    data = make_repo(tmp_path)
    if where == "activity text":
        path, line = data / ACTIVITY, _insert(data / ACTIVITY, "3月6日", CONFLICT.format(ours="上午", theirs="下午"))
    elif where == "activity front matter":
        path, line = data / ACTIVITY, _insert(data / ACTIVITY, "place:", CONFLICT.format(ours="participants: 35",
                                                                                          theirs="participants: 36"))
    elif where == "plan block text":
        path = data / "2018/plan.yml"
        line = _insert(path, "guiding:", CONFLICT.format(ours="  以社会主义核心价值观为引领。", theirs="  新的指导思想。"))
    else:
        path = data / "unit.yml"
        line = _insert(path, "departments:", CONFLICT.format(ours="  - id: bgs\n    name: 办公室",
                                                             theirs="  - id: bgs\n    name: 综合办公室"))
    problems = load_dataset(data, "data").problems
    lines, count = error_lines(list(problems))  # as check and serve's banner show them
    assert lines[0] == f"data/{path.relative_to(data).as_posix()}:{line}: {MARKER_MESSAGE}"
    assert not any("缺少冒号" in p.message or "语法" in p.message for p in problems)
    assert count == 1, lines
    assert lines[1:] == {"plan block text": ["因为 data/2018/plan.yml 读不出来，另有 1 处活动安排无法核对"
                                             "（改好它以后再检查，才知道这些地方有没有问题）。"],
                         "unit.yml": ["因为 data/unit.yml 读不出来，另有 12 处部门无法核对"
                                      "（改好它以后再检查，才知道这些地方有没有问题）。"]}.get(where, [])


def test_a_heading_underline_is_not_a_conflict(tmp_path):
    data = make_repo(tmp_path)
    path = data / ACTIVITY
    path.write_text(path.read_text(encoding="utf-8") + "\n小标题\n=======\n\n正文。\n", encoding="utf-8")
    assert load_dataset(data, "data").problems == ()
