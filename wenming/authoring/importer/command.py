"""`wenming import plan`: the command line over :func:`import_plan` (reads the document, writes the draft)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ... import settings
from ...records.atomic import create_text
from ...records.load import load_repository
from .draft import ImportProblem, import_plan


@click.group("import")
def import_group() -> None:
    """从单位的文件导入记录（如年度实施方案）。"""


@import_group.command("plan")
@click.argument("documents", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--year", type=click.IntRange(1990, 2100), help="方案的年度，如 2019（默认：方案标题里的年份）。")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
              help="草稿写到哪里，默认 data/<年度>/plan.yml。")
@click.option("--data", "data", type=click.Path(file_okay=False, path_type=Path),
              help="数据文件夹，默认为项目根目录下的 data/（用其中 unit.yml 的部门对应方案里的部门）。")
def import_plan_command(documents: tuple[Path, ...], year: int | None, output: Path | None, data: Path | None) -> None:
    """把实施方案（.docx、带文字层的 .pdf、.txt、.md；.doc、.wps 需先另存为 .docx）导入为 plan.yml 草稿：检查通过，
    待确认处有注释。方案的任务分解、活动安排在附件里时，把附件跟在方案后面一起导入：方案.docx 附件1.docx …"""
    data_dir = data if data is not None else settings.data_dir(Path.cwd())
    raw = load_repository(data_dir, settings.display_path(data_dir))
    try:
        result = import_plan(list(documents), raw, year)
    except ImportProblem as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    target = output if output is not None else data_dir / str(result.draft.year) / "plan.yml"
    if target.exists():
        click.echo(f"{target}: 文件已存在，没有覆盖。请用 -o 写到别的文件，对照后再手工合并。", err=True)
        sys.exit(1)
    try:  # whole or not at all: written beside the target and linked into place, never over a file
        create_text(target, result.text)
    except FileExistsError:
        click.echo(f"{target}: 文件已存在，没有覆盖。请用 -o 写到别的文件，对照后再手工合并。", err=True)
        sys.exit(1)
    except OSError as exc:
        click.echo(f"{target}: 无法写入（{exc.strerror or exc}）。请检查路径和写入权限。", err=True)
        sys.exit(1)
    draft = result.draft
    names = "、".join(str(settings.display_path(d)) for d in documents)
    click.echo(f"已导入 {names} → {settings.display_path(target)}（{draft.year} 年草稿）：")
    subtasks = len(draft.all_tasks) - result.tasks
    click.echo(f"  {len(draft.categories)} 个方面，{result.tasks} 项任务" + (f"（另有子任务 {subtasks} 项）" if subtasks else "")
               + f"，其中 {result.readable_deadlines} 项的时限和频次能读懂"
               + (f"（另有 {result.defaulted} 项方案没写时限，先写作“全年”，待确认）" if result.defaulted else "") + "；")
    click.echo(f"  活动安排表 {len(draft.schedule)} 项，领导小组 {len(draft.leaders)} 人，实施阶段 {len(draft.phases)} 个；")
    click.echo(f"  待确认 {result.to_confirm} 处（文件中搜索“待确认”）。")
    if draft.attachments:
        click.echo(f"  任务分解在{'、'.join(draft.attachments)}里，这次没有一起导入：请把附件跟在方案后面一起导入"
                   f"（wenming import plan 方案.docx {draft.attachments[0]}.docx）。")
    if draft.unknown_orgs:
        click.echo(f"  不在 unit.yml 里的部门：{'、'.join(draft.unknown_orgs)}（先在 unit.yml 的 departments 添加，再补到任务的 lead/coop）。")
    if result.remaining:
        click.echo(f"{settings.display_path(target)}：草稿还有检查不通过的地方（下面列出），请照原件改正；"
                   f"这是导入 {names} 时没能处理好的，请把这几行和方案文件报告给负责 wenming 的同事：", err=True)
        for problem in result.remaining:
            click.echo(f"  {problem.format()}", err=True)
        sys.exit(1)
    click.echo("下一步：对照原件逐项核对草稿，改好“待确认”处并删掉注释，运行 wenming check，再 git commit。")
