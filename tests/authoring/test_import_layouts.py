"""The layouts units write their plans in (tests/fixtures/plans/layouts/, see its README): each plan, written for
these tests after studying real ones, with the draft a careful editor would make (expected.yml, written before
the importer was run on it). Measured: tasks right / total over all layouts, and what else differs."""

from __future__ import annotations

import sys
from pathlib import Path


from helpers import FIXTURES

sys.path.insert(0, str(Path(__file__).parent))
from importcheck import import_folder, measure  # noqa: E402

LAYOUTS = FIXTURES / "plans" / "layouts"
FOLDERS = sorted(p.name for p in LAYOUTS.iterdir() if p.is_dir())
BAR = 0.95
"""Share of the layouts' tasks the importer must get right (raised as the importer learns the layouts)."""


def _measure(name: str, tmp_path: Path):
    try:
        expected, result, dataset = import_folder(LAYOUTS / name, tmp_path, LAYOUTS / "unit.yml")
    except Exception as exc:  # noqa: BLE001 — measured as nothing right
        import yaml
        expected = yaml.safe_load((LAYOUTS / name / "expected.yml").read_text(encoding="utf-8"))
        return len(expected["tasks"]), 0, [f"import failed: {type(exc).__name__}: {exc}"], [], []
    found = measure(expected, result, dataset)
    return found.total, found.right, found.wrong, found.silent, found.other


def test_there_are_thirty_layouts_with_three_word_files():
    assert len(FOLDERS) >= 30
    assert len({f for f in FOLDERS if (LAYOUTS / f / "plan.docx").is_file()}) >= 3


def test_the_layouts_reach_the_bar(tmp_path):
    total = right = 0
    lines, others = [], {}
    for name in FOLDERS:
        t, r, wrong, silent, other = _measure(name, tmp_path / name)
        if other:
            others[name] = other
        total += t
        right += r
        lines.append(f"  {name}: {r}/{t}" + (f"; {wrong}" if wrong else "") + (f"; silent {silent}" if silent else ""))
    print(f"layouts: {right}/{total} tasks right ({right / total:.0%})")
    print("\n".join(lines))
    assert right / total >= BAR
    assert others == {}  # phases and their text, leaders, schedule, rubric, the draft's notes, categories: exact
