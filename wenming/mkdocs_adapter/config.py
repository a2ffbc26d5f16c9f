"""on_startup and on_config: the data read and checked, the site's pages made, MkDocs' config adjusted.

MkDocs internals relied on (MkDocs 1.6):

- on_startup's `command` ("build", "serve", "gh-deploy") and `dirty` are the only way a hook learns it runs
  under `serve`;
- on_config may change `site_dir` (staging), `site_name`, `watch` and `nav`, and may stash values in
  `config.extra`, which the theme sees as `config.extra` (the banner reads `wenming_problems`);
- `PluginError` raised in on_config stops the build with its message and no traceback.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from wenming import outputs, settings
from wenming.api import load_dataset
from wenming.exports.public import public_dataset
from wenming.records.problems import error_lines, render_report
from wenming.site.pagemeta import page_meta
from wenming.site.pages import build_site, problems_site

from . import search, staging, templates
from .state import Build, Session


def startup(session: Session, command: str, dirty: bool) -> None:
    """on_startup: whether this process serves, and whether its builds are `--dirty`."""
    session.serve = command == "serve"
    session.serve_dirty = command == "serve" and dirty
    session.build_dirty = command == "build" and dirty
    session.last_site = session.last_nav = None
    session.unit_name = ""
    session.last_markdown = {}


def configure(session: Session, config: MkDocsConfig) -> MkDocsConfig:
    """on_config: a new `Build` for the data as it is now; under `serve` a build with errors shows the last good
    site with a banner, otherwise errors stop the build before MkDocs empties the site folder."""
    staging.discard(session.build)  # left by a build in this process that stopped before its end
    session.build = build = Build()
    project = Path(config.config_file_path).resolve().parent
    data_dir = settings.data_dir(project, config.extra)
    where = outputs.places(Path(config.config_file_path), data_dir, False, Path(config.docs_dir))
    if problem := outputs.site_problem(Path(config.site_dir), where):
        raise PluginError(problem)  # before MkDocs empties the site folder (wenming/outputs.py)
    as_of = settings.as_of()
    dataset = load_dataset(data_dir, settings.display_path(data_dir))
    if settings.public():
        dataset = public_dataset(dataset)  # nothing internal or private reaches any output
    report = render_report(list(dataset.problems))
    errors, count = error_lines(list(dataset.problems))  # a file that cannot be read first, what follows counted
    if errors and not session.serve:
        raise PluginError("\n" + report + "\n请改正以上问题后重新构建（wenming check 可以单独检查）。")
    if report:
        for line in report.splitlines():
            print(f"WARNING -  {line}" if "警告" in line else line, file=sys.stderr)
    staging.stage(session, config)
    # Under `serve`, data errors show in a banner over the last good site until they are fixed.
    config.extra["wenming_problems"] = errors
    config.extra["wenming_problem_count"] = count
    templates.compile_once(build, project)
    site = (session.last_site or problems_site(errors)) if errors else build_site(dataset, as_of)
    if site.later:
        print(f"INFO    -  {len(site.later)} 条记录的日期晚于数据截至日期 {as_of}，本次构建不计入"
              f"（如 {site.later[0]}）。", file=sys.stderr)
    build.site, build.data_dir, build.project = site, data_dir, project
    build.meta = {p.uri: page_meta(p.uri, p.markdown, p.source, p.line, site.current, settings.public())
                  for p in site.pages}
    # The header and every window title name the unit; while the data has errors, the unit of the site
    # shown under the banner (the last good build's). Material puts site_name into text and attributes
    # unescaped (MkDocs' templates do not autoescape), so it holds the name as HTML text.
    if not errors:
        session.unit_name = dataset.unit.short
    if name := session.unit_name or dataset.unit.short:
        config.site_name = html.escape(name, quote=True)
    if all(Path(w).resolve() != data_dir.resolve() for w in config.watch):
        config.watch.append(str(data_dir))  # `serve --data PATH` rebuilds when a record there changes
    search.configure(config, project, dataset)
    config.nav = site.nav + list(config.nav or [])
    return config
