"""Problems found in the data: one line each, path first, fix last."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
CHECKED_AGAINST = ("/unit.yml", "/plan.yml")
"""The files the other records are checked against (their departments, tasks, schedule): their errors come
first, since an error there can show as errors in the files that name what it defines."""


@dataclass(frozen=True)
class Problem:
    path: str
    """Path as the user knows it (`data/2018/plan.yml`)."""
    line: int | None
    field: str
    """Dotted field name (`categories[2].tasks[1].deadline`), or empty."""
    message: str
    """Chinese: what was expected, what was found, and the fix."""
    level: str = ERROR
    follows: tuple[str, str] = ()
    """(file, what): this problem follows from `file` not being readable (a department unknown because
    unit.yml could not be read); such problems are counted in one line after the cause, not listed."""

    @property
    def is_error(self) -> bool:
        return self.level == ERROR

    def sort_key(self) -> tuple:
        return (self.path, self.line or 0, self.field, self.message)

    def format(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        prefix = "" if self.is_error else "警告："
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {prefix}{self.message}"


def error_lines(problems: list[Problem]) -> tuple[list[str], int]:
    """The errors as lines, and how many: the errors of a file that could not be read first, then those of unit.yml
    and the plans (`CHECKED_AGAINST`), then the rest,
    then one line per such file counting what could not be checked because of it (`Problem.follows`)."""
    errors = [p for p in problems if p.is_error]
    follows: dict[tuple[str, str], int] = {}
    for p in errors:
        if p.follows:
            follows[p.follows] = follows.get(p.follows, 0) + 1
    causes = {path for path, _ in follows}
    listed = sorted((p for p in errors if not p.follows),
                    key=lambda p: (p.path not in causes, not p.path.endswith(CHECKED_AGAINST), p.sort_key()))
    lines = [p.format() for p in listed]
    lines += [f"因为 {path} 读不出来，另有 {n} 处{what}无法核对（改好它以后再检查，才知道这些地方有没有问题）。"
              for (path, what), n in sorted(follows.items())]
    return lines, len(listed)


def render_report(problems: list[Problem]) -> str:
    """All problems, errors first (a file that could not be read before what follows from it), as the text
    `wenming check` prints."""
    errors, count = error_lines(problems)
    warnings = sorted((p for p in problems if not p.is_error), key=Problem.sort_key)
    lines = []
    if errors:
        lines.append(f"在 data/ 中发现 {count} 个问题：")
        lines += errors
    if warnings:
        lines.append(f"另有 {len(warnings)} 个警告：")
        lines += [p.format() for p in warnings]
    return "\n".join(lines)
