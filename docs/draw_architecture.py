"""Draw the picture of ARCHITECTURE.md from the code as it stands.

    .venv/bin/python docs/draw_architecture.py     # writes docs/images/architecture.{svg,png}

The floors come from ``FLOORS`` in ``tests/test_architecture.py`` (the list the import test
enforces) and the arrows from the imports of every module under ``svdocs/``, read with the
same parser, so the picture cannot drift from what the test checks. Each box is a package
with its lines of code; a grey line joins two packages when the upper one imports the lower.
The right-hand side shows the two journeys, ``svdocs lint`` and ``svdocs assemble``. The SVG
is written with the standard library; the PNG is the SVG rendered by headless Chromium
(Debian's ``chromium``; skipped with a message when it is absent).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))

from test_architecture import FLOORS, PACKAGE, floor_of, imports_of, module_name  # noqa: E402

WIDTH, HEIGHT = 1560, 1010
ROW, TOP, LEFT, PLAN_WIDTH = 62, 78, 24, 930
BOX_HEIGHT = 46

#: What each package owns, in a few words (the long form is in ARCHITECTURE.md).
ROLES: dict[str, str] = {
    "svdocs": "the package face: lint, assemble",
    "svdocs.__main__": "python -m svdocs",
    "svdocs.cli": "click only: options, one api call, print",
    "svdocs.web": "svdocs serve: review, decide, assemble",
    "svdocs.api": "what the CLI, the web and users call",
    "svdocs.workflow": "batch, config use, suppress, baseline, eval, demo, corpus",
    "svdocs.assembly": "brief, rules of selection, builder, KPIs",
    "svdocs.audit": "marked clauses vs the library",
    "svdocs.reporters": "text, JSON, SARIF, HTML, JSONL, annotate",
    "svdocs.linter": "the linter's face",
    "svdocs.linter.engine": "Documents in, findings out",
    "svdocs.linter.checks": "one function per rule check",
    "svdocs.linter.judge": "commitments, parties, what covers them",
    "svdocs.linter.structure": "sentence units, references",
    "svdocs.linter.nlp": "spaCy: records, never decides",
    "svdocs.library": "clauses, variables, sandbox",
    "svdocs.readers": "DOCX, PDF, HTML, MD, text",
    "svdocs.writers": "DOCX, Markdown, HTML",
    "svdocs.core": "model, results, rules, law, config, errors",
    "svdocs._version": "__version__",
}

LINT_STEPS = [
    ("cli/lint.py", "options: paths, --format, --config"),
    ("api.lint", "one call"),
    ("workflow/batch.py", "expand paths, one linter per process"),
    ("readers/", "file -> core.model.Document"),
    ("linter/engine.py", "blocks parsed by linter/nlp"),
    ("linter/structure/", "sentence units, lead-ins, references"),
    ("linter/judge/", "commitments and what covers them"),
    ("linter/checks.py", "each rule's check -> Findings"),
    ("workflow/suppress, baseline", "reasons, known findings"),
    ("reporters/", "Report -> text, JSON, SARIF, HTML"),
]
ASSEMBLE_STEPS = [
    ("cli/assemble.py", "brief.yml, --format, --out"),
    ("api.assemble", "one call"),
    ("assembly/brief.py", "schema, rules of selection (core/law)"),
    ("library/", "clauses, variables, sandboxed jinja2"),
    ("assembly/builder.py", "templates/ -> core.model.Document"),
    ("writers/", "Document -> DOCX, Markdown, HTML"),
    ("core/outputs.py", "every file or none, atomically"),
]


#: Where a new thing goes (the right-hand panel; ARCHITECTURE.md says it at length).
NEW_THINGS = [
    ("a reader (input format)", "readers/<format>.py + readers/__init__._READERS"),
    ("a lint rule", "rules/<id>.yml (phrase, pattern, requires, or a check)"),
    ("a check", "linter/checks.py @check + core/rules.BUILTIN_CHECKS"),
    ("an output format", "writers/<format>.py + writers/__init__._RENDERERS"),
    ("a report format", "reporters/<format>.py + reporters.FORMATS, render()"),
    ("a clause", "clause_library/<theme>/<id>.md (docs/clause-format.md)"),
    ("a legal threshold", "core/law.py"),
    ("a web page", "web/routes_pages.py + web/templates/"),
    ("a command", "cli/<name>.py + cli/registry.COMMAND_MODULES"),
]


def package_of(module: str) -> str:
    return floor_of(module)[1]


def measure() -> tuple[Counter[str], set[tuple[str, str]]]:
    lines: Counter[str] = Counter()
    edges: set[tuple[str, str]] = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        source = package_of(module_name(path))
        lines[source] += len(path.read_text(encoding="utf-8").splitlines())
        for imp in imports_of(path):
            if imp.target.startswith("svdocs") and not imp.type_only:
                target = package_of(imp.target)
                if target != source:
                    edges.add((source, target))
    return lines, edges


def text(x: float, y: float, value: str, size: int = 13, weight: str = "normal",
         anchor: str = "start", fill: str = "#1f2933") -> str:
    return (f'<text x="{x:.0f}" y="{y:.0f}" font-size="{size}" font-weight="{weight}" '
            f'text-anchor="{anchor}" fill="{fill}">{escape(value)}</text>')


def floor_plan(lines: Counter[str], edges: set[tuple[str, str]]) -> tuple[list[str], int]:
    boxes: dict[str, tuple[float, float, float]] = {}  # package: x, y, width
    shown = [[p for p in floor if lines[p] or p == "svdocs._version"] for floor in FLOORS]
    floors = [f for f in reversed(shown) if f]
    for row, packages in enumerate(floors):
        y = TOP + row * ROW
        gap = 12
        width = (PLAN_WIDTH - 90 - gap * (len(packages) - 1)) / len(packages)
        for i, package in enumerate(packages):
            boxes[package] = (LEFT + 90 + i * (width + gap), y, width)
    out: list[str] = []
    for source, target in sorted(edges):
        if source in boxes and target in boxes:
            sx, sy, sw = boxes[source]
            tx, ty, tw = boxes[target]
            out.append(f'<line x1="{sx + sw / 2:.0f}" y1="{sy + BOX_HEIGHT:.0f}" '
                       f'x2="{tx + tw / 2:.0f}" y2="{ty:.0f}" stroke="#9aa5b1" '
                       'stroke-opacity="0.45" stroke-width="1.2"/>')
    for row, packages in enumerate(floors):
        y = TOP + row * ROW
        number = len(floors) - row
        out.append(text(LEFT, y + 28, f"floor {number}", 12, fill="#52606d"))
        for package in packages:
            x, y, width = boxes[package]
            name = package.removeprefix("svdocs.") if package != "svdocs" else "svdocs"
            fill = "#e3f8ff" if package.startswith("svdocs.linter") else "#f0f4f8"
            out.append(f'<rect x="{x:.0f}" y="{y:.0f}" width="{width:.0f}" '
                       f'height="{BOX_HEIGHT}" rx="6" fill="{fill}" stroke="#486581"/>')
            out.append(text(x + 8, y + 18, name, 14, "bold"))
            out.append(text(x + width - 8, y + 18, f"{lines[package]:,}", 11, anchor="end",
                            fill="#627d98"))
            role = ROLES.get(package, "")
            limit = int(width / 6.6)
            if len(role) > limit:
                role = role[: limit - 1].rstrip(" ,:") + "…"
            out.append(text(x + 8, y + 36, role, 11, fill="#334e68"))
    return out, TOP + len(floors) * ROW


def journey(x: float, y: float, title: str, steps: list[tuple[str, str]],
            colour: str) -> list[str]:
    out = [text(x, y, title, 16, "bold", fill=colour)]
    y += 14
    for i, (where, what) in enumerate(steps):
        out.append(f'<rect x="{x:.0f}" y="{y:.0f}" width="270" height="34" rx="5" '
                   f'fill="white" stroke="{colour}"/>')
        out.append(text(x + 8, y + 15, f"{i + 1}. {where}", 12, "bold"))
        out.append(text(x + 8, y + 28, what, 11, fill="#334e68"))
        if i < len(steps) - 1:
            out.append(f'<line x1="{x + 135:.0f}" y1="{y + 34:.0f}" x2="{x + 135:.0f}" '
                       f'y2="{y + 44:.0f}" stroke="{colour}" stroke-width="2" '
                       'marker-end="url(#arrow)"/>')
        y += 46
    return out


def new_things(x: float, y: float) -> list[str]:
    out = [text(x, y, "where a new ... goes", 16, "bold")]
    for i, (thing, where) in enumerate(NEW_THINGS):
        out.append(text(x, y + 26 + i * 34, thing, 12, "bold"))
        out.append(text(x + 12, y + 41 + i * 34, where, 11, fill="#334e68"))
    return out


def svg() -> str:
    lines, edges = measure()
    plan, bottom = floor_plan(lines, edges)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="DejaVu Sans, Arial, sans-serif">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="6" '
        'markerHeight="6" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#52606d"/>'
        "</marker></defs>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
        text(LEFT, 34, "svdocs: the floors (imports only point down)", 22, "bold"),
        text(LEFT, 56, f"{sum(lines.values()):,} lines in svdocs/; {len(edges)} package-to-"
             "package imports, none upward; from tests/test_architecture.py FLOORS", 12,
             fill="#52606d"),
        *plan,
        text(LEFT, bottom + 14, "blue: the linter's floors (nlp, structure, judge, checks, "
             "engine); grey lines: the upper package imports the lower", 11, fill="#52606d"),
        *journey(PLAN_WIDTH + 40, 96, "svdocs lint", LINT_STEPS, "#2f6f9f"),
        *journey(PLAN_WIDTH + 330, 96, "svdocs assemble", ASSEMBLE_STEPS, "#8d5a12"),
        *new_things(PLAN_WIDTH + 40, 618),
        "</svg>",
    ]
    return "\n".join(parts) + "\n"


def main() -> None:
    out = HERE / "images"
    out.mkdir(exist_ok=True)
    target = out / "architecture.svg"
    target.write_text(svg(), encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT)}")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("chromium not found: apt-get install chromium to render the PNG")
        return
    png = out / "architecture.png"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                        "--hide-scrollbars", f"--user-data-dir={profile}",
                        f"--window-size={WIDTH},{HEIGHT}", f"--screenshot={png}",
                        target.as_uri()], check=True, capture_output=True)
    print(f"wrote {png.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
