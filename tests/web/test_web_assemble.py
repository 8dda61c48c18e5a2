"""The assembly form: generated from the brief schema, every problem beside its field, then a
preview and the downloads (issue 18)."""

from __future__ import annotations

import io
import re
import zipfile

import yaml
from conftest import Web

from svdocs.assembly.brief import BRIEF_SCHEMA

GOOD = {"authority": "Northshire County Council", "contract_title": "Grounds care",
        "reference": "NCC-2027-9", "kind": "services", "value": "2,400,000",
        "term": "4 years", "jurisdiction": "england", "weighting": "15",
        "themes": ["skills", "community"], "toc": "on"}


def _errors_of(page: str, name: str) -> list[str]:
    block = re.search(rf'id="field-{name}">(.*?)</div>\s*(?:<div class="field|</div>)', page,
                      re.S)
    assert block, name
    return re.findall(r'<p class="err" role="alert">(.*?)</p>', block.group(1))


def test_form_has_a_field_for_every_brief_property(web: Web) -> None:
    page = web.client.get("/assemble").text
    for name in BRIEF_SCHEMA["properties"]:
        assert f'id="field-{name}"' in page, name
    assert 'value="local-employment"' in page  # clause choices come from the library


def test_every_problem_is_shown_beside_its_field(web: Web) -> None:
    form = GOOD | {"value": "lots", "term": "soon", "weighting": "5", "contract_title": ""}
    page = web.client.post("/assemble", data=form | {"csrf_token": web.csrf()})
    assert page.status_code == 422
    assert "a number" in " ".join(_errors_of(page.text, "value"))
    assert _errors_of(page.text, "term") and _errors_of(page.text, "contract_title")
    assert _errors_of(page.text, "authority") == []
    assert 'value="Northshire County Council"' in page.text  # what was typed is kept


def test_rules_of_selection_errors_land_on_their_field(web: Web) -> None:
    page = web.client.post("/assemble", data=GOOD | {"weighting": "5",
                                                    "csrf_token": web.csrf()})
    assert page.status_code == 422
    assert any("10" in e for e in _errors_of(page.text, "weighting"))


def test_a_good_brief_previews_and_downloads(web: Web) -> None:
    page = web.client.post("/assemble", data=GOOD | {"csrf_token": web.csrf()})
    assert page.status_code == 200, page.text[:500]
    rid = re.search(r"/assemble/([0-9a-f]{32})/documents.zip", page.text).group(1)
    preview = web.client.get(f"/assemble/{rid}/preview/schedule")
    assert preview.status_code == 200 and "Grounds care" in preview.text
    assert "sandbox" in preview.headers["content-security-policy"]
    names = zipfile.ZipFile(io.BytesIO(
        web.client.get(f"/assemble/{rid}/documents.zip").content)).namelist()
    assert "commitments.json" in names and len(names) == 10
    brief = yaml.safe_load(web.client.get(f"/assemble/{rid}/brief.yml").text)
    assert brief["value"] == 2400000 and brief["themes"] == ["skills", "community"]
    assert web.client.post("/api/assemble", content=yaml.safe_dump(brief),
                           headers={"content-type": "application/yaml"}).status_code == 200


def test_the_form_needs_its_csrf_token(web: Web) -> None:
    assert web.client.post("/assemble", data=GOOD).status_code == 403
