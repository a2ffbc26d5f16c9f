"""How a phrase of the plan is read, in Chinese for people or as JSON for tools (`wenming explain`). Pure."""

from __future__ import annotations

import json

from ..records.phrases import PhraseReading, Reading, read_phrase
from .counting import CYCLE_NAMES
from .status import md

_RELATIONS = {"before": "之前", "during": "期间", "after": "之后", "on": "当天"}


def explain(phrase: str, year: int) -> PhraseReading:
    return read_phrase(phrase, year)


def render_json(pr: PhraseReading) -> str:
    return json.dumps(pr.as_json(), ensure_ascii=False, indent=2, sort_keys=False)


def render_text(pr: PhraseReading) -> str:
    """`“每季度不少于一次”（2019年）读作：` then one line per reading."""
    if not pr.ok:
        return pr.error
    lines = [f"“{pr.phrase}”（{pr.year}年）读作："]
    lines += [f"  - {describe(r)}" for r in pr.readings]
    return "\n".join(lines)


def describe(r: Reading) -> str:
    v = r.values
    kinds = f"（只计 {'、'.join(v['kinds'])}）" if v.get("kinds") else ""
    if r.kind == "due":
        return f"截止日期：{v['date'].isoformat()}（{md(v['date'])}前，含当天）{kinds}"
    if r.kind == "window":
        return f"时间窗口：{v['start'].isoformat()} 至 {v['end'].isoformat()}，在这之内开展才算{kinds}"
    if r.kind == "on":
        return f"当天：{v['date'].isoformat()}"
    if r.kind == "from":
        return f"开始日期：{v['date'].isoformat()}，之前的月份不考核"
    if r.kind in ("per_cycle", "count"):
        head = f"{CYCLE_NAMES[v['cycle']]}" if r.kind == "per_cycle" else "任务时限内共"
        amount = f"{v['min']}到{v['max']}次" if "max" in v and v["max"] != v["min"] and v["min"] > 1 else (
            f"不超过{v['max']}次" if "max" in v else f"不少于{v['min']}次")
        strict = f"（“超过{v['min'] - 1}次”即至少{v['min']}次）" if v.get("strict") else ""
        due = f"，每月{v['due_day']}日前" if v.get("due_day") else ""
        return f"{head}{amount}{strict}{due}"
    if r.kind == "each_month":
        return f"{'、'.join(f'{m}月' for m in v['months'])}每个月之内各不少于{v['min_each']}次"
    if r.kind == "after_record":
        return f"每次活动结束后{v['days']}天内报送"
    if r.kind == "festival":
        return f"{'、'.join(v['names'])}{_RELATIONS[v['relation']]}（按当年农历计算日期）"
    if r.kind == "event":
        days = f"{v['days']}天" if v.get("days") else ""
        return f"相对于事件“{v['name']}”：{_RELATIONS[v['relation']]}{days}（日期在 plan.yml 的 events 中登记，未登记时为待评定）"
    if r.kind == "judgement":
        return f"没有数字，需人工评定：“{v['word']}”（评定前为待评定）"
    if r.kind == "external":
        return f"标准见{v['ref']}，尚未录入（录入前为待评定）"
    if r.kind == "ratio":
        return f"比例{'超过' if v['strict'] else '不低于'}{v['min']:.0%}（{v['of'] or '比例'}）"
    if r.kind == "hours":
        return f"{'超过' if v['strict'] else '不少于'}{v['min']}小时" + ("（严格大于）" if v["strict"] else "")
    raise AssertionError(r.kind)
