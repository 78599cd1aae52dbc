"""A plain LangChain RAG baseline: Chroma top-k chunks, answer = first number or sentence of the best.

It shares the index and the embedder with the assistant, so the difference between the two in
an eval report is what the facts table, the question parser and the hybrid retrieval earn.
"""

from __future__ import annotations

import re

from langchain_core.documents import Document
from langchain_core.runnables import Runnable, RunnableLambda

from assistant.types import NOT_FOUND, Answer, Citation
from index.fold import fold
from index.numbers import find_numbers
from index.store import Store

_NUMERIC = re.compile(r"\b(?:cuant[oa]s?|porcentaje|cifra|numero)\b")


def _answer(question: str, docs: list[Document], numbers: dict[str, str | None]) -> Answer:
    if not docs:
        return Answer(question, NOT_FOUND, [], [], True)
    best = docs[0]
    source, start, end = best.metadata["source"], best.metadata["start"], best.metadata["end"]
    citation = Citation(source, numbers.get(source), best.metadata.get("date"), start, end,
                        best.page_content)
    if _NUMERIC.search(fold(question)):
        found = find_numbers(best.page_content)
        if found:
            m = found[0]
            return Answer(question, best.page_content[m.start:m.end], [m.value], [citation])
    first = re.split(r"(?<=[.!?])\s", best.page_content.strip(), maxsplit=1)[0]
    return Answer(question, " ".join(first.split()), [], [citation])


def baseline_chain(store: Store, k: int = 4) -> Runnable[str, Answer]:
    """question → Answer through ``vectorstore.as_retriever(k)`` and nothing else."""
    retriever = store.vectorstore().as_retriever(search_kwargs={"k": k})
    numbers = {b.source: b.number for b in store.bulletins()}

    def run(question: str) -> Answer:
        return _answer(question, retriever.invoke(question), numbers)

    return RunnableLambda(run)
