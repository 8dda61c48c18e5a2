"""Which files make a pack, and what each document is called.

A folder of a pack often holds the same document twice (the Markdown and the Word file an
assembly writes): one is read, the other noted. A document is known by its title ("Social
Value KPI Schedule"), the number in its title ("Schedule 6", "Joint Schedule 1", "Appendix 1
to the ITT") and the name in brackets after the number ("Service Credits").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from svdocs.core.model import BlockKind, Document

#: Of two files of one document (same name, different format), the one read: the source a
#: drafter edits first.
FORMAT_PREFERENCE = (".docx", ".md", ".markdown", ".html", ".htm", ".txt", ".pdf")


def choose_members(files: list[Path]) -> tuple[list[Path], list[str]]:
    """The files read as the pack's documents, and a note for each file left out because
    another format of the same document is read."""
    by_stem: dict[tuple[Path, str], list[Path]] = {}
    for path in files:
        by_stem.setdefault((path.parent, path.stem.lower()), []).append(path)
    chosen: list[Path] = []
    notes: list[str] = []
    for paths in by_stem.values():
        ranked = sorted(paths, key=lambda p: (_rank(p), p.name))
        chosen.append(ranked[0])
        notes.extend(f"{p}: not read, the same document as {ranked[0].name}"
                     for p in ranked[1:])
    return sorted(chosen), notes


def _rank(path: Path) -> int:
    suffix = path.suffix.lower()
    return FORMAT_PREFERENCE.index(suffix) if suffix in FORMAT_PREFERENCE else len(
        FORMAT_PREFERENCE)


# "Joint Schedule 1 (Definitions)", "Call-Off Schedule 5 (Pricing)", "Schedule 6", "Annex A",
# "Appendix 1 to the ITT"
_KIND = r"(?:schedule|annexe|annex|appendix|attachment|part)"
_NUMBERED = re.compile(
    rf"\b((?:(?:joint|call-off|call off|framework|order|contract)\s+)?{_KIND}\s+"
    r"(?:\d+[a-z]?|[a-z])\b(?:\s+to\s+the\s+(?:itt|invitation to tender|contract|"
    r"framework agreement|call-off contract|order form|specification))?)"
    r"(?:\s*[-–:(]\s*([^)\n]{2,60})\)?)?", re.I)
_TRAILING_FILE = re.compile(r"\s*\([^)]*\.[a-z]{2,5}\)\s*$", re.I)


def normalise_name(text: str) -> str:
    """A document name as compared: lower case, one space, "annexe" as "annex", no "the"."""
    text = re.sub(r"\bannexe\b", "annex", text.lower())
    text = re.sub(r"\bcall off\b", "call-off", text)
    text = re.sub(r"^the\s+", "", " ".join(text.replace("’", "'").split()))
    return text.strip(" .,;:")


@dataclass
class Member:
    """A document of the pack and the names it answers to."""

    index: int
    path: str
    document: Document
    title: str
    numbers: list[str] = field(default_factory=list)  # "schedule 6", "joint schedule 1"
    names: list[str] = field(default_factory=list)  # "social value kpi schedule"

    @property
    def heading(self) -> str:
        """The heading the document gets in the pack: its title and file."""
        return f"{self.title} ({Path(self.path).name})"

    @property
    def kind(self) -> str:
        """"itt", "specification", "definitions" or "contract": how the pack treats it."""
        # from the file name and a numbered title: a first heading is often only the first
        # clause ("1. Definitions"), and a template's core properties another document's
        stem = Path(self.path).stem.replace("-", " ").replace("_", " ")
        title = self.title if _NUMBERED.search(self.title) else ""
        return document_kind(self.document, f"{stem} / {title}")

    def answers_to(self, name: str) -> bool:
        key = normalise_name(name)
        return key in self.numbers or key in self.names


def _first_heading(document: Document) -> str:
    for block in document.blocks:
        if block.kind is BlockKind.HEADING and block.text.strip():
            return " ".join(block.text.split())
    return ""


# "v.1.4", "v1-4", "(O)" (an optional schedule), a date stamp: not part of a document's name
_VERSION = re.compile(r"\s*(?:\bv\.?\s?\d[\d.-]*|\(o\)|\b\d{6,8})\s*", re.I)


def clean_name(text: str) -> str:
    return " ".join(_VERSION.sub(" ", text).split()).strip(" -–")


def make_member(index: int, path: str, document: Document) -> Member:
    """A document of the pack with its names: from its title, its first heading and its file
    name (the file name of a template pack is often the only place its number is given)."""
    stem = Path(path).stem.replace("_", " ")
    candidates = [clean_name(_TRAILING_FILE.sub("", t)) for t in
                  (_first_heading(document), stem) if t and t.strip()]
    numbered = [c for c in candidates if _NUMBERED.search(c)]
    own = clean_name(document.title or "")
    if own and not numbered:
        # a template's core properties often keep another document's title ("Definitions"
        # on a benchmarking schedule): trusted only when nothing else names the document
        candidates.insert(0, own)
        numbered = [c for c in candidates if _NUMBERED.search(c)]
    title = (numbered or candidates or [stem])[0]
    member = Member(index, path, document, title)
    for text in candidates:
        for m in _NUMBERED.finditer(text):
            number = normalise_name(m.group(1))
            if number not in member.numbers:
                member.numbers.append(number)
            if m.group(2):
                name = normalise_name(clean_name(m.group(2)))
                if name and name not in member.names:
                    member.names.append(name)
        for name in (normalise_name(text), normalise_name(text.replace("-", " "))):
            # (a first heading of one word, "Definitions", is a first clause, not a name)
            if name and " " in name and name not in member.names:
                member.names.append(name)
    return member


_ITT = re.compile(r"\b(?:itt|invitation to tender|instructions to (?:bidders|tenderers)|"
                  r"tender (?:pack|instructions)|evaluation|award criteria)\b", re.I)
_SPEC = re.compile(r"\bspecification\b", re.I)
_DEFS = re.compile(r"\bdefinitions?\b|\binterpretation\b|\bglossary\b", re.I)


def document_kind(document: Document, title: str) -> str:
    if document.kind == "itt" or _ITT.search(title):
        return "itt"
    if _DEFS.search(title):
        return "definitions"
    if document.kind == "specification" or _SPEC.search(title):
        return "specification"
    return "contract"
