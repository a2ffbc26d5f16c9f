"""Chinese search: what people type finds the right pages.

Material's search plugin cuts page text into words with jieba; our dictionary
(wenming/dictionaries/jieba_user.txt) and the people's names in the data keep the
domain's terms and names whole. The index is checked directly, then the search
box of the built sample site is used in a real browser as a person would.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from browser import Recorder, search
from helpers import ROOT, environ

from wenming.site.searchwords import REFINE, USER_DICT, WORKER_PREFIX, data_words, user_dict

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
    if query == "department":  # a department's page is indexed by its title
        query, expected = sample_department("bfzx"), r"2018/departments/bfzx\.html"
    else:
        expected = QUERIES[query]
    pages = [u[len(base):] for u in search(search_page, query)]
    assert any(re.fullmatch(expected, p) for p in pages[:SHOWN]), f"{query!r}: {pages[:SHOWN]}"


# -- what a reader expects (issue "wenming 16") --------------------------------------------------

def index_docs(site: Path) -> tuple[dict, dict[str, dict]]:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return index["config"], {doc["location"]: doc for doc in index["docs"]}


def plain(text: str) -> str:
    return text.replace("\u200b", "")


def test_month_and_department_pages_are_indexed_by_their_title_alone(sample_site):
    _, docs = index_docs(sample_site)
    month, department = docs["2018/months/05.html"], docs["2018/departments/bfzx.html"]
    assert plain(month["title"]) == "2018年5月" and month["text"] == ""
    assert plain(department["title"]) == f"{sample_department('bfzx')} · 2018年" and department["text"] == ""
    assert not [loc for loc in docs if loc.startswith(("2018/months/05.html#", "2018/departments/bfzx.html#"))]
    assert "2018/months/index.html" not in docs  # it lists every month: "2018年5月" would find it too


def test_every_page_of_a_year_is_titled_with_its_year_and_the_current_year_is_named(sample_site):
    config, docs = index_docs(sample_site)
    assert config["wenming_current_year"] == 2018  # the sample is built as of 2018-12-31
    pages = {loc: plain(doc["title"]) for loc, doc in docs.items() if re.match(r"\d{4}/", loc) and "#" not in loc}
    assert len(pages) > 100 and {loc for loc, title in pages.items() if loc[:4] not in title} == set()
    assert pages["2018/activities/2018-03-06-diyiqidaodejiangtang.html"] == "第一期道德讲堂 · 2018年"
    assert pages["2019/tasks/5-2.html"].endswith(" · 2019年")
    assert not any(" · " in plain(doc["title"]) for loc, doc in docs.items() if loc.startswith("guide/"))


RESULTS = """() => [...document.querySelectorAll('.md-search-result__item')].map(li => {
    const a = li.querySelector('a'), h1 = li.querySelector('h1')
    return {url: a.href, title: h1 ? h1.innerText.replace(/[\\s\\u200b]+/g, '') : ''}
})"""


def results(page, base: str, query: str, every: bool = False) -> list[dict]:
    """Each result shown for `query` (`every`: scrolled until all are shown): its page (relative to the
    site), its title and what it highlights."""
    search(page, query)
    shown = re.search(r"\d+", page.locator(".md-search-result__meta").inner_text())
    deadline = time.monotonic() + 10
    while every and shown and page.locator(".md-search-result__item").count() < int(shown.group()):  # 10 first, then on scrolling
        assert time.monotonic() < deadline, f"{query!r}: not all {shown.group()} results shown"
        wrap = page.locator(".md-search-result").evaluate_handle("el => el.parentElement")
        wrap.evaluate("el => el.scrollTo(0, 0)")  # Material loads more each time the bottom is reached anew
        page.wait_for_timeout(50)
        wrap.evaluate("el => el.scrollTo(0, el.scrollHeight)")
        page.wait_for_timeout(50)
    assert page.locator(".md-search-result__terms").count() == 0, f"{query!r}: a result shows 缺少"
    found = []
    for item in page.evaluate(RESULTS):
        url = urlsplit(item["url"])
        found.append({"page": url.path[len(urlsplit(base).path):], "title": item["title"],
                      "h": parse_qs(url.query).get("h", [""])[0]})
    return found


@pytest.mark.parametrize("query", ["无偿献血", "垃圾分类", "道德模范评选", "职工运动会"])
def test_a_word_in_no_page_finds_nothing(search_page, sample_site, base, query):
    words = index_words(sample_site)
    assert any(w.startswith(query[0]) for w in words)  # Material alone listed every page with a word like 无私
    assert not any(query in plain(text) for text in words)
    assert results(search_page, base, query) == []
    assert "没有找到" in search_page.locator(".md-search-result__meta").inner_text()


@pytest.mark.parametrize("dept_id", ["bfzx", "bgs", "jgtw"])
def test_a_department_s_name_finds_its_page_first(search_page, base, dept_id):
    found = results(search_page, base, sample_department(dept_id))
    assert found[0]["page"] == f"2018/departments/{dept_id}.html", found[:3]


@pytest.mark.parametrize("query, first", [("2018年5月", "2018/months/05.html"), ("5月", "2018/months/05.html"),
                                          ("2019年3月", "2019/months/03.html")])
def test_a_month_finds_its_page_first(search_page, base, query, first):
    found = results(search_page, base, query)
    assert found[0]["page"] == first and found[0]["h"] == query, found[:3]


def test_results_name_their_year_the_current_year_first(search_page, base):
    found = results(search_page, base, "道德讲堂", every=True)
    years = [r["page"][:4] for r in found if re.match(r"\d{4}/", r["page"])]
    assert {"2018", "2019"} <= set(years), found  # the sample's 2019 plan has the same tasks
    assert all(r["page"][:4] in r["title"] for r in found if re.match(r"\d{4}/", r["page"])), found
    assert years == sorted(years), years  # 2018, the year the home page shows, before 2019
    assert found.index(next(r for r in found if r["page"] == "2018/tasks/5-2.html")) < \
        found.index(next(r for r in found if r["page"] == "2019/tasks/5-2.html"))


def test_every_word_typed_is_in_each_result(search_page, base, sample_site):
    """Two words: pages with both; Material alone listed pages with either."""
    found = results(search_page, base, "道德讲堂 诚信", every=True)
    assert found and all(r["h"] == "道德讲堂 诚信" for r in found)
    for r in found:
        text = plain(BeautifulSoup((sample_site / r["page"]).read_text(encoding="utf-8"), "html.parser")
                     .select_one("article").get_text(""))
        assert "道德讲堂" in text and "诚信" in text, r["page"]


def test_the_published_worker_carries_the_refinement(sample_site):
    """Material's worker, published under its own name with wenming's refinement in front (the same bytes in a
    repository made by init: tests/test_init_repo.py)."""
    workers = list(sample_site.glob(f"{WORKER_PREFIX}*.min.js"))
    assert len(workers) == 1 and REFINE.read_text(encoding="utf-8") in workers[0].read_text(encoding="utf-8")
