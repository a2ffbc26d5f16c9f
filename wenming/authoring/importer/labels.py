"""Labelled lines of a task in every form plans write them. Pure.

- on their own line, one or several glued together: `牵头领导:张某 责任部门:办公室 配合部门:各科室`;
- spaced out: `责 任 人：`, with the value empty;
- closing the task's paragraph: `……活动。责任科室：办公室；完成时间：8月底前`, in brackets
  `（责任科室：办公室）`, also with the opening or the closing bracket lost;
- a bracket naming only departments: `（办公室负责）` `（由机关团委牵头，业务管理科配合）`;
- a clause opening the task: `由办公室牵头，各科室配合，……` `人事科牵头、机关党委配合，……`.

What each label means is one of the KINDS below; the value is kept as written.
"""

from __future__ import annotations

import re

from .departments import looks_like_org, split_names

KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("coleader", ("配合领导", "协管领导", "协助领导")),
    ("leader", ("牵头领导", "责任领导", "分管领导", "包抓领导", "联系领导", "主管领导", "牵头负责领导", "挂点领导")),
    ("owner", ("具体责任人", "责任人", "联系人", "经办人", "具体负责人")),
    ("coop", ("配合单位", "配合部门", "配合科室", "配合股室", "配合处室", "协办单位", "协办部门", "协助单位", "协助部门",
              "协同单位", "参与单位", "参与部门", "配合")),
    ("lead", ("责任单位", "责任部门", "责任科室", "责任股室", "责任处室", "牵头单位", "牵头部门", "牵头科室", "牵头股室",
              "承办单位", "承办部门", "主责单位", "主责部门", "负责单位", "负责部门", "负责科室", "实施单位", "责任主体")),
    ("limit", ("工作时限", "完成时限", "时限要求", "时间要求", "完成时间", "时间节点", "完成期限", "推进时间", "办结时限",
               "时间安排", "时限")),
    ("content", ("考核内容", "测评内容", "工作内容", "任务内容", "具体内容", "主要内容", "具体任务")),
    ("standard", ("考核标准", "测评标准", "评分标准", "考核要求", "工作标准", "完成标准", "目标要求", "工作要求", "考核方式",
                  "测评方法", "考核办法")),
    ("evidence", ("佐证材料", "佐证资料", "上报材料", "报送材料", "印证材料", "台账资料")),
)
_WORDS = sorted((w for _, words in KINDS for w in words), key=len, reverse=True)
_KIND = {w: kind for kind, words in KINDS for w in words}
_SPACED = "|".join(r"\s*".join(map(re.escape, w)) for w in _WORDS)
LABEL = re.compile(rf"(?P<label>{_SPACED})\s*[：:]")
"""A label with its colon; the characters may be spaced out (`责 任 人：`)."""
_OPEN = "（("
_CLOSE = "）)"


def kind_of(label: str) -> str:
    return _KIND[re.sub(r"\s+", "", label)]


def _values(text: str) -> dict[str, str] | None:
    """`责任单位：办公室；责任人：张某` → {lead, owner}, when `text` is labels from its start (else None)."""
    marks = list(LABEL.finditer(text))
    if not marks or marks[0].start() != 0:
        return None
    out: dict[str, str] = {}
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        value = text[m.end():end].strip().strip("，,；;。 \u3000")
        kind = kind_of(m.group("label"))
        if kind in out and value:
            out[kind] = f"{out[kind]}、{value}" if out[kind] else value
        else:
            out.setdefault(kind, value)
    return out


def group(text: str) -> dict[str, str] | None:
    """A paragraph that is all labels (also in brackets, or with a bracket lost): their values, else None."""
    inner = text.strip().rstrip("。.")
    if inner[:1] in _OPEN:
        inner = inner[1:]
    if inner[-1:] in _CLOSE:
        inner = inner[:-1]
    return _values(inner.strip())


def trailing(text: str) -> tuple[str, dict[str, str]]:
    """(the words before, the labels) for labels closing a paragraph; ({} when there are none).

    `……活动。（责任科室：办公室）`, `……活动。责任科室：办公室）`, `……活动（责任科室：办公室`,
    `……活动。责任科室：办公室；完成时间：8月底前`.
    """
    stripped = text.rstrip().rstrip("。.")
    for m in LABEL.finditer(stripped):
        start = m.start()
        before = stripped[:start].rstrip()
        opened = before.endswith(tuple(_OPEN))
        if opened:
            before = before[:-1].rstrip()
        if start and not opened and before[-1:] not in "。；;，, \u3000）)":
            continue
        found = group(stripped[start:])
        if found is None:
            continue
        return before.rstrip("，,；; "), found
    return text, {}


_ORG_WORDS = re.compile(r"^(?:由)?(?P<lead>[^，,；;。：:（）()]{2,40}?)(?:负责|牵头|承办|主责)"
                        r"(?:[，,、；;]\s*(?P<coop>[^，,；;。：:（）()]{2,40}?)(?:配合|协助|协办|参与))?$")


def orgs_clause(words: str) -> tuple[list[str], list[str]] | None:
    """`由机关团委牵头，业务管理科配合` / `办公室负责` / `办公室、机关党委` → (lead names, cooperating names).

    None unless every name looks like a department (`办公室`, `机关团委`, `资料组`, `****`)."""
    words = words.strip().strip("。")
    m = _ORG_WORDS.match(words)
    if m:
        lead = split_names(m.group("lead"))
        coop = split_names(m.group("coop")) if m.group("coop") else []
        if not coop and "牵头" not in words:  # `办公室、保障部、机关党委负责`: the first named leads
            lead, coop = lead[:1], lead[1:]
    else:
        names = split_names(words)
        lead, coop = names[:1], names[1:]
    names = lead + coop
    if not names or not all(looks_like_org(n) or n.startswith("各") for n in names):
        return None
    return lead, coop


def org_bracket(text: str) -> tuple[str, tuple[list[str], list[str]]] | None:
    """`……活动。（办公室负责）` / `……（资料组）` → (the words before, (lead, coop)), else None."""
    body = text.rstrip().rstrip("。.")
    if not body.endswith(tuple(_CLOSE)):
        return None
    depth = 0
    for i in range(len(body) - 1, -1, -1):
        depth += body[i] in _CLOSE
        depth -= body[i] in _OPEN
        if depth == 0:
            found = orgs_clause(body[i + 1:-1])
            return (body[:i].rstrip(), found) if found and i else None
    return None


_PREFIX = re.compile(r"^(?P<clause>由?[^，,；;。：:（）()“”]{2,30}?(?:负责|牵头)"
                     r"(?:[，,、]\s*[^，,；;。：:（）()“”]{2,30}?(?:配合|协助|参与))?)[，,：:]\s*(?P<rest>.+)$")


def prefix(text: str) -> tuple[str, tuple[list[str], list[str]]] | None:
    """`由办公室牵头，各科室配合，3月底前……` → (the rest, (lead, coop)) when the clause names departments."""
    m = _PREFIX.match(text.strip())
    if not m:
        return None
    found = orgs_clause(m.group("clause"))
    return (m.group("rest").strip(), found) if found else None
