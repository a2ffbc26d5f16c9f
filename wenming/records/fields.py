"""Reading typed fields out of a raw mapping, collecting problems as we go. Pure.

A :class:`Fields` wraps one mapping of one file. Each getter returns a clean
value (or a default) and records a :class:`Problem` naming the file, line and
field when the value is missing or of the wrong kind. Nothing raises.

Under :func:`recording`, every getter also notes which field it read and how
(a :class:`Read`); :mod:`wenming.authoring.schema` runs the validators on probe records
this way to learn the fields, so the editor schemas never list them twice.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import re
import difflib
import math
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

from .yamltext import BadDate, BadNumber, LineDict, LineList

FIRST_YEAR, LAST_YEAR = 1990, 2100
"""Dates outside these years are typing mistakes (and would overflow date arithmetic)."""
MAX_NUMBER = 1_000_000_000
"""No count, hour total or score in a record comes near this; above it is a typing mistake."""
from .problems import WARNING, Problem


@dataclass(frozen=True)
class Read:
    """One field read by a getter, noted under :func:`recording`."""

    path: str
    """The file's display path."""
    name: str
    """Dotted field name as messages show it (`categories[1].tasks[2].count`); for `fields`, the mapping's own."""
    kind: str
    """The getter: `raw`, `text`, `date`, `integer`, `number`, `boolean`, `choice`, `items`, `words`, or
    `fields` (the mapping's known keys, from :meth:`Fields.check_unknown`)."""
    required: bool = False
    info: tuple[tuple[str, Any], ...] = ()
    """The getter's limits: `minimum`, `maximum`, `max_len`, `choices`, `known`."""


_READS: contextvars.ContextVar[list[Read] | None] = contextvars.ContextVar("wenming_reads", default=None)


@contextlib.contextmanager
def recording() -> Iterator[list[Read]]:
    """Note every field read inside the block (in order) into the yielded list."""
    reads: list[Read] = []
    token = _READS.set(reads)
    try:
        yield reads
    finally:
        _READS.reset(token)


def show(value: Any) -> str:
    """A found value as the message shows it: `"3月6日"`, `12`, `一个列表`."""
    if isinstance(value, (dict, LineDict)):
        return "一组字段"
    if isinstance(value, (list, LineList)):
        return "一个列表"
    if value is None:
        return "空值"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, BadNumber):
        return f"一个 {len(value.text)} 位的数字"
    text = str(value)
    if len(text) > 40:
        text = text[:40] + "…"
    return f'"{text}"'


def _num(value: float) -> str:
    return str(value) if isinstance(value, int) else f"{value:g}"


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """`是不是 "xjb"？` or an empty string."""
    choices = list(choices)
    close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.6)
    if not close:
        close = [c for c in choices if str(value) and (str(value) in c or c in str(value))][:1]
    return f'是不是 "{close[0]}"？' if close else ""


class Fields:
    """Typed access to one mapping of one file."""

    def __init__(self, data: Any, path: str, problems: list[Problem], prefix: str = "", line: int | None = None):
        self.data = data if isinstance(data, dict) else {}
        self.path = path
        self.problems = problems
        self.prefix = prefix
        self.line = getattr(data, "line", None) or line
        self.used: set[str] = set()

    # -- plumbing -------------------------------------------------------

    def name(self, key: str) -> str:
        return f"{self.prefix}.{key}" if self.prefix else key

    def line_of(self, key: Any) -> int | None:
        if isinstance(self.data, LineDict):
            return self.data.line_of(key)
        return self.line

    def error(self, key: str, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(self.path, line or self.line_of(key), self.name(key), message))

    def warn(self, key: str, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(self.path, line or self.line_of(key), self.name(key), message, WARNING))

    def _read(self, key: str, kind: str, required: bool = False, **info: Any) -> None:
        reads = _READS.get()
        if reads is not None:
            name = self.name(key) if key else self.prefix
            reads.append(Read(self.path, name, kind, required, tuple(sorted(info.items()))))

    def raw(self, key: str) -> Any:
        self._read(key, "raw")
        self.used.add(key)
        return self.data.get(key)

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def missing(self, key: str, example: str) -> None:
        self.problems.append(
            Problem(self.path, self.line, self.name(key), f"缺少必填字段。请添加一行，例如 {key}: {example}")
        )

    def sub(self, key: str, index: int | None = None) -> "Fields":
        """Fields of a nested mapping (`key` or `key[index]`)."""
        value = self.data.get(key)
        line = self.line_of(key)
        name = self.name(key)
        if index is not None:
            if isinstance(value, LineList):
                line = value.line_of(index)
            value = value[index]
            name = f"{name}[{index + 1}]"
        return Fields(value, self.path, self.problems, name, line)

    def check_unknown(self, known: Iterable[str]) -> None:
        known = tuple(known)
        self._read("", "fields", known=known)
        cut = getattr(self.data, "cut", {})
        for key in self.data:
            if key in cut and cut[key] in known:
                self.error(cut[key], f"{cut[key]} 的值在逗号处被截断了：花括号 {{ }} 里逗号分隔各项，逗号后面的“{key}”"
                           f"被当成了另一个字段。值里有逗号时，请给整个值加上引号，如 {cut[key]}: \"{self.data[cut[key]]}, {key}\"")
            elif key not in known:
                hint = did_you_mean(str(key), sorted(known))
                self.warn(str(key), f"未知字段，将被忽略。{hint or '请检查拼写，可用字段见用户指南 → 数据格式。'}")

    # -- getters --------------------------------------------------------

    def text(self, key: str, required: bool = False, example: str = "……", max_len: int | None = None) -> str:
        self._read(key, "text", required, max_len=max_len)
        value = self.raw(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.missing(key, example)
            return ""
        if isinstance(value, (dict, list)):
            self.error(key, f"应为一段文字，实际为{show(value)}。请写成 {key}: {example}")
            return ""
        if isinstance(value, bool):
            self.error(key, f"应为一段文字，实际为 {show(value)}。请给这个值加上引号。")
            return ""
        if isinstance(value, (dt.date, BadDate)):
            value = str(value)
        text = str(value).strip()
        if max_len and len(text) > max_len:
            self.error(key, f"不能超过 {max_len} 字，实际为 {len(text)} 字。请精简。")
        return text

    def date(self, key: str, required: bool = False) -> dt.date | None:
        self._read(key, "date", required)
        value = self.raw(key)
        if value is None:
            if required:
                self.missing(key, "2018-03-06")
            return None
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            if not FIRST_YEAR <= value.year <= LAST_YEAR:
                self.error(key, f"日期 {value} 不在 {FIRST_YEAR} 到 {LAST_YEAR} 年之间。请检查年份。")
                return None
            return value
        if isinstance(value, BadDate):
            self.error(key, f'日期不存在："{value}"。请检查月份和日期（如 2 月没有 30 日）。')
            return None
        example = self._date_example(str(value))
        self.error(key, f"应为日期（如 {example}），实际为 {show(value)}。请写成 年-月-日，如 {key}: {example}")
        return None

    def _date_example(self, value: str) -> str:
        """The date the editor meant (`2026.3.5`, `2026/03/05`, `3月5日` in a 2026 folder → 2026-03-05), else a date
        of the record's year (an example of 2018 in a 2026 repository would be refused for its year)."""
        folder = re.search(r"(?:^|/)(\d{4})/", self.path)
        year = int(folder.group(1)) if folder else 2018
        m = re.fullmatch(r"\s*(?:(\d{4})\s*[年./\-]\s*)?(\d{1,2})\s*[月./\-]\s*(\d{1,2})\s*日?\s*", value)
        if m:
            try:
                return dt.date(int(m.group(1) or year), int(m.group(2)), int(m.group(3))).isoformat()
            except ValueError:
                pass
        return f"{year}-03-06"

    def integer(self, key: str, required: bool = False, minimum: int = 0, maximum: int | None = None,
                example: str = "30", plausible: tuple[int, int] | None = None) -> int | None:
        """A whole number in [minimum, maximum] (at most MAX_NUMBER); outside `plausible` it is kept
        with a warning that names the usual range."""
        self._read(key, "integer", required, minimum=minimum, maximum=maximum)
        value = self.raw(key)
        if value is None:
            if required:
                self.missing(key, example)
            return None
        if isinstance(value, BadNumber):
            self.error(key, f"数字太大（{len(value.text)} 位）。请检查这个数字，如 {key}: {example}")
            return None
        maximum = MAX_NUMBER if maximum is None else maximum
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, str) and value.strip().rstrip("人次条个名").isdigit():
                self.error(key, f"应为整数，实际为 {show(value)}。请只写数字，如 {key}: {value.strip().rstrip('人次条个名')}")
            else:
                self.error(key, f"应为整数，实际为 {show(value)}。请只写数字，如 {key}: {example}")
            return None
        if value < minimum or value > maximum:
            self.error(key, f"应为 {minimum} 到 {maximum} 的整数，实际为 {value}。")
            return None
        self._plausible(key, value, plausible)
        return value

    def _plausible(self, key: str, value: float, plausible: tuple[float, float] | None) -> None:
        if plausible and not plausible[0] <= value <= plausible[1]:
            self.warn(key, f"{_num(value)} 不太可能（通常在 {_num(plausible[0])} 到 {_num(plausible[1])} 之间）。"
                           "请检查是不是多打或少打了数字。")

    def number(self, key: str, required: bool = False, example: str = "12.5",
                plausible: tuple[float, float] | None = None) -> float | None:
        """A number from 0 to MAX_NUMBER (never NaN or infinity); outside `plausible` with a warning."""
        self._read(key, "number", required)
        value = self.raw(key)
        if value is None:
            if required:
                self.missing(key, example)
            return None
        if isinstance(value, BadNumber) or (isinstance(value, (int, float)) and not isinstance(value, bool)
                                            and math.isfinite(value) and abs(value) > MAX_NUMBER):
            self.error(key, f"数字太大（应在 0 到 {MAX_NUMBER:,} 之间），实际为 {show(value)}。请检查这个数字。")
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.error(key, f"应为数字，实际为 {value}（{'不是数' if math.isnan(value) else '无穷大'}）。"
                            f"请写一个具体的数字，如 {key}: {example}")
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.error(key, f"应为数字，实际为 {show(value)}。请只写数字，如 {key}: {example}")
            return None
        if value < 0:
            self.error(key, f"不能是负数，实际为 {value}。")
            return None
        self._plausible(key, value, plausible)
        return float(value)

    def boolean(self, key: str, required: bool = False) -> bool | None:
        self._read(key, "boolean", required)
        value = self.raw(key)
        if value is None:
            if required:
                self.missing(key, "true")
            return None
        if isinstance(value, bool):
            return value
        if str(value).strip() in ("是", "同意"):
            return True
        if str(value).strip() in ("否", "不同意"):
            return False
        self.error(key, f"应为 true 或 false，实际为 {show(value)}。同意写 true，不同意写 false。")
        return None

    def choice(self, key: str, choices: dict[str, Any], required: bool = False, default: Any = None) -> Any:
        """One of a fixed set of words; `choices` maps every accepted spelling to a value."""
        self._read(key, "choice", required, choices=tuple(choices))
        value = self.raw(key)
        if value is None:
            if required:
                self.missing(key, next(iter(choices)))
            return default
        if str(value).strip() in choices:
            return choices[str(value).strip()]
        shown = " / ".join(dict.fromkeys(k for k in choices if not k.isascii()) or choices)
        self.error(key, f"应为 {shown} 之一，实际为 {show(value)}。")
        return default

    def items(self, key: str, required: bool = False, example: str = "[……]") -> list[tuple[int, Any]]:
        """A list as (index, item); a single value counts as a list of one."""
        self._read(key, "items", required)
        value = self.raw(key)
        if value is None:
            if required:
                self.missing(key, example)
            return []
        if isinstance(value, list):
            return list(enumerate(value))
        if isinstance(value, dict):
            self.error(key, "应为一个列表，实际为一组字段。请在每一项前面加 “- ”。")
            return []
        return [(0, value)]

    def item_line(self, key: str, index: int) -> int | None:
        value = self.data.get(key)
        if isinstance(value, LineList):
            return value.line_of(index)
        return self.line_of(key)

    def words(self, key: str, required: bool = False, example: str = "[……]") -> tuple[str, ...]:
        """A list of short texts (tags, ids); numbers are taken as text."""
        self._read(key, "words", required)
        out = []
        for i, item in self.items(key, required, example):
            if isinstance(item, (dict, list)) or item is None or isinstance(item, bool):
                self.error(key, f"第 {i + 1} 项应为文字，实际为{show(item)}。", self.item_line(key, i))
                continue
            if isinstance(item, float):
                self.error(key, f'第 {i + 1} 项 {item} 会被当成小数。编号请写成 "5-2" 这样的形式。',
                           self.item_line(key, i))
                continue
            text = str(item).strip()
            if text:
                out.append(text)
        return tuple(dict.fromkeys(out))
