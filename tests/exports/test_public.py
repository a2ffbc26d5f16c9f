"""Public builds and unsafe input.

Canary values are planted in every private place: each field of an activity's and
an honour entry's `private:` block, an internal activity (title, body, photo
caption), an internal document, and honour entries without approval or without
consent. The internal build shows the ones it should (so the canaries really are
planted); the public build (`WENMING_PUBLIC=1`, what `wenming build --public`
sets) contains none of them in any file: HTML, the search index, JS, images.

Briefs and values from YAML cannot inject script: the brief is rendered and
sanitized on its own, every value is escaped.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers import ROOT, article, build, environ, make_repo

PRIVATE = {
    "contact": "CANARYCONTACT",
    "phone": "13900001111",
    "id_number": "11010119900101123X",
    "address": "CANARYADDRESS幸福路",
    "beneficiaries": "CANARYHELPED",
    "note": "CANARYNOTE",
}
HONOR_PRIVATE = {"phone": "13822223333", "id_number": "41010219800202456X", "address": "CANARYHONORADDR"}
HIDDEN = ["CANARYINTERNALTITLE", "CANARYINTERNALBODY", "CANARYINTERNALCAPTION", "CANARYINTERNALDOC",
          "CANARYNOCONSENT", "CANARYNOTAPPROVED", "CANARYNOCONSENTSTORY"]
ALL = list(PRIVATE.values()) + list(HONOR_PRIVATE.values()) + HIDDEN


def _plant(data: Path) -> None:
    acts = data / "2018" / "activities"
    path = acts / "2018-03-06-第一期道德讲堂.md"
    text = path.read_text(encoding="utf-8")
    block = ("private:\n"
             f"  contact: {PRIVATE['contact']}\n"
             f"  phone: '{PRIVATE['phone']}'\n"
             f"  id_number: {PRIVATE['id_number']}\n"
             f"  address: {PRIVATE['address']}\n"
             f"  beneficiaries: [{PRIVATE['beneficiaries']}]\n"
             f"  note: {PRIVATE['note']}\n")
    path.write_text(text.replace("reported: 2018-03-08\n", "reported: 2018-03-08\n" + block, 1), encoding="utf-8")

    internal = acts / "2018-05-20-志愿服务进社区.md"  # visibility: 内部 in the fixture
    text = internal.read_text(encoding="utf-8")
    internal.write_text(text.replace("title: 志愿服务进社区", f"title: {HIDDEN[0]}")
                        + f"\n{HIDDEN[1]}\n", encoding="utf-8")
    folder = acts / "2018-03-06-第一期道德讲堂"
    (acts / "2018-05-20-志愿服务进社区").mkdir(exist_ok=True)
    (acts / "2018-05-20-志愿服务进社区" / "01.jpg").write_bytes((folder / "01.jpg").read_bytes())
    text = internal.read_text(encoding="utf-8")
    internal.write_text(text.replace("visibility: 内部\n",
                                     f"visibility: 内部\nphotos:\n  - file: 01.jpg\n    caption: {HIDDEN[2]}\n"),
                        encoding="utf-8")

    docs = data / "2018" / "documents"
    (docs / "2018-04-01-内部材料.yml").write_text(
        f"title: {HIDDEN[3]}\ndate: 2018-04-01\nfile: 2018-04-01-内部材料.pdf\nkind: 总结\ndepartments: [bgs]\n"
        "tasks: [1-1]\nvisibility: 内部\n", encoding="utf-8")
    (docs / "2018-04-01-内部材料.pdf").write_bytes((docs / "2018-02-10-实施方案.pdf").read_bytes()
                                                 + f"%{HIDDEN[3]}\n".encode())

    honors = data / "2018" / "honors"
    no_consent = honors / "2018-05-01-王不同意.md"
    no_consent.write_text(no_consent.read_text(encoding="utf-8").replace("name: 王不同意", f"name: {HIDDEN[4]}")
                          + f"\n{HIDDEN[6]}\n", encoding="utf-8")
    not_approved = honors / "2018-02-15-李未批.md"
    not_approved.write_text(not_approved.read_text(encoding="utf-8").replace("name: 李未批", f"name: {HIDDEN[5]}"),
                            encoding="utf-8")
    shown = honors / "2018-02-01-张小明.md"
    block = "private:\n" + "".join(f"  {k}: '{v}'\n" for k, v in HONOR_PRIVATE.items())
    shown.write_text(shown.read_text(encoding="utf-8").replace("consent: true\n", "consent: true\n" + block, 1),
                     encoding="utf-8")


def _leaks(site: Path) -> dict[str, list[str]]:
    """Canary → files containing it (raw bytes; JSON also decoded, jieba's word breaks removed)."""
    found: dict[str, list[str]] = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        raw = path.read_bytes()
        texts = [raw]
        if path.suffix == ".json":
            decoded = json.dumps(json.loads(raw), ensure_ascii=False).replace("\u200b", "")
            texts.append(decoded.encode("utf-8"))
        for canary in ALL:
            if any(canary.encode("utf-8") in t for t in texts):
                found.setdefault(canary, []).append(str(path.relative_to(site)))
    return found


@pytest.fixture(scope="module")
def planted_data(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("public")
    data = make_repo(tmp)
    _plant(data)
    return data


@pytest.fixture(scope="module")
def planted(planted_data):
    tmp = planted_data.parent
    internal = build(planted_data, tmp / "internal", "2018-12-31")
    with environ(WENMING_PUBLIC="1"):
        public = build(planted_data, tmp / "public", "2018-12-31")
    return internal, public


def test_the_internal_build_shows_the_planted_values(planted):
    internal, _ = planted
    leaks = _leaks(internal)
    expected = list(PRIVATE.values()) + HIDDEN[:4]
    assert [c for c in expected if c not in leaks] == []
    assert not {c: f for c, f in leaks.items() if c in HIDDEN[4:]}  # never shown, not even internally


def test_a_public_build_contains_no_canary_anywhere(planted):
    _, public = planted
    assert _leaks(public) == {}
    assert (public / "2018" / "honors" / "q1.html").exists()  # the public honour roll is still there
    assert "第一期道德讲堂" in (public / "2018" / "months" / "03.html").read_text(encoding="utf-8")


def test_a_public_build_publishes_no_internal_file(planted):
    internal, public = planted
    internal_media = {p.relative_to(internal) for p in internal.rglob("*.jpg")}
    public_media = {p.relative_to(public) for p in public.rglob("*.jpg")}
    assert public_media < internal_media  # the internal activity's photo is left out


XSS_BRIEF = """第一段。

<script>alert('brief')</script>

<img src="x" onerror="alert('img')">

[点我](javascript:alert('link'))

带属性的段落
{: onclick="alert('attr')" }

<a href="#" onmouseover="alert('a')">悬停</a>

<iframe src="http://example.com"></iframe>

| 表头 | 值 |
|---|---:|
| 行 | 1 |
"""


def test_briefs_and_values_cannot_inject_script(tmp_path):
    data = make_repo(tmp_path)
    path = data / "2018" / "activities" / "2018-03-06-第一期道德讲堂.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("title: 第一期道德讲堂", 'title: "<script>alert(1)</script>道德讲堂"')
    text = text.replace("place: 六楼会议室", "place: '<img src=x onerror=alert(2)>'")
    head, _ = text.rsplit("---\n", 1)
    path.write_text(head + "---\n\n" + XSS_BRIEF, encoding="utf-8")
    site = build(data, tmp_path / "site", "2018-12-31")
    pages = [p for p in site.rglob("*.html")]
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        body = soup.select_one("article")
        if body is None:
            continue
        assert not body.select("script:not([type='application/json'])"), page
        assert not body.select("iframe"), page
        for tag in body.find_all(True):
            bad = [a for a in tag.attrs if a.lower().startswith("on")]
            assert not bad, (page, tag)
            for attr in ("href", "src"):
                assert not str(tag.get(attr, "")).strip().lower().startswith("javascript:"), (page, tag)
    html = next(p for p in pages if "/activities/" in p.as_posix() and "daodejiangtang" in p.name)
    page = article(site, html.relative_to(site).as_posix())
    assert "<script>alert(1)</script>道德讲堂" in page.h1.get_text()  # shown as text
    brief = page.select_one(".wm-brief")
    assert brief is not None and "第一段。" in brief.get_text()
    assert brief.select_one("table") is not None  # ordinary Markdown still works
    assert re.search(r"text-align:\s*right", str(brief.select_one("td:last-child")))


def test_a_public_archive_contains_no_canary(planted_data, tmp_path):
    out = tmp_path / "公开版.zip"
    done = subprocess.run([sys.executable, "-m", "wenming", "export", "archive", "--public", "--data", str(planted_data),
                           "--as-of", "2018-12-31", "-o", str(out)], cwd=ROOT, capture_output=True, text=True,
                          env=dict(os.environ, NO_MKDOCS_2_WARNING="true"))
    assert done.returncode == 0, done.stderr
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(out) as z:
        z.extractall(unpacked)
    assert (unpacked / "公开版" / "index.html").is_file()
    assert _leaks(unpacked) == {}
