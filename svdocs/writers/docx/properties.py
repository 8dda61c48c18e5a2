"""Document properties: core (title, subject, author) and custom (clause provenance).

The custom properties record the svdocs version and, for every library clause used,
``svdocs.clause.<n>`` = ``"<id>@<version> sha256:<hash of the rendered clause text>"``, so a
reviewer can tell from File > Properties exactly which clause versions a contract contains.
"""

from __future__ import annotations

import datetime as dt
import os

from docx.document import Document as WordDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part

from svdocs._version import __version__
from svdocs.core.model import Document
from svdocs.writers.base import display_title, provenance, subtitle
from svdocs.writers.docx import xml
from svdocs.writers.items import clean_text

CUSTOM_PART = "/docProps/custom.xml"


def timestamp(doc: Document) -> dt.datetime:
    """When the document was made: ``properties["date"]``, else $SOURCE_DATE_EPOCH, else now."""
    value = doc.properties.get("date")
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.timezone.utc)
    if isinstance(value, str):
        try:
            return timestamp(Document(properties={"date": dt.date.fromisoformat(value[:10])}))
        except ValueError:
            pass
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    return dt.datetime.now(tz=dt.timezone.utc).replace(microsecond=0)


def set_core_properties(document: WordDocument, doc: Document, when: dt.datetime) -> None:

    core = document.core_properties
    props = doc.properties
    core.title = display_title(doc)
    core.subject = subtitle(doc) or ""
    core.author = clean_text(str(props.get("authority") or ""))
    core.last_modified_by = "svdocs"
    core.category = clean_text(str(doc.kind or ""))
    core.keywords = clean_text("; ".join(
        str(k) for k in ("social value", doc.kind, props.get("reference")) if k))
    core.identifier = clean_text(str(props.get("reference") or ""))
    core.comments = f"Assembled by svdocs {__version__} from its social value clause library."
    core.revision = 1
    naive = when.astimezone(dt.timezone.utc).replace(tzinfo=None)
    core.created = naive
    core.modified = naive


def set_custom_properties(document: WordDocument, doc: Document,
                          extra: dict[str, str] | None = None) -> dict[str, str]:
    """Add ``docProps/custom.xml`` with the provenance pairs (and ``extra``, the provenance
    marks of marks.py); returns what was written."""
    pairs = provenance(doc)
    pairs.update(extra or {})
    for key in ("reference", "authority"):
        if doc.properties.get(key):
            pairs[f"svdocs.{key}"] = clean_text(str(doc.properties[key]))
    package = document.part.package
    part = Part(PackURI(CUSTOM_PART), CT.OFC_CUSTOM_PROPERTIES,
                xml.custom_properties_xml(pairs), package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)
    return pairs


#: Parts of python-docx's template that say nothing about this document: a preview picture
#: of another file, a Word 2010 copy of the styles and an empty bibliography.
LEFTOVERS = (RT.THUMBNAIL, "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
             RT.CUSTOM_XML)


def drop_template_leftovers(document: WordDocument) -> None:
    """Remove :data:`LEFTOVERS` (unreferenced parts are not saved)."""
    for rels in (document.part.package.rels, document.part.rels):
        for rid in [rid for rid, rel in rels.items() if rel.reltype in LEFTOVERS]:
            rels.pop(rid)
