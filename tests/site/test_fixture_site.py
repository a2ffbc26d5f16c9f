"""A small fixture repo built with MkDocs: assert on the HTML through a parser."""

from __future__ import annotations

import hashlib
import shutil

from helpers import section_table, article, build, table


def test_plan_table(fixture_site):
    page = article(fixture_site, "2018/plan.html")
    assert page.h1.get_text(strip=True) == "2018年度文明单位创建工作实施方案"
    rows = table(page, 2)  # leading group, phases, then category (一)
    assert [r["编号"] for r in rows] == ["1-1", "1-2"]
    assert rows[0]["时限"] == "2月中旬前（ 2018-02-20 ）"
    assert rows[1]["时限"] == "3月底（ 2018-03-31 ）；9月底（ 2018-09-30 ）"


def test_activity_serving_three_tasks(fixture_site):
    page = article(fixture_site, "2018/activities/2018-03-06-diyiqidaodejiangtang.html")
    facts = {r["项目"]: r["内容"] for r in table(page, 0)}
    assert facts["组织部门"] == "宣传科 、 机关工会"
    assert facts["对应任务"] == "2-1 道德讲堂 2-2 志愿服务 1-2 召开动员会"
    assert facts["活动时间"] == "2018-03-06"
    for task in ("2-1", "2-2", "1-2"):
        ledger = article(fixture_site, f"2018/tasks/{task}.html")
        assert "第一期道德讲堂" in [a.get_text(strip=True) for a in ledger.select("a")]


def test_multi_day_internal_activity(fixture_site):
    page = article(fixture_site, "2018/activities/2018-05-20-zhiyuanfuwujinshequ.html")
    facts = {r["项目"]: r["内容"] for r in table(page, 0)}
    assert facts["活动时间"] == "2018-05-20 至 2018-05-21"
    assert "内部" in facts["公开范围"]


def test_month_page_deadlines(fixture_site):
    page = article(fixture_site, "2018/months/03.html")
    deadlines = table(page, 1)
    # the plan's time limit (1-2), and the first quarter's due date of 3-1's subtasks (3月底前, 每季度不少于一次)
    assert [(r["截止日期"], r["任务"]) for r in deadlines] == [("2018-03-31", "1-2 召开动员会"),
                                                         ("2018-03-31", "3-1 网络文明传播阵地")]
    june = section_table(article(fixture_site, "2018/months/06.html"), "本月截止")
    assert [(r["截止日期"], r["任务"]) for r in june] == [("2018-06-30", "3-1 网络文明传播阵地")]


def test_honors_only_approved(fixture_site):
    text = article(fixture_site, "2018/honors/q1.html").get_text()
    assert "张小明" in text and "李未批" not in text
    text = article(fixture_site, "2018/honors/q2.html").get_text()
    assert "赵通过" in text and "王不同意" not in text


def test_department_page(fixture_site):
    page = article(fixture_site, "2018/departments/xjk.html")
    assert page.select("h2")[0].get_text(strip=True).startswith("逾期事项")
    assert [r["编号"] for r in section_table(page, "牵头的任务")] == ["2-1", "2-2"]
    assert [r["编号"] for r in section_table(page, "配合的任务")] == ["1-1", "1-2"]


def test_documents_page_links_file(fixture_site):
    page = article(fixture_site, "2018/documents/index.html")
    link = page.select_one("td a")
    assert link.get_text(strip=True) == "2018年度文明单位创建工作实施方案"
    assert (fixture_site / "2018/documents" / link["href"]).resolve().is_file()


def test_values_are_escaped(fixture_repo, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(fixture_repo, data)
    path = data / "2018/activities/2018-03-06-第一期道德讲堂.md"
    text = path.read_text(encoding="utf-8").replace("title: 第一期道德讲堂", 'title: "<script>alert(1)</script> | *x*"')
    path.write_text(text, encoding="utf-8")
    site = build(data, tmp_path / "site", "2018-06-30")
    page = article(site, "2018/months/03.html")
    assert page.select("script") == []
    assert "<script>alert(1)</script> | *x*" in [h.get_text(strip=True) for h in page.select("h3")]


def digest(site) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        h.update(path.relative_to(site).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def test_same_data_same_bytes(fixture_repo, fixture_site, tmp_path):
    """The session's build of the fixture (made earlier, other builds in between) and a new one."""
    again = build(fixture_repo, tmp_path / "again", "2018-06-30")
    assert digest(fixture_site) == digest(again)


def test_subtasks_owner_leader_and_no_lead_on_the_task_page(fixture_site):
    """①② under one task: each with its own requirements, its evidence counted for the task."""
    page = article(fixture_site, "2018/tasks/3-1.html")
    meta = page.select_one(".wm-meta").get_text(" ", strip=True)
    assert "牵头部门：未明确" in meta and "责任人：丙某某" in meta and "责任领导：甲某某" in meta
    subs = section_table(page, "子任务")
    assert [(r["编号"], r["牵头部门"], r["责任人"], r["状态"]) for r in subs] == [
        ("3-1-1", "办公室", "丁某某", "达标"), ("3-1-2", "未明确", "—", "逾期")]
    # the document linked to the subtask is evidence on the task's page, and links back to it
    assert "职工文明上网制度" in [a.get_text(strip=True) for a in page.select("a")]
    requirements = [r["要求"] for r in section_table(page, "考核要求")]
    assert requirements[0].startswith("子任务3-1-1：3月31日前有佐证")
    docs = table(article(fixture_site, "2018/documents/index.html"))
    assert next(r for r in docs if r["材料"].startswith("职工文明上网制度"))["对应任务"] == "3-1-1 一是制定文明上网制度"


def test_plan_page_keeps_the_plan_headings_and_shows_no_lead(fixture_site):
    page = article(fixture_site, "2018/plan.html")
    heads = [h.get_text(strip=True) for h in page.select("h2")]
    assert heads[0] == "一、总体要求" and "二、创建目标" in heads
    metas = [m.get_text(" ", strip=True) for m in page.select(".wm-meta")]
    assert any(m.startswith("牵头部门：未明确") for m in metas)
    rows = table(page, 4)  # category (三): the task and its two subtasks
    assert [r["编号"] for r in rows] == ["3-1", "3-1-1", "3-1-2"]


def test_plan_page_score_table(fixture_site):
    page = article(fixture_site, "2018/plan.html")
    rows = section_table(page, "评分表")
    assert [(r["项目"], r["分值"], r["对应任务"], r["计分方法"]) for r in rows] == [("道德讲堂", "4", "2-1 道德讲堂", "阶梯")]
