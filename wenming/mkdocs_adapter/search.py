"""Material's search plugin, wired to the search modules of `wenming.site` (search*.py, jiebastate.py).

Material internals relied on (mkdocs-material 9.8, `material/plugins/search/plugin.py`):

- the plugin is `config.plugins["material/search"]` with `.config.enabled` and `.config.jieba_dict_user`;
  its on_config makes `.search_index` (a `SearchIndex`) and loads the user dictionary into jieba, so
  `configure` runs before it (the hook's on_config has priority 100);
- `SearchIndex` and its `Parser` (an `HTMLParser` subclass) are patched by `wenming.site.searchparse`,
  `searchbatch` and `searchfile`, which take the `Parser` class from here (the site layer does not import
  Material): sections parsed without HTMLParser, pages indexed in batches on the second core, the index
  written entry by entry after Material has written its own (stub) `search/search_index.json`;
- the worker `search/worker*.min.js` (`WORKER_PREFIX`) is published with its Chinese query segmenter fixed
  (`fix_query_segmenter`), under the same name, so no template changes.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from material.plugins.search.plugin import Parser as SearchParser
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from wenming.records.model import Dataset
from wenming.site.jiebastate import dictionary_words, remember_cuts, restore_dictionary
from wenming.site.searchbatch import abandon as abandon_search_batches, index_in_batches
from wenming.site.searchfile import defer_writing, write_index
from wenming.site.searchparse import parse_faster
from wenming.site.searchwords import (
    SEARCH_PLUGIN, USER_DICT, WORKER_PREFIX, data_words, fix_query_segmenter, use_in_search, user_dict)

from .state import Build


def plugin(config: MkDocsConfig) -> Any | None:
    """Material's search plugin, when it is enabled."""
    search = config.plugins.get(SEARCH_PLUGIN)
    return search if search is not None and search.config.enabled else None


def configure(config: MkDocsConfig, project: Path, dataset: Dataset) -> None:
    """jieba quiet and its dictionary fresh for this build's data; the search plugin's settings (on_config)."""
    logging.getLogger("jieba").setLevel(logging.WARNING)  # not "Building prefix dict …" on every build
    _fresh_jieba(config, project, dataset)
    use_in_search(config, project, dataset)


def _fresh_jieba(config: MkDocsConfig, project: Path, dataset: Dataset) -> None:
    """jieba's dictionary as before the first build in this process, whatever earlier builds added
    (see wenming/site/jiebastate.py): the words this build adds are the data's names and the user
    dictionaries the search plugin loads."""
    if not (search := plugin(config)):
        return
    files = {USER_DICT, user_dict(search.config.jieba_dict_user, project)}
    words = [w for path in sorted(files) if path.is_file() for w in dictionary_words(path)]
    restore_dictionary(words + data_words(dataset))


def fix_worker(files: Files, config: MkDocsConfig) -> None:
    """Publish Material's search worker with its Chinese query segmenter fixed (same name, so no
    template changes); left as it is when a Material version no longer has the bug's code."""
    for file in list(files):
        if file.src_uri.startswith(WORKER_PREFIX) and file.src_uri.endswith(".min.js") and file.abs_src_path:
            fixed = fix_query_segmenter(Path(file.abs_src_path).read_text(encoding="utf-8"))
            if fixed is not None:
                files.remove(file)
                files.append(File.generated(config, file.src_uri, content=fixed))


def prepare(build: Build, config: MkDocsConfig) -> None:
    """On on_pre_build, after every on_config: this build's words are in jieba's dictionary, and the plugin's
    `SearchIndex` (made in its on_config) is patched to parse, index and write faster."""
    remember_cuts()
    if search := plugin(config):
        defer_writing(search.search_index)  # written entry by entry in on_post_build (wenming/site/searchfile.py)
        parse_faster(search.search_index, SearchParser)  # sections without HTMLParser (wenming/site/searchparse.py)
        index_in_batches(search.search_index, SearchParser)  # on the second core (wenming/site/searchbatch.py)
        build.search_index = search.search_index


def write(config: MkDocsConfig) -> None:
    """The index written (on_post_build, after the plugin has written its stub of search_index.json)."""
    if search := plugin(config):
        write_index(search.search_index, Path(config.site_dir) / "search")


def abandon(build: Build) -> None:
    """The index's batches stopped (a build that failed)."""
    if (index := build.search_index) is not None:
        build.search_index = None
        abandon_search_batches(index)
