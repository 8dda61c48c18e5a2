"""Text, JSON and SARIF reports: shape, locations, marks, colour and schema validity."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from reporters_sample import (
    consequence_finding,
    docx_finding,
    hedge_finding,
    md_document,
    sample_report,
)

from svdocs.core.model import Severity
from svdocs.core.results import FileResult, Report
from svdocs.reporters import FORMATS, render
from svdocs.reporters.common import excerpt, flag_span, format_location
from svdocs.reporters.sarif import FINGERPRINT_KEY, report_sarif

SCHEMA_PATH = Path(__file__).parent.parent / "data" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def sarif_validator() -> jsonschema.Draft7Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())


# ------------------------------------------------------------------ locations and excerpts


def test_text_format_location_is_path_line_column() -> None:
    assert format_location(hedge_finding()) == "tenders/spec.md:3:20"


def test_docx_location_gives_heading_path_and_clause() -> None:
    assert format_location(docx_finding()) == (
        "tenders/contract.docx › Schedule 3 › Social value › clause 4.2(b)")


def test_absolute_paths_under_the_working_folder_are_shown_relative(tmp_path: Path,
                                                                    monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    f = hedge_finding(path=str(tmp_path / "a" / "spec.md"))
    assert format_location(f) == "a/spec.md:3:20"


def test_flag_span_uses_block_offsets_when_the_document_is_kept() -> None:
    f = hedge_finding()
    a, b = flag_span(f, md_document())
    assert f.text[a:b] == "endeavour to"


def test_excerpt_keeps_the_flagged_words_whole_in_a_long_sentence() -> None:
    text = "word " * 200 + "endeavour to" + " more" * 200
    span = (1000, 1012)
    short, where = excerpt(text, span, width=120)
    assert len(short) < 160
    assert where is not None and short[where[0]:where[1]] == "endeavour to"
    assert short.startswith("…") and short.endswith("…")


# ------------------------------------------------------------------ text


def test_text_report_groups_by_file_marks_words_and_sums_up() -> None:
    out = render(sample_report(), "text")
    lines = out.splitlines()
    assert lines[0] == "tenders/spec.md"
    assert "tenders/spec.md:3:20  warning  vague-commitment  hedged-commitment" in out
    assert "The Supplier shall >>endeavour to<< support local employment." in out
    assert "Suggestion: Say what the Supplier shall deliver" in out
    assert "Fix clause: local-employment" in out
    assert "clause 4.2(b)" in out
    assert "legacy .doc format" in out
    # suppressed findings are not shown, but counted
    assert out.count(">>endeavour to<<") == 1
    assert lines[-1].startswith("3 files, 4 findings (1 error, 2 warnings, 1 info)")
    assert "1 suppressed" in lines[-1] and "1 file could not be read" in lines[-1]
    assert "\x1b[" not in out


def test_text_report_uses_colour_only_when_asked() -> None:
    coloured = render(sample_report(), "text", color=True)
    assert "\x1b[" in coloured
    assert ">>endeavour to<<" not in coloured


def test_text_report_with_nothing_found() -> None:
    report = Report(files=[FileResult(path="ok.md")])
    out = render(report, "text")
    assert "No findings." in out
    assert "1 file, 0 findings" in out


# ------------------------------------------------------------------ json


def test_json_report_has_exactly_files_and_summary() -> None:
    data = json.loads(render(sample_report(), "json"))
    assert set(data) == {"files", "summary"}
    assert [set(f) for f in data["files"]] == [{"path", "findings", "error"}] * 3
    spec, contract, old = data["files"]
    assert spec["path"] == "tenders/spec.md" and spec["error"] is None
    assert [f["rule"] for f in spec["findings"]] == ["hedged-commitment", "no-consequence"]
    first = spec["findings"][0]
    for key in ("rule", "category", "severity", "message", "suggestion", "text", "location",
                "fix_clause", "fingerprint"):
        assert key in first
    assert first["location"]["line"] == 3 and first["location"]["column"] == 20
    assert contract["findings"][0]["location"]["clause"] == "4.2(b)"
    assert old["findings"] == [] and "legacy .doc" in old["error"]
    assert data["summary"]["findings"] == 4 and data["summary"]["suppressed"] == 1
    assert data["summary"]["by_category"]["vague-commitment"] == 2


# ------------------------------------------------------------------ sarif


def test_sarif_is_valid_against_the_official_schema(sarif_validator) -> None:
    data = json.loads(render(sample_report(), "sarif"))
    sarif_validator.validate(data)
    assert data["version"] == "2.1.0"


def test_sarif_with_rule_metadata_and_no_findings_is_valid(sarif_validator) -> None:
    class FakeRule:
        id = "hedged-commitment"
        name = "Hedged commitment"
        category = "vague-commitment"
        severity = Severity.WARNING
        message = "The commitment is hedged."
        rationale = "PPN 002 asks for commitments that can be measured and enforced."
        suggestion = "Commit to a number and a date."
        fix_clause = "local-employment"

    data = report_sarif(Report(files=[FileResult(path="ok.md")]), [FakeRule()])
    sarif_validator.validate(data)
    rule = data["runs"][0]["tool"]["driver"]["rules"][0]
    assert rule["id"] == "hedged-commitment" and rule["name"] == "Hedged commitment"
    assert rule["defaultConfiguration"]["level"] == "warning"
    assert "PPN 002" in rule["fullDescription"]["text"]
    assert "Commit to a number" in rule["help"]["text"]
    assert data["runs"][0]["results"] == []
    assert data["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_sarif_results_carry_rule_level_location_and_fingerprint() -> None:
    run = report_sarif(sample_report())["runs"][0]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    results = run["results"]
    for r in results:
        assert rules[r["ruleIndex"]] == r["ruleId"]
    hedge = results[0]
    assert hedge["level"] == "warning"
    region = hedge["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 3, "startColumn": 20, "endLine": 3, "endColumn": 32,
                      "snippet": {"text": "endeavour to"}}
    assert hedge["partialFingerprints"] == {FINGERPRINT_KEY: "0123456789abcdef"}
    assert hedge["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "tenders/spec.md")
    assert results[1]["level"] == "error"
    info = next(r for r in results if r["ruleId"] == "imperatives-coverage")
    assert info["level"] == "note"


def test_sarif_docx_location_is_logical_with_clause_and_heading_path() -> None:
    run = report_sarif(sample_report())["runs"][0]
    docx = next(r for r in run["results"]
            if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(
                ".docx") and r["ruleId"] == "hedged-commitment")
    loc = docx["locations"][0]
    assert "region" not in loc["physicalLocation"]
    logical = loc["logicalLocations"][0]
    assert logical["name"] == "clause 4.2(b)"
    assert logical["fullyQualifiedName"] == "Schedule 3 › Social value › clause 4.2(b)"
    assert loc["properties"]["paragraph"] == 12
    assert loc["properties"]["charOffsetInParagraph"] == 20


def test_sarif_reports_suppressions_with_justification() -> None:
    run = report_sarif(sample_report())["runs"][0]
    suppressed = [r for r in run["results"] if "suppressions" in r]
    assert len(suppressed) == 1
    assert suppressed[0]["suppressions"] == [{
        "kind": "inSource", "state": "accepted",
        "justification": "Agreed with legal: aspiration only"}]


def test_sarif_unreadable_file_is_a_tool_notification(sarif_validator) -> None:
    data = report_sarif(sample_report(with_error=True))
    sarif_validator.validate(data)
    invocation = data["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert "tenders/old.doc" in note["message"]["text"]


def test_sarif_uris_are_relative_and_escaped(sarif_validator, tmp_path: Path,
                                             monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = str(tmp_path / "bids" / "spec v2.md")
    report = Report(files=[FileResult(path=path, findings=[hedge_finding(path=path),
                                                            consequence_finding(path=path)])])
    data = report_sarif(report)
    sarif_validator.validate(data)
    uri = data["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
        "artifactLocation"]["uri"]
    assert uri == "bids/spec%20v2.md"


def test_every_format_renders_an_empty_report() -> None:
    for fmt in FORMATS:
        assert render(Report(), fmt)
    with pytest.raises(ValueError, match=r"unknown report format .xml."):
        render(Report(), "xml")


class FakeStream:
    def __init__(self, tty: bool) -> None:
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_colour_only_on_a_terminal_without_no_color(monkeypatch) -> None:
    from svdocs.core.terminal import wants_color

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert wants_color(FakeStream(True)) is True
    assert wants_color(FakeStream(False)) is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert wants_color(FakeStream(True)) is False
    monkeypatch.setenv("NO_COLOR", "")
    assert wants_color(FakeStream(True)) is True
