"""Suite-wide settings."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# The tests are grouped in folders by the package they test. Helpers shared between them
# (labelled_corpus, readers_docx_fixtures...) live here in tests/, which pytest puts on
# sys.path for this conftest; a few test modules also import fixtures from a test module in
# another folder by its bare name (``from test_annotate_docx import build_fixture``), so
# every test folder goes on the path now, before any test module is collected.
_TESTS = Path(__file__).resolve().parent
for _folder in sorted({p.parent for p in _TESTS.rglob("test_*.py")} - {_TESTS}):
    if str(_folder) not in sys.path:
        sys.path.append(str(_folder))


@pytest.fixture(autouse=True, scope="session")
def _private_startup_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The suite keeps svdocs' start-up cache in a folder of its own, never the user's
    (``svdocs lint`` run by a test in a subprocess inherits the setting)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SVDOCS_CACHE_DIR", str(tmp_path_factory.mktemp("startup-cache")))
        yield
