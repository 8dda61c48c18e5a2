"""Reader fidelity on real Word documents: counts of what the readers get wrong.

Runs over every ``.docx`` under a corpus folder (default ``../shared/corpus`` relative to the
repository, skipped with a message when it is absent) and prints, per document and in total:

* ``findings``: findings on the document (scope ``social-value`` and, with ``--scope all``,
  every obligation);
* ``span_bad``: findings whose ``flagged`` words are not the block text at ``start:end``;
* ``comment_bad``: Word comments in the ``--annotate`` copy that cut a word at either end;
* ``clause_headings``: headings whose text reads as a body clause (a sentence with a modal
  verb, or longer than a heading);
* ``sub_clauses`` / ``inherit``: decimal sub-clauses ("4.1.1") right under a lead-in
  ("4.1 The Supplier shall:"), and how many of them are read as its items, as lettered
  items are (the lead-in's party and modal, or their own where they state them).

    .venv/bin/python benchmarks/reader_checks.py [CORPUS] [--scope all] [--json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
_SUB = re.compile(r"^(\d+(?:\.\d+)+)\.(\d+)$")


def _number(block: Any) -> str:
    return str(block.meta.get("clause_ref") or block.number or "").strip().rstrip(".")


def sub_clause_counts(document: Any, analysis: Any) -> tuple[int, int]:
    """(decimal sub-clauses right under a lead-in, those that inherit its party)."""
    first: dict[int, Any] = {}
    last: dict[int, Any] = {}
    for s in analysis.sentences:
        first.setdefault(s.block, s.clause)
        last[s.block] = s.clause
    lead_number = ""
    lead_party: str | None = None
    found = inherited = 0
    for i, block in enumerate(document.blocks):
        if block.source.part != "body" or block.table is not None:
            continue
        number = _number(block)
        m = _SUB.match(number)
        if lead_number and m and m.group(1) == lead_number:
            found += 1
            c = first.get(i)
            # read as the lead-in's item: its party, or its own where it names one
            own = c is not None and c.trigger is not None and not c.inherited
            if c is not None and c.item and (c.party == lead_party or own):
                inherited += 1
            continue
        if number and block.text.rstrip().endswith(":"):
            lead_number = number
            c = last.get(i)
            lead_party = c.party if c is not None else None
        elif number:
            lead_number = ""
    return found, inherited


def check_file(path: Path, linter: Any) -> dict[str, Any]:
    from svdocs.readers import read_document
    from svdocs.readers.fidelity import clause_headings, comment_problems, span_problems
    from svdocs.reporters.annotate import annotate_bytes

    document = read_document(path)
    analysis = linter.analyse(document)
    findings = linter.lint_document(document)
    data = path.read_bytes()
    reviewed = annotate_bytes(data, findings, document).data
    sub, inherit = sub_clause_counts(document, analysis)
    return {
        "file": path.name,
        "blocks": len(document.blocks),
        "findings": len(findings),
        "span_bad": len(span_problems(findings, document)),
        "comment_bad": len(comment_problems(reviewed)),
        "clause_headings": len(clause_headings(document)),
        "sub_clauses": sub,
        "inherit": inherit,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--scope", choices=["social-value", "all"], default="social-value")
    ap.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"reader_checks: no corpus at {args.corpus}; nothing to measure", file=sys.stderr)
        return 0
    from svdocs.core.config import LintConfig
    from svdocs.linter.engine import Linter

    linter = Linter(LintConfig(scope=args.scope))
    rows = [check_file(p, linter) for p in sorted(args.corpus.rglob("*.docx"))]
    keys = ["findings", "span_bad", "comment_bad", "clause_headings", "sub_clauses", "inherit"]
    total = {k: sum(r[k] for r in rows) for k in keys}
    if args.json:
        print(json.dumps({"files": rows, "total": total}, indent=2))
        return 0
    width = max([len(r["file"]) for r in rows] + [5])
    print(f"{'file':<{width}}  " + "  ".join(f"{k:>15}" for k in keys))
    for r in rows:
        print(f"{r['file']:<{width}}  " + "  ".join(f"{r[k]:>15}" for k in keys))
    print(f"{'total':<{width}}  " + "  ".join(f"{total[k]:>15}" for k in keys))
    return 0


if __name__ == "__main__":
    sys.exit(main())
