"""Files the site ships from installed packages (no CDN): plotly.js from the plotly package."""

from __future__ import annotations

from pathlib import Path

import plotly

PLOTLY_URI = "assets/plotly.min.js"
"""Where plotly.js is published; `assets/charts.js` loads it from next to itself."""


def plotly_js_path() -> str:
    return str(Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js")
