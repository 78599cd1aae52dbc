"""Disk space: a write is refused before it starts when the data folder's disk is nearly full.

Chroma does not fail cleanly on a full disk (it can hang in its compactor), so the check comes
first; an ``ENOSPC`` that still happens mid-write is named as such, and the bulletin's write is
rolled back like any other failure.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
from pathlib import Path

from index.errors import IngestError

MIN_FREE_MB = 50.0  # below this much free space in the data folder, no bulletin is written


class DiskFullError(IngestError):
    """The data folder's disk is full: the run stops, the index stays as it was."""


def disk_full_message(data_dir: Path) -> str:
    """The one Spanish line for a full disk."""
    return (f"El disco de la carpeta de datos «{data_dir}» está lleno (quedan menos de "
            f"{MIN_FREE_MB:.0f} MB): libere espacio y vuelva a ejecutar la ingesta; el índice "
            "quedó como estaba.")


def free_mb(data_dir: Path) -> float:
    """Free megabytes on the disk that holds ``data_dir``."""
    return shutil.disk_usage(data_dir).free / 2**20


def check_space(data_dir: Path) -> None:
    """Raise DiskFullError when the disk of ``data_dir`` has less than ``MIN_FREE_MB`` free."""
    if free_mb(data_dir) < MIN_FREE_MB:
        raise DiskFullError(disk_full_message(data_dir))


def is_disk_full(exc: BaseException) -> bool:
    """True for the ways SQLite, Chroma and the OS say the disk is full."""
    seen: set[int] = set()
    e: BaseException | None = exc
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        if isinstance(e, OSError) and e.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        if isinstance(e, sqlite3.OperationalError) and "full" in str(e):
            return True
        if "No space left on device" in str(e):
            return True
        e = e.__cause__ or e.__context__
    return False
