"""A Word document (.docx) → paragraphs and tables, read from its XML with every size capped. Pure but for the file.

Word's automatic numbering is written where Word shows it: a paragraph numbered by numbering.xml (directly or
through its style) gets the number as text (`一、` `（二）` `3.` `①`), counted as Word counts it. Heading
styles (Heading 1, 标题 2, an outline level) are kept as a hint. Merged cells are read as Word shows them: a
cell spanning columns (gridSpan) fills them, a cell merged down (vMerge) repeats the text above it.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from .limits import MAX_COLUMNS, MAX_MEMBER, MAX_MEMBERS, MAX_RATIO, MAX_ROWS, ReadError, size_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _member(z: zipfile.ZipFile, name: str, path: Path, required: bool = False) -> bytes | None:
    """One part of the package, refused when it inflates beyond the caps (a zip bomb), never inflated first."""
    try:
        info = z.getinfo(name)
    except KeyError:
        if required:
            raise ReadError(f"{path}: 不是 Word 文档（里面没有 {name}）。请用 Word/WPS 打开后另存为 .docx 再导入。") from None
        return None
    if info.file_size > MAX_MEMBER or info.file_size > MAX_RATIO * max(info.compress_size, 1024):
        raise ReadError(f"{path}: 文档的 {name} 解压后有 {size_text(info.file_size)}（压缩前 {size_text(info.compress_size)}），"
                        f"超过上限 {size_text(MAX_MEMBER)}，像是“压缩炸弹”，没有导入。请用 Word/WPS 打开后另存为 .docx 再导入。")
    with z.open(info) as handle:
        data = handle.read(MAX_MEMBER + 1)
    if len(data) > MAX_MEMBER:
        raise ReadError(f"{path}: 文档的 {name} 解压后超过 {size_text(MAX_MEMBER)}，没有导入。")
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data:
        raise ReadError(f"{path}: 文档的 {name} 含有 DTD 声明，Word 不会这样写，没有导入。请用 Word/WPS 另存为 .docx 再导入。")
    return data


def _xml(data: bytes, name: str, path: Path) -> ElementTree.Element:
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise ReadError(f"{path}: 文档的 {name} 不是完整的 XML（{exc}）。文件可能已损坏；请用 Word/WPS 打开后另存为 .docx。") from None


def _int(value: str | None, default: int = 0, top: int = 10_000) -> int:
    try:
        return max(0, min(int(value or default), top))
    except ValueError:
        return default


# -- numbering ------------------------------------------------------------------------------------------

_CN = "零一二三四五六七八九"


def _chinese(n: int) -> str:
    if n < 10:
        return _CN[n]
    if n < 20:
        return "十" + (_CN[n % 10] if n % 10 else "")
    if n < 100:
        return _CN[n // 10] + "十" + (_CN[n % 10] if n % 10 else "")
    return str(n)


def _format(fmt: str, n: int) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographTraditional", "taiwaneseCounting",
               "chineseLegalSimplified", "ideographLegalTraditional", "taiwaneseCountingThousand"):
        return _chinese(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "circleNumDbPlain") and 1 <= n <= 20:
        return chr(ord("①") + n - 1)
    if fmt in ("lowerLetter", "upperLetter") and 1 <= n <= 26:
        return chr((ord("a") if fmt == "lowerLetter" else ord("A")) + n - 1)
    if fmt in ("lowerRoman", "upperRoman") and 1 <= n <= 20:
        roman = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv",
                 "xvi", "xvii", "xviii", "xix", "xx"][n - 1]
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


class Numbering:
    """numbering.xml: each list's levels (format, text, start) and the counters as the document goes."""

    def __init__(self, root: ElementTree.Element | None):
        self.abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        if root is None:
            return
        for a in root.iter(f"{W}abstractNum"):
            levels = {}
            for lvl in a.iter(f"{W}lvl"):
                ilvl = _int(lvl.get(f"{W}ilvl"), top=8)
                fmt = lvl.find(f"{W}numFmt")
                text = lvl.find(f"{W}lvlText")
                start = lvl.find(f"{W}start")
                levels[ilvl] = (fmt.get(f"{W}val", "decimal") if fmt is not None else "decimal",
                                text.get(f"{W}val", "") if text is not None else "",
                                _int(start.get(f"{W}val") if start is not None else None, 1))
            self.abstract[a.get(f"{W}abstractNumId", "")] = levels
        for num in root.iter(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            starts = {}
            for override in num.iter(f"{W}lvlOverride"):
                start = override.find(f"{W}startOverride")
                if start is not None:
                    starts[_int(override.get(f"{W}ilvl"), top=8)] = _int(start.get(f"{W}val"), 1)
            self.nums[num.get(f"{W}numId", "")] = (ref.get(f"{W}val", "") if ref is not None else "", starts)

    def label(self, num_id: str, ilvl: int) -> str:
        """The number Word shows before the next paragraph of list `num_id` at level `ilvl` (`（三）`)."""
        if num_id not in self.nums or num_id == "0":
            return ""
        abstract_id, starts = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, [0] * 9)
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        if counters[ilvl] == 0:
            counters[ilvl] = starts.get(ilvl, levels[ilvl][2])
        else:
            counters[ilvl] += 1
        fmt, text, _ = levels[ilvl]
        if fmt in ("bullet", "none"):
            return ""

        def level_number(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            if k not in levels:
                return ""
            return _format(levels[k][0], max(counters[k], levels[k][2]))
        return re.sub(r"%([1-9])", level_number, text)


# -- styles -----------------------------------------------------------------------------------------------

def _styles(root: ElementTree.Element | None) -> dict[str, tuple[int, str, int]]:
    """style id → (heading level or 0, its list's numId, its list level)."""
    out: dict[str, tuple[int, str, int]] = {}
    if root is None:
        return out
    for style in root.iter(f"{W}style"):
        sid = style.get(f"{W}styleId", "")
        name_el = style.find(f"{W}name")
        name = (name_el.get(f"{W}val", "") if name_el is not None else "").lower()
        m = re.match(r"(?:heading|标题)\s*(\d)", name) or re.match(r"(?:heading|标题)(\d)", sid.lower())
        level = int(m.group(1)) if m else 0
        ppr = style.find(f"{W}pPr")
        outline = ppr.find(f"{W}outlineLvl") if ppr is not None else None
        if not level and outline is not None:
            level = _int(outline.get(f"{W}val"), top=8) + 1
        num = ppr.find(f"{W}numPr") if ppr is not None else None
        num_id, ilvl = "", 0
        if num is not None:
            nid, lvl = num.find(f"{W}numId"), num.find(f"{W}ilvl")
            num_id = nid.get(f"{W}val", "") if nid is not None else ""
            ilvl = _int(lvl.get(f"{W}val") if lvl is not None else None, top=8)
        if name == "title" or sid.lower() == "title":
            level = -1
        out[sid] = (level, num_id, ilvl)
    return out


# -- the body ---------------------------------------------------------------------------------------------

def _text(element: ElementTree.Element) -> str:
    parts = []
    for node in element.iter():
        tag = node.tag
        if tag == f"{W}t" and node.text:
            parts.append(node.text)
        elif tag == f"{W}tab":
            parts.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
    return "".join(parts)


def read_docx(path: Path):
    """(paragraphs and tables in order, as (kind, payload)): ("p", (text, style)) or ("t", rows)."""
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        if path.read_bytes()[:8].startswith(b"\xd0\xcf\x11\xe0"):
            raise ReadError(f"{path}: 这是旧版 Word 文档（.doc）改了扩展名。请用 Word/WPS 另存为 .docx 后再导入。") from None
        raise ReadError(f"{path}: 无法作为 Word 文档读取（{exc}）。请用 Word/WPS 打开后另存为 .docx 再导入。") from None
    with z:
        if len(z.infolist()) > MAX_MEMBERS:
            raise ReadError(f"{path}: 文档里有 {len(z.infolist())} 个部件，不像 Word 文档，没有导入。")
        body = _xml(_member(z, "word/document.xml", path, required=True), "word/document.xml", path)
        numbering_data = _member(z, "word/numbering.xml", path)
        styles_data = _member(z, "word/styles.xml", path)
    numbering = Numbering(_xml(numbering_data, "word/numbering.xml", path) if numbering_data else None)
    styles = _styles(_xml(styles_data, "word/styles.xml", path) if styles_data else None)
    root = body.find(f"{W}body")
    out: list[tuple[str, object]] = []
    for element in (root if root is not None else []):
        if element.tag == f"{W}p":
            out.append(("p", _paragraph(element, numbering, styles)))
        elif element.tag == f"{W}tbl":
            rows = _table(element, path)
            if rows:
                out.append(("t", rows))
        elif element.tag == f"{W}sdt":  # a content control: its paragraphs
            for p in element.iter(f"{W}p"):
                out.append(("p", _paragraph(p, numbering, styles)))
    return out


def _paragraph(p: ElementTree.Element, numbering: Numbering, styles: dict) -> tuple[str, str]:
    ppr = p.find(f"{W}pPr")
    style_id = ""
    num_id, ilvl = "", 0
    outline = None
    if ppr is not None:
        ps = ppr.find(f"{W}pStyle")
        style_id = ps.get(f"{W}val", "") if ps is not None else ""
        num = ppr.find(f"{W}numPr")
        if num is not None:
            nid, lvl = num.find(f"{W}numId"), num.find(f"{W}ilvl")
            num_id = nid.get(f"{W}val", "") if nid is not None else ""
            ilvl = _int(lvl.get(f"{W}val") if lvl is not None else None, top=8)
        ol = ppr.find(f"{W}outlineLvl")
        outline = _int(ol.get(f"{W}val"), top=8) + 1 if ol is not None else None
    level, style_num, style_lvl = styles.get(style_id, (0, "", 0))
    if not num_id and style_num:
        num_id = style_num
        ilvl = ilvl or style_lvl
    text = _text(p)
    label = numbering.label(num_id, ilvl) if num_id and text.strip() else ""
    hint = "title" if level == -1 else f"h{level}" if level else f"h{outline}" if outline else ""
    return (label + text if label else text), hint


def _table(tbl: ElementTree.Element, path: Path) -> tuple[tuple[str, ...], ...]:
    rows: list[list[str]] = []
    merged_above: dict[int, str] = {}
    for tr in tbl.iter(f"{W}tr"):
        if len(rows) >= MAX_ROWS:
            raise ReadError(f"{path}: 表格超过 {MAX_ROWS} 行，没有导入。请只保留方案里的表格后再导入。")
        row: list[str] = []
        for tc in tr.findall(f"{W}tc"):
            tcpr = tc.find(f"{W}tcPr")
            span, merge = 1, None
            if tcpr is not None:
                gs = tcpr.find(f"{W}gridSpan")
                span = _int(gs.get(f"{W}val"), 1, top=MAX_COLUMNS) if gs is not None else 1
                vm = tcpr.find(f"{W}vMerge")
                merge = (vm.get(f"{W}val") or "continue") if vm is not None else None
            text = "\n".join(_text(p) for p in tc.iter(f"{W}p")).strip()
            col = len(row)
            if merge == "continue":
                text = merged_above.get(col, "")
            elif merge == "restart":
                merged_above[col] = text
            else:
                merged_above.pop(col, None)
            for _ in range(max(1, min(span, MAX_COLUMNS - len(row)))):
                row.append(text)
            if len(row) >= MAX_COLUMNS:
                break
        if any(row):
            rows.append(row)
    width = max((len(r) for r in rows), default=0)
    return tuple(tuple(r + [""] * (width - len(r))) for r in rows)
