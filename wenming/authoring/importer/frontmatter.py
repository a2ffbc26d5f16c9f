"""The parts of a plan around the tasks: title, 文号, issuer and date, leading group, phases. Pure."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from .model import Note, PlanDraft, clip

_NUMBER = re.compile(r"[\u4e00-\u9fa5A-Za-z]{2,12}[〔\[［【(（]\s*(\d{4})\s*[〕\]］】)）]\s*\d+\s*号")
_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_NOTICE = re.compile(r"^(.{2,30}?)关于印发《(.+?)》的通知$")
_TITLE = re.compile(r"^.{0,40}(?:实施方案|工作方案|工作计划|工作要点|活动方案)$")
_YEAR = re.compile(r"(?<!\d)(\d{4})\s*年")


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


def signature(texts: list[str], draft: PlanDraft) -> list[str]:
    """The words of the plan's last section without the closing signature (`青山县档案馆` / `2026年2月10日`),
    which gives the issuer and the date where the plan's head did not."""
    if len(texts) < 2 or not (m := _DATE.match(texts[-1])):
        return texts
    try:
        day = dt.date(*map(int, m.groups()))
    except ValueError:
        return texts
    signer = texts[-2] if len(texts[-2]) <= 30 and not re.search(r"[。，,；;：:]", texts[-2]) else ""
    draft.issued = draft.issued or day
    draft.issuer = draft.issuer or signer
    return texts[:-2] if signer else texts[:-1]


def most_common_year(paragraphs: list[str]) -> int | None:
    counts = Counter(int(y) for p in paragraphs for y in _YEAR.findall(p))
    return counts.most_common(1)[0][0] if counts else None



