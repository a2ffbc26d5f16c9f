"""The only module that reads `data/`: files → raw mappings that keep their lines.

Nothing here judges the content beyond "is it text, is it YAML": that is
:mod:`wenming.records.validate`'s job. Every read problem becomes a :class:`Problem`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from . import images
from .problems import WARNING, Problem
from .yamltext import control_character, parse_yaml

# ---------------------------------------------------------------------------
# Files


@dataclass
class RawFile:
    """One record file, read and parsed but not judged."""

    path: str
    """Display path (`data/2018/activities/2018-03-06-x.md`)."""
    rel: str
    """Path relative to the data root (`2018/activities/2018-03-06-x.md`)."""
    data: Any = None
    """The parsed YAML (a LineDict when well formed), or None when unreadable."""
    body: str = ""
    """Markdown after the front matter (for .md records)."""
    body_line: int = 0
    """The file's line number of the body's first line."""
    ok: bool = False
    """False when the file could not be read or parsed."""


@dataclass
class RawYear:
    year: int
    plan: RawFile | None = None
    tallies: RawFile | None = None
    activities: list[RawFile] = field(default_factory=list)
    documents: list[RawFile] = field(default_factory=list)
    honors: list[RawFile] = field(default_factory=list)
    judgements: RawFile | None = None


@dataclass
class RawRepo:
    root: str
    """Display path of the data root (`data`)."""
    unit: RawFile | None
    years: list[RawYear]
    files: frozenset[str]
    """Every file under the data root, relative to it, with forward slashes."""
    problems: list[Problem]
    """Problems found while reading (encoding, YAML syntax, stray files)."""
    inspect: Callable[[str], str | None] | None = None
    """Why the build cannot publish the photo at a path relative to the data root, or None
    (wenming/records/images.py; opened only when a record lists it)."""


def read_text(raw: bytes, path: str) -> tuple[str | None, Problem | None]:
    """Decode a record file: UTF-8 with or without BOM, any line ending."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        guess = ""
        if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
            line, guess = 1, "看起来是 UTF-16 编码（记事本里叫 “Unicode”）。"
        else:
            try:
                raw.decode("gb18030")
                guess = "看起来是 GBK/GB2312 编码。"
            except UnicodeDecodeError:
                pass
        return None, Problem(
            path, line, "", f"文件不是 UTF-8 编码。{guess}请在编辑器中用“另存为”选择 UTF-8 编码保存。"
        )
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


_CONFLICT = re.compile(r"^(<{7}|>{7}|\|{7})(?: |$)|^={7}$", re.MULTILINE)


def conflict_marker(text: str, path: str) -> Problem | None:
    """Git's merge-conflict markers (`<<<<<<<`, `=======`, `>>>>>>>` at a line start), as one problem naming
    the first. A lone `=======` is a Markdown heading's underline, not a conflict."""
    found = [(m.start(), m.group(1)) for m in _CONFLICT.finditer(text)]
    if not any(kind for _, kind in found):
        return None
    line = text.count("\n", 0, found[0][0]) + 1
    return Problem(path, line, "", "有 git 合并冲突留下的标记（<<<<<<<、=======、>>>>>>> 开头的行）：合并时两边都改了这里，"
                   "文件里同时留着两个版本，不能读取。请打开文件，保留正确的内容，删掉另一个版本和这三种标记行，再提交。")


_FENCE = re.compile(r"^---[ \t]*$")
_END = re.compile(r"^(---|\.\.\.)[ \t]*$")


def split_front_matter(text: str, path: str) -> tuple[str, str, int, Problem | None]:
    """Split `---` front matter from the body; returns (yaml, body, yaml_first_line_offset, problem)."""
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        return "", text, 0, Problem(
            path, 1, "", "文件开头缺少信息块。第一行应为 ---，接着是活动信息，再用一行 --- 结束，然后是正文。"
        )
    for i in range(1, len(lines)):
        if _END.match(lines[i]):
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1 :]), 1, None
    return "", "", 0, Problem(
        path, 1, "", "信息块没有结束：开头的 --- 之后找不到结束的 --- 行。请在信息和正文之间加一行 ---。"
    )


def load_file(abs_path: Path, path: str, rel: str, front_matter: bool) -> tuple[RawFile, list[Problem]]:
    """Read one record file into a RawFile; never raises for bad content."""
    raw_file = RawFile(path=path, rel=rel)
    try:
        raw = abs_path.read_bytes()
    except OSError as exc:
        return raw_file, [Problem(path, None, "", f"无法读取文件（{exc.strerror}）。请检查文件权限。")]
    text, problem = read_text(raw, path)
    if problem:
        return raw_file, [problem]
    if not text.strip():
        return raw_file, [Problem(path, None, "", "文件是空的。请填写内容，或删除这个文件。")]
    if problem := conflict_marker(text, path) or control_character(text, path):
        return raw_file, [problem]
    offset = 0
    if front_matter:
        whole = text
        text, raw_file.body, offset, problem = split_front_matter(text, path)
        if problem:
            return raw_file, [problem]
        raw_file.body_line = whole.count("\n") - raw_file.body.count("\n") + 1
        if not text.strip():
            return raw_file, [Problem(path, 1, "", "信息块是空的。请在两行 --- 之间填写信息。")]
    data, problems = parse_yaml(text, path, offset)
    if data is None and not problems:
        problems = [Problem(path, None, "", "文件是空的。请填写内容，或删除这个文件。")]
    raw_file.data = data
    raw_file.ok = data is not None and not any(p.is_error and "语法" in p.message for p in problems)
    return raw_file, problems


def _walk(root: Path, display_root: str) -> tuple[list[str], list[Problem]]:
    """Every file under `root` (relative, sorted), never following a link out of it.

    A symbolic link (or Windows junction) to a file inside the data folder is read as that file.
    A link to anything outside it, a broken link and a linked folder are errors naming the link:
    what is outside `data/` is never read or published, and a linked folder would show the same
    records twice or loop forever."""
    found, problems = [], []
    real_root = root.resolve()
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        for name in sorted(dirnames):
            if _is_link(here / name) and not name.startswith("."):
                problems.append(Problem(f"{display_root}/{(here / name).relative_to(root).as_posix()}", None, "",
                                        f"这个文件夹是一个链接（快捷方式，指向 {_target(here / name)}），不会读取。"
                                        "请把文件夹本身移到这里（或复制进来），再删除这个链接。"))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and not _is_link(here / d))
        for name in sorted(filenames):
            if name.startswith(".") or name.startswith("~$"):
                continue
            rel = (here / name).relative_to(root).as_posix()
            if _is_link(here / name):
                target = Path(os.path.realpath(here / name))
                if not target.is_file():
                    problems.append(Problem(f"{display_root}/{rel}", None, "", f"这个文件是一个链接，指向的 "
                                            f"{_target(here / name)} 不存在或不是文件。请放入文件本身，再删除这个链接。"))
                    continue
                if not target.is_relative_to(real_root):
                    problems.append(Problem(f"{display_root}/{rel}", None, "", f"这个文件是一个链接，指向数据文件夹外面的 "
                                            f"{_target(here / name)}。数据文件夹外面的文件不会读取，也不会发布："
                                            "请把文件本身复制进来，再删除这个链接。"))
                    continue
            found.append(rel)
    return sorted(found), problems


def _is_link(path: Path) -> bool:
    return path.is_symlink() or (hasattr(path, "is_junction") and path.is_junction())


def _target(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "（无法读取）"


_YEAR = re.compile(r"^\d{4}$")
FIRST_YEAR, LAST_YEAR = 1990, 2100
"""The years a year folder, a date or a year key may name."""
_RECORD_DIRS = {"activities": ".md", "honors": ".md", "documents": ".yml"}


def load_repository(data_dir: Path, display_root: str = "data") -> RawRepo:
    """Read every record under `data_dir`. Problems are collected, never raised."""
    problems: list[Problem] = []
    display_root = display_root.rstrip("/") or "."
    if not data_dir.is_dir():
        problems.append(Problem(display_root, None, "", "数据文件夹不存在。请检查路径，或在项目根目录下运行。"))
        return RawRepo(display_root, None, [], frozenset(), problems)
    files, found = _walk(data_dir, display_root)
    problems.extend(found)

    def read(rel: str, front_matter: bool = False) -> RawFile:
        raw, found = load_file(data_dir / rel, f"{display_root}/{rel}", rel, front_matter)
        problems.extend(found)
        return raw

    unit = read("unit.yml") if "unit.yml" in files else None
    if unit is None:
        problems.append(
            Problem(f"{display_root}/unit.yml", None, "", "缺少单位信息文件。请创建 unit.yml（写法见用户指南 → 数据格式）。")
        )
    years: dict[int, RawYear] = {}
    bad_years: set[str] = set()
    for rel in files:
        parts = rel.split("/")
        if len(parts) == 1:
            if rel != "unit.yml":
                problems.append(_warn(f"{display_root}/{rel}", "不认识的文件，将被忽略。"))
            continue
        if not _YEAR.match(parts[0]):
            if f"{parts[0]}/plan.yml" in files:  # a renamed year folder: the whole year would be dropped
                if parts[0] not in bad_years:
                    bad_years.add(parts[0])
                    problems.append(_renamed_year(display_root, parts[0]))
            else:
                problems.append(_warn(f"{display_root}/{rel}", "不在年份文件夹（如 2018/）里，将被忽略。"))
            continue
        if not FIRST_YEAR <= int(parts[0]) <= LAST_YEAR:
            if parts[0] not in bad_years:
                bad_years.add(parts[0])
                problems.append(Problem(f"{display_root}/{parts[0]}", None, "", f"年份文件夹 {parts[0]} 不在 "
                                        f"{FIRST_YEAR} 到 {LAST_YEAR} 年之间，不会读取。请改成正确的年份（如 2018）。"))
            continue
        year = years.setdefault(int(parts[0]), RawYear(int(parts[0])))
        if len(parts) == 2:
            if parts[1] == "plan.yml":
                year.plan = read(rel)
            elif parts[1] == "tallies.yml":
                year.tallies = read(rel)
            elif parts[1] == "judgements.yml":
                year.judgements = read(rel)
            else:
                problems.append(_warn(f"{display_root}/{rel}", "不认识的文件，将被忽略。"))
            continue
        kind = parts[1]
        suffix = _RECORD_DIRS.get(kind)
        if suffix is None:
            problems.append(_warn(f"{display_root}/{rel}", "不认识的文件夹，将被忽略。"))
        elif len(parts) == 3 and rel.lower().endswith(suffix):
            getattr(year, kind).append(read(rel, front_matter=suffix == ".md"))
        elif len(parts) == 3 and suffix == ".md":
            problems.append(_warn(f"{display_root}/{rel}", "不是 .md 记录文件，将被忽略。记录请用 .md 结尾。"))
    return RawRepo(display_root, unit, [years[y] for y in sorted(years)], frozenset(files), problems,
                   partial(_inspect, data_dir))


def _inspect(data_dir: Path, rel: str) -> str | None:
    return images.inspect(data_dir / rel)


def _renamed_year(display_root: str, folder: str) -> Problem:
    """A folder holding a plan whose name is not a year (`2018年`, `2018-旧`): an error, not a year left out."""
    year = re.search(r"(19|20)\d\d", folder)
    name = year.group() if year else "2018"
    return Problem(f"{display_root}/{folder}", None, "", f"这个文件夹里有实施方案 plan.yml，但文件夹名 \"{folder}\" "
                   f"不是年份，这一年的记录都不会读取。请把文件夹改名为{'' if year else '方案的年份，如'} {name}"
                   "（四位数字）；不要的旧版本请移出数据文件夹（git 里有历史，不用另存一份）。")


def _warn(path: str, message: str) -> Problem:
    return Problem(path, None, "", message, WARNING)
