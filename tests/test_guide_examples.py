"""Every record the user guide shows passes `wenming check`, and the guide names statuses as the tool does.

Examples. Every ```yaml block and every ```markdown block that starts with front matter on a guide page (and
in README.md) carries a marker in the page source, in the HTML comments right before its fence (comments do
not show on the site):

- `<!-- check: BASE PATH -->`: the block is the whole file PATH (`data/2018/plan.yml`) of a repository;
- `<!-- check: BASE PATH merge -->`: the block is a piece of PATH: a mapping's keys replace the file's (the
  front matter's, for a `.md` record), a list of records with ids (`rubrics`) item by item; a list of tasks
  replaces the plan's tasks of the same id;
- `<!-- check: none -->`: not a record (a CI or pre-commit configuration);
- `<!-- 错误示例 -->` as well: a deliberate mistake, which `wenming check` must report.

BASE is `sample` (a copy of the sample data/, made of hard links) or `init` / `init:YEAR` (a repository made by
`wenming init --year YEAR`, 2018 by default). A page's examples go, in page order, into one repository per
BASE, and the real `wenming check` runs (in this process) after each: it must pass without an error, or, for a
mistake, report one (and the file is put back). A photo an example names that is not there is put in place,
as the reader would.

Statuses. A sentence that says "状态" and lists three or more of the eight statuses lists all eight, and no
page uses a near-synonym of a status (FORBIDDEN).
"""

from __future__ import annotations

import os
import re
import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from helpers import ROOT
from walkthrough import GUIDE
from wenming.cli import main
from wenming.judge.status import Status

PAGES = [GUIDE / p for p in sorted(os.listdir(GUIDE)) if p.endswith(".md")] + [ROOT / "README.md"]
BLOCK = re.compile(r"(?P<comments>(?:^<!--[^\n]*-->\n)*)^```(?P<lang>[\w-]*)[^\n]*\n(?P<code>.*?)^```$", re.M | re.S)
CHECK = re.compile(r"<!-- check: (?P<spec>[^>]*?) -->")
WRONG = "<!-- 错误示例 -->"
PHOTO = ROOT / "data/2018/activities/2018-03-06-第一期道德讲堂/01.jpg"
DEPARTMENTS = "办公室:bgs,机关党委:jgdw,业务指导科:ywzdk"


@dataclass(frozen=True)
class Example:
    page: str
    line: int
    base: str
    path: str
    merge: bool
    wrong: bool
    code: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}"


def _is_record(lang: str, code: str) -> bool:
    return lang == "yaml" or (lang in ("markdown", "md") and code.startswith("---\n"))


def examples(page: Path) -> tuple[list[Example], list[str]]:
    """The page's marked record examples, and the record blocks without a marker (as `page:line`)."""
    text = page.read_text(encoding="utf-8")
    found, unmarked = [], []
    for m in BLOCK.finditer(text):
        if not _is_record(m["lang"], m["code"]):
            continue
        line = text.count("\n", 0, m.start("lang"))
        spec = CHECK.search(m["comments"])
        if spec is None:
            unmarked.append(f"{page.name}:{line}")
            continue
        words = spec["spec"].split()
        if words == ["none"]:
            continue
        assert len(words) in (2, 3) and words[0].split(":")[0] in ("sample", "init"), f"{page.name}:{line}: {words}"
        found.append(Example(page.name, line, words[0], words[1], words[2:] == ["merge"], WRONG in m["comments"],
                             m["code"]))
    return found, unmarked


ALL = [e for p in PAGES for e in examples(p)[0]]


def test_every_record_example_is_marked():
    unmarked = [u for p in PAGES for u in examples(p)[1]]
    assert unmarked == [], "record examples without a <!-- check: … --> marker"
    assert len(ALL) >= 15


# -- the repositories ---------------------------------------------------------------------------

def _sample(folder: Path) -> Path:
    """A copy of the sample data/ made of hard links: a file is replaced (unlinked first), never written into."""
    shutil.copytree(ROOT / "data", folder / "data", copy_function=os.link)
    return folder / "data"


def _init(folder: Path, year: int) -> Path:
    done = CliRunner().invoke(main, ["init", str(folder), "--name", "示例县档案馆", "--short", "县档案馆",
                                     "--level", "市级", "--status", "创建", "--staff", "32",
                                     "--departments", DEPARTMENTS, "--year", str(year)])
    assert done.exit_code == 0, done.output
    return folder / "data"


def _replace(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)  # a hard link to the sample: never written through
    path.write_text(text, encoding="utf-8")


def _split(path: Path) -> tuple[dict, str | None]:
    """(the YAML mapping, the body after the front matter or None for a .yml file)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        _, head, body = text.split("---\n", 2)
        return yaml.safe_load(head), body
    return yaml.safe_load(text) or {}, None


def _replace_tasks(node, tasks: dict[str, dict]) -> bool:
    """Replace, anywhere under `node`, each task whose id is in `tasks`; whether any was found."""
    found = False
    if isinstance(node, dict):
        for value in node.values():
            found |= _replace_tasks(value, tasks)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            if isinstance(item, dict) and str(item.get("id")) in tasks and "title" in item:
                node[i] = tasks[str(item["id"])]
                found = True
            else:
                found |= _replace_tasks(item, tasks)
    return found


def _merged(path: Path, code: str, where: Example) -> str:
    piece = yaml.safe_load(textwrap.dedent(code))
    data, body = _split(path)
    if isinstance(piece, dict):
        for key, value in piece.items():
            have = data.get(key)
            if isinstance(value, list) and isinstance(have, list) and all(isinstance(v, dict) and "id" in v for v in value):
                ids = {str(v["id"]): v for v in value}  # records with an id: the same id replaced, a new one added
                value = [ids.pop(str(h.get("id")), h) if isinstance(h, dict) else h for h in have] + list(ids.values())
            data[key] = value
    else:
        assert isinstance(piece, list) and _replace_tasks(data, {str(t["id"]): t for t in piece}), \
            f"{where}: no task of the same id in {path}"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return text if body is None else f"---\n{text}---\n{body}"


def _named_photos(path: Path) -> None:
    """Put in place the photos a record names (the reader copies theirs; here a sample photo)."""
    if path.suffix != ".md":
        return
    data, _ = _split(path)
    names = [p["file"] if isinstance(p, dict) else p for p in data.get("photos") or []]
    folder = path.with_suffix("")
    for target in [folder / n for n in names] + ([path.parent / data["photo"]] if data.get("photo") else []):
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(PHOTO, target)


def _check(data: Path) -> tuple[int, str]:
    done = CliRunner().invoke(main, ["check", "--data", str(data)])
    return done.exit_code, done.output


@pytest.mark.parametrize("page", sorted({e.page for e in ALL}))
def test_every_example_passes_check(page, tmp_path):
    repos: dict[str, Path] = {}
    for example in [e for e in ALL if e.page == page]:
        if example.base not in repos:
            folder = tmp_path / example.base.replace(":", "-")
            repos[example.base] = _sample(folder) if example.base == "sample" else \
                _init(folder, int(example.base.partition(":")[2] or 2018))
        data = repos[example.base]
        target = data.parent / example.path
        before = target.read_text(encoding="utf-8") if target.exists() else None
        _replace(target, _merged(target, example.code, example) if example.merge else example.code)
        _named_photos(target)
        code, output = _check(data)
        if example.wrong:
            assert code == 1 and example.path in output, f"{example}: check did not report the mistake:\n{output}"
            if before is None:
                target.unlink()
            else:
                _replace(target, before)
        else:
            assert code == 0, f"{example} ({example.path}) does not pass wenming check:\n{output}"


# -- statuses ---------------------------------------------------------------------------------------

STATUSES = [s.value for s in Status]
FORBIDDEN = ("完成中", "超期", "已逾期", "逾期未完成", "延期", "已过期", "过期", "不达标", "未提交", "待审核", "待审",
             "风险中", "高风险", "已超时", "未启动", "待定", "已开始", "未到期")
"""Near-synonyms of the eight statuses that no page may use (the tool never does)."""
_LISTED = re.compile("(?:" + "|".join(sorted(map(re.escape, STATUSES), key=len, reverse=True)) + ")")
_SEPARATOR = re.compile(r"^[\s*/、，,或和及]*$")


def _prose(page: Path) -> str:
    """The page without its code blocks (commands, records and program output)."""
    return BLOCK.sub("", page.read_text(encoding="utf-8"))


def status_lists(text: str) -> list[list[str]]:
    """Each run of three or more status words separated only by ` / `, `、`, `，`, `或` … in a sentence with 状态."""
    out = []
    for sentence in re.split(r"[。\n]", text):
        if "状态" not in sentence:
            continue
        run: list[str] = []
        last = None
        for m in _LISTED.finditer(sentence):
            if last is not None and not _SEPARATOR.match(sentence[last:m.start()]):
                if len(run) >= 3:
                    out.append(run)
                run = []
            run.append(m.group())
            last = m.end()
        if len(run) >= 3:
            out.append(run)
    return out


def test_the_eight_statuses():
    assert STATUSES == ["达标", "进行中", "有风险", "逾期", "逾期完成", "材料不全", "未开始", "待评定"]
    assert status_lists("每项任务一个状态：**达标 / 进行中 / 有风险 / 逾期 / 未开始**。") == [
        ["达标", "进行中", "有风险", "逾期", "未开始"]]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_status_lists_are_whole(page):
    short = [run for run in status_lists(_prose(page)) if sorted(run) != sorted(STATUSES)]
    assert short == [], f"{page.name} lists statuses but not all eight: {short}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_no_near_synonym_of_a_status(page):
    text = page.read_text(encoding="utf-8")
    used = sorted({w for w in FORBIDDEN if w in text})
    assert used == [], f"{page.name} uses {used}: say it with one of {'、'.join(STATUSES)}"
