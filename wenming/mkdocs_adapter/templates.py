"""The theme's Jinja environment: compiled templates kept between builds, and `wenming_per_folder`.

MkDocs internals relied on:

- on_env receives the `jinja2.Environment` MkDocs made for the theme (Material's templates and our
  `site_src/overrides`); setting its `bytecode_cache` makes Jinja load the compiled templates instead of
  compiling Material's `base.html` and partials on every build.
- `wenming_per_folder` is a global our `overrides/main.html` calls around Material's nav, tabs and
  scripts; it reads the `page` and `nav` of the template context MkDocs renders each page with
  (`mkdocs.structure.pages.Page.url`, `mkdocs.structure.nav.Navigation.pages`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import jinja2
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from wenming.site.htmlspace import collapse_indentation
from wenming.site.jinjacache import compiled_templates
from wenming.site.render import environment as template_environment

from .state import Build


def compile_once(build: Build, project: Path) -> None:
    """The compiled templates under the project (wenming/site/jinjacache.py), for our page templates now
    and for Material's in on_env."""
    build.compiled = compiled_templates(project)
    if build.compiled:
        template_environment().bytecode_cache = build.compiled


def prepare_env(build: Build, env: jinja2.Environment) -> jinja2.Environment:
    """on_env: `wenming_per_folder` for the overrides, and Material's templates compiled once, not every build."""
    env.globals["wenming_per_folder"] = _per_folder()
    if build.compiled:
        env.bytecode_cache = build.compiled
    return env


def _per_folder() -> Callable[..., Markup]:
    """`{% call wenming_per_folder(name) %}…{% endcall %}`: the part rendered once per folder for the pages
    not in the nav, its indentation collapsed once (on_post_page collapses the rest of the page).

    Material renders the whole nav into every page, a tenth of the build time, and its tabs, settings
    and scripts too. A record page is not in the nav, so nothing in these is active and they differ from
    another's only in the relative links, which depend on the page's folder. Pages in the nav (active
    items) have them rendered as Material renders them."""
    rendered: dict[tuple[str, str], Markup] = {}
    in_nav: dict[int, set[int]] = {}  # id(nav) -> ids of its pages (Page == compares titles and files)

    @pass_context
    def per_folder(context: Context, name: str, caller: Callable[[], str]) -> Markup:
        page, nav = context.get("page"), context.get("nav")
        if nav is not None and id(nav) not in in_nav:
            in_nav[id(nav)] = {id(p) for p in nav.pages}
        if page is None or nav is None or id(page) in in_nav[id(nav)]:
            return caller()
        key = (name, page.url.rpartition("/")[0])
        if key not in rendered:
            rendered[key] = Markup(collapse_indentation(caller()))
        return rendered[key]

    return per_folder
