"""Hostile uploads (the readers' hostile-input matrix) get a 4xx naming the file, leave
nothing in the data folder, and the server keeps serving (issue 18)."""

from __future__ import annotations

import io
import zipfile

import pytest
from conftest import Web, stored_files
from readers_docx_fixtures import NS, docx_bytes, p
from test_readers_hostile import LAUGHS, XXE, _replace_part

from svdocs.core.limits import MIB


def _ratio_bomb() -> bytes:
    xml = (f"<w:document {NS}><w:body>" + p("a" * (20 * MIB)) + "</w:body></w:document>")
    return _replace_part(docx_bytes(p("a")), "word/document.xml", xml.encode(), level=9)


def _no_word_parts() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hi")
    return buf.getvalue()


HOSTILE = {
    "not-a-zip": ("a.docx", b"This is plain text, not a Word file.", "not a zip"),
    "truncated": ("cut.docx", docx_bytes(p("Some text."))[:300], "zip"),
    "no-word-parts": ("x.docx", _no_word_parts(), "word/document.xml"),
    "ole-renamed": ("locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504,
                    "encrypted"),
    "legacy-doc": ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "save it as .docx"),
    "wrong-extension": ("a.xyz", b"data", "unsupported file type"),
    "external-entity": ("evil.docx", _replace_part(docx_bytes(p("a")), "word/document.xml",
                                                   XXE.encode()), "DOCTYPE"),
    "billion-laughs": ("lol.docx", _replace_part(docx_bytes(p("a")), "word/document.xml",
                                                 LAUGHS.encode()), "DOCTYPE"),
    "ratio-bomb": ("bomb.docx", _ratio_bomb(), "max_compression_ratio"),
    "broken-pdf": ("scan.pdf", b"%PDF-1.7\n garbage", "PDF"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_upload_is_a_4xx_and_leaves_nothing(web: Web, case: str) -> None:
    name, data, words = HOSTILE[case]
    api = web.client.post("/api/lint", files={"file": (name, data)})
    assert 400 <= api.status_code < 500, api.text
    assert name in api.json()["error"] and words.lower() in api.json()["error"].lower()
    page = web.upload((name, data))
    assert 400 <= page.status_code < 500
    assert name in page.json()["error"]
    assert stored_files(web.settings.data_dir) == []
    assert web.services.reviews.list(web.session()) == []
    assert web.client.get("/healthz").status_code == 200


def test_upload_over_the_size_limit_is_413(make_web, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SVDOCS_MAX_FILE_SIZE", "1KB")
    web = make_web()
    big = ("big.txt", b"The Supplier will endeavour to help. " * 100)
    response = web.client.post("/api/lint", files={"file": big})
    assert response.status_code == 413 and "max_file_size" in response.json()["error"]
    assert web.upload(big).status_code == 413
    assert stored_files(web.settings.data_dir) == []


def test_one_bad_file_among_good_ones_refuses_the_upload_naming_it(web: Web) -> None:
    response = web.upload(("ok.md", b"The Supplier shall report quarterly."),
                          ("bad.docx", b"not a zip"))
    assert response.status_code == 422
    assert "bad.docx" in response.json()["error"] and "ok.md" not in response.json()["error"]
    assert stored_files(web.settings.data_dir) == []


def test_an_upload_name_never_becomes_a_path(web: Web) -> None:
    rid = web.review(("../../etc/evil.md", b"The Supplier will endeavour to help."))
    review = web.services.reviews.get(rid, web.session())
    assert review.documents[0].name == "evil.md"
    files = stored_files(web.settings.data_dir)
    assert len(files) == 1 and files[0].parent == web.settings.files_dir
    assert "evil" not in files[0].name and len(files[0].name) == 32
