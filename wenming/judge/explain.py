"""How a phrase of the plan is read, in Chinese for people or as JSON for tools (`wenming explain`). Pure."""

from __future__ import annotations

import json

from ..records.phrases import PhraseReading, Reading, read_phrase
from .counting import CYCLE_NAMES
from .status import md

_RELATIONS = {"before": "之前", "during": "期间", "after": "之后", "on": "当天"}
_CYCLES = {**CYCLE_NAMES, "day": "每天"}
_WEEKDAYS = "一二三四五六日"


def explain(phrase: str, year: int) -> PhraseReading:
    return read_phrase(phrase, year)


def render_json(pr: PhraseReading) -> str:
    return json.dumps(pr.as_json(), ensure_ascii=False, indent=2, sort_keys=False)


def render_text(pr: PhraseReading) -> str:
    """`“每季度不少于一次”（2019年）读作：` then one line per reading."""
    if not pr.ok:
        unread = next((s for s in pr.spans if s.role == "unread"), None)
        if unread is None:
            return pr.error
        return f"{pr.error}\n  {marked(pr.phrase, [unread])}"
    lines = [f"“{pr.phrase}”（{pr.year}年）读作：", f"  {marked(pr.phrase, pr.spans)}"]
    for i, r in enumerate(pr.readings):
        words = "、".join(f"“{s.text}”" for s in pr.spans if s.reading == i)
        lines.append(f"  - {describe(r)}" + (f"  ← {words}" if words else ""))
    return "\n".join(lines)


def marked(phrase: str, spans) -> str:
    """The phrase with the characters that were read in 【】 (the rest are plain words)."""
    out, at = [], 0
    for s in sorted(spans, key=lambda s: s.start):
        if s.start < at:
            continue
        out.append(phrase[at:s.start])
        out.append(f"【{phrase[s.start:s.end]}】")
        at = s.end
    out.append(phrase[at:])
    return "".join(out)


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
        unit = v.get("measure", "次")
        head = _cycle_words(v) if r.kind == "per_cycle" else "任务时限内共"
        per = f"每个{v['per']}" if v.get("per") else ""
        amount = f"{v['min']}到{v['max']}{unit}" if "max" in v and v["max"] != v["min"] and v["min"] > 1 else (
            f"不超过{v['max']}{unit}" if "max" in v else f"不少于{v['min']}{unit}")
        target = f"（目标{v['target']}{unit}）" if v.get("target") else ""
        strict = f"（“超过{v['min'] - 1}{unit}”即至少{v['min']}{unit}）" if v.get("strict") else ""
        due = f"，每月{v['due_day']}日前" if v.get("due_day") else ""
        if v.get("nth_weekday"):
            nth, wd = v["nth_weekday"]
            due += f"，在每月{'最后一' if nth == -1 else '第' + str(nth)}个星期{_WEEKDAYS[wd - 1]}"
        return f"{per}{head}{amount}{target}{strict}{due}{kinds}"
    if r.kind == "each_month":
        return f"{'、'.join(f'{m}月' for m in v['months'])}每个月之内各不少于{v['min_each']}次"
    if r.kind == "after_record":
        return f"每次活动结束后{v['days']}天内报送"
    if r.kind == "within":
        return f"{v['days']}天之内（没有写从哪天算起，需人工评定）"
    if r.kind == "condition":
        return f"条件，不是要求：“{v['text']}”（如扣分的情形，不作为考核要求）"
    if r.kind == "festival":
        more = "等节日" if v.get("open") else ""
        return f"{'、'.join(v['names'])}{more}{_RELATIONS[v['relation']]}（农历节日按当年农历计算日期）"
    if r.kind == "event":
        days = f"{v['days']}天" if v.get("days") else ""
        return f"相对于事件“{v['name']}”：{_RELATIONS[v['relation']]}{days}（日期在 plan.yml 的 events 中登记，未登记时为待评定）"
    if r.kind == "judgement":
        return f"没有数字，需人工评定：“{v['word']}”（评定前为待评定）"
    if r.kind == "external":
        return f"标准见{v['ref']}，尚未录入（录入前为待评定）"
    if r.kind == "ratio":
        cycle = _cycle_words(v) if v.get("cycle") else ""
        return f"{cycle}比例{'超过' if v['strict'] else '不低于'}{v['min']:.0%}（{v['of'] or '比例'}）"
    if r.kind == "hours":
        cycle = _cycle_words(v) if v.get("cycle") else ""
        per = f"每个{v['per']}" if v.get("per") else ""
        return f"{per}{cycle}{'超过' if v['strict'] else '不少于'}{v['min']}小时" + ("（严格大于）" if v["strict"] else "")
    raise AssertionError(r.kind)


def _cycle_words(v: dict) -> str:
    if v.get("cycle") == "years":
        return f"每{v['every']}年"
    if v.get("every"):
        return f"每{v['every']}{'周' if v['cycle'] == 'week' else '天' if v['cycle'] == 'day' else '个月'}"
    return _CYCLES.get(v.get("cycle"), "")
