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
    assert "打印海报" not in text and "第1页" not in text  # one sheet: no page number
    assert not [w for w in SITE_CHROME if w in text]


A4_CONTENT = {"width": 680, "height": 983}
"""An A4 sheet less the ledger's 15 mm margins, in CSS pixels (96 per inch): the width the printed text gets."""
LINES = """el => { const r = document.createRange(); r.selectNodeContents(el);
    return new Set([...r.getClientRects()].filter(b => b.width > 0).map(b => Math.round(b.top))).size; }"""
"""How many lines an element's text takes, from its line boxes (not from where a PDF reader cuts the text)."""


def test_printed_task_ledger_packs_tasks_onto_numbered_sheets(browser, base):  # noqa: F811
    """Layout is read from the DOM under print media: the first task starts a sheet after the cover, the
    others follow on the same sheets, in order, each task's head (heading, status, requirements) kept in one
    piece, and no date wraps. The PDF gives the sheet size and count, the page numbers in each sheet's foot
    and the absence of chrome."""
    page = browser.new_page(viewport=A4_CONTENT)
    page.goto(base + "2018/tasks/print.html", wait_until="networkidle")
    page.emulate_media(media="print")
    sections = page.eval_on_selector_all("section.wm-print-task", """ss => ss.map(s => ({
        heading: s.querySelector("h2").textContent.trim(),
        breaks: getComputedStyle(s).breakBefore,
        head: getComputedStyle(s.querySelector(".wm-print-head")).breakInside,
        headed: s.querySelector(".wm-print-head").contains(s.querySelector("h2")),
        top: s.getBoundingClientRect().top, bottom: s.getBoundingClientRect().bottom}))""")
    cover = page.eval_on_selector(".wm-print-cover", "c => c.getBoundingClientRect().bottom")
    dates = page.eval_on_selector_all("section.wm-print-task .wm-date",
                                      "cs => cs.map(c => [c.textContent.trim(), (" + LINES + ")(c)])")
    page.close()
    tasks = [s["heading"] for s in sections]
    assert len(tasks) == 46 and tasks[0] == "1-1 制定年度创建工作实施方案"
    assert [s["breaks"] for s in sections] == ["page"] + ["auto"] * (len(sections) - 1)
    assert {(s["head"], s["headed"]) for s in sections} == {("avoid", True)}
    assert cover <= sections[0]["top"] and all(a["bottom"] <= b["top"] for a, b in zip(sections, sections[1:]))
    assert len(dates) > 40 and [d for d in dates if d[1] != 1] == []

    screen, pdf = printed(browser, base + "2018/tasks/print.html")
    assert "用户指南" in screen
    assert 2 < len(pdf.pages) < len(tasks)  # a sheet per task took 62 sheets here; packed, 44
    assert all(close(size(p), A4) for p in pdf.pages)
    texts = [text_of(p) for p in pdf.pages]
    assert not [(i, w) for i, t in enumerate(texts) for w in SITE_CHROME if w in re.sub(r"\s+", "", t)]
    assert "2018年任务台账" in texts[0] and "预计得分" in texts[0]  # the cover's summary table
    numbers = [re.findall(r"第\s*(\d+)\s*[页⻚]\s*/\s*共\s*(\d+)\s*[页⻚]", t) for t in texts]  # ⻚: a radical (not NFKC's)
    assert numbers == [[(str(i), str(len(texts)))] for i in range(1, len(texts) + 1)]


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
