"""A generator composes phrase parts with plain words between them into thousands of phrases whose meaning
is known, and the reader must read each exactly (a property test; fixed seed, so the same phrases each run)."""

from __future__ import annotations

import random

from wenming.records.phrases import read_phrase

CYCLES = [("每周", "week"), ("每月", "month"), ("每两个月", "two_months"), ("每季度", "quarter"), ("每半年", "half_year"),
          ("每年", "year"), ("每个季度", "quarter"), ("每个月", "month"), ("每年度", "year")]
FILLERS = ["", "召开会议专题研究", "组织开展", "开展集中学习", "组织干部职工学习", "向上级报送", "由办公室牵头组织", "召开"]
COMPARISONS = [("不少于{n}次", lambda n: {"min": n}), ("至少{n}次", lambda n: {"min": n}),
               ("{n}次以上", lambda n: {"min": n}), ("超过{n}次", lambda n: {"min": n + 1, "strict": True}),
               ("不低于{n}次", lambda n: {"min": n}), ("{n}次", lambda n: {"min": n})]
NUMERALS = {1: ["1", "一"], 2: ["2", "两", "二"], 3: ["3", "三"], 4: ["4", "四"], 6: ["6", "六"], 10: ["10", "十"]}
MONTHS = {m: [str(m), "一二三四五六七八九十"[m - 1] if m <= 10 else ("十一" if m == 11 else "十二")] for m in range(1, 13)}


def _cycles(rng: random.Random):
    word, cycle = rng.choice(CYCLES)
    n = rng.choice(list(NUMERALS))
    template, values = rng.choice(COMPARISONS)
    phrase = word + rng.choice(FILLERS) + template.format(n=rng.choice(NUMERALS[n]))
    return phrase, [{"kind": "per_cycle", "cycle": cycle, **values(n)}]


def _dates(rng: random.Random):
    m = rng.randint(1, 12)
    month = rng.choice(MONTHS[m]) + rng.choice(["月", "月份"])
    year = rng.choice(["", "2019年", "20xx年", "今年"])
    if rng.random() < 0.5:
        import calendar
        last = calendar.monthrange(2019, m)[1]
        return year + month + "底前" + rng.choice(["", "完成", "上报"]), [{"kind": "due", "date": f"2019-{m:02d}-{last:02d}"}]
    m2 = rng.randint(m, 12)
    import calendar
    last = calendar.monthrange(2019, m2)[1]
    sep = rng.choice(["-", "~", "—", "至", "到"])
    return (f"{year}{MONTHS[m][0]}{sep}{MONTHS[m2][0]}月", [{"kind": "window", "start": f"2019-{m:02d}-01",
                                                            "end": f"2019-{m2:02d}-{last:02d}"}]) if m2 > m else \
        (f"{year}{month}", [{"kind": "window", "start": f"2019-{m:02d}-01", "end": f"2019-{m:02d}-{last:02d}"}])


def test_thousands_of_composed_phrases_read_exactly():
    rng = random.Random(13)
    wrong = []
    for _ in range(3000):
        phrase, expected = rng.choice([_cycles, _dates])(rng)
        got = read_phrase(phrase, 2019).as_json()
        if got["readings"] != expected:
            wrong.append((phrase, got["readings"] or got["error"][:60], expected))
    assert wrong == []


def test_a_leftover_number_or_time_word_is_always_refused():
    rng = random.Random(7)
    for _ in range(500):
        phrase, _ = _cycles(rng)
        broken = phrase + rng.choice(["，另加3", "，学期末", "，下个月", "，约5%", "，第2年"])
        got = read_phrase(broken, 2019)
        assert not got.ok and got.spans and got.spans[0].role == "unread", broken
