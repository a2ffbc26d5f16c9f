"""Chinese search: what people type finds the right pages.

Material's search plugin cuts page text into words with jieba; our dictionary
(wenming/dictionaries/jieba_user.txt) and the people's names in the data keep the
domain's terms and names whole. The index is checked directly, then the search
box of the built sample site is used in a real browser as a person would.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from browser import Recorder, search
from helpers import ROOT, environ

from wenming.site.searchwords import USER_DICT, data_words, user_dict

SEPARATOR = re.compile(r"[\s\u200b\u3000\-、。，．？！；]+")
"""Material's separator for Chinese (partials/languages/zh.html): how the browser splits the index."""

DOMAIN_WORDS = ["道德讲堂", "志愿服务", "志愿者", "善行义举榜", "好人线索", "我们的节日", "清明节"]


def index_words(site: Path) -> set[str]:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return {w for doc in index["docs"] for field in ("title", "text") for w in SEPARATOR.split(doc[field]) if w}


def sample_department(dept_id: str) -> str:
    unit = yaml.safe_load((ROOT / "data" / "unit.yml").read_text(encoding="utf-8"))
    return next(d["name"] for d in unit["departments"] if d["id"] == dept_id)


def test_dictionary_is_packaged_and_one_word_a_line():
    words = USER_DICT.read_text(encoding="utf-8").splitlines()
    assert USER_DICT.is_absolute() and words and all(w and " " not in w and "#" not in w for w in words)
    assert {"善行义举榜", "道德讲堂", "学雷锋", "志愿服务", "新时代文明实践", "社会主义核心价值观"} <= set(words)
    assert len(set(words)) == len(words)


def test_dictionary_named_in_mkdocs_yml_is_taken_relative_to_it(tmp_path):
    assert user_dict(None, tmp_path) == USER_DICT
    assert user_dict("dict/own.txt", tmp_path) == tmp_path / "dict" / "own.txt"
    assert user_dict("/abs/own.txt", tmp_path) == Path("/abs/own.txt")


def test_names_come_from_the_honour_roll_shown_and_the_leading_group(sample_dataset):
    words = data_words(sample_dataset)
    assert "张文静" in words and words == sorted(words)
    hidden = [h.name for y in sample_dataset.years for h in y.honors if not h.on_board]
    assert hidden and not set(hidden) & set(words), "names not on the board are not looked at"


def test_domain_words_and_names_stay_whole_in_the_sample_index(sample_site):
    words = index_words(sample_site)
    assert set(DOMAIN_WORDS) <= words, set(DOMAIN_WORDS) - words
    assert {"张文静", "陈志强"} <= words  # jieba alone cuts 张/文静 in "张文静同志是…"


def test_search_plugin_loads_the_dictionary_when_mkdocs_runs_elsewhere(fixture_repo, tmp_path, monkeypatch):
    """The plugin resolves a relative jieba_dict_user against the working directory and
    reads it in its on_config; the hook's on_config runs first and sets ours, absolute."""
    import jieba
    from mkdocs.config import load_config

    loaded = []
    monkeypatch.setattr(jieba, "load_userdict", loaded.append)
    monkeypatch.chdir(tmp_path)
    with environ(WENMING_DATA=str(fixture_repo), WENMING_AS_OF="2018-06-30", NO_MKDOCS_2_WARNING="true"):
        config = load_config(config_file=str(ROOT / "mkdocs.yml"))
        config.plugins.on_config(config)
    assert config.plugins["material/search"].config.jieba_dict_user == str(USER_DICT)
    assert loaded == [str(USER_DICT)]


@pytest.fixture(scope="module")
def sample_dataset():
    from wenming.api import load_dataset

    return load_dataset(ROOT / "data")


@pytest.fixture(scope="module")
def search_page(browser, base):  # noqa: F811 - the fixtures
    page = browser.new_page()
    page.set_default_timeout(15_000)
    page.set_default_navigation_timeout(30_000)
    seen = Recorder(page, base)
    page.goto(base + "index.html")
    yield page
    problems = seen.problems()
    page.close()
    assert not problems, f"searching was not clean: {problems}"


SHOWN = 10
"""Material shows the first ten pages of results until one scrolls."""

QUERIES = {
    "道德讲堂": r"2018/activities/.*-di.*qidaodejiangtang\.html",
    "志愿": r"2018/activities/.*zhiyuanfuwu.*\.html",
    "清明": r"2018/activities/2018-04-03-qingmingjie.*\.html",
    "善行义举榜": r"2018/honors/(index|q\d)\.html",
    "陈志强": r"2018/honors/q1\.html",  # on the sample's honour roll, 2018 Q1
}


@pytest.mark.parametrize("query", [*QUERIES, "department"])
def test_search_box_finds_the_right_pages(search_page, base, query):  # noqa: F811
    if query == "department":  # department pages only repeat records: the index of departments is found
        query, expected = sample_department("bfzx"), r"2018/departments/index\.html"
    else:
        expected = QUERIES[query]
    pages = [u[len(base):] for u in search(search_page, query)]
    assert any(re.fullmatch(expected, p) for p in pages[:SHOWN]), f"{query!r}: {pages[:SHOWN]}"
