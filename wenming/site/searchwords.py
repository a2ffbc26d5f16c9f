"""Words for the site search's Chinese word segmentation.

Material's search plugin cuts each page's Chinese text into words with jieba
when it writes the search index. In the browser a query is cut into words
found in that index, and each piece matches the *beginnings* of indexed words
(`道德` finds `道德讲堂`). So search works best when jieba keeps whole the words
people type, and cuts the rest the same way everywhere:

- the domain's terms (`善行义举榜`, `志愿服务`, the festivals …) are in the
  packaged jieba user dictionary `dictionaries/jieba_user.txt` (one word a line; no
  comments: jieba reads every line as a word), set as the plugin's
  `jieba_dict_user`;
- people's names in the data (the honour roll, leading groups) are added to
  jieba for each build: jieba often cuts a name (`张/文静`), and the browser
  then finds it only piecemeal, below pages that merely contain `张`.

Department names are left to jieba on purpose: the browser cuts `机关第一党支部`
into `机关`, `第一` …, which match best where the index holds the same pieces.

`data_words` and `user_dict` are pure; `use_in_search` changes jieba's global
dictionary and the search plugin's configuration, so only the MkDocs hook calls
it, from an `on_config` that runs before the search plugin's (which reads the
option and loads the dictionary).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..records.model import Dataset

USER_DICT = Path(__file__).resolve().parent / "dictionaries" / "jieba_user.txt"
"""The packaged dictionary, as an absolute path (the plugin resolves relative ones against the working directory)."""

SEARCH_PLUGIN = "material/search"
_HAN = re.compile(r"[\u3400-\u9fff]{2,}")


def data_words(dataset: Dataset) -> list[str]:
    """People's names in the data (leading groups, names shown on the honour roll),
    sorted so that every build adds them in the same order."""
    names = []
    for year in dataset.years:
        names += [leader.name for leader in year.plan.leading_group]
        names += [h.name for h in year.honors if h.on_board]
    return sorted({w for name in names for w in _HAN.findall(name or "")})


def user_dict(configured: str | None, project: Path) -> Path:
    """The dictionary the search plugin should load: one named in mkdocs.yml is
    taken relative to the folder of mkdocs.yml (not the working directory); none
    named means the packaged one."""
    return (project / configured).resolve() if configured else USER_DICT


def use_in_search(config, project: Path, dataset: Dataset) -> None:
    """Point the search plugin at the dictionary and add the data's names to jieba."""
    search = config.plugins.get(SEARCH_PLUGIN)
    if search is None or not search.config.enabled:
        return
    import jieba

    configured = search.config.jieba_dict_user
    search.config.jieba_dict_user = str(user_dict(configured, project))
    if configured:  # a project's own dictionary: ours is loaded beside it
        jieba.load_userdict(str(USER_DICT))
    for word in data_words(dataset):
        jieba.add_word(word)


# -- the search index and the browser's query ------------------------------------------------

_SEGMENT_LOOP = "for(let o=s+1;o<t.length;o++)t.slice(s,o)in e"
"""Material 9.7's query segmenter (`segment()` in its search worker), minified. It cuts each run of
Chinese characters in a query into words of the index, but never tries the run itself: `j < length`
leaves out the last character, so `道德讲堂` is searched as `道德* 讲` (the 堂 is dropped) and every
hit is marked "缺少: 讲". Trying the whole run (`j <= length`) keeps a word of the index whole."""
_SEGMENT_FIXED = "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e"
WORKER_PREFIX = "assets/javascripts/workers/search."
REFINE = Path(__file__).resolve().parent / "searchworker.js"
"""What runs before Material's search worker: a word in no page finds nothing, dates like `2018年5月`
are found, the current year's results come first (see the file)."""
_STRICT = '"use strict";'
_SOURCE_MAP = re.compile(r"\n//# sourceMappingURL=\S*\s*$")


def fix_query_segmenter(worker_js: str) -> str | None:
    """The search worker as the site publishes it: Material's, with its segmenter fixed where it has the
    bug's code, after `searchworker.js` (inside Material's "use strict" prologue, so both stay strict);
    None when `worker_js` is not Material's minified worker or is already this one."""
    refine = REFINE.read_text(encoding="utf-8")
    if not worker_js.startswith(_STRICT) or refine in worker_js:
        return None
    if worker_js.count(_SEGMENT_LOOP) == 1:
        worker_js = worker_js.replace(_SEGMENT_LOOP, _SEGMENT_FIXED)
    worker_js = _SOURCE_MAP.sub("", worker_js)  # its lines and columns no longer match
    return _STRICT + "\n" + refine + worker_js[len(_STRICT):]


_DETAILS = re.compile(r'<(table\b|(?:div|p|ul) class="(?:wm-badges|wm-source|wm-meta)")')
_RECORD_PAGE = re.compile(r"^\d{4}/activities/")


def index_text_first(uri: str, html: str) -> str:
    """On an activity page the search index (and so a result's snippet) takes the brief's text, not
    the details around it: its tables, compliance badges and meta line are marked `data-search-exclude`."""
    return _DETAILS.sub(r"<\1 data-search-exclude", html) if _RECORD_PAGE.match(uri) else html
