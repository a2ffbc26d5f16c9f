"""Where wenming may write: a site folder it may empty, an export file it may create or replace.

MkDocs empties the site folder before it builds (every entry but the hidden ones), so a site folder is
checked before anything runs: by the command line first (a usage error, exit 2), and again by the hook
(`hooks/wenming_hooks.py`, before MkDocs cleans) for a plain `mkdocs build`. It is accepted when

- it does not exist yet, or holds nothing MkDocs would delete (no entries, or hidden ones only);
- it carries MARKER, which the hook writes into every site folder it builds; or
- it is a site the previous version of wenming built (no marker yet): `index.html`, the search index and
  wenming's own scripts and styles, and at its top only web pages, sitemaps and folders (LEGACY_*).
  That version emptied it on every build too; this one then adds the marker.

Refused whatever the folder holds, marker or not: the data folder (or one inside or around it), the
project folder or any folder above it, the site sources, the hooks, the wenming package (or anything in
them), anything in a `.git` folder, and a folder that holds a `.git` (a repository's working folder).

An export file (`-o`) may not be written in those places, nor onto a folder; an existing file is replaced
only with `--force` (the write itself is atomic: `wenming/records/atomic.py`). It may go into a site folder
(the guide suggests the ledger beside the site's pages, for its links), where the next build deletes it.
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import stat
import threading
from dataclasses import dataclass
from pathlib import Path

import click
import yaml

from .records import atomic
from .settings import display_path

MARKER = ".wenming-output"
MARKER_TEXT = ("这个文件夹是 wenming 生成的网站。wenming build 每次构建都会先清空它再重新生成，请不要在这里放其他文件。\n"
               "This folder is a site built by wenming: every build empties it first.\n")
LEGACY_FILES = ("index.html", "search/search_index.json", "assets/charts.js", "assets/wenming.css")
LEGACY_TOP_SUFFIXES = (".html", ".xml", ".gz")
"""A site built before the marker: these files, and at its top only such files (pages, sitemaps) and folders."""


@dataclass(frozen=True)
class Places:
    """What an output must never be, be inside or contain."""
    data: Path
    roots: tuple[Path, ...]
    """The project folder (beside mkdocs.yml), and the user's own folder under wenming's own config."""
    sources: tuple[tuple[str, Path], ...]
    """(what it is, folder): the site sources, the hooks, the package."""


def _loose_yaml(text: str) -> dict:
    """mkdocs.yml read without its tags (`!ENV`, `!!python/name:` …), which do not matter here."""
    class Loose(yaml.SafeLoader):
        pass

    Loose.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        found = yaml.load(text, Loader=Loose)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError:
        return {}
    return found if isinstance(found, dict) else {}


def mkdocs_dirs(config_file: Path) -> tuple[Path, Path]:
    """(docs_dir, site_dir) named in `config_file`, absolute (MkDocs' defaults `docs` and `site`)."""
    try:
        config = _loose_yaml(config_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        config = {}
    base = config_file.resolve().parent
    return tuple(base / str(config.get(key) or default)  # type: ignore[return-value]
                 for key, default in (("docs_dir", "docs"), ("site_dir", "site")))


def site_dir_args(own: bool, mkdocs_args: tuple[str, ...]) -> list[str]:
    """With wenming's own config, the site goes to ./build, and `-d DIR` means DIR here, not beside the config."""
    if not own:
        return list(mkdocs_args)
    args, given = list(mkdocs_args), False
    for i, arg in enumerate(args):
        if arg in ("-d", "--site-dir") and i + 1 < len(args):
            args[i + 1], given = str(Path(args[i + 1]).resolve()), True
        elif arg.startswith("--site-dir="):
            args[i], given = "--site-dir=" + str(Path(arg.split("=", 1)[1]).resolve()), True
    return args if given else ["-d", str(Path.cwd() / "build"), *args]


def site_dir(mkdocs_args: list[str], config_file: Path) -> Path:
    """The site folder `mkdocs build ARGS -f config_file` writes: the last `-d`, else the config's `site_dir`.
    MkDocs takes a relative one from beside the config file."""
    found = None
    for i, arg in enumerate(mkdocs_args):
        if arg in ("-d", "--site-dir") and i + 1 < len(mkdocs_args):
            found = mkdocs_args[i + 1]
        elif arg.startswith("--site-dir="):
            found = arg.split("=", 1)[1]
    if found is None:
        return mkdocs_dirs(config_file)[1]
    return config_file.resolve().parent / found


def places(config_file: Path, data: Path, own: bool, docs: Path | None = None) -> Places:
    """The places of a build with `config_file` and `data`; `own`: wenming's own config, run in the current folder."""
    project = config_file.resolve().parent
    docs = docs if docs is not None else mkdocs_dirs(config_file)[0]
    package = Path(__file__).resolve().parent
    return Places(data=data, roots=(project, Path.cwd()) if own else (project,),
                  sources=(("网站源文件夹", docs), ("MkDocs 钩子文件夹", project / "hooks"), ("wenming 程序文件夹", package)))


def _overlaps(a: Path, b: Path) -> bool:
    return a == b or a.is_relative_to(b) or b.is_relative_to(a)


def _in_git(path: Path) -> bool:
    return ".git" in path.parts


def _protected(shown: str, out: Path, where: Places, folder: bool, hint: str) -> str | None:
    """Why `out` (shown as `shown`; a site folder or an export file) is, is in or holds what is never an output."""
    what = "输出文件夹" if folder else "输出文件"
    if _in_git(out):
        return (f"{what} {shown} 在 git 仓库的 .git 文件夹里（或就是它）：那里存放着仓库的全部历史，"
                f"wenming 不会往里面写。请换一个地方，如 {hint}。")
    data = where.data.resolve()
    if not folder and out.is_relative_to(data):
        return f"{what} {shown} 在数据文件夹 {display_path(data)} 里面：数据文件夹只放记录。请写到别处，如 {hint}。"
    if folder and any(root.resolve().is_relative_to(out) for root in where.roots):
        return (f"{what} {shown} 是项目文件夹本身或包含它：构建会先清空输出文件夹。"
                f"请换一个文件夹，如 {hint}。")
    if folder and _overlaps(out, data):
        return (f"{what} {shown} 与数据文件夹 {display_path(data)} 重叠：构建会先清空输出文件夹，"
                f"数据会被删掉。请换一个文件夹，如 {hint}。")
    for name, source in where.sources:
        source = source.resolve()
        if out.is_relative_to(source) or (folder and source.is_relative_to(out)):
            how = "就是" if out == source else ("在" if out.is_relative_to(source) else "包含")
            return (f"{what} {shown} {how} {name} {display_path(source)}{'里' if how == '在' else ''}："
                    f"那里是生成网站要用的文件，wenming 不会往里面写。请换一个地方，如 {hint}。")
    return None


def is_site(folder: Path) -> bool:
    """`folder` is a site wenming built: it carries the marker, or it is one the previous version built."""
    if (folder / MARKER).is_file():
        return True
    if not all((folder / f).is_file() for f in LEGACY_FILES):
        return False
    try:
        return all(p.is_dir() or p.suffix.lower() in LEGACY_TOP_SUFFIXES
                   for p in folder.iterdir() if not p.name.startswith("."))
    except OSError:
        return False


def site_problem(output: Path, where: Places) -> str | None:
    """Why the site may not be built into `output` (refused before anything is touched), or None."""
    what, hint = "输出文件夹", "-d site" if output.name == "build" else "-d build"
    out = output.resolve()
    shown = display_path(out)
    if problem := _protected(shown, out, where, True, hint):
        return problem
    if not out.exists():
        return None
    if not out.is_dir():
        return f"{what} {shown} 是一个文件，不是文件夹：-d 后面写网站要生成到的文件夹。请换一个名字，如 {hint}。"
    if (out / ".git").exists():
        return (f"{what} {shown} 里有 .git，是一个 git 仓库的工作文件夹：构建会先清空输出文件夹，"
                f"里面的文件会被删掉。请换一个新的或空的文件夹，如 {hint}。")
    try:
        entries = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    except OSError as exc:
        return f"{what} {shown} 无法读取（{exc.strerror or exc}），不能确认里面没有你的文件。请换一个文件夹，如 {hint}。"
    if not entries or is_site(out):
        return None
    listed = "、".join(entries[:3]) + (f" 等 {len(entries)} 项" if len(entries) > 3 else "")
    return (f"{what} {shown} 里已有其他文件（{listed}），又没有 wenming 的标记文件 {MARKER}，不是 wenming 生成的网站："
            f"构建会先清空输出文件夹，这些文件会被删掉。请换一个新的或空的文件夹，如 {hint}。")


def file_problem(output: Path, where: Places, force: bool = False) -> str | None:
    """Why the export file `output` may not be written (refused before anything is touched), or None."""
    what, hint = "输出文件", f"-o {output.name}"
    out = output.resolve()
    shown = display_path(out)
    if problem := _protected(shown, out, where, False, hint):
        return problem
    if out.is_dir():
        return f"{what} {shown} 是一个文件夹：-o 后面要写导出的文件名，而不是文件夹。请换一个名字。"
    if out.exists() and not force:
        return f"{what} {shown} 已存在：导出不会悄悄替换已有的文件。要替换它请加 --force，或换一个文件名。"
    return None


class Refused(click.ClickException):
    """An output wenming will not write: exit 2 (a usage error), the reason in Chinese, nothing touched."""
    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"错误：{self.format_message()}", err=True)


def refuse(problem: str | None) -> None:
    if problem:
        raise Refused(problem)


def mark(folder: Path) -> None:
    """Write the marker into the site folder `folder` (made if missing): wenming may empty it next time."""
    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / MARKER
    if not marker.is_file() or marker.read_text(encoding="utf-8") != MARKER_TEXT:
        marker.write_text(MARKER_TEXT, encoding="utf-8")


# -- the site is built beside the old one and swapped in at the end ---------------------------------------


@dataclass(frozen=True)
class Staging:
    """A build into `staged`, a hidden temporary folder beside the site folder `final`, swapped in when done:
    a build that fails, is killed or fills the disk leaves the previous site whole."""
    final: Path
    staged: Path


def stage(final: Path) -> tuple[Staging | None, str]:
    """A temporary folder beside the site folder `final` to build into, or (None, why the site is built in
    place instead: `final` is a mount point, or its folder cannot take another folder)."""
    final = final.resolve()  # a link to the site folder stays a link: the folder it names is swapped
    if final.is_dir() and os.path.ismount(final):
        return None, f"输出文件夹 {display_path(final)} 是一个挂载点"
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        atomic.remove_stale(final)  # what a killed build left
        staged = atomic.temporary_folder(final)
        os.chmod(staged, stat.S_IMODE(final.stat().st_mode) if final.is_dir() else 0o777 & ~_umask())
    except OSError as exc:
        return None, f"无法在 {display_path(final.parent)} 里建立临时文件夹（{exc.strerror or exc}）"
    return Staging(final, staged), ""


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def swap_in(staging: Staging) -> None:
    """Put the finished site in place of the old one in one step, then delete the old one.

    The old folder's hidden entries (MkDocs' cleaning always kept them: a `.htaccess`, a `.well-known/`)
    are copied into the new one first; the marker is the new site's own."""
    final, staged = staging.final, staging.staged
    release(staging)
    if not final.exists():
        os.rename(staged, final)
        return
    for entry in final.iterdir():
        if entry.name.startswith(".") and entry.name != MARKER and atomic.TAG not in entry.name:
            target = staged / entry.name
            if entry.is_dir() and not entry.is_symlink():
                shutil.copytree(entry, target, symlinks=True, dirs_exist_ok=True)
            else:
                shutil.copy2(entry, target, follow_symlinks=False)
    if atomic.exchange(staged, final):  # the old site is now at `staged`
        atomic.remove(staged)
        return
    old = atomic.temporary_folder(final)  # no atomic exchange here: two renames, the old site kept until the second
    os.rename(final, old / final.name)
    os.rename(staged, final)
    atomic.remove(old)


def discard(staging: Staging) -> None:
    """Delete the unfinished site; the old one was never touched."""
    atomic.remove(staging.staged)
    release(staging)


_guarded: dict[Path, Staging] = {}
_handlers: dict[int, object] = {}


def _stop(signum, frame):
    raise KeyboardInterrupt  # unwinds the build: MkDocs' on_shutdown and the hook discard the temporary folder


def guard(staging: Staging) -> None:
    """Until `release`: a SIGTERM or SIGHUP stops the build as Ctrl-C does (so its temporary folder is deleted),
    and whatever is still staged when the process exits is deleted."""
    if not _guarded:
        atexit.register(_discard_all)
    _guarded[staging.staged] = staging
    if threading.current_thread() is threading.main_thread() and not _handlers:
        for signum in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
            if signum is not None:
                _handlers[signum] = signal.signal(signum, _stop)


def release(staging: Staging) -> None:
    _guarded.pop(staging.staged, None)
    if not _guarded and threading.current_thread() is threading.main_thread():
        for signum, handler in _handlers.items():
            signal.signal(signum, handler)
        _handlers.clear()


def _discard_all() -> None:
    for staging in list(_guarded.values()):
        discard(staging)
