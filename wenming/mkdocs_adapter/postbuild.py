"""on_pre_build, on_post_build, on_build_error and on_shutdown: the ends of a build.

MkDocs internals relied on (MkDocs 1.6):

- on_post_build runs after every page is written and after Material's search plugin has written its stub
  index (the hook's on_post_build has priority -100), before MkDocs' strict mode raises `Abort`;
- `validation.nav.omitted_files: ignore` in mkdocs.yml silences MkDocs' list of pages not in the nav; the
  one-line summary here replaces it.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from wenming import outputs

from . import media, search, staging
from .state import Session, log


def before(session: Session, config: MkDocsConfig) -> None:
    """on_pre_build: the site folder marked as wenming's; the search index patched."""
    outputs.mark(Path(config.site_dir))  # a folder wenming may empty next time (hidden: MkDocs' cleaning keeps it)
    search.prepare(session.build, config)


def finish(session: Session, config: MkDocsConfig) -> None:
    """on_post_build: the media copied, the search index written, the summary, the site swapped in; under
    `serve`, the site remembered for the next build (`--dirty`, and the banner while the data has errors)."""
    build = session.build
    media.wait(build)
    search.write(config)
    if build.counts is not None:  # instead of MkDocs' list of every page not in the nav (validation.nav.omitted_files)
        total, in_nav = build.counts
        log.info(f"共生成 {total:,} 个页面：{in_nav:,} 个在导航中，其余 {total - in_nav:,} 个"
                 f"（活动、任务、月份等记录页面）由各索引页链接。")
    staging.swap_in(build, config)  # last: every file of the site is written
    site = build.site
    if not session.serve or site is None:
        return
    if config.extra["wenming_problems"]:  # every page carries the banner: rebuild them all once fixed
        session.last_markdown = {}
    else:
        session.last_site, session.last_nav = site, site.nav
        session.last_markdown = {p.uri: p.markdown for p in site.pages}


def failed(session: Session) -> None:
    """on_build_error: the temporary site folder, the copying process and the search batches given up."""
    staging.discard(session.build)
    media.stop(session.build)
    search.abandon(session.build)


def shutdown(session: Session) -> None:
    """on_shutdown: a temporary site folder left by a build that stopped is removed."""
    staging.discard(session.build)
