"""Composing the parts found in a phrase into readings: cycles with their counts, dates, who a quota is per,
the document kinds named, conditions; then across clauses. Pure (see `phrases`)."""

from __future__ import annotations

import datetime as dt
import re

from .dates import month_end
from .phraseclause import Clause, Part
from .phrasetypes import NotRead, Reading
from .phrasewords import TIME_CHARS

_STRIP = "。.;,、:"
_NEGATIVE = re.compile(r"^(?:的)?(?:整改不力|不合格|未完成|不到位|被通报|被曝光|被点名|违纪|违规|投诉|扣|不得分|的单位|的扣)")
_QUALIFIER = re.compile(r"^(?:的$|者|的为|为(?:不|差|未)|的[^,]{0,8}为(?:不|差|未)|的(?:单位|人员|个人|部门|科室))")
_PENALTY = re.compile(r"缺席|缺勤|迟到|早退|旷工|违规|违纪|被通报|通报批评|督办|被投诉|整改不力|不合格|恶意|无故|处罚|"
                      r"警告|诫勉|取消|扣除|扣分|扣工资|罚款")
_VERBS = re.compile(r"^(?:前|之前)?一?(?:报|上报|上传|报送|提交|印发|制定|出台|形成|撰写|完成|拟定|制订|发布|报备|备案)*$")


def compose(c: Clause, phrase: str, pos: list[int]) -> list[tuple[Reading, list, int]]:
    """The readings of one clause: (reading, [(start, end, role)], position)."""
    parts = [p for p in c.parts if p.role not in ("plain",)]
    out: list[tuple[dict, list[Part]]] = []
    original = phrase[pos[c.offset]:pos[c.offset + len(c.text) - 1] + 1].strip(_STRIP)
    original_clause = "".join(phrase[pos[c.offset + i]] for i in range(len(c.text)))

    amounts = [p for p in parts if p.role in ("count", "ratio", "hours")]
    scored = re.search(r"[扣加减](?:\d+(?:\.\d+)?|[一二两三四五六七八九十]+)分|不得分", c.text)
    if amounts and (scored and not re.search(r"为合格|为达标|即可", c.text) or re.search(r"方能|才能|方可|才可", c.text)
                    or _PENALTY.search(c.text) or re.search(r"满(?:\d|[一二两三四五六七八九十])", c.text)
                    or re.search(r"的$|者$", c.text)
                    or re.search(r"(?:最后|后|前)[一二三四五六七八九十\d]+名|连续[一二两三四五六七八九十\d]+次", c.text)
                    or any(p.data.get("sense") == "below" or _NEGATIVE.match(c.text[p.end:]) or
                           _QUALIFIER.match(c.text[p.end:]) for p in amounts)):
        text = re.sub(r"[,，]?(?:[扣加减](?:\d+(?:\.\d+)?|[一二两三四五六七八九十]+)分|不得分)$", "", original).strip(_STRIP)
        penalty = re.search(r"[,，]?(?:扣除|扣工资|扣发|扣|罚款|处罚)", text)
        if penalty and penalty.start() > 0 and re.search(r"\d|[一二两三四五六七八九十]", text[:penalty.start()]):
            text = text[:penalty.start()]
        return _done(c, [({"kind": "condition", "text": text}, [p for p in parts if p.role != "ignored"])])
    cycles = [p for p in parts if p.role in ("cycle", "bare_cycle")]
    for a, b in zip(cycles, cycles[1:]):
        if c.text[a.end:b.start] in ("或", "或者", "/"):
            raise NotRead(f"“{c.text[a.start:b.end]}”写了两种周期，请只写一种", c.offset + a.start, c.offset + b.end)

    used: set[int] = set()
    _fold_date_lists(c, parts)
    for i, p in enumerate(parts):  # `上午、下午各1批`: once for each listed part
        if p.role == "count" and c.text[p.start - 1:p.start] == "各":
            begin = max((q.end for q in parts[:i] if q.role != "ignored"), default=0)
            items = [x for x in c.text[begin:p.start - 1].split("、")]
            if len(items) > 1 and all(0 < len(x) <= 4 for x in items[1:]):
                p.data["times"] = len(items)
    for i, p in enumerate(parts):
        if p.role not in ("cycle", "bare_cycle") or id(p) in used:
            continue
        nxt = parts[i + 1] if i + 1 < len(parts) else None
        if nxt is not None and nxt.role in ("date", "festival", "event") and c.text[p.end:nxt.start] in ("", "的") \
                and p.data.get("cycle") == "year":
            used.add(id(p))  # `每年3月前`: the date of each year, the plan's year
            continue
        paired = _pair(parts, i, c)
        if p.role == "bare_cycle" and paired is None:
            raise NotRead(f"“{c.text[p.start:p.end]}”后面没有次数", c.offset + p.start, c.offset + p.end)
        used.add(id(p))
        values = {k: v for k, v in p.data.items() if k != "average"}
        if paired is not None and paired.role == "count":
            used.add(id(paired))
            out.append(({"kind": "per_cycle", **_amounts(values, paired.data)}, [p, paired]))
        elif paired is not None:  # hours or a ratio of each cycle
            paired.data["cycle"] = values["cycle"]
            if values.get("every"):
                paired.data["every"] = values["every"]
            paired.data.setdefault("with", []).append(p)
        else:
            out.append(({"kind": "per_cycle", "min": 1, **values}, [p]))
    last_cycle = None
    for i, p in enumerate(parts):
        if p.role in ("cycle", "bare_cycle"):
            last_cycle = p
        elif p.role == "count" and id(p) not in used and last_cycle is not None and id(last_cycle) in used \
                and "、" in c.text[last_cycle.end:p.start] and not re.search(r"全年|年内|累计|共", c.text[:p.start]):
            used.add(id(p))  # `每天清扫2次、垃圾清运2次`: the cycle holds for the whole list
            values = {k: v for k, v in last_cycle.data.items() if k not in ("average", "min")}
            out.append(({"kind": "per_cycle", **_amounts(values, p.data)}, [last_cycle, p]))
    for i, p in enumerate(parts):
        if p.role == "each":
            nxt = next((q for q in parts[i + 1:] if q.role == "count" and id(q) not in used), None)
            n = 1
            if nxt is not None:
                used.add(id(nxt))
                n = nxt.data["n"]
                if nxt.data["sense"] != "min":
                    raise NotRead("“各”后面的次数没有看懂", c.offset + nxt.start, c.offset + nxt.end)
            out.append(({"kind": "each_month", "months": p.data["months"], "min_each": n}, [p] + ([nxt] if nxt else [])))
        elif p.role == "count" and id(p) not in used:
            out.append(({"kind": "count", **_amounts({}, p.data)}, [p]))
        elif p.role == "hours":
            out.append((_hours(p), [p] + p.data.get("with", [])))
        elif p.role == "ratio":
            reading = _ratio(p, c, parts, original_clause)
            subjects = [x for x in reading["of"].split("、") if x] if "、" in reading["of"] and reading["of"].endswith("率") \
                else [reading["of"]]
            for subject in subjects:
                out.append(({**reading, "of": subject}, [p] + p.data.get("with", [])))
        elif p.role == "date":
            out += [(d, [p]) for d in _date_readings(p, c.year)]
        elif p.role in ("festival", "event", "external", "after_record", "within"):
            out.append(({"kind": p.role, **p.data}, [p]))
    _attach(c, parts, out)
    if any(r["kind"] not in ("window",) or not r.get("whole_year") for r, _ in out):
        out = [(r, ps) for r, ps in out if not r.get("whole_year") or len(out) == 1]
    out = _tidy(c, out)
    judged = [p for p in parts if p.role == "judgement"]
    if judged and not out:
        out.append(({"kind": "judgement", "word": original}, judged))
    return _done(c, out)


def _tidy(c: Clause, out: list) -> list:
    """Within a clause: a named period the date already says, a generic festival beside named ones, a date
    followed by a submitting verb (`于4月17日报送`: by then), months followed by as many times (`3月、10月两次`)."""
    dated = [r for r, _ in out if r["kind"] in ("window", "due", "on")]
    named = any(r["kind"] == "festival" and not r.get("generic") for r, _ in out)
    kept = []
    for r, ps in out:
        if r["kind"] == "event" and r.get("period") and dated:
            continue
        if r["kind"] == "festival" and r.get("generic") and named:
            continue
        end = max(p.end for p in ps)
        if r["kind"] == "on" and re.match(r"(?:前)?(?:报送|上报|报|提交|上传|报至|交)", c.text[end:]):
            r = {"kind": "due", "date": r["date"]}
        if r["kind"] in ("on", "window") and re.match(r"(?:-{1,2}|至|到)", c.text[end:]) and any(
                q.role == "event" and q.start <= end + 2 for q in c.parts):
            r = {"kind": "from", "date": r.get("date") or r["start"]}  # `9月20日—测评结束`: from then until the event
        kept.append((r, ps))
    ratios = [item for item in kept if item[0]["kind"] == "ratio"]
    if len(ratios) == 2 and re.search(r"提升|提高|增加|增长", c.text):  # `从当前65%提升至85%`: the target is the second
        first, target = ratios
        if not target[0]["of"]:
            target[0]["of"] = first[0]["of"]
        kept = [item for item in kept if item is not first]
    months = [(r, ps) for r, ps in kept if r["kind"] == "window" and not r.get("named") and _whole_month(r)]
    counts = [(r, ps) for r, ps in kept if r["kind"] == "count" and set(r) <= {"kind", "min"}]
    if months and len(counts) == 1 and len(months) == len([r for r, _ in kept if r["kind"] in ("window", "due", "on")]):
        n = counts[0][0]["min"]
        if n % len(months) == 0 and min(p.start for p in counts[0][1]) >= max(p.end for _, ps in months for p in ps):
            each = {"kind": "each_month", "months": sorted(r["start"].month for r, _ in months),
                    "min_each": n // len(months)}
            parts = [p for _, ps in months for p in ps] + counts[0][1]
            kept = [(each, parts)] + [(r, ps) for r, ps in kept if (r, ps) not in months and (r, ps) not in counts]
    seen, out = [], []
    for r, ps in kept:
        for key in ("whole_year", "generic", "period", "named"):
            r.pop(key, None)
        if r in seen:
            continue
        seen.append(r)
        out.append((r, ps))
    return out


def _whole_month(r: dict) -> bool:
    return r["start"].day == 1 and r["start"].month == r["end"].month and r["end"] == month_end(r["end"].year,
                                                                                                r["end"].month)


def across(per_clause: list, phrase: str, pos: list[int]) -> list:
    """Across clauses: `从…开始，至…结束` is one window; a cycle and the count in the next clause are one
    requirement (`每月集中学习，至少安排一次`); a count followed by a score alone is a condition; a date and
    `（具体时间待定）` is the date; the same reading twice is one."""
    out: list = []
    for i, (clause, found) in enumerate(per_clause):
        nxt = per_clause[i + 1] if i + 1 < len(per_clause) else None
        if nxt is not None and re.fullmatch(r"[扣加减](?:\d+(?:\.\d+)?|[一二两三四五六七八九十]+)分", nxt[0].text) and \
                any(r.kind in ("count", "ratio", "hours") for r, _, _ in found):
            spans = [s for _, ss, _ in found for s in ss]
            text = phrase[pos[clause.offset]:pos[clause.offset + len(clause.text) - 1] + 1]
            found = [(Reading("condition", {"text": text}), spans, found[0][2])]
        after = i > 0 and any(p.role == "after_marker" for p in per_clause[i - 1][0].parts)
        for reading, spans, at in found:
            prev = out[-1] if out else None
            if reading.kind == "within" and after:
                reading = Reading("after_record", dict(reading.values))
            if reading.kind == "due" and reading.get("to") and prev and prev[0].kind == "from":
                out[-1] = (Reading("window", {"start": prev[0].get("date"), "end": reading.get("date")}),
                           prev[1] + spans, prev[2])
                continue
            if reading.kind == "count" and prev and prev[0].kind == "per_cycle" and set(prev[0].values) == {"cycle", "min"} \
                    and prev[0].get("min") == 1 and len(found) == 1 and not reading.get("per") \
                    and not re.search(r"全年|年内|年度|累计|共|合计|总计", clause.text):
                values = {**prev[0].values, **{k: v for k, v in reading.values.items()}}
                out[-1] = (Reading("per_cycle", values), prev[1] + spans, prev[2])
                continue
            out.append((reading, spans, at))
    dated = any(r.kind in ("due", "window", "on") for r, _, _ in out)
    result, seen = [], []
    for reading, spans, at in out:
        values = {k: v for k, v in reading.values.items() if k != "to"}
        reading = Reading(reading.kind, values)
        if reading.kind == "external" and reading.get("ref") == "另行通知" and dated:
            continue
        if reading in seen:
            continue
        seen.append(reading)
        result.append((reading, spans, at))
    return result


def _done(c: Clause, out: list) -> list:
    result = []
    for reading, parts in out:
        kind = reading.pop("kind")
        spans = sorted({(c.offset + p.start, c.offset + p.end, p.role) for p in parts})
        result.append((Reading(kind, reading), spans, spans[0][0] if spans else c.offset))
    return result


def _pair(parts: list[Part], i: int, c: Clause) -> Part | None:
    """The count, hours or ratio a cycle applies to: the next one, with no other cycle or date between."""
    for q in parts[i + 1:]:
        if q.role in ("cycle", "bare_cycle", "each", "date", "festival", "event"):
            return None
        if q.role == "within" and not re.search(rf"[{TIME_CHARS}\d]", c.text[parts[i].end:q.start]):
            q.role, q.data = "count", {"sense": "min", "n": q.data["days"], "cmp": "", "unit": "天", "measure": "天"}
            return q  # `每月固定一天`: one day a month
        if q.role in ("count", "hours", "ratio"):
            between = c.text[parts[i].end:q.start]
            if parts[i].role == "bare_cycle" and re.search(rf"[{TIME_CHARS}\d]", between):
                return None
            return q
    return None


def _amounts(values: dict, q: dict) -> dict:
    out = dict(values)
    n, sense = q["n"] * q.get("times", 1), q["sense"]
    if sense == "more":
        out.update(min=n + 1, strict=True)
    elif sense == "max":
        out.update(min=1, max=q.get("n2", n))
    else:
        out["min"] = n
        if q.get("n2") and q["n2"] != n:
            out["target"] = q["n2"]
    if q.get("measure"):
        out["measure"] = q["measure"]
    return out


def _hours(p: Part) -> dict:
    d = p.data
    if d["sense"] not in ("min", "more"):
        raise NotRead("小时数应写成 不少于…小时 或 超过…小时")
    out = {"kind": "hours", "min": d["value"], "strict": d["sense"] == "more"}
    for key in ("cycle", "every", "per"):
        if key in d:
            out[key] = d[key]
    return out


_OF_CMP = re.compile(r"(?:不得低于|不应低于|不低于|不少于|达到|超过|高于|大于|保持在|提升至|提高到|提升到|提高至|达(?!标)|≥|>=|>)")


def _ratio(p: Part, c: Clause, parts: list[Part], original: str = "") -> dict:
    d = p.data
    if d["sense"] == "max":
        raise NotRead("比例写成上限时请说明，如 不超过5%")
    before = [q for q in parts if q.end <= p.start and q.role not in ("per", "cycle")]
    start = max((q.end for q in before), default=0)
    end = p.start + d.get("mid", 0)
    norm = c.text[start:end]
    a, b = 0, len(norm)
    cmps = list(_OF_CMP.finditer(norm))
    if cmps:
        a, b = (cmps[-1].end(), b) if norm[cmps[-1].end():].strip("的") else (0, cmps[-1].start())
    tail = re.search(r"(?:应|要|须|需|必须|保持在|达到|达|不低于|不少于|超过|大于|提升至|提高到|提升到|提高至|为|在|的|从当前|从|由)+$",
                     norm[a:b])
    b = a + tail.start() if tail else b
    head = re.match(r"(?:的|且|并|要|须|应|使|做到|确保|有|力争|实现|争取|原则上|按照|按|以|从当前|从)+", norm[a:b])
    a = a + head.end() if head else a
    of = (original or c.text)[start + a:start + b].replace("\0", "").strip(" ,，")
    if not of:
        after = re.match(r"的([^,;，；]{1,12})", c.text[p.end:])
        of = after.group(1) if after else ""
    out = {"kind": "ratio", "min": round(d["value"], 4), "strict": d["sense"] == "more" or d["cmp"] == ">", "of": of}
    for key in ("cycle", "every"):
        if key in d:
            out[key] = d[key]
    return out


def _date_readings(p: Part, year: int) -> list[dict]:
    items = p.data["many"] if "many" in p.data else [p.data]
    out = []
    for d in items:
        d = dict(d)
        if d["kind"] == "named_day":
            day = dt.date(year, d["month"], d["day"]) if _valid(year, d["month"], d["day"]) else None
            if day is None:
                raise NotRead(f"{d['month']}月没有{d['day']}日")
            rel = d["rel"]
            if rel in ("前", "之前", "以前"):
                out.append({"kind": "due", "date": day})
            elif rel == "前夕":
                out.append({"kind": "due", "date": day - dt.timedelta(days=1)})
            else:
                out.append({"kind": "on", "date": day})
            continue
        if isinstance(d.get("start"), tuple):
            (a, b), (c_, e) = d["start"], d["end"]
            d.update(start=dt.date(year, a, b), end=dt.date(year, c_, e))
        out.append(d)
    return out


def _valid(year: int, m: int, d: int) -> bool:
    try:
        dt.date(year, m, d)
        return True
    except ValueError:
        return False


def _fold_date_lists(c: Clause, parts: list[Part]) -> None:
    """`5月、8月底`: a bare month before a listed date takes its ending (`底`, `前`, `上旬`)."""
    for a, b in zip(parts, parts[1:]):
        if a.role != "date" or b.role != "date" or c.text[a.end:b.start] not in ("、", "和", "及", "与"):
            continue
        if not re.fullmatch(r"\d{1,2}月|[一二三四五六七八九十]{1,2}月", c.text[a.start:a.end]):
            continue
        suffix = re.search(r"(?:底|末|上旬|中旬|下旬|初)?(?:之前|以前|前)?$", c.text[b.start:b.end]).group(0)
        if suffix:
            from . import phrasedates
            m = phrasedates.SINGLE.fullmatch(c.text[a.start:a.end] + suffix)
            if m:
                a.data = phrasedates.read_single(m, c.year)


def _attach(c: Clause, parts: list[Part], out: list[tuple[dict, list[Part]]]) -> None:
    """Who each count is of (`每人`, `各支部`) and which document kind a date or count names."""
    pers = [p for p in parts if p.role == "per"]
    for reading, _ in out:
        if reading["kind"] in ("count", "per_cycle", "hours") and pers:
            reading["per"] = pers[0].data["per"]
    if pers:
        for reading, ps in out:
            if reading["kind"] in ("count", "per_cycle", "hours"):
                ps.extend(pers)
                break
    kinds = [p for p in parts if p.role == "kind"]
    for k in kinds:
        after = c.text[k.end:k.end + 1]
        if after and after not in "、和及与" or any(q.start == k.end and q.role == "kind" for q in kinds):
            continue  # `方案扫描件`: a kind inside a longer name is no kind
        owner = None
        for reading, ps in out:
            last = max(q.end for q in ps)
            if last <= k.start and reading["kind"] in ("due", "window", "count", "per_cycle") and \
                    (owner is None or last > owner[2]):
                owner = (reading, ps, last)
        if owner is None:
            continue
        gap = c.text[owner[2]:k.start]
        measure_gap = owner[0]["kind"] in ("count", "per_cycle") and gap == ""
        if measure_gap or (owner[0]["kind"] in ("due", "window") and _VERBS.match(gap)):
            owner[0].setdefault("kinds", []).append(k.data["kind"])
            owner[1].append(k)
