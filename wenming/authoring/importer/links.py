"""Which task a scored item or a schedule row belongs to, from the plan's own words. Pure.

Two strengths of evidence, never a guess past them:

- a **clear match** (a scored item → a task): most of the item's wording is in one task and
  clearly less of it in any other (character pairs, the words every task shares left out);
- a **certain link** (a schedule row → tasks): the row names something that only one task's text
  names — a quoted name (`“六文明”`), or three or more characters in a row whose every pair of
  characters no other task has (`卢沟桥事变`, `动员会`).
"""

from __future__ import annotations

import re
from collections import Counter

from .model import TaskDraft

_CJK = re.compile(r"[\u4e00-\u9fa5]+")
_QUOTED = re.compile(r"[“\"《]([^”\"》]{2,20})[”\"》]")
_SHARED = 3
"""Characters in a row a schedule row and only one task must share."""


def _pairs(text: str) -> set[str]:
    return {run[i:i + 2] for run in _CJK.findall(text) for i in range(len(run) - 1)}


class Matcher:
    """The plan's tasks, indexed once for matching."""

    def __init__(self, tasks: list[TaskDraft]):
        self.tasks = tasks
        self.words = {t.id: f"{t.title}\n{t.text}" for t in tasks}
        self.pairs = {t.id: _pairs(self.words[t.id]) for t in tasks}
        self.df = Counter(p for pairs in self.pairs.values() for p in pairs)
        self.common = {p for p, n in self.df.items() if n > max(2, len(tasks) // 4)}

    def clear_match(self, words: str) -> tuple[str, str]:
        """(task id, "") when `words` clearly matches one task; ("", why not) otherwise."""
        wanted = _pairs(words) - self.common
        if len(wanted) < 3 or not self.tasks:
            return "", "这一项的文字太短，看不出对应哪项任务"
        scored = sorted(((len(wanted & self.pairs[t.id]) / len(wanted), t.id) for t in self.tasks), reverse=True)
        (best, best_id), (second, second_id) = scored[0], scored[1] if len(scored) > 1 else (0.0, "")
        if best >= 0.5 and best - second >= 0.25:
            return best_id, ""
        if best < 0.5:
            return "", f"没有明确对应的任务（最接近的是 {best_id}，只有 {best:.0%} 的字词相同）"
        return "", f"同样接近任务 {best_id} 和 {second_id}，不能确定是哪一项"

    def certain_links(self, activity: str) -> list[str]:
        """Tasks a schedule row certainly belongs to, in the plan's order (see the module docstring)."""
        found: set[str] = set()
        for line in activity.split("\n"):
            names = [m.group(1) for m in _QUOTED.finditer(line)]
            names += [run[i:j] for run in _CJK.findall(line) for i in range(len(run))
                      for j in range(i + _SHARED, len(run) + 1)
                      if all(self.df[p] == 1 for p in _pairs(run[i:j]))]
            for name in names:
                holders = [tid for tid, words in self.words.items() if name in words]
                if len(holders) == 1:
                    found.add(holders[0])
        return [t.id for t in self.tasks if t.id in found]
