"""The user guide keeps up with the code: every command, option, data field and check message is documented.

- Commands: the click tree of `wenming.cli.main` is walked (groups such as `export` and `new` included);
  each command is named in full (`wenming export archive`) on some page of site_src/guide/, and each of its
  options is written there too (`--as-of`, or its short form such as `-o`).
- Data fields: test_sample_site.py::test_data_format_page_documents_every_field checks that each validator's
  field list (`ACTIVITY_FIELDS`, `plan.TASK_FIELDS`, rule and score fields …) is on the built data-format page.
  This extends it to every field at every depth (a leading-group member's `post`, a photo's `caption`,
  tallies' `registered` and `values`, rule fields): the editor schemas in schemas/ are generated from the
  validators themselves (test_schema.py keeps them in step), so every property they hold must appear on
  data-format.md in backticks.
- Check messages: every family of message the cases in tests/invalid produce (matched by a distinctive
  substring, ERROR_FAMILIES) is explained on errors.md; and every `data/…` line that errors.md quotes is
  real: a line some case produces, or one whose fixed wording is in the package's source.
- Pages: every page under site_src/guide/ is in the 用户指南 nav of mkdocs.yml and linked from its index page.
"""

from __future__ import annotations

import json
import re

import click
import pytest
import yaml

from helpers import INVALID, ROOT
from wenming.cli import main

GUIDE = ROOT / "site_src" / "guide"
PAGES = sorted(p.name for p in GUIDE.glob("*.md"))
TEXT = "\n".join((GUIDE / p).read_text(encoding="utf-8") for p in PAGES)


# -- commands and options ----------------------------------------------------------------------

def command_tree(group: click.Group = main, path: tuple[str, ...] = ("wenming",)):
    """(path, command) for every command and group under `group`, depth first, by name."""
    for name in sorted(group.commands):
        command = group.commands[name]
        if command.hidden:
            continue
        yield path + (name,), command
        if isinstance(command, click.Group):
            yield from command_tree(command, path + (name,))


COMMANDS = list(command_tree())


def test_the_tree_has_the_groups():
    names = {" ".join(p) for p, _ in COMMANDS}
    assert {"wenming export archive", "wenming export ledger", "wenming new activity", "wenming new year"} <= names


@pytest.mark.parametrize("path", [" ".join(p) for p, _ in COMMANDS])
def test_every_command_is_in_the_guide(path):
    assert path in TEXT, f"`{path}` is not mentioned on any page of site_src/guide/"


def _mentioned(flag: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", TEXT) is not None


def _options() -> list[tuple[str, list[str]]]:
    out = []
    for path, command in [(("wenming",), main)] + COMMANDS:
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden:
                out.append((" ".join(path), param.opts + param.secondary_opts))
    return out


@pytest.mark.parametrize("command,flags", _options(), ids=lambda v: v if isinstance(v, str) else "/".join(v))
def test_every_option_is_in_the_guide(command, flags):
    assert any(_mentioned(f) for f in flags), f"{command}: none of {flags} is written on a guide page"


# -- data fields ----------------------------------------------------------------------------------

def _properties(node, out: set[str]) -> set[str]:
    """Every property name anywhere in a JSON schema (nested objects, items, rule branches …)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                out.update(value)
                for sub in value.values():
                    _properties(sub, out)
            else:
                _properties(value, out)
    elif isinstance(node, list):
        for item in node:
            _properties(item, out)
    return out


def test_every_field_at_every_depth_is_on_the_data_format_page():
    fields: set[str] = set()
    for schema in sorted((ROOT / "schemas").glob("*.json")):
        _properties(json.loads(schema.read_text(encoding="utf-8")), fields)
    assert {"caption", "post", "registered", "values", "max_per_month"} <= fields
    page = (GUIDE / "data-format.md").read_text(encoding="utf-8")
    code = " ".join(re.findall(r"`([^`\n]+)`", page))
    missing = sorted(f for f in fields if not re.search(rf"(?<![\w]){re.escape(f)}(?![\w])", code))
    assert missing == [], "fields not written (in backticks) on data-format.md"


# -- check messages ---------------------------------------------------------------------------------

ERROR_FAMILIES: dict[str, list[str]] = {
    "bad-visibility": ["应为 公开 / 内部 之一"],
    "conflict-markers": ["有 git 合并冲突留下的标记"],
    "count-with-unit": ["应为整数"],
    "flow-mapping-comma": ["值在逗号处被截断了"],
    "list-full-width-comma": ["用了全角的"],
    "list-chinese-brackets": ["用了全角的"],
    "yaml-colon-no-space": ["冒号后面少了一个空格"],
    "yaml-full-width-colon": ["后面用了全角冒号“：”"],
    "date-and-start": ["date 和 start/end 只能二选一"],
    "date-format": ["应为日期（如 2018-03-06）"],
    "document-missing-file": ["请把文件放进 documents/ 文件夹，或改正文件名"],
    "duplicate-key": ["字段重复出现"],
    "empty-file": ["文件是空的"],
    "empty-front-matter": ["信息块是空的"],
    "end-before-start": ["早于开始日期"],
    "float-task-id": ["会被当成小数"],
    "front-matter-not-mapping": ["信息块应为一组字段"],
    "honor-bad-category": ["额外的类别请加在 unit.yml 的 honor_categories 里"],
    "honor-bad-period": ["应为季度，如 2018-Q1 或 2018年第一季度", "应为 推荐 / 通过 / 公布 之一"],
    "honor-deed-too-long": ["不能超过 140 字"],
    "impossible-date": ["日期不存在"],
    "missing-photo": ["找不到照片"],
    "missing-required": ["缺少必填字段"],
    "no-front-matter": ["文件开头缺少信息块"],
    "not-utf8": ["文件不是 UTF-8 编码"],
    "orphan-document": ["这份材料没有说明文件"],
    "path-escape": ["跑到了数据文件夹外面"],
    "plan-bad-deadline": ["看不懂"],
    "plan-bad-frequency": ["看不懂"],
    "plan-bad-rule": ["没有这种规则", "不是我们的节日之一", "里没有统计项", "应为 每周 / 每月 / 每两个月 / 每季度 / 每半年 / 每年 之一",
                      "比例应写成小数或百分数", "规则至少要写"],
    "plan-bad-score": ["缺少必填字段", "里没有测评体系", "应为 达标得分 / 按比例 / 阶梯 / 人工评分 之一"],
    "plan-year-mismatch": ["但方案在"],
    "plan-duplicate-task": ["的实施方案里没有任务", "每项任务的编号要不同"],
    "plan-schedule-month-mismatch": ["的月份与 month"],
    "plan-task-in-wrong-category": ["的实施方案里没有任务", "编号的第一部分应为", "任务分解里没有任务"],
    "plan-unknown-lead": ["未知的部门"],
    "tally-bad-month": ["月份应为 1 到 12", "未知的部门或支部"],
    "unclosed-front-matter": ["信息块没有结束"],
    "unknown-department": ["未知的部门"],
    "unknown-field": ["未知字段，将被忽略"],
    "unknown-schedule": ["的活动安排表里没有"],
    "unknown-task": ["的实施方案里没有任务"],
    "unpublishable-photo": ["是一个网页（HTML）或文本，不是照片"],
    "wrong-type": ["应为整数"],
    "wrong-year-folder": ["文件夹里。请检查日期，或把文件移到"],
    "yaml-colon": ["这里不能出现冒号"],
    "yaml-syntax": ["没有成对，或列表项之间少了逗号"],
}
"""Each invalid case → distinctive substrings of its messages, one or more per line of its expected.txt."""


def _expected(case: str) -> list[str]:
    path = INVALID / case / "expected.txt"
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()] if path.exists() else []


CASES = sorted(p.name for p in INVALID.iterdir() if p.is_dir() and _expected(p.name))
ERRORS_PAGE = (GUIDE / "errors.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES)
def test_every_invalid_message_belongs_to_a_family(case):
    """A new case, or a new message in a case, needs its family here (and then on errors.md)."""
    assert case in ERROR_FAMILIES, f"tests/invalid/{case}: add its message families to ERROR_FAMILIES"
    lines = _expected(case)
    for line in lines:
        assert any(f in line for f in ERROR_FAMILIES[case]), f"{case}: no family matches {line!r}"
    for family in ERROR_FAMILIES[case]:
        assert any(family in line for line in lines), f"{case}: {family!r} is not in its expected.txt"


def test_no_family_for_a_case_that_is_gone():
    assert sorted(set(ERROR_FAMILIES) - set(CASES)) == []


@pytest.mark.parametrize("family", sorted({f for fs in ERROR_FAMILIES.values() for f in fs}))
def test_errors_page_explains_every_family(family):
    assert family in ERRORS_PAGE, f"errors.md does not explain messages like {family!r}"

_LOCATION = re.compile(r"^data/\S+?\.(?:md|yml|pdf|jpg)(?::\d+)?: (?:[A-Za-z_][\w.\[\]]*: )?", re.ASCII)
_SOURCE = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "wenming").rglob("*.py")))


def _quoted_lines(page: str) -> list[str]:
    blocks = re.findall(r"^```text\n(.*?)^```$", page, re.M | re.S)
    return [line for block in blocks for line in block.splitlines() if line.startswith("data/")]


def test_errors_page_quotes_real_messages():
    """A quoted line is one a case produces, or each run of its wording (outside quoted values) is in wenming/*.py."""
    produced = {line for case in CASES for line in _expected(case)}
    quoted = _quoted_lines(ERRORS_PAGE)
    assert len(quoted) > len(CASES)
    for line in quoted:
        if line in produced:
            continue
        message = _LOCATION.sub("", line).removeprefix("警告：")
        assert message != line, f"not a check message: {line!r}"
        for words in re.findall(r"[\u4e00-\u9fff]{2,}", re.sub(r'"[^"]*"', "", message)):  # the values aside
            assert words in _SOURCE, f"errors.md quotes {line!r}, but {words!r} is not in wenming/"


# -- pages in the nav ------------------------------------------------------------------------------

class _AnyTagLoader(yaml.SafeLoader):
    pass


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _nav_files(node) -> set[str]:
    if isinstance(node, str):
        return {node}
    if isinstance(node, dict):
        return {f for v in node.values() for f in _nav_files(v)}
    if isinstance(node, list):
        return {f for v in node for f in _nav_files(v)}
    return set()


def test_every_guide_page_is_in_the_nav_and_the_index():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    guide = next(item["用户指南"] for item in config["nav"] if isinstance(item, dict) and "用户指南" in item)
    assert {f"guide/{p}" for p in PAGES} <= _nav_files(guide)
    index = (GUIDE / "index.md").read_text(encoding="utf-8")
    assert [p for p in PAGES if p != "index.md" and f"]({p})" not in index] == []
