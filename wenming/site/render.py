"""The Jinja2 environment that turns model objects into Markdown. Pure.

Every `{{ value }}` is escaped for Markdown-in-HTML by default (HTML entities
for `& < > " '`, and for the characters Markdown would read as markup), so a
title from YAML can never become a tag or a table break. Markdown that the
user wrote on purpose (a brief, a story) goes through the `markdown` filter,
which renders and sanitizes it (`wenming.site.safehtml`).
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
from functools import lru_cache

import jinja2
from markupsafe import Markup

from .safehtml import user_markdown, user_markdown_inline

_EXTRA = str.maketrans({"|": "&#124;", "*": "&#42;", "_": "&#95;", "[": "&#91;", "]": "&#93;",
                        "`": "&#96;", "\\": "&#92;", "#": "&#35;", "\n": "<br>"})
CN_NUMERALS = "〇一二三四五六七八九"


def escape_md(value: object) -> Markup:
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    return Markup(html.escape(str(value), quote=True).translate(_EXTRA))


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 13 → 十三, 20 → 二十."""
    if n < 10:
        return CN_NUMERALS[n]
    tens, ones = divmod(n, 10)
    return (CN_NUMERALS[tens] if tens > 1 else "") + "十" + (CN_NUMERALS[ones] if ones else "")


def cn_date(day: dt.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def short_date(day: dt.date | None) -> str:
    return f"{day.month}月{day.day}日" if day else ""


def quarter_name(period: tuple[int, int]) -> str:
    return f"{period[0]}年第{cn_number(period[1])}季度"


def relative(from_uri: str, to_uri: str) -> str:
    """A relative link from one docs file to another (`2018/plan.md` → `../index.md`)."""
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("wenming.site", "templates"),
        autoescape=True,
        finalize=escape_md,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        markdown=user_markdown,
        markdown_inline=user_markdown_inline,
        cn=cn_number,
        cn_date=cn_date,
        short_date=short_date,
        quarter=quarter_name,
    )
    env.tests["contains"] = lambda seq, item: item in seq
    return env


def render(template: str, uri: str, **context: object) -> str:
    """Render `templates/<template>` for the page at `uri` (links are made relative to it)."""
    env = environment()
    return env.get_template(template).render(link=lambda to: Markup(relative(uri, to)), uri=uri, **context)
