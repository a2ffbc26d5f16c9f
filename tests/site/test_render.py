"""The fast paths of the template environment give what the plain ones give: `relative` is
`posixpath.relpath`, `escape_md` (cached, its marker check anchored) is one translate and one
substitution at the start, for hostile text too."""

from __future__ import annotations

import itertools
import posixpath
import random

import pytest
from markupsafe import Markup

from payloads import ALL, PAYLOADS
from wenming.site.render import _ESCAPES, _LEADING, _escape_marker, escape_md, html_uri, relative

FOLDERS = [".", "2018", "2018/tasks", "2018/activities", "media/2018/activities/x", "2018/./tasks", "2018//tasks",
           "../2018", "2018/tasks/..", "/abs"]
TARGETS = ["index.md", "2018/index.md", "2018/tasks/5-2.html", "2018/activities/a.html", "media/2018/activities/x/01.jpg",
           "2018/tasks/", "2018/./plan.md", "../outside.md", "/abs/file", "2018//x.md", "2018/tasks/..", "2018#top",
           "2018/tasks/print.md#t1-1"]


@pytest.mark.parametrize("folder, target", list(itertools.product(FOLDERS, TARGETS)))
def test_relative_is_relpath(folder, target):
    assert relative(folder, target) == posixpath.relpath(target, folder)


def test_relative_of_a_folder_to_itself():
    assert relative("2018/tasks", "2018/tasks") == "." == posixpath.relpath("2018/tasks", "2018/tasks")


def test_html_uri():
    assert html_uri("2018/tasks/5-2.md") == "2018/tasks/5-2.html"
    assert html_uri("media/2018/x.md.pdf") == "media/2018/x.md.pdf"


def reference(value: object) -> str:
    """The escaping as first written: translate, then `_LEADING.sub(…, count=1)`."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return ""
    return _LEADING.sub(_escape_marker, str(value).translate(_ESCAPES), count=1)


def _texts() -> list[object]:
    rnd = random.Random(14)
    alphabet = "-+=:.)1 9\t\n#*_|[]`\\{}!?&<>\"'文明\u2028\u3000a"
    texts = [rnd.choice(["", " ", "  ", "\t", "1", "12"]) + "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12)))
             for _ in range(3000)]
    return texts + list(PAYLOADS.values()) + [ALL, "- 列表", "1. 第一", "12) x", "1.5 小时", "+1", ": 定义", "=== ",
                                              "  - 缩进", "3.", -5, 2.5, 0, None]


def test_escape_md_is_the_plain_escaping():
    for value in _texts():
        first, again = escape_md(value), escape_md(value)  # the second from the cache
        assert isinstance(first, Markup)
        assert first == again == reference(value), repr(value)


def test_markup_passes_unchanged():
    link = Markup('<a href="x.html">[1]</a>')
    assert escape_md(link) is link
