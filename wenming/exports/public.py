"""The public edition of a dataset: what may leave the unit. Pure.

A public build (`wenming build --public`) starts from `public_dataset`, so what
is removed here cannot reach any page, the search index, the archive or a
copied file: records marked `visibility: 内部`, every record's `private:` block
(contact, phone, ID number, address, the names of people helped), and
honour-roll entries without approval or consent.
"""

from __future__ import annotations

from dataclasses import replace

from ..records.model import NO_PRIVATE, Dataset, Visibility, Year


def public_dataset(dataset: Dataset) -> Dataset:
    return replace(dataset, years=tuple(_public_year(y) for y in dataset.years))


def _public_year(year: Year) -> Year:
    return replace(
        year,
        activities=tuple(replace(a, private=NO_PRIVATE) for a in year.activities
                         if a.visibility is Visibility.PUBLIC),
        documents=tuple(d for d in year.documents if d.visibility is Visibility.PUBLIC),
        honors=tuple(replace(h, private=NO_PRIVATE) for h in year.honors if h.on_board),
    )
