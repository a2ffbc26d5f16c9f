"""A page's sections for the search index, without Python's HTML parser.

Material's search plugin cuts each page's HTML body into sections (a heading
and the text up to the next one) with its `Parser`, a subclass of
`html.parser.HTMLParser`: at 3,000 activities about a sixth of the build. The
body of a page we generate is well formed and its text is escaped by us, so it
splits at each `<` into a tag (up to the next `>`, read once per distinct tag)
and the text after it, as HTMLParser splits it; the state machine of Material's
`Parser` (mkdocs-material 9.7, `material/plugins/search/plugin.py`) is then
replayed here step by step, with counters in place of its set and list
searches.

`parse_sections` gives what that `Parser` gives, or None when the body holds
anything it does not reproduce exactly (a comment, a declaration, script or
style content, a `<` that opens no tag, an attribute written otherwise than
`name="value"`, ...): then Material's own parser is used. `parse_faster`
wires it into the plugin's index (duck-typed: `add_entry_from_context`,
`create_entry_for_section`); only the MkDocs hook calls it.

Material's elements compare by tag name only, so its `skip` set and its
"inside the heading" test are about tag names, not elements: while a
`<div data-search-exclude>` is open, text in any `<div>` is skipped, and the
first `</div>` that closes lifts the exclusion. That is reproduced as it is.
"""

from __future__ import annotations

import re
from html import escape, unescape

from .pagemeta import with_year

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                  "track", "wbr"})
"""Material's `void`: tags it never puts on its stack of open elements."""
KEEP = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
"""Tags Material writes into a section's text (and drops again when nothing but space follows them)."""
ALWAYS_SKIPPED = frozenset({"object", "script", "style"})
"""Tags whose content Material never indexes (its initial `skip`); they stay skipped once closed."""
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
RAW_TEXT = frozenset({"script", "style", "textarea", "title", "noscript", "plaintext", "xmp", "iframe", "noembed",
                      "noframes"})
"""Tags whose content an HTML parser may read as raw text (Python's for script and style; newer
versions for more): their pages are left to Material's parser."""

_SPACE = "[ \t\n\r\f]"  # HTMLParser's separators inside a tag (its `\\s` also takes Unicode spaces)
_START = re.compile(rf"""([a-zA-Z][-a-zA-Z0-9]*)((?:{_SPACE}+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"]*"|='[^']*')?)*)"""
                    rf"""{_SPACE}*(/?)""")
"""What is between `<` and `>` in a start tag written as we write them: name, attributes, `/` of `<tag/>`."""
_END = re.compile(rf"/([a-zA-Z][-a-zA-Z0-9]*){_SPACE}*")
_ATTRS = re.compile(rf"""{_SPACE}+([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)"|='([^']*)')?""")
_CACHE: dict[str, tuple | None] = {}
"""Tags read so far (a site repeats the same few hundred), emptied past 2,000 (a few MiB)."""
_INF = float("inf")


class Section:
    """One section as Material's `Section` holds it: the heading's tag (`hx` for the text before the
    first heading, or before the first heading with an id when it is not an h1), the heading's `id`
    (None for the first section), the title and text as lists of escaped pieces, and whether the
    heading has `data-search-exclude`."""

    __slots__ = ("tag", "depth", "id", "title", "text", "excluded")

    def __init__(self, tag: str, depth: float = 0, excluded: bool = False):
        self.tag = tag
        self.depth = depth
        self.id: str | None = None
        self.title: list[str] = []
        self.text: list[str] = []
        self.excluded = excluded

    def is_excluded(self) -> bool:
        return self.excluded

    def __repr__(self) -> str:
        return f"{self.tag}#{self.id}" if self.id else self.tag


def _read_tag(source: str) -> tuple | None:
    """What is between a `<` and the next `>`, read as HTMLParser reads it: `(None, tag)` for an end
    tag, `(attributes, tag, closes)` for a start tag (`closes` for `<tag/>`; attribute names
    lower-cased, values unescaped, None for a name without a value, the last of a repeated name);
    None when it is written otherwise than we write tags, or opens raw text."""
    if source[:1] == "/":
        m = _END.fullmatch(source)
        return (None, m.group(1).lower()) if m and m.group(1).lower() not in RAW_TEXT else None
    m = _START.fullmatch(source)
    if not m or m.group(1).lower() in RAW_TEXT:
        return None
    attrs: dict[str, str | None] = {}
    for a in _ATTRS.finditer(m.group(2)):
        value = a.group(2) if a.group(2) is not None else a.group(3)
        attrs[a.group(1).lower()] = unescape(value) if value else value
    return attrs, m.group(1).lower(), bool(m.group(3))


def parse_sections(html: str) -> list[Section] | None:
    """The sections Material's search `Parser` makes of `html`, or None when not sure they would be the same."""
    sections: list[Section] = []
    section: Section | None = None
    context: list[str] = []         # tags of the open elements (Material's `context`)
    count: dict[str, int] = {}      # how many of each tag are open
    skip = set(ALWAYS_SKIPPED)      # Material's `skip`, as tag names
    skipped = 0                     # open elements whose tag is in `skip`: text is skipped while > 0
    permalinks: list[int] = []      # stack depths of the open `<a class="headerlink">`
    if len(_CACHE) > 2000:
        _CACHE.clear()

    pieces = html.split("<")
    for n, piece in enumerate(pieces):
        if n:  # a tag, then text up to the next '<'
            source, gt, data = piece.partition(">")
            if not gt:  # a '<' that opens no tag, or one in an attribute's value
                return None
            token = _CACHE.get(source, False)
            if token is False:
                token = _CACHE[source] = _read_tag(source)
            if token is None:
                return None
            attrs = token[0]
            tag = token[1]
            if attrs is not None:  # handle_starttag
                if tag not in VOID:
                    context.append(tag)
                    count[tag] = count.get(tag, 0) + 1
                    if tag in skip:
                        skipped += 1
                    if tag == "a" and attrs.get("class") == "headerlink":
                        permalinks.append(len(context))
                    if tag in HEADINGS and "id" in attrs:
                        depth = len(context)
                        if tag != "h1" and not sections:
                            sections.append(Section("hx", depth))
                        section = Section(tag, depth, "data-search-exclude" in attrs)
                        if sections:
                            section.id = attrs["id"]
                        sections.append(section)
                    if section is None:
                        section = Section("hx")
                        sections.append(section)
                    if "data-search-exclude" in attrs or attrs.get("class") == "linenodiv":
                        if tag not in skip:
                            skip.add(tag)
                            skipped += count[tag]
                    elif tag in KEEP and not skipped:
                        (section.title if count.get(section.tag) else section.text).append(f"<{tag}>")
                closes = token[2]  # `<tag/>`: handle_endtag follows
            else:
                closes = True
            if closes and context and context[-1] == tag:  # handle_endtag
                depth = len(context)
                if section.depth > depth:
                    for previous in reversed(sections):
                        if previous.depth <= depth:
                            section.depth = _INF
                            section = previous
                            break
                context.pop()
                count[tag] -= 1
                if permalinks and permalinks[-1] == depth:
                    permalinks.pop()
                if tag in skip:
                    skipped -= 1
                    if tag not in ALWAYS_SKIPPED:
                        skip.remove(tag)
                        skipped -= count[tag]
                elif tag in KEEP and not skipped:
                    found = section.title if count.get(section.tag) else section.text
                    try:
                        index = found.index(f"<{tag}>")
                    except ValueError:  # Material's parser fails here: let it
                        return None
                    for i in range(index + 1, len(found)):
                        if not found[i].isspace():
                            found.append(f"</{tag}>")
                            break
                    else:
                        del found[index:]
        else:
            data = piece
        if not data or skipped:
            continue

        # handle_data
        if "&" in data:
            data = unescape(data)
        pre = count.get("pre")
        if not pre:
            data = data.replace("\n", " ") if not data.isspace() else " "
        if section is None:
            section = Section("hx")
            sections.append(section)
        if count.get(section.tag):
            if not permalinks:
                section.title.append(escape(data, quote=False))
        elif data.isspace():
            text = section.text
            if not text or not text[-1].isspace() or pre:
                text.append(data)
        else:
            section.text.append(escape(data, quote=False))
    return sections


def parse_faster(index, material_parser) -> None:
    """Let the search plugin's `index.add_entry_from_context(page)` take a page's sections from
    `parse_sections`, and from Material's own parser (`material_parser`, its `Parser` class) when that
    is not sure; everything after the parse (the table of contents, jieba, tags, boost) stays
    Material's `create_entry_for_section`."""

    def add_entry_from_context(page) -> None:
        if not excluded(page, index):
            index_page(index, material_parser, page, page.content, page.toc)

    index.add_entry_from_context = add_entry_from_context


CURRENT_YEAR = "wenming_current_year"
"""The key of the search index's `config` that tells the search worker the year the home page shows."""


def excluded(page, index=None) -> bool:
    """A page kept out of the search index (`search: exclude: true` in its meta). With `index`, the
    current year a generated page names (`pagemeta.search_meta`) is noted in the index's config
    (in this process: a forked child's notes would be lost)."""
    search = page.meta.get("search") or {}
    if index is not None and search.get("current_year") is not None:
        index.config[CURRENT_YEAR] = search["current_year"]
    return bool(search.get("exclude"))


def index_page(index, material_parser, page, content: str, toc) -> None:
    """Material's `add_entry_from_context` for `page` with this HTML body and table of contents: its
    sections not excluded, each one entry; the page's own entry (the first section) titled with the
    page's year, and only that entry, without text, for a page indexed by its title alone."""
    sections = parse_sections(content)
    if sections is None:
        parser = material_parser()
        parser.feed(content)
        parser.close()
        sections = parser.data
    sections = [s for s in sections if not s.is_excluded()]
    if (page.meta.get("search") or {}).get("title_only"):
        sections = sections[:1]
        for section in sections:
            section.text = []
    for section in sections:
        if section.id is None and section.title:  # no title: Material takes the window title, with the year
            section.title = [with_year(page.file.src_uri, "".join(section.title).strip())]
        index.create_entry_for_section(section, toc, page.url, page)
