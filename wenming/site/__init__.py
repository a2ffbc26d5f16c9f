"""Stage 3, site: model + judgement → the pages MkDocs publishes.

Takes a `Dataset` and the judge's results; gives virtual Markdown pages (`pages`,
`templates/`), chart figures, search words, and published photos.
Imports `judge` and `records`; only `exports`, `authoring` and the edges import it.
"""
