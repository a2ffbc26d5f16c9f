"""The site is built beside the old one and swapped in at the end (wenming/site/staging.py: stage, swap_in, discard):
a build that fails, stops for strict warnings or is interrupted leaves the previous site whole, and no
temporary folder behind. Kills, full disks and read-only folders: tests/test_faults.py."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT, build, make_repo
from wenming import outputs
from wenming.records import atomic

AS_OF = "2018-06-30"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def beside(site: Path) -> list[str]:
    """What is next to the site folder besides it: temporaries left behind would be here."""
    return sorted(p.name for p in site.parent.iterdir() if p.name not in (site.name, "data"))


@pytest.fixture
def built(tmp_path) -> tuple[Path, Path, dict[str, bytes]]:
    data = make_repo(tmp_path)
    site = build(data, tmp_path / "site", AS_OF)
    (site / ".htaccess").write_text("Options -Indexes\n", encoding="utf-8")
    (site / ".well-known").mkdir()
    (site / ".well-known" / "security.txt").write_text("Contact: bgs\n", encoding="utf-8")
    os.chmod(site, 0o750)
    return data, site, tree(site)


def test_a_rebuild_swaps_the_new_site_in_keeping_hidden_files_and_mode(built):
    data, site, before = built
    (site / "index.html").write_text("old page\n", encoding="utf-8")
    inode = site.stat().st_ino
    build(data, site, AS_OF)
    after = tree(site)
    assert after[".htaccess"] == before[".htaccess"] and after[".well-known/security.txt"] == b"Contact: bgs\n"
    assert after["index.html"] == before["index.html"] and after[outputs.MARKER] == outputs.MARKER_TEXT.encode()
    assert site.stat().st_mode & 0o777 == 0o750 and site.stat().st_ino != inode  # a new folder, in place
    assert beside(site) == []


def test_a_build_that_fails_early_leaves_the_old_site(built, monkeypatch):
    from wenming.site import photos

    data, site, before = built

    def no_space(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(photos, "publish_all", no_space)
    with pytest.raises(OSError):
        build(data, site, AS_OF)
    assert tree(site) == before and beside(site) == []


def test_a_build_that_fails_at_the_end_leaves_the_old_site(built, monkeypatch):
    from mkdocs.exceptions import Abort
    from wenming.site import mediacopy

    data, site, before = built

    def broken(self):
        raise mediacopy.CopyError("data/x.jpg: 无法复制")

    monkeypatch.setattr(mediacopy.Copier, "wait", broken)  # in on_post_build, just before the swap
    with pytest.raises(Abort):
        build(data, site, AS_OF)
    assert tree(site) == before and beside(site) == []


def test_strict_mode_failing_for_warnings_leaves_the_old_site(built, monkeypatch):
    """MkDocs fails a strict build after on_post_build, where the site is swapped in: not swapped then."""
    import logging

    from mkdocs.exceptions import Abort
    from wenming.site import photos

    data, site, before = built
    publish_all = photos.publish_all

    def warned(*args, **kwargs):
        logging.getLogger("mkdocs.plugins.wenming").warning("a warning strict mode counts")
        return publish_all(*args, **kwargs)

    monkeypatch.setattr(photos, "publish_all", warned)
    with pytest.raises(Abort):
        build(data, site, AS_OF, strict=True)
    assert tree(site) == before and beside(site) == []


def test_a_linked_site_folder_stays_a_link(tmp_path):
    data = make_repo(tmp_path)
    real = tmp_path / "www" / "site"
    real.mkdir(parents=True)
    link = tmp_path / "site"
    link.symlink_to(real, target_is_directory=True)
    build(data, link, AS_OF)
    build(data, link, AS_OF)
    assert link.is_symlink() and (real / "index.html").is_file() and (real / outputs.MARKER).is_file()
    assert sorted(p.name for p in real.parent.iterdir()) == ["site"]


def test_what_a_killed_build_left_is_removed_by_the_next_one(built):
    data, site, before = built
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    left = site.parent / f".site{atomic.TAG}{dead.stdout.strip()}-abcd1234"
    (left / "2018").mkdir(parents=True)
    running = site.parent / f".site{atomic.TAG}{os.getpid()}-efgh5678"  # a build of this process: not touched
    running.mkdir()
    build(data, site, AS_OF)
    assert beside(site) == [running.name]
    running.rmdir()


def test_interrupted_build_deletes_its_temporary_folder(tmp_path):
    """SIGTERM (as a service manager stops it) unwinds the build like Ctrl-C: nothing staged is left."""
    data = make_repo(tmp_path)
    site = tmp_path / "site"
    env = {k: v for k, v in os.environ.items() if not k.startswith("WENMING_")}
    env.update(NO_MKDOCS_2_WARNING="true", WENMING_CACHE=str(tmp_path / "cache"))
    cmd = [sys.executable, "-m", "wenming", "build", "--data", str(data), "--as-of", AS_OF, "-d", str(site)]
    assert subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True).returncode == 0
    before = tree(site)
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in proc.stderr:  # the build has started writing beside the site
        if "正在生成网站" in line:
            break
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=60)
    assert proc.returncode != 0 and tree(site) == before and beside(site) == ["cache"]
