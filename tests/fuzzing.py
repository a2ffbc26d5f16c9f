"""Seeded random damage to the fixture data, and what the tool must do with it.

`mutate(data, rng)` breaks a copy of the fixture the way a careless or hostile editor would
(a value replaced by something odd, a line deleted, duplicated or re-indented, a file emptied
or truncated, stray bytes, a symlink, a bad year folder). `run_case` checks and, when the data
passes, evaluates and renders it, and reports what went wrong: a traceback, a hang, an error
that names no file (or no line, for YAML), or NaN/infinity accepted into the model.

Run 1,000 cases outside the suite: `PYTHONPATH=$PWD python3 tests/fuzzing.py 1000`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import os
import random
import re
import shutil
import signal
import sys
import time
import traceback
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "base"
AS_OF = dt.date(2018, 6, 30)
HANG_SECONDS = 10

ODD_VALUES = [
    "", "~", ".nan", ".NaN", ".inf", "-.inf", "-1", "0", "1e400", "1.0e+400", "9" * 5000, "99999999999",
    "0000-01-01", "9999-12-31", "2018-02-30", "[", "{", "]", "'", '"', "&a [*a, *a]", "*nothing",
    "\x01", "\x7f", "\u2028", "!!python/object/apply:os.system ['true']", "!!binary AAAA", "<script>alert(1)</script>",
    "{: onfocus=alert(1) }", "【第一段：提示。】", "x" * 5000, "true", "null", "[1, 2, 3]", "{a: 1}", "- a",
    "1:30:00", "0x" + "f" * 30, "0o777", "+.5", "3月6日", "全年不少于99999999999次", "活动结束99999999999日内",
    "[" * 300 + "]" * 300, "\t", "\ufeff", "2018-Q9", "📷" * 50,
]
NUMERIC_KEYS = ("volunteer_hours", "participants", "volunteers", "registered", "count", "photos", "points",
                "full_at", "zero_below", "step", "min", "score")
ODD_NUMBERS = [".nan", ".inf", "-.inf", "1.0e+400", "1.0e+308", "9" * 5000, "99999999999", "-1", "0"]
BOMB = ("\n".join(["b0: &b0 [x, x, x, x, x, x, x, x, x, x]"]
                  + [f"b{i}: &b{i} [{', '.join(f'*b{i - 1}' for _ in range(10))}]" for i in range(1, 9)]))


def _files(data: Path) -> list[Path]:
    return sorted(p for p in data.rglob("*") if p.is_file() and not p.is_symlink() and p.suffix in (".yml", ".md"))


def mutate(data: Path, rng: random.Random) -> str:
    """Apply one random mutation to the data folder; returns a description of it."""
    files = _files(data)
    if not files:
        return "no file left"
    path = rng.choice(files)
    rel = path.relative_to(data).as_posix()
    lines = path.read_text(encoding="utf-8", errors="surrogateescape").split("\n")
    kind = rng.choice(["value", "value", "value", "value", "number", "number", "number", "number", "delete", "duplicate", "indent", "bytes", "truncate",
                       "empty", "key", "bomb", "symlink", "year", "swap"])
    i = rng.randrange(len(lines))
    if kind == "value":
        candidates = [n for n, line in enumerate(lines) if ":" in line and not line.startswith("---")]
        i = rng.choice(candidates) if candidates else i
        head = lines[i].split(":", 1)[0] if ":" in lines[i] else lines[i]
        value = rng.choice(ODD_VALUES)
        lines[i] = f"{head}: {value}"
        desc = f"{rel}:{i + 1} value {value[:30]!r}"
    elif kind == "number":  # an odd number where the data holds a number (inline mappings too)
        spots = [(f, n) for f in files for n, line in enumerate(f.read_text(encoding="utf-8", errors="replace")
                                                               .split("\n"))
                 if any(f"{k}:" in line for k in NUMERIC_KEYS)]
        path, i = rng.choice(spots)
        rel = path.relative_to(data).as_posix()
        lines = path.read_text(encoding="utf-8", errors="surrogateescape").split("\n")
        key = rng.choice([k for k in NUMERIC_KEYS if f"{k}:" in lines[i]])
        value = rng.choice(ODD_NUMBERS)
        lines[i] = re.sub(rf"\b{key}:\s*[^,}}\n]*", f"{key}: {value}", lines[i], count=1)
        desc = f"{rel}:{i + 1} {key} {value[:20]!r}"
    elif kind == "delete":
        del lines[i]
        desc = f"{rel}:{i + 1} deleted"
    elif kind == "duplicate":
        lines.insert(i, lines[i])
        desc = f"{rel}:{i + 1} duplicated"
    elif kind == "indent":
        lines[i] = rng.choice(["  ", "\t", " ", ""]) + lines[i].lstrip() if rng.random() < 0.5 else "    " + lines[i]
        desc = f"{rel}:{i + 1} re-indented"
    elif kind == "bytes":
        raw = bytearray(path.read_bytes())
        at = rng.randrange(len(raw) + 1)
        raw[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        path.write_bytes(bytes(raw))
        return f"{rel} bytes at {at}"
    elif kind == "truncate":
        raw = path.read_bytes()
        path.write_bytes(raw[:rng.randrange(len(raw) + 1)])
        return f"{rel} truncated"
    elif kind == "empty":
        path.write_bytes(b"")
        return f"{rel} emptied"
    elif kind == "key":
        candidates = [n for n, line in enumerate(lines) if ":" in line]
        i = rng.choice(candidates) if candidates else i
        key, _, rest = lines[i].partition(":")
        lines[i] = f"{key.rstrip()}{rng.choice(['x', '_', '2', ' 2'])}:{rest}"
        desc = f"{rel}:{i + 1} key renamed"
    elif kind == "bomb":
        if path.suffix == ".md":
            lines.insert(1, BOMB)
        else:
            lines.append(BOMB)
        desc = f"{rel} alias bomb"
    elif kind == "symlink":
        path.unlink()
        path.symlink_to(rng.choice(["/etc/passwd", "/etc/hostname", "/nonexistent", "/tmp"]))
        return f"{rel} symlinked out"
    elif kind == "year" and (data / "2018").is_dir():
        (data / "2018").rename(data / rng.choice(["0000", "9999", "1000", "2101"]))
        return "year folder renamed"
    else:  # swap
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
        desc = f"{rel}:{i + 1}<->{j + 1} swapped"
    path.write_text("\n".join(lines), encoding="utf-8", errors="surrogateescape")
    return desc


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang()


def _floats(value, seen=None):
    """Every float held anywhere in a model object."""
    seen = seen if seen is not None else set()
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, float):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _floats(getattr(value, f.name), seen)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _floats(v, seen)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for v in value:
            yield from _floats(v, seen)


def run_case(data: Path) -> dict:
    """Check the data (and, when it passes, evaluate and render it); what went wrong, if anything."""
    from wenming.api import load_dataset
    from wenming.judge.progress import evaluate_year
    from wenming.site.pages import build_site

    outcome = {"traceback": None, "hang": False, "unnamed": [], "nan": False, "errors": 0, "seconds": 0.0}
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(HANG_SECONDS)
    start = time.monotonic()
    try:
        dataset = load_dataset(data, "data")
        errors = [p for p in dataset.problems if p.is_error]
        outcome["errors"] = len(errors)
        for p in dataset.problems:
            if not p.path.startswith("data"):
                outcome["unnamed"].append(p.format())
            elif p.path.endswith((".yml", ".md")) and p.line is None and "YAML" in p.message:
                outcome["unnamed"].append(p.format())
        outcome["nan"] = any(not math.isfinite(x) for x in _floats(dataset))
        if not errors:
            for year in dataset.years:
                evaluate_year(dataset.unit, year.until(AS_OF), AS_OF)
            build_site(dataset, AS_OF)
    except Hang:
        outcome["hang"] = True
    except BaseException:  # noqa: BLE001 - what we are looking for
        outcome["traceback"] = traceback.format_exc(limit=-3)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
        outcome["seconds"] = time.monotonic() - start
    return outcome


def fuzz(cases: int, seed: int, work: Path, budget: float | None = None) -> dict:
    """Run `cases` seeded mutations (1 to 3 each) in `work`; stop early after `budget` seconds."""
    rng = random.Random(seed)
    summary = {"cases": 0, "tracebacks": [], "hangs": [], "unnamed": [], "nan": [], "with_errors": 0,
               "slowest": 0.0}
    started = time.monotonic()
    for n in range(cases):
        data = work / f"case-{n}" / "data"
        shutil.copytree(FIXTURE, data, symlinks=True)
        steps = [mutate(data, rng) for _ in range(rng.randint(1, 3))]
        out = run_case(data)
        summary["cases"] += 1
        summary["with_errors"] += out["errors"] > 0
        summary["slowest"] = max(summary["slowest"], out["seconds"])
        if out["traceback"]:
            summary["tracebacks"].append((steps, out["traceback"]))
        if out["hang"]:
            summary["hangs"].append(steps)
        if out["unnamed"]:
            summary["unnamed"].append((steps, out["unnamed"][:3]))
        if out["nan"]:
            summary["nan"].append(steps)
        shutil.rmtree(data.parent, ignore_errors=True)
        if budget is not None and time.monotonic() - started > budget:
            break
    summary["seconds"] = time.monotonic() - started
    return summary


if __name__ == "__main__":
    import tempfile
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 20180630
    with tempfile.TemporaryDirectory() as tmp:
        result = fuzz(count, seed, Path(tmp))
    print(f"cases {result['cases']}, with errors {result['with_errors']}, tracebacks {len(result['tracebacks'])}, "
          f"hangs {len(result['hangs'])}, unnamed {len(result['unnamed'])}, NaN/inf accepted {len(result['nan'])}, "
          f"slowest {result['slowest']:.2f} s, total {result['seconds']:.0f} s")
    for steps, tb in result["tracebacks"][:10]:
        print("TRACEBACK", steps, tb, sep="\n")
    for item in result["unnamed"][:10] + result["hangs"][:10] + result["nan"][:10]:
        print("PROBLEM", item)
    os._exit(0)
