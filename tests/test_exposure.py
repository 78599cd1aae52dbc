"""`boletines serve` reachable beyond this machine (issue 13, exposure and load): read-only without
a login, throttled logins with one, a Spanish «espere» when the queue is full.

The servers listen on 0.0.0.0 but every request here goes to 127.0.0.1.
"""

from __future__ import annotations

import json
import shutil
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from assistant.guard import BUSY, READ_ONLY
from assistant.load import PageBusy, ask_page
from assistant.server import running_page
from index.settings import Settings

pytestmark = pytest.mark.slow


def _post(url: str, data: bytes, headers: dict[str, str]) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data, headers=headers),
                                    timeout=30) as resp:
            return resp.status, resp.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def _serve(seed_settings: Settings, folder: Path, args: list[str],
           env: dict[str, str] | None = None) -> Iterator[tuple[str, Path]]:
    shutil.copytree(seed_settings.data_dir, folder / "idx")
    with running_page(folder / "idx", folder / "serve.log", timeout=180, args=args,
                      env=env) as (_, url):
        if url is None:
            raise RuntimeError("serve did not start: " + (folder / "serve.log").read_text())
        yield url, folder / "serve.log"


@pytest.fixture(scope="module")
def open_page(seed_settings: Settings, tmp_path_factory: pytest.TempPathFactory
              ) -> Iterator[tuple[str, Path]]:
    """0.0.0.0, no BOLETINES_AUTH, a queue of one."""
    yield from _serve(seed_settings, tmp_path_factory.mktemp("abierta"),
                      ["--host", "0.0.0.0", "--cola", "1"], {"BOLETINES_AUTH": ""})


UPLOAD = (b'--X\r\nContent-Disposition: form-data; name="files"; filename="falso.txt"\r\n'
          b"Content-Type: text/plain\r\n\r\nSe hicieron 999999 trasplantes de c\xc3\xb3rnea.\r\n"
          b"--X--\r\n")


def test_open_host_without_login_is_read_only(open_page: tuple[str, Path]) -> None:
    url, log = open_page
    status, body = _post(url + "gradio_api/upload", UPLOAD,
                         {"Content-Type": "multipart/form-data; boundary=X"})
    assert status == 403 and json.loads(body)["detail"] == READ_ONLY
    status, _ = _post(url + "gradio_api/call/subir", json.dumps({"data": [[], []]}).encode(),
                      {"Content-Type": "application/json"})
    assert status >= 400  # no such endpoint on a read-only page
    with urllib.request.urlopen(url + "config", timeout=30) as resp:
        config = json.load(resp)
    assert "file" not in {c["type"] for c in config["components"]}
    assert "solo lectura" in log.read_text()
    assert "999999" not in ask_page(url, "¿cuántos trasplantes de córnea?")[0]


def test_cross_origin_write_refused(open_page: tuple[str, Path]) -> None:
    url, _ = open_page
    body = json.dumps({"data": ["¿cuántos trasplantes de córnea?", []]}).encode()
    status, text = _post(url + "gradio_api/call/preguntar", body,
                         {"Content-Type": "application/json", "Origin": "http://otro.example"})
    assert status == 403 and "otro sitio" in text
    status, _ = _post(url + "gradio_api/call/preguntar", body,
                      {"Content-Type": "application/json", "Origin": url.rstrip("/")})
    assert status == 200


def test_full_queue_says_wait_in_spanish(open_page: tuple[str, Path]) -> None:
    url, _ = open_page
    question = "¿cuántos trasplantes de córnea?"
    expected = ask_page(url, question)

    def ask(_: int) -> str:
        try:
            return "ok" if ask_page(url, question) == expected else "distinta"
        except PageBusy as exc:
            return str(exc)

    with ThreadPoolExecutor(max_workers=40) as pool:
        outcomes = list(pool.map(ask, range(40)))
    assert set(outcomes) <= {"ok", BUSY}, set(outcomes)
    assert "ok" in outcomes and BUSY in outcomes


def test_logins_throttled_on_a_live_page(seed_settings: Settings,
                                         tmp_path_factory: pytest.TempPathFactory) -> None:
    for url, _ in _serve(seed_settings, tmp_path_factory.mktemp("con-clave"),
                         ["--host", "0.0.0.0"], {"BOLETINES_AUTH": "ana:secreto"}):
        form = {"Content-Type": "application/x-www-form-urlencoded"}
        began = time.perf_counter()
        statuses = [_post(url + "login", f"username=ana&password=mal{i}".encode(), form)[0]
                    for i in range(200)]
        assert statuses[:6] == [400] * 6 and set(statuses[6:]) == {429}
        assert time.perf_counter() - began < 30
        status, text = _post(url + "login", b"username=ana&password=secreto", form)
        assert status == 429 and "Espere" in json.loads(text)["detail"]
