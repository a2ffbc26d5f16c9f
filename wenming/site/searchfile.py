"""The search index files, written entry by entry.

Material's search plugin writes `search/search_index.json` by turning the whole
index into one string and then into bytes: two copies of it at once, at the end
of the build, when everything else is still in memory. For a decade of records
that is the build's peak (about 70 MiB more). Its `offline` plugin then read
the file back and wrote `search_index.js` (the same JSON after `var __index = `,
which a page opened from disk loads), a third and fourth copy.

Here the plugin's index object is asked to merge its entries as before (under
`serve --dirty` with the previous build's) but to hand over only a stub; the
hook then writes both files with the same bytes, one entry at a time. Only the
MkDocs hook calls these, with the plugin's `SearchIndex` (duck-typed: `entries`,
`config`, `generate_search_index`, as in mkdocs-material 9.7).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from .searchparse import CURRENT_YEAR

_SEPARATORS = (",", ":")
SCRIPT_PREFIX = b"var __index = "
"""What Material's offline plugin puts before the JSON in search_index.js."""


def defer_writing(index) -> None:
    """Let `index.generate_search_index(prev)` merge the entries as Material's does, but return a stub:
    `write_index` writes the real files afterwards."""

    def generate(prev) -> str:
        if prev and index.entries:  # `serve --dirty`: this build indexed one page; keep the others' entries
            path = index.entries[0]["location"]
            index.entries = [e for e in prev.entries if not e["location"].startswith(path)] + index.entries
        if prev and not index.entries:
            index.entries = prev.entries
        if prev and CURRENT_YEAR not in index.config and CURRENT_YEAR in prev.config:  # no page of ours re-indexed
            index.config[CURRENT_YEAR] = prev.config[CURRENT_YEAR]
        return json.dumps({"config": _config(index), "docs": []}, separators=_SEPARATORS, default=str)

    index.generate_search_index = generate


def write_index(index, search_dir: Path) -> None:
    """search_index.json (byte for byte what Material writes, with the current year in its config) and
    search_index.js, entry by entry."""
    search_dir.mkdir(parents=True, exist_ok=True)
    target = search_dir / "search_index.json"
    head = json.dumps({"config": _config(index)}, separators=_SEPARATORS, default=str)[:-1]
    with target.open("w", encoding="utf-8") as out:
        out.write(head + ',"docs":[')
        for n, entry in enumerate(index.entries):
            out.write(("," if n else "") + json.dumps(entry, separators=_SEPARATORS, default=str))
        out.write("]}")
    with target.open("rb") as source, (search_dir / "search_index.js").open("wb") as script:
        script.write(SCRIPT_PREFIX)
        shutil.copyfileobj(source, script, 1 << 20)


def _config(index) -> dict:
    """Material's keys, and the current year when a page named it (`searchparse.CURRENT_YEAR`): the
    search worker lists that year's results first (`searchworker.js`)."""
    keys = ("lang", "separator", "pipeline", "fields", CURRENT_YEAR)
    return {key: index.config[key] for key in keys if key in index.config}
