"""Report dates: when each activity was first reported, from git history or its `reported` field. Pure.

With `report_dates: git` (the default in unit.yml) the date a record was
first committed is its report date; a record git does not know (not yet
committed, a tarball, beyond a shallow clone) falls back to its `reported`
field, and with neither the date is unknown — never guessed.
"""

from __future__ import annotations

from dataclasses import replace

from .gitdates import GitHistory
from .model import Dataset
from .problems import WARNING, Problem


def apply_history(dataset: Dataset, history: GitHistory, root: str) -> Dataset:
    """Set each activity's `first_commit`, and with `report_dates: git` its report date, from `history`."""
    use_git = dataset.unit.report_dates == "git"
    years = []
    for year in dataset.years:
        acts = []
        for a in year.activities:
            rel = _relative(a.source.path, root)
            first = history.first_commit(rel)
            a = replace(a, last_commit=history.last_commit(rel))
            if first is not None:
                a = replace(a, first_commit=first)
                if use_git:
                    a = replace(a, reported=first, reported_from="git")
            acts.append(a)
        years.append(replace(year, activities=tuple(acts)))
    problems = list(dataset.problems)
    if use_git and history.note and any(y.activities for y in dataset.years):
        problems.append(Problem(root, None, "", history.note, WARNING))
    return replace(dataset, years=tuple(years), problems=tuple(problems))


def _relative(path: str, root: str) -> str:
    prefix = root.rstrip("/") + "/"
    return path[len(prefix):] if root not in ("", ".") and path.startswith(prefix) else path
