r"""The Jinja2 environment that turns model objects into Markdown. Pure.

Every `{{ value }}` is escaped for Markdown-in-HTML by default (`finalize`): HTML
entities for `& < > " '`, and for every character Markdown or its extensions
would read as markup (`| * _ [ ] ` \ # { } ! ?`, attribute lists `{: … }`, a
list or heading marker at the start), so a title from YAML can never become a
tag, an attribute, a link or a table break, wherever a template puts it: in
Markdown text, a table cell, a heading or an HTML attribute. Only `Markup`
passes unchanged: links the templates build, and Markdown that the user wrote
on purpose (a brief, a story) goes through the `markdown` filter,
which renders and sanitizes it (`wenming.site.safehtml`).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from functools import lru_cache

import jinja2
from markupsafe import Markup

from .safehtml import user_markdown, user_markdown_inline

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
                          "|": "&#124;", "*": "&#42;", "_": "&#95;", "[": "&#91;", "]": "&#93;",
                          "`": "&#96;", "\\": "&#92;", "#": "&#35;", "{": "&#123;", "}": "&#125;",
                          "!": "&#33;", "?": "&#63;",
                          "\n": "<br>", "\r": "<br>", "\u2028": "<br>", "\u2029": "<br>"})
# A marker Markdown reads at the start of a line: list (`- `, `+ `, `1. `), definition (`: `), setext (`=`).
_LEADING = re.compile(r"^(\s*)(?:([-+=:])|(\d+)([.)])(?=\s|$))")
CN_NUMERALS = "〇一二三四五六七八九"


def escape_md(value: object) -> Markup:
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    text = str(value).translate(_ESCAPES)  # one pass: the entities it writes are not escaped again
    return Markup(_LEADING.sub(_escape_marker, text, count=1))


def _escape_marker(m: re.Match) -> str:
    sign, digits, dot = m.group(2), m.group(3), m.group(4)
    return m.group(1) + (f"&#{ord(sign)};" if sign else f"{digits}&#{ord(dot)};")


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
    return _relative(posixpath.dirname(from_uri) or ".", to_uri)


@lru_cache(maxsize=4096)  # links recur within a folder; a larger cache only holds memory
def _relative(folder: str, to_uri: str) -> str:
    return posixpath.relpath(to_uri, folder)


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
        auto_reload=False,  # templates are package data: no stat of every template file on every page
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
