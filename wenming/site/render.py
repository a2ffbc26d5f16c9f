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
    return _escape_text(str(value))


@lru_cache(maxsize=8192)  # names, titles and dates recur on every page of a year
def _escape_text(text: str) -> Markup:
    text = text.translate(_ESCAPES)  # one pass: the entities it writes are not escaped again
    m = _LEADING.match(text)  # anchored at the start: one match, not a search of the whole text
    return Markup(text[:m.start()] + _escape_marker(m) + text[m.end():] if m else text)


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


@lru_cache(maxsize=4096)  # links recur within a folder; a larger cache only holds memory
def relative(folder: str, to_uri: str) -> str:
    """A relative link from a docs folder to a docs file (`2018`, `index.md` → `../index.md`).

    `posixpath.relpath(to_uri, folder)` for two docs-relative paths, without its `abspath` (a
    `getcwd` each call); any other path (`..`, `./`, `//`, a leading `/`) is left to `relpath`."""
    start = [] if folder == "." else folder.split("/")
    target = to_uri.split("/")
    if _UNUSUAL.intersection(start) or _UNUSUAL.intersection(target):
        return posixpath.relpath(to_uri, folder)
    common = 0
    for a, b in zip(start, target):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(start) - common) + target[common:]) or "."


_UNUSUAL = {"", ".", ".."}


def html_uri(uri: str) -> str:
    """A docs file's published page (`2018/tasks/5-2.md` → `2018/tasks/5-2.html`), for links in HTML blocks:
    MkDocs rewrites `.md` links in Markdown only (`use_directory_urls: false`)."""
    return uri[:-3] + ".html" if uri.endswith(".md") else uri


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
    """Render `templates/<template>` for the page at `uri`. Links are made relative to it: `link(to)` for
    Markdown links and files, `href(to)` for a page linked from an HTML block (`html_uri`)."""
    folder = posixpath.dirname(uri) or "."
    return environment().get_template(template).render(link=lambda to: Markup(relative(folder, to)),
                                                       href=lambda to: Markup(relative(folder, html_uri(to))),
                                                       uri=uri, **context)
