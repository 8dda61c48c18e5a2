"""Inline suppression: comments in the document, with a reason, silence exactly what they cover."""

from __future__ import annotations

from svdocs.core.config import LintConfig
from svdocs.core.model import Block, BlockKind, Document, Finding, Location, Severity, SourceRef
from svdocs.workflow.suppress import (
    UNKNOWN_RULE,
    WITHOUT_REASON,
    apply_suppressions,
    parse_directive,
)

KNOWN = {"hedged-commitment", "missing-evidence-requirement"}


def markdown_doc(lines: list[str]) -> Document:
    """A Document as the Markdown reader makes it: one block per text line, comments aside."""
    blocks: list[Block] = []
    comments: list[dict[str, object]] = []
    for n, line in enumerate(lines, 1):
        if line.startswith("<!--"):
            comments.append({"line": n, "text": line[4:-3]})
        elif line.strip():
            blocks.append(Block(BlockKind.PARAGRAPH, line, source=SourceRef(line=n)))
    return Document(blocks=blocks, path="t.md", properties={"html_comments": comments})


def flag_all(doc: Document, rule: str = "hedged-commitment",
             category: str = "vague-commitment") -> list[Finding]:
    return [
        Finding(rule, category, Severity.WARNING, "weak", "fix it", b.text,
                Location("t.md", i, 0, len(b.text), line=b.source.line))
        for i, b in enumerate(doc.blocks)
    ]


def suppressed(findings: list[Finding]) -> dict[str, str | None]:
    return {f.text: f.suppressed for f in findings if f.rule in {"hedged-commitment"}}


def test_parse_directive_forms() -> None:
    d = parse_directive(" svdocs-disable hedged-commitment, other-rule: quoted from policy ")
    assert d is not None
    assert (d.kind, d.rules, d.reason) == ("disable", ("hedged-commitment", "other-rule"),
                                           "quoted from policy")
    assert parse_directive("svdocs-enable hedged-commitment").reason == ""  # type: ignore[union-attr]
    assert parse_directive("svdocs-disabled x: y") is None
    assert parse_directive("an ordinary note to the drafter") is None


def test_disable_enable_region_covers_only_the_lines_between() -> None:
    doc = markdown_doc([
        "A. We will endeavour to hire locally.",
        "<!-- svdocs-disable hedged-commitment: background from the council's strategy -->",
        "B. The council aims to support growth.",
        "C. The council may seek to encourage volunteering.",
        "<!-- svdocs-enable hedged-commitment -->",
        "D. The Supplier will try to reduce waste.",
    ])
    out = apply_suppressions(doc, flag_all(doc), known_rules=KNOWN)
    reasons = suppressed(out)
    assert reasons["A. We will endeavour to hire locally."] is None
    assert reasons["B. The council aims to support growth."] == (
        "background from the council's strategy")
    assert reasons["C. The council may seek to encourage volunteering."] is not None
    assert reasons["D. The Supplier will try to reduce waste."] is None
    assert len(out) == 4  # no problems reported


def test_region_without_enable_runs_to_the_end_and_other_rules_stay() -> None:
    doc = markdown_doc([
        "<!-- svdocs-disable hedged-commitment: annex copied from the framework -->",
        "A. endeavour",
        "B. endeavour",
    ])
    findings = flag_all(doc) + flag_all(doc, "missing-evidence-requirement", "missing-evidence")
    out = apply_suppressions(doc, findings, known_rules=KNOWN)
    assert all(f.suppressed for f in out if f.rule == "hedged-commitment")
    assert not any(f.suppressed for f in out if f.rule == "missing-evidence-requirement")


def test_next_line_covers_the_following_block_only() -> None:
    doc = markdown_doc([
        "A. endeavour",
        "<!-- svdocs-disable-next-line hedged-commitment: an example of weak wording -->",
        "",
        "B. endeavour",
        "C. endeavour",
    ])
    reasons = suppressed(apply_suppressions(doc, flag_all(doc), known_rules=KNOWN))
    assert reasons == {"A. endeavour": None, "B. endeavour": "an example of weak wording",
                       "C. endeavour": None}


def test_multi_line_comment_next_line_starts_after_the_comment_ends() -> None:
    doc = Document(
        blocks=[Block(BlockKind.PARAGRAPH, "B. endeavour", source=SourceRef(line=5)),
                Block(BlockKind.PARAGRAPH, "C. endeavour", source=SourceRef(line=6))],
        path="t.md",
        properties={"html_comments": [
            {"line": 1, "text": "\nsvdocs-disable-next-line hedged-commitment:\n  legacy text\n"},
        ]},
    )
    reasons = suppressed(apply_suppressions(doc, flag_all(doc), known_rules=KNOWN))
    assert reasons == {"B. endeavour": "legacy text", "C. endeavour": None}


def test_category_all_and_file_wide_forms() -> None:
    doc = markdown_doc([
        "<!-- svdocs-disable-file vague-commitment: a training handout of bad examples -->",
        "A. endeavour",
    ])
    findings = flag_all(doc) + flag_all(doc, "missing-evidence-requirement", "missing-evidence")
    out = apply_suppressions(doc, findings, known_rules=KNOWN)
    assert [f.suppressed is not None for f in out] == [True, False]
    doc2 = markdown_doc(["<!-- svdocs-disable-next-line all: sample -->", "A. endeavour"])
    findings2 = flag_all(doc2) + flag_all(doc2, "missing-evidence-requirement", "missing-evidence")
    assert all(f.suppressed == "sample"
               for f in apply_suppressions(doc2, findings2, known_rules=KNOWN))


def test_suppression_without_reason_is_not_applied_and_is_reported() -> None:
    doc = markdown_doc(["<!-- svdocs-disable-next-line hedged-commitment -->", "A. endeavour"])
    out = apply_suppressions(doc, flag_all(doc), known_rules=KNOWN)
    assert out[0].suppressed is None
    problem = out[-1]
    assert problem.rule == WITHOUT_REASON
    assert problem.location.line == 1 and problem.location.block == 0
    assert problem.fingerprint == ""  # the runner fingerprints after suppression


def test_reason_rule_can_be_configured() -> None:
    doc = markdown_doc(["<!-- svdocs-disable-next-line hedged-commitment -->", "A. endeavour"])
    off = apply_suppressions(doc, flag_all(doc), LintConfig(rules={WITHOUT_REASON: "off"}),
                             known_rules=KNOWN)
    assert [f.rule for f in off] == ["hedged-commitment"]
    err = apply_suppressions(doc, flag_all(doc), LintConfig(rules={WITHOUT_REASON: "error"}),
                             known_rules=KNOWN)
    assert err[-1].severity is Severity.ERROR


def test_unknown_rule_in_a_suppression_is_reported() -> None:
    doc = markdown_doc(["<!-- svdocs-disable-next-line hedged-comitment: typo -->",
                        "A. endeavour"])
    out = apply_suppressions(doc, flag_all(doc), known_rules=KNOWN)
    assert out[0].suppressed is None
    assert out[-1].rule == UNKNOWN_RULE and "hedged-comitment" in out[-1].message


def docx_doc() -> Document:
    text = "The Supplier will endeavour to recruit locally and may seek to pay fairly."
    comment = {"start": 18, "end": 27, "author": "Legal",
               "text": "svdocs-ignore hedged-commitment: agreed at clarification stage"}
    return Document(
        blocks=[Block(BlockKind.PARAGRAPH, text, source=SourceRef(paragraph=0),
                      meta={"comments": [comment]}),
                Block(BlockKind.PARAGRAPH, "The Supplier will try.",
                      source=SourceRef(paragraph=1))],
        path="t.docx",
    )


def test_word_comment_suppresses_findings_on_the_words_it_covers() -> None:
    doc = docx_doc()

    def at(block: int, start: int, end: int) -> Finding:
        return Finding("hedged-commitment", "vague-commitment", Severity.WARNING, "m", "s",
                       doc.blocks[block].text[start:end], Location("t.docx", block, start, end))

    covered, elsewhere, other_block = at(0, 18, 27), at(0, 52, 63), at(1, 18, 21)
    apply_suppressions(doc, [covered, elsewhere, other_block], known_rules=KNOWN)
    assert covered.suppressed == "agreed at clarification stage"
    assert elsewhere.suppressed is None
    assert other_block.suppressed is None


def test_ordinary_word_comments_are_ignored() -> None:
    doc = docx_doc()
    doc.blocks[0].meta["comments"][0]["text"] = "Please check this with procurement"
    f = Finding("hedged-commitment", "vague-commitment", Severity.WARNING, "m", "s", "x",
                Location("t.docx", 0, 18, 27))
    assert apply_suppressions(doc, [f], known_rules=KNOWN) == [f]
    assert f.suppressed is None


def test_word_comment_covers_the_sentence_it_touches_not_the_next_one() -> None:
    first = "The Supplier will endeavour to recruit locally."
    second = "It may seek to pay fairly."
    text = f"{first} {second}"
    comment = {"start": 31, "end": 46, "text": "svdocs-ignore all: agreed at clarification"}
    doc = Document(blocks=[Block(BlockKind.PARAGRAPH, text, meta={"comments": [comment]})],
                   path="t.docx")
    hedge1 = Finding("hedged-commitment", "vague-commitment", Severity.WARNING, "m", "s",
                     first, Location("t.docx", 0, 18, 30))  # flags "endeavour to"
    off = len(first) + 4
    hedge2 = Finding("hedged-commitment", "vague-commitment", Severity.WARNING, "m", "s",
                     second, Location("t.docx", 0, off, off + 11))
    apply_suppressions(doc, [hedge1, hedge2], known_rules=KNOWN)
    assert hedge1.suppressed == "agreed at clarification"
    assert hedge2.suppressed is None
