"""The phrase reader, table-driven: every deadline, frequency and schedule phrase of the three seed plans
with its exact reading (or its error), and the wrong readings of rule engine v1 as regression cases."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wenming.records.phrases import ACCEPTED, read_phrase

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "plans"
P = {"000": "2018-sample-seed.txt", "001": "2023-center.txt", "003": "2022-bureau.txt"}
"""The three real plans the phrases come from (public documents, copied into the fixtures word for word)."""


def due(d, **kw):
    return {"kind": "due", "date": d, **kw}


def win(a, b, **kw):
    return {"kind": "window", "start": a, "end": b, **kw}


def on(d):
    return {"kind": "on", "date": d}


def count(n, **kw):
    return {"kind": "count", "min": n, **kw}


def cycle(c, n=1, **kw):
    return {"kind": "per_cycle", "cycle": c, "min": n, **kw}


def judgement(w):
    return {"kind": "judgement", "word": w}


# (seed, phrase as the plan writes it, readings for 2018 — or the error's detail as a string)
SEED_PHRASES = [
    # 000: the trade union's task breakdown (时限 in brackets) ...
    ("000", "2月中旬前", [due("2018-02-20")]),
    ("000", "3月底前", [due("2018-03-31")]),
    ("000", "1月、7月各一次", [{"kind": "each_month", "months": [1, 7], "min_each": 1}]),
    ("000", "月底前", "没有写是哪个月"),
    ("000", "3月", [win("2018-03-01", "2018-03-31")]),
    ("000", "5处以上", [count(5, measure="处")]),
    ("000", "经常更新", [judgement("经常更新")]),
    ("000", "不陈旧破损", [judgement("不陈旧破损")]),
    ("000", "每季度公布一次", [cycle("quarter")]),
    ("000", "按季更新", [cycle("quarter")]),
    ("000", "定期更新", [judgement("定期更新")]),
    ("000", "经常开展活动", [judgement("经常开展活动")]),
    ("000", "4月底", [due("2018-04-30")]),
    ("000", "5月、8月底", [due("2018-05-31"), due("2018-08-31")]),
    ("000", "7月底", [due("2018-07-31")]),
    ("000", "5月", [win("2018-05-01", "2018-05-31")]),
    ("000", "活动结束后5日内", [{"kind": "after_record", "days": 5}]),
    ("000", "5月底", [due("2018-05-31")]),
    ("000", "5月4日，7月1日", [on("2018-05-04"), on("2018-07-01")]),
    ("000", "7月7日", [on("2018-07-07")]),
    ("000", "5月底、8月底", [due("2018-05-31"), due("2018-08-31")]),
    ("000", "7月、9月", [win("2018-07-01", "2018-07-31"), win("2018-09-01", "2018-09-30")]),
    ("000", "5月、8月各开展一次", [{"kind": "each_month", "months": [5, 8], "min_each": 1}]),
    ("000", "至少3个", [count(3)]),
    ("000", "9月", [win("2018-09-01", "2018-09-30")]),
    ("000", "不少于4次", [count(4)]),
    ("000", "活动应分布于各月", [judgement("活动应分布于各月")]),
    ("000", "活动结束5日内", [{"kind": "after_record", "days": 5}]),
    ("000", "6月、9月、12月各开展一次", [{"kind": "each_month", "months": [6, 9, 12], "min_each": 1}]),
    ("000", "6月底", [due("2018-06-30")]),
    ("000", "9月底", [due("2018-09-30")]),
    ("000", "占职工总数的30%以上", [{"kind": "ratio", "min": 0.3, "strict": False, "of": "占职工总数"}]),
    ("000", "全年开展不少于6次", [count(6)]),
    ("000", "活动分布在各月，不搞突击应付", [judgement("活动分布在各月"), judgement("不搞突击应付")]),
    ("000", "每月上传", [cycle("month")]),
    ("000", "每月转发或发布3条以上", [cycle("month", 3)]),
    ("000", "至少2次", [count(2)]),
    ("000", "至少组织开展4次", [count(4)]),
    ("000", "12月", [win("2018-12-01", "2018-12-31")]),
    ("000", "每月向“中国好人榜”至少提供30条好人线索", [cycle("month", 30)]),
    ("000", "支部每月负责推荐3条好人线索", [cycle("month", 3, per="支部")]),
    ("000", "每月25号前", [cycle("month", due_day=25)]),
    ("000", "全年至少召开2次", [count(2)]),
    ("000", "3-5人", [count(3, target=5, measure="人")]),
    # ... and its activity schedule (时间, 上报时间)
    ("000", "1月10日", [on("2018-01-10")]),
    ("000", "1月中下旬", [win("2018-01-11", "2018-01-31")]),
    ("000", "5月14日（端午节前）", [on("2018-05-14"), {"kind": "festival", "names": ["端午"], "relation": "before"}]),
    ("000", "6月14日-28日", [win("2018-06-14", "2018-06-28")]),
    ("000", "4月下旬", [win("2018-04-21", "2018-04-30")]),
    ("000", "8月上旬", [win("2018-08-01", "2018-08-10")]),
    ("000", "8月中旬", [win("2018-08-11", "2018-08-20")]),
    ("000", "12月下旬", [win("2018-12-21", "2018-12-31")]),
    ("000", "1月底", [due("2018-01-31")]),
    ("000", "春节前夕", [{"kind": "festival", "names": ["春节"], "relation": "before"}]),
    # 001: a centre's plan: phases and frequencies without dates
    ("001", "2月—4月", [win("2018-02-01", "2018-04-30")]),
    ("001", "4月—10月", [win("2018-04-01", "2018-10-31")]),
    ("001", "10月—12月", [win("2018-10-01", "2018-12-31")]),
    ("001", "每年度召开一次", [cycle("year")]),
    ("001", "每年评比表彰一次", [cycle("year")]),
    ("001", "定期", [judgement("定期")]),
    ("001", "及时", [judgement("及时")]),
    ("003", "常态化", [judgement("常态化")]),
    # 003: a bureau's plan (全国文明单位)
    ("003", "超过25小时", [{"kind": "hours", "min": 25, "strict": True}]),
    ("003", "年平均参与服务超过25小时", [{"kind": "hours", "min": 25, "strict": True, "cycle": "year"}]),
    ("003", "普及率≥95%", [{"kind": "ratio", "min": 0.95, "strict": False, "of": "普及率"}]),
    ("003", "经常化、制度化", [judgement("经常化、制度化")]),
    ("003", "定期开展", [judgement("定期开展")]),
    ("003", "适时", [judgement("适时")]),
]


def _readings(phrase: str, year: int = 2018):
    return read_phrase(phrase, year).as_json()


@pytest.mark.parametrize("seed, phrase, expected", SEED_PHRASES, ids=[f"{s}-{p}" for s, p, _ in SEED_PHRASES])
def test_seed_phrase(seed, phrase, expected):
    got = _readings(phrase)
    if isinstance(expected, str):
        assert got["readings"] == [] and got["error"].startswith(f"看不懂 “{phrase}”")
        assert expected in got["error"] and ACCEPTED in got["error"]
    else:
        assert (got["readings"], got["error"]) == (expected, None)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed plans are not on this machine")
@pytest.mark.parametrize("seed, phrase", [(s, p) for s, p, _ in SEED_PHRASES])
def test_seed_phrase_is_the_plans_own_wording(seed, phrase):
    text = re.sub(r"\s+", "", (SEEDS / P[seed]).read_text(encoding="utf-8"))
    assert re.sub(r"\s+", "", phrase) in text


# -- the wrong readings of v1, with our own examples --------------------------------------------------

REGRESSIONS = [
    # a month is a window, not "by the end of"
    ("4月", 2019, [win("2019-04-01", "2019-04-30")]),
    ("2月、11月各一次", 2019, [{"kind": "each_month", "months": [2, 11], "min_each": 1}]),
    ("4月、10月", 2019, [win("2019-04-01", "2019-04-30"), win("2019-10-01", "2019-10-31")]),
    # a cycle is a cycle with its due day
    ("每月20日前", 2019, [cycle("month", due_day=20)]),
    ("每两个月至少一次", 2019, [cycle("two_months")]),
    ("每周3次以上", 2019, [cycle("week", 3)]),
    # strictly more than
    ("超过40小时", 2019, [{"kind": "hours", "min": 40, "strict": True}]),
    ("超过6次", 2019, [count(7, strict=True)]),
    # a later start
    ("从8月起每月", 2019, [{"kind": "from", "date": "2019-08-01"}, cycle("month")]),
    ("下半年开始", 2019, [{"kind": "from", "date": "2019-07-01"}]),
    ("下半年", 2019, [win("2019-07-01", "2019-12-31")]),
    # named documents, each by its own date
    ("3月底前报方案、11月底前报总结", 2019, [due("2019-03-31", kinds=["方案"]), due("2019-11-30", kinds=["总结"])]),
    ("2月中旬前上传方案", 2019, [due("2019-02-20", kinds=["方案"])]),  # 前 makes it a time limit, kind or not
    # no number, the standard elsewhere, an event
    ("全覆盖", 2019, [judgement("全覆盖")]),
    ("达到“五无”标准", 2019, [judgement("达到“五无”标准")]),
    ("见专项通知", 2019, [{"kind": "external", "ref": "专项通知"}]),
    ("时间节点见附件", 2019, [{"kind": "external", "ref": "附件"}]),
    ("测评期间", 2019, [{"kind": "event", "name": "测评", "relation": "during"}]),
    ("检查前10天", 2019, [{"kind": "event", "name": "检查", "relation": "before", "days": 10}]),
    ("迎检前", 2019, [{"kind": "event", "name": "迎检", "relation": "before"}]),
    # "before March" is the end of February, in a leap year too
    ("3月前", 2020, [due("2020-02-29")]),
    ("2018-03-31", 2018, [due("2018-03-31")]),
]


@pytest.mark.parametrize("phrase, year, expected", REGRESSIONS, ids=[p for p, _, _ in REGRESSIONS])
def test_regression_reading(phrase, year, expected):
    got = _readings(phrase, year)
    assert (got["readings"], got["error"]) == (expected, None)


@pytest.mark.parametrize("phrase", ["下个月", "尽快", "2月30日", "13月底", "2018-02-30", "活动结束3个工作日内",
                                    "每月32日前", "6次以下", "活动结束99999999日内", "检查前400天", "学期末",
                                    "每季度或半年召开1次", "累计不少于3个月", "八项规定", "7条主干道", "每年不少于10000字",
                                    "2月左右", "每月2次左右", "年初", "20xx年x月", "3月xx日"])
def test_never_a_guess(phrase):
    got = read_phrase(phrase, 2018)
    assert not got.ok and got.readings == () and ACCEPTED in got.error


# -- wenming 13: the shapes real plans use, in our own words (the examples) ------------------

GRAMMAR = [
    # words between a cycle and its count; no 每; a count over the year
    ("每季度召开会议专题研究一次", [cycle("quarter")]),
    ("每两个月至少开展集中学习一次", [cycle("two_months")]),
    ("全年度组织培训不少于4次", [count(4)]),
    ("每年撰写心得2篇以上", [cycle("year", 2)]),
    ("全年不少于8篇（条）", [count(8)]),
    ("半年至少开展1次", [cycle("half_year")]),
    ("每三年评选一次", [cycle("years", every=3)]),
    ("三年一次", [cycle("years", every=3)]),
    ("一月一主题", [cycle("month")]),
    ("每天一保洁、每周一检查", [cycle("day"), cycle("week")]),
    ("每月第二个星期五", [cycle("month", nth_weekday=[2, 5])]),
    ("2-3个", [count(2, target=3)]),
    ("一至二次", [count(1, target=2)]),
    ("不超过3次", [count(1, max=3)]),
    ("每人每年撰写1篇以上", [cycle("year", 1, per="人")]),
    # dates and spans
    ("2~5月", [win("2019-02-01", "2019-05-31")]),
    ("20xx年5月", [win("2019-05-01", "2019-05-31")]),
    ("今年10月", [win("2019-10-01", "2019-10-31")]),
    ("2020年4月底前", [due("2020-04-30")]),
    ("三月中旬至四月上旬", [win("2019-03-11", "2019-04-10")]),
    ("9月16―25日", [win("2019-09-16", "2019-09-25")]),
    ("11月下旬至12月2日", [win("2019-11-21", "2019-12-02")]),
    ("11月至次年2月", [win("2019-11-01", "2020-02-29")]),
    ("三月十五日", [on("2019-03-15")]),
    ("第三季度", [win("2019-07-01", "2019-09-30")]),
    ("3月31日（周五）17:00前", [due("2019-03-31")]),
    ("3·5", [on("2019-03-05")]),
    ("七一前", [due("2019-07-01")]),
    ("学雷锋志愿服务月", [win("2019-03-01", "2019-03-31")]),
    # festivals and events
    ("国庆期间", [{"kind": "festival", "names": ["国庆"], "relation": "during"}]),
    ("利用元宵、端午等传统节日", [{"kind": "festival", "names": ["元宵", "端午"], "relation": "during", "open": True}]),
    ("在全区验收前", [{"kind": "event", "name": "验收", "relation": "before"}]),
    ("运动会开幕之前", [{"kind": "event", "name": "运动会开幕", "relation": "before"}]),
    ("倒计时100天", [{"kind": "event", "name": "倒计时", "relation": "before", "days": 100}]),
    # ratios, hours and conditions; the three silent misreads of the template reader
    ("不到90%", [{"kind": "condition", "text": "不到90%"}]),
    ("两个星期内", [{"kind": "within", "days": 14}]),
    ("学习时间每周不少于六小时", [{"kind": "hours", "min": 6, "strict": False, "cycle": "week"}]),
    ("两次以上整改不力", [{"kind": "condition", "text": "两次以上整改不力"}]),
    ("知晓率达百分之百", [{"kind": "ratio", "min": 1.0, "strict": False, "of": "知晓率"}]),
    # plain words that hold numbers are never counts
    ("严格落实八项规定，每季度检查一次", [cycle("quarter")]),
    ("每月巡查7条主干道", [cycle("month")]),
    ("每日巡查", [cycle("day")]),
    ("端午", [{"kind": "festival", "names": ["端午"], "relation": "during"}]),
    ("不定时", [judgement("不定时")]),
]


@pytest.mark.parametrize("phrase, expected", GRAMMAR, ids=[p for p, _ in GRAMMAR])
def test_grammar_reading(phrase, expected):
    got = _readings(phrase, 2019)
    assert (got["readings"], got["error"]) == (expected, None)


def test_a_refusal_names_the_part_not_read():
    got = read_phrase("每月巡查，学期末总结", 2019)
    assert not got.ok and "学期末" in got.error
    assert [(s.text, s.role) for s in got.spans] == [("学期末", "unread")]


def test_spans_say_which_characters_gave_which_reading():
    got = read_phrase("每季度召开会议专题研究一次", 2019)
    assert [(s.text, s.reading) for s in got.spans] == [("每季度", 0), ("一次", 0)]


def test_the_plans_words_are_kept():
    """号 is read as 日 only inside a date; a quoted standard keeps every character, its commas too."""
    for words in ("达到“人人知晓文明口号”标准", "达到“人人知晓，人人参与”标准"):
        got = read_phrase(words, 2019)
        assert [r.as_json() for r in got.readings] == [{"kind": "judgement", "word": words}]
    assert read_phrase("5月4号", 2019).readings[0].get("date").isoformat() == "2019-05-04"
    got = read_phrase("3号楼每月检查一次", 2019)
    assert [r.as_json() for r in got.readings] == [{"kind": "per_cycle", "cycle": "month", "min": 1}]


def test_a_plans_own_event_is_read():
    got = read_phrase("文明单位复评期间", 2019, events=("文明单位复评",))
    assert [r.as_json() for r in got.readings] == [{"kind": "event", "name": "文明单位复评", "relation": "during"}]
