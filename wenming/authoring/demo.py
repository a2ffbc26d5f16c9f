"""A realistic synthetic data repository, for demos and benchmarks.

`write_demo(out, years, activities_per_year, seed)` writes a data folder (unit.yml
and one folder per year from 2018) built from the sample in `data/`: each year's
plan and tallies are the sample's with the year replaced, activities and
honour-roll entries are drawn from phrase pools. Everything comes from
`random.Random(seed)` and the file paths, so the same arguments always give the
same bytes.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

import click
import yaml

from .samplefiles import draw_photo

SAMPLE = Path(__file__).resolve().parents[2] / "data"
FIRST_YEAR = 2018
PHOTO_SIZE = (160, 107)

TITLES = (
    "道德讲堂", "文化讲堂", "学雷锋志愿服务", "关爱困难职工志愿服务", "文明礼仪知识讲座",
    "职工读书分享会", "职工普法教育", "诚信建设专题宣传", "劳模事迹报告会", "文明交通劝导志愿服务",
    "社区环境整治志愿服务", "送温暖走访慰问", "职工健步走活动", "廉政警示教育", "专题党课",
    "文明餐桌宣传", "网络文明传播培训", "结对帮扶走访", "职工技能竞赛", "家风家训分享会",
    "爱心献血", "敬老院志愿服务", "文明科室评选", "身边好人事迹宣讲", "文明创建推进会",
)
FESTIVALS = (("春节", 1, 2), ("元宵", 2, 3), ("清明", 4, 4), ("端午", 6, 6), ("七夕", 8, 8), ("中秋", 9, 9), ("重阳", 10, 10))
PLACES = (
    "六楼会议室", "工人文化宫多功能厅", "职工书屋", "机关大院", "帮扶中心活动室",
    "市区主要路口", "结对帮扶村", "市第一敬老院", "人民公园", "职工培训中心报告厅",
)
TAGS = ("志愿服务", "道德讲堂", "文明礼仪", "诚信建设", "学习教育", "关爱帮扶", "文体活动")
OPENINGS = (
    "{m}月{d}日上午，{unit}在{place}组织开展“{title}”。",
    "{m}月{d}日，{unit}“{title}”在{place}举行。",
    "为深入推进精神文明建设，{m}月{d}日下午，{unit}在{place}开展了{title}。",
)
PHRASES = (
    "党组书记、主席王某某出席并讲话，机关各部室负责同志和干部职工参加。",
    "活动由宣传教育部负责同志主持，现场气氛热烈、秩序井然。",
    "本次活动以培育和践行社会主义核心价值观为主线，突出职工群众的主体作用。",
    "大家围绕社会公德、职业道德、家庭美德、个人品德进行了深入交流。",
    "志愿者们分组行动，认真细致地做好每一项服务，受到群众的广泛好评。",
    "活动中，青年职工代表结合本职工作分享了学习体会和工作感悟。",
    "与会同志纷纷表示，要把活动成果转化为爱岗敬业、服务职工的实际行动。",
    "工作人员提前制定了活动方案，对场地布置、人员分工和安全保障作了周密安排。",
    "现场还设置了宣传展板，发放宣传资料两百余份，解答群众咨询三十余人次。",
    "通过观看专题片、诵读经典和互动问答，进一步增强了干部职工的文明意识。",
    "活动结束后，各部室及时召开座谈会，总结经验，查找不足，明确下一步工作打算。",
    "王某某在讲话中强调，要坚持常态化开展，推动精神文明建设各项任务落地见效。",
    "大家表示，工会干部就是职工的“娘家人”，要用心用情为职工群众办实事、解难题。",
    "此次活动形式新颖、内容丰富、贴近实际，在职工中引起了良好反响。",
    "下一步，我们将以此次活动为契机，持续巩固和扩大文明单位创建成果。",
    "参加活动的同志冒着严寒酷暑坚守岗位，展现了新时代工会干部的良好精神风貌。",
    "活动期间还开展了文明礼仪知识竞答，职工们踊跃参与，学习氛围浓厚。",
    "各党支部积极组织党员参加，充分发挥了党员的先锋模范作用。",
)
CAPTIONS = ("活动现场", "志愿者开展服务", "领导讲话", "职工交流发言", "合影留念", "现场互动")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ("建国", "秀兰", "志强", "红梅", "丽娜", "海燕", "俊峰", "晓东", "桂芳", "永刚", "淑珍", "晓燕", "文静", "磊", "涛")
DEEDS = {  # category → one-line deeds
    "助人为乐": ("多年坚持利用业余时间照顾社区孤寡老人。", "长期资助困难学生完成学业。"),
    "见义勇为": ("在突发事件中挺身而出，救助落水儿童。", "路遇车辆起火，第一时间协助疏散群众并扑救。"),
    "诚实守信": ("将拾到的装有现金和证件的钱包完整送还失主。", "替去世的亲属偿还多年前的借款。"),
    "敬业奉献": ("扎根一线岗位，带领班组攻克多项技术难题。", "连续多年放弃节假日，坚守职工服务热线。"),
    "孝老爱亲": ("悉心照料瘫痪在床的婆婆十余年如一日。", "辞去外地工作回乡照顾患病的父母。"),
    "热心公益": ("组织职工志愿服务队，常年开展义务献血和环保宣传。", "累计参加志愿服务六百余小时。"),
}
HONOR_BODY = (
    "{name}同志热心助人，在单位和社区中有口皆碑。",
    "多年来，{name}始终把群众的冷暖放在心上，默默奉献，不求回报。",
    "在{name}的带动下，身边越来越多的职工加入了志愿服务的队伍。",
    "大家都说，{name}是我们身边学习的好榜样。",
)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def _photo(path: Path, key: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    draw_photo(key, PHOTO_SIZE).save(path, "JPEG", quality=70)


def _unit_text(years: list[int], rnd: random.Random) -> str:
    text = (SAMPLE / "unit.yml").read_text(encoding="utf-8")
    staff = "staff:\n" + "".join(f"  {y}: {80 + i * 2 + rnd.randint(0, 3)}\n" for i, y in enumerate(years))
    return re.sub(r"^staff:\n(?:  .*\n)+", staff, text, count=1, flags=re.M)


def _body(rnd: random.Random, opening: str) -> str:
    target = rnd.randint(300, 700)
    paragraphs: list[str] = []
    current = opening
    total = len(opening)
    pool: list[str] = []
    while total < target:
        if not pool:
            pool = rnd.sample(PHRASES, len(PHRASES))
        phrase = pool.pop()
        if total + len(phrase) > 700:
            break
        current += phrase
        total += len(phrase)
        if len(current) > 120 and rnd.random() < 0.4:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs)


def _flow(items: list) -> str:
    return "[" + ", ".join(str(i) for i in items) + "]"


def _activity(rnd: random.Random, year: int, day: dt.date, unit_short: str, dept_ids: list[str],
              task_ids: list[str]) -> tuple[str, str, int]:
    festival = None
    candidates = [f for f in FESTIVALS if f[1] <= day.month <= f[2]]
    if candidates and rnd.random() < 0.3:
        festival = rnd.choice(candidates)[0]
    if festival:
        title = festival + ("" if festival.endswith("节") else "节") + rnd.choice(("文化活动", "志愿服务", "主题活动"))
    else:
        title = rnd.choice(TITLES)
    place = unit_short + rnd.choice(PLACES) if rnd.random() < 0.5 else rnd.choice(PLACES)
    tags = rnd.sample(TAGS, rnd.randint(1, 2))
    if festival:
        tags.append(f"我们的节日·{festival}")
    n_photos = rnd.randint(1, 3)
    participants = rnd.randint(15, 120)
    lines = [
        "---",
        f"title: {title}",
        f"date: {day.isoformat()}",
        f"place: {place}",
        f"departments: {_flow(rnd.sample(dept_ids, rnd.randint(1, 2)))}",
        "tasks: " + _flow([f'"{t}"' for t in rnd.sample(task_ids, rnd.randint(1, 3))]),
        f"tags: {_flow(tags)}",
        f"participants: {participants}",
    ]
    if "志愿服务" in tags:
        volunteers = rnd.randint(5, min(participants, 40))
        lines += [f"volunteers: {volunteers}", f"volunteer_hours: {volunteers * rnd.randint(2, 4)}"]
    lines.append("photos:")
    for i in range(n_photos):
        lines += [f"  - file: {i + 1:02d}.jpg", f"    caption: {rnd.choice(CAPTIONS)}"]
    lines.append(f"reported: {(day + dt.timedelta(days=rnd.randint(1, 7))).isoformat()}")
    lines.append("---")
    opening = rnd.choice(OPENINGS).format(m=day.month, d=day.day, unit=unit_short, place=place, title=title)
    return title, "\n".join(lines) + "\n\n" + _body(rnd, opening) + "\n", n_photos


def _unique(stem: str, used: set[str]) -> str:
    name, n = stem, 2
    while name in used:
        name, n = f"{stem}-{n}", n + 1
    used.add(name)
    return name


def write_demo(out: Path, years: int, activities_per_year: int, seed: int = 1) -> dict:
    """Write a synthetic data repository into `out` (the data folder itself); return counts."""
    if years < 1 or activities_per_year < 0:
        raise ValueError("years must be ≥ 1 and activities_per_year ≥ 0")
    out = Path(out)
    rnd = random.Random(seed)
    year_list = [FIRST_YEAR + i for i in range(years)]
    unit = yaml.safe_load((SAMPLE / "unit.yml").read_text(encoding="utf-8"))
    dept_ids = [d["id"] for d in unit["departments"]]
    unit_short = unit.get("short") or unit["name"]
    plan_text = (SAMPLE / str(FIRST_YEAR) / "plan.yml").read_text(encoding="utf-8")
    tallies_text = (SAMPLE / str(FIRST_YEAR) / "tallies.yml").read_text(encoding="utf-8")
    plan = yaml.safe_load(plan_text)
    task_ids = [str(t["id"]) for c in plan["categories"] for t in c["tasks"]]
    counts = {"years": years, "activities": 0, "photos": 0, "honors": 0, "files": 0}

    _write(out / "unit.yml", _unit_text(year_list, rnd))
    counts["files"] += 1
    for year in year_list:
        ydir = out / str(year)
        _write(ydir / "plan.yml", plan_text.replace(str(FIRST_YEAR), str(year)))
        _write(ydir / "tallies.yml", tallies_text.replace(str(FIRST_YEAR), str(year)))
        counts["files"] += 2
        start = dt.date(year, 1, 1)
        span = (dt.date(year, 12, 24) - start).days  # reported (≤ 7 days later) stays in the year
        days = sorted(start + dt.timedelta(days=rnd.randint(0, span)) for _ in range(activities_per_year))
        used: set[str] = set()
        for day in days:
            title, text, n_photos = _activity(rnd, year, day, unit_short, dept_ids, task_ids)
            stem = _unique(f"{day.isoformat()}-{title}", used)
            _write(ydir / "activities" / f"{stem}.md", text)
            for i in range(n_photos):
                rel = f"{year}/activities/{stem}/{i + 1:02d}.jpg"
                _photo(out / rel, f"demo-{seed}/{rel}")
            counts["activities"] += 1
            counts["photos"] += n_photos
            counts["files"] += 1 + n_photos
        used = set()
        for quarter in range(4):
            for _ in range(rnd.randint(2, 4)):
                month = quarter * 3 + rnd.randint(1, 3)
                day = dt.date(year, month, rnd.randint(1, 28))
                name = rnd.choice(SURNAMES) + rnd.choice(GIVEN)
                stem = _unique(f"{day.isoformat()}-{name}", used)
                who = f"department: {rnd.choice(dept_ids)}" if rnd.random() < 0.7 else "identity: 社区居民"
                category = rnd.choice(sorted(DEEDS))
                body = "".join(p.format(name=name) for p in rnd.sample(HONOR_BODY, 3))
                text = "\n".join([
                    "---", f"name: {name}", who, f"category: {category}",
                    f"deed: {rnd.choice(DEEDS[category])}", f"date: {day.isoformat()}", f"period: {year}-Q{quarter + 1}",
                    f"nominated_by: 机关第{'一二三四五'[rnd.randint(0, 4)]}党支部", "status: 公布", "consent: true",
                    "---", "", body, "",
                ])
                _write(ydir / "honors" / f"{stem}.md", text)
                counts["honors"] += 1
                counts["files"] += 1
    return counts


@click.command("demo")
@click.option("--years", type=click.IntRange(1, 50), default=2, show_default=True, help="年数（从 2018 年起连续）。")
@click.option("--activities-per-year", "per_year", type=click.IntRange(0), default=30, show_default=True,
              help="每年的活动记录数。")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="输出文件夹；数据写在其中的 data/ 子文件夹。")
@click.option("--seed", type=int, default=1, show_default=True, help="随机种子：同样的参数总是生成同样的文件。")
def demo(years: int, per_year: int, out: Path, seed: int) -> None:
    """生成一套虚构的演示数据（写到 --out 文件夹下的 data/），用来试用和测试构建速度。"""
    data_dir = out / "data"
    if data_dir.exists() and any(data_dir.iterdir()):
        raise click.BadParameter(f"{data_dir} 已存在且不为空，请换一个文件夹。", param_hint="--out")
    counts = write_demo(data_dir, years, per_year, seed)
    click.echo(f"演示数据已写到 {data_dir}：{counts['years']} 年、{counts['activities']} 条活动、"
               f"{counts['photos']} 张照片、{counts['honors']} 条善行义举，共 {counts['files']} 个文件。")
    last = 2018 + years - 1
    click.echo(f"构建网站：wenming build --data {data_dir} --as-of {last}-12-31 -d {out / 'site'}")
