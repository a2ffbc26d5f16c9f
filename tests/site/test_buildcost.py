"""What keeps the build cheap without changing its output: the search index files written entry by
entry, jieba's dictionary the same for every build in one process, the checked dataset handed to the
hook once, and a short build log. Pure where it can be; one small build for the log."""

from __future__ import annotations

import json
import logging
from types import SimpleNamespace

from helpers import build, make_repo
from wenming import api
from wenming.site import searchfile
from wenming.site.jiebastate import dictionary_words, restore_dictionary
from wenming.site.searchwords import USER_DICT

CONFIG = {"lang": ["zh"], "separator": "[\\s\\-]+", "pipeline": ["stemmer"], "fields": {"title": {"boost": 1000.0}},
          "jieba_dict": None}
ENTRIES = [{"location": "2018/a.html", "title": "第一期\u200b道德讲堂", "text": "<p>“引号” & 符号</p>"},
           {"location": "2018/b.html#x", "title": "B", "text": "", "tags": ["志愿服务"], "boost": 2}]


def _index(entries):
    return SimpleNamespace(config=dict(CONFIG), entries=list(entries))


def test_index_files_are_what_material_writes(tmp_path):
    index = _index(ENTRIES)
    searchfile.defer_writing(index)
    stub = json.loads(index.generate_search_index(None))
    assert stub["docs"] == [] and stub["config"]["lang"] == ["zh"]
    searchfile.write_index(index, tmp_path / "search")
    material = json.dumps({"config": {k: CONFIG[k] for k in ("lang", "separator", "pipeline", "fields")},
                           "docs": ENTRIES}, separators=(",", ":"), default=str)
    written = (tmp_path / "search" / "search_index.json").read_bytes()
    assert written == material.encode("utf-8")
    assert (tmp_path / "search" / "search_index.js").read_bytes() == b"var __index = " + written


def test_a_dirty_rebuild_keeps_the_other_pages_entries(tmp_path):
    previous = _index(ENTRIES)
    index = _index([{"location": "2018/a.html", "title": "新标题", "text": ""}])
    searchfile.defer_writing(index)
    index.generate_search_index(previous)
    assert [e["location"] for e in index.entries] == ["2018/b.html#x", "2018/a.html"]
    assert index.entries[-1]["title"] == "新标题"


def test_the_current_year_is_in_the_index_config_and_kept_by_a_dirty_rebuild(tmp_path):
    previous = _index(ENTRIES)
    previous.config[searchfile.CURRENT_YEAR] = 2018
    index = _index([{"location": "guide/a.html", "title": "指南", "text": ""}])  # no page of a year re-indexed
    searchfile.defer_writing(index)
    assert json.loads(index.generate_search_index(previous))["config"]["wenming_current_year"] == 2018
    searchfile.write_index(index, tmp_path)
    assert json.loads((tmp_path / "search_index.json").read_text(encoding="utf-8"))["config"]["wenming_current_year"] == 2018


def test_jieba_dictionary_is_put_back_for_every_build():
    import jieba

    text = "打印台账和张文静同志的善行义举"
    words = dictionary_words(USER_DICT) + ["张文静"]
    restore_dictionary(words)
    before = (jieba.dt.total, {w: jieba.dt.FREQ.get(w) for w in ("台账", "张文静", "张文")})
    for _ in range(2):  # what a build does: load the user dictionary, add the data's names
        jieba.load_userdict(str(USER_DICT))
        jieba.add_word("张文静")
    restore_dictionary(words)
    assert (jieba.dt.total, {w: jieba.dt.FREQ.get(w) for w in ("台账", "张文静", "张文")}) == before
    jieba.load_userdict(str(USER_DICT))
    jieba.add_word("张文静")
    again = list(jieba.cut(text))
    restore_dictionary(words)
    jieba.load_userdict(str(USER_DICT))
    jieba.add_word("张文静")
    assert list(jieba.cut(text)) == again and "张文静" in again


def test_a_handed_over_dataset_is_taken_once_and_only_for_its_folder(fixture_repo, tmp_path):
    dataset = api.load_dataset(fixture_repo)
    api.hand_over(fixture_repo, dataset)
    assert api.load_dataset(tmp_path) is not dataset  # another folder: read from disk, and the hand-over is gone
    api.hand_over(fixture_repo, dataset)
    assert api.load_dataset(fixture_repo) is dataset
    again = api.load_dataset(fixture_repo)
    assert again is not dataset and again == dataset


def test_the_build_log_is_short(tmp_path, caplog):
    """No list of the record pages outside the nav (MkDocs' validation.nav.omitted_files), one summary line."""
    data = make_repo(tmp_path)
    with caplog.at_level(logging.INFO):
        build(data, tmp_path / "site", "2018-06-30")
    messages = [r.getMessage() for r in caplog.records if r.name.startswith("mkdocs")]
    assert not [m for m in messages if "not included in the" in m]
    summary = [m for m in messages if m.startswith("共生成 ")]
    assert len(summary) == 1 and "个在导航中" in summary[0], messages
