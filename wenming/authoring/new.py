"""`wenming new …` and `wenming schema`: the commands that write files for the people who keep the records.

Thin: the templates are in :mod:`wenming.authoring.scaffold`, the schemas in :mod:`wenming.authoring.schema`.
Here we ask for what is missing, check the new record as `wenming check` would,
write it (never over an existing file) and say what to do next.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from pathlib import Path, PurePosixPath
from typing import Callable

import click

from . import scaffold
from .starter import plan_skeleton
from .. import settings
from ..records import atomic
from ..records.load import RawRepo, load_repository
from ..records.problems import Problem
from .schema import GLOBS, RECORDS, build_schemas, render_schema
from ..records.slugs import unique_slugs
from ..records.unit import validate_unit

GUIDE = Path(__file__).resolve().parents[2] / "site_src" / "guide" / "data-format.md"


def _data_option(f):
    return click.option("--data", "data", type=click.Path(file_okay=False, path_type=Path),
                        help="数据文件夹，默认为项目根目录下的 data/。")(f)


def _parse_date(text: str, option: str | None = None) -> dt.date:
    try:
        return dt.date.fromisoformat(str(text).strip())
    except ValueError:
        raise click.BadParameter(f'应为日期（如 2018-03-06），实际为 "{text}"。请写成 年-月-日。',
                                 param_hint=option) from None


def _words(values: tuple[str, ...] | str) -> tuple[str, ...]:
    """`--department xjb --department jgdw` or `xjb, jgdw` / `xjb 、jgdw` → ("xjb", "jgdw")."""
    text = ",".join(values) if isinstance(values, tuple) else values
    return tuple(w for w in re.split(r"[,，、;；\s]+", text) if w)


class _Asker:
    """Values from options, else from prompts; a prompted value the check rejects is asked again."""

    def __init__(self, given: dict[str, object]):
        self.values = {k: v for k, v in given.items() if v not in (None, "", ())}
        self.prompts: dict[str, tuple[str, Callable, str | None]] = {}
        self.prompted: set[str] = set()

    def need(self, key: str, text: str, convert: Callable = str, default: str | None = None) -> None:
        self.prompts[key] = (text, convert, default)
        if key not in self.values:
            self.ask(key)

    def ask(self, key: str) -> None:
        text, convert, default = self.prompts[key]
        self.values[key] = click.prompt(text, default=default, value_proc=convert, show_default=bool(default))
        self.prompted.add(key)

    def __getitem__(self, key: str):
        return self.values.get(key)


def _repo(data: Path | None) -> tuple[Path, RawRepo]:
    data_dir = data if data is not None else settings.data_dir(Path.cwd())
    raw = load_repository(data_dir, settings.display_path(data_dir))
    if raw.unit is None or not raw.unit.ok:
        _fail(f"{raw.root}/unit.yml: 缺少或读不出单位信息。请先运行 wenming check 并改正。")
    return data_dir, raw


def _fail(message: str, code: int = 1) -> None:
    click.echo(message, err=True)
    sys.exit(code)


def _schema_ref(data_dir: Path, target: Path, record: str) -> str | None:
    """The `$schema` path from a new YAML file to the repository's `schemas/<record>.json`, if it has one."""
    schema = data_dir.resolve().parent / "schemas" / f"{record}.json"
    return Path(os.path.relpath(schema, target.resolve().parent)).as_posix() if schema.is_file() else None


def _create(data_dir: Path, raw: RawRepo, asker: _Asker, build: Callable[[], list[scaffold.NewFile]],
            options: dict[str, str], also: tuple[str, ...] = ()) -> list[scaffold.NewFile]:
    """Build, check and write the new files (never over an existing one)."""
    while True:
        new = build()
        for item in new:
            if (data_dir / item.path).exists():
                _fail(f"{_show(raw, item.path)}: 文件已存在，没有覆盖。请换一个名称，或直接编辑这个文件。")
        errors = [p for p in scaffold.check_new(raw, new, also) if p.is_error]
        if not errors:
            break
        keys = {_key(p, options) for p in errors}
        if keys <= asker.prompted:  # every rejected value was typed at a prompt: say why, ask again
            for p in errors:
                click.echo(f"  {p.message}", err=True)
            for key in sorted(keys):
                asker.ask(key)
            continue
        for p in errors:
            option = options.get(_key(p, options) or "")
            click.echo(f"{option}: {p.message}" if option else p.format(), err=True)
        _fail("没有创建文件。请改正后重新运行。", 2 if None not in keys else 1)
    for item in new:  # each whole or not at all, never over a file (another `new` may have made it meanwhile)
        atomic.create_text(data_dir / item.path, item.text)
    return new


def _key(problem: Problem, options: dict[str, str]) -> str | None:
    """The value a problem is about (`departments[2]` → `departments`), if the user gave it."""
    name = re.sub(r"\[\d+\]$", "", problem.field)
    return name if name in options else None


def _show(raw: RawRepo, path: str) -> str:
    return f"{raw.root}/{path}"


def _unit(raw: RawRepo):
    return validate_unit(raw.unit, [])


def _orgs_hint(raw: RawRepo) -> None:
    unit = _unit(raw)
    click.echo("部门编号：" + "、".join(f"{o.id} {o.name}" for o in unit.departments + unit.branches))


def _commit_hint(paths: list[str], message: str) -> str:
    quoted = " ".join(f'"{p}"' for p in dict.fromkeys(paths))  # each path once
    return f'git add {quoted} && git commit -m "{message}"'


@click.group("new")
def new() -> None:
    """新建一条记录（活动、善行义举、佐证材料）或新一年的实施方案。"""


@new.command("activity")
@_data_option
@click.option("--date", "date", help="活动日期，如 2018-03-06（跨几天的活动是开始日期）。")
@click.option("--end", "end", help="跨几天的活动：结束日期。")
@click.option("--title", help="活动名称，如 第一期道德讲堂。")
@click.option("--department", "departments", multiple=True, help="组织部门编号或全称，可写几次或用逗号分开。")
@click.option("--task", "tasks", multiple=True, help="对应任务编号，如 5-2，可写几次或用逗号分开。")
@click.option("--place", default="", help="地点。")
def new_activity(data: Path | None, date: str | None, end: str | None, title: str | None,
                 departments: tuple[str, ...], tasks: tuple[str, ...], place: str) -> None:
    """新建一条活动记录（图文简报），并建好放照片的文件夹。"""
    data_dir, raw = _repo(data)
    asker = _Asker({"date": _parse_date(date, "--date") if date else None, "title": title,
                    "departments": _words(departments)})
    asker.need("date", "活动日期（如 2018-03-06）", _parse_date, dt.date.today().isoformat())
    asker.need("title", "活动名称")
    if "departments" not in asker.values:
        _orgs_hint(raw)
    asker.need("departments", "组织部门（编号或全称，几个部门用逗号分开）", _words)
    end_day = _parse_date(end, "--end") if end else None
    year = asker["date"].year
    _need_plan(raw, year)

    def build() -> list[scaffold.NewFile]:
        return [scaffold.new_activity(asker["date"], asker["title"], asker["departments"], end=end_day,
                                      tasks=_words(tasks), place=place,
                                      reported_field=_unit(raw).report_dates == "reported")]
    options = {"date": "--date", "start": "--date", "end": "--end", "title": "--title",
               "departments": "--department", "tasks": "--task", "place": "--place"}
    item = _create(data_dir, raw, asker, build, options)[0]
    stem = PurePosixPath(item.path).stem
    (data_dir / str(year) / "activities" / stem).mkdir(exist_ok=True)
    stems = [PurePosixPath(r.rel).stem for y in raw.years if y.year == year for r in y.activities] + [stem]
    click.echo(f"已新建 {_show(raw, item.path)}（网站上的地址：{year}/activities/{unique_slugs(stems)[stem]}.html）")
    click.echo("下一步：")
    click.echo(f"  1. 现场照片放进 {_show(raw, f'{year}/activities/{stem}')}/（文件夹已建好），在 photos 下逐张列出。")
    click.echo("  2. 打开这个文件，把【】里的提示换成图文简报正文，补上地点、参加人数和标签。")
    for task, evidence in _evidence(raw, year, _words(tasks)):
        click.echo(f"     任务 {task} 的佐证要求：{evidence}")
    click.echo("  3. 运行 wenming check 检查。")
    click.echo(f"  4. 提交：{_commit_hint([_show(raw, f'{year}/activities')], '活动：' + asker['title'])}")


@new.command("honor")
@_data_option
@click.option("--date", "date", help="事迹日期，如 2018-03-15。")
@click.option("--name", help="姓名。")
@click.option("--department", default="", help="所在部门（本单位职工）。")
@click.option("--identity", default="", help="身份（不是本单位职工时），如 社区居民。")
@click.option("--category", help="类别：助人为乐、见义勇为、诚实守信、敬业奉献、孝老爱亲……")
@click.option("--deed", help="一句话事迹简介（不超过 140 字）。")
@click.option("--period", default="", help="公布期次，如 2018-Q1（默认：事迹日期所在季度）。")
def new_honor(data: Path | None, date: str | None, name: str | None, department: str, identity: str,
              category: str | None, deed: str | None, period: str) -> None:
    """新建一条善行义举榜记录（默认 推荐、未同意公开，不会上榜）。"""
    data_dir, raw = _repo(data)
    asker = _Asker({"date": _parse_date(date, "--date") if date else None, "name": name,
                    "department": department, "identity": identity, "category": category, "deed": deed})
    asker.need("date", "事迹日期（如 2018-03-15）", _parse_date, default=dt.date.today().isoformat())
    asker.need("name", "姓名")
    if not (department or identity):
        _orgs_hint(raw)
        asker.need("department", "所在部门（编号或全称；不是本单位职工直接回车）", default="")
        if not asker["department"]:
            asker.need("identity", "身份（如 退休职工、社区居民）")
    if not category:
        click.echo("类别：" + "、".join(_unit(raw).honor_categories))
    asker.need("category", "类别")
    asker.need("deed", "一句话事迹简介（不超过 140 字）")
    _need_plan(raw, asker["date"].year)

    def build() -> list[scaffold.NewFile]:
        return [scaffold.new_honor(asker["date"], asker["name"], asker["category"], asker["deed"],
                                   department=asker["department"] or "", identity=asker["identity"] or "",
                                   period=period)]
    options = {"date": "--date", "name": "--name", "department": "--department", "identity": "--identity",
               "category": "--category", "deed": "--deed", "period": "--period"}
    item = _create(data_dir, raw, asker, build, options)[0]
    click.echo(f"已新建 {_show(raw, item.path)}")
    click.echo("下一步：")
    click.echo("  1. 打开这个文件，把【】里的提示换成事迹全文；有照片的放进 honors/photos/ 并填写 photo。")
    click.echo("  2. 评议、公示通过后把 status 改为 通过；本人同意公开后把 consent 改为 true，才会上榜。")
    click.echo("  3. 运行 wenming check 检查。")
    click.echo(f"  4. 提交：{_commit_hint([_show(raw, item.path)], '善行义举：' + asker['name'])}")


@new.command("document")
@_data_option
@click.option("--date", "date", help="印发或形成日期，如 2018-03-22。")
@click.option("--title", help="材料名称。")
@click.option("--file", "file", help="材料文件（PDF、扫描件、截图），会复制到 documents/ 里。")
@click.option("--number", default="", help="文号。")
@click.option("--kind", default="", help="材料类型，如 方案、制度、名单、会议记录、扫描件、截图。")
@click.option("--department", "departments", multiple=True, help="责任部门，可写几次或用逗号分开。")
@click.option("--task", "tasks", multiple=True, help="对应任务编号，可写几次或用逗号分开。")
def new_document(data: Path | None, date: str | None, title: str | None, file: str | None, number: str,
                 kind: str, departments: tuple[str, ...], tasks: tuple[str, ...]) -> None:
    """新建一份佐证材料：把文件复制到 documents/，旁边写好同名的 .yml 说明。"""
    data_dir, raw = _repo(data)
    asker = _Asker({"date": _parse_date(date, "--date") if date else None, "title": title,
                    "file": _existing_file(file, "--file") if file else None})
    asker.need("date", "日期（如 2018-03-22）", _parse_date, default=dt.date.today().isoformat())
    asker.need("title", "材料名称")
    asker.need("file", "材料文件的路径", _existing_file)
    year = asker["date"].year
    _need_plan(raw, year)
    folder = data_dir / str(year) / "documents"
    source: Path = asker["file"]
    in_place = source.resolve().parent == folder.resolve()
    name = source.name if in_place else scaffold.document_name(asker["date"], asker["title"], source.suffix)
    if PurePosixPath(name).suffix.lower() == ".yml":  # it would be the description's own path
        _fail(f'{source}: 材料文件不能是 .yml 文件（documents/ 里的 .yml 是材料的说明，会和它写到同一个文件）。'
              "请先另存为 PDF 或图片，再用 --file 指定。", 2)
    if not in_place and (folder / name).exists():
        _fail(f"{_show(raw, f'{year}/documents/{name}')}: 文件已存在，没有覆盖。请换一个材料名称（--title）。")

    def build() -> list[scaffold.NewFile]:
        target = folder / f"{PurePosixPath(name).stem}.yml"
        return [scaffold.new_document(asker["date"], asker["title"], name, departments=_words(departments),
                                      tasks=_words(tasks), number=number, kind=kind,
                                      schema=_schema_ref(data_dir, target, "document"))]
    options = {"date": "--date", "title": "--title", "file": "--file", "number": "--number", "kind": "--kind",
               "departments": "--department", "tasks": "--task"}
    item = _create(data_dir, raw, asker, build, options, also=(f"{year}/documents/{name}",))[0]
    if not in_place:  # never over an existing file
        atomic.create_copy(folder / name, source)
    copied = "" if in_place else f"，并把文件复制为 {_show(raw, f'{year}/documents/{name}')}"
    click.echo(f"已新建 {_show(raw, item.path)}{copied}")
    click.echo("下一步：")
    missing = [word for word, given in (("文号", number), ("材料类型", kind), ("责任部门", departments),
                                        ("对应任务", tasks)) if not given]
    click.echo(f"  1. 打开 .yml 说明，补上{'、'.join(missing)}。" if missing else "  1. 打开 .yml 说明核对一遍。")
    click.echo("  2. 运行 wenming check 检查。")
    paths = [_show(raw, item.path)] + ([] if in_place else [_show(raw, f"{year}/documents/{name}")])
    click.echo(f"  3. 提交：{_commit_hint(paths, '材料：' + asker['title'])}")


def _existing_file(text: str, option: str | None = None) -> Path:
    path = Path(str(text).strip().strip("'\""))
    if not path.is_file():
        raise click.BadParameter(f'找不到文件 "{text}"。请检查路径（可以把文件拖进这个窗口）。', param_hint=option)
    return path


@new.command("year")
@_data_option
@click.argument("year", type=click.IntRange(1990, 2100))
def new_year(data: Path | None, year: int) -> None:
    """开始新一年（年度，如 2026）：照最近一年的实施方案复制，日期顺延，记录不复制；没有往年的方案时新建空白方案。"""
    data_dir, raw = _repo(data)
    earlier = [y for y in raw.years if y.year < year and y.plan is not None and y.plan.ok]
    if any(y.year == year and y.plan is not None for y in raw.years):
        _fail(f"{raw.root}/{year}/plan.yml: 文件已存在，没有覆盖。要重新开始请先删除它。")
    if not earlier:
        _first_year(data_dir, raw, year)
        return
    source = earlier[-1]
    plan_text = (data_dir / source.plan.rel).read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    plan, leftovers = scaffold.new_plan(plan_text, source.year, year)
    new = [plan]
    if source.tallies is not None and source.tallies.ok:
        target = data_dir / str(year) / "tallies.yml"
        new.append(scaffold.new_tallies(source.tallies.data, year, _schema_ref(data_dir, target, "tallies")))
    _create(data_dir, raw, _Asker({}), lambda: new, {})
    diff = year - source.year
    click.echo(f"已新建 {_show(raw, plan.path)}：照 {source.year} 年的实施方案复制，"
               f"日期顺延 {diff} 年，“{source.year}年”改为“{year}年”。")
    if len(new) > 1:
        click.echo(f"已新建 {_show(raw, new[1].path)}：统计项照 {source.year} 年，数字空着。")
    click.echo("活动、材料、善行义举等记录没有复制。请逐项核对新方案：")
    click.echo("  - title 标题、number 文号、issued 印发日期：按今年印发的文件填写；")
    click.echo("  - leading_group 领导小组：人员有变动的请修改；")
    click.echo("  - phases 实施阶段：日期已顺延，请按今年的安排调整；")
    click.echo("  - categories 任务分解：按今年的方案增删任务，核对时限、次数、考核规则（rules）和评分（score）；")
    click.echo("  - schedule 活动安排表：when 里的日期是照抄的，节日的日期每年不同（如端午、中秋），请改成今年的；")
    if year not in _unit(raw).staff:
        click.echo(f"  - {raw.root}/unit.yml：在 staff 下添加一行 {year}: 职工人数；")
    if leftovers:
        click.echo(f"  - 以下各行还写着 {source.year}，请确认是否要改：")
        for line in leftovers:
            click.echo(f"      {line}")
    click.echo(f"然后运行 wenming check，再提交：{_commit_hint([_show(raw, str(year))], f'{year}年度实施方案')}")


def _first_year(data_dir: Path, raw: RawRepo, year: int) -> None:
    """No earlier plan to copy: an empty plan that passes the check and says in comments what to fill in."""
    unit = _unit(raw)
    lead = (unit.departments + unit.branches)[0].id if unit.departments + unit.branches else "bgs"
    target = data_dir / str(year) / "plan.yml"
    plan = plan_skeleton(year, lead, _schema_ref(data_dir, target, "plan"))
    _create(data_dir, raw, _Asker({}), lambda: [plan], {})
    click.echo(f"已新建 {_show(raw, plan.path)}：空白的实施方案（没有 {year} 年以前的方案可以照抄），"
               "wenming check 可以通过。请照单位印发的实施方案填写：")
    click.echo("  - title 标题、number 文号、issued 印发日期；")
    click.echo("  - phases 实施阶段、categories 任务分解（每项任务的时限和佐证要求）、schedule 活动安排表，"
               "文件里有例子，写法见 用户指南 → 从零开始；")
    click.echo(f"  - 方案有 Word 或 PDF 版的，删掉这个空白方案，用 wenming import plan 方案.docx --year {year} 导入；")
    if year not in unit.staff:
        click.echo(f"  - {raw.root}/unit.yml：在 staff 下添加一行 {year}: 职工人数；")
    click.echo(f"然后运行 wenming check，再提交：{_commit_hint([_show(raw, str(year))], f'{year}年度实施方案')}")


def _need_plan(raw: RawRepo, year: int) -> None:
    if not any(y.year == year and y.plan is not None for y in raw.years):
        _fail(f"{raw.root}/{year}/plan.yml: 还没有 {year} 年的实施方案。请先运行 wenming new year {year}。")


def _evidence(raw: RawRepo, year: int, task_ids: tuple[str, ...]) -> list[tuple[str, str]]:
    """The plan's evidence requirement (`含现场图片3张`) of each task a new record names."""
    plan = next((y.plan for y in raw.years if y.year == year and y.plan is not None), None)
    data = plan.data if plan is not None and isinstance(plan.data, dict) else {}
    tasks = {str(t.get("id")): t.get("evidence") for c in data.get("categories") or [] if isinstance(c, dict)
             for t in c.get("tasks") or [] if isinstance(t, dict)}
    return [(t, str(tasks[t])) for t in task_ids if tasks.get(t)]


@click.command("schema")
@click.option("-o", "--out", "out", type=click.Path(file_okay=False, path_type=Path), default=Path("schemas"),
              show_default=True, help="输出文件夹。")
def schema(out: Path) -> None:
    """生成编辑器用的 JSON Schema（字段补全、悬停说明、红色波浪线），每种记录一个 .json 文件，写到 -o 指定的文件夹。"""
    guide = GUIDE.read_text(encoding="utf-8") if GUIDE.is_file() else None
    out.mkdir(parents=True, exist_ok=True)
    for name, body in build_schemas(guide).items():
        text = render_schema(body)
        atomic.replace_file(out / f"{name}.json", lambda tmp: tmp.write_text(text, encoding="utf-8", newline="\n"))
    click.echo(f"已生成 {len(RECORDS)} 个文件到 {out.as_posix()}/：" + "、".join(f"{n}.json" for n in RECORDS))
    yml = {f"./{(out / f'{n}.json').as_posix()}": list(g) for n, g in GLOBS.items() if g[0].endswith(".yml")}
    click.echo("VS Code（YAML 插件 redhat.vscode-yaml）的 .vscode/settings.json 中写：")
    click.echo('"yaml.schemas": ' + render_schema(yml).strip())
