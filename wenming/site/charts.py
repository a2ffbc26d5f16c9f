"""The dashboard's charts: plotly figures as JSON, each with the rows of its data table. Pure.

Charts are static (no toolbar, zoom or pan) with Chinese hovers, integer ticks for
counts and titled axes; months after the as-of date are not plotted, and a chart
is made only where the plan has data for it.

A chart is published as `<div class="wm-chart" id=…>` plus its figure in a
`<script type="application/json">` block; `assets/charts.js` loads the
`plotly.min.js` copied from the installed plotly package, then draws every
chart (also after the theme's instant navigation). No inline script runs, so
nothing can run before Plotly is loaded, and nothing is fetched from outside.
"""

from __future__ import annotations

import copy
import datetime as dt
import html
import json
import re
from dataclasses import dataclass
from functools import lru_cache

import plotly.io
from markupsafe import Markup

from ..records.dates import month_end
from ..records.model import Unit, Year
from ..judge.progress import YearProgress, cumulative_completion, monthly_activity_counts
from .render import cn_number

FONT = 'system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif'
COLORS = {"done": "#2e7d32", "plan": "#90a4ae", "actual": "#1976d2", "pace": "#9e9e9e", "target": "#e65100"}
MONTHS = [f"{m}月" for m in range(1, 13)]


@dataclass(frozen=True)
class Chart:
    id: str
    """Stable element id (`wm-2018-category`), the same on every build."""
    title: str
    figure: str
    """The figure as JSON, safe inside a <script> block."""
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    """The chart's data as a plain table, folded under it (and printed instead of it)."""

    def html(self) -> Markup:
        return Markup(f'<div class="wm-chart" id="{self.id}" role="img" aria-label="{html.escape(self.title)}"></div>\n'
                      f'<script type="application/json" class="wm-chart-data" data-for="{self.id}">{self.figure}</script>')


STATIC = {"font": {"family": FONT, "size": 12}, "dragmode": False, "hovermode": "closest",
          "margin": {"l": 10, "r": 10, "t": 10, "b": 10}, "legend": {"orientation": "h", "y": -0.2},
          "separators": ".,"}
"""The layout every chart shares: no zoom or pan (a finger scrolling the page must not zoom the chart)."""
AXIS = {"automargin": True, "fixedrange": True}
"""Set on every axis (`xaxis`, `yaxis2`, …)."""
_AXIS_KEY = re.compile(r"[xy]axis\d*")


@lru_cache(maxsize=1)
def _none_template() -> dict:
    """Plotly's "none" template as figure JSON (the same for every chart, read once per process)."""
    return plotly.io.templates["none"].to_plotly_json()


def figure_dict(traces: list[dict], **layout) -> dict:
    """A static figure, no toolbar, as the dict `go.Figure(traces).update_layout(template="none", STATIC,
    height=270, **layout)` with `AXIS` on every axis would give in `to_plotly_json()`, without plotly's
    validation of every property on every build. Traces and layout are plain plotly JSON (`{"type": "bar",
    "marker": {"color": …}}`); tests/site/test_charts.py checks the two agree for every chart."""
    out = {"height": 270, **layout, **STATIC, "template": copy.deepcopy(_none_template())}
    for name in {"xaxis", "yaxis", *(k for k in layout if _AXIS_KEY.fullmatch(k))}:
        out[name] = {**out.get(name, {}), **AXIS}
    return {"data": traces, "layout": out}


def bar(**props) -> dict:
    """A bar trace as plotly JSON (what `go.Bar(**props).to_plotly_json()` gives)."""
    return {"type": "bar", **props}


def scatter(**props) -> dict:
    return {"type": "scatter", **props}


def _figure(traces: list[dict], **layout) -> str:
    return script_json(figure_dict(traces, **layout))


_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                              "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script_json(value: object) -> str:
    """JSON that is safe as the text of a `<script>` element: no `<`, `>` or `&` (so no `</script>`
    and no `<!--`), and no line separators, whatever the strings in it hold. Parses to the same value."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return text.translate(_SCRIPT_SAFE)


def label(text: str) -> str:
    """A name as a plotly label: plotly reads `<b>`, `<a href>`, `<br>` in labels as markup and
    decodes entities, so escape it to show the name as it was written."""
    return html.escape(text, quote=False)


def _pct(x: float) -> str:
    return f"{x:.0%}"


def count_axis(values: list, title: str) -> dict:
    """An axis for counts: integer ticks only (never 0 1 1 2 2), from zero, titled."""
    top = max([v for v in values if v is not None] or [0])
    step = next((s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000) if top / s <= 6), None)
    axis = {"rangemode": "tozero", "tickformat": "d", "title": {"text": title}}
    if step:
        axis.update(dtick=step, tick0=0, range=[0, max(step, top) * 1.1])
    return axis


def _share_axis(title: str) -> dict:
    return {"range": [0, 100], "ticksuffix": "%", "dtick": 25, "title": {"text": title}}


def _known(values: list, months_known: int) -> list:
    """Values of the months up to the as-of date; later months are not plotted (None), never 0."""
    return [v if i < months_known else None for i, v in enumerate(values)]


def _months_known(year: int, as_of: dt.date) -> int:
    if as_of.year > year:
        return 12
    return as_of.month if as_of.year == year else 0


def year_charts(unit: Unit, year: Year, p: YearProgress) -> list[Chart]:
    """The year's charts, each only where the plan has data for it."""
    y = year.year
    as_of = p.as_of
    known = _months_known(y, as_of)
    out = []

    names = [f"（{cn_number(c.number)}）{c.title}" for c in year.plan.categories]
    labels = [label(n) for n in names]
    shares = [r.completion for r in p.categories]
    if names:
        out.append(Chart(f"wm-{y}-category", "各方面完成度", _figure(
            [bar(x=[round(s * 100) for s in shares], y=labels, orientation="h", marker={"color": COLORS["done"]},
                 hovertemplate="%{y}：%{x}<extra></extra>")],
            xaxis=_share_axis("完成度"), yaxis={"autorange": "reversed"}, height=50 + 22 * len(names)),
            ("方面", "任务数", "达标", "逾期", "完成度"),
            tuple((n, str(r.total), str(r.count("达标")), str(r.count("逾期")), _pct(r.completion))
                  for n, r in zip(names, p.categories))))

    orgs = [(unit.orgs[o].name, r) for o, r in p.departments.items()]
    if orgs:
        out.append(Chart(f"wm-{y}-department", "各部门完成度（牵头任务）", _figure(
            [bar(x=[round(r.completion * 100) for _, r in orgs], y=[label(n) for n, _ in orgs], orientation="h",
                 marker={"color": COLORS["actual"]}, hovertemplate="%{y}：%{x}<extra></extra>")],
            xaxis=_share_axis("完成度"), yaxis={"autorange": "reversed"}, height=50 + 22 * len(orgs)),
            ("部门", "牵头任务", "达标", "逾期", "完成度"),
            tuple((n, str(r.total), str(r.count("达标")), str(r.count("逾期")), _pct(r.completion)) for n, r in orgs)))

    planned, held = monthly_activity_counts(year, as_of)
    held = _known(held, known)
    if any(planned) or any(held):
        out.append(Chart(f"wm-{y}-monthly", "每月活动：安排表计划与实际开展", _figure(
            [bar(x=MONTHS, y=planned, name="活动安排表", marker={"color": COLORS["plan"]},
                 hovertemplate="%{x}计划 %{y} 次<extra></extra>"),
             bar(x=MONTHS, y=held, name="实际开展", marker={"color": COLORS["actual"]},
                 hovertemplate="%{x}开展 %{y} 次<extra></extra>")],
            barmode="group", yaxis=count_axis(planned + held, "活动（次）")),
            ("月份", "计划", "实际"),
            tuple((m, str(a), "—" if b is None else str(b)) for m, a, b in zip(MONTHS, planned, held))))

    curve = list(dict(cumulative_completion(unit, year, as_of)).items())  # one point a day (31 Dec came twice)
    if curve and year.plan.tasks:
        pace = [(month_end(y, m), m / 12) for m in range(1, 13)]
        out.append(Chart(f"wm-{y}-cumulative", "累计完成度与均衡进度", _figure(
            [scatter(x=[d.isoformat() for d, _ in curve], y=[round(v * 100) for _, v in curve], name="实际完成度",
                     mode="lines+markers", line={"color": COLORS["done"]},
                     hovertemplate="%{x|%-m月%-d日}：%{y}<extra>实际完成度</extra>"),
             scatter(x=[f"{y}-01-01"] + [d.isoformat() for d, _ in pace],
                     y=[0] + [round(v * 100) for _, v in pace], name="均衡进度", mode="lines",
                     line={"color": COLORS["pace"], "dash": "dash"},
                     hovertemplate="%{x|%-m月%-d日}：%{y}<extra>均衡进度</extra>")],
            yaxis={**_share_axis("完成度"), "ticksuffix": " "},  # 0% apart from 1月 at the origin
            xaxis={"type": "date", "range": [f"{y}-01-01", f"{y}-12-31"], "tickformat": "%-m月", "dtick": "M2"}),
            # no axis title: its ticks say 1月 3月 …, and on a phone a title ran into the legend below it
            ("日期", "实际完成度", "均衡进度"),
            tuple((d.isoformat(), _pct(v), _pct(d.month / 12)) for d, v in curve)))

    hours = _known([sum(a.volunteer_hours or 0 for a in year.activities if a.start.month == m and a.start <= as_of)
                    for m in range(1, 13)], known)
    registered = year.volunteers.as_of(as_of).registered
    target = next((r["min"] for t in year.plan.tasks for r in t.rules if r["type"] == "hours_per_capita"), None)
    if registered or target or any(hours):
        per_capita, total = [], 0.0
        for h in hours:
            total += h or 0
            per_capita.append(round(total / registered, 1) if registered and h is not None else None)
        traces = [bar(x=MONTHS, y=hours, name="当月服务时长", marker={"color": COLORS["actual"]},
                      hovertemplate="%{x}：%{y} 小时<extra></extra>")]
        if registered:
            traces.append(scatter(x=MONTHS, y=per_capita, name="累计人均", yaxis="y2", mode="lines+markers",
                                  line={"color": COLORS["done"]},
                                  hovertemplate="%{x}累计人均 %{y} 小时<extra></extra>"))
        if registered and target:
            traces.append(scatter(x=[MONTHS[0], MONTHS[-1]], y=[target, target], name=f"人均目标 {target:g} 小时",
                                  yaxis="y2", mode="lines", line={"color": COLORS["target"], "dash": "dot"},
                                  hoverinfo="skip"))
        top2 = max([c for c in per_capita if c is not None] + [target or 0, 1])
        # per capita is over the registered volunteers (tallies.yml): unknown, the chart shows the hours alone
        rows = tuple((m, "—" if h is None else f"{h:g}", "—" if c is None else f"{c:g}")
                     for m, h, c in zip(MONTHS, hours, per_capita))
        out.append(Chart(f"wm-{y}-volunteer", "志愿服务时长：每月与累计人均" if registered else "志愿服务时长：每月",
                         _figure(traces, yaxis={"rangemode": "tozero", "title": {"text": "当月（小时）"}},
                                 **({"yaxis2": {"overlaying": "y", "side": "right", "range": [0, top2 * 1.1],
                                                "title": {"text": "人均（小时）"}, "showgrid": False,
                                                "fixedrange": True}} if registered else {})),
                         ("月份", "服务时长（小时）", "累计人均（小时）") if registered else ("月份", "服务时长（小时）"),
                         rows if registered else tuple(r[:2] for r in rows)))

    honour_task = any(r["type"] == "refresh" for t in year.plan.tasks for r in t.rules)
    on_board = [h for h in year.honors if h.on_board and h.date <= as_of]
    if honour_task or on_board:
        quarters = [f"第{cn_number(q)}季度" for q in range(1, 5)]
        counts = [sum(1 for h in on_board if h.period == (y, q)) if known >= 3 * q - 2 else None
                  for q in range(1, 5)]
        out.append(Chart(f"wm-{y}-honors", "善行义举榜每季度上榜人数", _figure(
            [bar(x=quarters, y=counts, marker={"color": COLORS["target"]},
                 hovertemplate="%{x}：%{y} 人<extra></extra>")],
            yaxis=count_axis(counts, "上榜（人）")),
            ("季度", "上榜人数"), tuple((q, "—" if c is None else str(c)) for q, c in zip(quarters, counts))))
    return out
