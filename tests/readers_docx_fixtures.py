"""Build DOCX fixtures in code: a valid package (python-docx opens it) from WordprocessingML
snippets, so each reader test states exactly the XML it is about."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = (
    f'xmlns:w="{W}" xmlns:r="{R}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)
_REL_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT_BASE = "application/vnd.openxmlformats-officedocument.wordprocessingml"

_PARTS = {  # name: (relationship type, content type, root element)
    "styles": ("styles", "styles", "styles"),
    "numbering": ("numbering", "numbering", "numbering"),
    "footnotes": ("footnotes", "footnotes", "footnotes"),
    "endnotes": ("endnotes", "endnotes", "endnotes"),
    "comments": ("comments", "comments", "comments"),
}


def p(text: str = "", *, style: str | None = None, num: tuple[int, int] | None = None,
      inner: str | None = None) -> str:
    """A paragraph: plain text in one run, or ``inner`` XML as its content."""
    ppr = ""
    if style or num:
        numpr = (f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
                 if num else "")
        pstyle = f'<w:pStyle w:val="{style}"/>' if style else ""
        ppr = f"<w:pPr>{pstyle}{numpr}</w:pPr>"
    body = inner if inner is not None else (r(text) if text else "")
    return f"<w:p>{ppr}{body}</w:p>"


def r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def tbl(rows: list[list[str]], *, header: bool = False) -> str:
    """A table; each cell is raw XML (use :func:`cell`) or plain text (wrapped in a paragraph)."""
    out = ["<w:tbl><w:tblPr/><w:tblGrid/>"]
    for i, row in enumerate(rows):
        trpr = "<w:trPr><w:tblHeader/></w:trPr>" if header and i == 0 else ""
        out.append(f"<w:tr>{trpr}")
        for c in row:
            out.append(c if c.startswith("<w:tc>") else f"<w:tc>{p(c)}</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def cell(content: str, *, span: int = 1, vmerge: str | None = None) -> str:
    props = ""
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        props += "<w:vMerge/>"
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>"


def numbering_xml(abstracts: dict[int, list[tuple[str, str, str | None]]],
                  nums: dict[int, tuple[int, dict[int, int]]]) -> str:
    """``abstracts``: id -> levels as (numFmt, lvlText, pStyle); ``nums``: numId ->
    (abstractNumId, {ilvl: startOverride})."""
    out = [f"<w:numbering {NS}>"]
    for aid, levels in abstracts.items():
        out.append(f'<w:abstractNum w:abstractNumId="{aid}">')
        for ilvl, (fmt, text, pstyle) in enumerate(levels):
            ps = f'<w:pStyle w:val="{pstyle}"/>' if pstyle else ""
            out.append(f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                       f'{ps}<w:lvlText w:val="{text}"/></w:lvl>')
        out.append("</w:abstractNum>")
    for nid, (aid, overrides) in nums.items():
        ov = "".join(f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="{v}"/>'
                     "</w:lvlOverride>" for i, v in overrides.items())
        out.append(f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{ov}</w:num>')
    out.append("</w:numbering>")
    return "".join(out)


def styles_xml(styles: list[tuple[str, str, str]]) -> str:
    """``styles``: (styleId, name, extra pPr XML)."""
    out = [f"<w:styles {NS}>",
           '<w:style w:type="paragraph" w:default="1" w:styleId="Normal">'
           '<w:name w:val="Normal"/></w:style>']
    for sid, name, ppr in styles:
        out.append(f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="{name}"/>'
                   f'<w:basedOn w:val="Normal"/><w:pPr>{ppr}</w:pPr></w:style>')
    out.append("</w:styles>")
    return "".join(out)


HEADING_STYLES = [
    ("Heading1", "heading 1", '<w:outlineLvl w:val="0"/>'),
    ("Heading2", "heading 2", '<w:outlineLvl w:val="1"/>'),
]


def docx_bytes(body: str, *, styles: str | None = None, numbering: str | None = None,
               footnotes: dict[int, str] | None = None, endnotes: dict[int, str] | None = None,
               comments: dict[int, tuple[str, str]] | None = None,
               header: str | None = None, footer: str | None = None,
               links: dict[str, str] | None = None, sect: bool = True) -> bytes:
    """A complete .docx package. ``footnotes``/``endnotes``: id -> paragraph XML;
    ``comments``: id -> (author, text); ``header``/``footer``: paragraph XML;
    ``links``: relationship id -> external URL."""
    parts: dict[str, str] = {}
    rels: list[tuple[str, str, str, bool]] = []  # (id, type, target, external)
    overrides = [("/word/document.xml", f"{_CT_BASE}.document.main+xml")]
    if styles is not None:
        parts["word/styles.xml"] = styles
    if numbering is not None:
        parts["word/numbering.xml"] = numbering
    if footnotes is not None:
        parts["word/footnotes.xml"] = _notes("footnote", footnotes)
    if endnotes is not None:
        parts["word/endnotes.xml"] = _notes("endnote", endnotes)
    if comments is not None:
        parts["word/comments.xml"] = (
            f"<w:comments {NS}>" + "".join(
                f'<w:comment w:id="{cid}" w:author="{author}">{p(text)}</w:comment>'
                for cid, (author, text) in comments.items()) + "</w:comments>")
    for key, (rel_type, ct, _) in _PARTS.items():
        name = f"word/{key}.xml"
        if name in parts:
            rels.append((f"rId{key}", rel_type, f"{key}.xml", False))
            overrides.append((f"/{name}", f"{_CT_BASE}.{ct}+xml"))
    sect_refs = ""
    if header is not None:
        parts["word/header1.xml"] = f"<w:hdr {NS}>{header}</w:hdr>"
        rels.append(("rIdHdr", "header", "header1.xml", False))
        overrides.append(("/word/header1.xml", f"{_CT_BASE}.header+xml"))
        sect_refs += '<w:headerReference w:type="default" r:id="rIdHdr"/>'
    if footer is not None:
        parts["word/footer1.xml"] = f"<w:ftr {NS}>{footer}</w:ftr>"
        rels.append(("rIdFtr", "footer", "footer1.xml", False))
        overrides.append(("/word/footer1.xml", f"{_CT_BASE}.footer+xml"))
        sect_refs += '<w:footerReference w:type="default" r:id="rIdFtr"/>'
    for rid, url in (links or {}).items():
        rels.append((rid, "hyperlink", url, True))
    sect_pr = f"<w:sectPr>{sect_refs}</w:sectPr>" if sect else ""
    parts["word/document.xml"] = f"<w:document {NS}><w:body>{body}{sect_pr}</w:body></w:document>"
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{n}" ContentType="{c}"/>' for n, c in overrides)
        + "</Types>"
    )
    root_rels = _rels([("rId1", "officeDocument", "word/document.xml", False)])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", content_types)
        z.writestr("_rels/.rels", root_rels)
        z.writestr("word/_rels/document.xml.rels", _rels(rels))
        for name, xml in parts.items():
            z.writestr(name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + xml)
    return buf.getvalue()


def write_docx(path: Path, body: str, **kwargs: object) -> Path:
    path.write_bytes(docx_bytes(body, **kwargs))  # type: ignore[arg-type]
    return path


def _notes(kind: str, notes: dict[int, str]) -> str:
    tag = "footnotes" if kind == "footnote" else "endnotes"
    sep = (f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
           f'</w:{kind}>')
    body = "".join(f'<w:{kind} w:id="{nid}">{xml}</w:{kind}>' for nid, xml in notes.items())
    return f"<w:{tag} {NS}>{sep}{body}</w:{tag}>"


def _rels(rels: list[tuple[str, str, str, bool]]) -> str:
    external = ' TargetMode="External"'
    items = "".join(
        f'<Relationship Id="{rid}" Type="{_REL_BASE}/{kind}" Target="{target}"'
        f'{external if ext else ""}/>'
        for rid, kind, target, ext in rels
    )
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships">{items}</Relationships>')


def big_docx(words: int, *, seed: int = 7) -> bytes:
    """A realistic large document: numbered clauses under headings, a table every few
    clauses, about ``words`` words in all (for tests of size and for the benchmark)."""
    import random

    rng = random.Random(seed)
    vocab_text = (
        "the supplier shall deliver local employment opportunities apprenticeships quarterly "
        "report evidence payroll postcode authority contract social value carbon reduction "
        "plan training placements within twelve months of the commencement date and provide "
        "verified data to the council"
    )
    vocab = vocab_text.split()
    styles = styles_xml([
        *HEADING_STYLES,
        ("Clause2", "Clause 2", '<w:numPr><w:numId w:val="1"/></w:numPr>'),
        ("Clause3", "Clause 3", '<w:numPr><w:numId w:val="1"/></w:numPr>'),
    ])
    numbering = numbering_xml(
        {0: [("decimal", "%1.", "Heading1"), ("decimal", "%1.%2", "Clause2"),
             ("lowerLetter", "(%3)", "Clause3")]},
        {1: (0, {})},
    )
    body: list[str] = []
    count = 0
    section = 0
    while count < words:
        section += 1
        body.append(p(f"Section {section} obligations", style="Heading1"))
        for k in range(12):
            n = rng.randint(18, 40)
            sentence = " ".join(rng.choice(vocab) for _ in range(n))
            runs = "".join(r(word + " ") for word in sentence.split()[:3]) + r(
                " ".join(sentence.split()[3:]) + ".")
            body.append(p(inner=runs, style="Clause3" if k % 4 == 3 else "Clause2"))
            count += n
            if k == 6:
                rows = [["Measure", "Target", "Evidence"]] + [
                    [" ".join(rng.choice(vocab) for _ in range(4)) for _ in range(3)]
                    for _ in range(3)
                ]
                body.append(tbl(rows, header=True))
                count += 36
    return docx_bytes("".join(body), styles=styles, numbering=numbering)
