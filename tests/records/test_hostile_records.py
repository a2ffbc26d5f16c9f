"""Broken and hostile records: every one gives a clear problem naming the file (and the line in
YAML), in bounded time, never a traceback, and nothing outside data/ is read."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from helpers import make_repo
from wenming.api import load_dataset

ACTIVITY = "2018/activities/2018-05-20-志愿服务进社区.md"


def problems(data: Path) -> list[str]:
    return [p.format() for p in load_dataset(data, "data").problems]


def errors(data: Path) -> list[str]:
    return [p.format() for p in load_dataset(data, "data").problems if p.is_error]


def front_matter(data: Path, extra: str, rel: str = ACTIVITY) -> int:
    """Add lines to the end of a record's front matter; returns the line number of the first."""
    path = data / rel
    head, body = path.read_text(encoding="utf-8").split("\n---\n", 1)
    path.write_text(f"{head}\n{extra}\n---\n{body}", encoding="utf-8")
    return head.count("\n") + 2


# -- symbolic links ----------------------------------------------------------------

def test_a_document_linked_to_a_file_outside_data_is_an_error_naming_it(tmp_path):
    data = make_repo(tmp_path)
    secret = tmp_path / "secret.pdf"
    secret.write_bytes(b"%PDF-1.4 secret")
    pdf = data / "2018/documents/2018-02-10-实施方案.pdf"
    pdf.unlink()
    pdf.symlink_to(secret)
    found = errors(data)
    assert any(e.startswith("data/2018/documents/2018-02-10-实施方案.pdf: 这个文件是一个链接，指向数据文件夹外面的")
               for e in found), found
    dataset = load_dataset(data, "data")
    assert all(d.file == "" for d in dataset.years[0].documents)  # never published


def test_a_photo_linked_to_etc_passwd_is_an_error(tmp_path):
    data = make_repo(tmp_path)
    photo = data / "2018/activities/2018-03-06-第一期道德讲堂/01.jpg"
    photo.unlink()
    photo.symlink_to("/etc/passwd")
    found = errors(data)
    assert any("01.jpg: 这个文件是一个链接，指向数据文件夹外面的 /etc/passwd" in e for e in found), found


def test_a_link_to_a_file_inside_data_is_read_as_that_file(tmp_path):
    data = make_repo(tmp_path)
    photo = data / "2018/activities/2018-03-06-第一期道德讲堂/01.jpg"
    copy = data / "2018/activities/2018-03-06-第一期道德讲堂/01-original.jpg"
    photo.rename(copy)
    photo.symlink_to(copy.name)
    found = errors(data)
    assert found == [], found


@pytest.mark.parametrize("folder", ["2018", "2018/activities/2018-03-06-第一期道德讲堂"])
def test_a_linked_folder_is_an_error_naming_it(tmp_path, folder):
    data = make_repo(tmp_path)
    real = tmp_path / "elsewhere"
    (data / folder).rename(real)
    (data / folder).symlink_to(real, target_is_directory=True)
    found = errors(data)
    assert any(e.startswith(f"data/{folder}: 这个文件夹是一个链接") for e in found), found


def test_a_broken_link_is_an_error_naming_it(tmp_path):
    data = make_repo(tmp_path)
    (data / "2018/documents/gone.pdf").symlink_to(tmp_path / "nothing-here.pdf")
    assert any(e.startswith("data/2018/documents/gone.pdf: 这个文件是一个链接") for e in errors(data))


# -- YAML limits ------------------------------------------------------------------

def test_deep_nesting_is_an_error_with_its_line(tmp_path):
    data = make_repo(tmp_path)
    line = front_matter(data, "deep: " + "[" * 50_000 + "]" * 50_000)
    found = errors(data)
    assert any(e.startswith(f"data/{ACTIVITY}:{line}: 嵌套超过 40 层") for e in found), found


def test_deep_block_nesting_is_an_error(tmp_path):
    data = make_repo(tmp_path)
    (data / "2018/tallies.yml").write_text("".join(f"{'  ' * i}k{i}:\n" for i in range(300)) + "  " * 300 + "x: 1\n",
                                           encoding="utf-8")
    assert any(e.startswith("data/2018/tallies.yml:41: 嵌套超过 40 层") for e in errors(data))


@pytest.mark.parametrize("rel", [ACTIVITY, "2018/plan.yml"])
def test_an_alias_bomb_is_an_error_within_a_second(tmp_path, rel):
    data = make_repo(tmp_path)
    bomb = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    bomb += [f"a{i}: &a{i} [{', '.join(f'*a{i - 1}' for _ in range(10))}]" for i in range(1, 10)]
    if rel.endswith(".md"):
        front_matter(data, "\n".join(bomb))
    else:
        with open(data / rel, "a", encoding="utf-8") as f:
            f.write("\n".join(bomb) + "\n")
    start = time.monotonic()
    found = errors(data)
    assert time.monotonic() - start < 5
    assert any(f"data/{rel}:" in e and "别名" in e for e in found), found


def test_a_5000_digit_number_is_an_error_not_a_crash(tmp_path):
    data = make_repo(tmp_path)
    line = front_matter(data, "participants: " + "9" * 5000)
    found = errors(data)
    assert any(e.startswith(f"data/{ACTIVITY}:{line}: participants: 数字太大（5000 位）") for e in found), found


def test_a_long_number_in_a_text_field_stays_text(tmp_path):
    data = make_repo(tmp_path)
    doc = data / "2018/documents/2018-02-10-实施方案.yml"
    doc.write_text(doc.read_text(encoding="utf-8").replace("number: 测文〔2018〕1号", "number: " + "1" * 40),
                   encoding="utf-8")
    assert errors(data) == []
    assert load_dataset(data, "data").years[0].documents[0].number == "1" * 40


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", ".NaN"])
@pytest.mark.parametrize("field", ["volunteer_hours"])
def test_nan_and_infinity_are_rejected(tmp_path, field, value):
    data = make_repo(tmp_path)
    line = front_matter(data, f"{field}: {value}")
    found = errors(data)
    assert any(e.startswith(f"data/{ACTIVITY}:{line}: {field}: 应为数字") or
               e.startswith(f"data/{ACTIVITY}:{line}: {field}: 不能是负数") for e in found), found


@pytest.mark.parametrize("rule", ["{type: hours_per_capita, min: .nan}", "{type: hours_per_capita, min: .inf}",
                                  "{type: count, min: 1e400}"])
def test_nan_and_infinity_in_a_plan_are_rejected(tmp_path, rule):
    data = make_repo(tmp_path)
    plan = data / "2018/plan.yml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "          - {type: evidence, photos: 3, label: 含现场图片3张}",
        f"          - {{type: evidence, photos: 3, label: 含现场图片3张}}\n          - {rule}"), encoding="utf-8")
    found = errors(data)
    assert any(e.startswith("data/2018/plan.yml:") and "min:" in e for e in found), found


@pytest.mark.parametrize("key", ["window", "before", "after", "grace_days", "report_days"])
def test_day_counts_have_an_upper_bound(tmp_path, key):
    data = make_repo(tmp_path)
    kind = {"window": "occasions, months: [3]", "before": "festival", "after": "festival",
            "grace_days": "refresh, cycle: quarter", "report_days": "evidence"}[key]
    plan = data / "2018/plan.yml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "          - {type: evidence, photos: 3, label: 含现场图片3张}",
        f"          - {{type: evidence, photos: 3, label: 含现场图片3张}}\n          - {{type: {kind}, {key}: 99999999999}}"),
        encoding="utf-8")
    found = errors(data)
    assert any(re.search(rf"{key}: 应为 [01] 到 366 的整数，实际为 99999999999", e) for e in found), found


def test_implausible_values_are_warned_with_the_plausible_range(tmp_path):
    data = make_repo(tmp_path)
    line = front_matter(data, "participants: 100000000\nvolunteer_hours: 1.0e+8")
    found = problems(data)
    assert f"data/{ACTIVITY}:{line}: participants: 警告：100000000 不太可能（通常在 1 到 10000 之间）。请检查是不是多打或少打了数字。" in found
    assert any(p.startswith(f"data/{ACTIVITY}:{line + 1}: volunteer_hours: 警告：") and "0 到 100000" in p for p in found)


@pytest.mark.parametrize("folder", ["0000", "9999", "1000"])
def test_a_year_folder_out_of_range_is_an_error(tmp_path, folder):
    data = make_repo(tmp_path)
    (data / folder).mkdir()
    (data / folder / "plan.yml").write_text("title: x\n", encoding="utf-8")
    found = errors(data)
    assert f"data/{folder}: 年份文件夹 {folder} 不在 1990 到 2100 年之间，不会读取。请改成正确的年份（如 2018）。" in found


def test_a_date_out_of_range_is_an_error(tmp_path):
    data = make_repo(tmp_path)
    line = front_matter(data, "reported: 9999-12-31")
    assert any(e.startswith(f"data/{ACTIVITY}:{line}: reported: 日期 9999-12-31 不在 1990 到 2100 年之间") for e in errors(data))


@pytest.mark.parametrize("char", ["\x01", "\x7f", "\x9b", "\ufffe"])
def test_a_control_character_gives_a_chinese_message_with_its_line(tmp_path, char):
    data = make_repo(tmp_path)
    line = front_matter(data, f"place: 光明{char}社区")
    found = errors(data)
    assert any(e.startswith(f"data/{ACTIVITY}:{line}: 有一个看不见的控制字符（U+{ord(char):04X}）") for e in found), found


def test_a_template_placeholder_left_in_a_brief_is_an_error(tmp_path):
    from wenming.authoring import scaffold
    data = make_repo(tmp_path)
    path = data / ACTIVITY
    text = path.read_text(encoding="utf-8") + "\n【最后一段：活动成效和反响，下一步打算。】\n"
    path.write_text(text, encoding="utf-8")
    line = text.split("\n").index("【最后一段：活动成效和反响，下一步打算。】") + 1
    found = errors(data)
    assert any(e.startswith(f"data/{ACTIVITY}:{line}: 正文里还留着模板的提示 【最后一段：") for e in found), found
    assert "【最后一段" in Path(scaffold.__file__).read_text(encoding="utf-8")


def test_every_placeholder_the_templates_write_is_recognised():
    import re
    from wenming.authoring import scaffold
    from wenming.records.validate import PLACEHOLDER
    hints = re.findall(r"【[^】]*】", Path(scaffold.__file__).read_text(encoding="utf-8"))
    assert hints and all(PLACEHOLDER.fullmatch(h) for h in hints), hints


def test_symlinks_inside_data_never_make_check_read_outside(tmp_path):
    """The walk never descends a linked folder, even a loop to itself."""
    data = make_repo(tmp_path)
    os.symlink(data, data / "2018" / "loop")
    start = time.monotonic()
    found = errors(data)
    assert time.monotonic() - start < 10
    assert any(e.startswith("data/2018/loop: 这个文件夹是一个链接") for e in found), found
