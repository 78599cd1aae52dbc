"""The page's door (assistant/guard.py), in front of a stand-in app: origins, read-only uploads,
login throttling, the Spanish «espere» for a full queue (issue 13, exposure and load)."""

from __future__ import annotations

import json
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from assistant.guard import BUSY, READ_ONLY, WRONG_LOGIN, Guard, LoginThrottle


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _app(writable: bool = True, throttle: LoginThrottle | None = None) -> tuple[TestClient, dict]:
    """Gradio's routes as far as the guard cares: login (password «bien»), upload, a full
    queue; ``seen`` counts what reached them."""
    seen: dict[str, int] = {"login": 0, "upload": 0}

    async def login(request: Request) -> JSONResponse:
        seen["login"] += 1
        form = await request.form()
        if form.get("password") == "bien":
            return JSONResponse({"success": True})
        return JSONResponse({"detail": "Incorrect credentials."}, status_code=400)

    async def upload(request: Request) -> JSONResponse:
        seen["upload"] += 1
        return JSONResponse(["/tmp/gradio/x.txt"])

    async def join(request: Request) -> JSONResponse:
        return JSONResponse({"detail": "Queue is full. Max size is 1 and size is 1."},
                            status_code=503)

    async def index(request: Request) -> HTMLResponse:
        return HTMLResponse('<!doctype html>\n<html\n\tlang="en"\n\tstyle="margin: 0">'
                            "<head><title>x</title></head><body></body></html>")

    app = Starlette(routes=[Route("/", index),
                            Route("/login", login, methods=["POST"]),
                            Route("/gradio_api/upload", upload, methods=["POST"]),
                            Route("/gradio_api/queue/join", join, methods=["POST"])],
                    middleware=[Middleware(Guard, writable=writable,  # type: ignore[arg-type]
                                           throttle=throttle or LoginThrottle(),
                                           head="<script>/* la página */</script>")])
    return TestClient(app, base_url="http://pagina.local:7860"), seen


def _detail(response: Any) -> str:
    return str(json.loads(response.content.decode("utf-8"))["detail"])


def test_cross_origin_upload_refused() -> None:
    client, seen = _app()
    files = {"files": ("falso.txt", b"999999 trasplantes de cornea", "text/plain")}
    bad = client.post("/gradio_api/upload", files=files, headers={"Origin": "http://otro.example"})
    assert bad.status_code == 403 and "otro sitio" in _detail(bad) and seen["upload"] == 0
    assert client.post("/gradio_api/upload", files=files,
                       headers={"Origin": "null"}).status_code == 403
    same = client.post("/gradio_api/upload", files=files,
                       headers={"Origin": "http://pagina.local:7860"})
    assert same.status_code == 200
    assert client.post("/gradio_api/upload", files=files).status_code == 200  # no Origin: a script
    assert seen["upload"] == 2


def test_read_only_page_refuses_uploads() -> None:
    client, seen = _app(writable=False)
    files = {"files": ("falso.txt", b"999999 trasplantes de cornea", "text/plain")}
    refused = client.post("/gradio_api/upload", files=files)
    assert refused.status_code == 403 and _detail(refused) == READ_ONLY and seen["upload"] == 0


def test_failed_logins_are_throttled() -> None:
    clock = Clock()
    client, seen = _app(throttle=LoginThrottle(free=5, base=1, cap=300, clock=clock))
    statuses = [client.post("/login", data={"username": "ana", "password": f"mal{i}"}).status_code
                for i in range(200)]
    # 200 tries in a burst: five are checked, then the client waits before any other is.
    assert statuses[:6] == [400] * 6 and set(statuses[6:]) == {429} and seen["login"] == 6
    locked = client.post("/login", data={"username": "ana", "password": "bien"})
    assert locked.status_code == 429 and "Espere" in _detail(locked)
    assert locked.headers["retry-after"] == "1"
    clock.now += 1.1
    wrong = client.post("/login", data={"username": "ana", "password": "otra"})
    assert wrong.status_code == 400 and _detail(wrong) == WRONG_LOGIN
    assert client.post("/login", data={"username": "ana", "password": "x"}).status_code == 429
    clock.now += 1.9  # the lock doubled: 2 s now
    assert client.post("/login", data={"username": "ana", "password": "x"}).status_code == 429
    clock.now += 0.2
    assert client.post("/login", data={"username": "ana", "password": "bien"}).status_code == 200
    # A good login starts the count afresh.
    assert client.post("/login", data={"username": "ana", "password": "x"}).status_code == 400


def test_throttle_lock_is_capped_and_forgotten() -> None:
    clock = Clock()
    throttle = LoginThrottle(free=2, base=1, cap=60, forget=900, clock=clock)
    for _ in range(40):
        throttle.failed("10.0.0.9")
    assert throttle.wait("10.0.0.9") == 60 and throttle.wait("10.0.0.8") == 0
    clock.now += 1000
    throttle.failed("10.0.0.9")
    assert throttle.wait("10.0.0.9") == 0  # quiet for longer than «forget»: counted afresh


def test_full_queue_asks_to_wait_in_spanish() -> None:
    client, _ = _app()
    busy = client.post("/gradio_api/queue/join", json={})
    assert busy.status_code == 429 and _detail(busy) == BUSY and "Espere" in BUSY


def test_page_html_is_spanish_and_carries_the_page_script() -> None:
    """Issue 12: <html lang> was «en»; Gradio adds ``head=`` only after choosing a language."""
    client, _ = _app()
    page = client.get("/")
    assert page.status_code == 200 and 'lang="es"' in page.text and 'lang="en"' not in page.text
    assert page.text.index("<script>/* la página */</script>") < page.text.index("<title>")
    assert int(page.headers["content-length"]) == len(page.content)
