"""Scores: how many points each task earns under each rubric, as of a date. Pure.

A task's `score:` entries (or, without them, its `points` under the plan's own
rubric) say how points are earned:

- `all` — full points once every requirement is met (达标得分);
- `proportional` — points × the share of required counts reached (按比例);
- `threshold` — `full_at` or more pieces of evidence earn full points, fewer
  than `zero_below` earn none, and each one more in between adds `step`
  (阶梯: "6次及以上得4分，少于3次不得分，每多1次加1分");
- `manual` — a score judged on quality and written down (`manual: 3.5`);
  until then the item is 待评 and counts as zero.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..records.model import Plan, Rubric, Task
from .rules import Status, TaskResult

PLAN_RUBRIC = Rubric("plan", "实施方案分值", None)
METHOD_NAMES = {"all": "达标得分", "proportional": "按比例", "threshold": "阶梯", "manual": "人工评分"}


@dataclass(frozen=True)
class ItemScore:
    task: Task
    item: str
    method: str
    points: float
    earned: float | None
    """None while a manual score is still to be given (待评)."""
    note: str


@dataclass(frozen=True)
class RubricScore:
    rubric: Rubric
    items: tuple[ItemScore, ...]

    @property
    def points(self) -> float:
        return sum(i.points for i in self.items)

    @property
    def earned(self) -> float:
        return sum(i.earned or 0 for i in self.items)

    @property
    def pending(self) -> int:
        return sum(1 for i in self.items if i.earned is None)


def score_plan(plan: Plan, results: dict[str, TaskResult], evidence: dict[str, int]) -> list[RubricScore]:
    """Every rubric's items and estimated score. `evidence`: task id → pieces of evidence so far."""
    rubrics = {r.id: r for r in plan.rubrics} or {PLAN_RUBRIC.id: PLAN_RUBRIC}
    default = next(iter(rubrics))
    items: dict[str, list[ItemScore]] = {r: [] for r in rubrics}
    for task in plan.tasks:
        entries = task.scores or (({"method": "all"},) if task.points else ())
        for entry in entries:
            points = entry.get("points", task.points)
            if points is None:
                continue
            rubric = entry.get("rubric") or default
            earned, note = _earned(entry, float(points), results[task.id], evidence.get(task.id, 0))
            items.setdefault(rubric, []).append(
                ItemScore(task, entry.get("item") or task.title, entry["method"], float(points), earned, note))
    return [RubricScore(rubrics[r], tuple(items[r])) for r in rubrics if items.get(r)]


def _earned(entry: dict, points: float, result: TaskResult, count: int) -> tuple[float | None, str]:
    method = entry["method"]
    if method == "manual":
        if "manual" not in entry:
            return None, "待评（按质量人工评分）"
        return min(points, entry["manual"]), "人工评分"
    if method == "proportional":
        counted = [r for r in result.rules if r.need and r.have is not None and r.record is None]
        need = sum(r.need for r in counted)
        have = sum(min(r.have, r.need) for r in counted)
        share = have / need if need else (1.0 if result.status == Status.DONE else 0.0)
        return round(points * share, 2), f"完成 {share:.0%}"
    if method == "threshold":
        full_at, zero_below = entry["full_at"], entry.get("zero_below", 0)
        step = entry.get("step", 1)
        if count >= full_at:
            return points, f"{count}次，满{full_at}次得满分"
        if count < zero_below:
            return 0.0, f"{count}次，少于{zero_below}次不得分"
        return max(0.0, points - (full_at - count) * step), f"{count}次，满{full_at}次得满分，每少1次扣{step:g}分"
    done = result.status == Status.DONE
    return (points if done else 0.0), ("已达标" if done else "尚未达标")
