"""The house keeps its shape: imports point one way down the floors of ARCHITECTURE.md, no
module imports another in a loop, the CLI reaches the library through svdocs.api only, and
every import made inside a function says why it is deferred (a comment on its line or the
line before)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "svdocs"

#: The floors, lowest first: a module may import its own floor's package or any lower floor.
FLOORS: list[tuple[str, ...]] = [
    ("svdocs._version",),
    ("svdocs.core",),
    ("svdocs.library", "svdocs.readers", "svdocs.writers", "svdocs.linter.nlp"),
    ("svdocs.linter.structure",),
    ("svdocs.linter.judge",),
    ("svdocs.linter.checks",),
    ("svdocs.linter.requirement_checks",),  # the checks of --scope all and the model's
    ("svdocs.linter.engine", "svdocs.linter"),
    ("svdocs.reporters",),
    ("svdocs.assembly", "svdocs.audit"),
    ("svdocs.workflow",),
    ("svdocs.api",),
    ("svdocs.web",),
    ("svdocs.cli",),
    ("svdocs", "svdocs.__main__"),
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def floor_of(module: str) -> tuple[int, str]:
    """(floor number, the package that places it) for a module of svdocs."""
    best: tuple[int, str] | None = None
    for number, packages in enumerate(FLOORS):
        for package in packages:
            if (module == package or module.startswith(package + ".")) and (
                    best is None or len(package) > len(best[1])):
                best = (number, package)
    assert best is not None, f"{module} is on no floor of tests/test_architecture.py"
    return best


class Import:
    def __init__(self, source: str, target: str, line: int, in_function: bool,
                 type_only: bool, comment: str) -> None:
        self.source, self.target, self.line = source, target, line
        self.in_function, self.type_only, self.comment = in_function, type_only, comment

    def __repr__(self) -> str:
        return f"{self.source}:{self.line} -> {self.target}"


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imports_of(path: Path) -> Iterator[Import]:
    source = module_name(path)
    package = source if path.name == "__init__.py" else source.rsplit(".", 1)[0]
    lines = path.read_text(encoding="utf-8").splitlines()
    tree = ast.parse("\n".join(lines))

    def visit(node: ast.AST, in_function: bool, type_only: bool) -> Iterator[Import]:
        for child in ast.iter_child_nodes(node):
            fn = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            tc = type_only or (isinstance(child, ast.If) and _type_checking(child))
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                names: list[str] = []
                if isinstance(child, ast.ImportFrom):
                    if child.level:
                        base = package.split(".")[: len(package.split(".")) - child.level + 1]
                        mod = ".".join(base + ([child.module] if child.module else []))
                    else:
                        mod = child.module or ""
                    names = [f"{mod}.{a.name}" for a in child.names]
                    targets = [mod]
                else:
                    targets = [a.name for a in child.names]
                comment = " ".join(lines[child.lineno - 2: (child.end_lineno or child.lineno)])
                for target in targets:
                    # "from svdocs.linter.nlp import recorder" imports the module recorder
                    subs = [n for n in names if (ROOT / (n.replace(".", "/") + ".py")).exists()]
                    for t in subs or [target]:
                        yield Import(source, t, child.lineno, in_function, type_only, comment)
            yield from visit(child, fn, tc)

    yield from visit(tree, False, False)


def all_imports() -> list[Import]:
    return [i for p in sorted(PACKAGE.rglob("*.py")) for i in imports_of(p)]


def test_every_module_stands_on_a_floor() -> None:
    for path in PACKAGE.rglob("*.py"):
        floor_of(module_name(path))


def test_imports_never_run_back_up() -> None:
    upward = []
    for imp in all_imports():
        if not imp.target.startswith("svdocs"):
            continue
        (src_floor, src_pkg), (dst_floor, dst_pkg) = floor_of(imp.source), floor_of(imp.target)
        if dst_floor > src_floor or (dst_floor == src_floor and dst_pkg != src_pkg):
            upward.append(f"{imp} (floor {src_floor} {src_pkg} -> floor {dst_floor} {dst_pkg})")
    assert not upward, "imports that run back up:\n" + "\n".join(upward)


def test_no_import_cycles() -> None:
    graph: dict[str, set[str]] = {}
    for imp in all_imports():
        if imp.target.startswith("svdocs") and not imp.type_only and imp.target != imp.source:
            graph.setdefault(imp.source, set()).add(imp.target)
    seen: set[str] = set()
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def walk(node: str) -> None:
        seen.add(node)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            # a package's __init__ importing its own submodules is how packages work
            if nxt.startswith(node + "."):
                continue
            if nxt in on_stack:
                cycles.append([*stack[stack.index(nxt):], nxt])
            elif nxt not in seen:
                walk(nxt)
        stack.pop()
        on_stack.discard(node)

    for node in sorted(graph):
        if node not in seen:
            walk(node)
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


def test_the_cli_reaches_the_library_through_the_api_only() -> None:
    # the web application is the other front end: ``svdocs serve`` starts it
    allowed = ("svdocs.api", "svdocs.core", "svdocs.cli", "svdocs._version", "svdocs.web")
    stray = [imp for imp in all_imports()
             if imp.source.startswith("svdocs.cli") and imp.target.startswith("svdocs")
             and not imp.type_only
             and not any(imp.target == a or imp.target.startswith(a + ".") for a in allowed)]
    assert not stray, f"CLI modules importing past the API: {stray}"


def test_every_import_inside_a_function_says_why() -> None:
    silent = [imp for imp in all_imports() if imp.in_function and "#" not in imp.comment]
    assert not silent, ("imports inside functions without a comment saying why they are "
                        "deferred:\n" + "\n".join(map(repr, silent)))


@pytest.mark.parametrize("module", ["svdocs.core.model", "svdocs.core.errors",
                                    "svdocs.core.results"])
def test_core_imports_nothing_above_it(module: str) -> None:
    path = ROOT / (module.replace(".", "/") + ".py")
    targets = {i.target for i in imports_of(path) if i.target.startswith("svdocs")}
    assert all(t.startswith(("svdocs.core", "svdocs._version")) for t in targets), targets
