"""Hostile and broken input (issue 6): every case ends in a Document or a one-line
InputError naming the file, quickly, without reading anything it should not."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest
from readers_docx_fixtures import NS, docx_bytes, p, r, tbl
from readers_pdf_fixtures import pdf_bytes

from svdocs.core.errors import InputError, LimitExceeded
from svdocs.core.limits import MIB, Limits
from svdocs.readers import read_bytes, read_document


def _fails(path: Path, *, limits: Limits | None = None) -> str:
    with pytest.raises(InputError) as info:
        read_document(path, limits=limits)
    message = str(info.value)
    assert "\n" not in message and message.startswith(str(path))
    return message


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _replace_part(data: bytes, name: str, content: bytes, *, level: int = 6) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as out:
        for item in src.namelist():
            out.writestr(item, content if item == name else src.read(item))
    return buf.getvalue()


# --------------------------------------------------------------------------- not a docx


def test_not_a_zip(tmp_path: Path) -> None:
    message = _fails(_write(tmp_path, "a.docx", b"This is plain text, not a Word file."))
    assert "not a zip" in message


def test_truncated_zip(tmp_path: Path) -> None:
    data = docx_bytes(p("Some text."))
    message = _fails(_write(tmp_path, "cut.docx", data[: len(data) // 2]))
    assert "corrupt zip" in message or "damaged" in message


def test_zip_without_word_parts(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hi")
    assert "no word/document.xml" in _fails(_write(tmp_path, "x.docx", buf.getvalue()))


def test_ole_file_named_docx(tmp_path: Path) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    message = _fails(_write(tmp_path, "locked.docx", ole))
    assert "encrypted" in message and "save it as" in message and ".docx" in message


def test_legacy_doc_extension(tmp_path: Path) -> None:
    message = _fails(_write(tmp_path, "old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"))
    assert "legacy Word .doc" in message and "save it as .docx" in message


def test_unknown_extension(tmp_path: Path) -> None:
    assert "unsupported file type .xyz" in _fails(_write(tmp_path, "a.xyz", b"data"))


def test_missing_file(tmp_path: Path) -> None:
    assert "no such file" in _fails(tmp_path / "missing.docx")


def test_spreadsheet_renamed_docx(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("_rels/.rels", (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'))
        z.writestr("xl/workbook.xml", "<workbook/>")
    assert "not a Word document" in _fails(_write(tmp_path, "book.docx", buf.getvalue()))


# --------------------------------------------------------------------------- bombs


def test_bomb_refused_by_declared_size(tmp_path: Path) -> None:
    xml = (f"<w:document {NS}><w:body>" + p("x" * (3 * MIB)) + "</w:body></w:document>").encode()
    path = _write(tmp_path, "big.docx", _replace_part(docx_bytes(p("a")), "word/document.xml", xml))
    with pytest.raises(LimitExceeded) as info:
        read_document(path, limits=Limits(max_part_size=1 * MIB))
    assert "max_part_size" in str(info.value) and "SVDOCS_MAX_PART_SIZE" in str(info.value)


def test_bomb_refused_by_compression_ratio(tmp_path: Path) -> None:
    xml = (f"<w:document {NS}><w:body>" + p("a" * (20 * MIB)) + "</w:body></w:document>").encode()
    path = _write(tmp_path, "ratio.docx",
                  _replace_part(docx_bytes(p("a")), "word/document.xml", xml, level=9))
    with pytest.raises(LimitExceeded) as info:
        read_document(path)
    assert "max_compression_ratio" in str(info.value)


def test_bomb_refused_by_total_size(tmp_path: Path) -> None:
    data = docx_bytes(p("a"))
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.namelist():
            out.writestr(item, src.read(item))
        for i in range(4):
            out.writestr(f"word/media/pad{i}.bin", bytes(range(256)) * 4096)  # 1 MiB each
    path = _write(tmp_path, "many.docx", buf.getvalue())
    with pytest.raises(LimitExceeded) as info:
        read_document(path, limits=Limits(max_total_size=3 * MIB))
    assert "max_total_size" in str(info.value)


def _lie_about_size(data: bytes, name: str, declared: int) -> bytes:
    """Rewrite the uncompressed size of ``name`` in the local header and central directory."""
    out = bytearray(data)
    encoded = name.encode()
    pos = 0
    while (pos := out.find(b"PK\x03\x04", pos)) >= 0:  # local headers: size at +22
        n = struct.unpack_from("<H", out, pos + 26)[0]
        if out[pos + 30: pos + 30 + n] == encoded:
            struct.pack_into("<I", out, pos + 22, declared)
        pos += 4
    pos = 0
    while (pos := out.find(b"PK\x01\x02", pos)) >= 0:  # central directory: size at +24
        n = struct.unpack_from("<H", out, pos + 28)[0]
        if out[pos + 46: pos + 46 + n] == encoded:
            struct.pack_into("<I", out, pos + 24, declared)
        pos += 4
    return bytes(out)


def test_part_inflating_beyond_its_declared_size(tmp_path: Path) -> None:
    xml = (f"<w:document {NS}><w:body>" + p("y" * 200_000) + "</w:body></w:document>").encode()
    data = _replace_part(docx_bytes(p("a")), "word/document.xml", xml)
    path = _write(tmp_path, "liar.docx", _lie_about_size(data, "word/document.xml", 1000))
    message = _fails(path)
    assert "damaged" in message or "inflates" in message


# --------------------------------------------------------------------------- XML attacks

XXE = (
    '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    f"<w:document {NS}><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
)
LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">'.replace("&lol0;", "&lol;")
              for i in range(1, 10))
    + f"]><w:document {NS}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)


@pytest.mark.parametrize("xml", [XXE, LAUGHS], ids=["external-entity", "billion-laughs"])
def test_doctype_and_entities_refused(tmp_path: Path, xml: str) -> None:
    data = _replace_part(docx_bytes(p("a")), "word/document.xml", xml.encode())
    message = _fails(_write(tmp_path, "evil.docx", data))
    assert "DOCTYPE" in message
    assert "root:" not in message  # nothing from /etc/passwd


def test_doctype_in_a_secondary_part_refused(tmp_path: Path) -> None:
    styles = ('<!DOCTYPE x [<!ENTITY e SYSTEM "http://example.invalid/">]>'
              f"<w:styles {NS}/>")
    data = docx_bytes(p("a"), styles=styles)
    assert "word/styles.xml contains a DOCTYPE" in _fails(_write(tmp_path, "s.docx", data))


def test_html_entities_and_doctype_do_not_expand(tmp_path: Path) -> None:
    html = ('<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            "<html><body><p>before &xxe; after</p></body></html>")
    doc = read_document(_write(tmp_path, "e.html", html.encode()))
    assert "root:" not in doc.text and "before" in doc.text


# --------------------------------------------------------------------------- sizes


def test_single_paragraph_of_several_megabytes(tmp_path: Path) -> None:
    import random

    rng = random.Random(3)
    words = ["the", "supplier", "shall", "report", "local", "jobs", "quarterly", "evidence"]
    text = " ".join(rng.choice(words) for _ in range(600_000))  # about 4 MB in one paragraph
    doc = read_document(_write(tmp_path, "long.docx", docx_bytes(p(text.strip()))))
    assert len(doc.blocks) == 1 and len(doc.blocks[0].text) == len(text.strip())


def test_deeply_nested_tables_hit_the_limit(tmp_path: Path) -> None:
    body = p("inside")
    for _ in range(40):
        body = tbl([[f"<w:tc>{body}</w:tc>"]])
    path = _write(tmp_path, "nest.docx", docx_bytes(body))
    with pytest.raises(LimitExceeded) as info:
        read_document(path)
    assert "max_table_depth" in str(info.value)
    doc = read_document(path, limits=Limits(max_table_depth=64))
    assert doc.blocks[0].text == "inside" and doc.blocks[0].table.nested_in is not None


def test_tables_nested_beyond_xml_depth(tmp_path: Path) -> None:
    body = p("x")
    for _ in range(200):
        body = tbl([[f"<w:tc>{body}</w:tc>"]])
    _fails(_write(tmp_path, "deep.docx", docx_bytes(body)), limits=Limits(max_table_depth=1000))


def test_thousands_of_tiny_runs(tmp_path: Path) -> None:
    letters = "Local jobs for local people. " * 700
    doc = read_document(_write(tmp_path, "runs.docx", docx_bytes(p(inner="".join(
        r(c) for c in letters)))))
    assert doc.blocks[0].text == letters


def test_paragraph_and_character_limits(tmp_path: Path) -> None:
    path = _write(tmp_path, "n.docx", docx_bytes("".join(p(f"Para {i}.") for i in range(50))))
    with pytest.raises(LimitExceeded, match="max_paragraphs"):
        read_document(path, limits=Limits(max_paragraphs=10))
    with pytest.raises(LimitExceeded, match="max_characters"):
        read_document(path, limits=Limits(max_characters=100))
    txt = _write(tmp_path, "n.txt", b"word " * 100)
    with pytest.raises(LimitExceeded, match="max_file_size"):
        read_document(txt, limits=Limits(max_file_size=100))


def test_limits_from_environment() -> None:
    limits = Limits.default({"SVDOCS_MAX_FILE_SIZE": "2MB", "SVDOCS_MAX_PARAGRAPHS": "1e6"})
    assert limits.max_file_size == 2 * MIB and limits.max_paragraphs == 1_000_000
    with pytest.raises(ValueError, match="max_paragraphs"):
        Limits.default({"SVDOCS_MAX_PARAGRAPHS": "lots"})
    assert Limits.from_mapping({"max-table-depth": 3}).max_table_depth == 3


# --------------------------------------------------------------------------- text files


def test_cp1252_text_decoded_with_warning(tmp_path: Path) -> None:
    data = "The Supplier shall pay \u00a310,000 \u2013 \u201cpromptly\u201d.".encode("cp1252")
    doc = read_document(_write(tmp_path, "w.txt", data))
    assert doc.blocks[0].text == "The Supplier shall pay \u00a310,000 \u2013 \u201cpromptly\u201d."
    assert any("Windows-1252" in w for w in doc.warnings)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-8-sig"])
def test_utf16_and_bom_text(tmp_path: Path, codec: str) -> None:
    data = "4.1 The Supplier shall employ 20 local people.\n".encode(codec)
    doc = read_document(_write(tmp_path, "u.md", data))
    assert doc.blocks[0].text == "The Supplier shall employ 20 local people."
    assert doc.blocks[0].number == "4.1"


@pytest.mark.parametrize("name", ["junk.txt", "junk.md", "junk.html"])
def test_binary_junk_with_text_extension(tmp_path: Path, name: str) -> None:
    junk = bytes(range(256)) * 8 + b"\x89PNG\r\n\x1a\n\x00\x00"
    assert "binary data" in _fails(_write(tmp_path, name, junk))


@pytest.mark.parametrize("name", ["e.txt", "e.md", "e.html", "e.markdown"])
def test_empty_text_files_give_an_empty_document(tmp_path: Path, name: str) -> None:
    doc = read_document(_write(tmp_path, name, b""))
    assert doc.blocks == [] and any("empty" in w for w in doc.warnings)


@pytest.mark.parametrize("name", ["e.docx", "e.pdf"])
def test_empty_binary_files_are_errors(tmp_path: Path, name: str) -> None:
    assert "empty file" in _fails(_write(tmp_path, name, b""))


# --------------------------------------------------------------------------- PDF


def test_pdf_without_text_layer_warns_ocr(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, "scan.pdf", pdf_bytes([[], []])))
    assert doc.blocks == [] and any("OCR" in w for w in doc.warnings)


def test_encrypted_pdf(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes([["secret"]]))))
    writer.encrypt("password", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    assert "encrypted PDF" in _fails(_write(tmp_path, "locked.pdf", buf.getvalue()))


def test_not_a_pdf(tmp_path: Path) -> None:
    assert "not a PDF" in _fails(_write(tmp_path, "fake.pdf", b"<html>hello</html>"))


def test_damaged_pdf(tmp_path: Path) -> None:
    data = pdf_bytes([["hello"]])
    _fails(_write(tmp_path, "broken.pdf", data[:40]))


# --------------------------------------------------------------------------- HTML / Markdown


def test_scripts_styles_and_handlers_are_not_text(tmp_path: Path) -> None:
    html = (
        "<html><head><style>p{color:red}</style><script>alert('x')</script></head><body>"
        '<p onclick="steal()">The Supplier shall <b>employ</b> 20 people.</p>'
        "<script>document.write('injected')</script><noscript>nojs</noscript>"
        '<img src="http://example.invalid/x.png" onerror="bad()"></body></html>'
    )
    doc = read_document(_write(tmp_path, "x.html", html.encode()))
    assert [b.text for b in doc.blocks] == ["The Supplier shall employ 20 people."]


def test_raw_html_in_markdown_is_not_text(tmp_path: Path) -> None:
    md = "Intro text.\n\n<script>alert(1)</script>\n\n<div onclick=\"x()\">raw</div>\n\nEnd.\n"
    doc = read_document(_write(tmp_path, "x.md", md.encode()))
    assert [b.text for b in doc.blocks] == ["Intro text.", "End."]


def test_read_bytes_matches_read_document(tmp_path: Path) -> None:
    data = docx_bytes(p("Same either way."))
    from_file = read_document(_write(tmp_path, "s.docx", data))
    assert read_bytes(data, "docx").text == from_file.text
