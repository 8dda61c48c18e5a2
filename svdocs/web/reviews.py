"""Reviews: uploads read and stored, linted in the background, decided on, compared, deleted.

Uploads are read (with the CLI's limits) before anything is stored, so an unreadable or
hostile file is refused with its one-line message and leaves nothing behind. The bytes of a
readable one are stored under a random id; its findings, text and decisions go to the
database. Deleting a review deletes its files.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from svdocs.core.errors import InputError, LimitExceeded
from svdocs.core.model import Document, Finding
from svdocs.web import backend
from svdocs.web.db import Database, Decision, Review, StoredDocument, now
from svdocs.web.jobs import Jobs, Progress
from svdocs.web.settings import WebSettings
from svdocs.web.storage import FileStore

log = logging.getLogger("svdocs.web")

#: Most files in one upload.
MAX_FILES = 20
ACTIONS = ("dismiss", "accept", "reopen")


@dataclass
class Upload:
    name: str
    data: bytes
    document: Document | None = None


@dataclass
class UploadProblem:
    name: str
    message: str
    too_large: bool = False


@dataclass
class Checked:
    readable: list[Upload] = field(default_factory=list)
    problems: list[UploadProblem] = field(default_factory=list)


def check_uploads(files: Sequence[tuple[str | None, bytes]]) -> Checked:
    """Read every upload; the readable ones keep their Document, the others their message."""

    out = Checked()
    if not files:
        out.problems.append(UploadProblem("", "no file was uploaded"))
    if len(files) > MAX_FILES:
        out.problems.append(UploadProblem("", f"at most {MAX_FILES} files at once"))
        return out
    for raw_name, data in files:
        name = backend.safe_name(raw_name)
        try:
            doc = backend.read_upload(name, data)
        except LimitExceeded as exc:
            out.problems.append(UploadProblem(name, exc.message, too_large=True))
            continue
        except InputError as exc:
            out.problems.append(UploadProblem(name, exc.message))
            continue
        except Exception as exc:  # a reader bug must not become a 500 or a traceback
            log.exception("reading %s failed", name)
            out.problems.append(UploadProblem(
                name, f"could not be read ({type(exc).__name__})"))
            continue
        out.readable.append(Upload(name, data, doc))
    return out


def _blocks(doc: Document) -> list[dict[str, Any]]:
    return [{"text": b.text, "kind": b.kind.value, "level": b.level, "number": b.number,
             "part": b.source.part, "page": b.source.page} for b in doc.blocks]


def _commitment_for(f: Finding, commitments: Sequence[Any]) -> dict[str, Any] | None:
    """The recovered commitment a finding is about: same block, most overlap."""
    best, overlap = None, 0
    for c in commitments:
        loc = c.location
        if loc is None or loc.block != f.location.block:
            continue
        shared = min(loc.end, f.location.end) - max(loc.start, f.location.start)
        if shared > overlap or (best is None and shared >= 0 and f.location.end == 0):
            best, overlap = c, shared
    if best is None:
        return None
    parts = best.to_dict()
    parts.pop("location", None)
    return {k: v for k, v in parts.items()
            if k in ("text", "theme", "target", "baseline", "deadline", "beneficiaries",
                     "evidence", "reporting_frequency", "verifier", "consequence", "party",
                     "hedges")} | {"missing": best.missing()}


class ReviewService:
    def __init__(self, settings: WebSettings, db: Database, jobs: Jobs) -> None:
        self.settings = settings
        self.db = db
        self.jobs = jobs
        self.store = FileStore(settings.files_dir)

    # ------------------------------------------------------------------ creating

    def create(self, uploads: Sequence[Upload], *, scope: str | None, session: str | None,
               previous: str | None = None) -> str:
        """Store readable uploads as a new review and queue its linting; returns its id."""
        backend.config_for(scope)  # an unknown scope is refused before anything is stored
        title = uploads[0].name if len(uploads) == 1 else (
            f"{uploads[0].name} and {len(uploads) - 1} more")
        expires = (None if self.settings.ephemeral
                   else now() + dt.timedelta(days=self.settings.retention_days))
        stored: list[str] = []
        try:
            with self.db.session() as s:
                version = 1
                if previous is not None:
                    prev = s.get(Review, previous)
                    if prev is None:
                        raise InputError("the review to compare with no longer exists")
                    version = prev.version + 1
                    title = prev.title if len(uploads) == 1 and prev.title else title
                review = Review(title=title[:300], expires_at=expires,
                                scope=scope or "social-value", status="queued",
                                session=session if self.settings.ephemeral else None,
                                previous_id=previous, version=version)
                s.add(review)
                s.flush()
                for i, up in enumerate(uploads):
                    key = self.store.put(up.data)
                    stored.append(key)
                    s.add(StoredDocument(review_id=review.id, position=i, name=up.name,
                                         extension=backend.extension(up.name) or ".txt",
                                         stored_as=key, size=len(up.data),
                                         sha256=hashlib.sha256(up.data).hexdigest()))
                review_id = review.id
        except BaseException:
            for key in stored:
                self.store.delete(key)
            raise
        docs = {up.name: up.document for up in uploads}
        self.jobs.submit(review_id, len(uploads),
                         lambda progress: self._lint(review_id, docs, progress))
        return review_id

    def _lint(self, review_id: str, docs: dict[str, Document | None],
              progress: Progress) -> None:
        try:
            with self.db.session() as s:
                review = s.get(Review, review_id)
                if review is None:
                    return
                review.status = "running"
                entries = [(d.id, d.name, d.stored_as) for d in review.documents]
                scope = review.scope
            for doc_id, name, stored_as in entries:
                progress.stage, progress.current = "linting", name
                document = docs.get(name) or backend.read_upload(name, self.store.get(stored_as))
                findings, commitments = backend.lint_document(document, scope)
                result = {
                    "findings": [f.to_dict() | {"commitment": _commitment_for(f, commitments)}
                                 for f in findings],
                    "warnings": list(document.warnings),
                    "blocks": _blocks(document),
                    "error": None,
                }
                with self.db.session() as s:
                    row = s.get(StoredDocument, doc_id)
                    if row is not None:
                        row.result = result
                progress.done += 1
            progress.stage, progress.current = "done", None
            with self.db.session() as s:
                review = s.get(Review, review_id)
                if review is not None:
                    review.status = "done"
                    self._carry_over(s, review)
        except Exception as exc:
            log.exception("linting review %s failed", review_id)
            with self.db.session() as s:
                review = s.get(Review, review_id)
                if review is not None:
                    review.status = "failed"
                    review.message = (exc.message if isinstance(exc, InputError)
                                      else f"linting failed ({type(exc).__name__})")

    def _carry_over(self, s: Any, review: Review) -> None:
        """Decisions on findings still open in the new version carry over from the old one."""
        if review.previous_id is None:
            return
        prev = s.get(Review, review.previous_id)
        if prev is None:
            return
        latest = self._latest(prev)
        by_print: dict[str, Decision] = {}
        for d in latest.values():
            if d.action in ("dismiss", "accept"):
                by_print.setdefault(d.fingerprint, d)
        for doc in review.documents:
            for f in (doc.result or {}).get("findings", []):
                old = by_print.get(f["fingerprint"])
                if old is not None:
                    s.add(Decision(review_id=review.id, document_id=doc.id,
                                   fingerprint=f["fingerprint"], action=old.action,
                                   reason=old.reason, reviewer=old.reviewer,
                                   created_at=old.created_at))

    # ------------------------------------------------------------------ reading

    def get(self, review_id: str, session: str | None) -> Review | None:
        with self.db.session() as s:
            review = s.get(Review, review_id)
            if review is None or not self._visible(review, session):
                return None
            review.documents  # noqa: B018 - loaded before the session closes
            review.decisions  # noqa: B018
            return review

    def _visible(self, review: Review, session: str | None) -> bool:
        return not self.settings.ephemeral or (session is not None and review.session == session)

    def list(self, session: str | None) -> list[dict[str, Any]]:
        with self.db.session() as s:
            query = select(Review).order_by(Review.created_at.desc(), Review.id)
            if self.settings.ephemeral:
                query = query.where(Review.session == session)
            out = []
            for r in s.scalars(query):
                latest = self._latest(r)
                counts: Counter[str] = Counter()
                for doc in r.documents:
                    for f in (doc.result or {}).get("findings", []):
                        d = latest.get((doc.id, f["fingerprint"]))
                        counts[d.action if d and d.action != "reopen" else "open"] += 1
                out.append({"id": r.id, "title": r.title, "created_at": r.created_at,
                            "status": r.status, "version": r.version,
                            "documents": [d.name for d in r.documents],
                            "open": counts["open"], "dismissed": counts["dismiss"],
                            "accepted": counts["accept"],
                            "reviewers": sorted({d.reviewer for d in r.decisions}),
                            "expires_at": r.expires_at})
            return out

    @staticmethod
    def _latest(review: Review) -> dict[tuple[str, str], Decision]:
        latest: dict[tuple[str, str], Decision] = {}
        for d in review.decisions:
            latest[(d.document_id, d.fingerprint)] = d
        return latest

    def decided_findings(self, review: Review) -> list[tuple[StoredDocument,
                                                             list[backend.DecidedFinding],
                                                             list[dict[str, Any]]]]:
        """Per document: its findings with their latest decisions, and the raw finding data."""
        latest = self._latest(review)
        out = []
        for doc in review.documents:
            raw = (doc.result or {}).get("findings", [])
            items = []
            for data in raw:
                f = backend.finding_from_dict(data)
                d = latest.get((doc.id, f.fingerprint))
                if d is None or d.action == "reopen":
                    items.append(backend.DecidedFinding(f))
                else:
                    items.append(backend.DecidedFinding(f, d.action, d.reason, d.reviewer,
                                                        d.created_at))
            out.append((doc, items, raw))
        return out

    # ------------------------------------------------------------------ deciding

    def decide(self, review_id: str, session: str | None, *, document_id: str,
               fingerprint: str, action: str, reason: str | None, reviewer: str) -> Decision:
        reviewer = " ".join(reviewer.split())[:120]
        reason = " ".join((reason or "").split())[:2000] or None
        if action not in ACTIONS:
            raise InputError(f"unknown decision {action!r} (use dismiss, accept or reopen)")
        if not reviewer:
            raise InputError("give your name as the reviewer")
        if action == "dismiss" and not reason:
            raise InputError("give a reason for dismissing the finding")
        with self.db.session() as s:
            review = s.get(Review, review_id)
            if review is None or not self._visible(review, session):
                raise LookupError(review_id)
            doc = next((d for d in review.documents if d.id == document_id), None)
            known = {f["fingerprint"] for f in ((doc.result or {}).get("findings", [])
                                                if doc else [])}
            if doc is None or fingerprint not in known:
                raise InputError("no such finding in this review")
            decision = Decision(review_id=review_id, document_id=document_id,
                                fingerprint=fingerprint, action=action, reason=reason,
                                reviewer=reviewer)
            s.add(decision)
            s.flush()
            return decision

    # ------------------------------------------------------------------ downloads

    def report(self, review: Review, *, documents: bool = False) -> Any:
        """The review as a Report whose findings reflect the decisions (dismissed findings
        are suppressed with their reason; accepted ones name who accepted them)."""
        entries = []
        for doc, items, _raw in self.decided_findings(review):
            findings = [backend.decided(i.finding, i.action, i.reason, i.reviewer, i.when)
                        for i in items]
            document = None
            if documents:
                document = backend.read_upload(doc.name, self.store.get(doc.stored_as))
            entries.append((doc.name, findings, document))
        return backend.reviewed_report(entries)

    def reviewed_docx(self, review: Review, document_id: str) -> tuple[str, bytes]:
        doc = next((d for d in review.documents if d.id == document_id), None)
        if doc is None:
            raise LookupError(document_id)
        if doc.extension != ".docx":
            raise InputError(f"{doc.name}: only a DOCX gets a reviewed copy with comments")
        data = self.store.get(doc.stored_as)
        document = backend.read_upload(doc.name, data)
        _, items, _raw = next(e for e in self.decided_findings(review) if e[0].id == doc.id)
        findings = [backend.decided(i.finding, i.action, i.reason, i.reviewer, i.when)
                    for i in items]
        return backend.reviewed_name(doc.name), backend.annotate(data, findings, document)

    def dismissed_baseline(self, review: Review) -> str:
        """A baseline file of the dismissed findings: ``svdocs lint --baseline`` then leaves
        them out, as the review did."""
        entries = []
        for doc, items, _raw in self.decided_findings(review):
            entries.append((doc.name, [i.finding for i in items if i.action == "dismiss"], None))
        return backend.baseline_json(backend.reviewed_report(entries))

    # ------------------------------------------------------------------ comparing

    def compare(self, review: Review) -> dict[str, list[dict[str, Any]]] | None:
        """Findings new in this version, fixed since the previous one, and still open."""
        if review.previous_id is None:
            return None
        with self.db.session() as s:
            prev = s.get(Review, review.previous_id)
            if prev is None:
                return None
            old = [f for d in prev.documents for f in (d.result or {}).get("findings", [])]
        new = [f for d in review.documents for f in (d.result or {}).get("findings", [])]
        remaining = Counter(f["fingerprint"] for f in old)
        out: dict[str, list[dict[str, Any]]] = {"new": [], "still_open": [], "fixed": []}
        for f in new:
            if remaining[f["fingerprint"]] > 0:
                remaining[f["fingerprint"]] -= 1
                out["still_open"].append(f)
            else:
                out["new"].append(f)
        for f in old:
            if remaining[f["fingerprint"]] > 0:
                remaining[f["fingerprint"]] -= 1
                out["fixed"].append(f)
        return out

    # ------------------------------------------------------------------ deleting

    def delete(self, review_id: str, session: str | None) -> bool:
        with self.db.session() as s:
            review = s.get(Review, review_id)
            if review is None or not self._visible(review, session):
                return False
            keys = [d.stored_as for d in review.documents]
            s.delete(review)
        with contextlib.suppress(Exception):  # a job that failed has nothing more to write
            self.jobs.wait(review_id, timeout=60)
        for key in keys:
            self.store.delete(key)
        return True

    def sweep(self, *, idle_sessions: set[str] | None = None, orphans: bool = False) -> int:
        """Delete expired reviews (and, ephemeral, those of sessions gone idle), and with
        ``orphans`` (at start, before any upload) stored files no review refers to. Returns
        how many reviews went."""
        gone: list[str] = []
        with self.db.session() as s:
            query = select(Review).where(Review.expires_at.is_not(None),
                                         Review.expires_at < now())
            expired = list(s.scalars(query))
            if idle_sessions:
                expired += list(s.scalars(select(Review).where(
                    Review.session.in_(sorted(idle_sessions)))))
            for r in expired:
                if self.jobs.progress(r.id) is not None:
                    continue
                gone.extend(d.stored_as for d in r.documents)
                s.delete(r)
            referenced = set(s.scalars(select(StoredDocument.stored_as)))
        for key in gone:
            self.store.delete(key)
        if orphans:
            for key in self.store.ids() - referenced:
                self.store.delete(key)
        return len(expired)
