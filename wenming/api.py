"""The importable API behind the CLI and the MkDocs hooks."""

from __future__ import annotations

from pathlib import Path

from .load import load_repository
from .model import Dataset
from .settings import display_path
from .validate import validate_repository


def load_dataset(data_dir: Path, display_root: str | None = None) -> Dataset:
    """Read and validate a data repository; problems are in `Dataset.problems`."""
    if display_root is None:
        display_root = display_path(data_dir)
    return validate_repository(load_repository(data_dir, display_root))
