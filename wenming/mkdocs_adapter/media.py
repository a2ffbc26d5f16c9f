"""Photos and documents into the site: photos cleaned with thumbnails, all copied by a second process.

MkDocs internals relied on:

- `File.generated(config, uri, abs_src_path=...)` (MkDocs 1.6) makes a file MkDocs copies from outside
  docs_dir; `File.copy_file(dirty)` is what `Files.copy_static_files` calls for each file that is not a page.
- `Files.copy_static_files` is called by `mkdocs.commands.build` after on_env, while the pages are not yet
  rendered; replacing it on the `Files` instance (`files.copy_static_files = ...`) lets a second process copy
  the media (wenming/site/mediacopy.py) while the pages render, and on_post_build waits for it.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path, PurePosixPath
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from wenming import settings
from wenming.site import mediacopy, photos
from wenming.site.pages import Media

from .state import Build


def add_media(files: Files, config: MkDocsConfig, build: Build, media: tuple[Media, ...], data_dir: Path,
              project: Path) -> None:
    """Photos are published cleaned (upright, no metadata) with thumbnails, from the photo cache;
    other files (PDF documents) as they are."""
    cleaned = [m for m in media if m.clean]
    jobs = [photos.Job(data_dir / m.source, settings.display_path(data_dir / m.source), PurePosixPath(m.uri).suffix)
            for m in cleaned]
    cache = photos.cache_dir(project, os.environ)
    try:
        results = dict(zip((m.uri for m in cleaned), photos.publish_all(jobs, cache), strict=True))
    except photos.PhotoError as e:
        raise PluginError("\n" + str(e)) from None
    for r in results.values():
        if r.warning:
            print(f"WARNING -  {r.warning}", file=sys.stderr)
    if made := sum(r.processed for r in results.values()):
        print(f"INFO    -  处理了 {made} 张照片（摆正方向、去掉拍摄地点等元数据、生成缩略图），"
              f"结果缓存在 {settings.display_path(cache)}。", file=sys.stderr)
    for m in media:
        r = results.get(m.uri)
        files.append(_media_file(config, build, m.uri, str(r.image if r else data_dir / m.source)))
        if r and m.thumb:
            files.append(_media_file(config, build, m.thumb, str(r.thumb)))


def _media_file(config: MkDocsConfig, build: Build, uri: str, source: str) -> MediaFile:
    file = MediaFile.generated(config, uri, abs_src_path=source)
    file.build = build
    return file


class MediaFile(File):
    """A photo or document copied into the site: as MkDocs copies it, but by a second process while the
    pages render (wenming/site/mediacopy.py): 12,000 photos and thumbnails in a decade."""

    build: Build | None = None
    """The build whose copier takes this file during `copy_static_files`."""

    def copy_file(self, dirty: bool = False) -> None:
        copier = self.build.copier if self.build is not None else None
        if copier is None:  # not during copy_static_files: as MkDocs copies it
            super().copy_file(dirty)
        elif not dirty or self.is_modified():
            copier.add(self.abs_src_path, self.abs_dest_path)


def copy_in_background(files: Files, build: Build) -> None:
    """Have MkDocs' `copy_static_files` of these files hand the media to a copying process."""
    files.copy_static_files = functools.partial(_copy_static_files, files, build)  # MkDocs calls it after on_env


def _copy_static_files(files: Files, build: Build, *args: Any, **kwargs: Any) -> None:
    """`Files.copy_static_files`, with the media handed to a copying process that the build waits for
    at the end (`wait`)."""
    build.copier = copier = mediacopy.Copier()
    Files.copy_static_files(files, *args, **kwargs)
    copier.start()


def wait(build: Build) -> None:
    """Every media file copied (on_post_build); a copy that failed fails the build."""
    if (copier := build.copier) is not None:
        build.copier = None
        try:
            copier.wait()
        except mediacopy.CopyError as e:
            raise PluginError(str(e)) from None


def stop(build: Build) -> None:
    """The copying process stopped (a build that failed)."""
    if (copier := build.copier) is not None:
        build.copier = None
        copier.stop()
