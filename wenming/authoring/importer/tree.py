"""The outline of a plan: its paragraphs as a tree of numbered items, from the order the marks appear in. Pure.

Each new style of mark opens a level below the current one; a style already open closes the levels below it
and starts a sibling. So `一、 → （一） → 1. → ①` nests however deep the plan goes and whatever style it starts
with, numbers may skip or restart, and a Word heading without a number is a level of its own. Items written
inside one paragraph (`（一）宣传教育。1.开展…2.开展…`) are split into paragraphs first (:mod:`.marks`), so
they nest the same way. Paragraphs without a mark belong to the item above them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .labels import org_bracket, trailing
from .marks import Mark, inline_items, mark_of


@dataclass
class Para:
    """One paragraph of the document (or one item of a paragraph split at its inline marks)."""

    index: int
    """The document block it came from (for the account of what was imported)."""
    text: str
    """The paragraph as written (for an item: its own words, with its mark)."""
    mark: Mark | None = None
    style: str = ""
    """Word's style hint (`title`, `h1` …)."""
    whole: str = ""
    """For a paragraph split into items: the whole paragraph without its own mark."""
    item: bool = False
    """Split out of the paragraph before it."""
    tail: str = ""
    """Labels or a department bracket that closed a paragraph split into items: they are the head's."""
    part: int = 0
    """Which item of its paragraph (0: the paragraph or its head)."""
    twin: bool = False
    """Numbered in the other script than its siblings (`（10）` among `（九）` `（十一）`)."""


@dataclass
class Node:
    para: Para | None
    """None for the root."""
    children: list["Node"] = field(default_factory=list)
    lines: list[Para] = field(default_factory=list)
    """Paragraphs without a mark that follow this item (its body, or labels)."""
    parent: "Node | None" = None

    @property
    def mark(self) -> Mark:
        assert self.para is not None and self.para.mark is not None
        return self.para.mark

    @property
    def body(self) -> str:
        """The item's own words without its mark."""
        return self.mark.body if self.para is not None and self.para.mark is not None else ""

    @property
    def depth(self) -> int:
        d, node = 0, self.parent
        while node is not None and node.para is not None:
            d, node = d + 1, node.parent
        return d

    def walk(self):
        """This node and all below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def paras(self) -> list[Para]:
        """Every paragraph of this item and below, in document order."""
        out = [self.para] if self.para is not None else []
        out += self.lines
        for child in self.children:
            out += child.paras()
        return sorted(out, key=lambda p: (p.index, p.item))


def split(index: int, text: str, style: str = "") -> list[Para]:
    """A paragraph as one Para, or as its head and its inline items (each item a Para of its own)."""
    mark = mark_of(text)
    if mark is None and style.startswith("h") and style[1:].isdigit() and len(text) <= 40:
        mark = Mark(style, 0, text)
    body = mark.body if mark else text
    own = mark if mark and not mark.style.startswith("h") else None
    head, items = inline_items(body, own)
    if not items or (mark is None and not head):
        return [Para(index, text, mark, style)]
    tail = _tail(body) if mark is None or mark.rank >= 2 else ""  # a category's last item keeps its own
    if tail:
        body = body[:len(body) - len(tail)].rstrip()
        head, items = inline_items(body, own)
    if mark is None:  # an unnumbered lead-in: the items are the children of the item above
        out = [Para(index, head, None, style, whole=body, tail=tail)]
    else:
        prefix = text[:len(text) - len(mark.body)]
        out = [Para(index, prefix + head, Mark(mark.style, mark.number, head), style, whole=body, tail=tail)]
    for n, (item_mark, piece) in enumerate(items, start=1):
        out += [Para(index, piece, item_mark, item=True, part=n)]
    return out


def _tail(body: str) -> str:
    """The labels (`（责任单位：办公室）`) or department bracket (`（办公室负责）`) closing a paragraph."""
    rest, found = trailing(body)
    if found:
        return body[len(rest):]
    bracket = org_bracket(body)
    return body[len(bracket[0]):] if bracket else ""


_TWINS = {"（1）": "（一）", "1.": "一、", "（一）": "（1）", "一、": "1."}


def build(paras: list[Para]) -> Node:
    """The tree of `paras` (see the module docstring); `Para.mark` None goes to the item above it."""
    root = Node(None)
    stack: list[tuple[str, Node]] = [("", root)]
    heading_count: dict[str, int] = {}
    for para in paras:
        mark = para.mark
        if mark is None:
            stack[-1][1].lines.append(para)
            continue
        if mark.style.startswith("h") and not mark.number:
            heading_count[mark.style] = heading_count.get(mark.style, 0) + 1
            para.mark = mark = Mark(mark.style, heading_count[mark.style], mark.body)
        styles = [s for s, _ in stack]
        twin = _TWINS.get(mark.style)
        if mark.style not in styles and twin in styles:  # `（10）` after `（九）`: the same level, written otherwise
            last = stack[styles.index(twin)][1]
            used_below = any(n.para.mark.style == mark.style for n in last.walk() if n is not last and n.para.mark)
            if last.para and last.para.mark and last.para.mark.number + 1 == mark.number and not used_below:
                # (not `3.` after `（二）` when `1. 2.` stood under `（一）`: numbering running on through sections)
                para.mark = mark = Mark(twin, mark.number, mark.body)
                para.twin = True
        if mark.style in styles:
            del stack[styles.index(mark.style):]
        elif mark.style.startswith("h"):  # a heading closes the deeper headings and what is under them
            level = int(mark.style[1:])
            for i, (s, _) in enumerate(stack):
                if s.startswith("h") and int(s[1:]) >= level:
                    del stack[i:]
                    break
        parent = stack[-1][1]
        node = Node(para, parent=parent)
        parent.children.append(node)
        stack.append((mark.style, node))
        for deeper in [s for s in heading_count if s.startswith("h") and mark.style.startswith("h")
                       and int(s[1:]) > int(mark.style[1:])]:
            heading_count[deeper] = 0
    return root
