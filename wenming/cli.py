"""The `wenming` command line: a thin layer over the package and MkDocs.

Exit status: 0 when the data is clean, 1 when it has problems, 2 for bad usage, 3 when wenming
itself failed (a short apology; the traceback only with `wenming --debug …`).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from pathlib import Path

import click

from . import clickwords, outputs, settings
from .api import hand_over, load_dataset, run_mkdocs
from .records.model import Dataset
from .judge.progress import evaluate_year
from .judge.report import attention_lines, report_lines
from .records.problems import render_report

clickwords.install()  # Click's help pages in Chinese


def _as_of_option(f):
    return click.option("--as-of", "as_of", metavar="YYYY-MM-DD",
                        help="“数据截至”日期，如 2026-05-31；默认今天。")(f)


def _data_option(f):
    return click.option("--data", "data", type=click.Path(file_okay=False, path_type=Path),
                        help="数据文件夹，默认为项目根目录下的 data/。")(f)


def _config_option(f):
    return click.option("-f", "--config-file", "config_file", type=click.Path(dir_okay=False, path_type=Path),
                        default=Path("mkdocs.yml"),
                        help="网站的配置文件，默认为当前文件夹的 mkdocs.yml；没有这个文件时用 wenming 自带的配置（一般不用写）。")(f)


def _resolve_config(config_file: Path) -> tuple[Path, bool]:
    """The MkDocs config to use, and whether it is wenming's own (run in a data-only repository).

    A unit may keep only `data/` in its repository and install wenming as a package:
    without ./mkdocs.yml the site configuration that ships with wenming is used, with
    `data/`, `build/` and the photo cache in the current folder.
    """
    if config_file.exists():
        return config_file, False
    if config_file != Path("mkdocs.yml"):
        raise click.BadParameter(f"{config_file}：找不到这个配置文件。请检查路径，或不加 -f 使用 wenming 自带的配置。",
                                 param_hint="-f")
    for candidate in (Path(__file__).resolve().parent.parent / "mkdocs.yml",
                      Path(sys.prefix) / "share" / "wenming" / "mkdocs.yml"):
        if candidate.is_file() and (candidate.parent / "hooks" / "wenming_hooks.py").is_file():
            return candidate, True
    raise click.ClickException("当前文件夹没有 mkdocs.yml，安装的 wenming 里也找不到自带的网站配置。"
                               "请在项目根目录运行，或用 -f 指定 mkdocs.yml。")


def _standalone(config_file: Path, data: Path | None,
                env: dict[str, str] | None = None) -> tuple[Path, Path | None, bool]:
    """Resolve the config; with wenming's own config, data and the photo cache default to this folder."""
    config_file, own = _resolve_config(config_file)
    if own:
        data = data if data is not None else Path("data")
        if env is not None:
            env[settings.DATA_ENV] = str(data.resolve())
            env.setdefault("WENMING_CACHE", str(Path.cwd() / ".cache" / "wenming" / "photos"))
    return config_file, data, own


def _data_folder(data: Path | None, config_file: Path) -> Path:
    """The records' folder: `--data`, else `data/` here under wenming's own config, else the config's."""
    config_file, data, _ = _standalone(config_file, data)
    return data if data is not None else settings.data_dir(config_file.resolve().parent)


def _load_checked(data: Path | None, config_file: Path, quiet: bool = False, keep: bool = False) -> Dataset | None:
    """Load and validate the data, printing the report; None when there are errors.

    `keep`: hand the dataset over to the MkDocs hook that runs next in this process."""
    data_dir = _data_folder(data, config_file)
    dataset = load_dataset(data_dir, settings.display_path(data_dir))
    report = render_report(list(dataset.problems))
    errors = [p for p in dataset.problems if p.is_error]
    if report:
        click.echo(report, err=bool(errors) or quiet)
    if errors:
        click.echo("\n请改正以上问题后再提交。字段写法见网站的 用户指南 → 数据格式。", err=True)
        return None
    counts = [(y.year, len(y.activities), len(y.documents), len(y.honors), len(y.plan.tasks)) for y in dataset.years]
    summary = "；".join(f"{y} 年：{t} 项任务、{a} 条活动、{d} 份材料、{h} 条善行义举" for y, a, d, h, t in counts)
    click.echo(f"检查通过。{summary}。", err=quiet)
    if keep:
        hand_over(data_dir, dataset)
    return dataset


def _check(data: Path | None, config_file: Path) -> int:
    return 0 if _load_checked(data, config_file) is not None else 1


def _environment(as_of: str | None, data: Path | None) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="true")
    if as_of:
        try:
            day = settings.parse_as_of(as_of)
        except settings.SettingsError as exc:
            raise click.BadParameter(str(exc), param_hint="--as-of") from None
        env[settings.AS_OF_ENV] = day.isoformat()
        if "SOURCE_DATE_EPOCH" not in env:
            midnight = dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)
            env["SOURCE_DATE_EPOCH"] = str(int(midnight.timestamp()))
    if data is not None:
        env[settings.DATA_ENV] = str(data.resolve())
    return env


INTERNAL_ERROR = 3
WRITING = "wenming.writing"
"""`ctx.meta` key: the file or folder a command writes, named when a fault names no path."""
REPORT_TO = "https://github.com/wenming-project/wenming/issues（或交给本单位负责 wenming 的同事）"


class _Group(click.Group):
    """Exit 3 with a short apology, not a traceback, when wenming itself fails; Click's usage errors in Chinese."""

    def main(self, *args, **kwargs):
        kwargs["standalone_mode"] = False
        try:
            rv = super().main(*args, **kwargs)
        except click.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx else "wenming"
            click.echo(f"用法不对：{clickwords.click_message(exc.format_message())}\n运行 {where} -h 查看用法。", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"错误：{clickwords.click_message(exc.format_message())}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("已取消。", err=True)
            sys.exit(1)
        sys.exit(rv if isinstance(rv, int) else 0)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except KeyboardInterrupt:  # Ctrl-C, or SIGTERM (`main`): what was being written is deleted on the way out
            click.echo("已中断，没有做完：已有的文件保持原样，写了一半的临时文件已删除。", err=True)
            ctx.exit(1)
        except BrokenPipeError:  # `wenming status | head`: the reader stopped reading, nothing went wrong
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # Python's own advice (signal docs)
            ctx.exit(0)
        except OSError as exc:  # a full disk, a size limit, a read-only folder …: wenming/outputs.py
            click.echo(f"错误：{outputs.fault(exc, ctx.meta.get(WRITING))}", err=True)
            ctx.exit(1)
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            if ctx.params.get("debug"):
                traceback.print_exc()
            click.echo(f"抱歉，wenming 内部出错了（{type(exc).__name__}），这不是你的数据的问题。\n"
                       f"请把运行的命令和下面这行报告给 {REPORT_TO}：\n  {type(exc).__name__}: {str(exc)[:200]}\n"
                       "加 --debug（如 wenming --debug check）可以看到详细的出错位置。", err=True)
            ctx.exit(INTERNAL_ERROR)


def _places(data: Path | None, config_file: Path, own: bool | None = None) -> outputs.Places:
    """What no output may be, be in or hold (wenming/outputs.py); `own`: `config_file` is already resolved."""
    if own is None:
        config_file, data, own = _standalone(config_file, data)
    return outputs.places(config_file, data if data is not None else settings.data_dir(config_file.resolve().parent), own)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="wenming")
@click.option("--debug", is_flag=True, help="wenming 内部出错时显示完整的出错位置（traceback）。")
def main(debug: bool) -> None:
    """wenming：把文明单位创建记录（data/）生成为静态网站。"""
    outputs.faults_as_messages(click.get_current_context())  # SIGXFSZ ignored, SIGTERM as Ctrl-C


@main.command()
@_data_option
@_config_option
@click.option("--staged", is_flag=True, help="提交前检查用：git 暂存区里要提交的照片原图带有拍摄地点（GPS）时报错，不让提交。")
def check(data: Path | None, config_file: Path, staged: bool) -> None:
    """检查 data/ 中的全部记录，逐条报告问题；也提醒带拍摄地点（GPS）的照片。"""
    from .authoring.hook import photo_lines

    code = _check(data, config_file)
    lines, refused = photo_lines(_data_folder(data, config_file), staged, settings.display_path, code == 0)
    if lines:
        click.echo("\n".join(lines), err=True)
    sys.exit(1 if refused else code)


@main.group()
def photos() -> None:
    """照片原图的处理（去掉拍摄地点）。"""


@photos.command("clean")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@_data_option
def photos_clean(paths: tuple[Path, ...], data: Path | None) -> None:
    """去掉照片原图里的拍摄地点（GPS），直接改写原图：清空 EXIF 里的 GPS 信息，其他信息、缩略图、图像本身和文件权限不变；
    XMP 信息块里写着地点时整块删掉（其中可能还有编辑软件的记录）。不写路径时处理整个 data/。有照片跳过时退出码为 1。"""
    from .authoring.gps import clean_all, image_files

    cleaned, skipped = clean_all(image_files(list(paths) or [data or Path("data")]))  # past any it cannot clean
    for path in cleaned:
        click.echo(f"已去掉拍摄地点：{settings.display_path(path)}")
    for path, why in skipped:
        click.echo(f"跳过：{outputs.fault(why) if isinstance(why, OSError) else f'{settings.display_path(path)}: {why}'}"
                   "（这张照片没有改动，仍带着拍摄地点：按说明处理后重新运行，或用看图软件另存一份）", err=True)
    click.echo(f"共去掉 {len(cleaned)} 张照片的拍摄地点" + (f"，跳过 {len(skipped)} 张" if skipped else "") + "。"
               + ("下一步：git add 这些照片并提交。" if cleaned else ""))
    sys.exit(1 if skipped else 0)


@main.command()
@_as_of_option
@_data_option
@_config_option
@click.option("--year", type=int, help="只看这一年（默认：数据截至日期所在的年份，或最近一年）。")
@click.option("-v", "--verbose", is_flag=True, help="列出每项任务的每条考核要求。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON（每项任务的状态、原因和每条要求），给其他工具用。")
def status(as_of: str | None, data: Path | None, config_file: Path, year: int | None, verbose: bool,
           as_json: bool) -> None:
    """按考核规则列出各项任务的状态、逾期和近期截止的事项。"""
    env = _environment(as_of, data)  # validates --as-of
    day = settings.parse_as_of(env[settings.AS_OF_ENV]) if as_of else settings.as_of()
    dataset = _load_checked(data, config_file, quiet=as_json)
    if dataset is None:
        sys.exit(1)
    years = {y.year: y for y in dataset.years}
    chosen = years.get(year or day.year) or (years[max(years)] if years and year is None else None)
    if chosen is None:
        raise click.BadParameter(f"data/ 中没有 {year} 年的记录。", param_hint="--year")
    progress = evaluate_year(dataset.unit, chosen.until(day), day)
    if as_json:
        from .judge.export_json import render_progress_json
        return click.echo(render_progress_json(progress, chosen.plan))
    click.echo("\n".join(report_lines(progress, verbose) + [""] + attention_lines(progress)))


@main.command()
@click.argument("phrase")
@click.option("--year", type=int, default=None, help="按哪一年解读（默认今年）。")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON：{phrase, year, readings, error}。")
def explain(phrase: str, year: int | None, as_json: bool) -> None:
    """说明方案里的一句时限或频次（如 “每季度不少于一次”）会被怎样解读；看不懂时退出码为 1。"""
    from .judge.explain import explain as read, render_json, render_text

    reading = read(phrase, year or settings.as_of().year)
    click.echo(render_json(reading) if as_json else render_text(reading))
    sys.exit(0 if reading.ok else 1)


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@_as_of_option
@_data_option
@_config_option
@click.option("--public", is_flag=True,
              help="构建公开版：不含标为“内部”的记录、各记录 private 中的个人信息，以及未通过审核或未经本人同意的善行义举。")
@click.argument("mkdocs_args", nargs=-1, type=click.UNPROCESSED)
def build(as_of: str | None, data: Path | None, config_file: Path, public: bool, mkdocs_args: tuple[str, ...]) -> None:
    """检查记录并构建网站到 build/（其余参数原样传给 mkdocs build）。"""
    env = _environment(as_of, data)
    config_file, data, own = _standalone(config_file, data, env)
    if public:
        env[settings.PUBLIC_ENV] = "1"
    site_args = outputs.site_dir_args(own, mkdocs_args)
    # MkDocs empties the site folder first: only a new or empty one, or a site wenming built (wenming/outputs.py)
    site = click.get_current_context().meta[WRITING] = outputs.site_dir(site_args, config_file)
    outputs.refuse(outputs.site_problem(site, _places(data, config_file, own)))
    if _load_checked(data, config_file, keep=True) is None:  # the hook takes the dataset, not reading data/ again
        sys.exit(1)
    sys.exit(1 if run_mkdocs(["build", "-f", str(config_file), *site_args], env) else 0)


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@_as_of_option
@_data_option
@_config_option
@click.argument("mkdocs_args", nargs=-1, type=click.UNPROCESSED)
def serve(as_of: str | None, data: Path | None, config_file: Path, mkdocs_args: tuple[str, ...]) -> None:
    """本地预览网站，记录修改后自动重新构建（其余参数原样传给 mkdocs serve）。

    默认只重新生成内容有变化的页面（--dirty）；加 --clean 则每次全部重新生成。
    """
    env = _environment(as_of, data)
    config_file, data, _ = _standalone(config_file, data, env)
    mode = [] if {"--clean", "--dirty"} & set(mkdocs_args) else ["--dirty"]  # SIGTERM as Ctrl-C: see main
    sys.exit(run_mkdocs(["serve", "-f", str(config_file), *mode, *mkdocs_args], env))


from .authoring.new import new, schema  # noqa: E402  (`wenming new …` and `wenming schema`, in their own module)
from .authoring.importer.command import import_group  # noqa: E402

main.add_command(new)
main.add_command(schema)
main.add_command(import_group)  # `wenming import plan`, in wenming.authoring.importer
from .authoring.init import init  # noqa: E402  (`wenming init`)
main.add_command(init)
from .authoring.demo import demo  # noqa: E402  (`wenming demo`)
main.add_command(demo)


def _force_option(f):
    return click.option("--force", is_flag=True, help="输出文件已存在时替换它（不加时拒绝覆盖）。")(f)


@main.group()
def export() -> None:
    """导出给检查组和档案用的材料（离线网站压缩包、台账表格）。"""


@export.command("ledger")
@click.option("-o", "--output", "output", type=click.Path(path_type=Path),
              help="输出文件，如 台账.xlsx（加 --csv 时为 台账.csv）；不写时为 导出/台账-数据截至日期.xlsx（不提交到 git）。")
@click.option("--csv", "as_csv", is_flag=True,
              help="导出为一个 CSV 文件（UTF-8 带 BOM，Excel 可直接打开；第一列为年度），而不是 Excel 工作簿。")
@_as_of_option
@_data_option
@_config_option
@_force_option
def export_ledger(output: Path | None, as_csv: bool, as_of: str | None, data: Path | None, config_file: Path,
                  force: bool) -> None:
    """导出任务台账表格：每年一个工作表，每项任务一行（状态、原因、得分、佐证和网站页面链接）。"""
    from .records.atomic import replace_file
    from .exports.ledger import ledger, summary, write_csv, write_xlsx

    suffix = ".csv" if as_csv else ".xlsx"
    env = _environment(as_of, data)  # validates --as-of
    day = settings.parse_as_of(env[settings.AS_OF_ENV]) if as_of else settings.as_of()
    output = outputs.export_file(output, f"台账-{day.isoformat()}{suffix}", "CSV 文件" if as_csv else "Excel 工作簿")
    outputs.refuse(outputs.file_problem(output, _places(data, config_file), force))
    dataset = _load_checked(data, config_file)
    if dataset is None:
        sys.exit(1)
    sheets = ledger(dataset, day)  # through a temporary file beside it: the old file stays whole if anything fails
    replace_file(output, lambda tmp: (write_csv if as_csv else write_xlsx)(sheets, tmp))  # faults: _Group
    click.echo(f"任务台账已导出到 {output}（数据截至 {day.isoformat()}）：{summary(sheets)}。")
    outputs.hint_if_committed(output)


@export.command("archive")
@click.option("-o", "--output", "output", type=click.Path(path_type=Path),
              help="输出文件，如 文明创建台账-2018.zip，压缩包里是同名文件夹；不写时为 导出/文明创建台账-数据截至日期.zip。")
@_as_of_option
@_data_option
@_config_option
@click.option("--public", is_flag=True, help="导出公开版（同 wenming build --public：不含内部记录和个人信息）。")
@click.option("--with-guide", is_flag=True, help="连同用户指南一起导出（默认不含：用户指南是写给录入人员的，不是给检查组的）。")
@_force_option
def export_archive(output: Path | None, as_of: str | None, data: Path | None, config_file: Path, public: bool,
                   with_guide: bool, force: bool) -> None:
    """导出离线网站压缩包：解压后双击 index.html 即可浏览（不需要网络和服务器），给检查组或存档用。"""
    from .exports.archive import ArchiveError, export_archive as export
    from .exports.ledger import LEDGER_IN_ARCHIVE, ledger, write_xlsx
    from .exports.public import public_dataset

    env = _environment(as_of, data)  # validates --as-of
    day = settings.parse_as_of(env[settings.AS_OF_ENV]) if as_of else settings.as_of()
    output = outputs.export_file(output, f"文明创建台账-{'公开版-' if public else ''}{day.isoformat()}.zip", "压缩包")
    outputs.refuse(outputs.file_problem(output, _places(data, config_file), force))
    env = _environment(day.isoformat(), data)  # one date for the pages, the sitemap and the zip
    config_file, data, _ = _standalone(config_file, data, env)
    if public:
        env[settings.PUBLIC_ENV] = "1"
    env[settings.ARCHIVE_ENV] = "guide" if with_guide else "1"  # no 编辑 pop-up; the guide only when asked for
    dataset = _load_checked(data, config_file)
    if dataset is None:
        sys.exit(1)
    sheets = ledger(public_dataset(dataset) if public else dataset, day)
    click.get_current_context().meta[WRITING] = output
    try:
        made = export(config_file, env, output, day, {LEDGER_IN_ARCHIVE: lambda path: write_xlsx(sheets, path)})
    except ArchiveError as exc:
        raise outputs.Failed(str(exc)) from None
    click.echo(f"离线网站已导出：{made.path}（{made.size / 1e6:.1f} MB，{made.files} 个文件，数据截至 {day.isoformat()}）。")
    click.echo(f"下一步：把它交给检查组或拷到 U 盘；解压后双击 {made.top}/index.html 即可浏览，不需要网络和服务器。"
               f"任务台账表格是旁边的 {made.top}/{LEDGER_IN_ARCHIVE}，其中的链接在解压后直接打开网站上的页面和材料。")
    outputs.hint_if_committed(made.path)


if __name__ == "__main__":
    main()
