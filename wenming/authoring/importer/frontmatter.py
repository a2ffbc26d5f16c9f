"""The parts of a plan around the tasks: title, 文号, issuer and date, leading group, phases. Pure."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter

from .model import Note, PlanDraft, clip

_NUMBER = re.compile(r"[\u4e00-\u9fa5A-Za-z]{2,12}[〔\[［【(（]\s*(\d{4})\s*[〕\]］】)）]\s*\d+\s*号")
_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_NOTICE = re.compile(r"^(.{2,30}?)关于印发《(.+?)》的通知$")
_TITLE = re.compile(r"^.{0,40}(?:实施方案|工作方案|工作计划|工作要点|活动方案)$")
_YEAR = re.compile(r"(20\d{2})\s*年")


def read_front(preamble: list[str], sections: list[tuple[str, str, list[str]]], year: int | None) -> PlanDraft:
    """Title, 文号, issuer, date and the plan's year, from the paragraphs before the first section."""
    notes: list[Note] = []
    titles = [p for p in preamble if _TITLE.match(p) and "《" not in p and not p.startswith("附")]
    notice = next((m for m in map(_NOTICE.match, preamble) if m), None)
    title = titles[-1] if titles else notice.group(2) if notice else ""
    if len(set(titles)) > 1:
        notes.append(Note(f"文档开头有几个标题（{'；'.join(dict.fromkeys(titles))}），用了最后一个。请确认。"))
    found_year = None
    for text in [title] + preamble:
        m = _YEAR.search(text)
        if m:
            found_year = int(m.group(1))
            break
    if year is None:
        year = found_year
    elif found_year and found_year != year:
        notes.append(Note(f"方案写的是 {found_year} 年，按 --year 导入为 {year} 年。请确认。", clip(title)))
    draft = PlanDraft(year=year or 0, notes=notes)
    if title:
        draft.title = title
    else:
        draft.title = f"{draft.year}年度精神文明建设工作实施方案"
        draft.notes.append(Note("文档里找不到方案标题，先写成通用标题。请照原件改。",
                                clip(preamble[0]) if preamble else ""))
    everything = preamble + [p for _, _, ps in sections for p in ps[:3]]
    number = next((m.group(0) for m in map(_NUMBER.search, everything) if m), "")
    draft.number = re.sub(r"\s+", "", number)
    for i, text in enumerate(preamble):
        m = _DATE.match(text)
        if m:
            try:
                draft.issued = dt.date(*map(int, m.groups()))
            except ValueError:
                continue
            if i and len(preamble[i - 1]) <= 30 and not _TITLE.match(preamble[i - 1]):
                draft.issuer = preamble[i - 1]
            break
    if not draft.issuer and notice:
        draft.issuer = notice.group(1)
    return draft


# -- leading group -------------------------------------------------------------------------------

_ROLE_LINE = re.compile(r"^(组\s*长|副\s*组\s*长|成\s*员|办公室主任|办公室副主任)\s*[：:]\s*(.+)$")
_ROLE_CLAUSE = re.compile(r"^(.{1,12}?)(?:同志)?(?:任|为|担任)(组长|副组长|成员|办公室主任|办公室副主任|[^，,。；;]{0,10}专职人员|联络员)$")


def _entries(text: str) -> list[str]:
    """`王某某（书记、主席）、李某某` → the two entries: split at 、，; outside brackets."""
    out, depth, current = [], 0, ""
    for ch in text:
        depth += ch in "（("
        depth -= ch in "）)"
        if depth == 0 and ch in "、，,；; ":
            if current.strip():
                out.append(current.strip())
            current = ""
        else:
            current += ch
    if current.strip():
        out.append(current.strip().rstrip("。"))
    return out


def read_leaders(paragraphs: list[str]) -> tuple[list[tuple[str, str, str]], list[str]]:
    """(role, name, post) for each member, and the paragraphs that held none."""
    leaders: list[tuple[str, str, str]] = []
    rest: list[str] = []
    role = ""
    for text in paragraphs:
        m = _ROLE_LINE.match(text)
        found = False
        if m:
            role = re.sub(r"\s+", "", m.group(1))
            body = m.group(2)
        elif role and len(text) <= 40 and re.match(r"^[\u4e00-\u9fa5*＊X]{2,4}\s*[（(]", text):
            body = text  # a continuation line under the same role
        else:
            body = ""
            for clause in re.split(r"[，,。；;]", text):
                c = _ROLE_CLAUSE.match(clause.strip())
                if c:
                    leaders.append((c.group(2), c.group(1), ""))
                    found = True
        for entry in _entries(body):
            e = re.match(r"^(.+?)\s*[（(](.+)[）)]$", entry)
            name, post = (e.group(1), e.group(2)) if e else (entry, "")
            leaders.append((role, name.strip(), post.strip()))
            found = True
        if not found:
            rest.append(text)
    return leaders, rest


# -- phases --------------------------------------------------------------------------------------

_PHASE = re.compile(r"^(?:第[一二三四五六七八九十]+阶段\s*[:：]?\s*|[（(][一二三四五六七八九十]+[）)]\s*|\d[.、．]\s*)?"
                    r"([\u4e00-\u9fa5、，,]{2,16}?)(?:阶段)?\s*[（(]([^（）()]+)[）)]")
_SPAN = re.compile(r"^(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})日)?(?:份)?\s*(?:[—\-－~～至到]+)\s*"
                   r"(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})日)?(?:份)?(?:底)?$")


def read_phases(paragraphs: list[str], year: int) -> tuple[list[tuple[str, dt.date, dt.date]], list[str]]:
    """(name, start, end) for each phase heading such as `第一阶段:宣传发动阶段(2月—4月)`."""
    phases: list[tuple[str, dt.date, dt.date]] = []
    rest: list[str] = []
    for text in paragraphs:
        m = _PHASE.match(text)
        span = _SPAN.match(re.sub(r"\s+", "", m.group(2))) if m else None
        if not span:
            rest.append(text)
            continue
        y1, m1, d1, y2, m2, d2 = span.groups()
        try:
            start = dt.date(int(y1 or year), int(m1), int(d1 or 1))
            end_year, end_month = int(y2 or y1 or year), int(m2)
            end = dt.date(end_year, end_month, int(d2 or calendar.monthrange(end_year, end_month)[1]))
        except ValueError:
            rest.append(text)
            continue
        phases.append((m.group(1).rstrip("，,、"), start, end))
    return phases, rest


def most_common_year(paragraphs: list[str]) -> int | None:
    counts = Counter(int(y) for p in paragraphs for y in _YEAR.findall(p))
    return counts.most_common(1)[0][0] if counts else None



