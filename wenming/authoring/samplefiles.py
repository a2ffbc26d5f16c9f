"""Small deterministic stand-in photos and scans for sample and synthetic data.

`python -m wenming.authoring.samplefiles data/` creates every photo and document file
that a record names but that does not exist yet. Images are drawn from a
hash of their path, so the same data always gives the same bytes.
"""

from __future__ import annotations

import hashlib
import random
import sys
from pathlib import Path

import yaml
from PIL import Image, ImageDraw

PALETTES = (
    ((120, 170, 220), (70, 130, 80)),   # sky, grass
    ((230, 200, 160), (150, 90, 60)),   # hall, floor
    ((200, 210, 230), (110, 110, 130)),  # meeting room
    ((250, 220, 190), (190, 60, 50)),   # festival red
)


def draw_photo(key: str, size: tuple[int, int] = (480, 320)) -> Image.Image:
    """A simple scene (background, floor, people as circles) seeded by `key`."""
    rnd = random.Random(hashlib.sha256(key.encode()).digest())
    top, ground = rnd.choice(PALETTES)
    w, h = size
    img = Image.new("RGB", size, top)
    draw = ImageDraw.Draw(img)
    horizon = int(h * rnd.uniform(0.55, 0.7))
    for y in range(horizon):
        shade = 1 - 0.35 * y / horizon
        draw.line([(0, y), (w, y)], fill=tuple(int(c * shade + 40 * (1 - shade)) for c in top))
    draw.rectangle([0, horizon, w, h], fill=ground)
    banner = tuple(rnd.randint(150, 230) if i == 0 else rnd.randint(20, 60) for i in range(3))
    bw = int(w * rnd.uniform(0.4, 0.7))
    bx = (w - bw) // 2
    draw.rectangle([bx, int(h * 0.08), bx + bw, int(h * 0.2)], fill=banner)
    for _ in range(rnd.randint(4, 12)):
        x = rnd.randint(10, w - 30)
        y = rnd.randint(horizon - 40, h - 50)
        r = rnd.randint(8, 14)
        coat = tuple(rnd.randint(30, 220) for _ in range(3))
        draw.ellipse([x, y, x + 2 * r, y + 2 * r], fill=(235, 200, 170))
        draw.rectangle([x - 4, y + 2 * r, x + 2 * r + 4, y + 5 * r], fill=coat)
    return img


def draw_scan(key: str) -> Image.Image:
    """A page with a title bar and text lines, like a scanned document."""
    rnd = random.Random(hashlib.sha256(key.encode()).digest())
    img = Image.new("RGB", (595, 842), (252, 251, 247))
    draw = ImageDraw.Draw(img)
    draw.rectangle([150, 80, 445, 100], fill=(200, 40, 40))
    draw.line([(60, 130), (535, 130)], fill=(200, 40, 40), width=2)
    y = 170
    while y < 760:
        width = rnd.randint(300, 470) if rnd.random() < 0.85 else rnd.randint(80, 200)
        draw.rectangle([70, y, 70 + width, y + 6], fill=(90, 90, 90))
        y += rnd.choice((22, 22, 22, 40))
    draw.ellipse([400, 700, 500, 800], outline=(210, 50, 50), width=4)
    return img


def write_image(path: Path, key: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        draw_scan(key).save(path, "PDF", resolution=72)
        return
    img = draw_scan(key) if "documents" in path.parts else draw_photo(key)
    if suffix == ".png":
        img.save(path, "PNG", optimize=True)
    else:
        img.save(path, "JPEG", quality=70, optimize=True)


def _front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8-sig")
    if not text.startswith("---"):
        return {}
    parts = text.split("\n---", 1)
    data = yaml.safe_load(parts[0][3:]) if parts else None
    return data if isinstance(data, dict) else {}


def missing_files(data_dir: Path) -> list[Path]:
    """Every photo or document file a record names that does not exist."""
    wanted: list[Path] = []
    for md in sorted(data_dir.glob("*/activities/*.md")):
        for item in _front_matter(md).get("photos") or []:
            name = item.get("file") if isinstance(item, dict) else item
            if isinstance(name, str) and name:
                wanted.append(md.parent / md.stem / name)
    for md in sorted(data_dir.glob("*/honors/*.md")):
        name = _front_matter(md).get("photo")
        if isinstance(name, str) and name:
            wanted.append(md.parent / name)
    for meta in sorted(data_dir.glob("*/documents/*.yml")):
        data = yaml.safe_load(meta.read_text(encoding="utf-8-sig")) or {}
        name = data.get("file") if isinstance(data, dict) else None
        if isinstance(name, str) and name:
            wanted.append(meta.parent / name)
    return [p for p in wanted if not p.exists() and data_dir.resolve() in p.resolve().parents]


def main(argv: list[str]) -> int:
    data_dir = Path(argv[0] if argv else "data")
    made = missing_files(data_dir)
    for path in made:
        write_image(path, path.relative_to(data_dir).as_posix())
    print(f"生成了 {len(made)} 个示例文件。")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
