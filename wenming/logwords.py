"""MkDocs' own log lines in Chinese, as `wenming build`, `serve` and `export archive` print them.

MkDocs logs in English through its module loggers (`mkdocs.commands.build` …); `install()` puts a filter on
each that rewrites the lines it knows and drops the ones that only name wenming's temporary folders or its
own program files. Lines not listed pass as MkDocs wrote them (its warnings about a user's own pages).
"""

from __future__ import annotations

import logging
import re

_LINES: dict[str, list[tuple[str, str | None, int | None]]] = {
    "mkdocs.commands.build": [
        (r"^Cleaning site directory$", None, None),
        (r"^Building documentation to directory: .*$", "正在生成网站……", None),
        (r"^Documentation built in ([\d.]+) seconds$", r"网站生成完毕，用时 \1 秒。", None),
        (r"^A 'dirty' build is being performed.*$", "预览只重新生成改动的页面，导航等个别地方可能和完整构建略有不同；"
                                                     "以 wenming build 的结果为准。", logging.INFO),
    ],
    "mkdocs.commands.serve": [
        (r"^Building documentation\.\.\.$", "正在生成网站……", None),
        (r"^Shutting down\.\.\.$", "预览已停止。", None),
    ],
    "mkdocs.livereload": [  # each line after the time MkDocs puts in front (`[10:42:07] `)
        (r"^(\[[\d:]+\] )?Watching paths for changes: .*$", r"\1修改记录或页面后，预览会自动刷新。", None),
        (r"^(\[[\d:]+\] )?Serving on (\S+) and opening it in a browser$", r"\1预览地址：\2 （已在浏览器中打开）", None),
        (r"^(\[[\d:]+\] )?Serving on (\S+)$", r"\1预览地址：\2 （在浏览器中打开；按 Ctrl+C 停止）", None),
        (r"^(\[[\d:]+\] )?Detected file changes$", r"\1发现文件有改动，正在重新生成……", None),
        (r"^(\[[\d:]+\] )?Reloading browsers$", r"\1已刷新浏览器中的页面。", None),
        (r"^(\[[\d:]+\] )?Browser connected: (\S+)$", r"\1浏览器已打开 \2", None),
    ],
}
"""Per logger: (pattern, Chinese line or None to drop it, new level or None)."""


class _Chinese(logging.Filter):
    def __init__(self, lines: list[tuple[str, str | None, int | None]]):
        super().__init__()
        self.lines = [(re.compile(p), repl, level) for p, repl, level in lines]

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        for pattern, repl, level in self.lines:
            m = pattern.match(message)
            if not m:
                continue
            if repl is None:
                return False
            record.msg, record.args = m.expand(repl), ()
            if level is not None:
                record.levelno, record.levelname = level, logging.getLevelName(level)
            return True
        return True


def install() -> None:
    """The filters, once per process."""
    for name, lines in _LINES.items():
        logger = logging.getLogger(name)
        if not any(isinstance(f, _Chinese) for f in logger.filters):
            logger.addFilter(_Chinese(lines))
