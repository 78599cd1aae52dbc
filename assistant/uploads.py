"""Uploads from the page, ingested one at a time by a background worker, off the request path.

The request that uploads only checks type and size and copies the file aside (milliseconds);
the worker ingests the queue in order, one file at a time, and every job keeps a state the page
polls for progress. A name that is already indexed is never replaced silently: the page asks,
and the upload either replaces it or is kept beside it as «nombre (2).txt».
"""

from __future__ import annotations

import itertools
import queue
import shutil
import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from index.errors import BoletinesError
from index.parse import SUFFIXES
from index.settings import Settings
from index.store import Store

QUEUED, RUNNING, DONE, FAILED = "en cola", "ingiriendo", "listo", "error"
_ICON = {QUEUED: "…", RUNNING: "⏳", DONE: "✔", FAILED: "✘"}


@dataclass(frozen=True)
class UploadJob:
    """One uploaded file: the name it is indexed under, its state and a Spanish line."""

    id: int
    name: str
    state: str
    message: str
    replaces: str | None = None

    @property
    def finished(self) -> bool:
        return self.state in (DONE, FAILED)

    def line(self) -> str:
        """The job as one line of the progress box."""
        return f"{_ICON[self.state]} {self.message}"


def safe_name(name: str) -> str:
    """A file name with no folders and no odd characters ("../../x y.txt" → "x_y.txt").

    Letters with accents stay: citations show the name to Spanish readers.
    """
    import re

    base = Path(name.replace("\\", "/")).name
    cleaned = re.sub(r"[^\w.-]+", "_", base).strip("._") or "boletin"
    return cleaned[:120]


class Uploads:
    """The upload queue of one index; safe to call from Gradio's worker threads."""

    def __init__(self, settings: Settings, store: Store) -> None:
        self.settings, self.store = settings, store
        self.folder = settings.data_dir / "uploads"
        self._pending = self.folder / ".pendientes"
        self._jobs: dict[int, UploadJob] = {}
        self._ids = itertools.count(1)
        self._queue: queue.Queue[tuple[int, Path]] = queue.Queue()
        self._lock = threading.Lock()
        self._worker: threading.Thread | None = None
        # Files staged by a server that stopped before ingesting them (their jobs died with it);
        # only old ones: another server over this folder may be ingesting its own right now.
        if self._pending.is_dir():
            import time

            for leftover in self._pending.iterdir():
                if time.time() - leftover.stat().st_mtime > 3600:
                    leftover.unlink(missing_ok=True)

    # What the page asks ----------------------------------------------------------------------
    def existing(self, name: str) -> str | None:
        """The indexed source an upload named ``name`` would collide with, else None."""
        for source in (name, f"uploads/{name}"):
            if self.store.bulletin(source) is not None:
                return source
        with self._lock:
            if any(j.name == name and not j.finished for j in self._jobs.values()):
                return name
        return None

    def conflicts(self, paths: Sequence[str]) -> list[str]:
        """Names among ``paths`` (once made safe) that are already indexed or queued."""
        return [n for n in (safe_name(Path(p).name) for p in paths) if self.existing(n)]

    def submit(self, paths: Sequence[str], keep_both: bool = False) -> list[int]:
        """Check and queue uploaded files; return their job ids (rejected ones are jobs too,
        already failed). A name already indexed is replaced, or with ``keep_both`` stored as
        «nombre (2).txt»."""
        ids = []
        limit = int(self.settings.max_file_mb * 2**20)
        self._pending.mkdir(parents=True, exist_ok=True)
        for raw in paths:
            original = Path(raw)
            name = safe_name(original.name)
            job_id = next(self._ids)
            ids.append(job_id)
            problem = None
            if Path(name).suffix.lower() not in SUFFIXES or name.lower().endswith(".meta.json"):
                problem = f"«{name}» no es .txt, .pdf ni .html: no se ingirió."
            elif original.exists() and original.stat().st_size > limit:
                problem = (f"«{name}» pesa {original.stat().st_size / 2**20:.1f} MB, más que el "
                           f"límite de {self.settings.max_file_mb:.0f} MB: no se ingirió.")
            if problem:
                self._set(UploadJob(job_id, name, FAILED, problem))
                continue
            collides = self.existing(name)
            if collides and keep_both:
                name, collides = self._free_name(name), None
            staged = self._pending / f"{job_id}-{name}"
            shutil.copyfile(original, staged)
            self._set(UploadJob(job_id, name, QUEUED, f"«{name}» en cola", collides))
            self._queue.put((job_id, staged))
        self._start()
        return ids

    def status(self, ids: Sequence[int]) -> list[UploadJob]:
        """The jobs ``ids``, as they are now."""
        with self._lock:
            return [self._jobs[i] for i in ids if i in self._jobs]

    def wait(self, ids: Sequence[int], timeout: float = 120) -> bool:
        """Block until every job in ``ids`` is finished (for tests and scripts)."""
        import time

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if all(j.finished for j in self.status(ids)):
                return True
            time.sleep(0.05)
        return False

    # The worker ------------------------------------------------------------------------------
    def _set(self, job: UploadJob) -> None:
        with self._lock:
            self._jobs[job.id] = job

    def _free_name(self, name: str) -> str:
        stem, suffix = Path(name).stem, Path(name).suffix
        for n in itertools.count(2):
            candidate = f"{stem} ({n}){suffix}"
            if not self.existing(candidate) and not (self.folder / candidate).exists():
                return candidate
        raise AssertionError("unreachable")

    def _start(self) -> None:
        with self._lock:
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._work, name="boletines-subidas",
                                                daemon=True)
                self._worker.start()

    def _work(self) -> None:
        while True:
            job_id, staged = self._queue.get()
            with self._lock:
                job = self._jobs[job_id]
            self._set(replace(job, state=RUNNING, message=f"«{job.name}» ingiriendo…"))
            try:
                self._set(self._ingest(job, staged))
            except Exception as exc:  # noqa: BLE001 - the worker must outlive any one file
                self._set(replace(job, state=FAILED, message=f"«{job.name}»: {exc}"))
            finally:
                staged.unlink(missing_ok=True)
                self._queue.task_done()

    def _ingest(self, job: UploadJob, staged: Path) -> UploadJob:
        from index.ingest import ingest

        target = self.folder / job.name
        previous = target.read_bytes() if target.exists() else None
        staged.replace(target)
        def waiting(line: str) -> None:
            self._set(replace(job, state=RUNNING, message=f"«{job.name}»: {line}"))

        try:
            report = ingest([target], self.settings, store=self.store, on_wait=waiting)
        except BoletinesError as exc:
            report = None
            failure = str(exc)
        if report is None or report.failed:
            # Leave the folder as it was: the index never saw this version.
            if previous is None:
                target.unlink(missing_ok=True)
            else:
                target.write_bytes(previous)
            return replace(job, state=FAILED, message=report.failed[0] if report else failure)
        source = (report.added + report.updated + report.unchanged)[0]
        if job.replaces and job.replaces != source:
            from index.lock import writer_lock

            with writer_lock(self.settings.data_dir):  # the upload takes another file's place
                self.store.delete(job.replaces)
        if report.unchanged:
            return replace(job, state=DONE, message=f"«{job.name}» ya estaba en el índice, "
                                                    "sin cambios.")
        facts = len(self.store.facts(source=source))
        verb = "reemplazado" if job.replaces else "ingerido"
        return replace(job, state=DONE,
                       message=f"«{job.name}» {verb}: {facts} cifra{'' if facts == 1 else 's'}.")
