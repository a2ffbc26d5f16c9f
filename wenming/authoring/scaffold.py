"""New record files from templates, for `wenming new`. Pure: text in, text out.

Each `new_*` function returns :class:`NewFile` objects (a path relative to the
data folder and the file's text) named the way the sample names them
(`2018-03-06-第一期道德讲堂.md`). :func:`check_new` validates them inside the
repository exactly as `wenming check` will, so a bad department gets the same
message and the same "是不是 …？". The CLI asks for the values, writes the
files and prints the next steps.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

import yaml

from ..records.load import RawFile, RawRepo, RawYear, split_front_matter
from ..records.yamltext import parse_yaml
from ..records.problems import Problem
from ..records.validate import PLACEHOLDER_LEFT, validate_repository


@dataclass(frozen=True)
class NewFile:
    path: str
    """Relative to the data folder, with forward slashes (`2018/activities/2018-03-06-x.md`)."""
    text: str


# -- names and YAML values ---------------------------------------------------------------

def file_stem(day: dt.date, words: str) -> str:
    """`2018-03-06-第一期道德讲堂`: the date, then the words without punctuation or spaces."""
    cleaned = re.sub(r"[^\w-]+", "", words.replace(" ", "-")).strip("-_")[:40]
    return f"{day.isoformat()}-{cleaned}" if cleaned else day.isoformat()


def scalar(value: str) -> str:
    """A YAML value that reads back as exactly this text (quoted only when it must be)."""
    text = str(value).strip()
    try:
        plain = "\n" not in text and yaml.safe_load(f"k: {text}") == {"k": text}
    except yaml.YAMLError:
        plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)


def flow_list(values: tuple[str, ...] | list[str]) -> str:
    """`[xjb, jgdw]`, quoting the items that need it."""
    items = []
    for value in values:
        try:
            plain = yaml.safe_load(f"[{value}]") == [value]
        except yaml.YAMLError:
            plain = False
        items.append(value if plain else json.dumps(value, ensure_ascii=False))
    return "[" + ", ".join(items) + "]"


def _line(key: str, value: str, note: str = "") -> str:
    """`key: value` with a `# note` lined up at column 30 (Chinese characters count two columns)."""
    text = f"{key}: {value}".rstrip()
    width = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return f"{text}{' ' * max(1, 29 - width)}# {note}" if note else text


def _modeline(schema: str | None) -> list[str]:
    return [f"# yaml-language-server: $schema={schema}"] if schema else []


# -- activities, honour-roll entries, documents ----------------------------------------------

BRIEF = """\
【第一段：几月几日，在哪里，由哪个部门组织开展了什么活动、主题是什么，哪些人、多少人参加。】

【中间几段：活动经过，按环节写清楚做了什么、谁讲了什么。】

【最后一段：活动成效和反响，下一步打算。】
"""
"""The sample briefs' three parts, as hints to replace (they are plain paragraphs, not headings)."""


def new_activity(day: dt.date, title: str, departments: tuple[str, ...], *, end: dt.date | None = None,
                 tasks: tuple[str, ...] = (), place: str = "", reported_field: bool = False) -> NewFile:
    """An activity with its front matter and the brief's outline; photos go in the folder of the same name."""
    stem = file_stem(day, title)
    dates = [f"start: {day.isoformat()}", f"end: {end.isoformat()}"] if end and end != day else \
        [f"date: {day.isoformat()}"]
    lines = [
        "---",
        f"title: {scalar(title)}",
        *dates,
        f"departments: {flow_list(departments)}",
        _line("tasks", flow_list(tasks), "对应任务编号（见实施方案的任务分解），可以写几个"),
        _line("place", scalar(place) if place else "", "地点"),
        _line("participants", "", "参加人数，只写数字"),
        _line("tags", "[]", "类型标签，如 [道德讲堂]、[志愿服务]、[我们的节日·清明]"),
        *([_line("reported", "", "报送日期：图文简报上报的日期，如 " + day.isoformat())] if reported_field else []),
        _line("photos", "", f"现场照片放进文件夹 {stem}/，再逐张列在下面："),
        "#  - file: 01.jpg",
        "#    caption: 照片说明",
        "---",
        "",
        BRIEF,
    ]
    return NewFile(f"{day.year}/activities/{stem}.md", "\n".join(lines))


def quarter(day: dt.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def new_honor(day: dt.date, name: str, category: str, deed: str, *, department: str = "", identity: str = "",
              period: str = "") -> NewFile:
    """An honour-roll entry, nominated and without consent until the person agrees (never on the board by default)."""
    who = _line("department", scalar(department), "本单位职工写部门") if department else \
        _line("identity", scalar(identity), "不是本单位职工时写身份，如 退休职工、社区居民")
    lines = [
        "---",
        f"name: {scalar(name)}",
        who,
        _line("category", scalar(category), "助人为乐、见义勇为、诚实守信、敬业奉献、孝老爱亲，或 unit.yml 里的额外类别"),
        f"deed: {scalar(deed)}",
        f"date: {day.isoformat()}",
        _line("period", period or quarter(day), "在哪一季度的榜上公布"),
        _line("status", "推荐", "评议、公示通过后改为 通过，上榜后改为 公布"),
        _line("consent", "false", "本人同意公开后改为 true；通过且同意的才上榜"),
        _line("nominated_by", "", "推荐人：支部、部门或个人"),
        _line("photo", "", "照片（可选）：放进 honors/photos/，写 photos/文件名.jpg"),
        "---",
        "",
        "【事迹全文：时间、地点、做了什么、帮助了谁（不写受助人姓名）、有什么影响。】",
        "",
    ]
    return NewFile(f"{day.year}/honors/{file_stem(day, name)}.md", "\n".join(lines))


def new_document(day: dt.date, title: str, file_name: str, *, departments: tuple[str, ...] = (),
                 tasks: tuple[str, ...] = (), number: str = "", kind: str = "", schema: str | None = None) -> NewFile:
    """The `.yml` description that sits beside a document file in `documents/` (same name, `.yml`)."""
    lines = [
        *_modeline(schema),
        f"title: {scalar(title)}",
        f"date: {day.isoformat()}",
        f"file: {scalar(file_name)}",
        _line("number", scalar(number) if number else "", "文号，如 示总工〔2018〕6号"),
        _line("kind", scalar(kind) if kind else "", "材料类型：方案、制度、名单、会议记录、扫描件、截图……"),
        _line("departments", flow_list(departments), "责任部门"),
        _line("tasks", flow_list(tasks), "对应任务编号"),
        "",
    ]
    stem = PurePosixPath(file_name).stem
    return NewFile(f"{day.year}/documents/{stem}.yml", "\n".join(lines))


def document_name(day: dt.date, title: str, suffix: str) -> str:
    """Where a document file is copied to: `2018-03-22-学雷锋志愿服务活动方案.pdf`."""
    return f"{file_stem(day, title)}{suffix.lower()}"


# -- a new year ---------------------------------------------------------------------------------

_ISO = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")


def shift_dates(text: str, years: int) -> str:
    """Every `YYYY-MM-DD` moved by `years`; the last day of a month stays the last day (2月底: 28th or 29th)."""
    def move(m: re.Match) -> str:
        try:
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return m[0]
        last = calendar.monthrange(day.year, day.month)[1]
        target_last = calendar.monthrange(day.year + years, day.month)[1]
        return day.replace(year=day.year + years, day=target_last if day.day == last else min(day.day, target_last)
                           ).isoformat()
    return _ISO.sub(move, text)


def new_plan(plan_text: str, source_year: int, year: int) -> tuple[NewFile, list[str]]:
    """Next year's plan from an earlier one: dates moved, `2018年` → `2019年`, the document number cleared.

    Returns the file and the lines that still name the old year (to review).
    """
    text = shift_dates(plan_text, year - source_year).replace(f"{source_year}年", f"{year}年")
    old_number = re.search(r"^number:[ \t]*(.*?)[ \t]*$", text, flags=re.M)
    if old_number:
        note = f"文号：印发后填写（{source_year} 年为 {old_number[1]}）" if old_number[1] else "文号：印发后填写"
        text = text[:old_number.start()] + _line("number", "", note) + text[old_number.end():]
    leftovers = [f"第 {i} 行：{line.strip()}" for i, line in enumerate(text.split("\n"), 1)
                 if str(source_year) in line and not line.startswith("number:")]
    return NewFile(f"{year}/plan.yml", text), leftovers


def new_tallies(tallies_data: object, year: int, schema: str | None = None) -> NewFile:
    """This year's tallies.yml: last year's count items (id, name, unit) with no numbers yet."""
    counts = tallies_data.get("counts") if isinstance(tallies_data, dict) else None
    lines = [*_modeline(schema), f"# {year}年统计数字。字段说明见网站「用户指南 → 数据格式」。", "volunteers:",
             _line("  registered", "", "注册志愿者人数"), _line("  date", "", "统计日期"), "counts:"]
    for item in counts if isinstance(counts, list) else []:
        if isinstance(item, dict) and item.get("id") is not None:
            lines += [f"  - id: {scalar(item['id'])}", f"    name: {scalar(item.get('name') or item['id'])}"]
            if item.get("unit"):
                lines.append(f"    unit: {scalar(item['unit'])}")
            lines.append(_line("    values", "{}", "部门或支部编号: {月份: 数量}，如 zb1: {1: 3, 2: 3}"))
    if lines[-1] == "counts:":
        lines[-1] = "counts: []"
    return NewFile(f"{year}/tallies.yml", "\n".join(lines) + "\n")


# -- checking before writing ------------------------------------------------------------------

def _raw(new: NewFile, root: str) -> RawFile:
    path = f"{root}/{new.path}"
    text, offset = new.text, 0
    if new.path.endswith(".md"):
        text, body, offset, _ = split_front_matter(new.text, path)
        data, _ = parse_yaml(text, path, offset)
        return RawFile(path, new.path, data, body, ok=data is not None)
    data, _ = parse_yaml(text, path, offset)
    return RawFile(path, new.path, data, "", ok=data is not None)


def check_new(raw: RawRepo, new: list[NewFile], also: tuple[str, ...] = ()) -> list[Problem]:
    """The problems `wenming check` would report in the new files, were they written into `raw`.

    `also`: other files (relative to the data folder) that will exist too, such as a document's scan.
    """
    years = {y.year: replace(y, activities=list(y.activities), documents=list(y.documents), honors=list(y.honors))
             for y in raw.years}
    for item in new:
        parts = item.path.split("/")
        year = years.setdefault(int(parts[0]), RawYear(int(parts[0])))
        record = _raw(item, raw.root)
        if parts[1] == "plan.yml":
            year.plan = record
        elif parts[1] == "tallies.yml":
            year.tallies = record
        else:
            getattr(year, parts[1]).append(record)
    files = raw.files | {n.path for n in new} | set(also)
    repo = replace(raw, years=[years[y] for y in sorted(years)], files=frozenset(files), problems=[])
    paths = {f"{raw.root}/{n.path}" for n in new}
    # The template's bracketed hints are written on purpose: `wenming check` reports them until replaced.
    return [p for p in validate_repository(repo).problems if p.path in paths and PLACEHOLDER_LEFT not in p.message]
