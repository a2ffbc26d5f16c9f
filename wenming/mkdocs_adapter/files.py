"""on_files and on_nav: the generated pages, media and assets as MkDocs files.

MkDocs internals relied on (MkDocs 1.6, `mkdocs/structure/files.py`):

- `File.generated(config, uri, content=...)` makes a virtual page (never written into docs_dir: under
  `serve` that loops, mkdocs#1933); its `edit_uri` is set to the record it came from;
- `serve --dirty` renders only files whose `is_modified()` is true; a generated page whose Markdown did not
  change since the last good build gets `is_modified = unmodified`, and on_nav reads such pages' Markdown
  itself (MkDocs skips reading unmodified pages, but the nav needs their titles).
"""

from __future__ import annotations

import dataclasses

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation

from wenming.site.assets import PLOTLY_URI, glightbox_paths, plotly_js_path

from . import media, search
from .state import Session


def unmodified() -> bool:
    """`File.is_modified` of a generated page that `serve --dirty` keeps as built last time."""
    return False


def add_files(session: Session, files: Files, config: MkDocsConfig) -> Files:
    """on_files: each generated page, the media, plotly and GLightbox, and the fixed search worker."""
    build = session.build
    site = build.site
    assert site is not None and build.data_dir is not None and build.project is not None  # set by on_config
    unchanged = session.last_markdown if session.serve_dirty and session.last_nav == site.nav else {}
    for page in site.pages:
        file = File.generated(config, page.uri, content=page.markdown)
        file.edit_uri = page.source
        if unchanged.get(page.uri) == page.markdown and not config.extra["wenming_problems"]:
            file.is_modified = unmodified  # `serve --dirty` keeps the page built last time
        files.append(file)
    media.add_media(files, config, build, site.media, build.data_dir, build.project)
    files.append(File.generated(config, PLOTLY_URI, abs_src_path=plotly_js_path()))
    for uri, path in glightbox_paths().items():
        files.append(File.generated(config, uri, abs_src_path=path))
    search.fix_worker(files, config)
    media.copy_in_background(files, build)
    if not session.serve:  # the Files hold each page's Markdown now; `serve` keeps the site for its banner
        build.site = dataclasses.replace(site, pages=())
    return files


def read_unmodified(session: Session, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """on_nav: the Markdown of pages `--dirty` did not read (the nav needs their titles); the page counts."""
    for page in nav.pages:
        if page.markdown is None and page.file.is_modified is unmodified:
            page.read_source(config)
    session.build.counts = (len(files.documentation_pages()), len(nav.pages))
    return nav
