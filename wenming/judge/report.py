"""A year's evaluation as plain text lines, for `wenming status` and the golden tests. Pure."""

from __future__ import annotations

from .progress import STATUS_ORDER, YearProgress
from .status import Status


def report_lines(p: YearProgress, verbose: bool = False) -> list[str]:
    """Overall counts, scores, then one line per task (and with `verbose`, one per requirement)."""
    counts = "，".join(f"{s.value} {p.overall.counts.get(s, 0)}" for s in STATUS_ORDER)
    lines = [f"{p.year} 年，截至 {p.as_of.isoformat()}：{p.overall.total} 项任务（{counts}），完成度 {p.overall.completion:.0%}"]
    for r in p.scores:
        pending = f"，{r.pending} 项待人工评分" if r.pending else ""
        bonus = f"（含加分 {r.bonus:g}）" if r.bonus else ""
        lines.append(f"  预计得分 {r.rubric.name}：{r.earned:.1f} / {r.points:g}{bonus}{pending}")
    for s in p.phases:
        work = f"，{len(s.tasks)} 项任务" if s.tasks else ""
        behind = f"，逾期 {s.overdue}" if s.overdue else ""
        lines.append(f"  阶段 {s.name}（{s.start.isoformat()}—{s.end.isoformat()}，{s.state}{work}）："
                     f"到期要求 {s.due}，已达标 {s.met}{behind}")
    for task_id, res in p.tasks.items():
        late = f"（含{res.late}项逾期完成）" if res.late and res.status != Status.DONE_LATE else ""
        lines.append(f"{task_id} {res.status.value}{late}：{res.reason}")
        subtasks = sorted({r.subtask for r in res.rules if r.subtask})
        if verbose:
            for sub_id in subtasks:
                sub = res.subtask_result(sub_id)
                lines.append(f"  子任务 {sub_id} {sub.status.value}：{sub.reason}")
        if verbose:
            for r in res.rules:
                due = f"，{r.due.isoformat()}" if r.due else ""
                record = f"［{r.record}］" if r.record else ""
                lines.append(f"    {r.status.value} {r.label}{record}：{r.reason}{due}")
    return lines


def attention_lines(p: YearProgress) -> list[str]:
    """What needs doing: overdue and due-soon requirements, one line each."""
    out = []
    for title, rows in (("逾期", p.overdue), ("近期截止（30 天内）", p.upcoming)):
        out.append(f"{title}：{len(rows)} 项")
        for d in rows:
            due = d.result.due.isoformat() if d.result.due else "—"
            r = d.result
            what = f"{r.rule}（{r.label}）" if r.rule and r.rule != r.label else r.label
            record = f"［{d.result.record}］" if d.result.record else ""
            mark = "" if d.result.status in (Status.OVERDUE, Status.AT_RISK) else f"（{d.result.status.value}）"
            out.append(f"  {due} {d.task.id} {d.task.title}：{what}{record}，{d.result.reason}{mark}")
    return out
