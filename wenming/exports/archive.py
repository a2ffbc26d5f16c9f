"""`wenming export archive`: the whole site as one zip that works opened from disk.

Inspectors get a file, unpack it anywhere and double-click `index.html`: pages,
charts, photos and search then work from `file://`, with no server and no
network. That needs nothing special at build time: the hook always writes the
search index also as `search_index.js` (what Material's `offline` plugin does;
a page from disk loads it instead of the JSON), and mkdocs.yml lists our own
copy of the Worker shim in `extra.polyfills`, so the build for the archive is
the ordinary build.

The zip is deterministic: the same data, as-of date and file name give the same
bytes (entries sorted, every timestamp the as-of date, fixed permissions, one
top-level folder named after the zip file).
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..records.atomic import replace_file

SEARCH_SCRIPT = "search/search_index.js"
"""What the hook writes (as Material's offline plugin would); Material loads it instead of the JSON under file://."""

STORED = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp", ".gz", ".zip", ".woff", ".woff2"})
"""Already compressed: stored as they are (deflating them again only costs time)."""


class ArchiveError(Exception):
    """The build failed or cannot work from disk (message in Chinese, path first)."""


@dataclass(frozen=True)
class Archive:
    path: Path
    top: str
    files: int
    size: int


def site_files(site: Path) -> list[str]:
    """Every file under `site` as a POSIX path relative to it, sorted; not hidden ones (MkDocs never copies a
    hidden file into a site: those are wenming's marker of a site folder, `.wenming-output`)."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*")
                  if p.is_file() and not any(part.startswith(".") for part in p.relative_to(site).parts))


def offline_problems(site: Path, config_file: Path) -> list[str]:
    """Why a built site would not work fully from disk; empty when it will."""
    problems = []
    if not (site / SEARCH_SCRIPT).is_file():
        problems.append(f"{config_file}：没有生成 search/search_index.js，从磁盘打开时搜索不可用；"
                        "请在 hooks 下列出 hooks/wenming_hooks.py（它会生成这个文件），或在 plugins 下加一行 “- offline”。")
    index = site / "index.html"
    if index.is_file() and "unpkg.com" in index.read_text(encoding="utf-8"):
        problems.append(f"{config_file}：页面会从 unpkg.com 加载 iframe-worker，离线时搜索不可用；"
                        "请在 extra.polyfills 中列出 assets/iframe-worker-shim.js。")
    return problems


def write_zip(site: Path, out: Path, top: str, day: dt.date) -> Archive:
    """Zip `site` into `out` under the folder `top`, deterministically.

    Written to a temporary file next to `out` and renamed (`atomic.replace_file`), so a failure never
    leaves half an archive behind; the zip is readable like any new file (0644)."""
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)  # zip dates start in 1980
    names = site_files(site)

    def write(tmp: Path) -> None:
        with zipfile.ZipFile(tmp, "w") as zf:
            for name in names:
                info = zipfile.ZipInfo(f"{top}/{name}", date_time=stamp)
                info.create_system = 3  # Unix, whatever machine writes it
                info.external_attr = 0o100644 << 16
                stored = Path(name).suffix.lower() in STORED
                info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
                zf.writestr(info, (site / name).read_bytes(), compresslevel=None if stored else 9)

    replace_file(out, write)
    return Archive(out, top, len(names), out.stat().st_size)


def build_site(config_file: Path, env: dict[str, str], site: Path) -> None:
    """Run `wenming build` into `site`, in a child process: its faults (a full disk …) are messages, and it is
    stopped (SIGTERM: it deletes what it was writing) if this process is killed."""
    cmd = [sys.executable, "-m", "wenming", "build", "-f", str(config_file), "-d", str(site)]
    if subprocess.call(cmd, env=env, stdout=subprocess.DEVNULL, preexec_fn=_die_with_parent):
        raise ArchiveError(f"{config_file}：网站构建失败，压缩包没有生成；请按上面的提示改正后重试。")


def _die_with_parent() -> None:
    """In the child, before it starts: SIGTERM when the parent dies (Linux; elsewhere nothing)."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def export_archive(config_file: Path, env: dict[str, str], out: Path, day: dt.date,
                   beside: dict[str, Callable[[Path], None]] | None = None) -> Archive:
    """Build the site into a temporary folder and zip it into `out`; `beside`: files written next to the site's
    `index.html` (name → writer), such as the ledger, whose links are relative to the site's root."""
    with tempfile.TemporaryDirectory(prefix="wenming-archive-") as tmp:
        site = Path(tmp) / "site"
        build_site(config_file, env, site)
        if problems := offline_problems(site, config_file):
            raise ArchiveError("\n".join(problems))
        for name, write in (beside or {}).items():
            write(site / name)
        return write_zip(site, out, out.stem, day)
