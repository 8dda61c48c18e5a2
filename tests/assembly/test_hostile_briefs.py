"""Hostile briefs and unwritable outputs (issue 6): brief text is always escaped in HTML,
brief values cannot steer where files land, and a refused write is one clear line."""

from __future__ import annotations

import os
from pathlib import Path

import lxml.html
import pytest
import yaml
from click.testing import CliRunner

from svdocs.cli import cli

MINI = Path(__file__).parent.parent / "library_fixtures" / "mini"
HOSTILE = '<script>alert("x")</script><img src=x onerror="alert(1)">'
BRIEF = {
    "authority": f"Testshire Council {HOSTILE}",
    "contract_title": f"Test Services {HOSTILE}",
    "subtitle": "a & b <b>bold</b>",
    "reference": "../../escape/../TS-1",
    "kind": "services", "value": 6_000_000, "term": "3 years", "jurisdiction": "england",
    "weighting": 12, "clauses": ["mini-jobs", "mini-wage", "mini-spend"],
}


def _assemble(tmp_path: Path, out: Path, *extra: str) -> tuple[int, str]:
    brief = tmp_path / "brief.yml"
    brief.write_text(yaml.safe_dump(BRIEF), encoding="utf-8")
    result = CliRunner().invoke(cli, ["assemble", str(brief), "-o", str(out), "--library",
                                      str(MINI), *extra])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_brief_text_is_escaped_in_html_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, output = _assemble(tmp_path, out)
    assert code == 0, output
    pages = sorted(out.glob("*.html"))
    assert len(pages) == 3
    for page in pages:
        html = page.read_text(encoding="utf-8")
        tree = lxml.html.document_fromstring(html)
        assert tree.xpath("//script | //img | //b") == []
        handlers = [a for el in tree.iter() if isinstance(el.tag, str)
                    for a in el.attrib if a.lower().startswith("on")]
        assert handlers == []
        assert 'alert("x")' in tree.text_content()  # the words are kept, as text


def test_brief_values_cannot_steer_where_files_land(tmp_path: Path) -> None:
    out = tmp_path / "deep" / "out"
    code, output = _assemble(tmp_path, out)
    assert code == 0, output
    written = {p for p in tmp_path.rglob("*") if p.is_file()} - {tmp_path / "brief.yml"}
    assert written and all(out in p.parents for p in written)
    assert not (tmp_path / "escape").exists()


def test_unwritable_output_is_one_line_and_leaves_nothing(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    # tests run as root in CI, where chmod cannot make a folder read-only: refuse the final
    # rename the way a read-only file system does instead
    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    out = tmp_path / "out"
    code, output = _assemble(tmp_path, out)
    assert code == 2
    errors = [line for line in output.splitlines() if line.startswith("svdocs: error:")]
    assert len(errors) == 1 and "Permission denied" in errors[0] and str(out) in errors[0]
    assert not out.exists() or not any(p.is_file() for p in out.rglob("*"))
