"""Plans from units the importer was not built on (tests/fixtures/plans/unseen/<unit>/): each has its own
unit.yml, the plan as the unit writes it, and expected.yml written by hand. The bar (issue 16): ≥ 90% of the
tasks right — number, text, departments, time limit and frequency — and nothing silently wrong: every task
that is not right carries a `# 待确认：` note."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from helpers import FIXTURES
from wenming.api import load_dataset
from wenming.authoring.importer import import_plan
from wenming.records.load import load_repository
from wenming.records.phrases import read_phrase

UNSEEN = FIXTURES / "plans" / "unseen"
UNITS = sorted(p.name for p in UNSEEN.iterdir() if p.is_dir())


def _signature(phrases, year: int) -> list:
    """What the phrases ask, as the reader reads them; the verbatim cut and document kinds aside."""
    out = set()
    for phrase in phrases:
        reading = read_phrase(phrase, year)
        assert reading.ok, (phrase, reading.error)
        for r in reading.readings:
            values = {k: v for k, v in r.values.items() if k not in ("kinds", "word", "of")}
            out.add((r.kind, tuple(sorted((k, str(v)) for k, v in values.items()))))
    return sorted(out)


def _import(unit: str, tmp_path: Path):
    folder = UNSEEN / unit
    data = tmp_path / "data"
    data.mkdir(parents=True)
    shutil.copy(folder / "unit.yml", data / "unit.yml")
    document = next(p for p in folder.iterdir() if p.stem == "plan")
    expected = yaml.safe_load((folder / "expected.yml").read_text(encoding="utf-8"))
    result = import_plan(document, load_repository(data, "data"))
    (data / str(result.draft.year)).mkdir()
    (data / str(result.draft.year) / "plan.yml").write_text(result.text, encoding="utf-8")
    return expected, result, load_dataset(data, "data")


def measure(unit: str, tmp_path: Path) -> tuple[int, list[str], list[str], object]:
    """(tasks right, wrong ones with what differs, wrong ones without a note, the import result)."""
    expected, result, dataset = _import(unit, tmp_path)
    year = expected["year"]
    assert [p.format() for p in dataset.problems if p.is_error] == []
    plan = dataset.years[0].plan
    got = {t.id: t for t in plan.tasks}
    drafts = {t.id: t for t in result.draft.tasks}
    right, wrong, silent = 0, [], []
    for want in expected["tasks"]:
        task = got.get(want["id"])
        if task is None:
            wrong.append(f"{want['id']}: missing")
            silent.append(want["id"])
            continue
        differs = []
        if task.text.rstrip("。；;") != want["text"].rstrip("。；;"):
            differs.append(f"text {task.text!r}")
        if (list(task.lead), list(task.coop)) != (want["lead"], want["coop"]):
            differs.append(f"departments {task.lead}/{task.coop}")
        if _signature([d.text for d in task.deadlines], year) != _signature(want["deadline"], year):
            differs.append(f"deadline {[d.text for d in task.deadlines]}")
        if _signature(task.frequency, year) != _signature(want["frequency"], year):
            differs.append(f"frequency {list(task.frequency)}")
        for person in ("owner", "leader"):
            if getattr(task, person) != want.get(person, ""):
                differs.append(f"{person} {getattr(task, person)!r}")
        if differs:
            wrong.append(f"{want['id']}: {'; '.join(differs)}")
            if not drafts[want["id"]].notes:
                silent.append(want["id"])
        else:
            right += 1
    extra = sorted(set(got) - {w["id"] for w in expected["tasks"]})
    wrong += [f"{tid}: not in the plan" for tid in extra]
    silent += [tid for tid in extra if not drafts[tid].notes]
    return right, wrong, silent, result


@pytest.mark.parametrize("unit", UNITS)
def test_each_unseen_plan_imports_and_passes_check(tmp_path, unit):
    right, wrong, silent, result = measure(unit, tmp_path)
    expected = yaml.safe_load((UNSEEN / unit / "expected.yml").read_text(encoding="utf-8"))
    print(f"{unit}: {right}/{len(expected['tasks'])} tasks right; wrong: {wrong}; silently wrong: {silent}")
    assert silent == [], wrong


def test_unseen_plans_reach_the_bar(tmp_path):
    total = right = 0
    wrong: list[str] = []
    for unit in UNITS:
        r, w, s, _ = measure(unit, tmp_path / unit)
        assert s == []
        total += len(yaml.safe_load((UNSEEN / unit / "expected.yml").read_text(encoding="utf-8"))["tasks"])
        right += r
        wrong += [f"{unit} {x}" for x in w]
    print(f"unseen plans: {right}/{total} tasks right ({right / total:.0%}); wrong: {wrong}")
    assert right / total >= 0.9, wrong


def test_the_scored_table_becomes_a_rubric_and_scores(tmp_path):
    expected, result, dataset = _import("zhengfa", tmp_path)
    plan = dataset.years[0].plan
    assert [(r.id, r.name, r.total) for r in plan.rubrics] == [("kaohe", "2019年度文明单位创建考核评价体系", 100)]
    scores = {t.id: s["points"] for t in plan.tasks for s in t.scores}
    assert scores == expected["rubric"]["scores"]
    methods = {t.id: s["method"] for t in plan.tasks for s in t.scores}
    assert (methods["1-1"], methods["1-3"], methods["2-2"]) == ("proportional", "all", "manual")
    text = result.text
    # an item whose standard the tool cannot turn into a method is quoted for the editor
    assert "评分标准“每少1次扣2分”" in text
    # items without a clear task, the bonus and the vetoes stay as comments, marked
    for name in ("创建机制", "环境卫生", "群众满意度"):
        assert f"# 待确认：测评项目“{name}”" in text
    assert "# 待确认：加分项“典型选树”（3 分）" in text
    assert text.count("# 待确认：一票否决项") == 2
