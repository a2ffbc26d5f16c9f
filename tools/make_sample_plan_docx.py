"""Make tests/fixtures/plans/2018-sample.docx: the Word document the sample plan (data/2018/plan.yml) was typed from.

The text is the public plan in tests/fixtures/plans/2018-sample-seed.txt, with the sample's names
(示例市总工会 for the real union, 文明城市 for the city's name), the 文号 the sample gives it, and the
fictional leading group and phases the sample holds but the public plan does not print. The
活动安排表 becomes a real Word table. Deterministic: the same bytes every run.

    python3 tools/make_sample_plan_docx.py [OUT.docx]
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

import docx

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "fixtures" / "plans" / "2018-sample-seed.txt"
OUT = ROOT / "tests" / "fixtures" / "plans" / "2018-sample.docx"
NAMES = (("平顶山市总工会", "示例市总工会"), ("文明鹰城", "文明城市"))
NUMBER = "示总工〔2018〕3号"
LEADERS = [  # as in data/2018/plan.yml (fictional)
    "组  长：王某某（党组书记、主席）",
    "副组长：李某某（党组副书记、常务副主席）、张某某（党组成员、副主席）",
    "成  员：赵某某（办公室主任）、陈某某（宣传教育部部长）、杨某某（法律工作部部长）、周某某（保障工作部部长）、"
    "吴某某（工人文化宫主任）",
    "办公室主任：刘某某（机关党委专职副书记）",
]
PHASES = ["（一）宣传发动阶段（1月—2月）", "（二）全面实施阶段（3月—10月）", "（三）巩固迎验阶段（11月—12月）"]
FIXED = dt.datetime(2018, 1, 29, 9, 0, 0)


def main(out: Path = OUT) -> None:
    sys.path.insert(0, str(ROOT))
    from wenming.authoring.importer.readers import _text_blocks  # the tab-separated table of the seed

    text = SEED.read_text(encoding="utf-8")
    for old, new in NAMES:
        text = text.replace(old, new)
    document = docx.Document()
    props = document.core_properties
    props.author = props.last_modified_by = "示例市总工会"
    props.created = props.modified = FIXED
    props.revision = 1
    document.add_paragraph(NUMBER)
    for block in _text_blocks(text.split("\n")):
        if block.is_table:
            table = document.add_table(rows=0, cols=max(len(r) for r in block.rows))
            table.style = "Table Grid"
            for row in block.rows:
                cells = table.add_row().cells
                for cell, value in zip(cells, row):
                    cell.text = value
            continue
        line = block.text.rstrip()
        if line.strip() == "附件二":  # the sample's leading group and phases, before the schedule
            document.add_paragraph("五、组织领导")
            document.add_paragraph("成立市总工会精神文明单位建设领导小组：")
            for member in LEADERS:
                document.add_paragraph(member)
            document.add_paragraph("六、方法步骤")
            for phase in PHASES:
                document.add_paragraph(phase)
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    _fixed_zip(buffer.getvalue(), out)
    print(f"wrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")


def _fixed_zip(data: bytes, out: Path) -> None:
    """Rewrite the .docx with fixed member dates and order, so the bytes never change."""
    source = zipfile.ZipFile(io.BytesIO(data))
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for name in source.namelist():
            info = zipfile.ZipInfo(name, date_time=FIXED.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, source.read(name))
    out.write_bytes(target.getvalue())


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
