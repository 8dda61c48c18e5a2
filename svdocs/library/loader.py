"""Loading a clause library folder: every ``*.md`` file below it is one clause."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from svdocs.core.errors import InputError, ValidationError
from svdocs.core.resources import clause_library_dir
from svdocs.library.clause import Clause, ClauseFormatError, parse_clause_text
from svdocs.library.schema import CLAUSE_SCHEMA
from svdocs.library.validation import schema_problems, suggest
from svdocs.library.variables import VariableError

#: Files in a library folder that are documentation, not clauses.
SKIPPED_NAMES = frozenset({"readme.md", "index.md", "changelog.md"})
#: Largest clause file read (a clause is a page or two of text).
MAX_CLAUSE_BYTES = 1_000_000


@dataclass
class Library:
    """The clauses of a library folder, by id, in a stable order (theme folder, then file)."""

    path: Path
    clauses: dict[str, Clause] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Clause]:
        return iter(self.clauses.values())

    def __len__(self) -> int:
        return len(self.clauses)

    def __contains__(self, clause_id: object) -> bool:
        return clause_id in self.clauses

    def get(self, clause_id: str) -> Clause:
        """The clause called ``clause_id``; KeyError with a suggestion if there is none."""
        try:
            return self.clauses[clause_id]
        except KeyError:
            raise KeyError(f"no clause '{clause_id}' in the library"
                           f"{suggest(clause_id, self.clauses)}") from None

    def select(self, *, theme: str | None = None, stage: str | None = None,
               jurisdiction: str | None = None, kind: str | None = None) -> list[Clause]:
        """Clauses filtered by theme, stage, jurisdiction and contract kind (None: any)."""
        return [
            c for c in self
            if (theme is None or c.theme == theme)
            and (stage is None or stage in c.stages)
            and (jurisdiction is None or jurisdiction in c.jurisdictions)
            and (kind is None or kind in c.contract_kinds)
        ]

    @property
    def themes(self) -> list[str]:
        return sorted({c.theme for c in self})


def clause_files(folder: Path) -> list[Path]:
    """The clause files of a library folder, sorted (hidden folders and README skipped)."""
    return sorted(
        p for p in folder.rglob("*.md")
        if p.is_file() and p.name.lower() not in SKIPPED_NAMES
        and not any(part.startswith((".", "_")) for part in p.relative_to(folder).parts)
    )


def _display(path: Path, folder: Path) -> str:
    try:
        return str(folder.name / path.relative_to(folder))
    except ValueError:
        return str(path)


def scan_library(folder: Path) -> tuple[Library, list[str]]:
    """Parse and validate every clause file; return the clauses that parsed and all problems.

    Problems are one line each, starting with the clause file's path. Checks here: front
    matter present and well-formed, the JSON Schema, variable definitions and defaults,
    commitment and alternative ids unique, duplicate clause ids, the file named after its id,
    ``requires`` naming clauses that exist. Rendering is checked by :func:`check_library`.
    """
    folder = Path(folder)
    if not folder.exists():
        raise InputError("clause library folder does not exist", str(folder))
    if not folder.is_dir():
        raise InputError("clause library must be a folder of .md files", str(folder))
    library = Library(path=folder)
    problems: list[str] = []
    seen: dict[str, Path] = {}
    files = clause_files(folder)
    if not files:
        problems.append(f"{folder}: no clause files (*.md) found")
    for path in files:
        where = _display(path, folder)
        found = [f"{where}: {p}" for p in _file_problems(path, library, seen)]
        problems += found
    for clause in library:
        for i, ref in enumerate(clause.requires):
            if ref not in library.clauses:
                where = _display(clause.path, folder) if clause.path else clause.id
                problems.append(f"{where}: requires[{i}]: no clause '{ref}' in the library"
                                f"{suggest(ref, library.clauses)}")
    return library, problems


def _file_problems(path: Path, library: Library, seen: dict[str, Path]) -> list[str]:
    try:
        if path.stat().st_size > MAX_CLAUSE_BYTES:
            return [f"file is larger than {MAX_CLAUSE_BYTES:,} bytes"]
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return ["not UTF-8 text"]
    except OSError as exc:
        return [f"cannot read: {exc.strerror or exc}"]
    try:
        data, body, body_line = parse_clause_text(text, path)
    except ClauseFormatError as exc:
        return [str(exc)]
    problems = schema_problems(data, CLAUSE_SCHEMA)
    if problems:
        return problems
    clause = Clause.from_front_matter(data, body, path, body_line)
    if not body.strip():
        problems.append("body is empty: the clause needs text below the front matter")
    for name, var in clause.variables.items():
        problems += [f"variables.{name}: {p}" for p in var.definition_problems()]
    for label, ids in (("commitments", [c.get("id") for c in clause.commitments]),
                       ("alternatives", [a.id for a in clause.alternatives])):
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        problems += [f"{label}: id '{d}' is used more than once" for d in dupes]
    if path.stem != clause.id:
        problems.append(f"id '{clause.id}' does not match the file name '{path.name}' "
                        f"(expected {clause.id}.md)")
    if clause.id in seen:
        problems.append(f"duplicate id '{clause.id}': already used by {seen[clause.id].name} "
                        f"in {seen[clause.id].parent.name}/")
        return problems
    seen[clause.id] = path
    library.clauses[clause.id] = clause
    return problems


def load_library(path: Path | str | None = None) -> Library:
    """Load a clause library (default: the one shipped with svdocs).

    Raises :class:`ValidationError` listing every problem if any clause file is invalid,
    so an assembly never runs on a half-valid library.
    """
    folder = Path(path) if path is not None else clause_library_dir()
    library, problems = scan_library(folder)
    if problems:
        raise ValidationError(problems)
    return library


def default_values(clause: Clause) -> dict[str, object]:
    """Values for every variable of ``clause`` using defaults (sample values if required)."""
    try:
        return clause.values(sample=True)
    except VariableError:
        out: dict[str, object] = {}
        for name, var in clause.variables.items():
            try:
                out[name] = var.coerce(var.default) if var.default is not None else var.sample()
            except VariableError:
                out[name] = var.default
        return out
