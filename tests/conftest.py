"""Suite-wide settings."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True, scope="session")
def _private_startup_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The suite keeps svdocs' start-up cache in a folder of its own, never the user's
    (``svdocs lint`` run by a test in a subprocess inherits the setting)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SVDOCS_CACHE_DIR", str(tmp_path_factory.mktemp("startup-cache")))
        yield
