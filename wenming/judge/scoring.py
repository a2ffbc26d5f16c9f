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

Work done late scores as done, unless the row says lateness costs points: `late: 0.5` (a late item earns that
share of its points; `late: 0`, none).

`proportional` is 均分: the points are split evenly over the task's quantifiable
requirements only (counts, cycles, occasions, spread, festivals, quotas,
refreshes), never over its deadline dates; a requirement met late counts as met.
Any method may add, on the same row:

- `bonus` points for each piece of evidence beyond `full_at` ("每增加一篇加1分"),
  capped at `bonus_max` when given: points outside the rubric's total (加分);
- `quality` — the part of `points` a person judges on quality (`manual` is then
  the score given for that part); the method computes the rest (the quantity part).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..records.planmodel import Plan, Rubric, Task
from .status import MET, Status, TaskResult

PLAN_RUBRIC = Rubric("plan", "实施方案分值", None)
METHOD_NAMES = {"all": "达标得分", "proportional": "按比例（均分）", "threshold": "阶梯", "manual": "人工评分"}
QUANTIFIABLE = ("count", "per_cycle", "occasions", "spread", "festival", "quota", "refresh")
"""Requirement kinds 均分 splits the points over (a deadline date is no quantity)."""


@dataclass(frozen=True)
class ItemScore:
    task: Task
    item: str
    method: str
    points: float
    earned: float | None
    """None while a manual score is still to be given (待评); includes the bonus."""
    note: str
    bonus: float = 0.0
    """加分 beyond full marks, included in `earned`."""
    quality_pending: bool = False
    """The row's quality part is still to be judged by a person."""
    order: int = 0
    """Position in the rubric's own table (its `items` order), else in the plan's order."""


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
        return sum(1 for i in self.items if i.earned is None or i.quality_pending)

    @property
    def bonus(self) -> float:
        return sum(i.bonus for i in self.items)

    def table(self) -> list[tuple[str, float | None, tuple[ItemScore, ...]]]:
        """The rubric's scored table in its own order: (item, points, the tasks' rows for it).

        With the rubric's `items`, every listed item in that order (one no task answers has no rows),
        then rows naming no listed item; without, the rows in the plan's order."""
        listed = self.rubric.items
        points = dict(zip(listed, self.rubric.item_points))
        out = [(name, points.get(name), tuple(i for i in self.items if i.item == name)) for name in listed]
        out += [(i.item, i.points, (i,)) for i in self.items if i.item not in listed]
        return out


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
            items.setdefault(rubric, []).append(
                score_item(task, entry, float(points), results[task.id], evidence.get(task.id, 0)))
    out = []
    for r in rubrics:
        if items.get(r):
            order = {name: i for i, name in enumerate(rubrics[r].items)}
            ranked = [replace(i, order=order.get(i.item, len(order) + n)) for n, i in enumerate(items[r])]
            out.append(RubricScore(rubrics[r], tuple(sorted(ranked, key=lambda i: i.order))))
    return out


def score_item(task: Task, entry: dict, points: float, result: TaskResult, count: int) -> ItemScore:
    """One row of a rubric: the quantity part by its method, the quality part by a person, and 加分."""
    quality = float(entry.get("quality", 0))
    item = entry.get("item") or task.title
    if quality and entry["method"] != "manual":
        part, note = _earned({**entry, "manual": None}, points - quality, result, count)
        given = entry.get("manual")
        earned = (part or 0.0) + (min(quality, given) if given is not None else 0.0)
        note += f"；质量部分 {quality:g} 分" + (f"评 {given:g} 分" if given is not None else "待人工评分")
        bonus, bnote = _bonus(entry, count)
        return ItemScore(task, item, entry["method"], points, round(earned + bonus, 2), note + bnote, bonus,
                         quality_pending=given is None)
    earned, note = _earned(entry, points, result, count)
    bonus, bnote = _bonus(entry, count)
    return ItemScore(task, item, entry["method"], points, None if earned is None else round(earned + bonus, 2),
                     note + bnote, bonus)


def _bonus(entry: dict, count: int) -> tuple[float, str]:
    """加分: `bonus` per piece beyond `full_at`, at most `bonus_max`."""
    step, full_at = entry.get("bonus"), entry.get("full_at")
    if not step or full_at is None or count <= full_at:
        return 0.0, ""
    extra = (count - full_at) * step
    cap = entry.get("bonus_max")
    if cap is not None and extra > cap:
        return float(cap), f"；加分 {cap:g}（超出{full_at}次的{count - full_at}次，加分上限 {cap:g}）"
    return float(extra), f"；加分 {extra:g}（超出{full_at}次的{count - full_at}次，每次加{step:g}分）"


def _earned(entry: dict, points: float, result: TaskResult, count: int) -> tuple[float | None, str]:
    method = entry["method"]
    if method == "manual":
        if "manual" not in entry:
            return None, "待评（按质量人工评分）"
        return min(points, entry["manual"]), "人工评分"
    if method == "proportional":
        counted = [r for r in result.rules if r.kind in QUANTIFIABLE and r.need and r.record is None]
        if not counted:
            share = 1.0 if result.status in MET else 0.0
            return round(points * share, 2), f"没有可计数的要求，{'已' if share else '尚未'}达标"
        late = float(entry.get("late", 1.0))
        shares = [1.0 if r.status == Status.DONE else late if r.status == Status.DONE_LATE else
                  min(r.have or 0, r.need) / r.need for r in counted]
        share = sum(shares) / len(shares)
        return round(points * share, 2), f"{len(counted)}项可计数的要求均分，完成 {share:.0%}"
    if method == "threshold":
        full_at, zero_below = entry["full_at"], entry.get("zero_below", 0)
        step = entry.get("step", 1)
        if count >= full_at:
            return points, f"{count}次，满{full_at}次得满分"
        if count < zero_below:
            return 0.0, f"{count}次，少于{zero_below}次不得分"
        return max(0.0, points - (full_at - count) * step), f"{count}次，满{full_at}次得满分，每少1次扣{step:g}分"
    if result.status == Status.DONE_LATE:  # late work scores as done unless the rubric says lateness costs points
        share = float(entry.get("late", 1.0))
        return round(points * share, 2), "逾期完成" + ("，按时完成才得满分" if share < 1 else "，按完成计分")
    done = result.status == Status.DONE
    return (points if done else 0.0), ("已达标" if done else "尚未达标")
