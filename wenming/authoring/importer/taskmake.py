"""Making one task (or subtask) of the draft from the plan's words: its id, departments, people, time limits and
frequencies, with a note wherever the reading is not certain. Pure. Used for numbered paragraphs
(:mod:`.taskfind`) and for the rows of a task table (:mod:`.tasktable`) alike.
"""

from __future__ import annotations

import re

from ...records.model import Unit
from .departments import match_departments, split_names
from .limits import Clock
from .model import CategoryDraft, Note, PlanDraft, TaskDraft, clip
from .phrases import points, read_cell, read_task_phrases, short_title
from .phrasecheck import reads_cycle

_SPACE = re.compile(r"^[\s\u3000]+|[\s\u3000]+$")
NO_LIMIT = "方案没有写这项任务的时限"


def clean(text: str) -> str:
    return _SPACE.sub("", text)


class Maker:
    """What every task needs to be made: the unit (departments), the draft (year, notes) and the time budget."""

    def __init__(self, unit: Unit, draft: PlanDraft, clock: Clock | None = None):
        self.unit, self.draft, self.clock = unit, draft, clock
        self.out_of_time = False

    # -- ids ---------------------------------------------------------------------------------------------

    def task(self, category: CategoryDraft, number: int | None, text: str, source: str,
             parent: TaskDraft | None = None) -> TaskDraft:
        """A new task of `category` (or subtask of `parent`) numbered as the plan numbers it when it can."""
        siblings = parent.subtasks if parent else category.tasks
        base = parent.id if parent else str(category.number)
        seen = {t.id for t in siblings}
        notes = []
        task_id = f"{base}-{number}" if number else ""
        if not number or task_id in seen or number > 99:
            task_id = next(f"{base}-{n}" for n in range(len(siblings) + 1, 999) if f"{base}-{n}" not in seen)
            if number:
                notes.append(Note(f"序号 {number} 重复或超出范围，按顺序编为 {task_id}。", clip(source)))
        text = text.strip() or clean(source) or task_id
        title = short_title(text).strip() or clip(text, 24)
        task = TaskDraft(task_id, text, title, clip(source), notes=notes, parent=parent.id if parent else "")
        siblings.append(task)
        return task

    # -- departments -------------------------------------------------------------------------------------

    def orgs(self, target, lead: list[str], coop: list[str], source: str) -> None:
        """Lead and cooperating department names → the unit's ids; names it does not have are listed."""
        lead_match, coop_match = match_departments(lead, self.unit), match_departments(coop, self.unit)
        target.lead = lead_match.ids
        target.coop = tuple(i for i in coop_match.ids if i not in lead_match.ids)
        if not target.lead and target.coop and not lead_match.unknown:
            target.lead, target.coop = target.coop[:1], target.coop[1:]
        target.aliases = lead_match.aliases + coop_match.aliases
        unknown = [n for n in lead_match.unknown + coop_match.unknown if n]
        for name in unknown:
            if name not in self.draft.unknown_orgs:
                self.draft.unknown_orgs.append(name)
        if unknown:
            target.notes.append(Note(f"部门 {'、'.join(unknown)} 不在 unit.yml 的 departments 里，没有写进 lead/coop。"
                                     "请在 unit.yml 添加后补上，或改成已有的部门。", clip(source)))

    def assign(self, target, words: str, source: str) -> None:
        """`****牵头，各同创单位配合` or `办公室、宣教部` → the target's lead and coop."""
        lead_words = re.search(r"([^，,；;。]*?)(?:负责)?牵头", words)
        coop_words = re.search(r"(?:牵头[，,；;]?)?([^，,；;。]*?)(?:协助|配合|参与)", words)
        if lead_words:
            lead = split_names(lead_words.group(1))
            coop = split_names(coop_words.group(1)) if coop_words else []
        else:
            names = split_names(words)
            lead, coop = names[:1], names[1:]
        self.orgs(target, lead, coop, source)

    # -- labels ------------------------------------------------------------------------------------------

    def labels(self, target, found: dict[str, str], source: str) -> None:
        """Departments to lead/coop; people to owner, leader; 工作时限 to the time limit (read as a whole)."""
        lead, coop = found.get("lead", ""), found.get("coop", "")
        if lead or coop:
            if lead and coop:
                self.orgs(target, split_names(re.sub(r"牵头|负责", "", lead)), split_names(re.sub(r"配合|协助", "", coop)),
                          source)
            else:
                self.assign(target, lead or coop, source)
                if coop and not lead:
                    target.coop, target.lead = target.lead + target.coop, ()
        if not isinstance(target, TaskDraft):
            return
        if found.get("owner"):
            target.owner = found["owner"]
        leader, coleader = found.get("leader", ""), found.get("coleader", "")
        if leader or coleader:
            target.leader = f"{leader}；配合领导：{coleader}" if leader and coleader else leader or f"配合领导：{coleader}"
        if found.get("limit"):
            self.limit(target, found["limit"], source)

    def limit(self, task: TaskDraft, words: str, source: str) -> None:
        """A 工作时限 (label or table cell): its phrases join the text's own dates; a cycle in it is a frequency."""
        deadlines, frequencies, unread = read_cell(words, self.draft.year)
        base = [] if task.defaulted else task.deadlines
        task.deadlines = list(dict.fromkeys(base + deadlines + unread))
        task.frequencies = list(dict.fromkeys(task.frequencies + frequencies))
        task.notes = [n for n in task.notes if NO_LIMIT not in n.reason]
        if unread:
            task.notes.append(Note(f"时限“{'；'.join(unread)}”看不懂，照原文写在 deadline（检查会标出）：请改成能读懂的写法，"
                                   "或删掉后写 rules。", clip(source)))
        self.default(task)

    # -- phrases -----------------------------------------------------------------------------------------

    def phrases(self, task: TaskDraft, words: str, evidence: str = "") -> None:
        """The time limits and frequencies in the task's own words (not its subtasks')."""
        if self.clock is not None and self.clock.over():
            self.out_of_time = True
            task.notes.append(Note("导入时间超过上限，这一项的时限和频次没有读：请照原文填写 deadline / frequency。"))
            task.deadlines, task.frequencies = [], []
        else:
            found = read_task_phrases(words, evidence, self.draft.year)
            task.deadlines, task.frequencies = found.deadlines, found.frequencies
            for reason, clause in found.unsure:
                task.notes.append(Note(reason, clause))
        if not task.parent:
            task.points = points(words)
            self.default(task)

    def default(self, task: TaskDraft) -> None:
        """No time limit in the plan: 全年, marked; unless a cycle (`每季度…`) sets the times all year round;
        never for a subtask (its task's time holds)."""
        if task.parent:
            task.defaulted = False
            return
        task.defaulted = not task.deadlines and not reads_cycle(task.frequencies, self.draft.year)
        task.notes = [n for n in task.notes if NO_LIMIT not in n.reason]
        if task.defaulted:
            task.deadlines = ["全年"]
            task.notes.append(Note(f"{NO_LIMIT}，按年度方案写作“全年”（{self.draft.year}年12月31日前）；另有时限请改。",
                                   task.source))


def close(category: CategoryDraft, draft: PlanDraft) -> None:
    """The category joins the draft; one without tasks is listed as not imported instead."""
    if not category.title:
        category.title = f"第{category.number}方面"
    if not category.tasks:
        if category in draft.categories:
            draft.categories.remove(category)
        draft.leftovers += [category.source] + category.intro
        return
    if category not in draft.categories:
        draft.categories.append(category)
