"""Seeded random damage to the fixture data never gives a traceback, a hang, an error without a
file (or without a line, for YAML), or NaN/infinity in the model (see tests/fuzzing.py)."""

from __future__ import annotations

from fuzzing import fuzz

CASES = 300
SEED = 15
BUDGET = 60.0
"""Seconds: on a busy machine the run stops early rather than slow the suite (at least 100 cases)."""


def test_random_damage_never_crashes_hangs_or_hides_where(tmp_path):
    result = fuzz(CASES, SEED, tmp_path, budget=BUDGET)
    assert result["cases"] >= 100, result["cases"]
    assert result["tracebacks"] == [], result["tracebacks"][:3]
    assert result["hangs"] == [] and result["slowest"] < 10, (result["hangs"], result["slowest"])
    assert result["unnamed"] == [], result["unnamed"][:3]
    assert result["nan"] == [], result["nan"][:3]
    assert result["with_errors"] > result["cases"] // 2  # the damage is real: most cases are errors
