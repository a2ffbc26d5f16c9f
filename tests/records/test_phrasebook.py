"""The phrasebook: real phrases copied from published plans of other units, each with the reading a careful
reader gives (written down before the reader ran on them; see phrasebook/README.md)."""

from __future__ import annotations

from pathlib import Path

import yaml

from wenming.records.phrases import read_phrase

BOOK = Path(__file__).parent / "phrasebook"
ANNOTATIONS = {"measure", "weekday", "open", "average"}
"""Fields the reader may add beyond what a book entry states (they change no judgement)."""


def _entries() -> list[tuple[str, dict]]:
    out = []
    for path in sorted(BOOK.glob("*.yml")):
        for i, entry in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")) or []):
            out.append((f"{path.stem}:{i + 1}:{entry['phrase']}", entry))
    return out


ENTRIES = _entries()


def _value(key: str, value):
    if value is True and key in ("kind", "relation"):
        return "on"  # YAML 1.1 reads an unquoted `on` as true
    return value.isoformat() if hasattr(value, "isoformat") else value


def _same(got: dict, want: dict) -> bool:
    want = {k: _value(k, v) for k, v in want.items()}
    extra = set(got) - set(want) - ANNOTATIONS
    return not extra and all(got.get(k) == v for k, v in want.items())


def _judged(readings: list[dict]) -> list[dict]:
    """Consecutive judgements as one: the reader keeps the plan's whole clause as the word a person judges
    (`定期召开领导小组会议`), where the book may list the judged words (`定期`) one by one."""
    out: list[dict] = []
    for r in readings:
        if r.get("kind") == "judgement" and out and out[-1].get("kind") == "judgement":
            out[-1] = {"kind": "judgement", "words": out[-1]["words"] + [r["word"]]}
        elif r.get("kind") == "judgement":
            out.append({"kind": "judgement", "words": [r["word"]]})
        else:
            out.append(r)
    return out


def _match(got: list[dict], want: list[dict]) -> bool:
    got, want = _judged(got), _judged(want)
    if len(got) != len(want):
        return False
    for g, w in zip(got, want):
        if w.get("kind") == "judgement" and g.get("kind") == "judgement":
            if not all(word in "".join(g["words"]) for word in w["words"]):
                return False
        elif not _same(g, w):
            return False
    return True


def verdict(entry: dict) -> str:
    """`exact`, `refused` (as the book says, or where the book reads it), or `wrong`."""
    got = read_phrase(entry["phrase"], 2024).as_json()
    if "refuse" in entry:
        return "exact" if not got["readings"] else "wrong"
    if got["error"]:
        return "refused"
    if _match(got["readings"], entry["read"]):
        return "exact"
    return "wrong"


def test_the_phrasebook_is_read():
    """At least 90% of the real phrases read exactly as a careful reader says; the rest are listed.

    The book was written by people reading published plans, before the reader ran on them; where the book
    and the reader disagree on a point of reading, the entry carries a `note` saying which way and why."""
    verdicts = {ident: verdict(entry) for ident, entry in ENTRIES}
    exact = sum(v == "exact" for v in verdicts.values())
    assert len(ENTRIES) >= 500
    assert exact / len(ENTRIES) >= 0.9, sorted(i for i, v in verdicts.items() if v != "exact")


def test_every_refusal_in_the_book_names_what_it_could_not_read():
    for _, entry in ENTRIES:
        got = read_phrase(entry["phrase"], 2024)
        if not got.ok:
            assert got.spans and got.spans[0].role == "unread" or "没有读到" in got.error, entry["phrase"]
