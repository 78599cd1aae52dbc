"""Plain functions behind the CLI commands: each returns data, none prints."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.errors import BoletinesError
from index.ingest import IngestReport, refresh_stale
from index.ingest import ingest as _ingest
from index.ingest import repair as _repair
from index.settings import Settings
from index.store import Store

if TYPE_CHECKING:
    from assistant.chain import Assistant
    from assistant.evaluate import Report
    from assistant.types import Answer

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def ingest(paths: Iterable[Path], settings: Settings, prune: bool = False,
           progress: Callable[[str], None] | None = None, wait: bool = True,
           on_wait: Callable[[str], None] | None = None) -> IngestReport:
    """Index files or folders into ``settings.data_dir`` (see ``index.ingest.ingest``)."""
    return _ingest(paths, settings, prune=prune, progress=progress, wait=wait, on_wait=on_wait)


def repair(settings: Settings, wait: bool = True, on_wait: Callable[[str], None] | None = None
           ) -> tuple[list[str], list[str]]:
    """Re-embed lost vectors from SQLite (see ``index.ingest.repair``): (repaired, problems)."""
    return _repair(settings, wait=wait, on_wait=on_wait)


def ensure_index(settings: Settings, progress: Callable[[str], None] | None = None) -> Store:
    """Open the index, building it from ``seeds/`` first when the data folder has none, and
    re-reading the facts of bulletins an older extractor indexed (their vectors are kept)."""
    store = Store(settings)
    if store.counts()["bulletins"] == 0 and SEEDS.is_dir():
        _ingest([SEEDS], settings, progress=progress, store=store)
    _refresh(store, progress)
    return store


def _refresh(store: Store, progress: Callable[[str], None] | None) -> None:
    """Re-read the facts of stale bulletins, if this process may write (a read-only index
    still answers, with the facts it has)."""
    try:
        refresh_stale(store, progress)
    except (sqlite3.Error, BoletinesError):
        pass


def assistant(settings: Settings, progress: Callable[[str], None] | None = None) -> "Assistant":
    """An Assistant over ``settings``' index, built from ``seeds/`` first when there is none."""
    from assistant.chain import Assistant

    exists = settings.db_path.exists()
    store = _open(settings) if exists else None
    if settings.data_dir == Settings().data_dir and (not exists or _empty(store)):
        # First use (or another process is building the first index right now: its database
        # exists but holds nothing yet): build from seeds/, or wait for that build.
        store = ensure_index(settings, progress)
    elif store is not None:
        _refresh(store, progress)
    # A store that could not be opened is opened again by the Assistant, which says why.
    return Assistant(settings, store)


def _open(settings: Settings) -> Store | None:
    try:
        return Store(settings, create=False)
    except (sqlite3.Error, BoletinesError):
        return None


def _empty(store: Store | None) -> bool:
    try:
        return store is not None and store.counts()["bulletins"] == 0
    except sqlite3.Error:
        return False


def ask(question: str, settings: Settings, history: list[str] | None = None) -> "Answer":
    """Answer one question over ``settings``' index; ``history`` holds the earlier questions
    of the conversation, oldest first (an elliptical question takes what it leaves out)."""
    return assistant(settings).ask(question, history=history)


def evaluate(suite: Path, settings: Settings, corpus: Path | None = None,
             baseline: bool = False, progress: Callable[[Any], None] | None = None
             ) -> list["Report"]:
    """Run an eval suite against the index (or a throwaway index of ``corpus``).

    Returns:
        The assistant's report, then the baseline's when ``baseline`` is set.
    """
    import tempfile

    from assistant.baseline import baseline_chain
    from assistant.chain import Assistant
    from assistant.evaluate import load_suite, run_suite
    from assistant.retrieve import build_retriever
    from index.errors import IngestError

    cases = load_suite(suite)
    with tempfile.TemporaryDirectory(prefix="boletines-eval-", ignore_cleanup_errors=True) as tmp:
        if corpus is not None:
            # A throwaway index; on a shared Chroma server it gets a collection of its own.
            settings = settings.with_(data_dir=Path(tmp),
                                      collection=f"eval_{Path(tmp).name.replace('-', '_')}")
            report = _ingest([corpus], settings)
            if report.failed:
                raise IngestError(report.failed[0])
        elif not settings.db_path.exists():
            ensure_index(settings)
        store = Store(settings, create=False)
        texts = {b.source: b.text for b in store.bulletins()}
        hybrid = build_retriever(store, settings.top_k)
        reports = [run_suite(
            cases, Assistant(settings, store).ask, texts.get,
            lambda q: [d.page_content for d in hybrid.invoke(q)], progress, suite.name,
            "boletines")]
        if baseline:
            vector = store.vectorstore().as_retriever(search_kwargs={"k": settings.top_k})
            reports.append(run_suite(
                cases, _without_history(baseline_chain(store, settings.top_k).invoke), texts.get,
                lambda q: [d.page_content for d in vector.invoke(q)], progress, suite.name,
                "baseline (Chroma top-k)"))
        if corpus is not None and settings.chroma_url:
            store.client().delete_collection(store.collection_name)
        store.close()
    return reports


def _without_history(ask: Callable[[str], "Answer"]) -> Callable[..., "Answer"]:
    """The baseline has no conversation: it gets the last question alone."""
    return lambda question, history=None: ask(question)


def facts(settings: Settings, measure: str | None = None, qualifier: str | None = None,
          source: str | None = None) -> list[dict[str, Any]]:
    """The facts table as dicts, each with ``quote == canonical_text[start:end]``."""
    store = Store(settings, create=False)
    texts = {b.source: b.text for b in store.bulletins()}
    rows = []
    for fact in store.facts(measure=measure, qualifier=qualifier, source=source):
        row = asdict(fact)
        text = texts[fact.source]
        row["quote"] = text[fact.start:fact.end]
        row["sentence"] = text[fact.sentence_start:fact.sentence_end]
        rows.append(row)
    return rows


def status(settings: Settings) -> dict[str, Any]:
    """How many bulletins, chunks and facts are indexed, and where."""
    store = Store(settings, create=False)
    return {
        **store.counts(),
        "data_dir": str(settings.data_dir.resolve()),
        "sqlite": str(settings.db_path.resolve()),
        "chroma": settings.chroma_url or str(settings.chroma_path.resolve()),
        "embedder": settings.embedder,
        "sources": [b.source for b in store.bulletins()],
        "problems": store.problems(),
        "read_only": store.read_only,
    }
