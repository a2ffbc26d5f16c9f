"""YAML text → values that keep their lines, within limits any record stays far below. Pure.

PyYAML would construct whatever a file asks for: nesting thousands of levels deep (a
RecursionError, or a crash in the C parser), aliases that expand to billions of nodes, a
5,000-digit integer (Python refuses to convert it). `parse_yaml` first walks the parser's
events (the C parser's event loop does not recurse) and stops at the first line that goes
past a limit, with a message naming it; only then does it construct the values.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import yaml

from .problems import Problem

MAX_DEPTH = 40
"""Nesting levels of mappings and lists; a plan needs about 7."""
MAX_NODES = 200_000
"""Values in one file with every alias expanded; a large plan has about 10,000."""
MAX_DIGITS = 18
"""Digits in a whole number; a bigger one is kept as text (`BadNumber`) and reported where it is read."""

class LineDict(dict):
    """A mapping that remembers the line of itself and of each key."""

    line: int = 0
    lines: dict
    cut: dict = {}
    """In a `{…}` mapping, a key with no colon after a comma (`{note: 一, 二}`) → the key before it, whose
    value the comma cut short (the rest became this key)."""

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


@dataclass(frozen=True)
class BadNumber:
    """A whole number too long to be a count (`MAX_DIGITS`), kept as the text it was."""

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
    previous = None
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, (list, dict)):
            key = str(key)
        if key in result:
            loader.duplicate_keys.append((key_node.start_mark.line + 1, key))
        if node.flow_style and previous is not None and _no_colon(key_node, value_node):
            result.cut = {**result.cut, key: previous}
        previous = key
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = key_node.start_mark.line + 1
    return result


def _no_colon(key_node: yaml.Node, value_node: yaml.Node) -> bool:
    """A flow mapping's entry written without a colon: an empty value at the very place the key ends."""
    return (isinstance(value_node, yaml.ScalarNode) and value_node.value == "" and value_node.tag.endswith(":null")
            and value_node.start_mark.index == key_node.end_mark.index)


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


def _construct_int(loader: _Loader, node: yaml.ScalarNode) -> Any:
    if sum(c.isdigit() or c in "abcdefABCDEF" for c in node.value) > MAX_DIGITS:
        return BadNumber(node.value)
    return yaml.SafeLoader.construct_yaml_int(loader, node)


_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
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


_FIELD = r"^\s*(?:-\s+)?(?P<key>[A-Za-z_][\w-]*)"
_FULL_WIDTH_COLON = re.compile(_FIELD + r"\s*：\s*(?P<value>.*)$")
_NO_SPACE = re.compile(_FIELD + r":(?P<value>[^\s/:].*)$")


def _punctuation(text: str, error_line: int | None, offset: int) -> tuple[int, str] | None:
    """The line at or before a syntax error (the parser sees the mistake one line late) whose field is written
    with a full-width colon or without the space after the colon, and the fix."""
    lines = text.splitlines()
    for number in range(min(error_line or len(lines), len(lines)), 0, -1):
        line = lines[number - 1]
        if m := _FULL_WIDTH_COLON.match(line):
            return number, (f"第{number + offset}行的字段 {m['key']} 后面用了全角冒号“：”，YAML 不认识。"
                            f"请改成半角冒号加空格“: ”，如 {m['key']}: {m['value'].strip() or '……'}")
        if m := _NO_SPACE.match(line):
            return number, (f"第{number + offset}行的字段 {m['key']} 的冒号后面少了一个空格，YAML 不认识。"
                            f"请在冒号后加一个空格，如 {m['key']}: {m['value'].strip()}")
    return None


# What YAML does not allow in a file (and no record needs): C0/C1 control characters but tab,
# line breaks and NEL, lone surrogates, U+FFFE/U+FFFF.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def control_character(text: str, path: str, line_offset: int = 0) -> Problem | None:
    """The first invisible control character in `text`, as a problem naming its line."""
    m = _CONTROL.search(text)
    if not m:
        return None
    line = text.count("\n", 0, m.start()) + 1 + line_offset
    return Problem(path, line, "", f"有一个看不见的控制字符（U+{ord(m.group()):04X}），YAML 不允许。"
                   "常见于从网页、微信或 Word 复制的文字：请删掉这一行里的怪字符，或重新输入这一行。")


def _over_limits(text: str, path: str, line_offset: int) -> Problem | None:
    """Walk the parser's events; the first line that nests too deep or expands too far."""
    sizes: dict[str, int] = {}
    stack: list[tuple[str | None, int]] = []
    total = 0
    loader = _Loader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            line = event.start_mark.line + 1 + line_offset
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                stack.append((event.anchor, total))
                total += 1
                if len(stack) > MAX_DEPTH:
                    return Problem(path, line, "", f"嵌套超过 {MAX_DEPTH} 层，记录用不到这么多层。"
                                   "请检查缩进和括号 [ ] { } 是否成对。")
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                anchor, start = stack.pop()
                if anchor:
                    sizes[anchor] = total - start
            elif isinstance(event, yaml.ScalarEvent):
                total += 1
                if event.anchor:
                    sizes[event.anchor] = 1
            elif isinstance(event, yaml.AliasEvent):
                total += sizes.get(event.anchor, 1)
            if total > MAX_NODES:
                return Problem(path, line, "", f"展开后超过 {MAX_NODES:,} 个值（多半是 & 和 * 别名层层引用）。"
                               "请不要用别名，把内容直接写出来。")
    except yaml.YAMLError:
        return None  # the parse below reports it, with its hint
    finally:
        loader.dispose()
    return None


def parse_yaml(text: str, path: str, line_offset: int = 0) -> tuple[Any, list[Problem]]:
    """Parse YAML text; problems carry `path` and lines shifted by `line_offset`."""
    problem = control_character(text, path, line_offset) or _over_limits(text, path, line_offset)
    if problem:
        return None, [problem]
    loader = _Loader(text)
    loader.duplicate_keys = []
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        found = _punctuation(text, line, line_offset)
        if found:
            return None, [Problem(path, found[0] + line_offset, "", found[1])]
        return None, [Problem(path, line and line + line_offset, "", f"YAML 语法错误：{_yaml_hint(exc)}。")]
    except yaml.YAMLError:  # pragma: no cover - unmarked errors are rare
        return None, [Problem(path, None, "", "YAML 语法错误：请检查缩进、冒号后的空格和引号。")]
    except (ValueError, OverflowError, RecursionError):  # a value PyYAML cannot build (`1:99999999999:00`)
        return None, [Problem(path, 1 + line_offset, "", "有一个无法读取的值（数字或日期太大）。请检查数字和日期。")]
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


def as_json(value: Any) -> Any:
    """Loaded YAML as an editor's yaml-language-server sees it (to check it against the JSON schemas):
    string keys, dates as their text."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, (dt.date, BadDate)):
        return str(value) if not isinstance(value, dt.datetime) else value.isoformat(sep=" ")
    return value
