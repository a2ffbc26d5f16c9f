"""Files the site ships from installed packages (no CDN): plotly.js, GLightbox."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import mkdocs_glightbox
import plotly

PLOTLY_URI = "assets/plotly.min.js"
"""Where plotly.js is published; `assets/charts.js` loads it from next to itself."""


def plotly_js_path() -> str:
    return str(Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js")


GLIGHTBOX_URIS = ("assets/glightbox.min.js", "assets/glightbox.min.css")
"""Where GLightbox is published; `assets/lightbox.js` loads it from next to itself on pages with photos."""


def glightbox_paths() -> dict[str, str]:
    """GLightbox's script and stylesheet as shipped in the mkdocs-glightbox package.

    Only its files are used, not its plugin, which would re-parse and re-write every page's HTML.
    """
    folder = Path(mkdocs_glightbox.__file__).resolve().parent / "glightbox"
    return {uri: str(folder / PurePosixPath(uri).name) for uri in GLIGHTBOX_URIS}
