"""The MkDocs adapter: what `hooks/wenming_hooks.py` runs on each MkDocs event.

This package and `hooks/` are the only code that imports `mkdocs` or `material` (besides `wenming.api`, which
only starts MkDocs' command line); nothing in the package imports this one (tests/test_layers.py). It is an
edge above `site` and `exports`: it reads the data, asks `wenming.site` for pages, media and search words, and
hands them to MkDocs and Material, patching their internals where the public events are not enough. Each
module's docstring names the internals it relies on, so that a MkDocs or Material upgrade knows what to check,
and `wenming/site/DESIGN.md` ("The MkDocs adapter", "Moving to Zensical") says how the site would leave them.

One module per concern:

- `state`     what a hooks module holds: the session (across the builds of `serve`) and the current build
- `config`    on_startup and on_config: the data loaded and checked, the site's pages made, the config adjusted
- `files`     on_files and on_nav: generated pages and assets as MkDocs files; `serve --dirty`
- `media`     photos and documents: cleaned by `wenming.site.photos`, copied by a second process
- `search`    Material's search plugin: jieba's dictionary, its worker fixed, its index built and written faster
- `templates` on_env: compiled templates and `wenming_per_folder` for the theme's overrides
- `headings`  `Page.render` for a generated page: its HTML blocks kept, only its headings through Markdown
- `pages`     on_page_markdown, on_page_content, on_post_page: page meta, memory dropped, indentation collapsed
- `staging`   the site built beside the old one and swapped in whole
- `postbuild` on_post_build and on_build_error: wait, write, report, swap, remember for `serve`

Nothing here holds state at import: MkDocs does not reload a hooks module under `mkdocs serve` (nor this
package), so the hooks module makes one `state.Session` and every function takes it; the data is read afresh
in every on_config.
"""
