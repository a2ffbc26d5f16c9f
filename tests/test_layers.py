"""The package's folders are its stages, and imports only run downward.

records → judge → site → exports / authoring → the edges (cli, api, hooks/). The test reads every
`import` of every module (top level and inside functions) with `ast`, so a lazy import counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

from helpers import ROOT

PACKAGE = ROOT / "wenming"
LAYER = {"records": 0, "judge": 1, "site": 2, "exports": 3, "authoring": 3}
"""A stage may import stages with a lower number (and itself); equal numbers don't import each other."""
EDGES = {"cli", "api", "settings", "outputs", "__main__", "__init__"}
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
            if stage == "settings":
                if importer not in SETTINGS_USERS:
                    bad.append(where + " (settings is for the edges)")
            elif own in LAYER and stage in EDGES:
                bad.append(where + " (a stage imports an edge)")
            elif own in LAYER and stage in LAYER and stage != own and LAYER[stage] >= LAYER[own]:
                bad.append(where + " (upward or sideways)")
    return bad


def test_the_folders_are_the_stages():
    assert sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").is_file()) == sorted(LAYER)
    assert sorted(p.stem for p in PACKAGE.glob("*.py")) == sorted(EDGES)
    for stage in LAYER:
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


def test_modules_stay_small():
    long = [f"{p.relative_to(ROOT)}: {n}" for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400]
    assert long == []
