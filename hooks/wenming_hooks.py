"""MkDocs hooks: MkDocs' events wired to the MkDocs adapter, `wenming/mkdocs_adapter/`, one or two lines each.

MkDocs loads this file once per process and does not reload it for the builds of `mkdocs serve`; so
it keeps one `Session` (made here, holding no data) and the adapter reads the data afresh in every
on_config. What survives between the builds of one `serve` is named in `wenming/mkdocs_adapter/state.py`.
Event priorities are MkDocs' (`mkdocs.plugins.event_priority`): on_config before Material's search plugin
reads its settings, on_post_build after it has written its index.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.plugins import event_priority

_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:  # run from a checkout without `pip install -e .`
    sys.path.insert(0, str(_ROOT))

from wenming.mkdocs_adapter import (  # noqa: E402
    config as _config, files as _files, pages as _pages, postbuild as _postbuild, templates as _templates)
from wenming.mkdocs_adapter.state import Session  # noqa: E402

_session = Session()
"""The builds of this process; MkDocs passes every event's arguments but the first by keyword, so the
adapter's modules are imported under other names than `config`, `files` and `page`."""


def on_startup(command, dirty=False, **kwargs):
    _config.startup(_session, command, dirty)


def on_shutdown(**kwargs):
    _postbuild.shutdown(_session)


@event_priority(100)  # before material/search's on_config, which reads jieba_dict_user
def on_config(config, **kwargs):
    return _config.configure(_session, config)


def on_pre_build(config, **kwargs):
    _postbuild.before(_session, config)


def on_files(files, config, **kwargs):
    return _files.add_files(_session, files, config)


def on_nav(nav, config, files, **kwargs):
    return _files.read_unmodified(_session, nav, config, files)


def on_env(env, config, files, **kwargs):
    return _templates.prepare_env(_session.build, env)


def on_page_markdown(markdown, page, config, files, **kwargs):
    return _pages.page_markdown(_session, markdown, page)


def on_page_content(html, page, config, files, **kwargs):
    return _pages.page_content(_session, html, page)


def on_post_page(output, page, config, **kwargs):
    return _pages.post_page(_session, output, page)


@event_priority(-100)  # after material/search has written its stub of search_index.json
def on_post_build(config, **kwargs):
    _postbuild.finish(_session, config)


def on_build_error(error, **kwargs):
    _postbuild.failed(_session)
