"""The ingestion pipeline: files → bulletins → sentences, chunks, facts, vectors → the index."""

from __future__ import annotations

import re
import time
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.chunk import chunk
from index.errors import BoletinesError, IndexBusyError, IngestError
from index.facts import extract_facts, extractor_version
from index.lock import writer_lock
from index.nlp import sentence_spans
from index.parse import is_bulletin_file, read_bulletin
from index.settings import Settings
from index.space import DiskFullError, check_space, disk_full_message, is_disk_full
from index.store import Store


@dataclass
class IngestReport:
    """What an ingest run did: source names per outcome, and one Spanish line per failure."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    # Files stored under another name because theirs was taken by another file:
    # "path → name" lines, for the user to see.
    renamed: list[str] = field(default_factory=list)
    # Bulletins whose lost vectors were embedded again from SQLite (see ``repair``).
    repaired: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Seconds spent per stage: read, sentences (and chunks), facts, embed, write.
    timings: dict[str, float] = field(default_factory=dict)

    def timed(self, stage: str, since: float) -> float:
        """Add the time since ``since`` to ``stage``; return now."""
        now = time.perf_counter()
        self.timings[stage] = self.timings.get(stage, 0.0) + now - since
        return now

    @property
    def ok(self) -> bool:
        """True when no file failed."""
        return not self.failed


def collect_files(paths: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """Bulletin files under ``paths`` (folders recursively, sorted) and errors for bad paths."""
    files: list[Path] = []
    errors: list[str] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and is_bulletin_file(p)))
        elif path.is_file():
            if is_bulletin_file(path):
                files.append(path)
            else:
                errors.append(f"El archivo «{path}» no es .txt, .pdf ni .html: no se ingirió.")
        else:
            errors.append(f"La ruta «{path}» no existe.")
    seen: set[Path] = set()
    unique = []
    for f in files:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, errors


def source_names(files: list[Path], stored: dict[str, str]) -> dict[Path, str]:
    """The name each file is cited by: its file name, or "folder/name" when that is ambiguous."""
    by_name: dict[str, list[Path]] = {}
    for f in files:
        by_name.setdefault(f.name, []).append(f)
    names: dict[Path, str] = {}
    for name, group in by_name.items():
        stored_path = stored.get(name)
        clash = len(group) > 1 or (
            stored_path is not None and Path(stored_path).resolve() != group[0].resolve())
        for f in group:
            if not clash or (stored_path and Path(stored_path).resolve() == f.resolve()):
                names[f] = name
                continue
            parts = f.resolve().parts
            depth = 2
            candidate = "/".join(parts[-depth:])
            while (candidate in stored and Path(stored[candidate]).resolve() != f.resolve()) or \
                    candidate in names.values():
                depth += 1
                candidate = "/".join(parts[-depth:])
            names[f] = candidate
    return names


def ingest(paths: Iterable[Path], settings: Settings, prune: bool = False,
           progress: Callable[[str], None] | None = None,
           store: Store | None = None, wait: bool = True,
           on_wait: Callable[[str], None] | None = None) -> IngestReport:
    """Index bulletin files or folders.

    Idempotent (unchanged content is skipped), incremental (a changed file replaces its old
    chunks and facts) and atomic per bulletin: a file that fails leaves nothing behind, and the
    run goes on with the others. One writer at a time: the run holds the data folder's writer
    lock (``index.lock``), so two ingests, or an ingest and an upload, never lose each other's
    bulletins.

    Args:
        paths: files or folders (.txt, .pdf, .html; ``*.meta.json`` sidecars are read beside).
        settings: where the index lives and how to build it.
        prune: also drop bulletins whose files no longer exist.
        progress: called with each file's name as it is done.
        store: an open store to reuse (one is opened otherwise).
        wait: wait for another writer to finish (else raise ``IndexBusyError`` at once).
        on_wait: told once, in Spanish, when the run waits for another writer.

    Returns:
        An IngestReport.
    """
    report = IngestReport()
    files, report.failed = collect_files(list(paths))
    with writer_lock(settings.data_dir, wait=wait, on_wait=on_wait):
        store = store or Store(settings)
        from index.embed import get_embeddings

        embeddings = get_embeddings(settings.embedder)
        report.repaired = _repair(store, embeddings)
        # Names are chosen under the lock: a file of the same name that another writer has
        # just stored is seen, and this one gets a name of its own.
        stored_paths = store.paths()
        names = source_names(files, stored_paths)
        for path in files:
            if names[path] != path.name:
                report.renamed.append(
                    f"«{path}» se guarda como «{names[path]}»: ya hay otro archivo "
                    f"«{path.name}» en el índice.")
        for path in files:
            _ingest_file(path, names[path], store, settings, embeddings, stored_paths, report)
            if progress:
                progress(names[path])
        if prune:
            for source, stored in store.paths().items():
                if not Path(stored).exists():
                    store.delete(source)
                    report.pruned.append(source)
        store.checkpoint()
    return report


def _ingest_file(path: Path, source: str, store: Store, settings: Settings, embeddings: Any,
                 stored_paths: dict[str, str], report: IngestReport) -> None:
    """Read, split, extract, embed and store one file, recording the outcome in ``report``."""
    max_bytes = int(settings.max_file_mb * 2**20)
    try:
        t = time.perf_counter()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            bulletin = read_bulletin(path, source=source, max_bytes=max_bytes,
                                     settings=settings)
        report.warnings.extend(str(w.message) for w in caught)
        previous = store.sha_of(source)
        same_place = stored_paths.get(source) == bulletin.path
        if previous == (bulletin.sha256, settings.embedder, extractor_version()) and same_place:
            report.unchanged.append(source)
            return
        if previous is not None and previous[:2] == (bulletin.sha256, settings.embedder) \
                and same_place:
            # Same text, older extractor: re-read its facts, keep its vectors.
            refresh(store, source)
            report.updated.append(source)
            return
        t = report.timed("read", t)
        sentences = sentence_spans(bulletin.text)
        passages = chunk(bulletin, settings.chunk_chars, settings.chunk_overlap, sentences)
        t = report.timed("sentences", t)
        facts = extract_facts(bulletin, sentences)
        t = report.timed("facts", t)
        vectors = embeddings.embed_documents([_embed_view(p.text) for p in passages])
        t = report.timed("embed", t)
        check_space(settings.data_dir)
        store.replace(bulletin, passages, facts, vectors, sentences)
        report.timed("write", t)
        (report.updated if previous else report.added).append(source)
    except DiskFullError:
        raise  # the run stops: every later bulletin would fail the same way
    except BoletinesError as exc:
        report.failed.append(str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the run
        if is_disk_full(exc):
            raise DiskFullError(disk_full_message(settings.data_dir)) from exc
        report.failed.append(f"No se pudo ingerir «{source}»: {exc}".rstrip(": ") + "."
                             if str(exc) else f"No se pudo ingerir «{source}».")


def repair(settings: Settings, wait: bool = True,
           on_wait: Callable[[str], None] | None = None) -> tuple[list[str], list[str]]:
    """Bring the vector store back in line with SQLite, under the writer lock.

    Returns:
        (the sources whose lost vectors were embedded again, problems left after the repair).
    """
    with writer_lock(settings.data_dir, wait=wait, on_wait=on_wait):
        store = Store(settings, create=False)
        from index.embed import get_embeddings

        repaired = _repair(store, get_embeddings(settings.embedder))
        return repaired, store.problems()


def _repair(store: Store, embeddings: Any) -> list[str]:
    _, repaired = store.reconcile(
        lambda texts: embeddings.embed_documents([_embed_view(t) for t in texts]))
    return repaired


def refresh(store: Store, source: str) -> None:
    """Re-read the sentences and facts of a stored bulletin with this extractor."""
    bulletin = store.bulletin(source)
    if bulletin is None:
        return
    sentences = sentence_spans(bulletin.text)
    store.replace_facts(source, sentences, extract_facts(bulletin, sentences))


def refresh_stale(store: Store, progress: Callable[[str], None] | None = None) -> list[str]:
    """Re-read every bulletin an older extractor or lexicon indexed; return their names."""
    if not store.stale():
        return []
    try:
        with writer_lock(store.settings.data_dir, wait=False):
            stale = store.stale()
            for source in stale:
                refresh(store, source)
                if progress:
                    progress(source)
            return stale
    except IndexBusyError:
        return []  # another process is writing (and re-reads them itself); answer meanwhile


def ingest_one(path: Path, settings: Settings, store: Store | None = None) -> str:
    """Ingest a single file; return its source name or raise IngestError."""
    report = ingest([path], settings, store=store)
    if report.failed:
        raise IngestError(report.failed[0])
    return (report.added + report.updated + report.unchanged)[0]


def _embed_view(text: str) -> str:
    """What is embedded: the passage with its line breaks and runs of spaces folded."""
    return re.sub(r"\s+", " ", text).strip()
