"""The one place where the DOCX writer drops below python-docx to build WordprocessingML itself.

python-docx has no API for numbering definitions, fields, table header rows, borders, shading,
hyperlinks or custom properties, so the other modules build those elements here. Word rejects
files whose property elements are out of schema order, so :func:`put` inserts every child at
its ECMA-376 position (replacing an existing child of the same name).
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

Element = etree._Element

# Schema order of the children of property elements we edit (ECMA-376 Part 1, section 17).
ORDER: dict[str, tuple[str, ...]] = {
    "w:pPr": (
        "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
        "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
        "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
        "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
        "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
        "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
        "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
    ),
    "w:rPr": (
        "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps",
        "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof",
        "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern",
        "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd",
        "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
        "w:specVanish", "w:oMath",
    ),
    "w:tblPr": (
        "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
        "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd",
        "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
        "w:tblDescription",
    ),
    "w:trPr": (
        "w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter",
        "w:cantSplit", "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden",
    ),
    "w:tcPr": (
        "w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd",
        "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
    ),
    "w:style": (
        "w:name", "w:aliases", "w:basedOn", "w:next", "w:link", "w:autoRedefine", "w:hidden",
        "w:uiPriority", "w:semiHidden", "w:unhideWhenUsed", "w:qFormat", "w:locked",
        "w:personal", "w:personalCompose", "w:personalReply", "w:rsid", "w:pPr", "w:rPr",
        "w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr",
    ),
    "w:settings": (
        "w:writeProtection", "w:view", "w:zoom", "w:removePersonalInformation",
        "w:removeDateAndTime", "w:doNotDisplayPageBoundaries", "w:displayBackgroundShape",
        "w:printPostScriptOverText", "w:printFractionalCharacterWidth", "w:printFormsData",
        "w:embedTrueTypeFonts", "w:embedSystemFonts", "w:saveSubsetFonts", "w:saveFormsData",
        "w:mirrorMargins", "w:alignBordersAndEdges", "w:bordersDoNotSurroundHeader",
        "w:bordersDoNotSurroundFooter", "w:gutterAtTop", "w:hideSpellingErrors",
        "w:hideGrammaticalErrors", "w:activeWritingStyle", "w:proofState", "w:formsDesign",
        "w:attachedTemplate", "w:linkStyles", "w:stylePaneFormatFilter",
        "w:stylePaneSortMethod", "w:documentType", "w:mailMerge", "w:revisionView",
        "w:trackRevisions", "w:doNotTrackMoves", "w:doNotTrackFormatting",
        "w:documentProtection", "w:autoFormatOverride", "w:styleLockTheme", "w:styleLockQFSet",
        "w:defaultTabStop", "w:autoHyphenation", "w:consecutiveHyphenLimit",
        "w:hyphenationZone", "w:doNotHyphenateCaps", "w:showEnvelope", "w:summaryLength",
        "w:clickAndTypeStyle", "w:defaultTableStyle", "w:evenAndOddHeaders",
        "w:bookFoldRevPrinting", "w:bookFoldPrinting", "w:bookFoldPrintingSheets",
        "w:drawingGridHorizontalSpacing", "w:drawingGridVerticalSpacing",
        "w:displayHorizontalDrawingGridEvery", "w:displayVerticalDrawingGridEvery",
        "w:doNotUseMarginsForDrawingGridOrigin", "w:drawingGridHorizontalOrigin",
        "w:drawingGridVerticalOrigin", "w:doNotShadeFormData", "w:noPunctuationKerning",
        "w:characterSpacingControl", "w:printTwoOnOne", "w:strictFirstAndLastChars",
        "w:noLineBreaksAfter", "w:noLineBreaksBefore", "w:savePreviewPicture",
        "w:doNotValidateAgainstSchema", "w:saveInvalidXml", "w:ignoreMixedContent",
        "w:alwaysShowPlaceholderText", "w:doNotDemarcateInvalidXml", "w:saveXmlDataOnly",
        "w:useXSLTWhenSaving", "w:saveThroughXslt", "w:showXMLTags",
        "w:alwaysMergeEmptyNamespace", "w:updateFields", "w:hdrShapeDefaults",
        "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr",
        "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping",
        "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade",
        "w:captions", "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary",
        "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator",
    ),
}


def el(tag: str, attrs: dict[str, str] | None = None, *children: Element) -> Element:
    """A new element ``tag`` (e.g. ``"w:tblHeader"``) with ``w:``-prefixed attributes."""
    node = OxmlElement(tag, {qn(k) if ":" in k else k: str(v) for k, v in (attrs or {}).items()})
    for c in children:
        node.append(c)
    return node


def _prefixed(node: Element) -> str:
    tag = etree.QName(node).localname
    for prefix in ("w", "m", "sl"):
        if node.tag == qn(f"{prefix}:{tag}"):
            return f"{prefix}:{tag}"
    return tag


def put(parent: Element, child: Element) -> Element:
    """Insert ``child`` into ``parent`` at its schema position, replacing a same-named child."""
    name = _prefixed(child)
    for old in parent.findall(qn(name)):
        parent.remove(old)
    order = ORDER.get(_prefixed(parent), ())
    if name in order:
        later = set(order[order.index(name) + 1:])
        for i, existing in enumerate(parent):
            if _prefixed(existing) in later:
                parent.insert(i, child)
                return child
    parent.append(child)
    return child


def props(owner: Element, tag: str) -> Element:
    """The property child (``w:pPr``, ``w:rPr``, ``w:tblPr`` ...) of ``owner``, created first."""
    found = owner.find(qn(tag))
    if found is None:
        found = el(tag)
        if _prefixed(owner) in ORDER:
            put(owner, found)
        else:  # w:p, w:r, w:tr, w:tc, w:tbl: the property element comes first
            owner.insert(0, found)
    return found


def shading(fill: str) -> Element:
    return el("w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": fill})


def border_set(tag: str, sides: tuple[str, ...], *, size: int = 4, color: str = "808080",
               space: int = 0) -> Element:
    """A border group (``w:tblBorders``, ``w:pBdr``, ``w:tcBorders``) of single lines."""
    group = el(tag)
    for side in sides:
        group.append(el(f"w:{side}", {"w:val": "single", "w:sz": str(size),
                                      "w:space": str(space), "w:color": color}))
    return group


def text_run(text: str, rpr: Element | None = None) -> Element:
    """A ``w:r`` holding ``text`` (spaces preserved)."""
    run = el("w:r")
    if rpr is not None:
        run.append(rpr)
    t = el("w:t", {"xml:space": "preserve"})
    t.text = text
    run.append(t)
    return run


def remove_theme_fonts(rpr: Element, font: str) -> None:
    """Make a run property use ``font`` outright instead of a theme font."""
    put(rpr, el("w:rFonts", {"w:ascii": font, "w:hAnsi": font, "w:cs": font,
                             "w:eastAsia": font}))


def serialize(node: Element) -> bytes:
    return etree.tostring(node, xml_declaration=True, encoding="UTF-8", standalone=True)


CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the id Office uses for custom props


def custom_properties_xml(pairs: dict[str, str]) -> bytes:
    """The ``docProps/custom.xml`` part: each pair as a text (``vt:lpwstr``) property."""
    root = etree.Element(f"{{{CUSTOM_NS}}}Properties", nsmap={None: CUSTOM_NS, "vt": VT_NS})
    for pid, (name, value) in enumerate(pairs.items(), start=2):  # pids 0 and 1 are reserved
        prop = etree.SubElement(root, f"{{{CUSTOM_NS}}}property",
                                {"fmtid": CUSTOM_FMTID, "pid": str(pid), "name": name})
        etree.SubElement(prop, f"{{{VT_NS}}}lpwstr").text = value
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def read_custom_properties(blob: bytes) -> dict[str, str]:
    """Parse a ``docProps/custom.xml`` part back into name -> value (for tests and tools)."""
    root = etree.fromstring(blob)
    out: dict[str, str] = {}
    for prop in root.findall(f"{{{CUSTOM_NS}}}property"):
        value = next(iter(prop), None)
        out[prop.get("name", "")] = (value.text or "") if value is not None else ""
    return out


def set_style(paragraph_element: Element, style_id: str) -> None:
    """Give a ``w:p`` a paragraph style by id (faster than python-docx's lookup by name)."""
    put(props(paragraph_element, "w:pPr"), el("w:pStyle", {"w:val": style_id}))
