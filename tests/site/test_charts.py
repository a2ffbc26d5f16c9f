"""The charts' figures are built as plain dicts (`charts.figure_dict`), without plotly's validation on every
build; plotly stays the judge: for every chart of the sample, a demo of several years and a hostile data set,
at dates before, in and after each year, the JSON is what `go.Figure(...).to_plotly_json()` gives.
"""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go
import pytest

from helpers import ROOT
from payloads import ALL, hostile_repo
from wenming.api import load_dataset
from wenming.authoring.demo import write_demo
from wenming.judge.progress import evaluate_year
from wenming.site import charts


def plotly_figure(traces: list[dict], **layout) -> str:
    """The figure made through plotly's own objects: every property validated."""
    fig = go.Figure(traces)
    fig.update_layout(template="none", **{"height": 270, **layout, **charts.STATIC})
    fig.update_xaxes(**charts.AXIS)
    fig.update_yaxes(**charts.AXIS)
    return charts.script_json(fig.to_plotly_json())


def _figures(data, as_of: dt.date, monkeypatch) -> list[tuple[str, str]]:
    """(fast JSON, plotly's JSON) for every chart of every year of `data` as of a date."""
    made = []

    def both(traces, **layout):
        fast = charts.figure_dict(traces, **layout)
        made.append((charts.script_json(fast), plotly_figure(traces, **layout)))
        return made[-1][0]

    monkeypatch.setattr(charts, "_figure", both)
    figures = []
    for year in data.years:
        shown = year.until(as_of)
        figures += [c.figure for c in charts.year_charts(data.unit, shown, evaluate_year(data.unit, shown, as_of))]
    assert figures == [fast for fast, _ in made]
    return made


@pytest.fixture(scope="module")
def datasets(tmp_path_factory):
    demo = tmp_path_factory.mktemp("demo") / "data"
    write_demo(demo, 3, 40, seed=7)
    hostile = hostile_repo(tmp_path_factory.mktemp("hostile"), ALL)
    return {"sample": load_dataset(ROOT / "data", "data"), "demo": load_dataset(demo, "data"),
            "hostile": load_dataset(hostile, "data")}


@pytest.mark.parametrize("name", ["sample", "demo", "hostile"])
@pytest.mark.parametrize("as_of", ["2017-12-31", "2018-01-01", "2018-06-30", "2018-09-30", "2019-01-10",
                                   "2020-12-31"])
def test_every_figure_is_what_plotly_makes(datasets, name, as_of, monkeypatch):
    made = _figures(datasets[name], dt.date.fromisoformat(as_of), monkeypatch)
    assert made, "no chart was made"
    for fast, reference in made:
        assert fast == reference


def test_the_figure_dict_is_not_shared_between_charts():
    one = charts.figure_dict([charts.bar(x=[1], y=[2])], yaxis={"title": {"text": "次"}})
    one["layout"]["template"]["data"]["scatter"].append({"type": "bar"})
    one["layout"]["yaxis"]["automargin"] = False
    two = charts.figure_dict([charts.bar(x=[1], y=[2])])
    assert two["layout"]["template"] == go.Figure(layout={"template": "none"}).to_plotly_json()["layout"]["template"]
    assert two["layout"]["yaxis"] == charts.AXIS and two["layout"]["xaxis"] == charts.AXIS


@pytest.mark.parametrize("as_of, per_capita", [("2018-01-05", False), ("2018-06-30", True)])
def test_volunteer_hours_per_capita_only_when_the_volunteers_are_counted(datasets, as_of, per_capita):
    """Per capita is over the registered volunteers (tallies.yml; the sample's first count is on 1月8日):
    before they are counted the chart shows the hours alone, not a column of dashes."""
    data = datasets["sample"]
    year = data.years[0].until(dt.date.fromisoformat(as_of))
    made = charts.year_charts(data.unit, year, evaluate_year(data.unit, year, dt.date.fromisoformat(as_of)))
    chart = next(c for c in made if c.id.endswith("-volunteer"))
    assert ("累计人均（小时）" in chart.header) == per_capita and ("人均" in chart.title) == per_capita
    assert ("yaxis2" in chart.figure) == per_capita
