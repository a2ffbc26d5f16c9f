"""A corpus of hostile text and the places it goes: every text field of every record type.

Each payload, if it ever ran, would call `alert("wmN")` (or `prompt`/`confirm`), or fetch
something from the host `wm-evil.invalid`. `hostile_repo(tmp, payload)` copies the base
fixture and writes the payload into every field in `PLACES`; the tests build the site from it
and look for anything the payload could have made run or load.

The places are named by record and field, not by page, so the corpus keeps testing after the
pages are redesigned: a field that reaches a page in a new way is still full of payloads.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
EVIL_HOST = "wm-evil.invalid"
MARK = "wm"
"""Every payload's code calls a dialog function with an argument starting with this mark."""

PAYLOADS: dict[str, str] = {
    # Python-Markdown's attr_list: `{: … }` at the end of a heading or a table cell becomes attributes.
    "attr-list": '标题 {: tabindex=0 autofocus onfocus=alert("wm1") }',
    "attr-list-bare": "标题{ #x .y onmouseover=alert('wm1b') autofocus tabindex=1 onfocus=alert('wm1c') }",
    # Out of the page <title> (and any other raw-text element).
    "title-breakout": '</title><script>alert("wm2")</script><title>',
    # An unclosed comment or script opener inside a JSON <script> block swallows the rest of the page.
    "json-comment": '<!--<script>标题',
    "json-close": '</script><script>alert("wm3")</script>\u2028\u2029',
    "html-img": '<img src=x onerror=alert("wm4")><svg onload=alert("wm5")>',
    "attribute-breakout": "\" autofocus onfocus=\"alert('wm6')\" x=\"' autofocus onfocus='alert(\"wm6b\")'",
    "js-links": '[点我](javascript:alert("wm7")) <a href="javascript:alert(\'wm7b\')">x</a> <javascript:alert("wm7c")>',
    "outside-images": (f"![x](http://{EVIL_HOST}/a.png) <img src=\"https://{EVIL_HOST}/b.png\"> "
                       f"<http://{EVIL_HOST}/c> [链接](https://{EVIL_HOST}/d)"),
    "entities": "&lt;script&gt;alert(\"wm8\")&lt;/script&gt; &#60;img src=x onerror=alert('wm8b')&#62;",
    "html-block": '<details open ontoggle=prompt("wm9")>x</details><iframe src="javascript:alert(\'wm9b\')">',
    "style": f'<style>@import url(http://{EVIL_HOST}/x.css);</style><div style="background:url(//{EVIL_HOST}/y)">s</div>',
    "markdown-syntax": "*a* _b_ `c` | d | [e] # f <g> \\ ${confirm('wm10')} {{ 7*7 }} {% raw %}",
    "md-in-html": '<div markdown="1" onclick=alert("wm11")>**x**</div>',
}
"""Short name → text written into every field."""

NOT_SHOWN = {"photos.file", "file", "photo", "schedule", "tasks", "department", "categories.tasks.id",
             "categories.tasks.rules.type", "categories.tasks.score.rubric", "schedule.id", "schedule.tasks",
             "schedule.report", "counts.id", "branches.id", "departments.id", "categories.tasks.subtasks.id",
             "categories.phase", "categories.tasks.phase", "events.also"}
"""Text fields that are references, ids, file names or plan phrases: checked against the data, never
shown as they are written (a payload there is a data error, tested in tests/records)."""

# (file relative to the fixture's data/, path of keys and list indexes; "*" is every item)
PLACES: list[tuple[str, tuple]] = [
    ("unit.yml", ("name",)), ("unit.yml", ("short",)),
    ("unit.yml", ("departments", "*", "name")), ("unit.yml", ("branches", "*", "name")),
    ("unit.yml", ("honor_categories", "*")),
    ("2018/plan.yml", ("title",)), ("2018/plan.yml", ("number",)), ("2018/plan.yml", ("issuer",)),
    ("2018/plan.yml", ("requirements",)),
    ("2018/plan.yml", ("guiding",)), ("2018/plan.yml", ("goals",)),
    ("2018/plan.yml", ("leading_group", "*", "role")), ("2018/plan.yml", ("leading_group", "*", "name")),
    ("2018/plan.yml", ("leading_group", "*", "post")),
    ("2018/plan.yml", ("phases", "*", "name")), ("2018/plan.yml", ("phases", "*", "text")),
    ("2018/plan.yml", ("categories", "*", "title")),
    ("2018/plan.yml", ("categories", "*", "tasks", "*", "title")),
    ("2018/plan.yml", ("categories", "*", "tasks", "*", "text")),
    ("2018/plan.yml", ("categories", "*", "tasks", "*", "evidence")),
    ("2018/plan.yml", ("categories", "*", "tasks", "*", "leader")),
    ("2018/plan.yml", ("categories", "*", "tasks", "*", "owner")),
    ("2018/plan.yml", ("categories", "*", "tasks", "*", "rules", "*", "label")),
    ("2018/plan.yml", ("categories", "*", "tasks", "*", "score", "item")),
] + [("2018/plan.yml", ("categories", "*", "tasks", "*", "subtasks", "*", key))
     for key in ("title", "text", "evidence", "leader", "owner")] + [
    ("2018/plan.yml", ("headings", key))
    for key in ("guiding", "goals", "requirements", "leading_group", "phases", "tasks", "schedule", "scores")] + [
    ("2018/plan.yml", ("schedule", "*", "when")), ("2018/plan.yml", ("schedule", "*", "activity")),
    ("2018/tallies.yml", ("counts", "*", "name")), ("2018/tallies.yml", ("counts", "*", "unit")),
    ("2018/activities/*.md", ("title",)), ("2018/activities/*.md", ("place",)),
    ("2018/activities/*.md", ("tags", "*")), ("2018/activities/*.md", ("photos", "*", "caption")),
    ("2018/activities/*.md", ("body",)),
    ("2018/documents/*.yml", ("title",)), ("2018/documents/*.yml", ("number",)),
    ("2018/documents/*.yml", ("kind",)), ("2018/documents/*.yml", ("note",)),
    ("2018/honors/*.md", ("category",)),  # one of unit.yml's honor_categories (the first)
    ("2018/honors/*.md", ("name",)), ("2018/honors/*.md", ("identity",)), ("2018/honors/*.md", ("deed",)),
    ("2018/honors/*.md", ("nominated_by",)),
    ("2018/honors/*.md", ("body",)),
] + [(record, ("private", key) + (("*",) if key == "beneficiaries" else ()))
     for record in ("2018/activities/*.md", "2018/honors/*.md")
     for key in ("contact", "phone", "id_number", "address", "beneficiaries", "note")]


def _set(node: Any, path: tuple, text: str) -> None:
    key, rest = path[0], path[1:]
    if key == "*":
        items = node if isinstance(node, list) else []
        for i, item in enumerate(items):
            if rest:
                _set(item, rest, text)
            else:
                items[i] = f"{text}{i}"  # tags must stay distinct
        return
    if not isinstance(node, dict):
        return
    if rest:
        if key == "private":
            node.setdefault(key, {})
            if rest[1:] == ("*",):
                node[key].setdefault(rest[0], ["甲", "乙"])
        if key in node:
            _set(node[key], rest, text)
    else:
        node[key] = text


def _read(path: Path) -> tuple[Any, str | None]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        _, front, body = text.split("---\n", 2)
        return yaml.safe_load(front), body
    return yaml.safe_load(text), None


def _write(path: Path, data: Any, body: str | None) -> None:
    front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    path.write_text(front if body is None else f"---\n{front}---\n\n{body}\n", encoding="utf-8")


ALL = " ".join(v for k, v in PAYLOADS.items() if k != "attr-list") + " " + PAYLOADS["attr-list"]
"""Every payload in one text, the attribute list last (it only works at the end)."""


def hostile_repo(tmp: Path, payload: str | list[str]) -> Path:
    """The base fixture with `payload` in every place of `PLACES` (a list: the i-th place gets
    item i modulo its length); returns its data folder."""
    data = tmp / "data"
    shutil.copytree(FIXTURES / "base", data)
    rotation = [payload] if isinstance(payload, str) else payload
    for index, (pattern, keys) in enumerate(PLACES):
        if keys == ("category",):  # the same text as the unit's honour categories
            index = PLACES.index(("unit.yml", ("honor_categories", "*")))
        payload = rotation[index % len(rotation)]
        for path in sorted(data.glob(pattern)):
            record, body = _read(path)
            if keys == ("body",):
                body = f"{payload}\n\n{payload} 正文。\n"
            else:
                limit = 140 if keys == ("deed",) else None
                if keys == ("honor_categories", "*"):
                    record.setdefault("honor_categories", ["助人为乐", "孝老爱亲"])
                _set(record, keys, payload[:limit] if limit else payload)
                if keys == ("category",):
                    record["category"] = f"{payload}0"
            if isinstance(record.get("departments"), list):  # names change: refer to departments by id
                record["departments"] = [("ghui" if d == "机关工会" else d) for d in record["departments"]]
            _write(path, record, body)
    return data
