"""Validation of the monthly tallies and volunteer figures (`data/<year>/tallies.yml`). Pure."""

from __future__ import annotations

from .fields import MAX_NUMBER, Fields, did_you_mean, show
from .load import RawFile
from .model import Tally, Volunteers
from .problems import Problem
from .refs import Refs


def _volunteers(f: Fields) -> Volunteers:
    """`volunteers: {registered: 30, date: 2018-09-01}`, or a list of such figures over the year (a dated series:
    as of a day, the latest figure counted by then counts)."""
    raw = f.raw("volunteers")
    items = [(f.sub("volunteers"), None)] if isinstance(raw, dict) else \
        [(f.sub("volunteers", i), i) for i, _ in f.items("volunteers")]
    series = []
    for v, i in items:
        if not isinstance(v.data, dict):
            f.error("volunteers", f"应为 {{registered: 人数, date: 日期}}，实际为 {show(v.data)}。",
                    f.item_line("volunteers", i) if i is not None else None)
            continue
        n = v.integer("registered", example="30", plausible=(1, 100_000))
        if n is not None:
            series.append((v.date("date"), n))
        v.check_unknown(("registered", "date"))
    dated = [d for d, _ in series if d is not None]
    if len(series) > 1 and len(dated) < len(series):
        f.error("volunteers", "有多个志愿者人数时，每个都要写统计日期 date，如 {registered: 30, date: 2018-09-01}。")
    series.sort(key=lambda x: (x[0] is not None, x[0] or 0))
    if not series:
        return Volunteers(None, None)
    d, n = series[-1]
    return Volunteers(n, d, tuple(series))


def validate_tallies(raw: RawFile | None, refs: Refs, problems: list[Problem]) -> tuple[tuple[Tally, ...], Volunteers]:
    if raw is None or not raw.ok:
        return (), Volunteers(None, None)
    if not isinstance(raw.data, dict):
        problems.append(Problem(raw.path, 1, "", f"应为一组字段（volunteers: …、counts: …），实际为{show(raw.data)}。"))
        return (), Volunteers(None, None)
    f = Fields(raw.data, raw.path, problems)
    volunteers = Volunteers(None, None)
    if f.has("volunteers"):
        volunteers = _volunteers(f)
    tallies = []
    seen: set[str] = set()
    for i, item in f.items("counts"):
        sub = f.sub("counts", i)
        if not isinstance(item, dict):
            sub.error("", f"应为一组字段（id、name、values），实际为 {show(item)}。")
            continue
        tally_id = sub.text("id", required=True, example="leads")
        if tally_id in seen:
            sub.error("id", f'编号 "{tally_id}" 重复。请换一个编号。')
        seen.add(tally_id)
        values: dict[str, dict[int, int]] = {}
        raw_values = sub.raw("values")
        if raw_values is None:
            sub.missing("values", "{zb1: {1: 3, 2: 3}}")
        elif not isinstance(raw_values, dict):
            sub.error("values", f"应为 部门或支部编号: {{月份: 数量}} 的形式，实际为{show(raw_values)}。")
        else:
            vf = sub.sub("values")
            for org, months in raw_values.items():
                org_id = "total" if org in ("total", "合计") else refs.resolve_org(str(org))
                if org_id is None:
                    hint = did_you_mean(str(org), list(refs.unit.orgs) + [o.name for o in refs.unit.orgs.values()])
                    vf.error(str(org), f"未知的部门或支部 {show(org)}。{hint or '可用的编号见 data/unit.yml。'}")
                    continue
                if not isinstance(months, dict):
                    vf.error(str(org), f"应为 {{月份: 数量}}（如 {{1: 3, 2: 3}}），实际为{show(months)}。")
                    continue
                clean: dict[int, int] = {}
                for month, count in months.items():
                    if not isinstance(month, int) or not 1 <= month <= 12:
                        vf.error(str(org), f"月份应为 1 到 12，实际为 {show(month)}。", getattr(months, "line_of", lambda k: None)(month))
                    elif isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= MAX_NUMBER:
                        vf.error(str(org), f"{month} 月的数量应为整数，实际为 {show(count)}。", getattr(months, "line_of", lambda k: None)(month))
                    else:
                        clean[month] = count
                values[org_id] = clean
        name = sub.text("name", required=True, example="好人线索")
        tallies.append(Tally(tally_id, name or tally_id, sub.text("unit") or "条", values))
        sub.check_unknown(("id", "name", "unit", "values"))
    f.check_unknown(("volunteers", "counts"))
    return tuple(tallies), volunteers
