"""Validation of a year's judgements (`data/<year>/judgements.yml`). Pure.

A judgement is a person's verdict on a requirement no number measures (`定期更新`,
`常态化`, `全覆盖`): who judged, when, the result, a note and the records it rests on.
Until one is written the requirement is 待评定.
"""

from __future__ import annotations

from .fields import Fields, did_you_mean, show
from .load import RawFile
from .model import Activity, Document, Source
from .planmodel import Judgement, Plan
from .problems import Problem

RESULTS = {"达标": True, "未达标": False, "pass": True, "fail": False}
FIELDS = ("task", "word", "result", "by", "date", "note", "records")


def validate_judgements(raw: RawFile | None, plan: Plan, records: tuple[Activity | Document, ...],
                        problems: list[Problem]) -> tuple[Judgement, ...]:
    if raw is None or not raw.ok:
        return ()
    f = Fields({"judgements": raw.data}, raw.path, problems)
    if not isinstance(raw.data, list):
        problems.append(Problem(raw.path, 1, "", f"应为一组评定（- task: 2-4 …），实际为{show(raw.data)}。"))
        return ()
    tasks = {t.id: t for t in plan.all_tasks}
    ids = {r.id for r in records}
    out = []
    for i, item in f.items("judgements"):
        j = f.sub("judgements", i)
        if not isinstance(item, dict):
            j.error("", f"应为一组字段（task、result、by、date），实际为 {show(item)}。")
            continue
        task_id = j.text("task", required=True, example="2-4")
        if task_id and task_id not in tasks:
            j.error("task", f'任务分解里没有任务 "{task_id}"。{did_you_mean(task_id, tasks) or "任务编号写成 方面-序号，如 2-4。"}')
        word = j.text("word")
        if task_id in tasks and word:
            words = [r.get("word") for r in tasks[task_id].rules if r.get("type") == "judgement"]
            if word not in words:
                hint = f"这项任务需要人工评定的要求：{'、'.join(words)}。" if words else "这项任务没有需要人工评定的要求。"
                j.error("word", f"任务 {task_id} 没有要求 {show(word)}。{hint}")
        result = j.choice("result", RESULTS, required=True)
        by, date = j.text("by", required=True, example="王某某"), j.date("date", required=True)
        linked = []
        for k, value in enumerate(j.words("records")):
            if value in ids:
                linked.append(value)
            else:
                j.error("records", f"找不到活动或材料 {show(value)}。请写活动或材料的文件名（不带 .md/.yml）。",
                        j.item_line("records", k))
        j.check_unknown(FIELDS)
        if task_id in tasks and result is not None and by and date:
            out.append(Judgement(task_id, word, result, by, date, j.text("note"), tuple(linked),
                                 Source(raw.path, j.line)))
    return tuple(sorted(out, key=lambda x: (x.date, x.task)))
