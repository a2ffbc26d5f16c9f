"""Problems found in the data: one line each, path first, fix last."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


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


def render_report(problems: list[Problem]) -> str:
    """All problems, errors first, as the text `wenming check` prints."""
    errors = sorted((p for p in problems if p.is_error), key=Problem.sort_key)
    warnings = sorted((p for p in problems if not p.is_error), key=Problem.sort_key)
    lines = []
    if errors:
        lines.append(f"在 data/ 中发现 {len(errors)} 个问题：")
        lines += [p.format() for p in errors]
    if warnings:
        lines.append(f"另有 {len(warnings)} 个警告：")
        lines += [p.format() for p in warnings]
    return "\n".join(lines)
