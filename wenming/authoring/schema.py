"""JSON Schemas of the record files, for editors (completion, hover text, red squiggles). Pure.

The schemas are generated, never written by hand: :func:`build_schemas` runs the
real validators (`validate_repository`) on a small probe repository under
:func:`wenming.records.fields.recording`, which notes every field each getter reads —
its kind (text, date, integer …), whether it is required, its limits and
choices, and each mapping's known keys. A new field in a validator therefore
shows up in the schema by itself. What the validators parse by hand rather
than through a getter (`staff`, tally `values`, `period`, photo entries, the
fields of each rule type, "date or start/end") is described in :data:`_SHAPES`
and :meth:`_Builder.refine`, next to the validator facts they restate; a test
fails when a raw-read field has no shape.

Descriptions (hover text) come from the tables of the user guide's data-format
page when it is given, so the Chinese labels live in one place too.

Draft-07, the draft yaml-language-server (redhat.vscode-yaml) implements. Dates
are strings there (YAML 1.2), so date fields are strings with a pattern.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from typing import Any

from ..records.festivals import ALIASES, FESTIVALS
from ..records.fields import Read, recording
from ..records.load import RawFile, RawRepo, RawYear
from ..records.yamltext import parse_yaml
from ..records.model import HONOR_CATEGORIES
from ..records.plan import _SCHEDULE_ID, _TASK_ID
from ..records.rulespec import ONE_OF, REQUIRED, RULE_FIELDS, SCORE_METHODS
from ..records.unit import _ID as _ORG_ID
from ..records.validate import validate_repository

DRAFT = "http://json-schema.org/draft-07/schema#"

# name → (probe path, title, where the guide's section names the file)
RECORDS: dict[str, tuple[str, str, str]] = {
    "unit": ("unit.yml", "单位信息 data/unit.yml", "unit.yml"),
    "plan": ("2018/plan.yml", "年度实施方案 data/<年份>/plan.yml", "plan.yml"),
    "tallies": ("2018/tallies.yml", "统计数字 data/<年份>/tallies.yml", "tallies.yml"),
    "activity": ("2018/activities/a.md", "活动记录 data/<年份>/activities/*.md 开头 --- 之间的信息块", "activities/"),
    "document": ("2018/documents/d.yml", "佐证材料说明 data/<年份>/documents/*.yml", "documents/"),
    "honor": ("2018/honors/h.md", "善行义举榜 data/<年份>/honors/*.md 开头 --- 之间的信息块", "honors/"),
}

# Where a data repository keeps each record, as globs from the project root (for editor settings).
GLOBS: dict[str, tuple[str, ...]] = {
    "unit": ("data/unit.yml",), "plan": ("data/*/plan.yml",), "tallies": ("data/*/tallies.yml",),
    "document": ("data/*/documents/*.yml",), "activity": ("data/*/activities/*.md",),
    "honor": ("data/*/honors/*.md",),
}

# -- the probe repository -------------------------------------------------------
# Every field present, so each validator takes each branch once; a second activity
# takes the start/end branch, a second task the list form of `score`.

_PROBE_RULE_VALUES = {"int": 1, "number": 1, "ratio": 0.3, "bool": True, "cycle": "quarter", "months": [1],
                      "dates": ["05-04"], "festivals": ["春节"], "tally": "leads", "date": "DATE", "text": "x",
                      "words": ["方案"], "relation": "before", "records": "documents"}


def _probe_rules() -> str:
    rules = [{"type": kind, "label": "x", **{k: _PROBE_RULE_VALUES[v] for k, v in spec.items()}}
             for kind, spec in RULE_FIELDS.items()]
    return json.dumps(rules, ensure_ascii=False).replace('"DATE"', "2018-01-01")


_PROBE_PRIVATE = "private: {contact: x, phone: x, id_number: x, address: x, beneficiaries: [x], note: x}\n"


def _probe_texts() -> dict[str, str]:
    return {
        "unit.yml": "name: x\nshort: x\nlevel: 省级\nstatus: 保持\nreport_dates: git\nstaff: {2018: 1}\n"
                    "departments: [{id: bgs, name: x}]\nbranches: [{id: zb1, name: x}]\nhonor_categories: [x]\n",
        "2018/plan.yml": (
            "title: x\nnumber: x\nissued: 2018-01-01\nissuer: x\nguiding: x\ngoals: x\nrequirements: x\n"
            "leading_group: [{role: x, name: x, post: x}]\nphases: [{name: x, start: 2018-01-01, end: 2018-01-02, text: x}]\n"
            "period: {start: 2018-01-01, end: 2018-12-31}\n"
            "headings: {guiding: x, goals: x, leading_group: x, phases: x, tasks: x, requirements: x, schedule: x,"
            " scores: x}\n"
            "rubrics: [{id: r, name: x, total: 1, items: [{name: x, points: 1}]}]\nevents: [{name: x, start: 2018-01-01, end: 2018-01-02, also: [y]}]\n"
            "categories:\n- {number: 1, title: x, lead: [bgs], coop: [bgs], phase: x, tasks: [\n"
            "  {id: '1-1', title: x, text: x, lead: [bgs], coop: [bgs], deadline: 年底前, frequency: 每季度, count: 1,\n"
            "   evidence: x, owner: x, leader: x, phase: x,\n"
            "   subtasks: [{id: '1-1-1', title: x, text: x, lead: [bgs], coop: [bgs], deadline: 年底前, frequency: 每季度,"
            f" evidence: x, owner: x, leader: x, rules: {_probe_rules()}}}],\n"
            f"   points: 1, score: {{rubric: r}}, rules: {_probe_rules()}}},\n"
            "  {id: '1-2', title: x, text: x, score: [{rubric: r}]}]}\n"
            "schedule: [{id: '01-1', month: 1, when: x, activity: x, report: x, tasks: ['1-1']}]\n"),
        "2018/tallies.yml": "volunteers: {registered: 1, date: 2018-01-01}\n"
                            "counts: [{id: leads, name: x, unit: x, values: {}}]\n",
        "2018/activities/a.md": "title: x\ndate: 2018-01-01\nplace: x\ndepartments: [bgs]\ntasks: ['1-1']\n"
                                "schedule: '01-1'\ntags: [x]\nparticipants: 1\nvolunteers: 1\nvolunteer_hours: 1\n"
                                "photos: [{file: x.jpg, caption: x}]\nreported: 2018-01-01\nvisibility: 公开\nquantity: {处: 1}\n"
                                + _PROBE_PRIVATE,
        "2018/activities/b.md": "title: x\nstart: 2018-01-01\nend: 2018-01-02\ndepartments: [bgs]\n",
        "2018/documents/d.yml": "title: x\nnumber: x\ndate: 2018-01-01\nfile: d.pdf\nkind: x\ndepartments: [bgs]\n"
                                "tasks: ['1-1']\nschedule: '01-1'\nnote: x\nvisibility: 公开\nquantity: {处: 1}\n",
        "2018/honors/h.md": "name: x\ndepartment: bgs\nidentity: x\ncategory: 助人为乐\ndeed: x\ndate: 2018-01-01\n"
                            "period: 2018-Q1\nphoto: x.jpg\nnominated_by: x\nstatus: 推荐\nconsent: true\n" + _PROBE_PRIVATE,
    }


def record_reads() -> dict[str, list[Read]]:
    """The fields each record type's validator reads, from one validation of the probe repository."""
    files = {path: RawFile(path, path, parse_yaml(text, path)[0], ok=True) for path, text in _probe_texts().items()}
    year = RawYear(2018, files["2018/plan.yml"], files["2018/tallies.yml"],
                   [files["2018/activities/a.md"], files["2018/activities/b.md"]],
                   [files["2018/documents/d.yml"]], [files["2018/honors/h.md"]])
    repo = RawRepo("probe", files["unit.yml"], [year], frozenset({"2018/documents/d.pdf"}), [])
    with recording() as reads:
        validate_repository(repo)
    kinds = {path: name for name, (path, _, _) in RECORDS.items()} | {"2018/activities/b.md": "activity"}
    out: dict[str, list[Read]] = defaultdict(list)
    for read in reads:
        out[kinds[read.path]].append(read)
    return dict(out)


# -- shapes the validators parse by hand -------------------------------------------

_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$",
         "patternErrorMessage": "应为日期，写成 年-月-日，如 2018-03-06"}
_SCALAR = {"type": ["string", "number"]}


def _one_or_list(item: dict) -> dict:
    """A value the validators take as a list, where a single value counts as a list of one."""
    return {"anyOf": [item, {"type": "array", "items": item}]}


_SHAPES: dict[tuple[str, str], dict] = {
    # unit.py: `staff` is year → staff count (1990–2100, a positive integer)
    ("unit", "staff"): {"type": "object", "propertyNames": {"pattern": r"^(199\d|20\d\d|2100)$"},
                        "additionalProperties": {"type": "integer", "minimum": 1}},
    # tallies.py: `values` is org id or name (or total/合计) → month 1–12 → count ≥ 0
    ("tallies", "counts[].values"): {
        "type": "object", "additionalProperties": {
            "type": "object", "propertyNames": {"pattern": r"^([1-9]|1[0-2])$"},
            "additionalProperties": {"type": "integer", "minimum": 0}}},
    # validate.py `_quantity`: measure (1–3 characters) → a positive whole number
    ("activity", "quantity"): {"type": "object", "propertyNames": {"minLength": 1, "maxLength": 3},
                               "additionalProperties": {"type": "integer", "minimum": 1}},
    ("document", "quantity"): {"type": "object", "propertyNames": {"minLength": 1, "maxLength": 3},
                               "additionalProperties": {"type": "integer", "minimum": 1}},
    # validate.py `_period`: 2018-Q1, 2018Q1 or 2018年第一季度 / 2018年第一期
    ("honor", "period"): {"type": "string", "pattern": r"^(\d{4}-?[Qq][1-4]|\d{4}年第[一二三四1-4](季度|期))$",
                          "patternErrorMessage": "应为季度，如 2018-Q1 或 2018年第一季度"},
}
# Fields a validator requires with `Fields.missing` rather than a getter's `required`.
_REQUIRED_BY_HAND = {("unit", "staff"), ("tallies", "counts[].values"), ("honor", "period")}
# rulespec `_value` kinds read without a typed getter (or with extra spellings).
_RULE_KIND_SHAPES = {
    "ratio": {"anyOf": [{"type": "number", "minimum": 0, "maximum": 1},
                        {"type": "string", "pattern": r"^\d+(\.\d+)?%$"}]},
    "months": _one_or_list({"type": "integer", "minimum": 1, "maximum": 12}),
    "dates": _one_or_list({"type": "string", "pattern": r"^\d{1,2}-\d{1,2}$",
                           "patternErrorMessage": "应写成 月-日，如 \"05-04\""}),
    "festivals": _one_or_list({"enum": list(dict.fromkeys(FESTIVALS + tuple(ALIASES)))}),
}
_PATTERNS = {("unit", "departments[].id"): _ORG_ID.pattern, ("unit", "branches[].id"): _ORG_ID.pattern,
             ("plan", "categories[].tasks[].id"): _TASK_ID.pattern, ("plan", "schedule[].id"): _SCHEDULE_ID.pattern}
_BOOLEAN = {"enum": [True, False, "是", "同意", "否", "不同意"]}
_RANK = ("words", "choice", "date", "integer", "number", "boolean", "text", "items")


# -- reads → schema ------------------------------------------------------------------

_RULES = re.compile(r"^(.*\.rules)\[(\d+)\]")


def _path(name: str) -> str:
    """`categories[2].tasks[1].rules[3].min` → `categories[].tasks[].rules[<type>].min`."""
    m = _RULES.match(name)
    if m:
        name = f"{m[1]}[{list(RULE_FIELDS)[int(m[2]) - 1]}]{name[m.end():]}"
    return re.sub(r"\[\d+\]", "[]", name)


class _Builder:
    def __init__(self, record: str, reads: list[Read], descriptions: dict[tuple[str, str], str]):
        self.record = record
        self.descriptions = descriptions
        self.mappings: dict[str, tuple[str, ...]] = {}
        self.kinds: dict[str, set[str]] = defaultdict(set)
        self.required: set[str] = {p for r, p in _REQUIRED_BY_HAND if r == record}
        self.info: dict[str, dict] = defaultdict(dict)
        for read in reads:
            path = _path(read.name)
            if read.kind == "fields":
                self.mappings[path] = dict(read.info)["known"]
                continue
            self.kinds[path].add(read.kind)
            self.info[path].update({k: v for k, v in read.info if v is not None})
            if read.required:
                self.required.add(path)
        # start/end are required only once one of them is written (see `refine`)
        if record == "activity":
            self.required -= {"start", "end"}

    def object(self, path: str) -> dict:
        props, required = {}, []
        for key in self.mappings[path]:
            child = f"{path}.{key}" if path else key
            props[key] = self.field(child)
            if child in self.required:
                required.append(key)
        schema: dict[str, Any] = {"type": "object", "properties": props, "additionalProperties": False}
        if required:
            schema["required"] = required
        return self.refine(path, schema)

    def field(self, path: str) -> dict:
        if (self.record, path) in _SHAPES:
            schema = dict(_SHAPES[(self.record, path)])
        elif path.endswith(".rules") and f"{path}[{next(iter(RULE_FIELDS))}]" in self.mappings:
            schema = {"type": "array", "items": self.rule(path)}
        elif path in self.mappings and f"{path}[]" in self.mappings:
            schema = {"anyOf": [self.object(path), {"type": "array", "items": self.object(f"{path}[]")}]}
        elif path in self.mappings and (self.record, path) == ("tallies", "volunteers"):
            one = self.object(path)  # tallies.py `_volunteers`: one figure, or a dated series of them
            schema = {"anyOf": [one, {"type": "array", "items": one}]}
        elif path in self.mappings:
            schema = self.object(path)
        elif f"{path}[]" in self.mappings:
            item = self.object(f"{path}[]")
            if (self.record, path) == ("activity", "photos"):  # validate.py `_photos`: a name, or file + caption
                item = {"anyOf": [{"type": "string"}, item]}
            schema = {"type": "array", "items": item}
        else:
            schema = self.scalar(path)
        if (self.record, path) in _PATTERNS:
            schema["pattern"] = _PATTERNS[(self.record, path)]
        if path == "category" and self.record == "honor":  # extra categories come from unit.yml
            schema["examples"] = list(HONOR_CATEGORIES)
        described = self.describe(path, schema)
        return described if path in self.required else _nullable(described)

    def scalar(self, path: str) -> dict:
        kinds = self.kinds.get(path, set())
        kind = next((k for k in _RANK if k in kinds), None)
        info = self.info.get(path, {})
        if kind is None:
            raise ValueError(f"{self.record}: {path}: read without a getter; describe its shape in schema._SHAPES")
        if kind == "text":
            schema = dict(_SCALAR)
            if "max_len" in info:
                schema["maxLength"] = info["max_len"]
            if path in self.required:
                schema["minLength"] = 1
            return schema
        if kind == "date":
            return dict(_DATE)
        if kind in ("integer", "number"):
            schema = {"type": kind, "minimum": info.get("minimum", 0)}
            if "maximum" in info:
                schema["maximum"] = info["maximum"]
            return schema
        if kind == "boolean":
            return dict(_BOOLEAN)
        if kind == "choice":
            return {"enum": list(info["choices"])}
        if kind == "words":
            return _one_or_list({"type": ["string", "integer"]})
        return _one_or_list(_SCALAR)  # plain `items`: departments, deadlines

    def rule(self, path: str) -> dict:
        """One rule: `type` picks the fields (rulespec RULE_FIELDS, REQUIRED, ONE_OF)."""
        branches = []
        for kind, spec in RULE_FIELDS.items():
            self.required.update(f"{path}[{kind}].{key}" for key in REQUIRED.get(kind, ()))
            body = self.object(f"{path}[{kind}]")
            for key, value_kind in spec.items():
                if value_kind in _RULE_KIND_SHAPES:
                    shape = dict(_RULE_KIND_SHAPES[value_kind])
                    body["properties"][key] = shape if key in REQUIRED.get(kind, ()) else _nullable(shape)
            body["properties"]["type"] = {"const": kind}
            body["required"] = ["type", *REQUIRED.get(kind, ())]
            if kind in ONE_OF:
                body["anyOf"] = [{"required": [k]} for k in ONE_OF[kind]]
            note = self.descriptions.get((self.record, f"rules:{kind}"))
            if note:
                body["description"] = note
            branches.append({"if": {"properties": {"type": {"const": kind}}, "required": ["type"]}, "then": body})
        notes = [self.descriptions.get((self.record, f"rules:{k}"), "") for k in RULE_FIELDS]
        type_schema: dict[str, Any] = {"enum": list(RULE_FIELDS)}
        if any(notes):
            type_schema["enumDescriptions"] = notes
        return self.describe(f"{path}[]", {
            "type": "object", "properties": {"type": type_schema, "label": self.field(f"{path}[count].label")},
            "required": ["type"], "allOf": branches})

    def refine(self, path: str, schema: dict) -> dict:
        """Requirements the validators check across fields."""
        if self.record == "activity" and path == "":  # validate.py `_dates`
            schema["anyOf"] = [
                {"required": ["date"], "not": {"anyOf": [{"required": ["start"]}, {"required": ["end"]}]}},
                {"required": ["start", "end"], "not": {"required": ["date"]}}]
        if self.record == "honor" and path == "":  # validate.py `_honors`: department or identity
            schema["anyOf"] = [{"required": ["department"]}, {"required": ["identity"]}]
        if path.endswith(".score") or path.endswith(".score[]"):  # rulespec `validate_score`
            threshold = [k for k, v in SCORE_METHODS.items() if v == "threshold"]
            schema["if"] = {"properties": {"method": {"enum": threshold}}, "required": ["method"]}
            schema["then"] = {"required": ["full_at"]}
        return schema

    def describe(self, path: str, schema: dict) -> dict:
        note = self.descriptions.get((self.record, path))
        return {"description": note, **schema} if note else schema


def _nullable(schema: dict) -> dict:
    """An optional field may be left empty (`place:`): the validators take null as absent."""
    if "enum" in schema:
        return {**schema, "enum": [*schema["enum"], None]}
    kind = schema.get("type")
    if kind is not None:
        return {**schema, "type": [*(kind if isinstance(kind, list) else [kind]), "null"]}
    return {**schema, "anyOf": [*schema["anyOf"], {"type": "null"}]}


def build_schemas(guide: str | None = None) -> dict[str, dict]:
    """`{"unit": schema, "plan": schema, …}`; `guide` is the data-format page's Markdown (for hover text)."""
    reads_by_record = record_reads()
    descriptions = guide_descriptions(guide, reads_by_record) if guide else {}
    out = {}
    for name, reads in reads_by_record.items():
        body = _Builder(name, reads, descriptions).object("")
        out[name] = {"$schema": DRAFT, "title": RECORDS[name][1],
                     "description": "由 wenming schema 根据校验规则生成，请勿手改。字段说明见用户指南 → 数据格式。",
                     **body}
    return {name: out[name] for name in RECORDS}


def render_schema(schema: dict) -> str:
    """Stable JSON text: two-space indents, anything that fits in 100 columns on one line."""
    return _render(schema, 0) + "\n"


def _render(value: Any, depth: int) -> str:
    flat = json.dumps(value, ensure_ascii=False)
    if not isinstance(value, (dict, list)) or not value or len(flat) + 2 * depth <= 100:
        return flat
    pad, inner = "  " * depth, "  " * (depth + 1)
    if isinstance(value, list):
        return "[\n" + ",\n".join(inner + _render(v, depth + 1) for v in value) + f"\n{pad}]"
    items = (f"{inner}{json.dumps(k, ensure_ascii=False)}: {_render(v, depth + 1)}" for k, v in value.items())
    return "{\n" + ",\n".join(items) + f"\n{pad}}}"


# -- hover text from the user guide ----------------------------------------------------

_SCOPE = re.compile(r"^\*\*[^*]+\*\*（`(\w+)`")
_CODE = re.compile(r"`([^`]+)`")


def guide_descriptions(guide: str, reads: dict[str, list[Read]]) -> dict[tuple[str, str], str]:
    """(record, field path) → "中文：说明", from the field tables of the data-format page."""
    paths = {name: {_path(r.name) for r in rs if r.kind == "fields"} for name, rs in reads.items()}
    out: dict[tuple[str, str], str] = {}
    record, scopes, header = None, [""], []
    for line in guide.splitlines():
        if not line.startswith("|"):
            header = []
        if line.startswith("## "):
            record = next((n for n, (_, _, key) in RECORDS.items() if f"/{key}" in line or f"`data/{key}" in line),
                          None)
            scopes = [""]
            continue
        m = _SCOPE.match(line)
        if m and record:
            word = m[1]
            scopes = sorted(p for p in paths[record] if re.search(rf"(^|\.){word}(\[\])?$", p)) or [f"rules:{word}"]
            continue
        if not line.startswith("|") or record is None:
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not header or set(cells[0]) <= {"-"}:
            header = header or cells
            continue
        if header[0] == "字段":
            names = [n for n in _CODE.findall(cells[0])]
            row = dict(zip(header, cells))
            text = "：".join(x for x in (row.get("中文", ""), row.get("说明", "")) if x)
            for scope in scopes:
                for name in names:
                    out[(record, f"{scope}.{name}" if scope else name)] = text.replace("`", "")
        elif header[0] == "`type`" and cells[0].startswith("`"):
            kind = _CODE.findall(cells[0])[0]
            row = dict(zip(("type", "words", "fields", "example"), cells))
            out[(record, f"rules:{kind}")] = (f"{row['words']}。字段：{row['fields']}。例：{row['example']}"
                                              .replace("`", ""))
    return out

