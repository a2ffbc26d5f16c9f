"""Matching the departments a plan names (`宣教部`, `机关党委负责`) to the unit's `departments`. Pure.

Exact names and ids first; then a short form whose characters appear in order in exactly one
full name (`宣教部` → 宣传教育部, `技协` → 职工技术协会). Never invented: a name that matches
nothing, or more than one department, is returned as unknown for the editor to settle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...records.model import Unit

_SUFFIX = re.compile(r"(等部门|等单位|等|分别|共同|具体)?(负责|牵头|配合|参与|协助|落实)?$")
_ORG_END = ("部", "室", "科", "处", "委", "会", "中心", "办", "组", "股", "站", "所", "队", "宫", "局", "院", "馆",
            "支部", "协", "单位")


@dataclass(frozen=True)
class Match:
    ids: tuple[str, ...]
    """Matched department ids, in the document's order."""
    aliases: tuple[tuple[str, str], ...]
    """(written name, full name) for matches that were not exact, shown to the editor."""
    unknown: tuple[str, ...]
    """Names that match no department (or several)."""


def split_names(text: str) -> list[str]:
    """`办公室、机关党委负责` → [办公室, 机关党委]."""
    names = []
    for part in re.split(r"[、，,；;和及与/]", text):
        name = _SUFFIX.sub("", part.strip().strip("。"))
        if name:
            names.append(name)
    return names


def looks_like_org(name: str) -> bool:
    return 2 <= len(name) <= 16 and (name.endswith(_ORG_END) or bool(re.fullmatch(r"[*＊×X]+", name)))


def _subsequence(short: str, full: str) -> bool:
    chars = iter(full)
    return all(c in chars for c in short)


def _find(name: str, unit: Unit) -> tuple[list, bool]:
    """(candidates, exact): the unit's departments first, then its branches; a tier with one candidate wins."""
    orgs = list(unit.departments) + list(unit.branches)
    exact = [o for o in orgs if name in (o.id, o.name)]
    if exact:
        return exact[:1], True
    for pool in (unit.departments, unit.branches):
        for test in (lambda o: name in o.name or o.name in name, lambda o: _subsequence(name, o.name)):
            found = [o for o in pool if test(o)]
            if found:
                return found, False
    return [], False


def match_departments(names: list[str], unit: Unit) -> Match:
    ids: list[str] = []
    aliases: list[tuple[str, str]] = []
    unknown: list[str] = []
    for name in names:
        found, exact = _find(name, unit) if len(name) >= 2 else ([], False)
        if len(found) != 1:
            unknown.append(name)
            continue
        if not exact:
            aliases.append((name, found[0].name))
        if found[0].id not in ids:
            ids.append(found[0].id)
    return Match(tuple(ids), tuple(aliases), tuple(unknown))
