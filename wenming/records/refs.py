"""References between records (departments, tasks, schedule items), with "did you mean". Pure."""

from __future__ import annotations

import re

from .fields import Fields, did_you_mean, show
from .model import Unit
from .planmodel import Plan


UNKNOWN_ORG = "未知的部门"
"""Starts the message of a department a record names that unit.yml does not list (`未知的部门或支部` too)."""
SCHEDULE_MISSING = "年的活动安排表里没有"
"""In the message of a schedule item the year's plan does not list."""


_BRACKETS = "【】［］〔〕"
_SEPARATORS = "，、；"


def punctuation_hint(value: str) -> str:
    """Why a list written with Chinese punctuation came as one unknown item, and the list as it should be:
    `【jgdw, ywk】` (Chinese brackets: YAML reads words, not a list), `[bgs，jgdw]` (one item, not two)."""
    brackets = "".join(dict.fromkeys(c for c in value if c in _BRACKETS))
    mark = next((c for c in _SEPARATORS if c in value), None)
    if not brackets and not mark:
        return ""
    items = [w.strip() for w in re.split(f"[,{_SEPARATORS}]", re.sub(f"[{_BRACKETS}]", "", value)) if w.strip()]
    used = "、".join(f"“{c}”" for c in brackets + (mark or ""))
    return (f"这一项里用了全角的{used}：列表要用半角的方括号 [ ] 括起来，几项之间用半角逗号“,”分开，"
            f"如 [{', '.join(items)}]。")


class Refs:
    """Resolves the ids a record names, against the unit and its year's plan."""

    def __init__(self, unit: Unit, plan: Plan | None, year: int):
        self.unit = unit
        self.plan = plan
        self.year = year
        self.task_ids = [t.id for t in plan.all_tasks] if plan else []
        self.schedule_ids = [s.id for s in plan.schedule] if plan else []
        self._by_name = {o.name: o.id for o in unit.orgs.values()}

    def resolve_org(self, value: str) -> str | None:
        """An org id from its id or its full name."""
        if value in self.unit.orgs:
            return value
        return self._by_name.get(value)

    def _org_hint(self, value: str) -> str:
        if hint := punctuation_hint(value):
            return hint
        hint = did_you_mean(value, list(self.unit.orgs) + list(self._by_name))
        if hint:
            for name, org_id in self._by_name.items():
                if f'"{name}"' in hint:
                    hint = f'是不是 "{org_id}"（{name}）？'
        return hint or "可用的部门编号和名称见 data/unit.yml。"

    def orgs(self, f: Fields, key: str, required: bool = False) -> tuple[str, ...]:
        out = []
        for i, item in f.items(key, required, example="[bgs, jgdw]"):
            value = str(item).strip() if not isinstance(item, (dict, list)) else ""
            org_id = self.resolve_org(value)
            if org_id is None:
                f.error(key, f"{UNKNOWN_ORG} {show(item)}。{self._org_hint(value)}", f.item_line(key, i))
            elif org_id not in out:
                out.append(org_id)
        if required and not out and f.has(key) and not f.items(key):
            f.missing(key, "[bgs]")
        return tuple(out)

    def org(self, f: Fields, key: str) -> str | None:
        value = f.text(key)
        if not value:
            return None
        org_id = self.resolve_org(value)
        if org_id is None:
            f.error(key, f"{UNKNOWN_ORG} {show(value)}。{self._org_hint(value)}")
        return org_id

    def tasks(self, f: Fields, key: str) -> tuple[str, ...]:
        out = []
        words = f.words(key, example="[5-2]")
        for value in words:
            if not self.task_ids:
                out.append(value)
            elif value in self.task_ids:
                out.append(value)
            else:
                hint = punctuation_hint(value) or did_you_mean(value, self.task_ids)
                f.error(key, f'{self.year} 年的实施方案里没有任务 "{value}"。'
                             f'{hint or "任务编号写成 方面-序号，如 5-2，见实施方案的任务分解。"}')
        return tuple(out)

    def schedule(self, f: Fields, key: str) -> str | None:
        value = f.text(key)
        if not value:
            return None
        if value not in self.schedule_ids:
            hint = did_you_mean(value, self.schedule_ids)
            f.error(key, f'{self.year} {SCHEDULE_MISSING} "{value}"。'
                         f'{hint or "编号写成 月份-序号，如 03-1，见实施方案的活动安排表。"}')
            return None
        return value
