"""The synthetic demo repository: valid, deterministic, and builds into a site."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from wenming.api import load_dataset
from wenming.cli import main
from wenming.authoring.demo import write_demo

from helpers import build


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_demo_is_valid_deterministic_and_builds(tmp_path: Path) -> None:
    data = tmp_path / "a" / "data"
    counts = write_demo(data, years=2, activities_per_year=30, seed=7)
    assert counts["activities"] == 60 and counts["years"] == 2 and counts["honors"] >= 16
    assert sorted(p.name for p in data.iterdir()) == ["2018", "2019", "unit.yml"]
    assert len(list(data.glob("*/activities/*.md"))) == 60

    dataset = load_dataset(data)
    assert [str(p) for p in dataset.problems if p.is_error] == []
    assert [len(y.activities) for y in dataset.years] == [30, 30]

    again = tmp_path / "b" / "data"
    write_demo(again, years=2, activities_per_year=30, seed=7)
    assert _files(data) == _files(again)
    other = tmp_path / "c" / "data"
    write_demo(other, years=2, activities_per_year=30, seed=8)
    assert _files(data) != _files(other)

    for md in data.glob("*/activities/*.md"):
        body = md.read_text(encoding="utf-8").split("\n---\n", 1)[1].replace("\n", "")
        assert 300 <= len(body) <= 760, (md.name, len(body))

    site = build(data, tmp_path / "site", "2019-12-31", strict=True)
    pages = list(site.glob("*/activities/*/index.html")) or list(site.glob("*/activities/*.html"))
    assert len(pages) >= 60


def test_demo_command(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["demo", "--years", "1", "--activities-per-year", "5", "--out", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "demo" / "data" / "2018" / "plan.yml").exists()
    assert "wenming build --data" in result.output
