"""What the hook adds to each generated page: window title with the year, search policy,
the data file behind the "编辑" link; and the fix to Material's Chinese query segmenter."""

from __future__ import annotations

from pathlib import Path

import pytest

from wenming.site.pagemeta import CURRENT_YEAR_BOOST, RECORD_BOOST, page_meta, search_meta, window_title
from wenming.site.searchwords import REFINE, WORKER_PREFIX, fix_query_segmenter, index_text_first


@pytest.mark.parametrize("uri, markdown, title", [
    ("2018/tasks/5-2.md", "# 5-2 举办道德讲堂\n", "5-2 举办道德讲堂 · 2018年"),
    ("2018/months/05.md", "# 2018年5月\n", "2018年5月"),
    ("2018/tasks/attention.md", "---\nsearch:\n  exclude: true\n---\n\n# 2018年需要关注的任务 { #top }\n", "2018年需要关注的任务"),
    ("guide/index.md", "# 用户指南\n", "用户指南"),
    ("2018/plan.md", "正文\n## 小节\n", None),
])
def test_window_title_carries_the_year(uri, markdown, title):
    assert window_title(uri, markdown) == title


C = {"current_year": 2018}  # every indexed page names the current year for the search worker


@pytest.mark.parametrize("uri, meta", [
    ("2018/months/05.md", C | {"title_only": True, "boost": CURRENT_YEAR_BOOST}),
    ("2019/months/05.md", C | {"title_only": True}),
    ("2018/months/index.md", {"exclude": True}),
    ("2018/departments/bgs.md", C | {"title_only": True, "boost": CURRENT_YEAR_BOOST}),
    ("2018/departments/index.md", C | {"boost": CURRENT_YEAR_BOOST}),
    ("2018/tasks/print.md", {"exclude": True}),
    ("2018/tasks/attention.md", {"exclude": True}),
    ("index.md", {"exclude": True}),
    ("2019/index.md", {"exclude": True}),
    ("2018/tasks/5-2.md", C | {"boost": CURRENT_YEAR_BOOST}),
    ("2018/activities/2018-03-06-x.md", C | {"boost": CURRENT_YEAR_BOOST * RECORD_BOOST}),
    ("2019/activities/2019-03-06-x.md", C | {"boost": RECORD_BOOST}),
    ("2019/tasks/5-2.md", C),
])
def test_repeating_pages_are_out_of_the_index_and_the_current_year_first(uri, meta):
    assert search_meta(uri, 2018) == meta


def test_without_a_current_year_no_year_is_named():
    assert search_meta("2018/tasks/5-2.md", None) == {}


def test_edit_note_names_the_file_and_line_except_in_a_public_build():
    assert page_meta("2018/tasks/5-2.md", "# 5-2 x\n", "data/2018/plan.yml", 222, 2018, False)["wenming_edit"] \
        == "data/2018/plan.yml:222"
    assert "wenming_edit" not in page_meta("2018/tasks/5-2.md", "# 5-2 x\n", "data/2018/plan.yml", 222, 2018, True)


def test_the_installed_search_worker_gets_its_segmenter_fixed_and_our_refinement_first():
    import material

    workers = list((Path(material.__file__).parent / "templates" / WORKER_PREFIX).parent.glob("search.*.min.js"))
    assert len(workers) == 1
    material_js = workers[0].read_text(encoding="utf-8")
    fixed = fix_query_segmenter(material_js)
    assert fixed is not None and "o<=t.length" in fixed
    refine = REFINE.read_text(encoding="utf-8")
    # ours inside Material's "use strict" prologue, before its listener; the stale source map dropped
    assert fixed.startswith('"use strict";\n' + refine) and fixed.index(refine) < fixed.index('addEventListener("message"')
    assert "sourceMappingURL" in material_js and "sourceMappingURL" not in fixed
    assert fix_query_segmenter(fixed) is None  # applied once
    assert fix_query_segmenter("console.log(1)") is None  # not Material's worker: left as it is


def test_activity_snippets_skip_the_details():
    html = '<h1>第一期</h1><div class="wm-badges">照片 3/3</div><table><tr><td>地点</td></tr></table><p>3月6日上午</p>'
    out = index_text_first("2018/activities/2018-03-06-x.md", html)
    assert out.count("data-search-exclude") == 2 and "<p>3月6日上午</p>" in out
    assert index_text_first("2018/tasks/5-2.md", html) == html
