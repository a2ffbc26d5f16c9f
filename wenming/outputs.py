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
Without `-o` it goes into EXPORTS in the current folder, which `wenming init` puts in `.gitignore`; a file
written where `git add -A` would commit it gets a hint (`committed_by_add_all`).
"""

from __future__ import annotations


import errno
import os
import signal
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

import click
import yaml

from .records import atomic
from .settings import display_path

from .site.staging import MARKER  # the marker of a site folder (the hook writes it into every site it builds)
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
        return _unwritable(what, shown, _existing_parent(out), hint)
    if not out.is_dir():
        return f"{what} {shown} 是一个文件，不是文件夹：-d 后面写网站要生成到的文件夹。请换一个名字，如 {hint}。"
    if problem := _unwritable(what, shown, out, hint):
        return problem
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
    if problem := _unwritable(what, shown, _existing_parent(out.parent), hint):
        return problem
    if out.exists() and not force:
        return f"{what} {shown} 已存在：导出不会悄悄替换已有的文件。要替换它请加 --force，或换一个文件名。"
    return None


EXPORTS = Path("导出")
"""Where `wenming export` writes without `-o`: a folder in the current one, never committed (starter.IGNORED)."""


def export_file(output: Path | None, name: str, what: str) -> Path:
    """`-o` (a usage error unless it ends as `name` does; `what` the kind of file), or `name` in EXPORTS."""
    output = output or EXPORTS / name
    suffix = Path(name).suffix
    if output.suffix.lower() != suffix:
        raise click.BadParameter(f"{output}：{what}的文件名应以 {suffix} 结尾，请改为 {output.with_suffix(suffix)}。",
                                 param_hint="-o")
    return output


def hint_if_committed(path: Path) -> None:
    """Say so when `git add -A` would commit the export `path` (wenming/outputs.py: committed_by_add_all)."""
    if hint := committed_by_add_all(path):
        click.echo(hint)


def committed_by_add_all(path: Path) -> str | None:
    """A hint when `path` is in a git work tree and not ignored (`git add -A` would commit it), else None."""
    try:
        done = subprocess.run(["git", "check-ignore", "-q", "--", path.resolve().name], cwd=path.resolve().parent,
                              capture_output=True)
    except OSError:  # no git
        return None
    if done.returncode != 1:  # 0: ignored; 128: not in a repository
        return None
    return (f"提示：{display_path(path)} 在 git 仓库里，没有被 .gitignore 忽略，git add -A 会把它提交进仓库。"
            f"请把它移到仓库外面，或导出时不写 -o（默认写到 {EXPORTS}/ 文件夹，不提交），"
            f"或在 .gitignore 里加一行 {path.name}。")


def _existing_parent(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _unwritable(what: str, shown: str, folder: Path, hint: str) -> str | None:
    """Why nothing can be written in `folder` (read-only, no permission, a file in the way), or None."""
    if folder.exists() and not folder.is_dir():
        return (f"{what} {shown} 的路径中 {display_path(folder)} 是一个文件，不是文件夹。"
                f"请检查路径，或换一个地方，如 {hint}。")
    if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
        return (f"{what} {shown} 写不进去：{display_path(folder)} 是只读的，或你没有写入权限。"
                f"请换一个你能写入的文件夹，或请管理员给这个文件夹写入权限。")
    return None


class Failed(click.ClickException):
    """A command that could not finish (exit 1), the reason in Chinese."""
    exit_code = 1

    def show(self, file=None) -> None:
        click.echo(f"错误：{self.format_message()}", err=True)


class Refused(Failed):
    """An output wenming will not write: exit 2 (a usage error), the reason in Chinese, nothing touched."""
    exit_code = 2


def refuse(problem: str | None) -> None:
    if problem:
        raise Refused(problem)


def mark(folder: Path) -> None:
    """Write the marker into the site folder `folder` (made if missing): wenming may empty it next time."""
    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / MARKER
    if not marker.is_file() or marker.read_text(encoding="utf-8") != MARKER_TEXT:
        marker.write_text(MARKER_TEXT, encoding="utf-8")


# -- faults are messages --------------------------------------------------------------------------------

_FAULTS = {  # errno → (what happened, the fix)
    errno.ENOSPC: ("磁盘已满", "请删掉不需要的文件、腾出磁盘空间后重新运行"),
    errno.EDQUOT: ("超出了磁盘配额", "请删掉不需要的文件，或请管理员放宽配额后重新运行"),
    errno.EFBIG: ("文件超过了允许的大小（系统限制了文件大小，如 ulimit -f，或 FAT32 格式 U 盘的 4 GB）",
                  "请换一个没有这个限制的地方，或请管理员放宽限制后重新运行"),
    errno.EROFS: ("所在的磁盘或文件夹是只读的", "请换一个可以写入的文件夹，或把磁盘设为可写后重新运行"),
    errno.EACCES: ("没有读写权限", "请检查这个文件和它所在文件夹的权限，或换一个你有写入权限的文件夹"),
    errno.EPERM: ("不允许这样操作（权限不足，或文件被锁定）", "请检查这个文件和它所在文件夹的权限"),
    errno.ENOTDIR: ("路径上有一个文件，挡在了需要文件夹的位置", "请检查路径：把挡在那里的文件改名或移走，或换一个路径"),
    errno.EISDIR: ("是一个文件夹，这里需要的是文件", "请换一个文件名"),
    errno.EEXIST: ("已经存在（可能是同时运行的另一个 wenming 命令刚刚建好了它），没有覆盖",
                   "请检查这个文件；需要的话换一个名称重新运行"),
    errno.ENOENT: ("不存在（可能在运行过程中被移走或删除了）", "请检查路径后重新运行"),
    errno.EBUSY: ("正被其他程序占用", "请关闭占用它的程序后重新运行"),
    errno.EIO: ("读写出错（磁盘、U 盘或网络盘可能有问题）", "请检查磁盘后重新运行，或换一个地方"),
    errno.ENAMETOOLONG: ("路径或文件名太长", "请换一个短一些的名称或文件夹"),
    errno.EMFILE: ("同时打开的文件太多", "请关闭一些程序后重新运行"),
}


def _stop(signum, frame):
    raise KeyboardInterrupt  # unwinds the command: what it was writing is deleted on the way out


def faults_as_messages(ctx: click.Context) -> None:
    """For the command running in `ctx`: a write over a file-size limit fails with EFBIG (a message) instead of
    SIGXFSZ killing the process, and SIGTERM stops it as Ctrl-C does (what it was writing is deleted)."""
    if threading.current_thread() is not threading.main_thread():
        return
    before = {}
    for name, handler in (("SIGXFSZ", signal.SIG_IGN), ("SIGTERM", _stop)):
        if hasattr(signal, name):
            before[name] = signal.signal(getattr(signal, name), handler)
    ctx.call_on_close(lambda: [signal.signal(getattr(signal, n), h) for n, h in before.items()])


def fault(exc: OSError, where: Path | None = None) -> str:
    """An operating-system fault as a message: the path first, what happened, the fix last. The path is the
    one the error names (for a failed copy or write, its destination), or `where` (what the command writes)
    when it names none or a temporary file inside what the command writes."""
    code = exc.errno or 0
    path = exc.filename2 if exc.filename2 is not None and code in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG) \
        else exc.filename
    if path is not None and atomic.TAG in os.fsdecode(path) and where is not None:
        path = None
    what, fix = _FAULTS.get(code, ("无法读写", "请检查路径、磁盘空间和权限后重新运行"))
    shown = display_path(Path(os.fsdecode(path))) if path is not None else (
        display_path(where) if where is not None else "写入文件时")
    reason = f"（{exc.strerror or type(exc).__name__}）"
    return f"{shown}: {what}，没有完成{reason}。{fix}。"
