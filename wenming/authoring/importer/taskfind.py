"""Categories, tasks and subtasks from the outline of a section (:mod:`.tree`), decided by what items say. Pure.

- An item with labelled lines (`责任单位：` `工作时限：`, glued, spaced, in brackets) or opening with its lead
  (`由办公室牵头，…`) is a task; its numbered items are its subtasks.
- Above the tasks, an item holding tasks is their category. Below the section heading with no labels anywhere,
  the shape decides: an item whose items are written inside its own paragraph is a task with subtasks, unless it
  is numbered as categories are (`（一）`: chengguan's `（一）强化理论武装。一是…；二是…`); an item with items on
  paragraphs of their own is a category when it is numbered as one or reads as a heading (`1.加强思想建设`).
- A task directly under the section heading is in the section's category (`二、工作重点` → `1、…`), unless it is
  numbered as categories are: then it is a category holding itself (`（二）…` closed by `责任单位：` lines).

Labels written after an item's last subitem are the item's when its siblings carry theirs the same way, or when
the subitem is a ① / 一是 item (`…②…` then `责任单位：办公室`).
"""

from __future__ import annotations

import re

from . import labels as lab
from .model import CategoryDraft, Note, TaskDraft, clip
from .phrases import split_evidence
from .taskmake import Maker, clean
from .tree import Node, Para

_TASK_KINDS = ("lead", "coop", "leader", "coleader", "owner", "limit", "content", "standard", "evidence")


class Ledger:
    """Which blocks of the document went into the draft (the rest are listed as not imported)."""

    def __init__(self):
        self.used: set[tuple[int, int]] = set()
        """(block, item of the paragraph) of each paragraph in a field."""

    def use(self, *paras: Para) -> None:
        self.used.update((p.index, p.part) for p in paras)

    def unuse(self, *paras: Para) -> None:
        self.used.difference_update((p.index, p.part) for p in paras)

    def __contains__(self, para: Para) -> bool:
        return (para.index, para.part) in self.used


def line_labels(para: Para) -> dict[str, str] | None:
    found = lab.group(para.text)
    return found if found and set(found) & set(_TASK_KINDS) else None


def own_labels(node: Node) -> bool:
    return any(line_labels(p) for p in node.lines)


def words_of(node: Node) -> str:
    """The item's own words (for a paragraph split into items: the whole paragraph), its mark left out."""
    return (node.para.whole or node.body) if node.para else ""


def labelled(node: Node) -> bool:
    """Does the item say it is a task: labelled lines, labels closing it, or its lead opening it?

    An item with items of its own and only departments in a closing bracket is a heading naming its category's
    departments (`（一）扶残助残志愿服务（责任部门：机关团委）`), not a task."""
    if own_labels(node) or node.para is None:
        return own_labels(node)
    words = words_of(node)
    if lab.prefix(words):
        return True
    found = lab.group(node.para.tail) if node.para.tail else lab.trailing(words)[1]
    if found and (not node.children or set(found) - {"lead", "coop"}):
        return True
    if node.para.tail and not node.children:
        return True
    return not node.children and lab.org_bracket(words) is not None


def lift_labels(section: Node) -> None:
    """Labels after an item's last subitem belong to the item (see the module docstring)."""
    for node in reversed(list(section.walk())):
        parent = node.parent
        if parent is None or parent is section or parent.para is None or not parent.children:
            continue
        if node is not parent.children[-1] or own_labels(parent) or not own_labels(node) or \
                any(own_labels(c) for c in parent.children[:-1]):
            continue
        subitem = node.mark.rank >= 4 or node.para.item
        siblings = parent.parent.children if parent.parent else []
        if subitem or any(own_labels(s) for s in siblings if s is not parent):
            keep = [p for p in node.lines if not line_labels(p)]
            moved = [p for p in node.lines if line_labels(p)]
            first = node.lines.index(moved[0])
            if any(not line_labels(p) for p in node.lines[first:]):
                continue  # words after the labels: they are the subitem's own
            node.lines = keep
            parent.lines += moved


def heading_like(node: Node) -> bool:
    body = node.body.rstrip("。")
    return len(body) <= 20 and not re.search(r"[。；;，,：:]", body)


class Finder:
    """The tasks of one section (or of the sections that are themselves tasks)."""

    def __init__(self, make: Maker, ledger: Ledger, only_labelled: bool = False):
        self.make, self.ledger, self.only_labelled = make, ledger, only_labelled
        self.draft = make.draft
        self.section_category: CategoryDraft | None = None
        self.memo: dict[int, bool] = {}
        self.title, self.source, self.rest = "工作任务", "工作任务", ""

    def below(self, node: Node) -> bool:
        """Is any item below `node` labelled?"""
        key = id(node)
        if key not in self.memo:
            self.memo[key] = any((labelled(c) and c.mark.rank < 4 and not c.para.item) or self.below(c)
                                 for c in node.children)
        return self.memo[key]

    def is_task(self, node: Node, category: CategoryDraft | None) -> bool:
        if labelled(node):
            return True
        if self.below(node):
            return False
        if not node.children or category is not None:
            return True
        if all(c.para.item for c in node.children):
            return node.mark.rank >= 2
        return not (node.mark.rank <= 1 or heading_like(node))

    # -- sections ----------------------------------------------------------------------------------------

    def section(self, section: Node, title: str) -> None:
        """The section's items; the section itself is the category of tasks standing directly under it."""
        self.title = title
        self.source = section.para.text if section.para else title
        self.rest = section.body[len(title):].strip("。；; ") if section.para and section.body.startswith(title) else ""
        lift_labels(section)
        for child in section.children:
            self.visit(child, None)

    def visit(self, node: Node, category: CategoryDraft | None) -> None:
        if category is None and not node.children and node.mark.rank <= 1 and not labelled(node) and \
                len([p for p in node.lines if not line_labels(p)]) >= 2:
            self.paragraphs(node)  # a heading with paragraphs without numbers: each paragraph a task
            return
        if self.is_task(node, category):
            if self.only_labelled and not labelled(node):
                return
            self.task(node, category or self.implicit(node))
            return
        made_here = category is None
        if category is None:
            category = self.category(node)
        else:
            category.intro += [p.text for p in node.lines if not line_labels(p)]
            category.intro.insert(0, node.para.text)
            self.ledger.use(node.para, *node.lines)
        for child in node.children:
            self.visit(child, category)
        if category not in self.draft.categories and category.tasks:
            self.draft.categories.append(category)
        elif made_here and not category.tasks:  # nothing came of it: its words are listed as not imported
            self.ledger.unuse(node.para, *node.lines)

    def paragraphs(self, node: Node) -> None:
        if self.only_labelled:
            return
        category = self.new_category(node.mark.number, node.body, node.para.text)
        self.ledger.use(node.para)
        for number, para in enumerate(node.lines, start=1):
            words, found, orgs = para.text, {}, None
            rest, tail = lab.trailing(words)
            if tail:
                words, found = rest, tail
            bracket_orgs = lab.org_bracket(words)
            if bracket_orgs:
                words, orgs = bracket_orgs
            words, bracket = split_evidence(words)
            task = self.make.task(category, number, clean(words), para.text)
            task.evidence = bracket
            self.make.phrases(task, words, task.evidence)
            if orgs:
                self.make.orgs(task, orgs[0], orgs[1], para.text)
            if found:
                self.make.labels(task, found, para.text)
            self.ledger.use(para)
        category.notes.append(Note(f"这一类没有编号的任务，按段落分成了 {len(category.tasks)} 项。"))
        self.draft.categories.append(category)

    def implicit(self, node: Node) -> CategoryDraft:
        """The category of a task with none above it: itself (`（二）…`), or the section's."""
        if node.mark.rank <= 1:
            category = self.new_category(node.mark.number, words_of(node), node.para.text)
            self.draft.categories.append(category)
            return category
        if self.section_category is None:
            self.section_category = self.new_category(0, self.title, self.source)
            self.section_category.notes.append(Note(f"这些任务直接列在“{clip(self.title, 30)}”下面，没有分类："
                                                    "按这个标题作为一个方面。"))
            if self.rest:
                self.section_category.intro.append(self.rest)
            self.draft.categories.append(self.section_category)
        return self.section_category

    def new_category(self, number: int, words: str, source: str) -> CategoryDraft:
        taken = {c.number for c in self.draft.categories}
        following = max(taken, default=0) + 1
        category = CategoryDraft(number if number and number not in taken and number < 100 else following, "",
                                 clip(source))
        if number and number in taken:
            category.notes.append(Note(f"方面序号 {number} 与前面的重复，按顺序编为第 {category.number} 个方面。请确认。",
                                       clip(source)))
        title, _, rest = words.partition("。")
        title, orgs = _trailing_bracket(title.strip())
        category.title = title or words[:30] or f"第{category.number}方面"
        found = lab.group(orgs) if orgs else None
        names = lab.orgs_clause(orgs) if orgs and not found else None
        if found:
            self.make.labels(category, found, source)
        elif names:
            self.make.orgs(category, names[0], names[1], source)
        elif orgs:
            category.title = f"{title}（{orgs}）"
        return category

    def category(self, node: Node) -> CategoryDraft:
        category = self.new_category(node.mark.number, node.body, node.para.text)
        if node.para.twin:
            category.notes.append(Note(f"方面序号的写法与其他方面不同，按第 {node.mark.number} 个方面导入。", clip(node.para.text)))
        self.ledger.use(node.para)
        _, rest = node.body.split("。", 1) if "。" in node.body.rstrip("。") else (node.body, "")
        if rest.strip():
            category.intro.append(rest.strip())
        for para in node.lines:
            found = line_labels(para)
            if found:
                self.make.labels(category, found, para.text)
            else:
                category.intro.append(para.text)
                if para.tail:  # `组建服务队，一是…；二是…。（责任股室：机关团委）`: the items' departments
                    tail = lab.group(para.tail)
                    bracket = lab.org_bracket("x" + para.tail) if not tail else None
                    if tail:
                        self.make.labels(category, tail, para.text)
                    elif bracket:
                        self.make.orgs(category, bracket[1][0], bracket[1][1], para.text)
            self.ledger.use(para)
        return category

    # -- tasks -------------------------------------------------------------------------------------------

    def task(self, node: Node, category: CategoryDraft, parent: TaskDraft | None = None) -> TaskDraft:
        single = parent is None and category.title and not category.tasks and node.mark.rank <= 1 and \
            category.source == clip(node.para.text)
        number = 1 if single else node.mark.number
        words, found, orgs = self.strip(node, keep_mark=parent is not None)
        own = words.split(node.children[0].para.text, 1)[0] if node.children and node.children[0].para.item \
            else words
        paragraphs, content, evidence = [], [], []
        for para in node.lines:
            labels = line_labels(para)
            if labels:
                for kind, value in labels.items():
                    if kind == "content" and value:
                        content.append(value)
                    elif kind in ("standard", "evidence") and value:
                        evidence.append(value)
                    elif value or kind not in found:
                        found[kind] = f"{found[kind]}、{value}" if found.get(kind) and value and kind in ("lead", "coop") \
                            else value or found.get(kind, "")
            else:
                words_here = para.text
                named = lab.org_bracket(words_here) if not orgs else None
                if named:  # `……。（机关团委负责）` closing the words under a heading: the task's departments
                    words_here, orgs = named
                words_here, bracket_here = split_evidence(words_here)
                paragraphs.append(words_here)
                if bracket_here:
                    evidence.append(bracket_here)
            self.ledger.use(para)
        self.ledger.use(node.para)
        text, bracket = split_evidence(words) if not node.children else (words, "")
        own_text, _ = split_evidence(own) if not node.children else (own, "")
        if bracket:
            evidence.insert(0, bracket)
        # a category made of this one task has the heading as its title: the words under it are the task's
        full = "\n\n".join(x for x in ([] if single and (paragraphs or content) else [text]) + paragraphs + content if x)
        task = self.make.task(category, number, clean(full) or node.para.text, node.para.text, parent)
        task.evidence = "；".join(evidence)
        self.make.phrases(task, "\n".join([own_text, *paragraphs, *content]), task.evidence)
        if orgs:
            self.make.orgs(task, orgs[0], orgs[1], node.para.text)
        if found:
            self.make.labels(task, found, node.para.text)
        for child in node.children:
            if parent is None:
                self.subtask(child, category, task)
            else:  # deeper than subtasks: its words join the subtask's
                task.text += "\n\n" + "\n\n".join(p.text for p in child.paras())
                self.ledger.use(*child.paras())
        return task

    def subtask(self, node: Node, category: CategoryDraft, task: TaskDraft) -> None:
        sub = self.task(node, category, parent=task)
        sub.text = sub.text.rstrip("；;，,") or sub.text
        sub.title = ""

    def strip(self, node: Node, keep_mark: bool = False) -> tuple[str, dict[str, str], tuple[list[str], list[str]] | None]:
        """The item's words without the labels, bracket or clause that name its departments, people or time
        (a subtask `一是…` keeps its 一是: it is a word of the sentence)."""
        words = node.para.text if keep_mark and node.mark.style == "一是" and not node.para.whole else words_of(node)
        found: dict[str, str] = {}
        orgs = None
        if node.para.tail:
            found.update(lab.group(node.para.tail) or {})
            bracket = lab.org_bracket("x" + node.para.tail)
            orgs = bracket[1] if bracket and not found else None
        rest, tail = lab.trailing(words)
        if tail:
            words, found = rest, {**tail, **found}
        begun = lab.prefix(words)
        if begun:
            words, orgs = begun
        if not node.children or node.para.item is False:
            bracket = lab.org_bracket(words)
            if bracket and (not node.children or not found):
                words, orgs = bracket[0], bracket[1]
        return words.strip(), found, orgs


def _trailing_bracket(text: str) -> tuple[str, str]:
    """`创建工作机制方面（办公室、机关党委）` → (创建工作机制方面, 办公室、机关党委)."""
    if not text.endswith(("）", ")")):
        return text, ""
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        depth += text[i] in "）)"
        depth -= text[i] in "（("
        if depth == 0:
            return text[:i].strip(), text[i + 1:-1].strip()
    return text, ""
