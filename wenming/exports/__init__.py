"""Stage 4a, exports: the offline archive (zip), the ledger (xlsx/csv), the public edition.

Takes a built site or a `Dataset`; gives files to hand out.
Imports `site`, `judge` and `records`; only the edges (`cli`, `api`, `hooks/`) import it.
"""
