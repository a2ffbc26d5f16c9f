"""Editor schemas: generated from the validators, shipped in schemas/, accepted by the sample, strict on mistakes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from helpers import FIXTURES, INVALID, ROOT, make_repo
from wenming.records import plan, rulespec, unit, validate
from wenming.api import load_dataset
from wenming.records.load import load_file
from wenming.records.yamltext import as_json
from wenming.authoring.schema import GLOBS, RECORDS, build_schemas, render_schema

REGENERATE = "python3 -m wenming schema -o schemas"
GUIDE = (ROOT / "site_src/guide/data-format.md").read_text(encoding="utf-8")
SCHEMAS = build_schemas(GUIDE)

# tests/invalid cases whose mistake a schema catches (the field it is about) …
SCHEMA_LEVEL = {
    "bad-visibility": "visibility", "count-with-unit": "participants", "date-and-start": "start",
    "date-format": "date", "impossible-date": "date", "float-task-id": "tasks", "front-matter-not-mapping": "",
    "honor-bad-period": "period", "honor-deed-too-long": "deed", "missing-required": "title",
    "plan-bad-rule": "rules", "plan-bad-score": "score", "tally-bad-month": "values", "unknown-field": "plase",
    "wrong-type": "participants", "flow-mapping-comma": "rules",
}
# … and those it cannot, with the reason (the guide's editing page lists them too).
NOT_IN_SCHEMA = {
    "unknown-department": "departments are the unit's own data (unit.yml)",
    "plan-unknown-lead": "departments are the unit's own data (unit.yml)",
    "unknown-task": "task ids are the year's plan",
    "unknown-schedule": "schedule ids are the year's plan",
    "honor-bad-category": "extra categories are configured in unit.yml",
    "plan-duplicate-task": "ids unique across nested lists",
    "plan-task-in-wrong-category": "a task id must start with its category's number (two fields)",
    "plan-schedule-month-mismatch": "a schedule id must start with its month (two fields)",
    "end-before-start": "comparing two dates",
    "wrong-year-folder": "the date against the file's folder",
    "plan-bad-deadline": "deadlines are Chinese phrases, read by wenming.records.phrases",
    "plan-bad-frequency": "frequencies are Chinese phrases, read by wenming.records.phrases",
    "missing-photo": "files on disk",
    "document-missing-file": "files on disk",
    "orphan-document": "files on disk",
    "path-escape": "files on disk (a path leaving the data folder)",
    "duplicate-key": "YAML itself (the editor's YAML parser flags it)",
    "unpublishable-photo": "files on disk (a photo that is no image)",
    "plan-year-mismatch": "the title's year against the file's folder",
    "list-full-width-comma": "departments are the unit's own data (unit.yml)",
    "list-chinese-brackets": "departments and tasks are the unit's and the plan's own data",
}
# … and those where there is no YAML mapping to check at all (the editor shows a YAML error itself).
FILE_LEVEL = {"empty-file", "empty-front-matter", "no-front-matter", "unclosed-front-matter", "not-utf8",
              "yaml-colon", "yaml-syntax", "conflict-markers", "yaml-full-width-colon", "yaml-colon-no-space"}
VALID = {"ok-bom-crlf"}


def record_kind(rel: str) -> str | None:
    """Which schema a file under the data folder answers to."""
    parts = rel.split("/")
    if rel == "unit.yml":
        return "unit"
    if len(parts) == 2 and parts[1] in ("plan.yml", "tallies.yml"):
        return parts[1][:-4]
    if len(parts) == 3 and (parts[1], Path(rel).suffix) in (("activities", ".md"), ("honors", ".md"),
                                                            ("documents", ".yml")):
        return {"activities": "activity", "honors": "honor", "documents": "document"}[parts[1]]
    return None


def records(root: Path) -> list[tuple[str, str]]:
    out = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_file() and record_kind(rel):
            out.append((rel, record_kind(rel)))
    return out


def errors(root: Path, rel: str) -> list[jsonschema.ValidationError]:
    raw, _ = load_file(root / rel, rel, rel, rel.endswith(".md"))
    validator = jsonschema.Draft7Validator(SCHEMAS[record_kind(rel)], format_checker=jsonschema.FormatChecker())
    return list(validator.iter_errors(as_json(raw.data)))


def test_shipped_schemas_are_what_the_generator_makes():
    shipped = sorted(p.name for p in (ROOT / "schemas").glob("*.json"))
    assert shipped == sorted(f"{name}.json" for name in RECORDS), f"schemas/ has other files; run {REGENERATE}"
    for name, schema in SCHEMAS.items():
        text = (ROOT / "schemas" / f"{name}.json").read_text(encoding="utf-8")
        assert text == render_schema(schema), f"schemas/{name}.json is out of date: run {REGENERATE}"


def test_schemas_are_valid_draft_07():
    for schema in SCHEMAS.values():
        assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
        jsonschema.Draft7Validator.check_schema(schema)


def test_schema_command_writes_the_shipped_files(tmp_path):
    result = subprocess.run([sys.executable, "-m", "wenming", "schema", "-o", str(tmp_path / "out")], cwd=ROOT,
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    assert '"./' in result.stdout and "yaml.schemas" in result.stdout
    for name in RECORDS:
        assert (tmp_path / "out" / f"{name}.json").read_text(encoding="utf-8") == \
            (ROOT / "schemas" / f"{name}.json").read_text(encoding="utf-8")


def test_fields_match_the_validators():
    """The probe reached every field each validator knows (its *_FIELDS list) and no other."""
    props = {name: list(schema["properties"]) for name, schema in SCHEMAS.items()}
    assert props["unit"] == list(unit.UNIT_FIELDS)
    assert props["plan"] == list(plan.PLAN_FIELDS)
    assert props["activity"] == list(validate.ACTIVITY_FIELDS)
    assert props["document"] == list(validate.DOCUMENT_FIELDS)
    assert props["honor"] == list(validate.HONOR_FIELDS)
    category = SCHEMAS["plan"]["properties"]["categories"]["items"]
    assert list(category["properties"]) == list(plan.CATEGORY_FIELDS)
    task = category["properties"]["tasks"]["items"]
    assert list(task["properties"]) == list(plan.TASK_FIELDS)
    branches = task["properties"]["rules"]["items"]["allOf"]
    assert {b["if"]["properties"]["type"]["const"]: set(b["then"]["properties"]) for b in branches} == \
        {kind: {"type", "label", *spec} for kind, spec in rulespec.RULE_FIELDS.items()}


def test_every_top_level_field_has_hover_text():
    """From the data-format page's tables; a group of fields (tallies' volunteers) is described field by field."""
    fields = [(f"{name}.{key}", prop) for name, schema in SCHEMAS.items() for key, prop in schema["properties"].items()]
    fields += [(f"{name}.{sub}", p) for name, prop in fields if "properties" in prop
               for sub, p in prop["properties"].items()]
    assert [name for name, prop in fields if "properties" not in prop and not prop.get("description")] == []


@pytest.mark.parametrize("root", [ROOT / "data", FIXTURES / "base"], ids=["sample", "fixture"])
def test_every_record_file_validates(root):
    found = records(root)
    assert {kind for _, kind in found} == set(RECORDS)
    bad = {rel: [e.message for e in errors(root, rel)] for rel, _ in found}
    assert {rel: msgs for rel, msgs in bad.items() if msgs} == {}


def test_every_invalid_case_is_classified():
    cases = {p.name for p in INVALID.iterdir() if p.is_dir()}
    classified = set(SCHEMA_LEVEL) | set(NOT_IN_SCHEMA) | FILE_LEVEL | VALID
    assert cases == classified, "classify the new tests/invalid case in tests/authoring/test_schema.py"


@pytest.mark.parametrize("case", sorted(SCHEMA_LEVEL))
def test_schema_rejects_the_mistake(case):
    root = INVALID / case / "data"
    found = [rel for rel, _ in records(root)]
    assert found
    messages = [f"{list(e.absolute_path)} {e.message}" for rel in found for e in errors(root, rel)]
    assert messages, f"{case}: the schema accepts it"
    assert any(SCHEMA_LEVEL[case] in m for m in messages), messages


@pytest.mark.parametrize("case", sorted(NOT_IN_SCHEMA) + sorted(VALID))
def test_schema_cannot_see_the_mistake(case):
    """Documented as beyond a schema: the editor stays quiet and `wenming check` reports it."""
    root = INVALID / case / "data"
    assert [e.message for rel, _ in records(root) for e in errors(root, rel)] == []


def test_sample_yaml_files_name_their_schema_on_the_first_line():
    for rel, kind in records(ROOT / "data"):
        if not rel.endswith(".yml"):
            continue
        path = ROOT / "data" / rel
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        target = Path(os.path.relpath(ROOT / "schemas" / f"{kind}.json", path.parent)).as_posix()
        assert first == f"# yaml-language-server: $schema={target}", rel


def test_first_line_comment_keeps_line_numbers(tmp_path):
    data = make_repo(tmp_path)
    path = data / "unit.yml"
    lines = ["# yaml-language-server: $schema=../schemas/unit.json"] + \
        path.read_text(encoding="utf-8").replace("level: 市级", "level: 乡级").split("\n")
    path.write_text("\n".join(lines), encoding="utf-8")
    problems = [p for p in load_dataset(data, "data").problems if p.is_error]
    assert [(p.field, p.line) for p in problems] == [("level", lines.index("level: 乡级") + 1)]


def test_vscode_settings_map_the_data_to_the_schemas():
    settings = json.loads((ROOT / ".vscode/settings.json").read_text(encoding="utf-8"))
    expected = {f"./schemas/{name}.json": list(globs) for name, globs in GLOBS.items() if globs[0].endswith(".yml")}
    assert settings["yaml.schemas"] == expected
    extensions = json.loads((ROOT / ".vscode/extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]
