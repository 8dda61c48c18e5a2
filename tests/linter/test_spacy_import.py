"""spaCy is imported without its CLI, and its CLI still works when something asks for it.

Each check runs in a fresh interpreter: in this one spaCy is already imported.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap


def _run(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_linting_does_not_import_spacys_cli_and_leaves_no_stand_ins() -> None:
    out = _run(
        """
        import sys
        import svdocs
        report = svdocs.lint("The Supplier will endeavour to employ local people.")
        assert report.files[0].findings, "the linter ran"
        heavy = sorted(m for m in ("typer", "requests", "httpx", "weasel") if m in sys.modules)
        print("heavy:", heavy)
        print("cli modules:", sorted(m for m in sys.modules if m.startswith("spacy.cli")))
        import spacy
        print("finders:", [type(f).__name__ for f in sys.meta_path
                           if "Defer" in type(f).__name__])
        """
    )
    assert "heavy: []" in out
    assert "cli modules: []" in out
    assert "finders: []" in out


def test_spacy_cli_and_spacy_info_work_as_spacy_wrote_them_after_svdocs_imported_spacy() -> None:
    out = _run(
        """
        import sys
        from svdocs.linter.nlp.pipeline import get_pipeline
        get_pipeline()
        import spacy
        print("download:", type(spacy.cli.download).__name__)  # the function, as in spaCy
        info = spacy.info(silent=True)
        print("version:", info["spacy_version"] == spacy.__version__)
        from spacy.cli.info import info_spacy
        print("info_spacy:", callable(info_spacy))
        """
    )
    assert "download: function" in out
    assert "version: True" in out
    assert "info_spacy: True" in out


def test_a_cli_submodule_imported_first_loads_normally() -> None:
    out = _run(
        """
        from svdocs.linter.nlp.pipeline import get_pipeline
        get_pipeline()
        import spacy.cli.download
        from spacy.cli import info
        import spacy
        print("module:", type(spacy.cli).__name__, callable(info))
        """
    )
    assert "module: module True" in out


def test_spacy_imported_before_svdocs_is_left_alone() -> None:
    out = _run(
        """
        import sys
        import spacy
        print("cli loaded:", "spacy.cli" in sys.modules)
        from svdocs.linter.engine import Linter
        Linter()
        print("finders:", [type(f).__name__ for f in sys.meta_path
                           if "Defer" in type(f).__name__])
        """
    )
    assert "cli loaded: True" in out
    assert "finders: []" in out
