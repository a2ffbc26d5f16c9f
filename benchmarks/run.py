"""Build-time benchmark: wenming vs a plain mkdocs-material site of the same size.

Run by hand from the project root (not a test):

    python3 benchmarks/run.py                      # 10 years × 30 / 100 / 300 activities per year
    python3 benchmarks/run.py --per-year 30,100     # only 300 and 1,000 activities

For each size it writes a synthetic data repository (`wenming.demo.write_demo`, seed 1)
into a temporary folder, builds it with `python -m wenming build` under `/usr/bin/time -v`,
builds a plain mkdocs-material site with the same number of Markdown pages (the same
Chinese briefs, search with lang zh, only sections in the nav), and prints a Markdown
table; the table is also written to benchmarks/README.md unless --no-readme is given.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wenming.demo import FIRST_YEAR, write_demo  # noqa: E402

TARGETS = """\
Targets (issue “wenming 5”):

- 3,000 activities: build ≤ 1.2 × the plain mkdocs-material site, and ≤ 30 s;
- 3,000 vs 300 activities: ≤ 11 × the build time (roughly linear);
- a record (activity) page ≤ 30 KB of HTML;
- peak memory (maximum resident set size) ≤ 400 MiB.
"""


def timed(cmd: list[str], env: dict[str, str], log: Path) -> tuple[float, float]:
    """Run `cmd` under /usr/bin/time -v; return (wall seconds, peak RSS MiB)."""
    proc = subprocess.run(["/usr/bin/time", "-v", *cmd], env=env, cwd=ROOT, capture_output=True, text=True)
    log.write_text(proc.stdout + proc.stderr, encoding="utf-8")
    if proc.returncode:
        raise SystemExit(f"failed ({proc.returncode}): {shlex.join(cmd)}\nsee {log}\n{proc.stderr[-3000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", proc.stderr).group(1)
    seconds = 0.0
    for part in wall.split(":"):
        seconds = seconds * 60 + float(part)
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr).group(1))
    return seconds, rss_kb / 1024


def tree_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def plain_site(data: Path, root: Path) -> Path:
    """A plain mkdocs-material project with one page per activity (same body text)."""
    docs = root / "docs"
    years = sorted(p.name for p in data.iterdir() if p.is_dir())
    (docs).mkdir(parents=True)
    (docs / "index.md").write_text("# 首页\n\n示例站点。\n", encoding="utf-8")
    nav = ["  - 首页: index.md"]
    for year in years:
        links = []
        for i, md in enumerate(sorted((data / year / "activities").glob("*.md"))):
            text = md.read_text(encoding="utf-8")
            front, body = text[4:].split("\n---\n", 1)
            title = re.search(r"^title: (.*)$", front, re.M).group(1)
            name = f"a{i:04d}.md"
            page = docs / year / "activities" / name
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(f"# {title}\n\n{body}", encoding="utf-8")
            links.append(f"- [{title}](activities/{name})")
        (docs / year / "index.md").write_text(f"# {year} 年\n\n" + "\n".join(links) + "\n", encoding="utf-8")
        nav.append(f"  - {year} 年: {year}/index.md")
    (root / "mkdocs.yml").write_text(
        "site_name: 对照站点\n"
        "docs_dir: docs\n"
        "theme:\n  name: material\n  language: zh\n  font: false\n"
        "plugins:\n  - search:\n      lang: zh\n"
        "nav:\n" + "\n".join(nav) + "\n",
        encoding="utf-8",
    )
    return root / "mkdocs.yml"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--per-year", default="30,100,300", help="comma-separated activities per year")
    parser.add_argument("--no-readme", action="store_true", help="do not rewrite benchmarks/README.md")
    args = parser.parse_args(argv)
    per_year = [int(x) for x in args.per_year.split(",")]
    command = "python3 benchmarks/run.py" + "".join(
        f" {a}" for a in argv)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="true", PYTHONHASHSEED="0")
    last_day = f"{FIRST_YEAR + args.years - 1}-12-31"
    rows = []
    with tempfile.TemporaryDirectory(prefix="wenming-bench-") as tmp:
        for n in per_year:
            work = Path(tmp) / f"n{n}"
            data = work / "data"
            counts = write_demo(data, args.years, n, seed=1)
            site = work / "site"
            wall, rss = timed([sys.executable, "-m", "wenming", "build", "--data", str(data), "--as-of", last_day,
                               "-d", str(site)], env, work / "wenming.log")
            pages = list(site.glob("*/activities/*.html"))
            per_page = sum(p.stat().st_size for p in pages) / len(pages) if pages else 0
            max_page = max((p.stat().st_size for p in pages), default=0)
            config = plain_site(data, work / "plain")
            pwall, prss = timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d",
                                 str(work / "plain-site")], env, work / "plain.log")
            rows.append(dict(n=counts["activities"], per_year=n, wall=wall, rss=rss, out=tree_bytes(site),
                             pages=len(pages), page=per_page, max_page=max_page, pwall=pwall, prss=prss))
            print(f"# {counts['activities']} activities: wenming {wall:.1f} s, plain {pwall:.1f} s", file=sys.stderr,
                  flush=True)

    base = rows[0]
    lines = [
        "| activities | years × per year | wenming wall | peak RSS | output | activity page HTML (mean / max) "
        "| plain wall | plain RSS | wenming / plain | time vs smallest |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['n']:,} | {args.years} × {r['per_year']} | {r['wall']:.1f} s | {r['rss']:.0f} MiB "
            f"| {r['out'] / 2**20:.1f} MiB | {r['page'] / 1024:.1f} / {r['max_page'] / 1024:.1f} KB "
            f"| {r['pwall']:.1f} s | {r['prss']:.0f} MiB | {r['wall'] / r['pwall']:.2f} × "
            f"| {r['wall'] / base['wall']:.2f} × ({r['n'] / base['n']:.0f} × the records) |"
        )
    table = "\n".join(lines)
    print(table)
    if not args.no_readme:
        nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
        readme = (
            "# Benchmarks\n\n"
            "`benchmarks/run.py` is run by hand (it is not a test). It generates synthetic data with\n"
            "`wenming.demo.write_demo` (a decade of records: 10 years from 2018, seed 1; 1–3 photos, a\n"
            "300–700 character brief per activity, honour-roll entries each quarter), builds it with\n"
            f"`python -m wenming build --data … -d … --as-of <last year>-12-31` under `/usr/bin/time -v`, and builds a\n"
            "plain mkdocs-material site with the same number of Markdown pages (the same briefs; search with\n"
            "`lang: zh`; only year sections in the nav; `language: zh`, `font: false`) for comparison.\n"
            "Output size is all files in the built site; the page size is the mean / max of `*/activities/*.html`.\n\n"
            f"{TARGETS}\n"
            "## Results\n\n"
            f"Command: `{command}` (from the project root); machine: `nproc` = {nproc}.\n\n"
            f"{table}\n"
        )
        (ROOT / "benchmarks" / "README.md").write_text(readme, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
