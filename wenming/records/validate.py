"""Raw mappings → the model, plus every problem found. Pure (no disk, no clock).

`validate_repository(raw)` is the one entry point. Records with problems are
still turned into model objects where possible, so one bad field never hides
the rest of the data; the caller decides whether errors stop the build.
"""

from __future__ import annotations

from dataclasses import replace

import datetime as dt
import re
from pathlib import PurePosixPath

from .fields import Fields, did_you_mean, show
from .load import RawFile, RawRepo, RawYear
from .model import (
    NO_PRIVATE,
    Activity,
    Private,
    Dataset,
    Document,
    HonorEntry,
    HonorStatus,
    Source,
    Unit,
    Visibility,
    Year,
)
from .planmodel import Plan
from .judgements import validate_judgements
from .plan import validate_plan
from .tallies import validate_tallies
from .unit import validate_unit
from .problems import WARNING, Problem
from .refs import SCHEDULE_MISSING, UNKNOWN_ORG, Refs
from .media import CLEANED, inside as _inside, photos as _photos, unlisted_photos as _unlisted_photos
from .media import unpublishable as _unpublishable
from .slugs import unique_slugs

VISIBILITY = {"公开": Visibility.PUBLIC, "public": Visibility.PUBLIC,
              "内部": Visibility.INTERNAL, "internal": Visibility.INTERNAL}
HONOR_STATUS = {
    "推荐": HonorStatus.NOMINATED, "nominated": HonorStatus.NOMINATED,
    "通过": HonorStatus.APPROVED, "approved": HonorStatus.APPROVED,
    "公布": HonorStatus.PUBLISHED, "published": HonorStatus.PUBLISHED,
}
_QUARTER_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}

ACTIVITY_FIELDS = ("title", "date", "start", "end", "place", "departments", "tasks", "schedule", "tags",
                   "participants", "volunteers", "volunteer_hours", "photos", "reported", "visibility", "private",
                   "quantity")
DOCUMENT_FIELDS = ("title", "number", "date", "file", "kind", "departments", "tasks", "schedule", "note", "quantity",
                   "visibility")
HONOR_FIELDS = ("name", "department", "identity", "category", "deed", "date", "period", "photo",
                "nominated_by", "status", "consent", "private")
PLACEHOLDER = re.compile(r"【(?:第一段|中间几段|最后一段|事迹全文)[：:][^】]*】")
"""A hint `wenming new` writes into a new record's body, to be replaced by the real text."""
PLACEHOLDER_LEFT = "还留着模板的提示"
"""In the message of a placeholder problem (`wenming new` writes them on purpose)."""
PRIVATE_FIELDS = ("contact", "phone", "id_number", "address", "beneficiaries", "note")


def validate_repository(raw: RawRepo) -> Dataset:
    problems: list[Problem] = list(raw.problems)
    unit = validate_unit(raw.unit, problems)
    years = tuple(validate_year(y, unit, raw, problems) for y in raw.years)
    years = tuple(y for y in years if y is not None)
    if raw.unit is not None and not years:
        problems.append(Problem(raw.root, None, "", "没有任何年份的数据。请建立年份文件夹，如 data/2018/plan.yml。"))
    unique = sorted(set(_follow_ons(raw, problems)), key=Problem.sort_key)
    return Dataset(unit=unit, years=years, problems=tuple(unique))


def _follow_ons(raw: RawRepo, problems: list[Problem]) -> list[Problem]:
    """Mark what only follows from a file that could not be read (`Problem.follows`): with no unit.yml, every
    department is unknown; with no plan, every schedule item. The report lists the cause and counts these."""
    causes: list[tuple[str, str, str, str]] = []  # (cause file, what, path prefix of the follow-ons, message part)
    if raw.unit is None or not raw.unit.ok or not isinstance(raw.unit.data, dict):
        causes.append((f"{raw.root}/unit.yml", "部门", "", UNKNOWN_ORG))
    for y in raw.years:
        if y.plan is not None and not y.plan.ok:
            causes.append((y.plan.path, "活动安排", f"{raw.root}/{y.year}/", SCHEDULE_MISSING))
    if not causes:
        return problems
    out = []
    for p in problems:
        cause = next((c for c in causes if p.is_error and p.path.startswith(c[2]) and c[3] in p.message), None)
        out.append(replace(p, follows=cause[:2]) if cause else p)
    return out


# ---------------------------------------------------------------------------
# Years


def _tally_ids(raw_year: RawYear) -> set[str]:
    """Tally ids as written, for checking the plan's quota rules before tallies are validated."""
    data = raw_year.tallies.data if raw_year.tallies is not None and raw_year.tallies.ok else None
    counts = data.get("counts") if isinstance(data, dict) else None
    return {str(c["id"]) for c in counts if isinstance(c, dict) and c.get("id")} if isinstance(counts, list) else set()


def validate_year(raw_year: RawYear, unit: Unit, raw: RawRepo, problems: list[Problem]) -> Year | None:
    year = raw_year.year
    folder = f"{raw.root}/{year}"
    if raw_year.plan is None:
        problems.append(Problem(f"{folder}/plan.yml", None, "", f"缺少 {year} 年的实施方案。请创建 plan.yml（写法见用户指南 → 数据格式）。"))
        plan = Plan(year, f"{year}年度实施方案", "", None, unit.name, "", "", "", (), (), (), (),
                    Source(f"{folder}/plan.yml"))
    else:
        kinds = tuple(sorted({str(r.data["kind"]).strip() for r in raw_year.documents if r.ok and isinstance(r.data, dict)
                              and isinstance(r.data.get("kind"), str) and 1 < len(r.data["kind"].strip()) <= 12}))
        plan = validate_plan(raw_year.plan, year, unit, problems, _tally_ids(raw_year), kinds)
        _plan_year(raw_year.plan, year, problems)
    refs = Refs(unit, plan, year)
    activities = _activities(raw_year, refs, raw, problems)
    documents = _documents(raw_year, refs, raw, problems)
    honors = _honors(raw_year, refs, raw, problems)
    tallies, volunteers = validate_tallies(raw_year.tallies, refs, problems)
    if year not in unit.staff and raw.unit is not None and raw.unit.data is not None:
        problems.append(Problem(raw.unit.path, None, "staff", f"缺少 {year} 年的职工总数。请在 staff 下添加一行 {year}: 人数", WARNING))
    judgements = validate_judgements(raw_year.judgements, plan, activities + documents, problems)
    return Year(year, plan, activities, documents, honors, tallies, volunteers, judgements)


def _quantity(f: Fields) -> tuple[tuple[str, int], ...]:
    """`quantity: {处: 6, 户: 12}`: what a record delivers, by measure (places, households, people)."""
    raw = f.raw("quantity")
    if raw is None:
        return ()
    if not isinstance(raw, dict) or not raw:
        f.error("quantity", f"应写成 量词: 数量（如 {{处: 6}}），实际为 {show(raw)}。")
        return ()
    out = []
    for measure, n in raw.items():
        if not isinstance(measure, str) or not 1 <= len(measure.strip()) <= 3:
            f.error("quantity", f"量词应为一两个字（如 处、户、人），实际为 {show(measure)}。")
        elif isinstance(n, bool) or not isinstance(n, int) or not 0 < n <= 1_000_000:
            f.error("quantity", f"{measure} 的数量应为正整数（如 6），实际为 {show(n)}。")
        else:
            out.append((measure.strip(), n))
    return tuple(sorted(out))


_TITLE_YEARS = re.compile(r"((?:19|20)\d\d)\s*(?:年)?\s*(?:[-—–~～至到]\s*((?:19|20)\d\d))?")


def _plan_year(raw: RawFile, year: int, problems: list[Problem]) -> None:
    """A plan whose title names other years than its folder's (`2018年度…` in 2019/): a renamed or copied folder."""
    title = raw.data.get("title") if raw.ok and isinstance(raw.data, dict) else None
    spans = [(int(a), int(b or a)) for a, b in _TITLE_YEARS.findall(title)] if isinstance(title, str) else []
    if not spans or any(a <= year <= b for a, b in spans):
        return
    named = spans[0][0]
    problems.append(Problem(raw.path, raw.data.line_of("title"), "title", f"标题写的是 {named} 年（{show(title)}），"
                            f"但方案在 {year}/ 文件夹里。请把文件夹改名为 {named}，或改正标题里的年份。"))


def _visibility(f: Fields) -> Visibility:
    return f.choice("visibility", VISIBILITY, default=Visibility.PUBLIC)


def _mappings(records: list[RawFile], problems: list[Problem], first_key: str, front_matter: bool):
    """(record, stem, slug, fields) for each readable record whose content is a mapping."""
    readable = [r for r in records if r.ok]
    slugs = unique_slugs([PurePosixPath(r.rel).stem for r in readable])
    for r in readable:
        if not isinstance(r.data, dict):
            what, line = ("信息块应为", 2) if front_matter else ("应为", 1)
            problems.append(Problem(r.path, line, "", f"{what}一组字段（{first_key}: …），实际为{show(r.data)}。"))
            continue
        stem = PurePosixPath(r.rel).stem
        yield r, stem, slugs[stem], Fields(r.data, r.path, problems)


def _activities(raw_year: RawYear, refs: Refs, raw: RawRepo, problems: list[Problem]) -> tuple[Activity, ...]:
    out = []
    for r, stem, slug, f in _mappings(raw_year.activities, problems, "title", True):
        title = f.text("title", required=True, example="第一期道德讲堂")
        start, end = _dates(f, refs.year, refs.plan.period if refs.plan else None)
        folder = str(PurePosixPath(r.rel).parent / stem)
        photos = _photos(f, folder, raw)
        _unlisted_photos(r, folder, photos, raw.files, problems)
        activity = Activity(
            id=stem, slug=slug, year=refs.year, title=title or stem,
            start=start or end or dt.date(refs.year, 1, 1), end=end or start or dt.date(refs.year, 1, 1),
            place=f.text("place"),
            departments=refs.orgs(f, "departments", required=True),
            tasks=refs.tasks(f, "tasks"),
            schedule=refs.schedule(f, "schedule"),
            tags=f.words("tags"),
            participants=f.integer("participants", example="60", plausible=(1, 10_000)),
            volunteers=f.integer("volunteers", example="20", plausible=(1, 10_000)),
            volunteer_hours=f.number("volunteer_hours", example="40", plausible=(0, 100_000)),
            photos=photos,
            reported=f.date("reported"),
            visibility=_visibility(f),
            body=r.body.strip("\n"),
            source=Source(r.path, 1),
            private=_private(f),
            quantity=_quantity(f),
        )
        _placeholders(r, "正文", problems)
        if activity.reported:
            activity = replace(activity, reported_from="field")
        if activity.reported and activity.reported < activity.start:
            f.error("reported", f"报送日期 {activity.reported} 早于活动日期 {activity.start}。请检查日期。")
        f.check_unknown(ACTIVITY_FIELDS)
        out.append(activity)
    return tuple(sorted(out, key=lambda a: (a.start, a.id)))


def _placeholders(r: RawFile, what: str, problems: list[Problem]) -> None:
    """A hint left from the template would be published as the text: an error on its line."""
    for i, line in enumerate(r.body.split("\n")):
        if m := PLACEHOLDER.search(line):
            hint = m.group()[:16] + "…" if len(m.group()) > 16 else m.group()
            problems.append(Problem(r.path, r.body_line + i, "", f"{what}里{PLACEHOLDER_LEFT} {hint}。"
                                    f"请换成实际的{what}，并删掉【】里的提示。"))


def _private(f: Fields) -> Private:
    """The `private:` block: contact details and the names of people helped (never in a public build)."""
    value = f.raw("private")
    if value is None:
        return NO_PRIVATE
    if not isinstance(value, dict):
        f.error("private", f"应为几行“字段: 值”（如 phone: 139……），实际为{show(value)}。请按用户指南 → 数据格式 改写。")
        return NO_PRIVATE
    sub = f.sub("private")
    private = Private(contact=sub.text("contact"), phone=sub.text("phone"), id_number=sub.text("id_number"),
                      address=sub.text("address"), beneficiaries=sub.words("beneficiaries"), note=sub.text("note"))
    sub.check_unknown(PRIVATE_FIELDS)
    return private


def _dates(f: Fields, year: int, period=None) -> tuple[dt.date | None, dt.date | None]:
    if f.has("date"):
        start = end = f.date("date")
        if f.has("start") or f.has("end"):
            f.error("date", "date 和 start/end 只能二选一。一天的活动写 date，跨几天的写 start 和 end。")
    elif f.has("start") or f.has("end"):
        start, end = f.date("start", required=True), f.date("end", required=True)
        if start and end and end < start:
            f.error("end", f"结束日期 {end} 早于开始日期 {start}。请检查日期。")
            end = start
    else:
        f.missing("date", "2018-03-06")
        return None, None
    if start and period and not period[0] <= start <= period[1]:
        key = "date" if f.has("date") else "start"
        f.error(key, f"日期 {start} 不在方案的起止日期（{period[0]} 至 {period[1]}）之内。请检查日期。")
    elif start and start.year != year and not period:
        key = "date" if f.has("date") else "start"
        f.error(key, f"日期 {start} 不在 {year} 年，但文件在 {year}/ 文件夹里。请检查日期，或把文件移到 {start.year}/ 文件夹。")
    return start, end


def _documents(raw_year: RawYear, refs: Refs, raw: RawRepo, problems: list[Problem]) -> tuple[Document, ...]:
    out = []
    referenced: set[str] = set()
    for r, stem, slug, f in _mappings(raw_year.documents, problems, "title", False):
        folder = str(PurePosixPath(r.rel).parent)
        name = f.text("file", required=True, example=f"{stem}.pdf")
        rel = _inside(folder, name) if name else None
        if name and rel is None:
            f.error("file", f'文件路径 "{name}" 跑到了数据文件夹外面。请把文件放进 documents/ 文件夹，只写文件名。')
        elif rel and rel not in raw.files:
            same_stem = [p.rsplit("/", 1)[-1] for p in raw.files if p.startswith(f"{folder}/{PurePosixPath(name).stem}.")
                         and not p.endswith(".yml")]
            hint = f'是不是 "{same_stem[0]}"？' if same_stem else ""
            f.error("file", f'找不到文件 "{name}"。{hint or "请把文件放进 documents/ 文件夹，或改正文件名。"}')
            rel = None
        elif rel and rel.lower().endswith(CLEANED) and (why := _unpublishable(raw, rel)):
            f.error("file", f'图片 "{name}" {why}。')
        if rel:
            referenced.add(rel)
        date = f.date("date", required=True)
        doc = Document(
            id=stem, slug=slug, year=refs.year, title=f.text("title", required=True, example="学雷锋志愿服务活动方案") or stem,
            number=f.text("number"), date=date or dt.date(refs.year, 1, 1), file=rel or "",
            kind=f.text("kind"), departments=refs.orgs(f, "departments"), tasks=refs.tasks(f, "tasks"),
            schedule=refs.schedule(f, "schedule"), note=f.text("note"), visibility=_visibility(f),
            source=Source(r.path, 1), quantity=_quantity(f),
        )
        f.check_unknown(DOCUMENT_FIELDS)
        out.append(doc)
    prefix = f"{raw_year.year}/documents/"
    for rel in sorted(raw.files):
        if rel.startswith(prefix) and not rel.endswith(".yml") and rel not in referenced \
                and "/" not in rel[len(prefix):] and not any(r.rel == rel for r in raw_year.documents):
            stem = PurePosixPath(rel).stem
            if any(PurePosixPath(r.rel).stem == stem and not r.ok for r in raw_year.documents):
                continue
            problems.append(Problem(f"{raw.root}/{rel}", None, "", f"这份材料没有说明文件，不会出现在网站上。请在旁边添加 {stem}.yml（写法见用户指南 → 数据格式）。"))
    return tuple(sorted(out, key=lambda d: (d.date, d.id)))


def _honors(raw_year: RawYear, refs: Refs, raw: RawRepo, problems: list[Problem]) -> tuple[HonorEntry, ...]:
    categories = refs.unit.honor_categories
    out = []
    for r, stem, slug, f in _mappings(raw_year.honors, problems, "name", True):
        department = refs.org(f, "department")
        identity = f.text("identity")
        if not department and not identity and not f.has("department"):
            f.missing("department", "bgs（本单位职工写部门；不是本单位职工写 identity: 社区居民）")
        category = f.text("category", required=True, example="助人为乐")
        if category and category not in categories:
            hint = did_you_mean(category, categories)
            f.error("category", f"应为 {'、'.join(categories)} 之一，实际为 {show(category)}。{hint or '额外的类别请加在 unit.yml 的 honor_categories 里。'}")
        photo = None
        photo_name = f.text("photo")
        if photo_name:
            photo = _inside(f"{raw_year.year}/honors", photo_name)
            if photo is None or photo not in raw.files:
                f.error("photo", f'找不到照片 "{photo_name}"（路径相对 honors/ 文件夹）。请检查文件名。')
                photo = None
            elif why := _unpublishable(raw, photo):
                f.error("photo", f'照片 "{photo_name}" {why}。')
        date = f.date("date", required=True)
        entry = HonorEntry(
            id=stem, slug=slug, year=raw_year.year, name=f.text("name", required=True, example="李某某") or stem,
            department=department, identity=identity, category=category,
            deed=f.text("deed", required=True, example="连续三年资助困难学生。", max_len=140),
            date=date or dt.date(raw_year.year, 1, 1), period=_period(f, raw_year.year, date),
            photo=photo, nominated_by=f.text("nominated_by"),
            status=f.choice("status", HONOR_STATUS, required=True, default=HonorStatus.NOMINATED),
            consent=bool(f.boolean("consent", required=True)), story=r.body.strip("\n"),
            source=Source(r.path, 1), private=_private(f),
        )
        f.check_unknown(HONOR_FIELDS)
        _placeholders(r, "事迹全文", problems)
        out.append(entry)
    return tuple(sorted(out, key=lambda h: (h.period, h.date, h.id)))


def _period(f: Fields, year: int, date: dt.date | None) -> tuple[int, int]:
    value = f.raw("period")
    fallback = (year, (date.month - 1) // 3 + 1 if date and date.year == year else 1)
    if value is None:
        f.missing("period", f"{year}-Q1")
        return fallback
    text = str(value).strip()
    m = re.fullmatch(r"(\d{4})-?[Qq]([1-4])", text) or re.fullmatch(r"(\d{4})年第([一二三四1-4])(?:季度|期)", text)
    if not m:
        f.error("period", f"应为季度，如 {year}-Q1 或 {year}年第一季度，实际为 {show(value)}。")
        return fallback
    period = (int(m.group(1)), _QUARTER_CN[m.group(2)])
    if period[0] != year:
        f.error("period", f"公布期次 {text} 不在 {year} 年，但文件在 {year}/ 文件夹里。请把文件移到 {period[0]}/honors/。")
    return period
