"""Scale-out: a real Chroma server started with the `chroma` CLI that chromadb installs."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant import api
from index.ingest import ingest
from index.settings import Settings
from index.store import Store
from tests.conftest import ROOT, SEEDS, free_port, wait_http

CHROMA = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not Path(CHROMA).exists():
        pytest.skip("el CLI «chroma» no está instalado (lo instala el paquete chromadb)")
    port = free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    proc = subprocess.Popen([CHROMA, "run", "--path", str(path), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    if not wait_http(url + "/api/v2/heartbeat", 60, lambda: proc.poll() is None):
        proc.kill()
        raise RuntimeError("chroma run did not start")
    yield url
    proc.terminate()
    proc.wait(timeout=15)


def test_seed_suite_through_a_chroma_server(chroma_url: str, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "app", chroma_url=chroma_url)
    assert ingest([SEEDS], settings).ok
    store = Store(settings)
    assert store.problems() == []
    assert not settings.chroma_path.exists()  # nothing went to the embedded store
    assert len(store.vectorstore()._collection.get(include=[])["ids"]) == store.counts()["chunks"]
    report = api.evaluate(ROOT / "eval" / "seeds.jsonl", settings)[0]
    assert report.overall.pass_rate == 1.0, report.failures()


def test_cli_flag_selects_the_server(chroma_url: str, tmp_path: Path) -> None:
    from assistant.cli import main

    data = str(tmp_path / "app2")
    assert main(["ingest", str(SEEDS), "--data-dir", data, "--chroma-url", chroma_url]) == 0
    assert main(["status", "--data-dir", data, "--chroma-url", chroma_url]) == 0
    assert not (tmp_path / "app2" / "chroma").exists()
