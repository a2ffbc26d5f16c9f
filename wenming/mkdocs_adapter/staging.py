"""The site built in a temporary folder beside the site folder and swapped in whole (wenming/site/staging.py).

MkDocs internals relied on:

- `config.site_dir` is read by every later step of the build (MkDocs empties it, writes pages and copies
  files into it), so pointing it at the temporary folder in on_config builds the site there.
- Strict mode counts warnings with a `mkdocs.utils.CountHandler` on the "mkdocs" logger and raises `Abort`
  after on_post_build; the count is read here so that a build about to fail does not replace the old site.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils import CountHandler

from wenming import settings
from wenming.site import staging as site_staging

from .state import Build, Session, log


def stage(session: Session, config: MkDocsConfig) -> None:
    """Build into a temporary folder beside the site folder, swapped in by on_post_build (wenming/outputs.py):
    a failed, killed or disk-full build leaves the previous site whole. `serve` builds into its own folder;
    `build --dirty` adds to the old site."""
    if session.serve or session.build_dirty:
        return
    staging, why = site_staging.stage(Path(config.site_dir))
    if staging is None:
        log.info(f"{why}：直接在输出文件夹里构建（构建中途失败时，旧网站会不完整）。")
        return
    site_staging.guard(staging)
    session.build.staging = staging
    config.site_dir = str(staging.staged)


def swap_in(build: Build, config: MkDocsConfig) -> None:
    """The finished site in place of the old one, unless strict mode is about to fail the build for its warnings."""
    if (staging := build.staging) is None:
        return
    if config.strict and any(isinstance(h, CountHandler) and h.get_counts() for h in logging.getLogger("mkdocs").handlers):
        return  # MkDocs raises Abort next: on_build_error discards it
    build.staging = None
    site_staging.swap_in(staging)
    config.site_dir = str(staging.final)
    log.info(f"网站已换到 {settings.display_path(staging.final)}（在旁边的临时文件夹里生成，完成后一次换上）。")


def discard(build: Build) -> None:
    """The temporary folder removed, if the build made one and did not swap it in."""
    if (staging := build.staging) is not None:
        build.staging = None
        site_staging.discard(staging)
