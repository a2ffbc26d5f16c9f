"""jieba's global dictionary, kept the same for every build in one process.

Material's search plugin cuts Chinese text with jieba's default tokenizer, whose
dictionary is global. Every word added to it (the packaged user dictionary, the
names in the data) changes its frequency table and the total that all later
cuts are weighed against, and adding the same words again changes them again.
Under `serve` and in the tests several builds share one process, so without
care a later build cuts some phrases differently from the first (`打印台/账`
then `打印/台账`), and the same data gives a different search index.

`restore_dictionary(words)` puts back what the previous build changed and
remembers what this one is about to change; `remember_cuts()` lets a build cut
each run of characters once. Only the MkDocs hook calls these.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

_LINE = re.compile(r"^(.+?)( [0-9]+)?( [a-z]+)?$")
"""A user-dictionary line as jieba reads it: word, optional frequency, optional tag."""


def dictionary_words(path: Path) -> list[str]:
    """The words of a jieba user dictionary file."""
    words = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        found = _LINE.match(line.strip())
        if found:
            words.append(found.group(1).strip())
    return words


def restore_dictionary(words: Iterable[str]) -> None:
    """Undo the previous build's changes to jieba's dictionary, then note the current frequency of
    `words` (those this build will add) and their prefixes, so that the next build can undo them.

    The note lives on jieba's tokenizer itself: MkDocs loads the hook module afresh for every
    configuration it reads, but jieba's dictionary is the same object for the whole process."""
    import jieba

    tokenizer = jieba.dt
    tokenizer.check_initialized()
    note = getattr(tokenizer, "_wenming_undo", None)
    if note is not None:
        total, freq = note
        for word, value in freq.items():
            if value is None:
                tokenizer.FREQ.pop(word, None)
            else:
                tokenizer.FREQ[word] = value
        tokenizer.total = total
    touched = {word[:end] for word in words for end in range(1, len(word) + 1)}
    tokenizer._wenming_undo = (tokenizer.total, {w: tokenizer.FREQ.get(w) for w in sorted(touched)})


def remember_cuts() -> None:
    """Cut each run of Chinese characters into words once per build, not once per page that shows it.

    Material's search plugin hands every run of Han characters of every page section to `jieba.cut`;
    titles, names, departments and briefs recur on index, month, task and department pages (in the
    sample, two thirds of the characters cut were cut before on another page). The same input and the
    same dictionary give the same words. Call it after the build's words are in the dictionary: the
    memory starts empty each time."""
    import jieba

    cut = getattr(jieba.cut, "__wrapped__", jieba.cut)
    seen: dict = {}

    def remembered(sentence, *args, **kwargs):
        if args or kwargs:
            return cut(sentence, *args, **kwargs)
        words = seen.get(sentence)
        if words is None:
            words = seen[sentence] = tuple(cut(sentence))
        return iter(words)

    remembered.__wrapped__ = cut
    jieba.cut = remembered
