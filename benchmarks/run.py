"""Build-time benchmark: wenming vs a plain mkdocs-material site of the same size.

Run by hand from the project root (not a test):

    python3 benchmarks/run.py                      # 10 years × 30 / 100 / 300 activities per year
    python3 benchmarks/run.py --per-year 30,100     # only 300 and 1,000 activities

For each size it writes a synthetic data repository (`wenming.authoring.demo.write_demo`, seed 1)
into a temporary folder, builds it with `python -m wenming build` under `/usr/bin/time -v`,
builds a plain mkdocs-material site with the same number of Markdown pages (the same
Chinese briefs, search with lang zh, only sections in the nav), then measures how soon
an edited record shows under `wenming serve`. It prints a Markdown table and writes it
between the results markers of benchmarks/README.md unless --no-readme is given.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wenming.api import load_dataset  # noqa: E402
from wenming.authoring.demo import FIRST_YEAR, write_demo  # noqa: E402
from wenming.site.pages import activity_uri  # noqa: E402

def timed(cmd: list[str], env: dict[str, str], log: Path) -> tuple[float, float, float]:
    """Run `cmd` under /usr/bin/time -v; return (wall seconds, peak RSS MiB, CPU seconds: user + system)."""
    proc = subprocess.run(["/usr/bin/time", "-v", *cmd], env=env, cwd=ROOT, capture_output=True, text=True)
    log.write_text(proc.stdout + proc.stderr, encoding="utf-8")
    if proc.returncode:
        raise SystemExit(f"failed ({proc.returncode}): {shlex.join(cmd)}\nsee {log}\n{proc.stderr[-3000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", proc.stderr).group(1)
    seconds = 0.0
    for part in wall.split(":"):
        seconds = seconds * 60 + float(part)
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr).group(1))
    cpu = sum(float(re.search(rf"{kind} time \(seconds\): (\S+)", proc.stderr).group(1)) for kind in ("User", "System"))
    return seconds, rss_kb / 1024, cpu


def best(runs: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """The shortest wall and CPU time of the runs (other work on the machine only ever adds time) and
    the highest peak memory."""
    return min(r[0] for r in runs), max(r[1] for r in runs), min(r[2] for r in runs)


def tree_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def plain_site(data: Path, root: Path, total_pages: int) -> Path:
    """A plain mkdocs-material project with `total_pages` Markdown pages.

    One page per activity with the same title and brief, then filler pages (the same
    briefs again) until the page count equals the wenming site's, so that the ratio
    compares the cost per page, not the number of pages.
    """
    docs = root / "docs"
    years = sorted(p.name for p in data.iterdir() if p.is_dir())
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# 首页\n\n示例站点。\n", encoding="utf-8")
    nav = ["  - 首页: index.md"]
    briefs: list[tuple[str, str]] = []
    for year in years:
        for md in sorted((data / year / "activities").glob("*.md")):
            text = md.read_text(encoding="utf-8")
            front, body = text[4:].split("\n---\n", 1)
            title = re.search(r"^title: (.*)$", front, re.M).group(1)
            briefs.append((year, title, body))
    pages = 1 + len(years)
    extra = max(0, total_pages - pages - len(briefs))
    by_year: dict[str, list[str]] = {y: [] for y in years}
    for i in range(len(briefs) + extra):
        year, title, body = briefs[i % len(briefs)] if i < len(briefs) else (
            years[i % len(years)], *briefs[i % len(briefs)][1:])
        name = f"p{i:05d}.md"
        page = docs / year / "pages" / name
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"# {title}\n\n{body}", encoding="utf-8")
        by_year[year].append(f"- [{title}](pages/{name})")
    for year in years:
        (docs / year / "index.md").write_text(f"# {year} 年\n\n" + "\n".join(by_year[year]) + "\n",
                                              encoding="utf-8")
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


def html_pages(site: Path) -> int:
    return sum(1 for p in site.rglob("*.html") if p.name != "404.html")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_rebuild(work: Path, env: dict[str, str], port: int | None = None) -> tuple[float, float]:
    """Seconds from saving an edited activity to the edited page being served.

    A one-year repository (the sample plan, 30 activities) under `wenming serve`;
    returns (seconds to the first page, mean seconds of three edits).
    """
    port = port or free_port()
    data = work / "data"
    write_demo(data, 1, 30, seed=1)
    record = sorted((data / str(FIRST_YEAR) / "activities").glob("*.md"))[5]
    log = (work / "serve.log").open("w", encoding="utf-8")
    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "wenming", "serve", "--data", str(data), "--as-of",
                             f"{FIRST_YEAR}-12-31", "-a", f"127.0.0.1:{port}"],
                            env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_for(f"http://127.0.0.1:{port}/index.html", None, 300)
        first = time.monotonic() - start
        dataset = load_dataset(data, "data")
        activity = next(a for y in dataset.years for a in y.activities if a.source.path.endswith(record.name))
        page_url = f"http://127.0.0.1:{port}/" + activity_uri(activity).removesuffix(".md") + ".html"
        times = []
        for n in range(3):
            marker = f"改过的标题{n}"
            text = record.read_text(encoding="utf-8")
            text = re.sub(r"^title: .*$", f"title: {marker}", text, count=1, flags=re.M)
            start = time.monotonic()
            record.write_text(text, encoding="utf-8")
            _wait_for(page_url, marker, 120)
            times.append(time.monotonic() - start)
            time.sleep(1)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # `wenming serve` and the `mkdocs serve` it started
        proc.wait(30)
        log.close()
    return first, sum(times) / len(times)


def _wait_for(url: str, needle: str | None, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                body = r.read().decode("utf-8")
            if needle is None or needle in body:
                return body
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.05)
    raise SystemExit(f"timed out waiting for {url}" + (f" to contain {needle}" if needle else ""))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--per-year", default="30,100,300", help="comma-separated activities per year")
    parser.add_argument("--repeat", type=int, default=3,
                        help="builds of each site per size, alternately; the shortest time counts (default 3)")
    parser.add_argument("--no-serve", action="store_true", help="skip the `wenming serve` rebuild measurement")
    parser.add_argument("--no-readme", action="store_true", help="do not rewrite benchmarks/README.md")
    args = parser.parse_args(argv)
    per_year = [int(x) for x in args.per_year.split(",")]
    command = "python3 benchmarks/run.py" + "".join(f" {a}" for a in argv)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="true", PYTHONHASHSEED="0")
    last_day = f"{FIRST_YEAR + args.years - 1}-12-31"
    rows = []
    serve = None
    load = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="wenming-bench-") as tmp:
        for n in per_year:
            work = Path(tmp) / f"n{n}"
            data = work / "data"
            counts = write_demo(data, args.years, n, seed=1)
            ours, theirs = [], []
            for run in range(args.repeat):  # alternately, each into a new folder; the best of the runs counts
                site = work / f"site-{run}"
                ours.append(timed([sys.executable, "-m", "wenming", "build", "--data", str(data), "--as-of", last_day,
                                   "-d", str(site)], env, work / "wenming.log"))
                if run == 0:
                    pages = list(site.glob("*/activities/*.html"))
                    per_page = sum(p.stat().st_size for p in pages) / len(pages) if pages else 0
                    max_page = max((p.stat().st_size for p in pages), default=0)
                    total = html_pages(site)
                    config = plain_site(data, work / "plain", total)
                plain = work / f"plain-site-{run}"
                theirs.append(timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d",
                                     str(plain)], env, work / "plain.log"))
                if run < args.repeat - 1:
                    shutil.rmtree(site)
                    shutil.rmtree(plain)
            wall, rss, cpu = best(ours)
            pwall, prss, pcpu = best(theirs)
            rows.append(dict(n=counts["activities"], per_year=n, wall=wall, rss=rss, out=tree_bytes(site),
                             total=total, ptotal=html_pages(plain), page=per_page, max_page=max_page,
                             pwall=pwall, prss=prss, cpu=cpu, pcpu=pcpu))
            print(f"# {counts['activities']} activities, {total} pages: wenming {wall:.1f} s ({cpu:.1f} s CPU), "
                  f"plain {pwall:.1f} s ({pcpu:.1f} s CPU)",
                  file=sys.stderr, flush=True)
        if not args.no_serve:
            serve = serve_rebuild(Path(tmp) / "serve", env)
            print(f"# serve: first page {serve[0]:.1f} s, edit visible {serve[1]:.2f} s", file=sys.stderr)

    base = rows[0]
    lines = [
        "| activities | years × per year | pages (wenming / plain) | wenming wall | peak RSS | output "
        "| activity page HTML (mean / max) | plain wall | plain RSS | wenming / plain (wall) "
        "| wenming / plain (CPU) | vs smallest: CPU (wall) |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['n']:,} | {args.years} × {r['per_year']} | {r['total']:,} / {r['ptotal']:,} | {r['wall']:.1f} s "
            f"| {r['rss']:.0f} MiB | {r['out'] / 2**20:.1f} MiB | {r['page'] / 1024:.1f} / {r['max_page'] / 1024:.1f} KB "
            f"| {r['pwall']:.1f} s | {r['prss']:.0f} MiB | {r['wall'] / r['pwall']:.2f} × "
            f"| {r['cpu'] / r['pcpu']:.2f} × ({r['cpu']:.1f} s / {r['pcpu']:.1f} s) "
            f"| {r['cpu'] / base['cpu']:.2f} × ({r['wall'] / base['wall']:.2f} ×) for {r['n'] / base['n']:.0f} × the records |"
        )
    if serve:
        lines += ["", f"`wenming serve`, one-year repository (30 activities): first page served after {serve[0]:.1f} s; "
                      f"an edited activity's new title is served {serve[1]:.2f} s after the file is saved "
                      "(mean of three edits)."]
    table = "\n".join(lines)
    print(table)
    if not args.no_readme:
        nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
        results = (f"Command: `{command}` (from the project root); machine: `nproc` = {nproc}, load average "
                   f"{load[0]:.1f} at the start and {os.getloadavg()[0]:.1f} at the end; each site built {args.repeat} "
                   f"times, alternately, and the shortest wall and CPU times shown (other work on the machine only "
                   f"ever adds time; the CPU ratio is steadier).\n\n{table}\n")
        for readme in (ROOT / "benchmarks" / "README.md", ROOT / "README.md"):
            text = readme.read_text(encoding="utf-8")
            head, rest = text.split(BEGIN, 1)
            _, tail = rest.split(END, 1)
            readme.write_text(f"{head}{BEGIN}\n{results}{END}{tail}", encoding="utf-8")
    return 0


BEGIN = "<!-- results: written by benchmarks/run.py -->"
END = "<!-- /results -->"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
