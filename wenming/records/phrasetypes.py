"""The readings of the plan's phrases and the words the reader shares (see `phrases`). Pure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

DOCUMENT_KINDS = ("方案", "计划", "总结", "制度", "工作信息", "证明材料", "表彰文件", "名单", "会议记录",
                  "简报", "文件", "扫描件", "截图", "视频", "图片", "预算表")
"""Built-in document kinds (a unit adds its own in unit.yml `document_kinds`)."""


@dataclass(frozen=True)
class Reading:
    """One requirement read from a phrase."""

    kind: str
    """due, window, on, from, per_cycle, count, each_month, after_record, festival, event, judgement,
    external, ratio or hours."""
    values: dict = field(default_factory=dict)
    """The reading's fields (dates as `datetime.date`)."""

    def get(self, key: str, default=None):
        return self.values.get(key, default)

    def as_json(self) -> dict:
        out: dict = {"kind": self.kind}
        for key, value in self.values.items():
            out[key] = value.isoformat() if isinstance(value, dt.date) else value
        return out


@dataclass(frozen=True)
class PhraseReading:
    phrase: str
    year: int
    readings: tuple[Reading, ...] = ()
    error: str = ""
    """Empty when read; otherwise what was not understood and the accepted forms."""

    @property
    def ok(self) -> bool:
        return not self.error

    def as_json(self) -> dict:
        return {"phrase": self.phrase, "year": self.year, "readings": [r.as_json() for r in self.readings],
                "error": self.error or None}


class NotRead(Exception):
    """A clause the reader cannot read exactly."""


_NUM = r"([0-9]+|[一二两三四五六七八九十]+)"
_UNIT = r"(?:次|期|篇|条|个|场|项|回|份|处|批|轮|件|张|幅)"
_VERB = (r"(?:组织开展|转发或发布|评比表彰|开展|召开|组织|举办|举行|公布|报送|上报|上传|提供|推荐|发布|更新|表彰|评比|"
         r"进行|推送|通报|报|参加|检查|巡查|学习|走访|慰问)")
_TAIL = r"(?:之前|以前|前|止|为止)?(?:完成|上传|上报|报送|提交|公布|开展|召开|举办|印发)?"
_PART = {"上旬": (1, 10), "中旬": (11, 20), "下旬": (21, 31), "中下旬": (11, 31), "上中旬": (1, 20), "初": (1, 10)}
