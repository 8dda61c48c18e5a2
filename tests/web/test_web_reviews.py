"""Reviews in the browser pages: findings marked, decisions, downloads that reflect them,
comparison of versions, deletion, retention, restart and --ephemeral (issue 18)."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from conftest import GOOD_DOCX, WEAK_DOCX, Web, stored_files

import svdocs
from svdocs.web.db import Review
from svdocs.web.settings import WebSettings


def _weak() -> tuple[str, bytes]:
    return (WEAK_DOCX.name, WEAK_DOCX.read_bytes())


def test_review_page_marks_findings_on_their_words(web: Web) -> None:
    rid = web.review(_weak())
    page = web.client.get(f"/reviews/{rid}")
    assert page.status_code == 200
    assert page.text.count('class="card ') == len(web.findings(rid)) > 10
    marked = re.findall(r'<mark class="f" data-f="[^"]+">([^<]+)</mark>', page.text)
    assert "endeavour" in marked and "where possible" in marked
    assert "Procurement Act 2023" in page.text  # a rule's legal reference
    assert "Library clause that fixes it" in page.text and "Copy clause text" in page.text
    assert "The commitment as read" in page.text


def test_user_text_is_escaped(web: Web) -> None:
    hostile = b"<script>alert('x')</script>\n\nThe Supplier will endeavour to <b>help</b>."
    rid = web.review(("x<script>.md", hostile))
    page = web.client.get(f"/reviews/{rid}").text
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert "x&lt;script&gt;.md" in page
    assert "script-src 'self'" in web.client.get(f"/reviews/{rid}").headers[
        "content-security-policy"]


def test_decisions_need_csrf_a_reviewer_and_a_reason(web: Web) -> None:
    rid = web.review(_weak())
    f = web.findings(rid)[0]
    no_csrf = web.client.post(f"/reviews/{rid}/decisions", data={
        "document_id": f["document_id"], "fingerprint": f["fingerprint"], "action": "accept",
        "reviewer": "Ada"}, headers={"Accept": "application/json"})
    assert no_csrf.status_code == 403
    assert web.decide(rid, f, "dismiss", reason="").status_code == 422
    assert web.decide(rid, f, "accept", reviewer=" ").status_code == 422
    assert web.decide(rid, f | {"fingerprint": "nope"}, "accept").status_code == 422


def _comments(data: bytes) -> int:
    return zipfile.ZipFile(io.BytesIO(data)).read("word/comments.xml").count(b"<w:comment ")


def test_downloads_reflect_decisions(web: Web, tmp_path: Path) -> None:
    rid = web.review(_weak())
    findings = web.findings(rid)
    doc_id = findings[0]["document_id"]
    before = web.client.get(f"/reviews/{rid}/documents/{doc_id}/reviewed.docx").content
    dismissed, accepted = findings[1], findings[2]
    ok = web.decide(rid, dismissed, "dismiss", reason="Covered by the KPI schedule")
    assert ok.status_code == 200 and ok.json()["reviewer"] == "Ada Reviewer"
    assert web.decide(rid, accepted, "accept").status_code == 200

    report = web.client.get(f"/reviews/{rid}/report.json").json()
    prints = [f["fingerprint"] for f in report["files"][0]["findings"]]
    assert dismissed["fingerprint"] not in prints and report["summary"]["suppressed"] == 1
    accepted_out = next(f for f in report["files"][0]["findings"]
                        if f["fingerprint"] == accepted["fingerprint"])
    assert "[accepted by Ada Reviewer]" in accepted_out["message"]
    sarif = web.client.get(f"/reviews/{rid}/report.sarif").text
    assert "Covered by the KPI schedule (Ada Reviewer" in sarif
    html = web.client.get(f"/reviews/{rid}/report.html")
    assert html.status_code == 200 and "<html" in html.text
    after = web.client.get(f"/reviews/{rid}/documents/{doc_id}/reviewed.docx").content
    assert _comments(after) == _comments(before) - 1
    assert b"accepted by Ada Reviewer" in zipfile.ZipFile(io.BytesIO(after)).read(
        "word/comments.xml")

    # the baseline leaves the dismissed finding out of `svdocs lint --baseline`
    base = tmp_path / "baseline.json"
    base.write_text(web.client.get(f"/reviews/{rid}/baseline.json").text)
    copy = tmp_path / WEAK_DOCX.name
    copy.write_bytes(WEAK_DOCX.read_bytes())
    linted = svdocs.lint(copy, baseline=base)
    assert linted.files[0].baselined == 1
    assert dismissed["fingerprint"] not in [f.fingerprint for f in linted.findings]

    # reopening brings it back
    assert web.decide(rid, dismissed, "reopen").status_code == 200
    again = web.client.get(f"/reviews/{rid}/report.json").json()
    assert again["summary"]["suppressed"] == 0


def test_review_list_compare_and_delete(web: Web) -> None:
    rid = web.review(_weak())
    f = web.findings(rid)[0]
    web.decide(rid, f, "dismiss", reason="Agreed with legal")
    listed = web.client.get("/reviews")
    assert WEAK_DOCX.name in listed.text and "Ada Reviewer" in listed.text

    new = web.review((WEAK_DOCX.name, GOOD_DOCX.read_bytes()), previous=rid)
    comparison = web.services.reviews.compare(web.services.reviews.get(new, web.session()))
    assert comparison["fixed"] and len(comparison["fixed"]) > len(comparison["new"])
    page = web.client.get(f"/reviews/{new}").text
    assert "Fixed since version 1" in page and "version 2" in page

    files_before = len(stored_files(web.settings.data_dir))
    gone = web.client.post(f"/reviews/{rid}/delete", data={"csrf_token": web.csrf()},
                           follow_redirects=False)
    assert gone.status_code == 303
    assert web.client.get(f"/reviews/{rid}").status_code == 404
    assert len(stored_files(web.settings.data_dir)) == files_before - 1


def test_retention_deletes_expired_reviews_and_their_files(web: Web) -> None:
    rid = web.review(_weak())
    with web.services.db.session() as s:
        s.get(Review, rid).expires_at = dt.datetime(2000, 1, 1)
    assert web.services.sweep() == 1
    assert web.client.get(f"/reviews/{rid}").status_code == 404
    assert stored_files(web.settings.data_dir) == []


def test_a_review_survives_a_restart(make_web, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = make_web(data_dir=tmp_path / "kept")
    rid = first.review(_weak())
    first.decide(rid, first.findings(rid)[0], "dismiss", reason="Out of scope")
    first.close()
    second = make_web(data_dir=tmp_path / "kept")
    page = second.client.get(f"/reviews/{rid}")
    assert page.status_code == 200 and "Out of scope" in page.text


def test_ephemeral_keeps_nothing(make_web, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings = WebSettings.build(host="127.0.0.1", data_dir=tmp_path / "eph", token=None,
                                 database_url=None, ephemeral=True, retention_days=30,
                                 cwd=tmp_path)
    web = make_web(**{k: getattr(settings, k) for k in (
        "data_dir", "ephemeral", "owns_data_dir", "retention_days")})
    rid = web.review(_weak())
    assert web.client.get(f"/reviews/{rid}").status_code == 200
    other = web.client.get(f"/reviews/{rid}", cookies={"svdocs_session": "0" * 32})
    assert other.status_code == 404  # another browser session sees nothing
    web.client.cookies.clear()
    assert web.client.get(f"/reviews/{rid}").status_code == 404
    # a session gone idle loses its reviews; shutdown removes everything
    web.services.settings.session_idle_minutes = 0
    assert web.services.sweep() == 1
    web.close()
    assert not settings.data_dir.exists()


def test_token_guards_every_request(make_web) -> None:  # type: ignore[no-untyped-def]
    web = make_web(token="s3cret-token")
    assert web.client.get("/healthz").status_code == 401
    assert web.client.get("/healthz", headers={
        "Authorization": "Bearer s3cret-token"}).status_code == 200
    assert web.client.get("/healthz", headers={
        "Authorization": "Bearer wrong-token"}).status_code == 401
    link = web.client.get("/?token=s3cret-token", follow_redirects=False)
    assert link.status_code == 303 and link.headers["location"] == "/"
    assert web.client.get("/rules").status_code == 200  # the cookie carries it now


def test_other_host_names_are_refused_when_bound_to_loopback(make_web) -> None:  # type: ignore[no-untyped-def]
    web = make_web(allowed_hosts=["127.0.0.1", "localhost"])
    assert web.client.get("/healthz").status_code == 421
    assert web.client.get("/healthz", headers={"host": "127.0.0.1:8000"}).status_code == 200


def test_serve_refuses_an_exposed_host_without_a_token(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from svdocs.cli import cli

    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--data", str(tmp_path)],
                                env={"SVDOCS_TOKEN": ""})
    assert result.exit_code == 2
    assert "refusing to listen on 0.0.0.0 without an access token" in result.output


def test_serve_without_the_extra_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from click.testing import CliRunner

    from svdocs.cli import cli

    monkeypatch.setitem(sys.modules, "fastapi", None)
    monkeypatch.delitem(sys.modules, "svdocs.web.server", raising=False)
    result = CliRunner().invoke(cli, ["serve"])
    assert result.exit_code == 2
    assert 'pip install "svdocs[web]"' in result.output and "Traceback" not in result.output


def test_pages_render(web: Web) -> None:
    for url in ("/", "/reviews", "/assemble", "/clauses", "/clauses?q=apprentice",
                "/clauses/local-employment", "/rules", "/rules?q=evidence", "/api/docs"):
        page = web.client.get(url)
        assert page.status_code == 200, url
        assert "<h1>" in page.text
    assert web.client.get("/clauses/nope").status_code == 404
    assert "apprenticeships" in web.client.get("/clauses?q=apprentice").text
    data = json.loads(web.client.get("/api/openapi.json").text)
    assert data["info"]["title"] == "svdocs"
