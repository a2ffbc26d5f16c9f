"""MkDocs hooks: thin adapters from MkDocs events to the wenming package.

MkDocs does not reload hook modules under `mkdocs serve`, so nothing is cached
at import time: the data is read afresh in `on_config` for every build.
This is the only place (with the CLI) that touches MkDocs, the clock and the
environment; everything it calls is pure.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:  # run from a checkout without `pip install -e .`
    sys.path.insert(0, str(_ROOT))

from wenming import settings  # noqa: E402
from wenming.api import load_dataset  # noqa: E402
from wenming.assets import PLOTLY_URI, plotly_js_path  # noqa: E402
from wenming.pages import build_site  # noqa: E402
from wenming.problems import render_report  # noqa: E402

_state: dict = {}


def on_config(config, **kwargs):
    _state.clear()
    project = Path(config.config_file_path).resolve().parent
    data_dir = settings.data_dir(project, config.extra)
    as_of = settings.as_of()
    dataset = load_dataset(data_dir, settings.display_path(data_dir))
    report = render_report(list(dataset.problems))
    if any(p.is_error for p in dataset.problems):
        raise PluginError("\n" + report + "\n请改正以上问题后重新构建（wenming check 可以单独检查）。")
    if report:
        for line in report.splitlines():
            print(f"WARNING -  {line}" if "警告" in line else line, file=sys.stderr)
    site = build_site(dataset, as_of)
    if site.later:
        print(f"INFO    -  {len(site.later)} 条记录的日期晚于数据截至日期 {as_of}，本次构建不计入"
              f"（如 {site.later[0]}）。", file=sys.stderr)
    _state.update(site=site, data_dir=data_dir)
    config.nav = site.nav + list(config.nav or [])
    return config


def on_files(files: Files, config, **kwargs):
    site = _state["site"]
    data_dir: Path = _state["data_dir"]
    for page in site.pages:
        file = File.generated(config, page.uri, content=page.markdown)
        file.edit_uri = page.source
        files.append(file)
    for media in site.media:
        files.append(File.generated(config, media.uri, abs_src_path=str(data_dir / media.source)))
    files.append(File.generated(config, PLOTLY_URI, abs_src_path=plotly_js_path()))
    return files
