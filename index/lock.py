"""One writer at a time per data folder: ingest, prune, repair, upload and removal take a file
lock (``filelock``: an OS lock, released by the kernel when its holder dies, even by SIGKILL).
Readers never take it: SQLite's WAL and the order of writes let them read while one writes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from index.errors import BoletinesError, IndexBusyError

LOCK_NAME = "escritura.lock"
_POLL = 0.5  # seconds between tries while waiting for another writer


def lock_path(data_dir: Path) -> Path:
    """Where the writer lock of ``data_dir`` lives."""
    return data_dir / LOCK_NAME


@contextmanager
def writer_lock(data_dir: Path, wait: bool = True,
                on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the writer lock of ``data_dir`` for the ``with`` block.

    Args:
        data_dir: the data folder (created if missing).
        wait: wait for another writer to finish; when False, raise at once.
        on_wait: told once, in Spanish, that this process is waiting for another writer.

    Raises:
        IndexBusyError: another process is writing and ``wait`` is False.
        BoletinesError: the folder cannot hold a lock file (read-only, missing permissions).
    """
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(lock_path(data_dir)))
    except OSError as exc:
        raise BoletinesError(
            f"No se puede escribir en la carpeta de datos «{data_dir}» "
            f"({exc.strerror or exc}): revise sus permisos o elija otra con --data-dir.") from exc
    try:
        lock.acquire(timeout=0)
    except Timeout:
        busy = (f"Otro proceso está escribiendo en «{data_dir}» (ingesta, reparación o carga "
                "de archivos)")
        if not wait:
            raise IndexBusyError(busy + ": inténtelo cuando termine.") from None
        if on_wait is not None:
            on_wait(busy + "; esperando a que termine…")
        lock.acquire(poll_interval=_POLL)
    except OSError as exc:
        raise BoletinesError(
            f"No se puede crear el candado de escritura en «{data_dir}» "
            f"({exc.strerror or exc}): revise los permisos de la carpeta.") from exc
    try:
        yield
    finally:
        lock.release()
