"""Validation of the unit profile (`data/unit.yml`). Pure."""

from __future__ import annotations

import re

from .fields import MAX_NUMBER, Fields, show
from .load import RawFile
from .model import HONOR_CATEGORIES, LEVELS, Org, Unit
from .problems import Problem

UNIT_FIELDS = ("name", "short", "level", "status", "staff", "departments", "branches", "honor_categories",
               "report_dates")
REPORT_DATES = {"git": "git", "reported": "reported", "git 首次提交": "git", "报送日期字段": "reported"}
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _orgs(f: Fields, key: str, kind: str, seen: dict[str, str]) -> tuple[Org, ...]:
    out = []
    for i, item in f.items(key, required=kind == "department", example="[{id: bgs, name: 办公室}]"):
        sub = f.sub(key, i)
        if not isinstance(item, dict):
            sub.error("", f"应为一组字段（id 和 name），实际为 {show(item)}。请写成 - id: bgs 换行 name: 办公室")
            continue
        org_id = sub.text("id", required=True, example="bgs")
        name = sub.text("name", required=True, example="办公室")
        sub.check_unknown(("id", "name"))
        if not org_id:
            continue
        if not _ID.match(org_id):
            sub.error("id", f"编号只能用小写字母、数字和 -，实际为 {show(org_id)}。例如拼音首字母 bgs。")
            continue
        if org_id in seen:
            sub.error("id", f'编号 "{org_id}" 重复（{seen[org_id]}已使用）。请换一个编号。')
            continue
        seen[org_id] = name
        out.append(Org(org_id, name or org_id, kind))
    return tuple(out)


def validate_unit(raw: RawFile | None, problems: list[Problem]) -> Unit:
    if raw is None or raw.data is None:
        return Unit("（未填写单位名称）", "", "", "保持", {}, (), (), HONOR_CATEGORIES)
    if not isinstance(raw.data, dict):
        problems.append(Problem(raw.path, 1, "", f"应为一组字段（name: …），实际为{show(raw.data)}。"))
        return Unit("（未填写单位名称）", "", "", "保持", {}, (), (), HONOR_CATEGORIES)
    f = Fields(raw.data, raw.path, problems)
    name = f.text("name", required=True, example="示例市总工会")
    short = f.text("short") or name
    level = f.choice("level", {v: v for v in LEVELS} | {f"{v}文明单位": v for v in LEVELS} | {"区级": "县级", "区级文明单位": "县级"},
                     required=True,
                     default="")
    status = f.choice("status", {"保持": "保持", "创建": "创建"}, default="保持")
    staff: dict[int, int] = {}
    raw_staff = f.raw("staff")
    if raw_staff is None:
        f.missing("staff", "{2018: 86}")
    elif not isinstance(raw_staff, dict):
        f.error("staff", f"应为 年份: 人数 的形式（如 2018: 86），实际为{show(raw_staff)}。")
    else:
        sf = f.sub("staff")
        for year, count in raw_staff.items():
            if not isinstance(year, int) or not 1990 <= year <= 2100:
                sf.error(str(year), f"应为年份（如 2018），实际为 {show(year)}。")
            elif isinstance(count, bool) or not isinstance(count, int) or not 0 < count <= MAX_NUMBER:
                sf.error(str(year), f"职工人数应为正整数，实际为 {show(count)}。")
            else:
                staff[year] = count
    seen: dict[str, str] = {}
    departments = _orgs(f, "departments", "department", seen)
    branches = _orgs(f, "branches", "branch", seen)
    extras = tuple(w for w in f.words("honor_categories") if w not in HONOR_CATEGORIES)
    report_dates = f.choice("report_dates", REPORT_DATES, default="git")
    f.check_unknown(UNIT_FIELDS)
    return Unit(name or "（未填写单位名称）", short, level, status, staff, departments, branches,
                HONOR_CATEGORIES + extras, report_dates)
