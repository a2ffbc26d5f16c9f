"""Drop the indentation MkDocs and Material leave in every page. Pure.

Material's templates indent the nav, header and footer deeply; with the nav on every
page that is about a third of a record page's bytes. Leading spaces after a line break
never change how HTML renders (a line break is already white space), except inside
<pre>, <textarea> and <script>, which are copied as they are.
"""

from __future__ import annotations

import re

_VERBATIM = re.compile(r"<(pre|textarea|script)\b.*?</\1\s*>", re.S | re.I)
_BREAK = re.compile(r"\n(?:[ \t]*\n)*[ \t]*")
"""A line break with the white space and empty lines after it: one line break is left."""


def collapse_indentation(html: str) -> str:
    out: list[str] = []
    last = 0
    for m in _VERBATIM.finditer(html):
        out.append(_squeeze(html[last:m.start()]))
        out.append(m.group(0))
        last = m.end()
    out.append(_squeeze(html[last:]))
    return "".join(out)


def _squeeze(text: str) -> str:
    return _BREAK.sub("\n", text)
