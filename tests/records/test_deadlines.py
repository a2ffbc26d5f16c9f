"""Chinese numbers in the plan's phrases (the phrases themselves: test_phrases.py)."""

from __future__ import annotations

import pytest

from wenming.records.dates import cn_number


@pytest.mark.parametrize("text, value", [("5", 5), ("五", 5), ("十", 10), ("十五", 15), ("二十", 20), ("二十五", 25), ("x", None)])
def test_cn_number(text, value):
    assert cn_number(text) == value
