"""Reading the site on a phone (390×844) and its tables on a desktop (1400×900), in a real browser:
no visible text under 12 px, every tap target (link, button, summary) 24 px high or spaced so that a
24 px circle round its centre touches no other target (WCAG 2.5.8), the short columns of a table
(部门, 时限, 截止日期) never a character or two wide, and a poster's names wrapping whole.

Everything is read from the DOM: computed font sizes, element and line boxes."""

from __future__ import annotations

import pytest

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1400, "height": 900}
PAGES = {
    "home": "index.html", "ledger": "2018/tasks/index.html", "task": "2018/tasks/5-2.html",
    "activity": "2018/activities/2018-03-06-diyiqidaodejiangtang.html", "month": "2018/months/05.html",
    "honours": "2018/honors/index.html", "department": "2018/departments/xjb.html",
    "documents": "2018/documents/index.html", "plan": "2018/plan.html",
}
"""The pages a colleague opens on a phone: home, the ledger, a task, an activity, a month, the honour
roll, a department, the documents and the plan."""

SEEN = """() => {
    // What a person sees: rendered, not hidden by CSS, inside the screen's width (the closed nav drawer
    // is moved off it); folded <details> are opened first, but not the editors' "编辑" note.
    const onscreen = b => b.width > 0 && b.height > 0 && b.right > 0 && b.left < innerWidth;
    const drawer = document.getElementById('__drawer');
    window.wmSeen = e => e.checkVisibility({contentVisibilityAuto: true, opacityProperty: true, visibilityProperty: true})
        && !(e.closest('.md-sidebar--primary') && drawer && !drawer.checked) && !e.closest('.wm-edit')
        && [...e.getClientRects()].some(onscreen);
    window.wmBoxes = n => { const r = document.createRange(); r.selectNodeContents(n); return [...r.getClientRects()].filter(onscreen); };
}"""
SMALL_TEXT = """() => {
    const small = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n; (n = walker.nextNode());) {
        const e = n.parentElement;
        if (!n.textContent.trim() || !e || e.closest('script, style, svg') || !wmSeen(e) || !wmBoxes(n).length) continue;
        const size = parseFloat(getComputedStyle(e).fontSize);
        if (size < 12) small.push(`${e.tagName.toLowerCase()}.${e.className} ${size.toFixed(1)}px: ${n.textContent.trim().slice(0, 20)}`);
    }
    return small;
}"""
CROWDED = """() => {
    const targets = [...document.querySelectorAll('a[href], button, summary, input:not([type=hidden]), select')]
        .filter(wmSeen).map(e => ({e, boxes: [...e.getClientRects()].filter(b => b.width > 0 && b.height > 0)}));
    const boxes = targets.flatMap((t, i) => t.boxes.map(b => ({i, b, small: b.width < 24 || b.height < 24,
        x: b.left + b.width / 2, y: b.top + b.height / 2})));
    const name = e => `${e.tagName.toLowerCase()}.${e.className} "${e.textContent.trim().slice(0, 12)}"`;
    const crowded = [];
    for (const a of boxes.filter(a => a.small)) {
        const near = boxes.find(o => o.i !== a.i && (
            Math.hypot(Math.max(o.b.left - a.x, 0, a.x - o.b.right), Math.max(o.b.top - a.y, 0, a.y - o.b.bottom)) < 12
            || (o.small && Math.hypot(o.x - a.x, o.y - a.y) < 24)));
        if (near) crowded.push(`${name(targets[a.i].e)} (${Math.round(a.b.width)}×${Math.round(a.b.height)}) next to ${name(targets[near.i].e)}`);
    }
    return crowded;
}"""
OPEN_DETAILS = "() => document.querySelectorAll('details:not(.wm-edit)').forEach(d => { d.open = true; })"


@pytest.fixture(scope="module")
def phone(browser, base):
    """Each page of PAGES opened at 390×844 with its folds open: {name: (small text, crowded targets)}."""
    page = browser.new_page(viewport=PHONE)
    found = {}
    try:
        for name, uri in PAGES.items():
            page.goto(base + uri, wait_until="load")
            page.evaluate(OPEN_DETAILS)
            page.evaluate(SEEN)
            found[name] = (page.evaluate(SMALL_TEXT), page.evaluate(CROWDED))
    finally:
        page.close()
    return found


def test_no_text_on_a_phone_is_under_12_px(phone):
    assert {name: small[:5] for name, (small, _) in phone.items() if small} == {}


def test_tap_targets_on_a_phone_are_24_px_or_spaced_apart(phone):
    assert {name: crowded[:5] for name, (_, crowded) in phone.items() if crowded} == {}


def test_no_text_on_a_desktop_is_under_12_px(browser, base):
    page = browser.new_page(viewport=DESKTOP)
    small = {}
    try:
        for name in ("ledger", "task", "department", "activity"):
            page.goto(base + PAGES[name], wait_until="load")
            page.evaluate(OPEN_DETAILS)
            page.evaluate(SEEN)
            if found := page.evaluate(SMALL_TEXT):
                small[name] = found[:5]
    finally:
        page.close()
    assert small == {}


SHORT_COLUMNS = ("牵头部门", "配合部门", "部门", "时限", "截止日期")
COLUMNS = """short => [...document.querySelectorAll('article table.wm-table')].flatMap(t => {
    const head = [...(t.tHead ? t.tHead.rows[0].cells : [])];
    return head.map((th, i) => [th, i]).filter(([th]) => short.includes(th.textContent.trim())).map(([th, i]) => {
        const size = parseFloat(getComputedStyle(t.tBodies[0].rows[0].cells[i] || th).fontSize);
        return [th.textContent.trim(), th.getBoundingClientRect().width / size];
    });
})"""


def test_short_columns_are_readable_on_a_desktop(browser, base):
    """At 1400×900 a department or deadline column is at least four characters wide, so 宣传教育部 or
    5月底 stays on one line (it was squeezed to one or two characters a line beside a long 情况)."""
    page = browser.new_page(viewport=DESKTOP)
    widths = {}
    try:
        for name in ("ledger", "month", "documents", "plan"):
            page.goto(base + PAGES[name], wait_until="load")
            widths[name] = page.evaluate(COLUMNS, list(SHORT_COLUMNS))
    finally:
        page.close()
    assert all(widths.values()) and {c for found in widths.values() for c, _ in found} >= {"牵头部门", "时限", "部门"}
    narrow = {name: [(c, round(w, 1)) for c, w in found if w < 4] for name, found in widths.items()}
    assert {name: found for name, found in narrow.items() if found} == {}


LINES = """el => { const r = document.createRange(); r.selectNodeContents(el);
    return new Set([...r.getClientRects()].filter(b => b.width > 0).map(b => Math.round(b.top))).size; }"""
MM = 96 / 25.4


@pytest.mark.parametrize("uri", ["2018/honors/q1.html", "2018/honors/q3.html"])
def test_poster_names_wrap_whole(browser, base, uri):
    """On the A3 poster (print media, the sheet's width) a person's name, and their department or identity,
    each take one line: they wrap between each other (or below the photo), never inside one."""
    page = browser.new_page(viewport={"width": round(269 * MM), "height": round(394 * MM)})
    try:
        page.emulate_media(media="print")
        page.goto(base + uri, wait_until="networkidle")
        names = page.eval_on_selector_all(".wm-poster .wm-honor-name", f"es => es.map(e => [e.textContent, ({LINES})(e)])")
    finally:
        page.close()
    assert len(names) >= 4 and len(names) % 2 == 0  # a name and a department or identity per person
    assert [n for n in names if n[1] != 1] == []


def test_step_names_stay_on_one_line_on_a_phone(browser, base):
    """The plan's table of steps at 390×844: 宣传发动 on one line, not a character or two a line."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(base + PAGES["plan"], wait_until="load")
        cells = page.locator("tr[id^=phase-] td.wm-step-name")
        lines = [cells.nth(i).evaluate(LINES) for i in range(cells.count())]
        wide = page.evaluate("() => document.documentElement.scrollWidth")
    finally:
        page.close()
    assert lines and set(lines) == {1} and wide <= 390
