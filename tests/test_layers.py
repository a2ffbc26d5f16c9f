"""The package's folders are its stages, and imports only run downward.

records → judge → site → exports / authoring → the edges (cli, api, the MkDocs adapter, hooks/). The test
reads every `import` of every module (top level and inside functions) with `ast`, so a lazy import counts too.

MkDocs and Material are imported only at the edge that adapts them: `hooks/` and `wenming/mkdocs_adapter/`
(and `wenming.api`, which only starts MkDocs' command line), and only `hooks/` imports the adapter, so the
way out of MkDocs (wenming/site/DESIGN.md, "Moving to Zensical") is one package to replace.
"""

from __future__ import annotations

import ast
from pathlib import Path

from helpers import ROOT

PACKAGE = ROOT / "wenming"
LAYER = {"records": 0, "judge": 1, "site": 2, "exports": 3, "authoring": 3}
"""A stage may import stages with a lower number (and itself); equal numbers don't import each other."""
EDGES = {"cli", "api", "settings", "outputs", "clickwords", "logwords", "__main__", "__init__"}
ADAPTER = "mkdocs_adapter"
"""The edge package between MkDocs' events and the package: imported by `hooks/` only."""
MKDOCS = {"mkdocs", "material"}
MKDOCS_USERS = ("hooks/", f"wenming/{ADAPTER}/", "wenming/api.py")
"""Where `mkdocs` and `material` may be imported (`wenming.api` runs MkDocs' command line)."""
SETTINGS_USERS = {"wenming.cli", "wenming.api", "wenming.outputs", "wenming.authoring.new",
                  "wenming.authoring.importer.command", "wenming.authoring.init"}
"""`settings` reads the environment: only the command line (the commands of `new`, `import` and `init`) and the API may use it."""


def _module(path: Path, root: Path = ROOT) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, root: Path = ROOT) -> list[tuple[int, str]]:
    """(line, absolute module) of each wenming import in the file."""
    module = _module(path, root)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [target] if node.module else [f"{target}.{a.name}" for a in node.names]
            found += [(node.lineno, n) for n in names if n.split(".")[0] == "wenming"]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "wenming"]
    return found


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def upward_imports(root: Path = ROOT) -> list[str]:
    """Every import against the stages in `root`/wenming."""
    bad = []
    for path in sorted((root / "wenming").rglob("*.py")):
        importer = _module(path, root)
        own = _stage(importer)
        for line, target in _imports(path, root):
            where = f"{path.relative_to(root)}:{line}: {importer} imports {target}"
            stage = _stage(target)
            if stage == ADAPTER and own != ADAPTER:
                bad.append(where + " (only hooks/ imports the MkDocs adapter)")
            elif stage == "settings":
                if importer not in SETTINGS_USERS and own != ADAPTER:
                    bad.append(where + " (settings is for the edges)")
            elif own in LAYER and stage in EDGES:
                bad.append(where + " (a stage imports an edge)")
            elif own in LAYER and stage in LAYER and stage != own and LAYER[stage] >= LAYER[own]:
                bad.append(where + " (upward or sideways)")
    return bad


def test_the_folders_are_the_stages():
    assert sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").is_file()) == sorted(
        [*LAYER, ADAPTER])
    assert sorted(p.stem for p in PACKAGE.glob("*.py")) == sorted(EDGES)
    for stage in [*LAYER, ADAPTER]:
        assert ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text(encoding="utf-8")))


def test_imports_only_run_downward():
    assert upward_imports() == []


def test_the_check_sees_an_upward_import(tmp_path):
    """The reader is not blind: a judge module that imports the site is reported with its line. (In a copy
    of the package: a probe in the real one was seen by the other check running beside this one.)"""
    import shutil

    shutil.copytree(PACKAGE, tmp_path / "wenming", ignore=shutil.ignore_patterns("__pycache__"))
    assert upward_imports(tmp_path) == []
    (tmp_path / "wenming" / "judge" / "_probe_upward.py").write_text("from ..site import pages\n", encoding="utf-8")
    assert upward_imports(tmp_path) == [
        "wenming/judge/_probe_upward.py:1: wenming.judge._probe_upward imports wenming.site (upward or sideways)"]


def mkdocs_imports(root: Path = ROOT) -> list[str]:
    """Every import of MkDocs or Material outside `MKDOCS_USERS`, in the package, hooks/ and tools/."""
    bad = []
    for path in sorted(p for folder in ("wenming", "hooks", "tools") for p in (root / folder).rglob("*.py")):
        where = path.relative_to(root).as_posix()
        if where.startswith(MKDOCS_USERS):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            bad += [f"{where}:{node.lineno}: imports {n}" for n in names if n.split(".")[0] in MKDOCS]
    return bad


def test_only_the_adapter_imports_mkdocs():
    assert mkdocs_imports() == []


def test_the_checks_see_mkdocs_outside_the_adapter(tmp_path):
    """A site module that imports Material, and an edge that imports the adapter, are both reported."""
    import shutil

    for folder in ("wenming", "hooks", "tools"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    before = mkdocs_imports(tmp_path), upward_imports(tmp_path)  # [] unless test_only_… or test_imports_… fail
    (tmp_path / "wenming" / "site" / "_probe.py").write_text(
        "def f():\n    from material.plugins.search import plugin\n", encoding="utf-8")
    (tmp_path / "wenming" / "outputs.py").write_text("from .mkdocs_adapter import state\n", encoding="utf-8")
    assert set(mkdocs_imports(tmp_path)) - set(before[0]) == {"wenming/site/_probe.py:2: imports material.plugins.search"}
    assert set(upward_imports(tmp_path)) - set(before[1]) == {
        "wenming/outputs.py:1: wenming.outputs imports wenming.mkdocs_adapter (only hooks/ imports the MkDocs adapter)"}


def test_the_hooks_file_only_wires_events():
    """hooks/wenming_hooks.py is MkDocs' events, each one or two statements calling the adapter, and one session."""
    tree = ast.parse((ROOT / "hooks" / "wenming_hooks.py").read_text(encoding="utf-8"))
    functions = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))]
    assert functions and all(isinstance(f, ast.FunctionDef) and f.name.startswith("on_") for f in functions)
    assert {f.name: len(f.body) for f in functions if len(f.body) > 2} == {}
    assigned = [t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)]
    assert assigned == ["_ROOT", "_session"]


def test_the_adapter_keeps_no_state_at_import():
    """MkDocs never reloads a hooks file (nor the adapter) under `serve`: what lasts between builds is the hooks
    file's `Session`, so no adapter module holds a container or a session of its own at module level."""
    mutable = (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)
    held = []
    for path in sorted((PACKAGE / ADAPTER).glob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            value = node.value if isinstance(node, (ast.Assign, ast.AnnAssign)) else None
            called = value.func.id if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) else ""
            if isinstance(value, mutable) or called in {"dict", "list", "set", "Session", "Build", "defaultdict"}:
                held.append(f"{path.name}:{node.lineno}")
    assert held == []


def test_modules_stay_small():
    long = [f"{p.relative_to(ROOT)}: {n}" for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400]
    assert long == []
