"""The only module that reads `data/`: files → raw mappings that keep their lines.

Nothing here judges the content beyond "is it text, is it YAML": that is
:mod:`wenming.records.validate`'s job. Every read problem becomes a :class:`Problem`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import WARNING, Problem

# ---------------------------------------------------------------------------
# YAML with line numbers


class LineDict(dict):
    """A mapping that remembers the line of itself and of each key."""

    line: int = 0
    lines: dict

    def line_of(self, key: Any) -> int:
        return self.lines.get(key, self.line)


class LineList(list):
    """A sequence that remembers the line of itself and of each item."""

    line: int = 0
    lines: list

    def line_of(self, index: int) -> int:
        return self.lines[index] if index < len(self.lines) else self.line


@dataclass(frozen=True)
class BadDate:
    """A value YAML took for a date that does not exist (`2018-02-30`)."""

    text: str

    def __str__(self) -> str:
        return self.text


# libyaml's parser (same grammar, same marks) is about 10x faster than the pure-Python one.
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    duplicate_keys: list[tuple[int, Any]]


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, (list, dict)):
            key = str(key)
        if key in result:
            loader.duplicate_keys.append((key_node.start_mark.line + 1, key))
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return BadDate(node.value)


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)

_YAML_HINTS = (
    ("flow sequence", "方括号 [ ] 没有成对，或列表项之间少了逗号"),
    ("flow mapping", "花括号 { } 没有成对，或项之间少了逗号"),
    ("mapping values are not allowed", "这里不能出现冒号。如果值里有冒号，请给整个值加上引号"),
    ("could not find expected ':'", "缺少冒号，或上一行的引号没有成对"),
    ("cannot start any token", "不能用 Tab 键缩进，请改用空格"),
    ("expected <block end>", "缩进不一致。同一层的字段要对齐"),
    ("while scanning a quoted scalar", "引号没有成对"),
    ("found unexpected end of stream", "引号没有成对"),
    ("did not find expected key", "缩进不一致，或列表项 - 的位置不对"),
    ("did not find expected '-' indicator", "列表项 - 的缩进不一致"),
    ("found undefined alias", "& 和 * 是 YAML 的特殊符号，请给这个值加上引号"),
    ("expected alphabetic or numeric character", "& 和 * 是 YAML 的特殊符号，请给这个值加上引号"),
    ("found character that cannot start any token", "这个符号不能放在值的开头（如 @ `），请给这个值加上引号"),
)


def _yaml_hint(exc: yaml.YAMLError) -> str:
    text = f"{getattr(exc, 'context', '') or ''} {getattr(exc, 'problem', '') or ''}"
    for needle, hint in _YAML_HINTS:
        if needle in text:
            return hint
    return "请检查这一行及上一行的缩进、冒号后的空格和引号"


def parse_yaml(text: str, path: str, line_offset: int = 0) -> tuple[Any, list[Problem]]:
    """Parse YAML text; problems carry `path` and lines shifted by `line_offset`."""
    loader = _Loader(text)
    loader.duplicate_keys = []
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        return None, [Problem(path, line, "", f"YAML 语法错误：{_yaml_hint(exc)}。")]
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        return None, [Problem(path, None, "", f"YAML 语法错误：{exc}。")]
    finally:
        loader.dispose()
    problems = [
        Problem(path, line + line_offset, str(key), "字段重复出现，后一个会覆盖前一个。请删掉其中一个。")
        for line, key in loader.duplicate_keys
    ]
    _shift_lines(data, line_offset)
    return data, problems


def _shift_lines(value: Any, offset: int) -> None:
    if not offset:
        return
    if isinstance(value, LineDict):
        value.line += offset
        value.lines = {k: v + offset for k, v in value.lines.items()}
        for v in value.values():
            _shift_lines(v, offset)
    elif isinstance(value, LineList):
        value.line += offset
        value.lines = [v + offset for v in value.lines]
        for v in value:
            _shift_lines(v, offset)


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


def read_text(raw: bytes, path: str) -> tuple[str | None, Problem | None]:
    """Decode a record file: UTF-8 with or without BOM, any line ending."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        guess = ""
        try:
            raw.decode("gb18030")
            guess = "看起来是 GBK/GB2312 编码。"
        except UnicodeDecodeError:
            pass
        return None, Problem(
            path, line, "", f"文件不是 UTF-8 编码。{guess}请在编辑器中用“另存为”选择 UTF-8 编码保存。"
        )
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


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
    offset = 0
    if front_matter:
        text, raw_file.body, offset, problem = split_front_matter(text, path)
        if problem:
            return raw_file, [problem]
        if not text.strip():
            return raw_file, [Problem(path, 1, "", "信息块是空的。请在两行 --- 之间填写信息。")]
    data, problems = parse_yaml(text, path, offset)
    if data is None and not problems:
        problems = [Problem(path, None, "", "文件是空的。请填写内容，或删除这个文件。")]
    raw_file.data = data
    raw_file.ok = data is not None and not any(p.is_error and "语法" in p.message for p in problems)
    return raw_file, problems


def _walk(root: Path) -> list[str]:
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or name.startswith("~$"):
                continue
            found.append(Path(dirpath, name).relative_to(root).as_posix())
    return sorted(found)


_YEAR = re.compile(r"^\d{4}$")
_RECORD_DIRS = {"activities": ".md", "honors": ".md", "documents": ".yml"}


def load_repository(data_dir: Path, display_root: str = "data") -> RawRepo:
    """Read every record under `data_dir`. Problems are collected, never raised."""
    problems: list[Problem] = []
    display_root = display_root.rstrip("/") or "."
    if not data_dir.is_dir():
        problems.append(Problem(display_root, None, "", "数据文件夹不存在。请检查路径，或在项目根目录下运行。"))
        return RawRepo(display_root, None, [], frozenset(), problems)
    files = _walk(data_dir)

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
    for rel in files:
        parts = rel.split("/")
        if len(parts) == 1:
            if rel != "unit.yml":
                problems.append(_warn(f"{display_root}/{rel}", "不认识的文件，将被忽略。"))
            continue
        if not _YEAR.match(parts[0]):
            problems.append(
                _warn(f"{display_root}/{rel}", "不在年份文件夹（如 2018/）里，将被忽略。")
            )
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
    return RawRepo(display_root, unit, [years[y] for y in sorted(years)], frozenset(files), problems)


def _warn(path: str, message: str) -> Problem:
    return Problem(path, None, "", message, WARNING)
