"""`wenming init`: start a unit's own records repository from nothing.

Asks for what the options do not give (name, level, staff, departments), checks the
new `unit.yml` and the empty plan as `wenming check` will, writes them and the files
a data repository keeps beside `data/` (never over an existing file), runs `git init`
when the folder is not in a repository yet, and says what to do next. The year comes
from `--year` or the edge's "as of" date (`settings.as_of`), never from the clock here.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import click

from .. import settings
from ..records import atomic
from ..records.load import RawFile, RawRepo
from ..records.yamltext import parse_yaml
from ..records.model import LEVELS
from ..records.problems import Problem
from ..records.unit import validate_unit
from .hook import install_hook
from .scaffold import NewFile, check_new
from .starter import (GITIGNORE, PRE_COMMIT_CONFIG, Department, missing_ignores, parse_departments, plan_skeleton,
                      unit_file, with_ignores)

STATUSES = ("保持", "创建")
OPTIONS = {"name": "--name", "short": "--short", "level": "--level", "status": "--status", "staff": "--staff",
           "departments": "--departments"}


def _fail(message: str, code: int = 1) -> None:
    click.echo(message, err=True)
    sys.exit(code)


def _ask_departments(given: str | None) -> list[Department]:
    """From `--departments`, else asked (again, after the reason, until it is right)."""
    if given is not None:
        departments, problems = parse_departments(given)
        if problems:
            _fail("\n".join(f"--departments: {p}" for p in problems) + "\n没有创建文件。请改正后重新运行。", 2)
        return departments
    click.echo("部门：写 名称:编号，几个部门用逗号分开，如 办公室:bgs,机关党委:jgdw；只写名称时编号取拼音首字母。")
    while True:
        departments, problems = parse_departments(click.prompt("部门"))
        if not problems:
            return departments
        for p in problems:
            click.echo(f"  {p}", err=True)


def _problems(unit: NewFile, plan: NewFile, root: str) -> list[Problem]:
    """What `wenming check` would say of the two new files (errors only)."""
    data, problems = parse_yaml(unit.text, f"{root}/{unit.path}")
    raw_unit = RawFile(f"{root}/{unit.path}", unit.path, data, "", ok=data is not None)
    validate_unit(raw_unit, problems)
    repo = RawRepo(root, raw_unit, [], frozenset({unit.path}), [])
    return [p for p in problems + check_new(repo, [plan]) if p.is_error]


def _ignores(gitignore: Path) -> str:
    """Add what a records repository never commits to the user's own .gitignore (its lines kept as they are)."""
    text = gitignore.read_bytes().decode("utf-8", errors="surrogateescape")
    if not (missing := missing_ignores(text)):
        return ""
    atomic.rewrite_file(gitignore, with_ignores(text, missing).encode("utf-8", errors="surrogateescape"))
    return "已存在，在末尾加上了 " + "、".join(missing)


def _width(text: str) -> int:
    """Columns on a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _in_git(folder: Path) -> bool:
    done = subprocess.run(["git", "rev-parse", "--is-inside-work-tree"], cwd=folder, capture_output=True, text=True)
    return done.returncode == 0 and done.stdout.strip() == "true"


@click.command("init")
@click.argument("folder", required=False, default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", help="单位全称，如 示例县档案馆。")
@click.option("--short", help="简称，网站标题用（默认同全称）。")
@click.option("--level", type=click.Choice(LEVELS), help="文明单位级别：县级 / 市级 / 省级 / 全国。")
@click.option("--status", type=click.Choice(STATUSES), help="保持（已获得，年度复查） / 创建（正在争创）。")
@click.option("--staff", type=click.IntRange(1), help="今年的职工总数（志愿者比例的分母）。")
@click.option("--departments", help="部室：名称:编号，用逗号分开，如 \"办公室:bgs,机关党委:jgdw\"；只写名称时编号取拼音首字母。")
@click.option("--year", type=click.IntRange(1990, 2100),
              help="第一年的年份（默认：今年，即“数据截至”日期所在的年份）。")
def init(folder: Path, name: str | None, short: str | None, level: str | None, status: str | None,
         staff: int | None, departments: str | None, year: int | None) -> None:
    """新建一个单位的文明创建记录仓库（文件夹，默认当前文件夹）：单位信息、今年的空白实施方案、git 仓库。"""
    try:
        year = year or settings.as_of().year
    except settings.SettingsError as exc:
        _fail(f"{settings.AS_OF_ENV}: {exc}", 2)
    data_dir = folder / "data"
    root = settings.display_path(data_dir)
    for rel in ("unit.yml", f"{year}/plan.yml"):
        if (data_dir / rel).exists():
            _fail(f"{root}/{rel}: 文件已存在，没有覆盖，什么也没有创建。这里已经有记录了：直接编辑它们，"
                  f"或换一个空文件夹运行 wenming init。")
    name = name or click.prompt("单位全称（如 示例县档案馆）")
    short = short or click.prompt("简称（网站标题用）", default=name)
    level = level or click.prompt("文明单位级别", type=click.Choice(LEVELS))
    status = status or click.prompt("保持（已获得，年度复查）还是创建（正在争创）", type=click.Choice(STATUSES),
                                    default="保持")
    staff = staff or click.prompt(f"{year} 年职工总数", type=click.IntRange(1))
    orgs = _ask_departments(departments)
    unit = unit_file(name, short, level, status, year, staff, orgs)
    plan = plan_skeleton(year, orgs[0].id)
    errors = _problems(unit, plan, root)
    if errors:
        for p in errors:
            option = OPTIONS.get(p.field.split("[")[0].split(".")[0])
            click.echo(f"{option}: {p.message}" if option else p.format(), err=True)
        _fail("没有创建文件。请改正后重新运行。", 2)

    made: list[tuple[str, str]] = []
    kept: list[tuple[str, str]] = []
    for item, note in ((unit, f"单位信息：{len(orgs)} 个部门，{year} 年职工 {staff} 人"),
                       (plan, f"{year} 年实施方案：空白，待填写任务分解")):
        target = data_dir / item.path
        atomic.create_text(target, item.text)  # whole or not at all, never over a file
        made.append((settings.display_path(target), note))
    for file_name, text, note in ((".gitignore", GITIGNORE, "不提交生成的网站、缓存和导出的台账"),
                                  (".pre-commit-config.yaml", PRE_COMMIT_CONFIG, "提交前自动运行 wenming check")):
        target = folder / file_name
        if target.exists():
            kept.append((settings.display_path(target), _ignores(target) if file_name == ".gitignore" else ""))
            continue
        atomic.create_text(target, text)
        made.append((settings.display_path(target), note))
    git = shutil.which("git") is not None
    if git and not _in_git(folder):
        subprocess.run(["git", "init", "-q", str(folder)], check=True)
        made.append(("git init", "新建 git 仓库"))
    if git and (hook := install_hook(folder)):
        (made if hook[1] else kept).append((settings.display_path(hook[0]), "提交前检查记录和照片（不依赖 PATH）"
                                            if hook[1] else "已存在，没有改动（不是 wenming 的提交前检查）"))

    where = settings.display_path(folder)
    click.echo(f"已在 {'当前文件夹' if where == '.' else where} 新建 {name} 的文明创建记录：")
    rows = made + [(path, note or "已存在，没有改动") for path, note in kept]
    width = max(_width(p) for p, _ in rows)
    for path, note in rows:
        click.echo(f"  {path}{' ' * (width - _width(path))}  {note}")
    if not git:
        click.echo("  没有找到 git：装好 git 后在这个文件夹运行 git init。")
    click.echo("部门编号：" + "、".join(f"{d.id} {d.name}" for d in orgs))
    click.echo("下一步：")
    step = 1
    if where != ".":
        click.echo(f"  {step}. 进入这个文件夹：cd {where}")
        step += 1
    click.echo(f"  {step}. 打开 data/{year}/plan.yml，照单位印发的实施方案填写任务分解（写法见 用户指南 → 从零开始）；")
    click.echo("     方案有 Word 或 PDF 版的，删掉这个空白方案，用 wenming import plan 方案.docx 导入。")
    click.echo(f"  {step + 1}. 运行 wenming check 检查，wenming build 生成网站，用浏览器打开 build/index.html。")
    click.echo(f'  {step + 2}. 提交：git add -A && git commit -m "{year}年度实施方案"')
