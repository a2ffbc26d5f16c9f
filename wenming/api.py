"""The importable API behind the CLI and the MkDocs hooks."""

from __future__ import annotations

from pathlib import Path

from .records.gitdates import read_history
from .records.load import load_repository
from .records.model import Dataset
from .records.reported import apply_history
from .settings import display_path
from .records.validate import validate_repository


def load_dataset(data_dir: Path, display_root: str | None = None) -> Dataset:
    """Read and validate a data repository; problems are in `Dataset.problems`."""
    if display_root is None:
        display_root = display_path(data_dir)
    dataset = validate_repository(load_repository(data_dir, display_root))
    return apply_history(dataset, read_history(data_dir), display_root)
