"""Compiled Jinja templates kept between builds, in `<project>/.cache/wenming/jinja`.

Jinja compiles every template a build uses (Material's base template and partials, our page
templates) to Python before it renders anything: ~0.8 s of a one-year build, paid again by
every `wenming build`, every rebuild under `serve` and every build in the tests. Jinja's own
file cache keeps the compiled code under a key of the template's name and a checksum of its
source, so an edited or upgraded template is compiled again and the output never depends on
the cache. A cache that cannot be read or written only makes the build slower.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from jinja2.bccache import Bucket


class _Cache(jinja2.FileSystemBytecodeCache):
    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # unreadable, truncated or from another Python: compile afresh
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def compiled_templates(project: Path) -> jinja2.BytecodeCache | None:
    """The project's cache of compiled templates, or None when its folder cannot be made."""
    folder = project / ".cache" / "wenming" / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _Cache(str(folder))
