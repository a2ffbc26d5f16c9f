"""The site's photos and documents copied by a second process (wenming/site/mediacopy.py): the same
bytes in the same places, a clear message naming the file that could not be copied, and nothing left
running when the build fails."""

from __future__ import annotations

import sys

import pytest

from wenming.site import mediacopy


def _sources(tmp_path, n=30):
    src = tmp_path / "cache"
    src.mkdir()
    files = []
    for i in range(n):
        f = src / f"{i:02d}.jpg"
        f.write_bytes(bytes([i]) * (1000 + 37 * i))
        files.append(f)
    return files


def test_a_child_process_copies_every_file_into_its_folder(tmp_path):
    files = _sources(tmp_path)
    site = tmp_path / "site"
    copier = mediacopy.Copier()
    targets = []
    for i, f in enumerate(files):
        target = site / "media" / f"a{i % 4}" / ("thumbs" if i % 2 else "") / f"照片 {i}.jpg"
        copier.add(str(f), str(target))
        targets.append(target)
    copier.start()
    assert copier._child is not None  # really in another process
    copier.wait()
    assert [t.read_bytes() for t in targets] == [f.read_bytes() for f in files]


def test_without_a_python_to_start_the_files_are_copied_here(tmp_path, monkeypatch):
    files = _sources(tmp_path, 3)
    monkeypatch.setattr(sys, "executable", "")
    copier = mediacopy.Copier()
    for f in files:
        copier.add(str(f), str(tmp_path / "site" / f.name))
    copier.start()
    assert copier._child is None
    copier.wait()
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == [f.name for f in files]


@pytest.mark.parametrize("in_child", [True, False])
def test_a_file_that_cannot_be_copied_is_named_with_what_to_do(tmp_path, in_child):
    files = _sources(tmp_path, 3)
    site = tmp_path / "site"
    site.mkdir()
    (site / "media").write_text("a file where a folder is needed", encoding="utf-8")
    copier = mediacopy.Copier()
    copier.add(str(files[0]), str(site / "ok.jpg"))
    copier.add(str(files[1]), str(site / "media" / "2018" / "x.jpg"))
    if in_child:
        copier.start()
    with pytest.raises(mediacopy.CopyError) as caught:
        copier.wait()
    message = str(caught.value)
    assert message.startswith(str(files[1]))
    assert str(site / "media" / "2018" / "x.jpg") in message
    assert message.endswith("请检查磁盘空间和输出文件夹的写权限后重新构建。")
    assert (site / "ok.jpg").read_bytes() == files[0].read_bytes()


def test_a_failed_build_stops_the_copying(tmp_path):
    files = _sources(tmp_path, 2)
    copier = mediacopy.Copier()
    for f in files:
        copier.add(str(f), str(tmp_path / "site" / f.name))
    copier.start()
    child = copier._child
    copier.stop()
    assert child.returncode is not None and copier._child is None
    copier.wait()  # nothing left to wait for


def test_a_child_that_fails_for_its_own_reasons_is_done_here(tmp_path, monkeypatch):
    files = _sources(tmp_path, 3)
    failing = tmp_path / "python"  # takes the list as the child does, copies nothing, fails
    failing.write_text("#!/bin/sh\ncat >/dev/null\nexit 3\n", encoding="utf-8")
    failing.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(failing))
    copier = mediacopy.Copier()
    for f in files:
        copier.add(str(f), str(tmp_path / "site" / "a" / f.name))
    copier.start()
    assert copier._child is not None
    copier.wait()
    assert [(tmp_path / "site" / "a" / f.name).read_bytes() for f in files] == [f.read_bytes() for f in files]
