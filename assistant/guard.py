"""The page's door: who may write, same-origin writes, throttled logins, Spanish refusals.

Who may write: a page on this machine, behind a login (BOLETINES_AUTH), or one started with
``--permitir-escritura``; any other page is read-only (``writable``).

An ASGI middleware wrapped around Gradio's app (``launch(app_kwargs={"middleware": ...})``), so
it sees every request before Gradio's routes do:

- a POST (or PUT, PATCH, DELETE) whose ``Origin`` is another site is refused (403): a page
  elsewhere cannot make a visitor's browser upload or remove bulletins here;
- on a read-only page, Gradio's file upload route refuses (403);
- failed logins are counted per client address; past a few, that client waits an exponentially
  growing time (429) before its next try is even checked;
- Gradio's English «Queue is full» (503, which the page shows as «This application is currently
  busy») becomes a Spanish «espere» with status 429, whose text the page shows as it is;
- a wrong password gets a Spanish line instead of «Incorrect credentials.»;
- the page's HTML says ``lang="es"`` and carries ``head`` (the page's script) before Gradio's
  own scripts run, so Gradio's controls come up in Spanish.
"""

from __future__ import annotations

import ipaddress
import json
import re
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from index.errors import SettingsError

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

BUSY = ("Hay muchas preguntas en curso en este momento. Espere unos segundos y vuelva a "
        "preguntar.")
CROSS_ORIGIN = "Petición rechazada: viene de otro sitio ({origin}) y esta página solo acepta " \
    "escrituras desde sí misma."
READ_ONLY = ("Esta página es de solo lectura: inicie «boletines serve» con BOLETINES_AUTH o con "
             "--permitir-escritura para subir boletines.")
WRONG_LOGIN = "Usuario o contraseña incorrectos."
THROTTLED = ("Demasiados intentos fallidos de inicio de sesión desde esta dirección. Espere "
             "{seconds} s y vuelva a intentarlo.")
_WRITES = {"POST", "PUT", "PATCH", "DELETE"}


@dataclass
class _Attempts:
    failures: int = 0
    last: float = 0.0
    locked_until: float = 0.0


class LoginThrottle:
    """Failed logins per client: ``free`` tries, then a lock of ``base`` seconds doubling with
    each further failure up to ``cap``; a client quiet for ``forget`` seconds starts afresh.

    Thread-safe; the clock is injectable for tests.
    """

    def __init__(self, free: int = 5, base: float = 1.0, cap: float = 300.0,
                 forget: float = 900.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.free, self.base, self.cap, self.forget, self.clock = free, base, cap, forget, clock
        self._clients: dict[str, _Attempts] = {}
        self._lock = threading.Lock()

    def wait(self, client: str) -> float:
        """Seconds ``client`` must still wait before a login try is checked (0 if none)."""
        with self._lock:
            a = self._clients.get(client)
            return max(0.0, a.locked_until - self.clock()) if a else 0.0

    def failed(self, client: str) -> None:
        """Count a failed login of ``client``."""
        now = self.clock()
        with self._lock:
            if len(self._clients) > 10_000:  # forget quiet clients rather than grow forever
                self._clients = {k: v for k, v in self._clients.items()
                                 if now - v.last < self.forget}
            a = self._clients.setdefault(client, _Attempts())
            if now - a.last > self.forget:
                a.failures = 0
            a.failures += 1
            a.last = now
            if a.failures > self.free:
                a.locked_until = now + min(self.cap, self.base * 2 ** (a.failures - self.free - 1))

    def succeeded(self, client: str) -> None:
        """A good login clears ``client``'s count."""
        with self._lock:
            self._clients.pop(client, None)


def same_origin(origin: str, host: str) -> bool:
    """True when the ``Origin`` header names the host the request was sent to."""
    parts = urlsplit(origin)
    return bool(parts.netloc) and parts.netloc.lower() == host.lower()


async def _reply(send: Send, status: int, detail: str,
                 headers: Sequence[tuple[bytes, bytes]] = ()) -> None:
    body = json.dumps({"detail": detail, "error": detail}, ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()), *headers]})
    await send({"type": "http.response.body", "body": body})


def _rewriting(send: Send, when: int, status: int, detail: str,
               seen: Callable[[int], None] = lambda _: None) -> Send:
    """A ``send`` that replaces a response of status ``when`` by ``status`` + ``detail``."""
    state: dict[str, bool] = {"replace": False}

    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            seen(int(message["status"]))
            if message["status"] == when:
                state["replace"] = True
                return
        elif message["type"] == "http.response.body" and state["replace"]:
            if not message.get("more_body"):
                await _reply(send, status, detail)
            return
        await send(message)

    return wrapped


def _spanish_html(send: Send, head: str) -> Send:
    """A ``send`` that makes an HTML page Spanish: ``lang="es"`` and ``head`` first in <head>."""
    state: dict[str, Any] = {"start": None, "body": b""}

    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            types = [v for k, v in message.get("headers", []) if k.lower() == b"content-type"]
            if message["status"] == 200 and types and types[0].startswith(b"text/html"):
                state["start"] = message
                return
        elif message["type"] == "http.response.body" and state["start"] is not None:
            state["body"] += message.get("body", b"")
            if message.get("more_body"):
                return
            text = state["body"].decode("utf-8")
            text = re.sub(r'(<html\b[^>]*?\blang=")[^"]*"', r'\1es"', text, count=1)
            text = text.replace("<head>", "<head>" + head, 1)
            body = text.encode("utf-8")
            start = state["start"]
            start["headers"] = [(k, v) for k, v in start["headers"]
                                if k.lower() != b"content-length"]
            start["headers"].append((b"content-length", str(len(body)).encode()))
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return
        await send(message)

    return wrapped


class Guard:
    """The middleware; ``writable`` False makes the upload route refuse; ``head`` goes into
    every HTML page."""

    def __init__(self, app: ASGIApp, writable: bool = True,
                 throttle: LoginThrottle | None = None, head: str = "") -> None:
        self.app, self.writable, self.head = app, writable, head
        self.throttle = throttle or LoginThrottle()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method, path = scope["method"], scope["path"].rstrip("/")
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if method in _WRITES:
            origin = headers.get("origin")
            if origin is not None and not same_origin(origin, headers.get("host", "")):
                await _reply(send, 403, CROSS_ORIGIN.format(origin=origin))
                return
            if not self.writable and path.endswith("/gradio_api/upload"):
                await _reply(send, 403, READ_ONLY)
                return
        if method == "POST" and path.endswith("/login"):
            await self._login(scope, receive, send)
            return
        if method == "POST" and ("/queue/join" in path or "/gradio_api/call/" in path):
            send = _rewriting(send, 503, 429, BUSY)
        elif method == "GET" and "/gradio_api/" not in path and "/assets/" not in path:
            send = _spanish_html(send, self.head)
        await self.app(scope, receive, send)

    async def _login(self, scope: Scope, receive: Receive, send: Send) -> None:
        client = (scope.get("client") or ("?", 0))[0]
        wait = self.throttle.wait(client)
        if wait > 0:
            seconds = max(1, round(wait))
            await _reply(send, 429, THROTTLED.format(seconds=seconds),
                         [(b"retry-after", str(seconds).encode())])
            return

        def seen(status: int) -> None:
            if status == 200:
                self.throttle.succeeded(client)
            elif status in (400, 401):
                self.throttle.failed(client)

        await self.app(scope, receive, _rewriting(send, 400, 400, WRONG_LOGIN, seen))


# Who may write -------------------------------------------------------------------------------
def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def parse_auth(value: str | None) -> tuple[str, str] | None:
    """ "usuario:contraseña" → (usuario, contraseña); None when unset."""
    if not value:
        return None
    user, sep, password = value.partition(":")
    if not sep or not user or not password:
        raise SettingsError("BOLETINES_AUTH debe tener la forma usuario:contraseña.")
    return user, password


def writable(host: str, auth: tuple[str, str] | None, allow_writes: bool = False) -> bool:
    """Whether the page may change the index: on this machine, behind a login, or when the
    user said so (``--permitir-escritura``)."""
    return _is_loopback(host) or auth is not None or allow_writes


def exposure_warning(host: str, auth: tuple[str, str] | None,
                     allow_writes: bool = False) -> str | None:
    """The warning for a page reachable beyond this machine with no login, else None."""
    if writable(host, auth):
        return None
    if allow_writes:
        return (f"Aviso: la página escucha en {host} sin autenticación y con "
                "--permitir-escritura: cualquiera en la red puede consultarla y subir o quitar "
                "boletines. Defina BOLETINES_AUTH=usuario:contraseña.")
    return (f"Aviso: la página escucha en {host} sin autenticación: cualquiera en la red puede "
            "consultarla; es de solo lectura (sin subir ni quitar boletines). Defina "
            "BOLETINES_AUTH=usuario:contraseña, o use --permitir-escritura.")
