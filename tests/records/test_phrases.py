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
    ("000", "5处以上", [count(5)]),
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
    ("000", "每月向“中国好人榜”至少提供30条好人线索", "周期后面的次数没有看懂"),
    ("000", "支部每月负责推荐3条好人线索", ""),
    ("000", "每月25号前", [cycle("month", due_day=25)]),
    ("000", "全年至少召开2次", [count(2)]),
    ("000", "3-5人", ""),
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
    ("003", "年平均参与服务超过25小时", [{"kind": "hours", "min": 25, "strict": True}]),
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


@pytest.mark.parametrize("phrase", ["下个月", "尽快", "2月30日", "13月底", "2018-02-30", "每日巡查", "活动结束3个工作日内",
                                    "端午", "每月32日前", "6次以下", "不定时", "活动结束99999999日内", "检查前400天"])
def test_never_a_guess(phrase):
    got = read_phrase(phrase, 2018)
    assert not got.ok and got.readings == () and ACCEPTED in got.error
