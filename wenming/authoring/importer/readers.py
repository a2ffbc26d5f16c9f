"""Plan documents (.docx, .pdf, .txt, .md; .doc and .wps through LibreOffice) → a flat list of blocks.

Only reading happens here; what the blocks mean is :mod:`.outline`'s job. Every failure or refusal is a
:class:`ReadError` whose message names the file and says what to do, in Chinese; the caps of :mod:`.limits`
are checked before the work they protect.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .limits import MAX_BLOCKS, MAX_CHARS, MAX_FILE, MAX_PAGES, READ_SECONDS, Clock, ReadError, size_text

SUFFIXES = (".docx", ".pdf", ".txt", ".md", ".doc", ".wps")

__all__ = ["Block", "ReadError", "SUFFIXES", "read_document", "read_documents"]


@dataclass(frozen=True)
class Block:
    """One paragraph (`rows` empty) or one table (`text` empty) of the document."""

    text: str = ""
    rows: tuple[tuple[str, ...], ...] = field(default_factory=tuple)
    style: str = ""
    """Word's paragraph style as a hint: `title`, `h1`…`h9` (a heading level), or empty."""
    file: str = ""
    """For the second and later documents imported together: the file's name, on the first block only."""

    @property
    def is_table(self) -> bool:
        return bool(self.rows)


def read_documents(paths: list[Path]) -> list[Block]:
    """The blocks of several documents (the plan, then its attachments); each later one starts with `file` set."""
    blocks: list[Block] = []
    for i, path in enumerate(paths):
        found = read_document(path)
        if i and found:
            first = found[0]
            found[0] = Block(first.text, first.rows, first.style, path.name)
        blocks += found
        _cap(blocks, paths[0] if len(paths) == 1 else path)
    return blocks


def _cap(blocks: list[Block], path: Path) -> None:
    chars = sum(len(b.text) + sum(len(c) for r in b.rows for c in r) for b in blocks)
    if chars > MAX_CHARS or len(blocks) > MAX_BLOCKS:
        raise ReadError(f"{path}: 文字太多（{chars} 字，{len(blocks)} 段），超过导入的上限（{MAX_CHARS} 字、{MAX_BLOCKS} 段），"
                        "没有导入。一份实施方案通常不超过几万字：请只导入方案和它的附件。")


def read_document(path: Path) -> list[Block]:
    """The document's paragraphs and tables; raises ReadError with the path when it cannot be read."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ReadError(f"{path}: 不认识的文件类型 {suffix or '（没有扩展名）'}。"
                        "请另存为 Word 文档（.docx）、带文字层的 PDF、或纯文本（.txt / .md）后再导入。")
    if not path.is_file():
        raise ReadError(f"{path}: 找不到这个文件。请检查路径。")
    size = path.stat().st_size
    if size > MAX_FILE:
        raise ReadError(f"{path}: 文件有 {size_text(size)}，超过导入的上限 {size_text(MAX_FILE)}，没有导入。"
                        "实施方案的文件通常不到 1 MB：请确认选对了文件，或去掉其中的图片后再导入。")
    if suffix in (".doc", ".wps"):
        return _converted(path)
    try:
        blocks = {".docx": _docx, ".pdf": _pdf}.get(suffix, _text)(path)
    except ReadError:
        raise
    except RecursionError:
        raise ReadError(f"{path}: 文件的结构嵌套太深，没有导入。请用 Word/WPS 打开后另存为 .docx 再导入。") from None
    except Exception as exc:  # a broken file: say which, never a traceback
        what = {".docx": "Word 文档", ".pdf": "PDF"}.get(suffix, "文本文件")
        raise ReadError(f"{path}: 无法作为{what}读取（{type(exc).__name__}: {exc}）。"
                        "文件可能已损坏或被加密；请用 Word/WPS 打开后另存为 .docx 再导入。") from None
    _cap(blocks, path)
    if not any(b.text.strip() or b.is_table for b in blocks):
        hint = "这个 PDF 可能是扫描件（没有文字层），请先做文字识别（OCR）或改用 Word 原稿" if suffix == ".pdf" \
            else "请确认文件内容"
        raise ReadError(f"{path}: 文件里没有读到任何文字。{hint}。")
    return blocks


# -- .doc and .wps ---------------------------------------------------------------------------------------

def _office() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _converted(path: Path) -> list[Block]:
    """An old Word (.doc) or WPS (.wps) file: converted to .docx by LibreOffice when it is installed."""
    what = "旧版 Word 文档（.doc）" if path.suffix.lower() == ".doc" else "WPS 文档（.wps）"
    office = _office()
    if office is None:
        raise ReadError(f"{path}: 这是{what}，wenming 不能直接读取。请用 Word 或 WPS 打开，"
                        "“另存为” Word 文档（.docx）后再导入（装有 LibreOffice 时 wenming 会自动转换）。")
    with tempfile.TemporaryDirectory() as folder:
        try:
            subprocess.run([office, "--headless", "--convert-to", "docx", "--outdir", folder, str(path)],
                           capture_output=True, timeout=READ_SECONDS, check=False)
        except (subprocess.TimeoutExpired, OSError) as exc:
            raise ReadError(f"{path}: 用 LibreOffice 转换{what}没有成功（{type(exc).__name__}）。"
                            "请用 Word 或 WPS 另存为 .docx 后再导入。") from None
        out = Path(folder) / (path.stem + ".docx")
        if not out.is_file():
            raise ReadError(f"{path}: 用 LibreOffice 转换{what}没有成功。请用 Word 或 WPS 另存为 .docx 后再导入。")
        return _docx(out)


# -- Word ----------------------------------------------------------------------------------------

def _docx(path: Path) -> list[Block]:
    from .wordfile import read_docx

    blocks = []
    for kind, payload in read_docx(path):
        if kind == "t":
            blocks.append(Block(rows=payload))
        else:
            text, style = payload
            blocks.extend(Block(text=line, style=style) for line in text.split("\n"))
    return blocks


# -- PDF -----------------------------------------------------------------------------------------

_MARKER = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]|第[一二三四五六七八九十]+阶段|附件|[①-⑳])")


def _pdf(path: Path) -> list[Block]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    clock = Clock(READ_SECONDS)
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise ReadError(f"{path}: PDF 已加密，无法读取。请导出一份不加密的 PDF，或改用 Word 原稿。")
        try:  # the page tree's own count first: counting the pages one by one takes seconds on a huge file
            count = int(reader.trailer["/Root"]["/Pages"]["/Count"])
        except Exception:  # noqa: BLE001
            count = len(reader.pages)
        if count > MAX_PAGES:
            raise ReadError(f"{path}: PDF 有 {count} 页，超过导入的上限 {MAX_PAGES} 页，没有导入。"
                            "请只导出方案和它的附件，或改用 Word 原稿。")
        pages = []
        for page in reader.pages:
            if clock.over():
                raise ReadError(f"{path}: 读取 PDF 的文字超过 {READ_SECONDS:.0f} 秒（读到第 {len(pages)} 页），没有导入。"
                                "请改用 Word 原稿，或另存一份较小的 PDF。")
            pages.append(page.extract_text() or "")
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
    if len(text) > 2 * MAX_CHARS:
        raise ReadError(f"{path}: 文字太多（{len(text)} 字），超过导入的上限（{MAX_CHARS} 字），没有导入。"
                        "一份实施方案通常不超过几万字：请只导入方案和它的附件。")
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
        if line.strip().startswith("|") and line.strip().endswith("|") and line.strip().count("|") >= 2:
            rows_list = []
            while i < len(lines) and lines[i].strip().startswith("|") and lines[i].strip().count("|") >= 2:
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
