"""Click's own words in Chinese: its usage errors (after it formats them) and its help pages (as it writes them).

Click 8.1 looks each of its help words up through `gettext` (`_("Options")`), bound at import in each of its
modules; `install()` puts a lookup of wenming's in their place, so `wenming -h` is Chinese whatever the
machine's locale. Words not listed stay as Click has them. click is pinned (pyproject.toml): a new version is
checked by tests/test_cli_words.py, which fails on any English left in a help page.
"""

from __future__ import annotations

import re

HELP_WORDS = {
    "Usage:": "用法:",
    "Options": "选项",
    "Commands": "命令",
    "Show this message and exit.": "显示这段帮助并退出。",
    "Show the version and exit.": "显示版本并退出。",
    "default: {default}": "默认：{default}",
    "required": "必填",
    "env var: {var}": "环境变量：{var}",
    "(dynamic)": "（运行时决定）",
    "(Deprecated) {text}": "（已停用）{text}",
}


METAVARS = {
    "[OPTIONS]": "[选项]", "COMMAND [ARGS]...": "命令 [参数]...", "TEXT": "文字", "INTEGER": "整数",
    "INTEGER RANGE": "整数", "FLOAT": "数字", "FLOAT RANGE": "数字", "BOOLEAN": "是或否", "FILE": "文件",
    "DIRECTORY": "文件夹", "PATH": "路径", "FILENAME": "文件", "UUID": "UUID",
    "DOCUMENTS": "文件", "FOLDER": "文件夹", "MKDOCS_ARGS": "MkDocs参数", "PATHS": "路径", "PHRASE": "原话", "YEAR": "年度",
}
"""What Click writes for an option's value or a command's arguments when wenming names none."""


def _words(text: str) -> str:
    """`[OPTIONS]` → `[选项]`, `INTEGER RANGE` → `整数`, `DOCUMENTS...` → `文件...`; other words as they are."""
    for english in sorted(METAVARS, key=len, reverse=True):
        text = re.sub(rf"(?<![A-Za-z_]){re.escape(english)}(?![A-Za-z_])", METAVARS[english], text)
    return text


def _translated(method):
    """`method` (an option's metavar, or the pieces of a usage line) in wenming's words."""
    def wrapper(self, *args):
        found = method(self, *args)
        return _words(found) if isinstance(found, str) else [_words(piece) for piece in found]
    wrapper.wenming = True  # type: ignore[attr-defined]
    return wrapper


def install() -> None:
    """Click's help words in Chinese, in every Click module that looks them up, and its names for values."""
    import click.core
    import click.decorators
    import click.formatting

    for module in (click.core, click.decorators, click.formatting):
        original = getattr(module, "_", None)
        if callable(original) and not getattr(original, "wenming", False):
            def lookup(message: str, _original=original) -> str:
                return HELP_WORDS.get(message) or _original(message)
            lookup.wenming = True  # type: ignore[attr-defined]
            module._ = lookup
    for cls, name in ((click.core.Parameter, "make_metavar"), (click.core.Argument, "make_metavar"),
                      (click.core.Command, "collect_usage_pieces"), (click.core.MultiCommand, "collect_usage_pieces")):
        method = cls.__dict__[name]
        if not getattr(method, "wenming", False):
            setattr(cls, name, _translated(method))


_CLICK_WORDS = [  # Click's own usage messages, in the words of the rest of wenming
    (r"^Invalid value for (?:'|\")?([^:'\"]+)(?:'|\")?: (.*)$", lambda m: f"{m[1]} 的值不对：{click_message(m[2])}"),
    (r"^No such option: (\S+)(?: Did you mean (\S+)\?)?$", lambda m: f"没有这个选项：{m[1]}。"
     + (f"是不是 {m[2]}？" if m[2] else "")),
    (r"^No such command '(.+)'\.$", r"没有这个命令：\1。"),
    (r"^Missing argument '(.+)'\.$", r"缺少参数 \1。"),
    (r"^Missing parameter: (.+)$", r"缺少参数 \1。"),
    (r"^Missing option '(.+)'\.$", r"缺少选项 \1。"),
    (r"^Got unexpected extra arguments? \((.+)\)$", r"多了参数：\1。"),
    (r"^Option '(.+)' requires an argument\.$", r"选项 \1 后面要写一个值。"),
    (r"^'(.+)' is not a valid integer(?: range)?\.$", r"“\1” 不是整数。"),
    (r"^'(.+)' is not one of (.+)\.$", r"“\1” 不是可选的值之一：\2。"),
    (r"^'(.+)' is not a valid float\.$", r"“\1” 不是数字。"),
    (r"^(?:File|Path|Directory) '(.+)' does not exist\.$", r"\1 不存在。"),
]


def click_message(message: str) -> str:
    """A usage message of Click's in Chinese (wenming's own are Chinese already)."""
    for pattern, repl in _CLICK_WORDS:
        out, n = re.subn(pattern, repl, message, flags=re.S)
        if n:
            return out
    return message
