"""A year folder that does not match its plan is an error, never a year silently left out."""

from __future__ import annotations

import pytest

from helpers import make_repo
from wenming.api import load_dataset


def errors(data) -> list[str]:
    return [p.format() for p in load_dataset(data, "data").problems if p.is_error]


@pytest.mark.parametrize("name", ["2018年", "2018-旧", "old"])
def test_a_renamed_year_folder_is_one_error_for_the_folder(tmp_path, name):
    data = make_repo(tmp_path)
    (data / "2018").rename(data / name)
    found = errors(data)
    year = "" if name == "old" else " 2018"
    assert found == ["data: 没有任何年份的数据。请建立年份文件夹，如 data/2018/plan.yml。",
                     f"data/{name}: 这个文件夹里有实施方案 plan.yml，但文件夹名 \"{name}\" 不是年份，这一年的记录都不会读取。"
                     f"请把文件夹改名为{'方案的年份，如 2018' if name == 'old' else year}（四位数字）；"
                     "不要的旧版本请移出数据文件夹（git 里有历史，不用另存一份）。"]
    assert not any("不在年份文件夹" in p.message for p in load_dataset(data, "data").problems)


def test_a_plan_titled_for_another_year_is_an_error(tmp_path):
    data = make_repo(tmp_path)
    plan = data / "2018" / "plan.yml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("title: 2018年度", "title: 2017年度"), encoding="utf-8")
    assert errors(data) == ["data/2018/plan.yml:1: title: 标题写的是 2017 年（\"2017年度文明单位创建工作实施方案\"），"
                            "但方案在 2018/ 文件夹里。请把文件夹改名为 2017，或改正标题里的年份。"]


@pytest.mark.parametrize("title", ["2018年度文明单位创建工作实施方案", "2017—2019年文明单位创建规划",
                                   "文明单位创建工作实施方案", "2018年度实施方案（2017年测评后修订）"])
def test_titles_that_fit_their_folder(tmp_path, title):
    data = make_repo(tmp_path)
    plan = data / "2018" / "plan.yml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("title: 2018年度文明单位创建工作实施方案", f"title: {title}"),
                    encoding="utf-8")
    assert errors(data) == []
