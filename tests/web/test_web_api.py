"""The JSON API gives what the CLI gives (issue 18)."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import yaml
from conftest import GOOD_DOCX, WEAK_DOCX, Web

from svdocs.core.resources import samples_dir


def _cli_json(tmp_path: Path, *files: Path) -> dict:
    work = tmp_path / "cli"
    work.mkdir()
    for f in files:
        shutil.copy(f, work / f.name)
    done = subprocess.run([sys.executable, "-m", "svdocs", "lint", "--format", "json",
                           *[f.name for f in files]], cwd=work, capture_output=True,
                          text=True, check=False)
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


def test_lint_returns_exactly_the_cli_report(web: Web, tmp_path: Path) -> None:
    draft = samples_dir() / "drafts" / "itt-social-value-draft.md"
    response = web.client.post("/api/lint", files=[
        ("file", (WEAK_DOCX.name, WEAK_DOCX.read_bytes())),
        ("file", (draft.name, draft.read_bytes()))])
    assert response.status_code == 200, response.text
    assert response.json() == _cli_json(tmp_path, WEAK_DOCX, draft)
    assert response.json()["summary"]["findings"] > 5


def test_lint_scope_all_reports_more_and_unknown_scope_is_422(web: Web) -> None:
    upload = [("file", (WEAK_DOCX.name, WEAK_DOCX.read_bytes()))]
    social = web.client.post("/api/lint", files=upload).json()["summary"]["findings"]
    every = web.client.post("/api/lint", files=upload, data={"scope": "all"})
    assert every.json()["summary"]["findings"] >= social
    bad = web.client.post("/api/lint", files=upload, data={"scope": "everything"})
    assert bad.status_code == 422 and "unknown scope" in bad.json()["error"]


def test_annotate_returns_the_reviewed_docx(web: Web) -> None:
    response = web.client.post("/api/annotate",
                               files={"file": (WEAK_DOCX.name, WEAK_DOCX.read_bytes())})
    assert response.status_code == 200
    assert "schedule-weak.reviewed.docx" in response.headers["content-disposition"]
    comments = zipfile.ZipFile(io.BytesIO(response.content)).read("word/comments.xml")
    assert comments.count(b"<w:comment ") >= 10
    refused = web.client.post("/api/annotate", files={"file": ("a.md", b"# Title\n")})
    assert refused.status_code == 415


def test_assemble_takes_yaml_or_json_and_returns_the_zip(web: Web) -> None:
    brief = (samples_dir() / "briefs" / "facilities-management-12m.yml").read_bytes()
    response = web.client.post("/api/assemble", content=brief,
                               headers={"content-type": "application/yaml"})
    assert response.status_code == 200, response.text
    names = set(zipfile.ZipFile(io.BytesIO(response.content)).namelist())
    assert "commitments.json" in names and {n.rsplit(".", 1)[1] for n in names} == {
        "docx", "md", "html", "json"}
    as_json = json.dumps(yaml.safe_load(brief), default=str)
    again = web.client.post("/api/assemble", content=as_json,
                            headers={"content-type": "application/json"})
    assert again.status_code == 200


def test_assemble_reports_every_problem(web: Web) -> None:
    response = web.client.post("/api/assemble", content=b"authority: X\nweighting: 200\n",
                               headers={"content-type": "application/yaml"})
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert any(e.startswith("weighting:") for e in errors)
    assert any(e.startswith("contract_title:") for e in errors) and len(errors) >= 6
    broken = web.client.post("/api/assemble", content=b"a: [unclosed",
                             headers={"content-type": "application/yaml"})
    assert broken.status_code == 422 and "cannot be read" in broken.json()["error"]


def test_rules_clauses_and_health(web: Web) -> None:
    rules = web.client.get("/api/rules").json()
    assert {"id", "rationale", "references", "examples"} <= set(rules[0])
    assert web.client.get("/api/rules", params={"q": "deadline"}).json()
    assert web.client.get("/api/rules/no-such-rule").status_code == 404
    clauses = web.client.get("/api/clauses", params={"theme": "skills"}).json()
    assert clauses and all(c["theme"] == "skills" for c in clauses)
    one = web.client.get("/api/clauses/local-employment").json()
    assert one["text"] and one["version"]
    assert web.client.get("/healthz").json()["status"] == "ok"
    schema = web.client.get("/api/openapi.json").json()
    assert {"/api/lint", "/api/annotate", "/api/assemble", "/api/rules", "/api/clauses",
            "/healthz"} <= set(schema["paths"])


def test_good_schedule_lints_cleaner_than_weak(web: Web) -> None:
    def count(path: Path) -> int:
        r = web.client.post("/api/lint", files={"file": (path.name, path.read_bytes())})
        return int(r.json()["summary"]["findings"])

    assert count(GOOD_DOCX) < count(WEAK_DOCX)
