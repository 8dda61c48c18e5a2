"""Access token, browser session, CSRF tokens and security headers.

* With a token set, every request needs it: ``Authorization: Bearer <token>``, or the cookie
  set after opening any page once with ``?token=<token>``.
* With allowed hosts set (the loopback names when bound to the loopback), a request naming
  another host is refused, so a page elsewhere cannot reach the server by DNS rebinding.
* Each browser gets a session cookie (random, HttpOnly, SameSite=Lax, gone when the
  browser closes); forms and the page's own requests carry a CSRF token derived from it.
* Every response sets a content security policy (no inline script, nothing from elsewhere),
  ``nosniff``, no referrer, no framing by other sites, and no caching of pages and results.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode

from svdocs.web.settings import WebSettings

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

SESSION_COOKIE = "svdocs_session"
TOKEN_COOKIE = "svdocs_token"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'self'")
#: For assembled documents shown in the preview frame: their own styles, no script at all.
PREVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"


def csrf_token(secret: str, session: str) -> str:
    return hmac.new(secret.encode(), f"csrf:{session}".encode(), hashlib.sha256).hexdigest()


def csrf_ok(secret: str, session: str | None, given: str | None) -> bool:
    if not session or not given:
        return False
    return hmac.compare_digest(csrf_token(secret, session), given)


def _cookies(scope: Scope) -> dict[str, str]:
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            jar: SimpleCookie = SimpleCookie()
            try:
                jar.load(value.decode("latin-1"))
            except Exception:
                return {}
            return {k: m.value for k, m in jar.items()}
    return {}


def _header(scope: Scope, key: bytes) -> str | None:
    for name, value in scope.get("headers", []):
        if name == key:
            return str(value.decode("latin-1"))
    return None


def _host_name(host: str) -> str:
    host = host.strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class SecurityMiddleware:
    """Pure ASGI middleware (so streaming uploads are not read twice)."""

    def __init__(self, app: ASGIApp, settings: WebSettings, *, max_body: int,
                 on_session: Callable[[str], None] | None = None) -> None:
        self.app = app
        self.settings = settings
        self.max_body = max_body
        self.on_session = on_session

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        allowed = self.settings.allowed_hosts
        if allowed is not None:
            host = _host_name(_header(scope, b"host") or "")
            if host not in allowed:
                await _plain(send, 421, "svdocs: this server answers only to "
                                        f"{', '.join(allowed)}\n")
                return
        cookies = _cookies(scope)
        set_cookies: list[str] = []
        token = self.settings.token
        if token is not None:
            query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
            bearer = _header(scope, b"authorization") or ""
            given = bearer[7:] if bearer.lower().startswith("bearer ") else None
            if "token" in query and hmac.compare_digest(query["token"], token):
                # a link with the token: keep it in a cookie and drop it from the address
                rest = urlencode([(k, v) for k, v in query.items() if k != "token"])
                location = scope.get("path", "/") + (f"?{rest}" if rest else "")
                await send({"type": "http.response.start", "status": 303, "headers": [
                    (b"location", location.encode("latin-1")),
                    (b"set-cookie", _cookie(TOKEN_COOKIE, token).encode("latin-1")),
                    (b"cache-control", b"no-store")]})
                await send({"type": "http.response.body", "body": b""})
                return
            ok = any(v is not None and hmac.compare_digest(v, token)
                     for v in (given, cookies.get(TOKEN_COOKIE)))
            if not ok:
                await _plain(send, 401, "svdocs: this server needs its access token: open "
                                        "the address with ?token=<token>, or send "
                                        "'Authorization: Bearer <token>'\n")
                return
        length = _header(scope, b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_body:
            await _plain(send, 413, "svdocs: the upload is larger than this server accepts "
                                    f"({self.max_body:,} bytes in one request)\n")
            return
        session = cookies.get(SESSION_COOKIE)
        if not session or len(session) != 32 or not session.isalnum():
            session = secrets.token_hex(16)
            set_cookies.append(_cookie(SESSION_COOKIE, session))
        scope.setdefault("state", {})["session"] = session
        if self.on_session is not None:
            self.on_session(session)
        path = str(scope.get("path", ""))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", CSP.encode()))
                headers += [(b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"no-referrer"),
                            (b"x-frame-options", b"SAMEORIGIN")]
                if not path.startswith("/static/"):
                    headers.append((b"cache-control", b"no-store"))
                headers += [(b"set-cookie", c.encode("latin-1")) for c in set_cookies]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _cookie(name: str, value: str) -> str:
    return f"{name}={value}; Path=/; HttpOnly; SameSite=Lax"


async def _plain(send: Send, status: int, text: str) -> None:
    body = text.encode()
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        (b"content-security-policy", CSP.encode())]})
    await send({"type": "http.response.body", "body": body})


class SessionClock:
    """When each browser session was last seen (for ephemeral mode's clean-up)."""

    def __init__(self) -> None:
        self._seen: dict[str, float] = {}

    def touch(self, session: str) -> None:
        self._seen[session] = time.monotonic()

    def idle(self, minutes: float) -> set[str]:
        cutoff = time.monotonic() - minutes * 60
        gone = {s for s, t in self._seen.items() if t < cutoff}
        for s in gone:
            self._seen.pop(s, None)
        return gone
