"""Word styles and list numbering, computed as Word displays them.

Styles (``styles.xml``) give each paragraph its heading level (the style's outline level, or a
"Heading N" name) and, often in tender packs, its numbering: a style such as "Level 2" carries
``w:numPr`` pointing at a list and level. Numbering (``numbering.xml``) is a set of abstract
lists (levels with start value, format, text like ``"%1.%2"`` or ``"(%3)"``, restart rules)
and list instances (``w:num``) that point at an abstract list and may override levels or start
values. Counters belong to the abstract list, so instances of one abstract list continue each
other's numbering unless an instance overrides the start value, which restarts it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from svdocs.readers.docx_text import W_VAL, w
from svdocs.readers.numbering_formats import format_number

W_STYLE = w("style")
W_STYLEID = w("styleId")
W_TYPE = w("type")
W_NAME = w("name")
W_BASEDON = w("basedOn")
W_PPR = w("pPr")
W_NUMPR = w("numPr")
W_NUMID = w("numId")
W_ILVL = w("ilvl")
W_OUTLINELVL = w("outlineLvl")
W_PSTYLE = w("pStyle")
W_DEFAULT = w("default")
W_ABSTRACTNUM = w("abstractNum")
W_ABSTRACTNUMID = w("abstractNumId")
W_NUM = w("num")
W_LVL = w("lvl")
W_START = w("start")
W_NUMFMT = w("numFmt")
W_LVLTEXT = w("lvlText")
W_LVLRESTART = w("lvlRestart")
W_ISLGL = w("isLgl")
W_LVLOVERRIDE = w("lvlOverride")
W_STARTOVERRIDE = w("startOverride")
W_NUMSTYLELINK = w("numStyleLink")
W_STYLELINK = w("styleLink")

_HEADING_NAME_RE = re.compile(r"^heading\s*([1-9])$", re.I)
_HEADING_ID_RE = re.compile(r"^Heading([1-9])$")
_LETTER_FORMATS = {"lowerLetter", "upperLetter", "lowerRoman", "upperRoman"}
_PLACEHOLDER_RE = re.compile(r"%([1-9])")


def to_int(value: str | None, default: int | None = None) -> int | None:
    """An integer attribute, or ``default`` when missing or not a number."""
    if value is None:
        return default
    try:
        return int(value.strip())
    except ValueError:
        return default


# --------------------------------------------------------------------------- styles


@dataclass
class StyleInfo:
    id: str
    name: str
    type: str
    based_on: str | None = None
    outline_level: int | None = None
    num_id: str | None = None
    ilvl: int | None = None


@dataclass
class ResolvedStyle:
    name: str
    outline_level: int | None  # 0-8, or None for body text
    num_id: str | None
    ilvl: int | None


class Styles:
    """Paragraph styles with ``basedOn`` inheritance resolved."""

    def __init__(self, root: etree._Element | None) -> None:
        self.styles: dict[str, StyleInfo] = {}
        self.default_paragraph: str | None = None
        self._cache: dict[str, ResolvedStyle] = {}
        if root is None:
            return
        for el in root.iter(W_STYLE):
            sid = el.get(W_STYLEID)
            if not sid:
                continue
            name_el = el.find(W_NAME)
            based = el.find(W_BASEDON)
            info = StyleInfo(
                id=sid,
                name=(name_el.get(W_VAL) if name_el is not None else None) or sid,
                type=el.get(W_TYPE) or "paragraph",
                based_on=based.get(W_VAL) if based is not None else None,
            )
            ppr = el.find(W_PPR)
            if ppr is not None:
                outline = ppr.find(W_OUTLINELVL)
                if outline is not None:
                    info.outline_level = to_int(outline.get(W_VAL))
                numpr = ppr.find(W_NUMPR)
                if numpr is not None:
                    num = numpr.find(W_NUMID)
                    lvl = numpr.find(W_ILVL)
                    info.num_id = num.get(W_VAL) if num is not None else None
                    info.ilvl = to_int(lvl.get(W_VAL)) if lvl is not None else None
            self.styles[sid] = info
            if info.type == "paragraph" and el.get(W_DEFAULT) in ("1", "true", "on"):
                self.default_paragraph = sid

    def name(self, style_id: str | None) -> str | None:
        info = self.styles.get(style_id or "")
        return info.name if info else style_id

    def resolve(self, style_id: str | None) -> ResolvedStyle:
        sid = style_id or self.default_paragraph or ""
        cached = self._cache.get(sid)
        if cached is not None:
            return cached
        chain: list[StyleInfo] = []
        seen: set[str] = set()
        cur: str | None = sid
        while cur and cur not in seen and cur in self.styles and len(chain) < 64:
            seen.add(cur)
            chain.append(self.styles[cur])
            cur = self.styles[cur].based_on
        name = chain[0].name if chain else sid
        outline = next((s.outline_level for s in chain if s.outline_level is not None), None)
        if outline is None:
            # Word's built-in heading styles ("heading 2", styleId "Heading2") have their
            # outline level built in, and a style based on one inherits it
            for s in chain:
                match = _HEADING_NAME_RE.match(s.name or "") or _HEADING_ID_RE.match(s.id)
                if match:
                    outline = int(match.group(1)) - 1
                    break
        num_id: str | None = None
        ilvl: int | None = None
        for s in chain:  # the most derived style that says wins, for each of the two
            if ilvl is None and s.ilvl is not None:
                ilvl = s.ilvl
            if num_id is None and s.num_id is not None:
                num_id = s.num_id
            if num_id is not None and ilvl is not None:
                break
        if outline is not None and not 0 <= outline <= 8:
            outline = None
        resolved = ResolvedStyle(name or sid, outline, num_id, ilvl)
        self._cache[sid] = resolved
        return resolved


# --------------------------------------------------------------------------- numbering


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart: 0 never, n restart after level n (1-based)
    is_legal: bool = False
    pstyle: str | None = None


@dataclass
class Instance:
    abstract: str
    overrides: dict[int, int] = field(default_factory=dict)  # ilvl -> startOverride
    levels: dict[int, Level] = field(default_factory=dict)  # ilvl -> replacement level
    applied: bool = False


@dataclass
class NumberLabel:
    """The number a paragraph shows, as Word displays it."""

    text: str  # e.g. "4.2", "(b)", "•"
    level: int  # ilvl
    bullet: bool
    lettered: bool  # letter or roman format
    reference: str | None  # full citation, e.g. "4.2(b)"; None for bullets


def _parse_level(el: etree._Element) -> Level:
    lvl = Level()
    for child in el:
        tag = child.tag
        val = child.get(W_VAL)
        if tag == W_START:
            lvl.start = to_int(val, 1) or 0
        elif tag == W_NUMFMT:
            lvl.fmt = val or "decimal"
        elif tag == W_LVLTEXT:
            lvl.text = val or ""
        elif tag == W_LVLRESTART:
            lvl.restart = to_int(val)
        elif tag == W_ISLGL:
            lvl.is_legal = val not in ("0", "false", "off")
        elif tag == W_PSTYLE:
            lvl.pstyle = val
    return lvl


class Numbering:
    """List definitions plus the running counters of one document."""

    def __init__(self, root: etree._Element | None, styles: Styles) -> None:
        self.styles = styles
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.num_style_link: dict[str, str] = {}  # abstract id -> numbering style id
        self.instances: dict[str, Instance] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.refs: dict[str, list[str | None]] = {}
        self._resolved: dict[str, tuple[str, list[Level]]] = {}
        if root is None:
            return
        for absel in root.iter(W_ABSTRACTNUM):
            aid = absel.get(W_ABSTRACTNUMID)
            if aid is None:
                continue
            levels: dict[int, Level] = {}
            for lvl_el in absel.findall(W_LVL):
                ilvl = to_int(lvl_el.get(W_ILVL))
                if ilvl is not None and 0 <= ilvl <= 8:
                    levels[ilvl] = _parse_level(lvl_el)
            self.abstracts[aid] = levels
            link = absel.find(W_NUMSTYLELINK)
            if link is not None and link.get(W_VAL):
                self.num_style_link[aid] = link.get(W_VAL) or ""
        for numel in root.iter(W_NUM):
            nid = numel.get(w("numId"))
            absref = numel.find(W_ABSTRACTNUMID)
            if nid is None or absref is None:
                continue
            inst = Instance(absref.get(W_VAL) or "")
            for ov in numel.findall(W_LVLOVERRIDE):
                ilvl = to_int(ov.get(W_ILVL))
                if ilvl is None or not 0 <= ilvl <= 8:
                    continue
                start = ov.find(W_STARTOVERRIDE)
                if start is not None:
                    inst.overrides[ilvl] = to_int(start.get(W_VAL), 1) or 0
                lvl_el = ov.find(W_LVL)
                if lvl_el is not None:
                    inst.levels[ilvl] = _parse_level(lvl_el)
            self.instances[nid] = inst

    def _abstract_of(self, inst: Instance) -> str:
        """Follow ``w:numStyleLink`` to the abstract list that holds the level definitions."""
        aid = inst.abstract
        for _ in range(4):
            style = self.num_style_link.get(aid)
            if style is None:
                break
            info = self.styles.styles.get(style)
            linked = self.instances.get(info.num_id or "") if info else None
            if linked is None or linked.abstract == aid:
                break
            aid = linked.abstract
        return aid

    def level_for_style(self, num_id: str, style_id: str | None) -> int | None:
        """The level of list ``num_id`` that is linked to paragraph style ``style_id``."""
        inst = self.instances.get(num_id)
        if inst is None or not style_id:
            return None
        for ilvl, lvl in self.abstracts.get(self._abstract_of(inst), {}).items():
            if lvl.pstyle == style_id:
                return ilvl
        return None

    def next_label(self, num_id: str, ilvl: int) -> NumberLabel | None:
        """Advance the counters for a paragraph in list ``num_id`` at level ``ilvl`` and return
        the number it shows (None when the paragraph is not numbered)."""
        inst = self.instances.get(num_id)
        if inst is None or num_id == "0":
            return None
        ilvl = min(max(ilvl, 0), 8)
        cached = self._resolved.get(num_id)
        if cached is None:
            aid = self._abstract_of(inst)
            levels = self.abstracts.get(aid, {})
            cached = (aid, [inst.levels.get(i) or levels.get(i) or Level() for i in range(9)])
            self._resolved[num_id] = cached
        aid, all_levels = cached
        lvl = all_levels[ilvl]
        counters = self.counters.setdefault(aid, [None] * 9)
        refs = self.refs.setdefault(aid, [None] * 9)
        if not inst.applied:
            inst.applied = True
            for i in inst.overrides:
                counters[i] = None
        if counters[ilvl] is None:
            counters[ilvl] = inst.overrides.get(ilvl, lvl.start)
        else:
            counters[ilvl] = (counters[ilvl] or 0) + 1
        for deeper in range(ilvl + 1, 9):
            if counters[deeper] is None and refs[deeper] is None:
                continue
            restart = all_levels[deeper].restart
            if restart is None or (restart != 0 and ilvl < restart):
                counters[deeper] = None
                refs[deeper] = None
        if lvl.fmt == "none" and not _PLACEHOLDER_RE.search(lvl.text):
            return None if not lvl.text.strip() else NumberLabel(lvl.text.strip(), ilvl, True,
                                                                 False, None)
        if lvl.fmt == "bullet":
            return NumberLabel(lvl.text.strip() or "\u2022", ilvl, True, False, None)

        def value(match: re.Match[str]) -> str:
            i = int(match.group(1)) - 1
            ref_lvl = all_levels[i]
            n = counters[i]
            if n is None:
                n = inst.overrides.get(i, ref_lvl.start)
            fmt = "decimal" if (lvl.is_legal and i < ilvl) else ref_lvl.fmt
            return format_number(n, fmt)

        shown = _PLACEHOLDER_RE.sub(value, lvl.text).strip()
        if not shown:
            return None
        label = shown.rstrip(".").strip() or shown
        refers_up = any(int(m.group(1)) - 1 < ilvl for m in _PLACEHOLDER_RE.finditer(lvl.text))
        reference = label
        if label.endswith(")") and not label.startswith("("):
            reference = f"({label}"  # "b)" is cited as "(b)"
        if not refers_up:
            parent = next((refs[i] for i in range(ilvl - 1, -1, -1) if refs[i]), None)
            if parent:
                joiner = "" if reference.startswith("(") else "."
                reference = f"{parent}{joiner}{reference}"
        refs[ilvl] = reference
        return NumberLabel(label, ilvl, False, lvl.fmt in _LETTER_FORMATS, reference)
