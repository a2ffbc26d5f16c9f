"""Printing the built site with Chromium: the A3 honour-roll poster and the printable task ledger.

Pages are printed to PDF the way a person's "Print → Save as PDF" does (the
page's own @page size wins) and the PDF is read back with pypdf: sheet sizes,
sheet counts and the text on the sheets.
"""

from __future__ import annotations

import io
import re
import unicodedata

import pypdf


A3 = (841.89, 1190.55)
A4 = (595.28, 841.89)
SITE_CHROME = ("用户指南", "其他年度", "搜索", "跳转至")
"""Text of the header, tabs, nav and search of every page; none of it belongs on paper."""
HIDDEN = """sel => [...document.querySelectorAll(sel)].map(e => getComputedStyle(e).display)"""


def printed(browser, url: str):  # noqa: F811 - the fixture
    page = browser.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(url, wait_until="networkidle")
        screen = page.inner_text("body")
        pdf = pypdf.PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
        return screen, pdf
    finally:
        page.close()


def text_of(pdf_page) -> str:
    """A sheet's text; NFKC turns the Kangxi radicals some CJK fonts map their glyphs to back into ideographs."""
    return unicodedata.normalize("NFKC", pdf_page.extract_text())


def size(pdf_page) -> tuple[float, float]:
    box = pdf_page.mediabox
    return float(box.width), float(box.height)


def close(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return all(abs(x - y) <= 1.5 for x, y in zip(a, b))


def test_honour_roll_poster_is_one_a3_portrait_sheet(browser, base):  # noqa: F811
    screen, pdf = printed(browser, base + "2018/honors/q1.html")
    assert "打印海报（A3 纵向）" in screen and "用户指南" in screen
    assert len(pdf.pages) == 1
    assert close(size(pdf.pages[0]), A3), size(pdf.pages[0])
    text = re.sub(r"\s+", "", text_of(pdf.pages[0]))
    assert "善行义举榜" in text and "张文静" in text and "陈志强" in text
    assert "打印海报" not in text
    assert not [w for w in SITE_CHROME if w in text]


def test_printed_task_ledger_puts_each_task_on_its_own_sheet(browser, base):  # noqa: F811
    """Sheets from the PDF (size, count, no site chrome); which task starts a sheet from the DOM
    (`break-before: page` on each task's section), never from where a printed line wraps."""
    page = browser.new_page()
    page.emulate_media(media="print")
    page.goto(base + "2018/tasks/print.html", wait_until="networkidle")
    tasks = page.eval_on_selector_all("section.wm-print-task h2", "hs => hs.map(h => h.textContent.trim())")
    breaks = page.eval_on_selector_all("section.wm-print-task", "ss => ss.map(s => getComputedStyle(s).breakBefore)")
    page.close()
    assert len(tasks) == 46 and tasks[0] == "1-1 制定年度创建工作实施方案"
    assert breaks == ["page"] * len(tasks)

    screen, pdf = printed(browser, base + "2018/tasks/print.html")
    assert "用户指南" in screen
    assert len(pdf.pages) >= len(tasks) + 1  # the cover, then a sheet (or more) per task
    assert all(close(size(p), A4) for p in pdf.pages)
    texts = [text_of(p) for p in pdf.pages]
    assert not [(i, w) for i, t in enumerate(texts) for w in SITE_CHROME if w in re.sub(r"\s+", "", t)]
    assert "2018年任务台账" in texts[0] and "预计得分" in texts[0]


def test_print_media_hides_the_site_chrome(browser, base):  # noqa: F811
    page = browser.new_page()
    try:
        for uri in ("2018/honors/q1.html", "2018/tasks/print.html", "2018/tasks/index.html"):
            page.emulate_media(media="screen")
            page.goto(base + uri, wait_until="networkidle")
            assert "none" not in page.evaluate(HIDDEN, ".md-header"), uri
            page.emulate_media(media="print")
            for sel in (".md-header", ".md-tabs", ".md-sidebar", ".md-footer", ".md-search", ".wm-poster-hint"):
                assert set(page.evaluate(HIDDEN, sel)) <= {"none"}, (uri, sel)
            assert page.evaluate(HIDDEN, ".md-sidebar"), uri
    finally:
        page.close()
