"""Shared fixtures: a throwaway index built from seeds/ once per session, in a tmp folder."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from assistant.server import free_port, running_page, wait_http
from index.ingest import ingest
from index.settings import Settings
from index.store import Store

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
__all__ = ["free_port", "wait_http"]  # child-process helpers, shared with the benchmark
SEED_A = "000_4e7f88594abcbb5c.txt"  # the Jornadas de Recuperación bulletin (no date)
SEED_B = "004_8c3ad0c4a5664001.txt"  # No. 175/2022, 12 de abril de 2022


def build_index(folder: Path, data_dir: Path) -> Settings:
    """Settings of an index of ``folder`` built in ``data_dir`` (default embedder)."""
    settings = Settings(data_dir=data_dir)
    report = ingest([folder], settings)
    assert report.ok, report.failed
    return settings


@pytest.fixture(scope="session")
def seed_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings of an index built from seeds/, shared by the session."""
    return build_index(SEEDS, tmp_path_factory.mktemp("seeds-index"))


@pytest.fixture(scope="session")
def seed_store(seed_settings: Settings) -> Store:
    return Store(seed_settings, create=False)


@pytest.fixture()
def settings(tmp_path: Path) -> Settings:
    """Settings of an empty index in this test's tmp folder."""
    return Settings(data_dir=tmp_path / "data")


CORPUS = ROOT / "eval" / "corpus"


@pytest.fixture(scope="session")
def corpus_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """An index of eval/corpus/: bulletins written for the project, never seen by the code."""
    return build_index(CORPUS, tmp_path_factory.mktemp("corpus-index"))


@pytest.fixture(scope="session")
def seed_assistant(seed_settings: Settings):  # type: ignore[no-untyped-def]
    from assistant.chain import Assistant

    return Assistant(seed_settings)


@pytest.fixture(scope="session")
def corpus_assistant(corpus_settings: Settings):  # type: ignore[no-untyped-def]
    from assistant.chain import Assistant

    return Assistant(corpus_settings)


# The browser tests: Debian's Chromium (installed by .ci/run), driven by Playwright.
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-dev-shm-usage", "--no-first-run"]
NEEDS_CHROMIUM = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium no está "
                                    "instalado (.ci/run instala el paquete chromium de Debian)")


@contextmanager
def page_server(data: Path) -> Iterator[str]:
    """`boletines serve` on a free port over an empty data folder in ``data`` (it builds
    seeds/ first); the page's URL."""
    with running_page(data / "idx", data / "serve.log", timeout=180) as (_, url):
        if url is None:
            raise RuntimeError("serve did not start: " + (data / "serve.log").read_text())
        yield url
