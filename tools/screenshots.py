"""Regenerate the screenshots of every page type, on a desktop and on a phone.

    python3 tools/screenshots.py [--as-of 2018-05-31] [--site DIR] [--out site_src/assets/screenshots]

Builds the sample data (or takes an already built `--site`), opens one page of
each type in Debian's Chromium at 1400×900 and 390×844 and saves the first
screen of each as `<type>-desktop.png` / `<type>-phone.png`: what a reader sees
in the first ten seconds. The PNGs are reduced to 64 colours to stay small.
The user guide (site_src/guide/screenshots.md) shows them.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

SIZES = {"desktop": (1400, 900), "phone": (390, 844)}
PAGES = {
    "home": "index.html",
    "plan": "{y}/plan.html",
    "tasks": "{y}/tasks/index.html",
    "task": "{y}/tasks/5-2.html",
    "category": "{y}/categories/5.html",
    "activity": "{y}/activities/*daode*.html",
    "months": "{y}/months/index.html",
    "month": "{y}/months/05.html",
    "department": "{y}/departments/xjb.html",
    "honors": "{y}/honors/index.html",
    "honour-period": "{y}/honors/q1.html",
    "documents": "{y}/documents/index.html",
}
"""One page of each type in the sample site (a glob: its first match)."""


def find(site: Path, pattern: str) -> str | None:
    found = sorted(site.glob(pattern))
    return found[0].relative_to(site).as_posix() if found else None


def shoot(site: Path, out: Path, year: int) -> list[Path]:
    from PIL import Image
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        for size, (width, height) in SIZES.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            for kind, pattern in PAGES.items():
                uri = find(site, pattern.format(y=year))
                if uri is None:
                    print(f"跳过 {kind}：网站中没有 {pattern.format(y=year)}", file=sys.stderr)
                    continue
                page.goto(base + uri, wait_until="networkidle")
                page.wait_for_timeout(300)  # charts finish their first layout
                png = Image.open(io.BytesIO(page.screenshot()))
                path = out / f"{kind}-{size}.png"
                png.convert("RGB").quantize(64, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)
                written.append(path)
            page.close()
        browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--as-of", default="2018-05-31")
    parser.add_argument("--site", type=Path, help="an already built site (default: build the sample)")
    parser.add_argument("--out", type=Path, default=ROOT / "site_src/assets/screenshots")
    args = parser.parse_args(argv)
    year = int(args.as_of[:4])
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            subprocess.run([sys.executable, "-m", "wenming", "build", "--as-of", args.as_of, "-d", str(site), "-q"],
                           cwd=ROOT, check=True)
        written = shoot(site, args.out, year)
    total = sum(p.stat().st_size for p in written)
    print(f"已生成 {len(written)} 张截图（共 {total // 1024} KB）：{args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
