"""Opening a DOCX safely: the zip checked against the limits before anything is inflated,
bytes counted while inflating, and XML parsed with no DTD, no entities and no network.

A DOCX is a zip of XML parts. Before any part is read, every entry's declared size and
compression ratio is checked against :class:`~svdocs.core.limits.Limits`; while a part is inflated
the bytes are counted again, so a zip whose central directory lies is stopped too. An XML
part with a DOCTYPE is refused outright: Word never writes one, and it is how entity-expansion
("billion laughs") and external-entity attacks start.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from dataclasses import dataclass

from lxml import etree

from svdocs.core.errors import InputError
from svdocs.core.limits import MIB, Limits, format_size

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
LEGACY_ADVICE = (
    "encrypted, password-protected or legacy Word (.doc) file: open it in Word and save it "
    "as an unprotected .docx"
)

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOCUMENT = "/officeDocument"
_RATIO_FLOOR = 1 * MIB  # parts smaller than this are never refused for their ratio
_CHUNK = 1 * MIB


@dataclass(frozen=True)
class Relationship:
    id: str
    type: str  # the last path segment of the relationship type, e.g. "styles", "hyperlink"
    target: str  # a part name inside the zip, or the external address
    external: bool


def _xml_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
        huge_tree=False, remove_comments=True, remove_pis=True, collect_ids=False,
    )


class DocxPackage:
    """The parts of one DOCX, read on demand within the limits."""

    def __init__(self, data: bytes, path: str | None, limits: Limits) -> None:
        self.path = path
        self.limits = limits
        self.read_total = 0
        if not data:
            raise InputError("empty file (0 bytes), not a Word document", path)
        if data.startswith(OLE_MAGIC):
            raise InputError(LEGACY_ADVICE, path)
        if not data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
            raise InputError("not a Word .docx file (not a zip archive)", path)
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError) as exc:
            raise InputError(f"damaged .docx: truncated or corrupt zip archive ({exc})", path) \
                from None
        self._check_entries(infos)
        self._names = {info.filename.lower(): info for info in infos}
        self.main_part = self._find_main_part()

    # ------------------------------------------------------------------ limits
    def _check_entries(self, infos: list[zipfile.ZipInfo]) -> None:
        limits, path = self.limits, self.path
        if len(infos) > limits.max_zip_entries:
            raise limits.exceeded("max_zip_entries", f"the zip has {len(infos):,} entries", path)
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise InputError(LEGACY_ADVICE, path)
            if info.file_size > limits.max_part_size:
                raise limits.exceeded(
                    "max_part_size",
                    f"part {info.filename} declares {format_size(info.file_size)} uncompressed",
                    path,
                )
            if info.file_size > _RATIO_FLOOR:
                ratio = info.file_size / max(info.compress_size, 1)
                if ratio > limits.max_compression_ratio:
                    raise limits.exceeded(
                        "max_compression_ratio",
                        f"part {info.filename} is compressed {ratio:,.0f} to 1 "
                        "(a decompression bomb?)",
                        path,
                    )
            total += info.file_size
        if total > limits.max_total_size:
            raise limits.exceeded(
                "max_total_size", f"the parts declare {format_size(total)} uncompressed", path
            )

    # ------------------------------------------------------------------ parts
    def has(self, name: str) -> bool:
        return name.lower() in self._names

    def read(self, name: str) -> bytes:
        """The inflated bytes of part ``name``, counted against the limits while inflating."""
        info = self._names.get(name.lower())
        if info is None:
            raise InputError(f"damaged .docx: part {name} is missing", self.path)
        limit = min(self.limits.max_part_size, info.file_size)
        chunks: list[bytes] = []
        size = 0
        try:
            with self.zip.open(info) as fh:
                while True:
                    chunk = fh.read(_CHUNK)
                    if not chunk:
                        break
                    size += len(chunk)
                    self.read_total += len(chunk)
                    if size > limit:
                        raise self.limits.exceeded(
                            "max_part_size", f"part {name} inflates beyond its declared size",
                            self.path,
                        )
                    if self.read_total > self.limits.max_total_size:
                        raise self.limits.exceeded(
                            "max_total_size", "the parts inflate to too much data", self.path
                        )
                    chunks.append(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError,
                OSError) as exc:
            raise InputError(f"damaged .docx: cannot inflate part {name} ({exc})", self.path) \
                from None
        except RuntimeError as exc:  # zipfile: "File ... is encrypted, password required"
            raise InputError(f"{LEGACY_ADVICE} ({exc})", self.path) from None
        return b"".join(chunks)

    def xml(self, name: str) -> etree._Element:
        """Part ``name`` parsed as XML, refusing DTDs and entities."""
        return parse_xml(self.read(name), name, self.path)

    def xml_if_present(self, name: str | None) -> etree._Element | None:
        if name is None or not self.has(name):
            return None
        return self.xml(name)

    def rels(self, part: str) -> dict[str, Relationship]:
        """The relationships of ``part`` by id (empty if it has none)."""
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if not self.has(rels_name):
            return {}
        root = self.xml(rels_name)
        out: dict[str, Relationship] = {}
        for rel in root.iter(f"{{{REL_NS}}}Relationship"):
            rid = rel.get("Id") or ""
            target = rel.get("Target") or ""
            external = (rel.get("TargetMode") or "").lower() == "external"
            if not external:
                target = resolve_target(folder, target)
            kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
            out[rid] = Relationship(rid, kind, target, external)
        return out

    def _find_main_part(self) -> str:
        main = None
        for rel in self.rels("").values() if self.has("_rels/.rels") else ():
            if rel.type == _OFFICE_DOCUMENT.strip("/") and not rel.external:
                main = rel.target
                break
        if main is None and self.has("word/document.xml"):
            main = "word/document.xml"
        if main is None:
            raise InputError(
                "not a Word document: the zip has no word/document.xml (main document part)",
                self.path,
            )
        if not self.has(main):
            raise InputError(f"damaged .docx: the main document part {main} is missing",
                             self.path)
        return self._names[main.lower()].filename


def resolve_target(folder: str, target: str) -> str:
    """A relationship target as a part name inside the zip."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(folder, target)).lstrip("/")


def parse_xml(data: bytes, part: str, path: str | None) -> etree._Element:
    """Parse one XML part; a DOCTYPE (DTD, entities) is refused before parsing."""
    probe = data
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            probe = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise InputError(f"damaged .docx: {part} is not valid UTF-16 XML", path) from None
    if b"<!DOCTYPE" in probe or b"<!ENTITY" in probe:
        raise InputError(
            f"{part} contains a DOCTYPE or entity declaration, which Word never writes: "
            "refused (possible entity-expansion or external-entity attack)",
            path,
        )
    try:
        root = etree.fromstring(data, parser=_xml_parser())
    except etree.XMLSyntaxError as exc:
        raise InputError(f"damaged .docx: {part} is not well-formed XML ({exc})", path) \
            from None
    if root is None:
        raise InputError(f"damaged .docx: {part} is empty", path)
    doctype = root.getroottree().docinfo.doctype
    if doctype:
        raise InputError(f"{part} contains a DOCTYPE, which Word never writes: refused", path)
    return root
