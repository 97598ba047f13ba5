"""The workspace's guards: token, Host and Origin, CSRF, paths, request sizes.

``ptce serve`` is a web server on the user's computer holding personal data, so every
request passes these checks before any page code runs (:class:`Guard`, an ASGI
middleware):

* the **Host** header must name the server itself (``127.0.0.1:PORT``, ``localhost:PORT``,
  ``[::1]:PORT``, or the host given with ``--allow-remote``): a page of another site that
  points its own name at 127.0.0.1 (DNS rebinding) is refused;
* the **token** printed by ``ptce serve`` (in the address it opens, as Jupyter does) is
  required on every request; the first visit trades it for a cookie
  (``HttpOnly``, ``SameSite=Strict``) and is redirected to the same address without it;
* a request that changes anything (any method but GET and HEAD) must carry an **Origin**
  (or, failing it, a Referer) of the server itself, and every request that says it comes
  from another site (``Sec-Fetch-Site: cross-site``) is refused;
* a path with ``..``, a backslash or a NUL in it (raw or percent-encoded) is refused: the
  workspace only ever reads and writes the pole's own files;
* a request body larger than :data:`MAX_BODY` is refused, whether it says so in its
  Content-Length or not.

Each form also carries a **CSRF** token (:func:`csrf_token`), checked by the route with
:func:`check_csrf` before the form is read any further.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from ..i18n import Figure

__all__ = ["MAX_BODY", "Guard", "new_token", "csrf_token", "check_csrf", "is_loopback", "allowed_hosts",
           "cookie_name", "unsafe_path", "Refusal"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: The largest request body accepted (bytes): a members' spreadsheet of thousands of rows fits.
MAX_BODY = 8 * 1024 * 1024

SAFE_METHODS = frozenset({"GET", "HEAD"})


def new_token() -> str:
    """A fresh random token (256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)


def csrf_token(token: str) -> str:
    """The CSRF token of a session: derived from its secret token, never the token itself.

    Examples
    --------
    >>> csrf_token("a") == csrf_token("a") != csrf_token("b")
    True
    """
    return hmac.new(token.encode(), b"ptce-serve csrf", hashlib.sha256).hexdigest()


def check_csrf(token: str, given: object) -> bool:
    """Whether ``given`` (a form's ``csrf`` field) is the session's CSRF token."""
    return isinstance(given, str) and hmac.compare_digest(given.encode(), csrf_token(token).encode())


def cookie_name(port: int) -> str:
    """The cookie holding the token: one per port, since cookies do not tell ports apart."""
    return f"ptce_serve_{port}"


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an address) is this computer only.

    Examples
    --------
    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("::1"), is_loopback("0.0.0.0")
    (True, True, True, False)
    """
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """The Host headers the server answers to (lower case, with the port)."""
    names = {"127.0.0.1", "localhost", "[::1]"}
    if not is_loopback(host):
        names.add(f"[{host}]" if ":" in host else host.lower())
    return frozenset(f"{name}:{port}" for name in names)


def unsafe_path(raw_path: str) -> bool:
    """Whether a request path tries to leave the workspace (``..``, ``\\``, NUL), encoded or not.

    Examples
    --------
    >>> unsafe_path("/acteurs/coop-a"), unsafe_path("/documents/../../etc/passwd")
    (False, True)
    >>> unsafe_path("/acteurs/%2e%2e%2fpole.yaml"), unsafe_path("/a%5c..%5cb")
    (True, True)
    """
    decoded = raw_path
    for _ in range(3):  # double- and triple-encoded forms too
        decoded = unquote(decoded)
    return any(part == ".." for part in decoded.replace("\\", "/").split("/")) or "\\" in decoded \
        or "\x00" in decoded


class Refusal(Exception):
    """A request the guard refuses: its HTTP status and the key of its message (see :mod:`.words`)."""

    def __init__(self, status: int, key: str, **values: object) -> None:
        super().__init__(key)
        self.status, self.key, self.values = status, key, values


class Guard:
    """The ASGI middleware that checks every request (see the module's text).

    ``refuse(scope, refusal)`` makes the page of a refused request (status, body bytes).
    """

    def __init__(self, app: ASGIApp, *, token: str, host: str, port: int,
                 refuse: Callable[[Scope, Refusal], tuple[int, bytes]], max_body: int = MAX_BODY) -> None:
        self.app, self.token, self.port, self.refuse, self.max_body = app, token, port, refuse, max_body
        self.hosts = allowed_hosts(host, port)
        self.origins = frozenset(f"http://{name}" for name in self.hosts)
        self.cookie = cookie_name(port)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self.app(scope, receive, send)
            return
        if scope["type"] != "http":  # no websockets in the workspace
            return
        try:
            redirect = self.check(scope)
        except Refusal as refusal:
            await self._send_refusal(scope, send, refusal)
            return
        if redirect is not None:
            await send({"type": "http.response.start", "status": 303, "headers": [
                (b"location", redirect.encode("latin-1")),
                (b"set-cookie", f"{self.cookie}={self.token}; Path=/; HttpOnly; SameSite=Strict".encode()),
                (b"cache-control", b"no-store"), (b"referrer-policy", b"no-referrer")]})
            await send({"type": "http.response.body", "body": b""})
            return
        await self.app(scope, self._limited(scope, receive, send), self._with_headers(send))

    def check(self, scope: Scope) -> str | None:
        """Refuse the request (:class:`Refusal`), or return where to redirect a first visit, or ``None``."""
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if headers.get("host", "").lower() not in self.hosts:
            raise Refusal(403, "error.host")
        raw_path = scope.get("raw_path", b"").decode("latin-1") or scope["path"]
        if unsafe_path(raw_path) or unsafe_path(scope["path"]):
            raise Refusal(400, "error.path")
        if headers.get("sec-fetch-site") == "cross-site":
            raise Refusal(403, "error.origin")
        origin = headers.get("origin")
        if origin is not None and origin != "null" and origin not in self.origins:
            raise Refusal(403, "error.origin")
        if scope["method"] not in SAFE_METHODS:
            if origin is None:
                referer = urlsplit(headers.get("referer", ""))
                origin = f"{referer.scheme}://{referer.netloc}" if referer.netloc else None
            if origin not in self.origins:
                raise Refusal(403, "error.origin")
            length = headers.get("content-length")
            if length is not None and (not length.isdigit() or int(length) > self.max_body):
                raise Refusal(413, "error.too_large", limit=_megabytes(self.max_body))
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        given = [value for key, value in query if key == "token"]
        if given and scope["method"] in SAFE_METHODS and hmac.compare_digest(given[-1].encode(), self.token.encode()):
            rest = urlencode([(k, v) for k, v in query if k != "token"])
            return quote(scope["path"]) + (f"?{rest}" if rest else "")
        cookie = SimpleCookie()
        try:
            cookie.load(headers.get("cookie", ""))
        except Exception:  # a malformed cookie header is no token
            cookie = SimpleCookie()
        held = cookie.get(self.cookie)
        if held is None or not hmac.compare_digest(held.value.encode(), self.token.encode()):
            raise Refusal(403, "error.token")
        return None

    def _limited(self, scope: Scope, receive: Receive, send: Send) -> Receive:
        """``receive`` that stops a body growing beyond the limit (a body without Content-Length)."""
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BodyTooLarge(self.max_body)
            return message

        return limited

    def _with_headers(self, send: Send) -> Send:
        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                for name, value in _SECURITY_HEADERS:
                    if name not in names:
                        headers.append((name, value))
                message["headers"] = headers
            await send(message)

        return sending

    async def _send_refusal(self, scope: Scope, send: Send, refusal: Refusal) -> None:
        status, body = self.refuse(scope, refusal)
        await send({"type": "http.response.start", "status": status, "headers": [
            (b"content-type", b"text/html; charset=utf-8"), (b"content-length", str(len(body)).encode()),
            *_SECURITY_HEADERS]})
        await send({"type": "http.response.body", "body": body})


class BodyTooLarge(Exception):
    """Raised while reading a request body beyond the limit; the app answers 413."""

    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit


#: Headers of every answer: no framing by other sites, no sniffing, no referrer to other sites, no cache.
_SECURITY_HEADERS = [
    (b"x-frame-options", b"SAMEORIGIN"),
    (b"x-content-type-options", b"nosniff"),
    # Not no-referrer: Chromium then sends "Origin: null" with the workspace's own forms.
    (b"referrer-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]


def _megabytes(n: int) -> Figure:
    """A size in megabytes, written as the page's language writes numbers (« 2,5 »)."""
    return Figure(n / (1024 * 1024))
