"""Reading the provenance marks of Markdown (HTML comments) and HTML (wrapping elements).

Markdown: ``<!-- svdocs:clause id=... version=... hash=... -->`` ... ``<!-- /svdocs:clause
-->`` (and ``svdocs:text``, ``svdocs:kpi-table``); everything before the ``<!-- svdocs:inputs
{...} -->`` comment is the generated title block and contents. The clause numbers the writer
types ("3.1", "(a)") are left out of clause text, as are drafting notes (quotes) and table
captions. HTML: ``<section data-svdocs="clause" data-clause-id ...>`` and ``<div
data-svdocs="text" ...>``; the title block, contents, footer, notes, captions and the
``span.num`` clause numbers are left out.
"""

from __future__ import annotations

import json
import re
from typing import Any

import lxml.html
from lxml import etree
from markdown_it import MarkdownIt
from markdown_it.token import Token

from svdocs.audit.found import Found, FoundSegment, Tracker
from svdocs.core.errors import InputError

_MD = MarkdownIt("commonmark", {"html": True}).enable("table")
_OPEN = re.compile(r"^<!--\s*svdocs:(clause|text|kpi-table)\b(.*?)-->\s*$", re.DOTALL)
_CLOSE = re.compile(r"^<!--\s*/svdocs:(clause|text|kpi-table)\s*-->\s*$")
_INPUTS = re.compile(r"^<!--\s*svdocs:inputs\s+(.*?)\s*-->\s*$", re.DOTALL)
_ATTR = re.compile(r"(\w+)=(\S+)")
_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)*|\([a-z]{1,3}\))\s+")
_CAPTION = re.compile(r"^Table \d+: ")


def _load_inputs(text: str) -> dict[str, Any] | None:
    try:
        data = json.loads(text)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _inline_text(tok: Token) -> str:
    out = []
    for child in tok.children or []:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
    return "".join(out)


def read_markdown_marks(text: str, path: str) -> Found:
    found = Found(path=path, format="md")
    tokens = _MD.parse(text)
    tracker = Tracker(found)
    front = any(_INPUTS.match(t.content.strip()) for t in tokens if t.type == "html_block")
    segment: FoundSegment | None = None
    quote = 0
    in_table = False
    for i, tok in enumerate(tokens):
        kind = tok.type
        if kind == "html_block":
            content = tok.content.strip()
            m = _INPUTS.match(content)
            if m:
                front = False
                found.inputs = _load_inputs(m.group(1))
                continue
            m = _OPEN.match(content)
            if m:
                attrs = dict(_ATTR.findall(m.group(2)))
                version = attrs.get("version")
                segment = FoundSegment(m.group(1), attrs.get("id"),
                                       None if version in (None, "?") else version,
                                       attrs.get("hash"))
                found.segments.append(segment)
                continue
            if _CLOSE.match(content):
                segment = None
                continue
        elif kind == "blockquote_open":
            quote += 1
        elif kind == "blockquote_close":
            quote -= 1
        elif kind == "table_open":
            in_table = True
        elif kind == "table_close":
            in_table = False
        elif kind == "inline" and not front and not quote:
            value = _inline_text(tok)
            if in_table:
                tracker.add(segment, value)
                continue
            nxt = tokens[i + 2].type if i + 2 < len(tokens) else ""
            if _CAPTION.match(value) and nxt == "table_open":
                continue
            if segment is not None and segment.kind == "clause":
                value = _NUMBER.sub("", value, count=1)
            tracker.add(segment, value)
    if not found.segments:
        raise InputError("no svdocs provenance marks (<!-- svdocs:clause ... --> comments): "
                         "the file was not assembled by svdocs, or its marks were removed", path)
    return found


# --------------------------------------------------------------------------- HTML

_SKIP_TAGS = {"head", "script", "style", "template", "noscript", "caption", "nav", "footer",
              "aside"}
_TEXT_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "th", "dt", "dd",
              "blockquote", "pre"}


def _classes(el: Any) -> set[str]:
    return set((el.get("class") or "").split())


def _skipped(el: Any) -> bool:
    if not isinstance(el.tag, str):
        return True
    tag = el.tag.lower()
    if tag in _SKIP_TAGS:
        return True
    return tag == "header" and "title-block" in _classes(el)


def _text_of(el: Any) -> str:
    """An element's text without clause numbers (``span.num``) or skipped parts."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node.tag, str) and not _skipped(node) and not (
                node.tag.lower() == "span" and "num" in _classes(node)):
            if node.tag.lower() == "br":
                parts.append(" ")
            parts.append(node.text or "")
            for child in node:
                walk(child)
        if node is not el:
            parts.append(node.tail or "")

    walk(el)
    return "".join(parts)


def read_html_marks(text: str, path: str) -> Found:
    found = Found(path=path, format="html")
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    if not text.strip():
        raise InputError("the file has no HTML content", path)
    try:
        root = lxml.html.document_fromstring(text, parser=lxml.html.HTMLParser(
            remove_comments=True, remove_pis=True, no_network=True, recover=True,
            huge_tree=False, default_doctype=False, collect_ids=False))
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(f"cannot parse HTML: {exc}", path) from None
    for meta in root.iter("meta"):
        if meta.get("name") == "svdocs.inputs":
            found.inputs = _load_inputs(meta.get("content") or "")
    tracker = Tracker(found)

    def walk(el: Any, segment: FoundSegment | None) -> None:
        if _skipped(el):
            return
        kind = el.get("data-svdocs")
        if kind in ("clause", "text", "kpi-table"):
            version = el.get("data-clause-version") or None
            segment = FoundSegment(kind, el.get("data-clause-id") or None, version,
                                   el.get("data-clause-hash") or el.get("data-text-hash"))
            found.segments.append(segment)
        if el.tag.lower() in _TEXT_TAGS:
            tracker.add(segment, _text_of(el))
            return
        tracker.add(segment, el.text or "")
        for child in el:
            walk(child, segment)
            if child.tail and child.tail.strip():
                tracker.add(segment, child.tail)

    body = root.find("body")
    walk(body if body is not None else root, None)
    if not found.segments:
        raise InputError("no svdocs provenance marks (data-svdocs elements): the file was not "
                         "assembled by svdocs, or its marks were removed", path)
    return found
