"""Hybrid passage retrieval: Chroma vector search and BM25 over the same chunks, fused by RRF."""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

from langchain_core.documents import Document

from assistant.vocab import canonicalize, stems
from index.fold import fold
from index.store import Store

if TYPE_CHECKING:
    from langchain_core.retrievers import BaseRetriever


def bm25_tokens(text: str) -> list[str]:
    """BM25's view of Spanish text: folded, synonyms canonical, plurals stripped, no stop words."""
    return sorted(stems(canonicalize(fold(text))))


def passage_documents(store: Store) -> list[Document]:
    """Every stored chunk as a LangChain Document with its location in metadata."""
    numbers = {b.source: (b.number, b.date) for b in store.bulletins()}
    return [
        Document(page_content=p.text, metadata={
            "source": p.source, "start": p.start, "end": p.end,
            "number": numbers[p.source][0] or "", "date": numbers[p.source][1] or "",
        })
        for p in store.passages()
    ]


def build_retriever(store: Store, k: int) -> "BaseRetriever":
    """An ``EnsembleRetriever`` (reciprocal-rank fusion) of Chroma and BM25, ``k`` from each."""
    with warnings.catch_warnings():
        # langchain-community announces its sunset on import; BM25Retriever still lives there.
        warnings.simplefilter("ignore", DeprecationWarning)
        from langchain_classic.retrievers import EnsembleRetriever
        from langchain_community.retrievers import BM25Retriever

    docs = passage_documents(store)
    vector = store.vectorstore().as_retriever(search_kwargs={"k": k})
    if not docs:
        return vector
    lexical = BM25Retriever.from_documents(docs, preprocess_func=bm25_tokens, k=k)
    return EnsembleRetriever(retrievers=[vector, lexical], weights=[0.5, 0.5])


def known_only(docs: list[Document], store_spans: set[tuple[str, int, int]]) -> list[Document]:
    """Drop vector hits that SQLite does not know (a write in flight or a crash's orphans)."""
    return [d for d in docs
            if (d.metadata.get("source"), d.metadata.get("start"), d.metadata.get("end"))
            in store_spans]
