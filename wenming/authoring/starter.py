"""The files of a new unit's repository, for `wenming init` and a first `wenming new year`. Pure: text in, text out.

`unit_file` writes `data/unit.yml` from the answers; `plan_skeleton` an empty plan
that passes `wenming check` and says in comments what to fill in; `GITIGNORE` and
`PRE_COMMIT_CONFIG` the two files a data repository keeps beside `data/`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pypinyin import Style, lazy_pinyin

from .scaffold import NewFile, _line, scalar


@dataclass(frozen=True)
class Department:
    name: str
    """全称, such as 办公室."""
    id: str
    """The short ASCII id records use, such as bgs."""


_SEPARATORS = re.compile(r"[,，、;；\n]+")


def department_id(name: str) -> str:
    """Pinyin initials, as the sample names them: 办公室 → bgs, 机关党委 → jgdw; Latin letters and digits kept."""
    letters = lazy_pinyin(name, style=Style.FIRST_LETTER, errors=lambda chars: list(chars))
    return re.sub(r"[^a-z0-9]+", "", "".join(letters).lower())


def parse_departments(text: str) -> tuple[list[Department], list[str]]:
    """`办公室:bgs,机关党委:jgdw` (or a name alone: its id is its pinyin initials) → departments, and problems.

    Full-width `：` `，` `、` are accepted. A clash of generated ids gets `2`, `3` …; a clash of given
    ids, a bad id or an empty name is a problem (in Chinese, with the fix).
    """
    out: list[Department] = []
    problems: list[str] = []
    taken: dict[str, str] = {}
    for item in (w.strip() for w in _SEPARATORS.split(text)):
        if not item:
            continue
        name, given = (p.strip() for p in re.split(r"[:：]", item, maxsplit=1)) if re.search(r"[:：]", item) \
            else (item, "")
        if not name:
            problems.append(f'"{item}"：缺少部门名称。请写成 名称:编号，如 办公室:bgs。')
            continue
        dept_id = given.lower() if given else department_id(name)
        if given and not re.fullmatch(r"[a-z0-9][a-z0-9-]*", dept_id):
            problems.append(f'"{item}"：编号只能用小写字母、数字和 -，实际为 "{given}"。例如拼音首字母 {department_id(name) or "bgs"}。')
            continue
        if not dept_id:
            problems.append(f'"{item}"：从名称得不出编号。请写成 名称:编号，如 {name}:bgs。')
            continue
        if dept_id in taken:
            if given:
                problems.append(f'"{item}"：编号 "{dept_id}" 重复（{taken[dept_id]}已使用）。请换一个编号。')
                continue
            n = 2
            while f"{dept_id}{n}" in taken:
                n += 1
            dept_id = f"{dept_id}{n}"
        taken[dept_id] = name
        out.append(Department(name, dept_id))
    if not out and not problems:
        problems.append("至少要有一个部门。请写成 名称:编号，几个部门用逗号分开，如 办公室:bgs,机关党委:jgdw。")
    return out, problems


def unit_file(name: str, short: str, level: str, status: str, year: int, staff: int,
              departments: list[Department], schema: str | None = None) -> NewFile:
    """`data/unit.yml`, with a note on each field and the fields a unit adds later shown in comments."""
    lines = [
        *([f"# yaml-language-server: $schema={schema}"] if schema else []),
        "# 单位信息。字段说明见网站「用户指南 → 数据格式」。",
        _line("name", scalar(name), "单位全称"),
        _line("short", scalar(short or name), "简称，网站标题用"),
        _line("level", level, "文明单位级别：市级 / 省级 / 全国"),
        _line("status", status, "保持（已获得，年度复查） / 创建（正在争创）"),
        _line("staff", "", "每年职工总数（志愿者比例的分母），每年加一行"),
        f"  {year}: {staff}",
        _line("departments", "", "部室；编号一经使用不要再改，记录里写编号或全称都可以"),
    ]
    for d in departments:
        lines += [f"  - id: {d.id}", f"    name: {scalar(d.name)}"]
    lines += [
        "# branches:                  # 党支部（可选），好人线索等按支部统计的数字用：",
        "#   - id: zb1",
        "#     name: 机关第一党支部",
        "# honor_categories:          # 善行义举榜的额外类别（可选），如：",
        "#   - 热心公益",
        "",
    ]
    return NewFile("unit.yml", "\n".join(lines))


def plan_skeleton(year: int, lead: str, schema: str | None = None) -> NewFile:
    """An empty plan for `year` that passes `wenming check`: the title set, everything else in comments.

    `lead`: a department id of the unit, so the commented example task passes once uncommented.
    """
    lines = [
        *([f"# yaml-language-server: $schema={schema}"] if schema else []),
        f"# {year}年度实施方案（含任务分解和活动安排表）。字段说明见网站「用户指南 → 数据格式」。",
        "# 照单位印发的实施方案逐项填写；还没填的字段留空或保持注释，wenming check 照样通过。",
        _line("title", f"{year}年度精神文明建设工作实施方案", "方案标题，照印发的文件改"),
        _line("number", "", f"文号，如 洛市直文明委〔{year}〕1号，印发后填写"),
        _line("issued", "", f"印发日期，如 {year}-02-15"),
        "",
        "# 指导思想、创建目标、工作要求：照方案原文抄录（可选），如：",
        "# guiding: |",
        "#   ……",
        "",
        "# 领导小组（可选）：",
        "# leading_group:",
        "#   - {role: 组长, name: 王某某, post: 党组书记}",
        "",
        "# 实施阶段：照方案的“方法步骤”填写，首页据此显示当前阶段，如：",
        "# phases:",
        f"#   - {{name: 宣传发动, start: {year}-01-01, end: {year}-03-31}}",
        f"#   - {{name: 全面实施, start: {year}-04-01, end: {year}-10-31}}",
        f"#   - {{name: 巩固迎验, start: {year}-11-01, end: {year}-12-31}}",
        "",
        "# 任务分解：方案的核心。每个方面一项，下面逐条写任务：编号、标题、原文、时限、佐证要求；",
        "# 时限（deadline）和考核规则（rules）决定网站上每项任务是 达标、进行中、有风险 还是 逾期。",
        "# 填写时把下面一行的 [] 删掉，再照它下面的例子写（例子各行去掉行首的 #）：",
        "categories: []",
        "#   - number: 1",
        "#     title: 创建工作机制方面",
        f"#     lead: [{lead}]",
        "#     tasks:",
        '#       - id: "1-1"',
        "#         title: 制定年度创建工作实施方案",
        f"#         text: 制定{year}年度精神文明单位创建工作实施方案。",
        "#         deadline: 2月中旬前",
        "#         evidence: 上传实施方案正式文件",
        "",
        "# 活动安排表（可选）：每月安排的活动，如：",
        "# schedule:",
        '#   - {id: "03-1", month: 3, when: 3月5日, activity: 学雷锋志愿服务活动, report: 活动结束5日内}',
        "",
    ]
    return NewFile(f"{year}/plan.yml", "\n".join(lines))


IGNORED = ("build/", ".cache/", "导出/", "*台账*.xlsx", "*台账*.csv", "*台账*.zip", ".*.wenming-tmp-*")
"""What a records repository never commits: the built site, the photo cache, the exports (in 导出/, where
`wenming export` writes without `-o`, or named as the guide names them: 台账.xlsx, 台账-2018.csv,
文明创建台账-2018.zip) and what a killed run of wenming left."""
GITIGNORE = """\
# wenming：不提交到 git 的文件。生成的网站、处理过的照片等缓存由 wenming build 重新生成，
# 导出的台账表格和压缩包由 wenming export 重新导出。
""" + "\n".join(IGNORED) + """
__pycache__/
*.pyc
"""


def missing_ignores(text: str) -> list[str]:
    """The lines of IGNORED that the .gitignore `text` lacks (`/build/` or `build` counts as `build/`)."""
    have = {line.strip().strip("/") for line in text.splitlines()}
    return [p for p in IGNORED if p.strip("/") not in have]


def with_ignores(text: str, missing: list[str]) -> str:
    """`text` with the `missing` lines added at its end (in its own line ends), under a comment saying why."""
    end = "\r\n" if "\r\n" in text else "\n"
    head = text if not text or text.endswith("\n") else text + end
    added = ["# wenming（wenming init 添加）：生成的网站、照片缓存和导出的台账不提交。", *missing]
    return head + end.join(added) + end

PRE_COMMIT_CONFIG = """\
# 给 pre-commit 工具（pip install pre-commit）用的提交前检查设置。wenming init 已经在 .git/hooks/pre-commit
# 装好了提交前检查，不装 pre-commit 工具也会检查；用 pre-commit 工具时，在这个文件夹运行一次 pre-commit install，
# 之后每次 git commit 前都会运行 wenming check：记录有错误、或要提交的照片带有拍摄地点时，提交会被拦下。
# 见网站「用户指南 → 日常录入」。
repos:
  - repo: local
    hooks:
      - id: wenming-check
        name: wenming check
        entry: wenming check --staged
        language: system
        pass_filenames: false
        files: ^data/
"""
"""Uses the installed `wenming` (a data-only repository has no copy of wenming's hook manifest)."""
