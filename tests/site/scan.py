"""Read a built site as a browser would and list everything in it that could run or load.

`dangers(site)` parses every HTML page and names, page by page: script that is not ours
(an inline script calling a dialog, or naming the hostile host), event-handler attributes
(`on…`), `javascript:`/`vbscript:`/`data:text/html` URLs, anything loaded from another host,
frames and objects, `<base>`, meta refreshes, and JSON blocks that no longer parse (a
swallowed `<script>` breaks the page's charts and navigation). It judges behaviour, not
markup, so it keeps working when the page templates change.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from bs4 import BeautifulSoup

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background", "xlink:href", "srcset",
                  "ping", "manifest", "cite", "longdesc", "lowsrc", "dynsrc", "codebase"}
LOADS = {"img", "script", "iframe", "frame", "embed", "object", "audio", "video", "source", "track", "input",
         "link", "image", "use", "feimage"}
FORBIDDEN = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"}
BAD_SCHEME = re.compile(r"^\s*(javascript|vbscript|data\s*:\s*text/html|livescript)\s*:?", re.I)
OUTSIDE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)
DIALOG_CALL = re.compile(r"\b(alert|prompt|confirm)\s*\(", re.I)


def _outside(url: str) -> bool:
    return bool(OUTSIDE.match(url)) or url.strip().lower().startswith(("http:", "https:"))


def page_dangers(html: str, host: str = "wm-evil.invalid") -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    found: list[str] = []
    for el in soup.find_all(True):
        name = el.name.lower()
        if name in FORBIDDEN:
            found.append(f"<{name}> element")
        if name == "form" and el.get("action"):
            found.append(f"<form action={el.get('action')!r}>")
        if name == "meta" and (el.get("http-equiv") or "").lower() == "refresh":
            found.append(f"meta refresh {el.get('content')!r}")
        for attr, value in el.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if attr.lower().startswith("on"):
                found.append(f"<{name} {attr}={text!r}>")
            if attr.lower() in URL_ATTRIBUTES and BAD_SCHEME.match(text):
                found.append(f"<{name} {attr}={text!r}>")
            if attr.lower() in URL_ATTRIBUTES and name in LOADS and _outside(text) and name != "a":
                if not (name == "link" and (el.get("rel") or []) and {"canonical", "alternate"} & set(el["rel"])):
                    found.append(f"<{name} {attr}={text!r}> loads from outside")
            if attr.lower() == "style" and re.search(r"url\s*\(|expression\s*\(|@import", text, re.I):
                found.append(f"<{name} style={text!r}>")
        if name == "a" and _outside(el.get("href") or ""):
            found.append(f"<a href={el.get('href')!r}> links outside the site")
        if name == "style" and re.search(r"url\s*\(|@import|expression\s*\(", el.get_text(), re.I):
            found.append(f"<style> {el.get_text()[:80]!r}")
        if name == "script":
            kind = (el.get("type") or "text/javascript").lower()
            body = el.string or ""
            if re.search(r"<!--|<script|</script", body, re.I):
                found.append(f"script block holds <!-- or <script: {body[:80]!r}")
            if kind == "application/json":
                try:
                    json.loads(body)
                except ValueError as e:
                    found.append(f"JSON script block does not parse ({e}): {body[:80]!r}")
            elif not el.get("src") and (DIALOG_CALL.search(body) or host in body):
                found.append(f"inline script {body[:80]!r}")
    title = soup.find("title")
    if title is not None and len(soup.find_all("title")) > 1:
        found.append("more than one <title>")
    return found


def dangers(site: Path) -> dict[str, list[str]]:
    """Every page of `site` (relative path) → what in it could run or load; empty when safe."""
    out = {}
    for page in sorted(site.rglob("*.html")):
        found = page_dangers(page.read_text(encoding="utf-8"))
        if found:
            out[page.relative_to(site).as_posix()] = sorted(set(found))
    return out
