"""Plan documents (.docx, .pdf, .txt, .md) → a flat list of blocks: paragraphs and tables, in order.

Only reading happens here; what the blocks mean is :mod:`.outline`'s job. Every failure is a
:class:`ReadError` whose message names the file and says what to do, in Chinese.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

SUFFIXES = (".docx", ".pdf", ".txt", ".md")


class ReadError(Exception):
    """A document that cannot be read; `str()` is the message for the user."""


@dataclass(frozen=True)
class Block:
    """One paragraph (`rows` empty) or one table (`text` empty) of the document."""

    text: str = ""
    rows: tuple[tuple[str, ...], ...] = field(default_factory=tuple)

    @property
    def is_table(self) -> bool:
        return bool(self.rows)


def read_document(path: Path) -> list[Block]:
    """The document's paragraphs and tables; raises ReadError with the path when it cannot be read."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ReadError(f"{path}: 不认识的文件类型 {suffix or '（没有扩展名）'}。"
                        "请另存为 Word 文档（.docx）、带文字层的 PDF、或纯文本（.txt / .md）后再导入。")
    if not path.is_file():
        raise ReadError(f"{path}: 找不到这个文件。请检查路径。")
    try:
        blocks = {".docx": _docx, ".pdf": _pdf}.get(suffix, _text)(path)
    except ReadError:
        raise
    except Exception as exc:  # a broken file: say which, never a traceback
        what = {".docx": "Word 文档", ".pdf": "PDF"}.get(suffix, "文本文件")
        raise ReadError(f"{path}: 无法作为{what}读取（{type(exc).__name__}: {exc}）。"
                        "文件可能已损坏或被加密；请用 Word/WPS 打开后另存为 .docx 再导入。") from None
    if not any(b.text.strip() or b.is_table for b in blocks):
        hint = "这个 PDF 可能是扫描件（没有文字层），请先做文字识别（OCR）或改用 Word 原稿" if suffix == ".pdf" \
            else "请确认文件内容"
        raise ReadError(f"{path}: 文件里没有读到任何文字。{hint}。")
    return blocks


# -- Word ----------------------------------------------------------------------------------------

def _docx(path: Path) -> list[Block]:
    import docx  # python-docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except Exception as exc:
        if path.read_bytes()[:8].startswith(b"\xd0\xcf\x11\xe0"):
            raise ReadError(f"{path}: 这是旧版 Word 文档（.doc）改了扩展名。请用 Word/WPS 另存为 .docx 后再导入。") from None
        raise ReadError(f"{path}: 无法作为 Word 文档读取（{exc}）。请用 Word/WPS 打开后另存为 .docx 再导入。") from None
    blocks = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            blocks.extend(Block(text=line) for line in item.text.split("\n"))
        elif isinstance(item, Table):
            rows = []
            for row in item.rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = cell.text.strip()
                    cells.append(text)
                rows.append(tuple(cells))
            if rows:
                blocks.append(Block(rows=tuple(rows)))
    return blocks


# -- PDF -----------------------------------------------------------------------------------------

_MARKER = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]|第[一二三四五六七八九十]+阶段|附件|[①-⑳])")


def _pdf(path: Path) -> list[Block]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise ReadError(f"{path}: PDF 已加密，无法读取。请导出一份不加密的 PDF，或改用 Word 原稿。")
        pages = [page.extract_text() or "" for page in reader.pages]
    except PdfReadError as exc:
        raise ReadError(f"{path}: 无法作为 PDF 读取（{exc}）。文件可能已损坏；请改用 Word 原稿。") from None
    lines = [line.rstrip() for page in pages for line in page.strip("\n").split("\n")]
    return [Block(text=p) for p in _paragraphs(lines)]


def _paragraphs(lines: list[str]) -> list[str]:
    """A PDF's text layer has one line per printed line: join the lines of each paragraph again.

    A line clearly shorter than a full line ends its paragraph; a line that is indented or starts
    with a numbering mark (一、 （一） 1. ①) starts a new one.
    """
    full = max((len(line.rstrip()) for line in lines), default=0)
    out: list[str] = []
    open_paragraph = False
    for line in lines:
        text = line.strip()
        if not text:
            open_paragraph = False
            continue
        if open_paragraph and not _MARKER.match(text) and not line[:1].isspace():
            out[-1] += text
        else:
            out.append(text)
        open_paragraph = len(line.rstrip()) >= full * 0.85
    return out


# -- plain text ----------------------------------------------------------------------------------

def _text(path: Path) -> list[Block]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            raise ReadError(f"{path}: 文件既不是 UTF-8 也不是 GBK 编码。请在编辑器中另存为 UTF-8 后再导入。") from None
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if path.suffix.lower() == ".md":
        lines = [re.sub(r"^#{1,6}\s+|^\s*[-*]\s+(?=\S)", "", line) for line in lines]
    return _text_blocks(lines)


def _text_blocks(lines: list[str]) -> list[Block]:
    """Lines as paragraphs; a run of tab-started cells (a Word table saved as text) as a table.

    In such a run each cell starts with a tab, a line without one continues the cell above,
    and a blank line ends the row. Markdown tables (`| a | b |`) are tables too.
    """
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("\t") and line.strip():
            rows, i = _tab_table(lines, i)
            blocks.append(Block(rows=rows))
            continue
        if line.strip().startswith("|") and line.strip().endswith("|"):
            rows_list = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = tuple(c.strip() for c in lines[i].strip().strip("|").split("|"))
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows_list.append(tuple(c.replace("<br>", "\n") for c in cells))
                i += 1
            blocks.append(Block(rows=tuple(rows_list)))
            continue
        blocks.append(Block(text=line))
        i += 1
    return blocks


def _tab_table(lines: list[str], i: int) -> tuple[tuple[tuple[str, ...], ...], int]:
    rows: list[tuple[str, ...]] = []
    row: list[str] = []
    while i < len(lines):
        line = lines[i]
        if line.startswith("\t"):
            row.append(line.strip())
        elif line.strip():
            if not row:  # a plain line after a blank one: the table has ended
                break
            row[-1] = f"{row[-1]}\n{line.strip()}" if row[-1] else line.strip()
        else:
            if row:
                rows.append(tuple(row))
                row = []
            if i + 1 < len(lines) and lines[i + 1].strip() and not lines[i + 1].startswith("\t"):
                i += 1
                break
        i += 1
    if row:
        rows.append(tuple(row))
    return _mend(rows), i


def _mend(rows: list[tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
    """Blank lines inside a cell split a row in two: join a short row with the next when together they fill it."""
    width = max((len(r) for r in rows), default=0)
    out: list[tuple[str, ...]] = []
    for row in rows:
        if out and len(out[-1]) < width and len(out[-1]) + len(row) == width and any(out[-1][1:]):
            out[-1] = out[-1] + row
        else:
            out.append(row)
    return tuple(out)
