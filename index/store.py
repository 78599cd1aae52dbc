"""The index: chunks in Chroma (embedded or a server), bulletins, chunks and facts in SQLite.

SQLite is the record of what is indexed. A bulletin is replaced in three steps: its new
vectors are added to Chroma under fresh ids, the SQLite transaction that swaps its rows
commits, then its old vectors are deleted. A crash between steps leaves only Chroma ids that
SQLite does not know, which ``Store.reconcile`` removes and which readers ignore meanwhile.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, fields
from typing import TYPE_CHECKING, Any

from index.errors import BoletinesError, IndexNotBuiltError, SettingsError
from index.facts import extractor_version
from index.settings import Settings
from index.types import Bulletin, Fact, Passage

if TYPE_CHECKING:
    from langchain_chroma import Chroma
    from langchain_core.embeddings import Embeddings

_SCHEMA = """
CREATE TABLE IF NOT EXISTS bulletins (
    source TEXT PRIMARY KEY, path TEXT NOT NULL, number TEXT, date TEXT, title TEXT,
    text TEXT NOT NULL, sha256 TEXT NOT NULL, embedder TEXT NOT NULL,
    extractor TEXT NOT NULL DEFAULT '',
    ingested_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT PRIMARY KEY, source TEXT NOT NULL REFERENCES bulletins(source) ON DELETE CASCADE,
    seq INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_source ON chunks(source);
CREATE TABLE IF NOT EXISTS sentences (
    source TEXT NOT NULL REFERENCES bulletins(source) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS sentences_source ON sentences(source);
CREATE TABLE IF NOT EXISTS facts (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL REFERENCES bulletins(source) ON DELETE CASCADE,
    measure TEXT NOT NULL, qualifier TEXT, value REAL NOT NULL, unit TEXT NOT NULL, approx TEXT,
    period_start TEXT, period_end TEXT, year INTEGER, event TEXT, event_num INTEGER,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, value_start INTEGER NOT NULL,
    value_end INTEGER NOT NULL, sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL,
    modality TEXT NOT NULL DEFAULT 'realizado', place TEXT, place_start INTEGER,
    place_end INTEGER, time_phrase TEXT, time_start INTEGER, time_end INTEGER, subject TEXT
);
CREATE INDEX IF NOT EXISTS facts_source ON facts(source);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT OR IGNORE INTO meta (key, value) VALUES ('generation', 0);
CREATE INDEX IF NOT EXISTS facts_measure ON facts(measure);
"""
_FACT_FIELDS = [f.name for f in fields(Fact)]
_LATER_FACT_COLUMNS = {"modality": "TEXT NOT NULL DEFAULT 'realizado'", "place": "TEXT",
                       "place_start": "INTEGER", "place_end": "INTEGER", "time_phrase": "TEXT",
                       "time_start": "INTEGER", "time_end": "INTEGER", "subject": "TEXT"}
_BUMP = "UPDATE meta SET value = value + 1 WHERE key = 'generation'"


def database_problem(settings: Settings, exc: sqlite3.DatabaseError) -> str:
    """One Spanish line for an SQLite file that cannot be used, saying what to do."""
    path = settings.db_path
    text = str(exc).lower()
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return (f"El índice «{path}» está dañado ({exc}): restaure una copia de respaldo de la "
                f"carpeta «{settings.data_dir}», o bórrela y reconstrúyala con «boletines ingest "
                "CARPETA_DE_BOLETINES».")
    if "readonly" in text or "unable to open" in text or "permission" in text:
        return (f"No se puede abrir el índice «{path}» para escribir ({exc}): revise los "
                "permisos de la carpeta o elija otra con --data-dir.")
    if "locked" in text or "busy" in text:
        return (f"El índice «{path}» está ocupado por otro proceso ({exc}): inténtelo de "
                "nuevo en unos segundos.")
    return f"No se pudo usar el índice «{path}»: {exc}."


def chunk_id(bulletin: Bulletin, seq: int) -> str:
    """A chunk's id: new content gets new ids, so old and new vectors never collide."""
    digest = hashlib.sha256(f"{bulletin.source}\x00{bulletin.sha256}".encode()).hexdigest()
    return f"{digest[:20]}-{seq}"


def _value(v: float) -> int | float:
    return int(v) if float(v).is_integer() else v


class Store:
    """Open the index in ``settings.data_dir`` (created on first write)."""

    def __init__(self, settings: Settings, create: bool = True) -> None:
        self.settings = settings
        if not create and not settings.db_path.exists():
            raise IndexNotBuiltError(
                f"No hay índice en «{settings.data_dir}»: ejecute «boletines ingest seeds/» "
                "o elija otra carpeta con --data-dir."
            )
        self._local = threading.local()
        self._vectorstore: Chroma | None = None
        self._lock = threading.RLock()
        # A folder this process may not write (permissions, a read-only disk or snapshot) is
        # still answered from: SQLite opened read-only, nothing migrated.
        self.read_only = not create and not (
            os.access(settings.data_dir, os.W_OK) and os.access(settings.db_path, os.W_OK))
        try:
            if not self.read_only:
                settings.data_dir.mkdir(parents=True, exist_ok=True)
                with self.db:
                    self.db.executescript(_SCHEMA)
                    self._migrate()
            else:
                self.db.execute("SELECT count(*) FROM bulletins").fetchone()
        except OSError as exc:
            raise BoletinesError(
                f"No se puede crear la carpeta de datos «{settings.data_dir}» "
                f"({exc.strerror or exc}): revise sus permisos o elija otra con --data-dir."
            ) from exc
        except sqlite3.DatabaseError as exc:
            raise BoletinesError(database_problem(settings, exc)) from exc

    def _migrate(self) -> None:
        """Add the columns later versions introduced to an index built by an earlier one.

        Two processes may open the same old index at once: a column the other one has just
        added is not an error.
        """
        wanted = [("facts", name, kind) for name, kind in _LATER_FACT_COLUMNS.items()]
        wanted.append(("bulletins", "extractor", "TEXT NOT NULL DEFAULT ''"))
        for table, name, kind in wanted:
            have = {r[1] for r in self.db.execute(f"PRAGMA table_info({table})")}
            if name in have:
                continue
            try:
                self.db.execute(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")
            except sqlite3.OperationalError as exc:
                if "duplicate column" not in str(exc):
                    raise

    # -- SQLite -------------------------------------------------------------------------------
    @property
    def db(self) -> sqlite3.Connection:
        """This thread's SQLite connection (WAL: readers never block the writer)."""
        conn = getattr(self._local, "conn", None)
        if conn is None and self.read_only:
            conn = self._read_only_connection()
            self._local.conn = conn
        if conn is None:
            conn = sqlite3.connect(self.settings.db_path, timeout=30, isolation_level=None)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.isolation_level = "DEFERRED"
            self._local.conn = conn
        return conn

    def _read_only_connection(self) -> sqlite3.Connection:
        """SQLite opened without writing: read-only (sees a pending WAL when it may map it),
        else immutable (no -wal/-shm files to create in a folder that cannot take them)."""
        uri = self.settings.db_path.resolve().as_uri()
        for mode in ("mode=ro", "immutable=1"):
            conn = sqlite3.connect(f"{uri}?{mode}", uri=True, isolation_level=None)
            conn.row_factory = sqlite3.Row
            try:
                conn.execute("SELECT count(*) FROM bulletins").fetchone()
                return conn
            except sqlite3.DatabaseError:
                conn.close()
                if mode == "immutable=1":
                    raise
        raise AssertionError("unreachable")

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the database file (a copy or a read-only mount of the
        folder then holds every write); readers are not blocked."""
        try:
            self.db.execute("PRAGMA wal_checkpoint(PASSIVE)")
        except sqlite3.Error:
            pass

    def close(self) -> None:
        """Close this thread's SQLite connection."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def bulletin(self, source: str) -> Bulletin | None:
        """The stored bulletin called ``source``, canonical text included."""
        row = self.db.execute("SELECT * FROM bulletins WHERE source = ?", (source,)).fetchone()
        if row is None:
            return None
        return Bulletin(row["source"], row["number"], row["date"], row["title"], row["text"],
                        row["path"])

    def bulletins(self) -> list[Bulletin]:
        """All stored bulletins, by source name."""
        rows = self.db.execute("SELECT * FROM bulletins ORDER BY source").fetchall()
        return [Bulletin(r["source"], r["number"], r["date"], r["title"], r["text"], r["path"])
                for r in rows]

    def sha_of(self, source: str) -> tuple[str, str, str] | None:
        """(content hash, embedder, extractor version) of a stored bulletin, or None."""
        row = self.db.execute("SELECT sha256, embedder, extractor FROM bulletins WHERE source = ?",
                              (source,)).fetchone()
        return (row[0], row[1], row[2]) if row else None

    def stale(self) -> list[str]:
        """Sources whose facts an older extractor or lexicon read: the next ingest re-reads them."""
        return [r[0] for r in self.db.execute(
            "SELECT source FROM bulletins WHERE extractor != ?", (extractor_version(),))]

    def paths(self) -> dict[str, str]:
        """source → file path of every stored bulletin."""
        return dict(self.db.execute("SELECT source, path FROM bulletins").fetchall())

    def facts(self, measure: str | None = None, qualifier: str | None = None,
              source: str | None = None) -> list[Fact]:
        """Facts in text order, filtered by substring of measure/qualifier and by source."""
        sql, args = "SELECT * FROM facts WHERE 1=1", []
        if measure:
            sql += " AND measure LIKE ?"
            args.append(f"%{measure}%")
        if qualifier:
            sql += " AND qualifier LIKE ?"
            args.append(f"%{qualifier}%")
        if source:
            sql += " AND source = ?"
            args.append(source)
        rows = self.db.execute(sql + " ORDER BY source, start", args).fetchall()
        return [Fact(**{k: (_value(r[k]) if k == "value" else r[k])  # type: ignore[arg-type]
                        for k in _FACT_FIELDS}) for r in rows]

    def passages(self) -> list[Passage]:
        """Every stored chunk, its text sliced from the canonical text."""
        rows = self.db.execute(
            'SELECT c.source, c.start, c."end", b.text FROM chunks c '
            "JOIN bulletins b ON b.source = c.source ORDER BY c.source, c.seq"
        ).fetchall()
        return [Passage(r[0], r[1], r[2], r[3][r[1]:r[2]]) for r in rows]

    def sentences(self) -> dict[str, list[tuple[int, int]]]:
        """source → its sentence spans, in order."""
        out: dict[str, list[tuple[int, int]]] = {}
        for source, start, end in self.db.execute(
                'SELECT source, start, "end" FROM sentences ORDER BY source, start'):
            out.setdefault(source, []).append((start, end))
        return out

    def generation(self) -> int:
        """A counter bumped by every write: a cache key for structures derived from the index."""
        return int(self.db.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()[0])

    def chunk_ids(self) -> set[str]:
        """Ids of every chunk SQLite knows."""
        return {r[0] for r in self.db.execute("SELECT id FROM chunks")}

    def counts(self) -> dict[str, int]:
        """How many bulletins, chunks and facts are indexed."""
        return {
            name: self.db.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
            for name in ("bulletins", "chunks", "facts")
        }

    # -- Chroma -------------------------------------------------------------------------------
    @property
    def collection_name(self) -> str:
        """One collection per embedder: vectors of different models never mix."""
        return f"{self.settings.collection}_{self.settings.embedder}"

    def client(self) -> Any:
        """The Chroma client: embedded ``PersistentClient``, or ``HttpClient`` for a server."""
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        url = self.settings.chroma_url
        if url:
            from urllib.parse import urlparse

            parsed = urlparse(url)
            if not parsed.hostname:
                raise SettingsError(f"La URL de Chroma «{url}» no tiene servidor.")
            return chromadb.HttpClient(
                host=parsed.hostname, port=parsed.port or (443 if parsed.scheme == "https" else 80),
                ssl=parsed.scheme == "https", settings=chroma_settings,
            )
        return chromadb.PersistentClient(path=str(self.settings.chroma_path),
                                         settings=chroma_settings)

    def vectorstore(self, embeddings: "Embeddings | None" = None) -> "Chroma":
        """The LangChain ``Chroma`` vector store over this index's collection."""
        with self._lock:
            if self._vectorstore is None:
                from langchain_chroma import Chroma

                from index.embed import get_embeddings

                try:
                    self._vectorstore = Chroma(
                        collection_name=self.collection_name,
                        embedding_function=embeddings or get_embeddings(self.settings.embedder),
                        client=self.client(),
                        collection_metadata={"hnsw:space": "cosine"},
                    )
                except Exception as exc:
                    if not self.read_only or isinstance(exc, BoletinesError):
                        raise
                    raise BoletinesError(
                        f"Chroma no puede abrir «{self.settings.chroma_path}» en una carpeta de "
                        "solo lectura: las preguntas por cifras se responden, las demás necesitan "
                        "una copia de la carpeta con permiso de escritura.") from exc
            return self._vectorstore

    # -- writes -------------------------------------------------------------------------------
    def replace(self, bulletin: Bulletin, passages: Sequence[Passage], facts: Iterable[Fact],
                vectors: Sequence[Sequence[float]],
                sentences: Sequence[tuple[int, int]] = ()) -> None:
        """Store ``bulletin`` with its chunks, vectors and facts, replacing any older version.

        All or nothing: on any error the index is left as it was.
        """
        ids = [chunk_id(bulletin, i) for i in range(len(passages))]
        collection = self.vectorstore()._collection
        with self._lock:
            old_ids = [r[0] for r in self.db.execute(
                "SELECT id FROM chunks WHERE source = ?", (bulletin.source,))]
            if ids:
                collection.upsert(
                    ids=ids,
                    embeddings=[list(v) for v in vectors],  # type: ignore[arg-type]
                    documents=[p.text for p in passages],
                    metadatas=[self._metadata(bulletin, p, i) for i, p in enumerate(passages)],
                )
            try:
                with self.db:
                    self.db.execute(_BUMP)
                    self.db.execute("DELETE FROM bulletins WHERE source = ?", (bulletin.source,))
                    self.db.execute(
                        "INSERT INTO bulletins (source, path, number, date, title, text, sha256, "
                        "embedder, extractor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (bulletin.source, bulletin.path, bulletin.number, bulletin.date,
                         bulletin.title, bulletin.text, bulletin.sha256, self.settings.embedder,
                         extractor_version()),
                    )
                    self.db.executemany(
                        'INSERT INTO chunks (id, source, seq, start, "end") VALUES (?, ?, ?, ?, ?)',
                        [(cid, bulletin.source, i, p.start, p.end)
                         for i, (cid, p) in enumerate(zip(ids, passages))],
                    )
                    self.db.executemany(
                        'INSERT INTO sentences (source, start, "end") VALUES (?, ?, ?)',
                        [(bulletin.source, a, b) for a, b in sentences],
                    )
                    cols = ", ".join(f'"{c}"' for c in _FACT_FIELDS)
                    marks = ", ".join("?" for _ in _FACT_FIELDS)
                    self.db.executemany(
                        f"INSERT INTO facts ({cols}) VALUES ({marks})",
                        [tuple(asdict(f)[c] for c in _FACT_FIELDS) for f in facts],
                    )
            except BaseException:
                stale = [i for i in ids if i not in set(old_ids)]
                if stale:
                    collection.delete(ids=stale)
                raise
            stale = [i for i in old_ids if i not in set(ids)]
            if stale:
                collection.delete(ids=stale)

    def replace_facts(self, source: str, sentences: Sequence[tuple[int, int]],
                      facts: Iterable[Fact]) -> None:
        """Re-read facts of a stored bulletin (a newer extractor): sentences and facts are
        replaced in one transaction; its chunks and vectors stay as they are."""
        with self._lock, self.db:
            self.db.execute(_BUMP)
            self.db.execute("DELETE FROM sentences WHERE source = ?", (source,))
            self.db.execute("DELETE FROM facts WHERE source = ?", (source,))
            self.db.executemany('INSERT INTO sentences (source, start, "end") VALUES (?, ?, ?)',
                                [(source, a, b) for a, b in sentences])
            cols = ", ".join(f'"{c}"' for c in _FACT_FIELDS)
            marks = ", ".join("?" for _ in _FACT_FIELDS)
            self.db.executemany(f"INSERT INTO facts ({cols}) VALUES ({marks})",
                                [tuple(asdict(f)[c] for c in _FACT_FIELDS) for f in facts])
            self.db.execute("UPDATE bulletins SET extractor = ? WHERE source = ?",
                            (extractor_version(), source))

    def delete(self, source: str) -> None:
        """Remove a bulletin, its chunks, vectors and facts."""
        with self._lock:
            old_ids = [r[0] for r in self.db.execute(
                "SELECT id FROM chunks WHERE source = ?", (source,))]
            with self.db:
                self.db.execute(_BUMP)
                self.db.execute("DELETE FROM bulletins WHERE source = ?", (source,))
            if old_ids:
                self.vectorstore()._collection.delete(ids=old_ids)

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads inside see one committed state, even while another process ingests."""
        self.db.execute("BEGIN")
        try:
            yield
        finally:
            self.db.execute("COMMIT")

    def problems(self) -> list[str]:
        """Disagreements between Chroma and SQLite (empty when the index is consistent; not
        checked in a read-only folder, which Chroma cannot open)."""
        if self.read_only:
            return []
        with self.snapshot():
            bulletins = {b.source for b in self.bulletins()}
            with_chunks = {r[0] for r in self.db.execute("SELECT DISTINCT source FROM chunks")}
            orphan_facts = self.db.execute(
                "SELECT count(*) FROM facts WHERE source NOT IN (SELECT source FROM bulletins)"
            ).fetchone()[0]
        orphans, missing = self.vector_gaps()
        lost = sum(len(seqs) for seqs in missing.values())
        out = []
        if orphans:
            out.append(f"{len(orphans)} vectores sin fragmento en SQLite")
        if lost:
            out.append(f"{lost} fragmentos sin vector en Chroma")
        if bulletins - with_chunks:
            out.append(f"{len(bulletins - with_chunks)} boletines sin fragmentos")
        if orphan_facts:
            out.append(f"{orphan_facts} cifras sin boletín")
        return out

    def vector_gaps(self) -> tuple[list[str], dict[str, list[int]]]:
        """What a crash or a lost Chroma folder leaves: vectors SQLite does not know (ids), and
        chunks without a vector (source → their sequence numbers)."""
        with self._lock:
            collection = self.vectorstore()._collection
            with self.snapshot():
                chunks = self.db.execute("SELECT id, source, seq FROM chunks").fetchall()
            present = set(collection.get(include=[])["ids"])
            known = {r[0] for r in chunks}
            missing: dict[str, list[int]] = {}
            for cid, source, seq in chunks:
                if cid not in present:
                    missing.setdefault(source, []).append(seq)
            return sorted(present - known), missing

    def reconcile(self, embed: Callable[[list[str]], list[list[float]]] | None = None
                  ) -> tuple[int, list[str]]:
        """Repair the vector store from SQLite. Call it only under the writer lock.

        Vectors SQLite does not know are deleted; chunks without a vector are embedded again
        from the text SQLite keeps (``embed`` maps texts to vectors), never dropped.

        Returns:
            (vectors deleted, sources whose missing vectors were embedded again).
        """
        with self._lock:
            orphans, missing = self.vector_gaps()
            collection = self.vectorstore()._collection
            if orphans:
                collection.delete(ids=orphans)
            if not missing or embed is None:
                return len(orphans), []
            for source, seqs in sorted(missing.items()):
                bulletin = self.bulletin(source)
                if bulletin is None:
                    continue
                wanted = set(seqs)
                rows = self.db.execute(
                    'SELECT id, seq, start, "end" FROM chunks WHERE source = ? ORDER BY seq',
                    (source,)).fetchall()
                rows = [r for r in rows if r[1] in wanted]
                passages = [Passage(source, r[2], r[3], bulletin.text[r[2]:r[3]]) for r in rows]
                vectors = embed([p.text for p in passages])
                collection.upsert(
                    ids=[r[0] for r in rows],
                    embeddings=[list(v) for v in vectors],  # type: ignore[arg-type]
                    documents=[p.text for p in passages],
                    metadatas=[self._metadata(bulletin, p, r[1]) for p, r in zip(passages, rows)],
                )
            return len(orphans), sorted(missing)

    @staticmethod
    def _metadata(bulletin: Bulletin, passage: Passage, seq: int) -> dict[str, Any]:
        meta: dict[str, Any] = {"source": bulletin.source, "start": passage.start,
                                "end": passage.end, "seq": seq}
        if bulletin.number:
            meta["number"] = bulletin.number
        if bulletin.date:
            meta["date"] = bulletin.date
        return meta
