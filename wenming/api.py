"""The importable API behind the CLI and the MkDocs hooks."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from .records.gitdates import read_history
from .records.load import load_repository
from .records.model import Dataset
from .records.reported import apply_history
from . import settings
from .settings import display_path
from .records.validate import validate_repository


_handed_over: list[tuple[Path, str, Dataset]] = []
"""At most one dataset `wenming build` has just loaded and checked, for the MkDocs hook it runs next."""


def hand_over(data_dir: Path, dataset: Dataset) -> None:
    """Keep `dataset`, loaded from `data_dir`, for the next `load_dataset` of that folder in this process (once)."""
    _handed_over[:] = [(Path(data_dir).resolve(), display_path(data_dir), dataset)]


def load_dataset(data_dir: Path, display_root: str | None = None) -> Dataset:
    """Read and validate a data repository; problems are in `Dataset.problems`.

    A dataset handed over for the same folder (and shown under the same path) is taken instead, once:
    `wenming build` checks the data, then runs MkDocs in the same process, whose hook would load it again."""
    if display_root is None:
        display_root = display_path(data_dir)
    if _handed_over:
        folder, shown, kept = _handed_over.pop()
        if folder == Path(data_dir).resolve() and shown == display_root:
            return kept
    dataset = validate_repository(load_repository(data_dir, display_root))
    return apply_history(dataset, read_history(data_dir), display_root)


def run_mkdocs(args: list[str], env: dict[str, str]) -> int:
    """Run MkDocs' own command line (`mkdocs ARGS`) in this process, with `env` as the environment the hook
    reads; its exit status. In-process rather than `python -m mkdocs`: one interpreter start, one import of
    everything, and the dataset `wenming build` has just checked is handed to the hook (`hand_over`)."""
    from mkdocs.__main__ import cli as mkdocs_cli

    from . import logwords

    logwords.install()  # MkDocs' own lines (building, serving, watching) in Chinese
    os.environ.update(env)
    try:
        with _edition(settings.archive()):
            mkdocs_cli.main(args=args, prog_name="mkdocs", standalone_mode=True)
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    return 0


GUIDE_DIR = "guide/"
"""The editors' guide in the docs folder (site_src/guide/): left out of the inspectors' archive."""
GUIDE_SCREENSHOTS = "assets/screenshots/"
"""The guide's screenshots (site_src/assets/screenshots/): left out with it."""


@contextlib.contextmanager
def _edition(archive: str):
    """For the build of `wenming export archive` ("archive" or "guide": settings.archive()), the configuration
    MkDocs loads says so (`extra.wenming_archive`: the templates leave out the 编辑 pop-up) and, unless the guide
    is asked for, leaves the guide out: no page of it is built (`exclude_docs`), nor in the nav."""
    if not archive:
        yield
        return
    from mkdocs import config as mkdocs_config
    from pathspec.gitignore import GitIgnoreSpec

    load = mkdocs_config.load_config

    def load_archive_config(*args, **kwargs):
        config = load(*args, **kwargs)
        config.extra["wenming_archive"] = True
        if archive != "guide":
            config.nav = [item for item in config.nav or [] if not _only_guide(item)] or None
            patterns = list(config.exclude_docs.patterns) if config.exclude_docs else []
            guide = [f"/{GUIDE_DIR}", f"/{GUIDE_SCREENSHOTS}"]
            config.exclude_docs = GitIgnoreSpec(patterns + list(GitIgnoreSpec.from_lines(guide).patterns))
        return config

    mkdocs_config.load_config = load_archive_config
    try:
        yield
    finally:
        mkdocs_config.load_config = load


def _only_guide(item) -> bool:
    """A nav entry (a page, or a section of them) made only of guide pages."""
    if isinstance(item, str):
        return item.startswith(GUIDE_DIR)
    if isinstance(item, dict):
        return all(_only_guide(v) for v in item.values())
    if isinstance(item, list):
        return all(_only_guide(v) for v in item)
    return False
