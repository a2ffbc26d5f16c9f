"""Compiled templates kept between builds (wenming/site/jinjacache.py): used when the template is the
same, compiled again when it changed or the cache is broken, and never in the way of a build."""

from __future__ import annotations

import jinja2
import pytest

from wenming.site.jinjacache import compiled_templates


def _env(cache, source: str) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.DictLoader({"page.html": source}), bytecode_cache=cache)


def test_a_template_is_compiled_once_and_again_only_when_it_changed(tmp_path, monkeypatch):
    cache = compiled_templates(tmp_path)
    assert _env(cache, "<p>{{ x }}</p>").get_template("page.html").render(x="甲") == "<p>甲</p>"
    files = list((tmp_path / ".cache" / "wenming" / "jinja").iterdir())
    assert len(files) == 1

    def no_compiling(*args, **kwargs):
        raise AssertionError("compiled although cached")

    second = _env(compiled_templates(tmp_path), "<p>{{ x }}</p>")
    monkeypatch.setattr(second, "compile", no_compiling)
    assert second.get_template("page.html").render(x="乙") == "<p>乙</p>"

    changed = _env(compiled_templates(tmp_path), "<div>{{ x }}</div>")  # same name, new source
    assert changed.get_template("page.html").render(x="丙") == "<div>丙</div>"


def test_a_broken_cache_file_is_compiled_afresh(tmp_path):
    _env(compiled_templates(tmp_path), "{{ x }}!").get_template("page.html")
    for file in (tmp_path / ".cache" / "wenming" / "jinja").iterdir():
        file.write_bytes(file.read_bytes()[:40])  # truncated
    assert _env(compiled_templates(tmp_path), "{{ x }}!").get_template("page.html").render(x="1") == "1!"


def test_no_cache_when_its_folder_cannot_be_made(tmp_path):
    (tmp_path / ".cache").write_text("a file where the folder should be")
    assert compiled_templates(tmp_path) is None


def test_a_cache_that_cannot_be_written_is_only_slower(tmp_path):
    cache = compiled_templates(tmp_path)
    folder = tmp_path / ".cache" / "wenming" / "jinja"
    folder.rmdir()
    folder.write_text("no longer a folder")
    assert _env(cache, "{{ x }}").get_template("page.html").render(x="ok") == "ok"


@pytest.mark.parametrize("junk", [b"", b"\x00" * 200, b"j2\x00garbage"])
def test_junk_in_the_cache_is_ignored(tmp_path, junk):
    _env(compiled_templates(tmp_path), "{{ x }}?").get_template("page.html")
    for file in (tmp_path / ".cache" / "wenming" / "jinja").iterdir():
        file.write_bytes(junk)
    assert _env(compiled_templates(tmp_path), "{{ x }}?").get_template("page.html").render(x="y") == "y?"
