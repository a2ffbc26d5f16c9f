"""The whole engine on real data: golden evaluations of the sample, scoring, and one-record changes."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import ROOT, article, build, make_repo, table
from wenming.api import load_dataset
from wenming.records.planmodel import Rubric
from wenming.judge.progress import evaluate_year
from wenming.judge.report import attention_lines, report_lines
from wenming.judge.status import RuleResult, Status, TaskResult
from wenming.judge.scoring import _earned, score_plan

D = dt.date
GOLDEN = ROOT / "tests" / "golden"
SAMPLE = load_dataset(ROOT / "data", "data")


def sample_report(as_of: D) -> str:
    year = SAMPLE.years[0]
    p = evaluate_year(SAMPLE.unit, year.until(as_of), as_of)
    return "\n".join(report_lines(p, verbose=True) + [""] + attention_lines(p)) + "\n"


@pytest.mark.parametrize("as_of", ["2018-06-30", "2018-12-31"])
def test_golden_sample_evaluation(as_of):
    """The sample's whole evaluation, requirement by requirement. Regenerate after a deliberate change with
    `WENMING_UPDATE_GOLDEN=1 python3 -m pytest tests/judge/test_progress.py` and review the diff."""
    path = GOLDEN / f"sample-{as_of}.txt"
    text = sample_report(D.fromisoformat(as_of))
    if os.environ.get("WENMING_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_sample_story_mid_year_and_year_end():
    mid = evaluate_year(SAMPLE.unit, SAMPLE.years[0].until(D(2018, 6, 30)), D(2018, 6, 30))
    end = evaluate_year(SAMPLE.unit, SAMPLE.years[0], D(2018, 12, 31))
    assert 0.4 < mid.overall.completion < end.overall.completion < 0.9
    assert mid.status("6-1") == Status.ON_TRACK and end.status("6-1") == Status.DONE  # 6月、9月、12月各一次
    assert mid.status("2-2") == Status.ON_TRACK and end.status("2-2") == Status.DONE  # 每季度公布
    assert end.status("1-4") == Status.DONE_LATE  # held in April and August, not in January and July
    assert end.tasks["1-4"].reason.startswith("4月13日完成，晚了72天")
    assert end.status("12-3") == Status.INCOMPLETE and "缺少文号" in end.tasks["12-3"].reason
    festival = next(r for r in end.tasks["11-3"].rules if r.label.startswith("我们的节日"))
    assert festival.status == Status.DONE and festival.have == 7
    assert [s.rubric.id for s in end.scores] == ["city", "union"] and end.scores[0].pending == 1


@pytest.mark.parametrize("count, earned", [(2, 0.0), (3, 1.0), (4, 2.0), (5, 3.0), (6, 4.0), (9, 4.0)])
def test_threshold_scoring_from_the_rubric(count, earned):
    """"6次及以上得4分，少于3次不得分，每多1次加1分"."""
    entry = {"method": "threshold", "full_at": 6, "zero_below": 3, "step": 1}
    assert _earned(entry, 4.0, TaskResult("t", Status.ON_TRACK, ()), count)[0] == earned


def test_proportional_manual_and_all_or_nothing():
    half = TaskResult("t", Status.ON_TRACK, (RuleResult("x", Status.ON_TRACK, "", 3, 6, kind="count"),
                                             RuleResult("y", Status.DONE, "", 1, 1, kind="per_cycle")))
    assert _earned({"method": "proportional"}, 4.0, half, 0)[0] == round(4 * (0.5 + 1) / 2, 2)  # 均分
    assert _earned({"method": "manual"}, 3.0, half, 0) == (None, "待评（按质量人工评分）")
    assert _earned({"method": "manual", "manual": 2.5}, 3.0, half, 0)[0] == 2.5
    assert _earned({"method": "all"}, 2.0, half, 0)[0] == 0.0
    done = TaskResult("t", Status.DONE, ())
    assert _earned({"method": "all"}, 2.0, done, 0)[0] == 2.0


def test_a_unit_answers_to_two_rubrics():
    year = SAMPLE.years[0]
    p = evaluate_year(SAMPLE.unit, year, D(2018, 12, 31))
    scores = score_plan(year.plan, p.tasks, {"5-2": 5})
    both = [(s.rubric.id, i.method) for s in scores for i in s.items if i.task.id == "5-2"]
    assert both == [("city", "proportional"), ("union", "threshold")]
    assert all(isinstance(s.rubric, Rubric) for s in scores)


# -- one record changed, the right statuses change -----------------------------


def fixture_progress(data: Path, as_of=D(2018, 6, 30)):
    ds = load_dataset(data, "data")
    assert not [p for p in ds.problems if p.is_error], ds.problems
    return evaluate_year(ds.unit, ds.years[0].until(as_of), as_of)


def photo_rule(p) -> RuleResult:
    return next(r for r in p.tasks["2-1"].rules if r.label == "照片3张")


def test_adding_photos_meets_the_photo_requirement(tmp_path):
    data = make_repo(tmp_path)
    before = fixture_progress(data)
    assert photo_rule(before).status == Status.INCOMPLETE and photo_rule(before).reason == "材料不全：照片 1/3，还差2张"
    folder = data / "2018/activities/2018-03-06-第一期道德讲堂"
    md = data / "2018/activities/2018-03-06-第一期道德讲堂.md"
    for name in ("02.jpg", "03.jpg"):
        shutil.copy(folder / "01.jpg", folder / name)
    md.write_text(md.read_text(encoding="utf-8").replace(
        "  - file: 01.jpg\n", "  - file: 01.jpg\n  - file: 02.jpg\n  - file: 03.jpg\n"), encoding="utf-8")
    after = fixture_progress(data)
    assert photo_rule(after).status == Status.DONE and photo_rule(after).reason == "照片 3/3"
    assert after.status("2-1") != Status.OVERDUE
    assert {t: r.status for t, r in after.tasks.items() if t != "2-1"} == \
           {t: r.status for t, r in before.tasks.items() if t != "2-1"}


def test_moving_a_date_past_the_deadline_makes_it_overdue(tmp_path):
    data = make_repo(tmp_path)
    doc = data / "2018/documents/2018-02-10-实施方案.yml"
    assert fixture_progress(data).status("1-1") == Status.DONE
    doc.write_text(doc.read_text(encoding="utf-8").replace("date: 2018-02-10", "date: 2018-02-25"), encoding="utf-8")
    after = fixture_progress(data)
    assert after.status("1-1") == Status.DONE_LATE
    assert after.tasks["1-1"].reason == "2月25日完成，晚了5天（2月20日截止）"
    before = fixture_progress(data, dt.date(2018, 2, 22))
    assert before.status("1-1") == Status.OVERDUE and before.tasks["1-1"].reason == "还差1次，2月20日已截止"


# -- report dates from git ----------------------------------------------------------


def git(repo: Path, *args: str, date: str | None = None) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def test_report_date_is_the_first_commit(tmp_path):
    data = make_repo(tmp_path)
    unit = data / "unit.yml"
    unit.write_text(unit.read_text(encoding="utf-8").replace("report_dates: reported\n", ""), encoding="utf-8")
    git(tmp_path, "init", "-q")
    late = "2018-05-20-志愿服务进社区.md"
    git(tmp_path, "add", "--", ".", f":!data/2018/activities/{late}")
    git(tmp_path, "commit", "-qm", "records", date="2018-03-08T10:00:00+08:00")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "late record", date="2018-06-01T10:00:00+08:00")
    ds = load_dataset(data, "data")
    acts = {a.id: a for a in ds.years[0].activities}
    first = acts["2018-03-06-第一期道德讲堂"]
    assert (first.reported, first.reported_from) == (D(2018, 3, 8), "git")
    assert acts[late[:-3]].reported == D(2018, 6, 1)
    assert not [p for p in ds.problems if "git" in p.message]
    site = build(data, tmp_path / "site", "2018-06-30")
    page = article(site, "2018/activities/2018-03-06-diyiqidaodejiangtang.html")
    assert "报送及时（2天）" in page.get_text(" ", strip=True)
    assert {r["项目"]: r["内容"] for r in table(page)}["报送日期"] == "2018-03-08 （按提交记录）"
    facts = {r["项目"]: r["内容"] for r in table(article(site, "2018/activities/2018-05-20-zhiyuanfuwujinshequ.html"))}
    assert facts["报送日期"] == "2018-06-01 （按提交记录）"
    assert "首次报送" not in facts and "最后修改" not in facts  # the same day as the report: said once
    # A commit later than the as-of date is not a report date yet.
    early = build(data, tmp_path / "early", "2018-03-07")
    facts = {r["项目"]: r["内容"] for r in table(article(early, "2018/activities/2018-03-06-diyiqidaodejiangtang.html"))}
    assert facts["报送日期"] == "未知"


def test_without_git_history_the_report_date_is_the_field_or_unknown(tmp_path):
    data = make_repo(tmp_path)
    unit = data / "unit.yml"
    unit.write_text(unit.read_text(encoding="utf-8").replace("report_dates: reported\n", ""), encoding="utf-8")
    ds = load_dataset(data, "data")
    notes = [p.format() for p in ds.problems]
    assert notes == ["data: 警告：数据目录不在 git 仓库中（或没有安装 git），报送日期只能取记录中的 reported 字段。"]
    assert all(a.reported_from in ("field", "") for a in ds.years[0].activities)
    assert any(a.reported is None for a in ds.years[0].activities)


def test_done_late_lists_the_record_that_came_late():
    """1-4 (1月、7月各一次): the only meeting was on 4月13日, so January's is 逾期完成, and the requirement
    names that record as its evidence (it is what made it done, if late)."""
    year = next(y for y in SAMPLE.years if y.year == 2018)
    result = evaluate_year(SAMPLE.unit, year, dt.date(2018, 6, 30)).tasks["1-4"]
    january = next(r for r in result.rules if r.label == "1月开展一次")
    assert (january.status, january.records) == (Status.DONE_LATE, ("2018-04-13-领导班子精神文明建设工作会议",))
