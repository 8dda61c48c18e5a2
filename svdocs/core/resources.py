"""Find the data that ships with svdocs: the clause library, rules, templates and samples.

In an installed wheel the data lives in ``svdocs/_data/<name>``; in a source checkout
(editable install or running from the repository) it is the top-level folder ``<name>``.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent  # the svdocs package
DATA_NAMES = ("clause_library", "rules", "templates", "samples")


def data_dir(name: str) -> Path:
    """Return the folder of shipped data called ``name`` (one of :data:`DATA_NAMES`)."""
    if name not in DATA_NAMES:
        raise ValueError(f"unknown data folder {name!r}")
    installed = _PACKAGE_DIR / "_data" / name
    if installed.is_dir():
        return installed
    checkout = _PACKAGE_DIR.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"svdocs data folder {name!r} is missing from the installation")


def clause_library_dir() -> Path:
    return data_dir("clause_library")


def rules_dir() -> Path:
    return data_dir("rules")


def templates_dir() -> Path:
    return data_dir("templates")


def samples_dir() -> Path:
    return data_dir("samples")
