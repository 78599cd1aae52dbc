"""Chunks of whole sentences with overlap, each located by ``[start, end)`` in the canonical text."""

from __future__ import annotations

from index.nlp import sentence_spans
from index.types import Bulletin, Passage


def chunk_spans(
    sentences: list[tuple[int, int]], max_chars: int, overlap: int = 1
) -> list[tuple[int, int]]:
    """Group sentence spans into chunk spans of about ``max_chars``.

    A chunk holds whole sentences only; consecutive chunks share ``overlap`` sentences; a
    sentence longer than ``max_chars`` is a chunk of its own. Every sentence is in some chunk.
    """
    chunks: list[tuple[int, int]] = []
    i = 0
    while i < len(sentences):
        j = i + 1
        while j < len(sentences) and sentences[j][1] - sentences[i][0] <= max_chars:
            j += 1
        chunks.append((sentences[i][0], sentences[j - 1][1]))
        if j >= len(sentences):
            break
        i = max(j - overlap, i + 1)
    return chunks


def chunk(bulletin: Bulletin, max_chars: int = 700, overlap: int = 1,
          sentences: list[tuple[int, int]] | None = None) -> list[Passage]:
    """The bulletin's passages, in order; ``passage.text == bulletin.text[start:end]``."""
    spans = sentences if sentences is not None else sentence_spans(bulletin.text)
    return [
        Passage(bulletin.source, start, end, bulletin.text[start:end])
        for start, end in chunk_spans(spans, max_chars, overlap)
    ]
