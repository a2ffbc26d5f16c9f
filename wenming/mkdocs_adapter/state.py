"""What a hooks module holds between MkDocs' events: a `Session` for the process, a `Build` for each build.

MkDocs loads a hooks file once per process (`mkdocs.config.config_options.Hooks._load_hook` is cached) and
does not reload it for the builds of `mkdocs serve`; this package is imported once too. So nothing is kept
in module globals: `hooks/wenming_hooks.py` makes one `Session` when MkDocs loads it, `config.configure`
replaces `Session.build` with a new `Build` at the start of every build, and what survives from one build
to the next under `serve` is named here (`last_*`).
"""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2
    import markdown
    from material.plugins.search.plugin import SearchIndex

    from wenming.site.htmlblocks import HeadingCache
    from wenming.site.mediacopy import Copier
    from wenming.site.pages import Site
    from wenming.site.staging import Staging

log = logging.getLogger("mkdocs.plugins.wenming")  # MkDocs' format; `-q` hides INFO
"""The adapter's messages, shown as MkDocs shows a plugin's."""


@dataclasses.dataclass
class Build:
    """One build, from on_config to on_post_build (or on_build_error)."""

    site: Site | None = None
    """The pages, media and nav made from the data (`wenming.site.pages.build_site`); its pages are dropped
    once MkDocs holds them as files, except under `serve`."""
    data_dir: Path | None = None
    project: Path | None = None
    """The folder of mkdocs.yml: the photo cache and the compiled templates live under it."""
    meta: dict[str, dict[str, Any]] = dataclasses.field(default_factory=dict)
    """Each generated page's meta (`wenming.site.pagemeta.page_meta`), by its docs-relative path."""
    compiled: jinja2.BytecodeCache | None = None
    """The theme's compiled templates (`wenming.site.jinjacache`), or None when there is no cache folder."""
    heading_md: tuple[markdown.Markdown, Any] | None = None
    """The Markdown converter for the generated pages' headings, with its first-H1 tree processor."""
    heading_cache: HeadingCache | None = None
    copier: Copier | None = None
    """The process copying media, from copy_static_files until on_post_build waits for it."""
    staging: Staging | None = None
    """The temporary folder the site is built into, until it is swapped in or discarded."""
    search_index: SearchIndex | None = None
    """Material's search index, while its batches may be running on the second core."""
    counts: tuple[int, int] | None = None
    """(pages, pages in the nav), for the one-line summary at the end."""


@dataclasses.dataclass
class Session:
    """The builds of one process: one `mkdocs build`, or every rebuild of one `mkdocs serve`."""

    serve: bool = False
    serve_dirty: bool = False
    """`serve --dirty`: a page whose Markdown did not change since the last build is not rendered again."""
    build_dirty: bool = False
    """`build --dirty`: the old site is added to, so it is not staged beside it."""
    last_site: Site | None = None
    """Under `serve`, the last site built from good data: shown, with a banner, while the data has errors."""
    last_nav: list | None = None
    unit_name: str = ""
    """Under `serve`, the unit's short name in the last good build: the header keeps it while the data has errors."""
    last_markdown: dict[str, str] = dataclasses.field(default_factory=dict)
    """Under `serve`, each generated page's Markdown in the last good build (for `--dirty`)."""
    build: Build = dataclasses.field(default_factory=Build)
