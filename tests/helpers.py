"""Shared helpers for the tests: fixture data repos and in-process MkDocs builds."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
INVALID = ROOT / "tests" / "invalid"


def make_repo(tmp: Path, case: Path | None = None) -> Path:
    """Copy the base fixture data to `tmp/data` and overlay `case/data` on it."""
    data = tmp / "data"
    shutil.copytree(FIXTURES / "base", data)
    if case is not None:
        shutil.copytree(case / "data", data, dirs_exist_ok=True)
    return data


@contextlib.contextmanager
def environ(**values: str):
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def build(data: Path, site: Path, as_of: str, strict: bool = True) -> Path:
    """Build the real site with MkDocs in-process, from the project's mkdocs.yml."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    with environ(WENMING_DATA=str(data), WENMING_AS_OF=as_of, NO_MKDOCS_2_WARNING="true"):
        config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(site), strict=strict)
        mkdocs_build(config)
    return site


def article(site: Path, uri: str) -> BeautifulSoup:
    """The <article> of a built page, parsed."""
    html = (site / uri).read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    found = soup.select_one("article")
    assert found is not None, f"{uri} has no <article>"
    return found


def table(node, index: int = 0) -> list[dict[str, str]]:
    """Rows of the index-th table under `node` as dicts keyed by header text."""
    return _rows(node.select("table")[index])


def _rows(found) -> list[dict[str, str]]:
    rows = found.select("tr")
    heads = [th.get_text(strip=True) for th in rows[0].select("th")]
    return [dict(zip(heads, (td.get_text(" ", strip=True) for td in row.select("td")))) for row in rows[1:]]


def section_table(node, heading: str) -> list[dict[str, str]]:
    """Rows of the first table after the h2 whose text starts with `heading`."""
    h2 = next(h for h in node.select("h2") if h.get_text(strip=True).startswith(heading))
    found = h2.find_next("table")
    nxt = h2.find_next("h2")
    if found is None or (nxt is not None and nxt.find_previous("table") is not found):
        return []
    return _rows(found)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(url: str) -> str | None:
    """The body of `url` as text, or None while nothing answers there."""
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wenming(folder: Path, *args: str) -> subprocess.CompletedProcess:
    """The real command, run in a repository as its user does (no mkdocs.yml there: wenming's own)."""
    env = {"PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "true", "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-m", "wenming", *args], cwd=folder, env=env, capture_output=True,
                          text=True, encoding="utf-8")


GIT = ["git", "-c", "user.name=测试", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"]


def make_init_repo(folder: Path) -> Path:
    """A repository made by `wenming init` (its .gitignore, .pre-commit-config.yaml, git hook), with the
    sample's records copied over its own and committed: a real unit's repository holding the sample."""
    made = wenming(folder.parent, "init", folder.name, "--name", "示例", "--short", "示例", "--level", "市级",
                   "--status", "保持", "--staff", "30", "--departments", "办公室:bgs", "--year", "2018")
    assert made.returncode == 0, made.stderr
    shutil.copytree(ROOT / "data", folder / "data", dirs_exist_ok=True)
    subprocess.run([*GIT, "add", "-A"], cwd=folder, check=True, capture_output=True)
    subprocess.run([*GIT, "commit", "--no-verify", "-qm", "记录"], cwd=folder, check=True, capture_output=True)
    return folder


def clone(source: Path, target: Path) -> Path:
    """A copy of a repository; its built site and photo cache are hard links (cheap, and still a true test:
    wenming replaces a file whole, never writes into it), the rest is copied, for tests to write into."""
    def copy(src: str, dst: str) -> None:
        shared = Path(src).relative_to(source).parts[0] in ("build", ".cache")
        (os.link if shared else shutil.copy2)(src, dst)

    shutil.copytree(source, target, symlinks=True, copy_function=copy)
    return target
