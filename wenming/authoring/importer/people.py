"""The leading group (领导小组, 指挥部) as lists (`组  长：王某（局长）`) or prose (`局长张某任组长`). Pure.

Names printed empty (`组长：`) or as placeholders (`xxxxxx`, `XXX`, `***`) are kept as written, and the draft
says they still have to be filled in. Working groups (`资料组：组长杨某…`) are not the leading group.
"""

from __future__ import annotations

import re

from .model import Note, clip

_ROLES = r"(?:常务副组长|第一副组长|副组长|组长|常务副总指挥|副总指挥|总指挥|成员|办公室副主任|办公室主任|联络员|专职人员)"
_SPACED_ROLES = "|".join(r"\s*".join(role) for role in ("常务副组长", "副组长", "组长", "常务副总指挥", "副总指挥", "总指挥",
                                                         "成员", "办公室副主任", "办公室主任", "联络员"))
_ROLE_LINE = re.compile(rf"^({_SPACED_ROLES})\s*[：:]\s*(.*)$")
_ROLE_CLAUSE = re.compile(rf"^(?:由)?(?P<who>.{{1,40}}?)(?:同志)?(?:兼任|担任|任|为)(?P<role>{_ROLES}|[^，,。；;]{{0,10}}专职人员)$")
_POSTS = ("副分局长", "分局长", "党组书记", "党委书记", "党总支书记", "党支部书记", "党组副书记", "党委副书记", "党组成员", "纪检组长", "纪检监察组长",
          "常务副局长", "副局长", "局长", "常务副主任", "副主任", "主任", "副主席", "主席", "副院长", "院长", "副馆长", "馆长",
          "副队长", "队长", "副所长", "所长", "副站长", "站长", "副部长", "部长", "副科长", "科长", "秘书长", "副书记", "书记",
          "委员", "总经理", "副总经理", "董事长", "校长", "副校长")
_PLACEHOLDER = re.compile(r"^(?:[xX×＊*_]+|XXX|某某|[\s\u3000]*)$")


def _entries(text: str) -> list[str]:
    """`王某某（书记、主席）、李某某` → the two entries: split at 、，; and spaces outside brackets."""
    out, depth, current = [], 0, ""
    for ch in text:
        depth += ch in "（("
        depth -= ch in "）)"
        if depth == 0 and ch in "、，,；; \u3000" and current.strip() and not current.strip().endswith(("（", "(")):
            out.append(current.strip())
            current = ""
        elif not (depth == 0 and ch in "、，,；; \u3000"):
            current += ch
    if current.strip():
        out.append(current.strip().rstrip("。"))
    return out


def _post_and_name(words: str) -> tuple[str, str]:
    """`副局长周某` → (副局长, 周某); `党组书记、局长何某` → (党组书记、局长, 何某); `各科室负责人` → ("", 各科室负责人)."""
    post = []
    rest = words
    while True:
        found = next((p for p in _POSTS if rest.startswith(p) and len(rest) > len(p)), None)
        if not found:
            break
        post.append(found)
        rest = rest[len(found):].lstrip("、")
    return "、".join(post), rest


def read_leaders(paragraphs: list[str]) -> tuple[list[tuple[str, str, str]], list[str], list[Note]]:
    """(role, name, post) for each member, the paragraphs that held none, and what the editor must fill in."""
    leaders: list[tuple[str, str, str]] = []
    rest: list[str] = []
    role = ""
    for text in paragraphs:
        m = _ROLE_LINE.match(text.strip())
        found = False
        if m:
            role = re.sub(r"\s+", "", m.group(1))
            entries = _entries(m.group(2)) or [""]
            for entry in entries:
                e = re.match(r"^(.*?)\s*[（(](.+)[）)]$", entry)
                name, post = (e.group(1), e.group(2)) if e else (entry, "")
                leaders.append((role, name.strip(), post.strip()))
            found = True
        elif role and len(text) <= 40 and re.match(r"^[\u4e00-\u9fa5*＊Xx]{2,4}\s*[（(]", text):
            for entry in _entries(text):  # a continuation line under the same role
                e = re.match(r"^(.*?)\s*[（(](.+)[）)]$", entry)
                leaders.append((role, (e.group(1) if e else entry).strip(), (e.group(2) if e else "").strip()))
            found = True
        else:
            for clause in re.split(r"[，,。；;]", text):
                c = _ROLE_CLAUSE.match(clause.strip())
                if not c or re.search(r"小组|办公室设在|下设", c.group("who")):
                    continue
                who = c.group("who")
                names = [who] if re.search(r"负责人|全体|各", who) else re.split(r"[、和及]", who)
                shared_post = ""
                for i, one in enumerate(names):
                    post, name = _post_and_name(one.strip())
                    if post:
                        shared_post = post
                    leaders.append((c.group("role"), name, post or (shared_post if i else "")))
                found = True
        if not found:
            rest.append(text)
    notes = []
    blank = [f"{role}：{name or '（空）'}" for role, name, _ in leaders if _PLACEHOLDER.match(name)]
    if blank:
        notes.append(Note(f"领导小组有名字是空的或占位符（{clip('、'.join(blank), 60)}）：照原文导入，请填上名字。"))
    return leaders, rest, notes
