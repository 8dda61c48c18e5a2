"""Fixtures for the web application's tests: an app on a throwaway data folder, a client
with its CSRF token, and waiting for a review's background job."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason='the web tests need the web extra: pip install ".[test]"')

from fastapi.testclient import TestClient

from svdocs.core.resources import samples_dir
from svdocs.web import create_app
from svdocs.web.settings import WebSettings

WEAK_DOCX = samples_dir() / "drafts" / "schedule-weak.docx"
GOOD_DOCX = samples_dir() / "drafts" / "schedule-good.docx"


class Web:
    """A started app with its client (TestClient), data folder and helpers."""

    def __init__(self, settings: WebSettings) -> None:
        self.settings = settings
        self.app = create_app(settings)
        self.client = TestClient(self.app)
        self.client.__enter__()

    @property
    def services(self) -> Any:
        return self.app.state.services

    def csrf(self) -> str:
        page = self.client.get("/")
        match = re.search(r'data-csrf="([0-9a-f]+)"', page.text)
        assert match, page.text[:300]
        return match.group(1)

    def upload(self, *files: tuple[str, bytes], scope: str | None = None,
               previous: str | None = None) -> Any:
        data = {"csrf_token": self.csrf()} | ({"scope": scope} if scope else {})
        url = f"/reviews/{previous}/versions" if previous else "/reviews"
        return self.client.post(url, files=[("file", f) for f in files], data=data,
                                headers={"Accept": "application/json"})

    def review(self, *files: tuple[str, bytes], **kw: Any) -> str:
        response = self.upload(*files, **kw)
        assert response.status_code == 201, response.text
        rid = str(response.json()["review"])
        self.services.jobs.wait(rid, timeout=300)
        return rid

    def decide(self, rid: str, finding: dict[str, Any], action: str, reason: str = "",
               reviewer: str = "Ada Reviewer") -> Any:
        return self.client.post(f"/reviews/{rid}/decisions", data={
            "document_id": finding["document_id"], "fingerprint": finding["fingerprint"],
            "action": action, "reason": reason, "reviewer": reviewer,
            "csrf_token": self.csrf()}, headers={"Accept": "application/json"})

    def findings(self, rid: str) -> list[dict[str, Any]]:
        review = self.services.reviews.get(rid, self.session())
        return [f | {"document_id": d.id} for d in review.documents
                for f in d.result["findings"]]

    def session(self) -> str | None:
        return self.client.cookies.get("svdocs_session")

    def close(self) -> None:
        self.client.__exit__(None, None, None)


@pytest.fixture
def make_web(tmp_path: Path) -> Iterator[Callable[..., Web]]:
    made: list[Web] = []

    def make(**kw: Any) -> Web:
        kw.setdefault("data_dir", tmp_path / "data")
        web = Web(WebSettings(**kw))
        made.append(web)
        return web

    yield make
    for web in made:
        with contextlib.suppress(Exception):  # closed by the test already
            web.close()


@pytest.fixture
def web(make_web: Callable[..., Web]) -> Web:
    return make_web()


def stored_files(data_dir: Path) -> list[Path]:
    """Every file under the data folder other than the database."""
    return [p for p in data_dir.rglob("*") if p.is_file() and "svdocs.sqlite3" not in p.name]
