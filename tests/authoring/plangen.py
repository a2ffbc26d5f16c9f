"""Plan documents generated and mutated at random (seeded), for the importer's property tests.

A document is lines of text: a title, sections numbered in any of the styles plans use, categories and tasks
in random styles and nestings, labels in all their forms, time and frequency wording (readable, unreadable and
hostile), leading groups, phases, schedules and tables (pipes or tab cells), and noise. `mutate` then breaks it:
characters dropped, lines duplicated, swapped or cut, odd characters inserted.
"""

from __future__ import annotations

import random

CN = "一二三四五六七八九十"
SECTION_TITLES = ["指导思想", "工作目标", "组织领导", "实施步骤", "工作任务", "主要措施", "工作重点", "工作要求", "活动安排",
                  "保障措施", "创建内容", "考核细则", "任务分解", "其他事项"]
PHRASES = ["3月底前", "每季度一次", "全年不少于6次", "每月25日前", "活动结束5日内", "上半年", "12月上旬", "端午节前",
           "测评期间", "常态化开展", "每半年召开一次", "1月、7月各一次", "见专项通知", "长期坚持", "每周五下午开展一次",
           "3月12日前后", "节假日期间", "5月15日国际家庭日前", "不少于5处", "每名党员联系2户", "由5人组成", "八项规定",
           "2月30日前", "3000年5月", "20xx年6月", "x月", "99999999999次", "每99999天", "0次", "13月", "“3·23”世界气象日",
           "第三个星期日", "现场图片3张", "每篇不少于500字", "资金2万元", "超过40小时", "占职工总数30%以上", "一次性告知",
           "每天", "迎检前30天", "下半年开始", "从7月起每月", "春节、元宵等传统节日", "9月至次年6月", "上午9:00", "得4分",
           "每少一次扣1分", "", "（", "）", "“", "”", "：", "；", "。", "，"]
WORDS = ["开展", "组织", "召开", "制定", "建立", "推进", "落实", "道德讲堂", "志愿服务", "文明科室", "创建工作", "学习教育",
         "公益广告", "善行义举榜", "好人线索", "网络文明", "诚信建设", "法治宣传", "结对帮扶", "我们的节日", "文明交通",
         "办公室", "机关党委", "宣传教育部", "各科室", "工会", "张某", "xxxxxx", "****", "活动", "会议", "方案"]
ORGS = ["办公室", "机关党委", "宣传教育部", "生产保护部", "机关团委", "各科室", "****", "资料组", "法律工作部、保障工作部"]
LABELS = ["责任单位", "责任部门", "责任科室", "责 任 人", "牵头单位", "配合单位", "牵头领导", "配合领导", "工作时限",
          "完成时限", "时间要求", "考核内容", "考核标准", "测评内容"]


def _marks(rng: random.Random, n: int) -> str:
    style = rng.choice(["{c}、", "（{c}）", "{d}.", "{d}、", "（{d}）", "{d}）", "{o}", "{c}是", "第{c}阶段：", "", "{d}. "])
    return style.format(c=CN[(n - 1) % 10] if n <= 10 else "十" + CN[(n - 11) % 10], d=n, o=chr(ord("①") + (n - 1) % 20))


def _sentence(rng: random.Random) -> str:
    parts = [rng.choice(WORDS) for _ in range(rng.randint(1, 4))]
    for _ in range(rng.randint(0, 3)):
        parts.insert(rng.randint(0, len(parts)), rng.choice(PHRASES))
    return rng.choice(["，", "", "、"]).join(parts) + rng.choice(["。", "；", "", "。"])


def _labels(rng: random.Random) -> str:
    found = [f"{rng.choice(LABELS)}{rng.choice(['：', ':', ''])}{rng.choice(ORGS + PHRASES + [''])}"
             for _ in range(rng.randint(1, 3))]
    glue = rng.choice([" ", "；", "\n", "  "])
    text = glue.join(found)
    form = rng.random()
    if form < 0.2:
        return f"（{text}）"
    if form < 0.3:
        return f"{text}）"
    return text


def _task(rng: random.Random, n: int) -> list[str]:
    line = _marks(rng, n) + _sentence(rng)
    if rng.random() < 0.2:
        line = f"由{rng.choice(ORGS)}牵头，{rng.choice(ORGS)}配合，" + line
    if rng.random() < 0.3:
        line += f"（{rng.choice(ORGS)}负责）"
    if rng.random() < 0.2:
        line += "".join(f"{'一二三'[k]}是{_sentence(rng)}" for k in range(rng.randint(2, 3)))
    out = [line]
    if rng.random() < 0.3:
        out += [chr(ord("①") + k) + _sentence(rng) for k in range(rng.randint(1, 3))]
    if rng.random() < 0.5:
        out += _labels(rng).split("\n")
    return out


def _table(rng: random.Random) -> list[str]:
    header = rng.choice([["序号", "工作任务", "责任部门", "完成时限"], ["时间", "活动内容", "上报时间"],
                         ["测评项目", "测评内容", "分值", "评分标准"], ["月份", "时间", "活动内容"]])
    rows = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for k in range(rng.randint(0, 6)):
        cells = [rng.choice([str(k + 1), rng.choice(PHRASES), _sentence(rng), rng.choice(ORGS), "一、组织领导", "", "10",
                             "合计", f"{k + 1}月"]) for _ in header]
        rows.append("| " + " | ".join(c.replace("|", "") for c in cells) + " |")
    return rows


def document(rng: random.Random) -> list[str]:
    year = rng.choice(["2024", "2019", "20xx", "3000", "2100", "1990", ""])
    lines = [rng.choice([f"{year}年度精神文明建设工作实施方案", f"关于印发《{year}年工作要点》的通知", "示例单位文件", ""])]
    if rng.random() < 0.3:
        lines += ["附：1、实施方案", "2、活动安排表", "2024年1月29日"]
    for s in range(1, rng.randint(1, 7)):
        lines.append(_marks(rng, s) + rng.choice(SECTION_TITLES))
        kind = rng.random()
        if kind < 0.15:
            lines += [f"组  长：{rng.choice(['张某（局长）', '', 'xxxxxx'])}", "副组长：李某、王某",
                      f"局长{rng.choice(['赵某', 'XXX'])}任组长，各科室负责人为成员。"]
        elif kind < 0.25:
            lines += [f"（{CN[k]}）{rng.choice(['宣传发动', '组织实施', '总结'])}阶段（{rng.choice(PHRASES)}）" for k in range(3)]
            lines.append("4月启动，5—10月全面推进，11月总结。")
        elif kind < 0.35:
            lines += _table(rng)
        elif kind < 0.45:
            lines += [f"{m}月：{_sentence(rng)}" for m in rng.sample(range(1, 13), 3)]
        else:
            for c in range(1, rng.randint(1, 4)):
                if rng.random() < 0.7:
                    lines.append(_marks(rng, c) + rng.choice(WORDS) + rng.choice(["", f"（{rng.choice(ORGS)}）", "。"])
                                 + (_sentence(rng) if rng.random() < 0.3 else ""))
                for t in range(1, rng.randint(1, 5)):
                    lines += _task(rng, t)
                if rng.random() < 0.2:
                    lines.append(_sentence(rng))
    if rng.random() < 0.2:
        lines += ["附件1", "任务分解表"] + _table(rng)
    if rng.random() < 0.2:
        lines.append("\t" + "\n\t".join(rng.choice(WORDS) for _ in range(4)))
    return "\n".join(lines).split("\n")


def mutate(rng: random.Random, lines: list[str]) -> list[str]:
    lines = list(lines)
    for _ in range(rng.randint(1, 6)):
        if not lines:
            break
        i = rng.randrange(len(lines))
        op = rng.random()
        if op < 0.2 and lines[i]:
            j = rng.randrange(len(lines[i]))
            lines[i] = lines[i][:j] + lines[i][j + 1:]
        elif op < 0.35:
            lines.insert(i, lines[i])
        elif op < 0.5:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif op < 0.6:
            lines[i] = lines[i][:rng.randint(0, len(lines[i]))]
        elif op < 0.75:
            j = rng.randint(0, len(lines[i]))
            odd = rng.choice(["\u3000", "\t", "|", "：", "（", "）", "“", "#", "- ", "\u200b", "—", "·", "１２", "Ⅱ-1", "{", "}",
                              "[", "]", "*", "&", "!", "%", "'", '"', "\\", "`", "@", ">", "～", "\ufeff"])
            lines[i] = lines[i][:j] + odd + lines[i][j:]
        elif op < 0.85:
            lines[i] = lines[i] * rng.randint(2, 4)
        else:
            del lines[i]
    return lines
