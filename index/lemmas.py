"""Spanish lemmas from spaCy's lookup tables (spacy-lookups-data), without loading spaCy.

spaCy's lookup lemmatizer reads a 600,000-entry table into memory at start (about 2 s). A
question needs a handful of words, so the table is copied once into a small SQLite file in the
cache folder and each word is a single indexed look-up afterwards.
"""

from __future__ import annotations

import gzip
import json
import os
import sqlite3
import tempfile
import threading
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

_LOCK = threading.Lock()


def _table_path() -> Path:
    spec = find_spec("spacy_lookups_data")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("spacy-lookups-data no está instalado.")
    return Path(spec.submodule_search_locations[0]) / "data" / "es_lemma_lookup.json.gz"


def cache_dir() -> Path:
    """``BOLETINES_CACHE_DIR``, else ~/.cache/boletines (a temporary folder if not writable)."""
    wanted = Path(os.environ.get("BOLETINES_CACHE_DIR") or Path.home() / ".cache" / "boletines")
    try:
        wanted.mkdir(parents=True, exist_ok=True)
        return wanted
    except OSError:
        fallback = Path(tempfile.gettempdir()) / "boletines-cache"
        fallback.mkdir(parents=True, exist_ok=True)
        return fallback


@lru_cache(maxsize=1)
def _path() -> Path:
    source = _table_path()
    stamp = f"{source.stat().st_size}-{int(source.stat().st_mtime)}"
    target = cache_dir() / f"lemas-es-v2-{stamp}.sqlite3"
    with _LOCK:
        if not target.exists():
            table = json.loads(gzip.decompress(source.read_bytes()))
            partial = target.with_suffix(f".{os.getpid()}.tmp")
            conn = sqlite3.connect(partial)
            conn.execute("CREATE TABLE lemmas (word TEXT PRIMARY KEY, lemma TEXT) WITHOUT ROWID")
            conn.executemany("INSERT OR IGNORE INTO lemmas VALUES (?, ?)", table.items())
            conn.execute("CREATE INDEX lemmas_lemma ON lemmas(lemma)")
            conn.commit()
            conn.close()
            os.replace(partial, target)  # atomic: a reader never sees half a table
    return target


_local = threading.local()


def lemma(word: str) -> str:
    """The lemma spaCy's Spanish lookup table gives ``word`` (lower-cased), or ``word`` itself."""
    conn = getattr(_local, "conn", None)
    if conn is None:
        conn = sqlite3.connect(f"file:{_path()}?mode=ro", uri=True, check_same_thread=False)
        _local.conn = conn
    key = word.lower()
    row = conn.execute("SELECT lemma FROM lemmas WHERE word = ?", (key,)).fetchone()
    return row[0] if row else key


def known(word: str) -> bool:
    """True when ``word`` (as written, accents included) is a Spanish word of the table."""
    lemma("")  # opens this thread's connection
    key = word.lower()
    conn = _local.conn
    return conn.execute("SELECT 1 FROM lemmas WHERE word = ? UNION ALL SELECT 1 FROM lemmas "
                        "WHERE lemma = ? LIMIT 1", (key, key)).fetchone() is not None
