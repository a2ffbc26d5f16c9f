"""Validation of the annual plan (`data/<year>/plan.yml`). Pure."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from .fields import Fields, did_you_mean, show
from .load import RawFile
from .model import Source, Unit
from .planmodel import HEADINGS, Category, Event, Leader, Phase, Plan, Rubric, ScheduleItem, Task
from .phrases import PhraseReading, read_phrase
from .readings import deadline_of, merge_rules, reading_in_period, rule_in_period, rule_of, task_bounds
from .problems import Problem
from .refs import Refs
from .rulespec import validate_rule, validate_score

PLAN_FIELDS = ("title", "number", "issued", "issuer", "guiding", "goals", "requirements", "leading_group",
               "phases", "categories", "schedule", "rubrics", "events", "headings", "period")
CATEGORY_FIELDS = ("number", "title", "lead", "coop", "tasks", "phase")
TASK_FIELDS = ("id", "title", "text", "lead", "coop", "deadline", "frequency", "count", "evidence", "points", "rules",
               "score", "owner", "leader", "subtasks", "phase")
SUBTASK_FIELDS = ("id", "title", "text", "lead", "coop", "deadline", "frequency", "evidence", "rules", "owner", "leader")
RUBRIC_FIELDS = ("id", "name", "total", "items")
SCHEDULE_FIELDS = ("id", "month", "when", "activity", "report", "tasks")
_TASK_ID = re.compile(r"^(\d{1,2})-(\d{1,2})$")
_SUBTASK_ID = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{1,2})$")
_SCHEDULE_ID = re.compile(r"^(\d{2})-(\d{1,2})$")


def _period(f: Fields, year: int) -> tuple[dt.date, dt.date] | None:
    """`period: {start: 2023-09-01, end: 2024-06-30}`: a plan that runs across two years (a school year)."""
    if not f.has("period"):
        return None
    p = f.sub("period")
    start, end = p.date("start", required=True), p.date("end", required=True)
    p.check_unknown(("start", "end"))
    if not (start and end):
        return None
    if start.year != year:
        p.error("start", f"方案从 {start} 开始，应放在 {start.year}/ 文件夹里（两年的方案放在开始那一年的文件夹）。")
        return None
    if end <= start or end.year > year + 1:
        p.error("end", f"结束日期 {end} 应在 {start} 之后、{year + 1} 年底之前。")
        return None
    return start, end


def _phase_ref(f: Fields, phases: list[Phase]) -> str:
    """`phase: 宣传发动`: the step a category or task belongs to, by the name in `phases`."""
    name = f.text("phase")
    if name and not any(p.name == name for p in phases):
        names = [p.name for p in phases]
        hint = did_you_mean(name, names) or (f"已登记的阶段：{'、'.join(names)}。" if names else
                                             "请先在 phases 里登记这个阶段（name、start、end）。")
        f.error("phase", f"phases 里没有阶段 {show(name)}。{hint}")
        return ""
    return name


def _in_step(task: Task, name: str, phases: list[Phase]) -> Task:
    """A step's window holds back all of its work: the task starts no earlier and ends no later than the step."""
    if not name:
        return task
    step = next(p for p in phases if p.name == name)
    start = max(task.start or step.start, step.start)
    end = min(task.end or step.end, step.end)
    subtasks = tuple(_in_step(s, name, phases) for s in task.subtasks)
    return replace(task, phase=name, start=start, end=max(end, start), subtasks=subtasks)


def _org_refs(f: Fields, key: str, unit: Unit, required: bool = False) -> tuple[str, ...]:
    return Refs(unit, None, 0).orgs(f, key, required)


def _phrases(f: Fields, key: str, year: int, events: tuple[str, ...] = (), kinds: tuple[str, ...] = (),
             period: tuple[dt.date, dt.date] | None = None) -> list[PhraseReading]:
    """Every phrase of `deadline:` or `frequency:`, read; a phrase not read exactly is an error."""
    out = []
    for i, item in f.items(key, example="3月底前" if key == "deadline" else "每季度不少于一次"):
        if isinstance(item, (dict, list)):
            f.error(key, f"应为一句时限或频次（如 3月底前），实际为 {show(item)}。", f.item_line(key, i))
            continue
        text = item.isoformat() if hasattr(item, "isoformat") else str(item).strip()
        reading = read_phrase(text, year, events, kinds)
        for r in reading.readings:
            if r.kind == "event" and r.get("name") not in events and r.get("name") != "倒计时":
                hint = did_you_mean(r.get("name"), events) if events else ""
                f.warn(key, f"“{r.get('name')}”不是 events 里登记的事件，它的日期未知，这项要求会一直是待评定。"
                       f"{hint or '请在 plan.yml 的 events 里登记（如 {name: ' + r.get('name') + f', start: {year}-10-15}}）'}"
                       f"{'' if hint else '；同一件事有两种说法时，写在 also 里'}。", f.item_line(key, i))
        if not reading.ok:
            what = "时限" if key == "deadline" else "频次"
            f.error(key, f"{what}：{reading.error}看不懂的{what}也可以删掉，改在 rules 里写考核规则。", f.item_line(key, i))
        else:
            out.append(replace(reading, readings=tuple(reading_in_period(r, period) for r in reading.readings)))
    return out


def _task(f: Fields, category: Category, year: int, path: str, unit: Unit, tallies: set[str] | None,
          rubrics: dict[str, Rubric], parent: Task | None = None, events: tuple[str, ...] = (),
          unit_kinds: tuple[str, ...] = (), period: tuple[dt.date, dt.date] | None = None) -> Task | None:
    """A task of the plan; with `parent`, one of its subtasks (①② or 一是/二是), id `<parent>-<n>`."""
    if parent is not None:
        task_id = f.text("id", required=True, example=f"{parent.id}-1")
        if task_id and (not _SUBTASK_ID.match(task_id) or not task_id.startswith(parent.id + "-")):
            f.error("id", f'子任务编号应写成 任务编号-序号（如 "{parent.id}-1"），实际为 {show(task_id)}。')
            task_id = ""
    else:
        task_id = f.text("id", required=True, example=f"{category.number}-1")
    if parent is None and task_id and not _TASK_ID.match(task_id):
        f.error("id", f'任务编号应写成 方面-序号（如 "{category.number}-1"），实际为 {show(task_id)}。')
    elif parent is None and task_id and category.number and int(task_id.split("-")[0]) != category.number:
        f.error("id", f'任务 "{task_id}" 放在了方面（{category.number}）下面。编号的第一部分应为 {category.number}。')
    deadline = _phrases(f, "deadline", year, events, unit_kinds, period)
    frequency = _phrases(f, "frequency", year, events, unit_kinds, period)
    rules = [rule_in_period(rule_of(r, pr.phrase, key, year), period) for key, prs in (("deadline", deadline), ("frequency", frequency))
             for pr in prs for r in pr.readings]
    for i, rule in f.items("rules"):
        if not isinstance(rule, dict):
            f.error("rules", f"第 {i + 1} 条规则应为一组字段，实际为 {show(rule)}。", f.item_line("rules", i))
        else:
            clean = validate_rule(f.sub("rules", i), tallies)
            if clean:
                rules.append(clean)
    rules = merge_rules(rules, year)
    scores = []
    raw_score = f.raw("score")
    entries = f.items("score") if isinstance(raw_score, list) else [(None, raw_score)] if raw_score is not None else []
    for i, item in entries:
        if not isinstance(item, dict):
            f.error("score", f"评分应为一组字段（如 method: threshold），实际为 {show(item)}。")
            continue
        sf = f.sub("score", i)
        score = validate_score(sf)
        rubric = sf.text("rubric") or next(iter(rubrics), "")
        if rubric and rubric not in rubrics:
            hint = did_you_mean(rubric, rubrics)
            sf.error("rubric", f"rubrics 里没有测评体系 {show(rubric)}。{hint or '请先在方案的 rubrics 中登记。'}")
            continue
        scores.append({**score, "rubric": rubric, "item": sf.text("item")})
    start, end = task_bounds(deadline, rules, year, period)
    count = f.integer("count", minimum=1, example="4", plausible=(1, 366))
    if count and any(r["type"] == "count" for r in rules):
        f.warn("count", f"count: {count} 与 frequency 或 rules 里的次数重复了。请只写一处（建议写 frequency，照方案原文）。")
    above = parent or category
    task = Task(
        id=task_id, category=category.number,
        title=f.text("title", required=parent is None, example="制定年度实施方案"),
        text=f.text("text", required=True, example="（照方案原文抄录）"),
        lead=_org_refs(f, "lead", unit) or above.lead,
        coop=_org_refs(f, "coop", unit) or above.coop,
        deadlines=tuple(deadline_of(pr, period) for pr in deadline),
        count=count,
        evidence=f.text("evidence"),
        points=f.number("points", example="2", plausible=(0, 1000)),
        rules=tuple(rules),
        scores=tuple(scores),
        source=Source(path, f.line),
        frequency=tuple(pr.phrase for pr in frequency), start=start, end=end,
        owner=f.text("owner"), leader=f.text("leader"), parent=parent.id if parent else "",
    )
    if parent is None and f.has("subtasks"):
        task = replace(task, subtasks=tuple(_subtasks(f, task, category, year, path, unit, tallies, rubrics,
                                                       events, unit_kinds, period)))
    f.check_unknown(SUBTASK_FIELDS if parent else TASK_FIELDS)
    return task if task_id else None


def _subtasks(f: Fields, task: Task, category: Category, year: int, path: str, unit: Unit,
              tallies: set[str] | None, rubrics: dict[str, Rubric], events: tuple[str, ...] = (),
              unit_kinds: tuple[str, ...] = (), period: tuple[dt.date, dt.date] | None = None) -> list[Task]:
    out: list[Task] = []
    for i, item in f.items("subtasks", example=f'[{{id: "{task.id}-1", text: 一是……}}]'):
        if not isinstance(item, dict):
            f.error("subtasks", f"第 {i + 1} 项子任务应为一组字段（id、text……），实际为 {show(item)}。",
                    f.item_line("subtasks", i))
            continue
        sub = _task(f.sub("subtasks", i), category, year, path, unit, tallies, rubrics, parent=task, events=events,
                    unit_kinds=unit_kinds, period=period)
        if sub is not None and any(s.id == sub.id for s in out):
            f.sub("subtasks", i).error("id", f'子任务编号 "{sub.id}" 重复。')
        elif sub is not None:
            out.append(replace(sub, title=sub.title or sub.text[:24].rstrip("。；;，,")))
    return out


def validate_plan(raw: RawFile, year: int, unit: Unit, problems: list[Problem],
                  tallies: set[str] | None = None, kinds: tuple[str, ...] = ()) -> Plan:
    """The year's plan; `kinds`: the document kinds the unit's own records use, read in phrases too."""
    data = raw.data if raw.ok and isinstance(raw.data, dict) else {}
    if raw.ok and not isinstance(raw.data, dict):
        problems.append(Problem(raw.path, 1, "", f"应为一组字段（title: …），实际为{show(raw.data)}。"))
    f = Fields(data, raw.path, problems, line=1)
    period = _period(f, year)
    phases = []
    for i, _ in f.items("phases"):
        p = f.sub("phases", i)
        name, start, end = p.text("name", required=True, example="宣传发动"), p.date("start", required=True), p.date("end", required=True)
        if start and end and end < start:
            p.error("end", f"结束日期 {end} 早于开始日期 {start}。")
        elif name and start and end:
            phases.append(Phase(name, start, end, p.text("text")))
        p.check_unknown(("name", "start", "end", "text"))
    leaders = []
    for i, _ in f.items("leading_group"):
        p = f.sub("leading_group", i)
        leaders.append(Leader(p.text("role", required=True, example="组长"), p.text("name"), p.text("post")))
        p.check_unknown(("role", "name", "post"))
    rubrics: dict[str, Rubric] = {}
    rubric_fields: dict[str, tuple[Fields, float | None]] = {}
    for i, _ in f.items("rubrics"):
        r = f.sub("rubrics", i)
        names, item_points = [], []
        for j, _ in r.items("items", example="[{name: 工作机制, points: 6}]"):
            it = r.sub("items", j)
            name = it.text("name", required=True, example="工作机制")
            points = it.number("points", example="6")
            if name:
                names.append(name)
                item_points.append(points)
            it.check_unknown(("name", "points"))
        rubric = Rubric(r.text("id", required=True, example="city"), r.text("name", required=True, example="市级文明单位测评体系"),
                        r.number("total", example="100", plausible=(1, 1000)), tuple(names), tuple(item_points))
        if rubric.id in rubrics:
            r.error("id", f"测评体系编号 {show(rubric.id)} 重复。")
        elif rubric.id:
            rubrics[rubric.id] = rubric
            listed = [p for p in item_points if p is not None]
            rubric_fields[rubric.id] = (r, sum(listed) if names and listed else None)
        r.check_unknown(RUBRIC_FIELDS)
    events = []
    for i, _ in f.items("events"):
        e = f.sub("events", i)
        name, start, end = e.text("name", required=True, example="测评"), e.date("start"), e.date("end")
        also = e.words("also")
        if start and end and end < start:
            e.error("end", f"结束日期 {end} 早于开始日期 {start}。")
        elif name:
            events.append(Event(name, start, end or start, tuple(w for w in also if w != name)))
        e.check_unknown(("name", "start", "end", "also"))
    categories = []
    task_seen: dict[str, int] = {}
    numbers: set[int] = set()
    for i, _ in f.items("categories", required=raw.ok, example="[……]"):
        c = f.sub("categories", i)
        number = c.integer("number", required=True, minimum=1, maximum=99, example=str(i + 1)) or 0
        if number and number in numbers:
            c.error("number", f"方面序号 {number} 重复。请检查序号。")
        numbers.add(number)
        category = Category(number, c.text("title", required=True, example="创建工作机制方面"),
                            _org_refs(c, "lead", unit), _org_refs(c, "coop", unit), (), _phase_ref(c, phases))
        tasks = []
        for j, _ in c.items("tasks", required=True, example="[……]"):
            t = c.sub("tasks", j)
            task = _task(t, category, year, raw.path, unit, tallies, rubrics, events=tuple(n for e in events for n in e.names),
                         unit_kinds=kinds, period=period)
            task = _in_step(task, _phase_ref(t, phases) or category.phase, phases) if task else None
            if task is None:
                continue
            if task.id in task_seen:
                t.error("id", f'任务编号 "{task.id}" 重复（第 {task_seen[task.id]} 行已使用）。每项任务的编号要不同。')
                continue
            task_seen[task.id] = t.line or 0
            for sub in task.subtasks:
                task_seen.setdefault(sub.id, sub.source.line or 0)
            tasks.append(task)
        # A category or task the plan gives no lead is valid: its pages say 牵头部门：未明确.
        c.check_unknown(CATEGORY_FIELDS)
        categories.append(Category(category.number, category.title, category.lead, category.coop, tuple(tasks),
                                   category.phase))
    schedule = []
    schedule_seen: dict[str, int] = {}
    for i, _ in f.items("schedule"):
        s = f.sub("schedule", i)
        item_id = s.text("id", required=True, example="03-1")
        month = s.integer("month", required=True, minimum=1, maximum=12, example="3")
        if item_id and not _SCHEDULE_ID.match(item_id):
            s.error("id", f'安排表编号应写成 月份-序号（如 "03-1"），实际为 {show(item_id)}。')
        elif item_id and month and int(item_id[:2]) != month:
            s.error("id", f'编号 "{item_id}" 的月份与 month: {month} 不一致。请改成 "{month:02d}-…"。')
        if item_id in schedule_seen:
            s.error("id", f'安排表编号 "{item_id}" 重复（第 {schedule_seen[item_id]} 行已使用）。')
            continue
        refs = []
        for value in s.words("tasks"):
            if value in task_seen:
                refs.append(value)
            else:
                hint = did_you_mean(value, list(task_seen))
                s.error("tasks", f'任务分解里没有任务 "{value}"。{hint or "任务编号写成 方面-序号，如 5-2。"}')
        report = s.text("report")
        if item_id and month:
            schedule_seen[item_id] = s.line or 0
            schedule.append(ScheduleItem(item_id, month, s.text("when", required=True, example="3月6日"),
                                         s.text("activity", required=True, example="第一期道德讲堂"), report,
                                         tuple(refs), Source(raw.path, s.line)))
        s.check_unknown(SCHEDULE_FIELDS)
    _check_rubric_totals(rubrics, rubric_fields, [t for c in categories for t in c.tasks])
    headings = []
    if f.has("headings"):
        raw_headings = f.raw("headings")
        if not isinstance(raw_headings, dict):
            f.error("headings", f"应为一组 部分: 标题（如 guiding: 一、总体要求），实际为 {show(raw_headings)}。")
        else:
            h = f.sub("headings")
            headings = [(key, h.text(key)) for key in HEADINGS if h.text(key)]
            h.check_unknown(tuple(HEADINGS))
    f.check_unknown(PLAN_FIELDS)
    return Plan(headings=tuple(headings),
        
        year=year, title=f.text("title", required=raw.ok, example=f"{year}年度精神文明建设工作实施方案") or f"{year}年度实施方案",
        number=f.text("number"), issued=f.date("issued"), issuer=f.text("issuer") or unit.name,
        guiding=f.text("guiding"), goals=f.text("goals"), requirements=f.text("requirements"),
        leading_group=tuple(leaders), phases=tuple(sorted(phases, key=lambda p: p.start)),
        categories=tuple(sorted(categories, key=lambda c: c.number)),
        schedule=tuple(sorted(schedule, key=lambda s: (s.month, _seq(s.id)))),
        rubrics=tuple(rubrics.values()), events=tuple(events), period=period,
        source=Source(raw.path, 1),
    )


def _seq(item_id: str) -> int:
    tail = item_id.split("-")[-1]
    return int(tail) if tail.isdigit() else 0


def _check_rubric_totals(rubrics: dict[str, Rubric], fields: dict[str, tuple[Fields, float | None]],
                         tasks: list[Task]) -> None:
    """Warn when a rubric's item points (its `items`, else the tasks' scores) do not add up to its total."""
    for rid, rubric in rubrics.items():
        r, listed = fields[rid]
        entries = [(t, e) for t in tasks for e in t.scores if e.get("rubric") == rid]
        for t, e in entries:
            if rubric.items and e.get("item") and e["item"] not in rubric.items:
                hint = did_you_mean(e["item"], rubric.items) or f"{rid} 的 items 有：{'、'.join(rubric.items)}。"
                r.warn("items", f"任务 {t.id} 的评分项 {show(e['item'])} 不在这个测评体系的 items 里。{hint}")
        if rubric.total is None:
            continue
        if listed is not None:
            total, what = listed, "items 各项分值"
        else:
            points = [e.get("points", t.points) for t, e in entries]
            if not points:
                continue
            total, what = sum(p for p in points if p is not None), "各任务 score 的分值（不含加分）"
        if abs(total - rubric.total) > 1e-9:
            r.warn("total", f"{what}合计 {total:g} 分，与总分 total: {rubric.total:g} 不符。"
                            f"请核对各项分值；测评体系中没有对应任务的项目，可以写进 items。")
