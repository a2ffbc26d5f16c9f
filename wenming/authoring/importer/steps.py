"""A plan's steps (实施步骤) with their work. Pure.

Plans organised by steps write each step as a heading with its window, then what the step is about and,
often, its numbered work with departments and time limits:

    （二）全面实施阶段（4月—10月）
    按照测评体系分解任务，各科室对照落实。          ← the step's text
    1.每月开展一次服务评议。（责任单位：业务管理科）  ← its work: a task of the step's category (phase:)

A step's unnumbered words become its `text`; its numbered items become the tasks of a category tied to the
step, so the judge holds them to the step's window. A line shaped like a step whose window is not dates
(`20xx年x月`) ends the step before it: what follows is listed for the editor, never given to the wrong step.
"""

from __future__ import annotations

import re

from ...records.dates import cn_number
from .model import CategoryDraft, Note, PhaseDraft, PlanDraft, TaskDraft
from .phases import phase_heading, phase_like, read_phases
from .taskfind import Finder, Ledger
from .taskmake import NO_LIMIT, Maker
from .tree import Node, Para

_NAMED_STEP = re.compile(r"^(?:在|于)?(?P<step>.{2,12}?)(?:阶段|步)?(?:期间|内|中)?(?:完成)?$")


class _Steps:
    def __init__(self, section: Node, make: Maker, ledger: Ledger):
        self.draft, self.ledger = make.draft, ledger
        self.finder = Finder(make, ledger)
        self.nodes = {id(n.para): n for n in section.walk() if n.para is not None}
        self.current: PhaseDraft | None = None
        self.category: CategoryDraft | None = None
        self.done: set[int] = set()

    def heading(self, para: Para) -> bool:
        found = phase_heading(para.text, self.draft.year, self.draft.notes)
        if found is None:
            if phase_like(para.text):  # noted by phase_heading: its words stay listed for the editor
                self.current = self.category = None
                return True
            return False
        self.draft.phases.append(found)
        self.current, self.category = found, None
        self.ledger.use(para)
        return True

    def work(self, node: Node) -> None:
        """A numbered item inside a step: a task of the step's category."""
        step = self.current
        assert step is not None
        if self.category is None:
            self.category = self.finder.new_category(0, f"{step.name}阶段", node.para.text)
            self.category.phase = step.name
            self.category.notes.append(Note(f"这些任务是实施阶段“{step.name}”的工作：按一个方面导入，写了 phase，"
                                            f"只在这一阶段（{_days(step)}）内考核。"))
            self.draft.categories.append(self.category)
        task = self.finder.task(node, self.category)
        self.done.update(id(p) for p in node.paras())
        _in_step_note(task, step)

    def words(self, para: Para) -> None:
        """An unnumbered paragraph: the current step's text, or phases written as prose."""
        if self.current is not None and para.mark is None:
            self.current.text = f"{self.current.text}\n{para.text}" if self.current.text else para.text
            self.ledger.use(para)
            return
        phases, _, notes = read_phases([para.text], self.draft.year)
        self.draft.notes += notes
        if phases:
            self.draft.phases += phases
            self.current = self.category = None
            self.ledger.use(para)


def read_steps(section: Node, make: Maker, ledger: Ledger) -> None:
    """The phases of a 实施步骤 section (or of a section that is itself a step), with their text and work."""
    steps = _Steps(section, make, ledger)
    own = section.para is not None and steps.heading(section.para)
    if not own and section.para is not None:
        make.draft.headings.setdefault("phases", section.para.text)
    for para in section.paras():
        if para is section.para or id(para) in steps.done:
            continue
        if steps.heading(para):
            continue
        node = steps.nodes.get(id(para))
        if steps.current is not None and node is not None and para.mark is not None and node.para is para:
            steps.work(node)
            continue
        steps.words(para)


def _in_step_note(task: TaskDraft, step: PhaseDraft) -> None:
    """A step's task with no time limit of its own: 全年 within the step, and the note says so."""
    if task.defaulted:
        task.notes = [n for n in task.notes if NO_LIMIT not in n.reason]
        task.notes.append(Note(f"{NO_LIMIT}，写作“全年”：它是实施阶段“{step.name}”的工作，只在这一阶段"
                               f"（{_days(step)}）内考核；另有时限请改。", task.source))


def tie_to_steps(draft: PlanDraft) -> None:
    """A task whose time limit is a step (`完成时限：宣传发动阶段`, `第二阶段`) is that step's work (phase:);
    the words are no deadline of their own. `宣传发动阶段前` or `第二阶段结束后` are times, not the step: left alone."""
    if not draft.phases:
        return
    in_steps = {id(t) for c in draft.categories if c.phase for t in c.tasks}
    for task in draft.tasks:
        if id(task) in in_steps:
            continue
        for words in list(task.deadlines):
            step = _step_named(words, draft.phases)
            if step is None:
                continue
            task.phase = step.name
            task.deadlines.remove(words)
            task.notes = [n for n in task.notes if words not in n.reason]
            task.notes.append(Note(f"时限“{words}”是实施阶段“{step.name}”：写成 phase，这项任务只在这一阶段"
                                   f"（{_days(step)}）内考核。", task.source))
            break
        if task.phase and not task.deadlines and not task.frequencies:
            task.deadlines = ["全年"]


def _step_named(words: str, phases: list[PhaseDraft]) -> PhaseDraft | None:
    words = re.sub(r"\s+", "", words).strip("（）()。；;，,")
    m = re.fullmatch(r"第([一二三四五六七八九十]{1,2})(?:阶段|步)(?:期间|内|中)?(?:完成)?", words)
    if m:
        n = cn_number(m.group(1)) or 0
        return phases[n - 1] if 0 < n <= len(phases) else None
    m = _NAMED_STEP.match(words)
    return next((p for p in phases if p.name == m.group("step")), None) if m else None


def _days(step: PhaseDraft) -> str:
    return f"{step.start.month}月{step.start.day}日—{step.end.month}月{step.end.day}日"
