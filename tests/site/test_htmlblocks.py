"""Generated pages rendered without a Markdown parse (wenming/site/htmlblocks.py) come out exactly as
Python-Markdown makes them: every page of the sample data, of the fixture and of the hostile corpus
(each payload in every field) is rendered both ways with the site's Markdown extensions; the HTML and
the table of contents must be the same, and the record pages must take the fast way."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import markdown
import pytest
import yaml
from mkdocs.utils.meta import get_data

from helpers import FIXTURES, ROOT
from payloads import ALL, PAYLOADS, hostile_repo
from wenming.api import load_dataset
from wenming.site.htmlblocks import HeadingCache, anchor_ids, heading_source, join_blocks, split_blocks
from wenming.site.pages import build_site

RECORD_PAGES = ("activities", "tasks", "months", "departments", "categories")


def _site_markdown() -> markdown.Markdown:
    """A converter with the site's extensions and their settings, as mkdocs.yml lists them."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names, settings = [], {}
    for item in config["markdown_extensions"]:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        names.append(name)
        if options:
            settings[name] = options
    return markdown.Markdown(extensions=names, extension_configs=settings)


def _pages(data: Path, as_of: str) -> dict[str, str]:
    site = build_site(load_dataset(data, "data"), dt.date.fromisoformat(as_of))
    return {p.uri: get_data(p.markdown)[0] for p in site.pages}  # MkDocs strips the front matter first


def _compare(pages: dict[str, str], strict: bool = False) -> tuple[list[str], list[str]]:
    """(pages rendered the fast way, pages where the two ways differ); `strict`: and pages whose headings
    could not be rendered one at a time."""
    fast, differ, whole_headings = [], [], []
    whole, headings, cache = _site_markdown(), _site_markdown(), _heading_cache()
    for uri, text in sorted(pages.items()):
        blocks = split_blocks(text)
        if blocks is None:
            continue
        fast.append(uri)
        want = whole.reset().convert(text)
        heads = headings.reset().convert(heading_source(blocks)).split("\n") if any(b.heading for b in blocks) else []
        got = join_blocks(blocks, heads)
        if got != want or getattr(headings, "toc_tokens", []) != getattr(whole, "toc_tokens", []):
            differ.append(uri)
        if (one_by_one := cache.render(blocks)) is None:  # the hook's first way: each heading alone
            whole_headings.append(uri)
        elif join_blocks(blocks, one_by_one[0]) != want or one_by_one[1] != getattr(whole, "toc_tokens", []):
            differ.append(f"{uri} (one heading at a time)")
    if strict and whole_headings:
        differ += [f"{uri} (headings rendered together)" for uri in whole_headings]
    return fast, differ


def _heading_cache() -> HeadingCache:
    md = _site_markdown()
    return HeadingCache(lambda line: (md.reset().convert(line), md.toc_tokens, None))


def test_headings_rendered_one_at_a_time_are_the_same_as_together():
    """Ids made unique in the page's order as the toc extension does (Chinese headings: `_1`, `_2` …)."""
    whole, cache = _site_markdown(), _heading_cache()
    for text in ("# 甲\n\n## 乙\n\n### 丙\n\n## 丁\n", "## 乙\n\n# 甲\n", "### 丙\n\n## 乙\n",
                 "# 甲\n\n## 甲\n", "## a\n\n## a\n", "# a\n\n# a_1\n\n# a\n\n# a_2\n", "# !!\n\n# _1\n\n# ??\n",
                 "# _1\n\n# 甲\n\n# _2\n\n# b_1\n\n# b\n\n# b\n", "## 2018 年\n\n## 2018年\n\n## 2018 年\n"):
        blocks = split_blocks(text)
        html, tokens, _ = cache.render(blocks)
        assert join_blocks(blocks, html) == whole.reset().convert(text), text
        assert tokens == whole.toc_tokens, text


def test_sample_pages_are_the_same_without_a_markdown_parse():
    pages = _pages(ROOT / "data", "2018-09-30")
    fast, differ = _compare(pages, strict=True)
    assert differ == []
    records = [u for u in pages if u.split("/")[1:2] and u.split("/")[1] in RECORD_PAGES and not u.endswith("index.md")]
    assert records and set(records) <= set(fast), sorted(set(records) - set(fast))[:5]


@pytest.mark.parametrize("name", ["all", "rotate"])
def test_hostile_pages_are_the_same_without_a_markdown_parse(tmp_path, name):
    text = ALL if name == "all" else list(PAYLOADS.values())
    fast, differ = _compare(_pages(hostile_repo(tmp_path, text), "2018-06-30"))
    assert fast and differ == []


def test_fixture_pages_are_the_same_without_a_markdown_parse(tmp_path):
    from helpers import make_repo

    fast, differ = _compare(_pages(make_repo(tmp_path, FIXTURES / "subtask-evidence"), "2018-06-30"))
    assert fast and differ == []


@pytest.mark.parametrize("text", [
    "para text\n",                                     # a paragraph
    "# T\n- a list\n",                                 # text straight after a heading
    '<div markdown>\n\n**x**\n\n</div>\n',             # Markdown inside HTML
    "<div><p>unclosed</div>\n",                        # tags not closed in order
    "<div>\n<!-- c -->\n</div>\n",                     # a comment
    "<span>inline</span>\n",                           # an inline tag starts a paragraph
    "<div>a</div> tail\n",                             # text after the block on its line
    "<div>\n\tx\n</div>\n",                            # a tab (Markdown expands it)
    "<div>\n  \n</div>\n",                             # a line of spaces (Markdown empties it)
    "<div><script>1 < 2</script></div>\n",             # raw-text content
    "## [link](a.md)\n",                               # a link in a heading: MkDocs rewrites it
    "<div>a < b</div>\n",                              # a `<` that is not a tag
])
def test_anything_else_is_left_to_markdown(text):
    assert split_blocks(text) is None


def test_blocks_headings_and_anchor_ids():
    text = '# 标题\n\n<p id="a">x</p>\n<div class="d">\n<p id=\'b\'>y</p>\n</div>\n\n## 二\n\n<table><tr><td>1</td></tr></table>\n'
    blocks = split_blocks(text)
    assert [(b.heading, b.blank_after) for b in blocks] == [(True, True), (False, False), (False, True), (True, True),
                                                            (False, True)]
    assert heading_source(blocks) == "# 标题\n\n## 二"
    assert anchor_ids(blocks) == {"a", "b"}
    assert join_blocks(blocks, ["<h1>标题</h1>", "<h2>二</h2>"]) == _site_markdown().convert(text).replace(
        ' id="_1"', "").replace(' id="_2"', "")
