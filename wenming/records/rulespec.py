"""Validation of a task's `rules:` list and `score:` mapping in plan.yml. Pure.

Each rule is a mapping with a `type` and the fields of that type (RULE_FIELDS);
the result is a clean dict the progress engine (`rules.py`) reads without
further checks. Every rule may also carry `label`: the plan's own words
(`全年不少于6次`), shown next to the evaluation.
"""

from __future__ import annotations

import re

from .fields import Fields, did_you_mean, show
from .festivals import FESTIVALS, canonical_name

CYCLE_WORDS = {"week": "week", "每周": "week", "month": "month", "每月": "month", "two_months": "two_months",
               "每两个月": "two_months", "quarter": "quarter", "每季度": "quarter", "half_year": "half_year",
               "每半年": "half_year", "year": "year", "每年": "year"}
RELATIONS = {"before": "before", "前": "before", "during": "during", "期间": "during", "after": "after", "后": "after",
             "on": "on", "当天": "on"}
RECORDS = {"activities": "activities", "活动": "activities", "documents": "documents", "材料": "documents"}

# Optional on every counting rule: which records count (`kinds` of documents, or only activities/documents).
_FILTER = {"kinds": "words", "records": "records"}
# type → {field: kind}; kinds: int, number, ratio, bool, cycle, months, dates, festivals, tally, date, text, words
RULE_FIELDS: dict[str, dict[str, str]] = {
    "due": {"date": "date", **_FILTER},
    "window": {"start": "date", "end": "date", "min": "int", **_FILTER},
    "from": {"date": "date"},
    "count": {"min": "int", "max": "int", "strict": "bool", "start": "date", "end": "date", "measure": "text",
              **_FILTER},
    "per_cycle": {"cycle": "cycle", "min": "int", "max": "int", "strict": "bool", "due_day": "int", "measure": "text",
                  **_FILTER},
    "spread": {"months": "int", "max_per_month": "int", **_FILTER},
    "occasions": {"months": "months", "dates": "dates", "window": "int", "min": "int", **_FILTER},
    "festival": {"festivals": "festivals", "min": "int", "before": "int", "after": "int", "relation": "relation"},
    "documents": {"each": "words", "date": "date"},
    "evidence": {"photos": "int", "min_chars": "int", "max_chars": "int", "doc_number": "bool", "report_days": "int"},
    "ratio": {"min": "ratio", "by_month": "int", "strict": "bool"},
    "hours_per_capita": {"min": "number", "strict": "bool"},
    "quota": {"tally": "tally", "per_month": "int", "per_org": "int", "by_day": "int"},
    "refresh": {"cycle": "cycle", "grace_days": "int"},
    "judgement": {"word": "text"},
    "external": {"ref": "text"},
    "event": {"name": "text", "relation": "relation", "days": "int"},
}
REQUIRED = {"due": ("date",), "window": ("start", "end"), "from": ("date",), "count": ("min",),
            "per_cycle": ("cycle",), "ratio": ("min",), "hours_per_capita": ("min",), "quota": ("tally",),
            "refresh": ("cycle",), "documents": ("each",), "judgement": ("word",), "external": ("ref",),
            "event": ("name", "relation")}
ONE_OF = {"spread": ("months", "max_per_month"), "occasions": ("months", "dates"),
          "evidence": ("photos", "min_chars", "max_chars", "doc_number", "report_days"),
          "quota": ("per_month", "per_org")}
EXAMPLES = {"due": "{type: due, date: 2018-03-31}", "window": "{type: window, start: 2018-03-01, end: 2018-03-31}",
            "from": "{type: from, date: 2018-07-01}", "documents": "{type: documents, each: [方案, 表彰文件]}",
            "judgement": "{type: judgement, word: 定期更新}", "external": "{type: external, ref: 专项通知}",
            "event": "{type: event, name: 测评, relation: during}", "count": "{type: count, min: 6}", "per_cycle": "{type: per_cycle, cycle: quarter, min: 1}",
            "spread": "{type: spread, months: 4}", "occasions": "{type: occasions, months: [1, 7]}",
            "festival": "{type: festival, min: 4}", "evidence": "{type: evidence, photos: 3, min_chars: 500}",
            "ratio": "{type: ratio, min: 0.3}", "hours_per_capita": "{type: hours_per_capita, min: 40}",
            "quota": "{type: quota, tally: leads, per_month: 30}", "refresh": "{type: refresh, cycle: quarter}"}

SCORE_METHODS = {"all": "all", "达标得分": "all", "proportional": "proportional", "按比例": "proportional",
                 "threshold": "threshold", "阶梯": "threshold", "manual": "manual", "人工评分": "manual"}
SCORE_FIELDS = ("method", "points", "full_at", "zero_below", "step", "manual", "rubric", "item", "bonus", "bonus_max", "late",
                "quality")
_DATE = re.compile(r"^(\d{1,2})-(\d{1,2})$")


def validate_rule(f: Fields, tallies: set[str] | None) -> dict | None:
    """One rule mapping → a clean dict, or None (problems recorded in `f`)."""
    kind = f.text("type", required=True, example="count")
    if not kind:
        return None
    if kind not in RULE_FIELDS:
        hint = did_you_mean(kind, RULE_FIELDS)
        f.error("type", f"没有这种规则 {show(kind)}。{hint or '可用的规则：' + '、'.join(RULE_FIELDS) + '。'}")
        return None
    spec = RULE_FIELDS[kind]
    if kind == "documents" and f.has("kinds"):
        f.error("kinds", "documents 规则要每种材料都有，请把 kinds 改为 each，如 {type: documents, each: [方案, 表彰文件]}；"
                         "只要其中一种即可时写 {type: count, min: 1, kinds: [方案, 表彰文件]}。")
        return None
    rule: dict = {"type": kind}
    label = f.text("label")
    if label:
        rule["label"] = label
    for key in REQUIRED.get(kind, ()):
        if not f.has(key):
            f.missing(key, EXAMPLES[kind])
    for key, value_kind in spec.items():
        if f.has(key):
            value = _value(f, key, value_kind, tallies)
            if value is not None:
                rule[key] = value
    if kind in ONE_OF and not any(k in rule for k in ONE_OF[kind]) and not any(f.has(k) for k in ONE_OF[kind]):
        f.error("type", f"{kind} 规则至少要写 {' 或 '.join(ONE_OF[kind])} 中的一项，如 {EXAMPLES[kind]}。")
    if kind == "window" and rule.get("start") and rule.get("end") and rule["end"] < rule["start"]:
        f.error("end", f"结束日期 {rule['end']} 早于开始日期 {rule['start']}。")
    f.check_unknown(("type", "label", *spec))
    if any(key not in rule for key in REQUIRED.get(kind, ())):
        return None  # the problem is recorded; the engine never sees half a rule
    return rule


DAY_FIELDS = ("window", "before", "after", "grace_days", "report_days")
"""Day counts: at most a year (a larger one overflows the calendar and is never meant)."""
MAXIMUM = {**dict.fromkeys(DAY_FIELDS, 366), "months": 12, "by_month": 12, "by_day": 31}
PLAUSIBLE = {"min": (1, 366), "photos": (1, 30), "min_chars": (1, 10_000), "max_chars": (1, 10_000),
             "per_month": (1, 1000), "per_org": (1, 1000), "hours_per_capita": (1, 500)}
"""Values a plan states; outside them `check` warns and names the range."""


def _value(f: Fields, key: str, kind: str, tallies: set[str] | None):
    if kind == "int":
        return f.integer(key, minimum=1 if key != "window" else 0, maximum=MAXIMUM.get(key), example="3",
                         plausible=PLAUSIBLE.get(key))
    if kind == "date":
        return f.date(key)
    if kind == "text":
        return f.text(key) or None
    if kind == "words":
        return list(f.words(key)) or None
    if kind == "relation":
        return f.choice(key, RELATIONS)
    if kind == "records":
        return f.choice(key, RECORDS)
    if kind == "number":
        return f.number(key, example="40", plausible=PLAUSIBLE.get(f.data.get("type")) or PLAUSIBLE.get(key))
    if kind == "bool":
        return f.boolean(key)
    if kind == "cycle":
        return f.choice(key, CYCLE_WORDS)
    if kind == "ratio":
        raw = f.raw(key)
        if isinstance(raw, str) and raw.strip().endswith("%") and raw.strip()[:-1].replace(".", "", 1).isdigit():
            return float(raw.strip()[:-1]) / 100
        value = f.number(key, example="0.3")
        if value is not None and value > 1:
            f.error(key, f"比例应写成小数或百分数（如 0.3 或 \"30%\"），实际为 {show(raw)}。")
            return None
        return value
    if kind == "months":
        out = []
        for i, item in f.items(key):
            if isinstance(item, bool) or not isinstance(item, int) or not 1 <= item <= 12:
                f.error(key, f"第 {i + 1} 项应为 1 到 12 的月份，实际为 {show(item)}。", f.item_line(key, i))
            else:
                out.append(item)
        return sorted(set(out))
    if kind == "dates":
        out = []
        for i, item in enumerate(f.words(key)):
            m = _DATE.match(item)
            if not m or not 1 <= int(m[1]) <= 12 or not 1 <= int(m[2]) <= 31:
                f.error(key, f'第 {i + 1} 项应写成 "月-日"（如 "05-04"），实际为 {show(item)}。', f.item_line(key, i))
            else:
                out.append(f"{int(m[1]):02d}-{int(m[2]):02d}")
        return out
    if kind == "festivals":
        out = []
        for i, item in enumerate(f.words(key)):
            name = canonical_name(item)
            if name is None:
                hint = did_you_mean(item, FESTIVALS)
                f.error(key, f"不是我们的节日之一：{show(item)}。{hint or '可用：' + '、'.join(FESTIVALS) + '。'}",
                        f.item_line(key, i))
            else:
                out.append(name)
        return out
    if kind == "tally":
        name = f.text(key)
        if tallies is not None and name and name not in tallies:
            hint = did_you_mean(name, tallies)
            f.error(key, f"tallies.yml 里没有统计项 {show(name)}。{hint or '请先在 tallies.yml 的 counts 中登记。'}")
            return None
        return name or None
    raise AssertionError(kind)


def validate_score(f: Fields) -> dict | None:
    """A task's `score:` mapping: how its points are earned."""
    method = f.choice("method", SCORE_METHODS, default="all")
    score: dict = {"method": method}
    for key in ("full_at", "zero_below"):
        value = f.integer(key, minimum=0, example="6", plausible=(0, 366))
        if value is not None:
            score[key] = value
    for key in ("step", "manual", "points", "bonus", "bonus_max", "quality"):
        value = f.number(key, example="1", plausible=(0, 1000))
        if value is not None:
            score[key] = value
    late = f.number("late", example="0.5", plausible=(0, 1))
    if late is not None:
        if late > 1:
            f.error("late", f"逾期完成得分的比例应在 0 到 1 之间（0.5 即得一半分），实际为 {late:g}。")
        else:
            score["late"] = late
    if (method == "threshold" or "bonus" in score) and "full_at" not in score:
        f.missing("full_at", "6")
    if "bonus_max" in score and "bonus" not in score:
        f.error("bonus_max", "写了加分上限，却没有写每次加几分。请加上 bonus（如 bonus: 1）。")
    if "quality" in score and "points" in score and score["quality"] > score["points"]:
        f.error("quality", f"质量部分 {score['quality']:g} 分超过了这一行的分值 {score['points']:g} 分。")
    f.check_unknown(SCORE_FIELDS)
    return score
