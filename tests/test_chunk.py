"""Sentences and chunks: whole sentences, exact offsets, full coverage."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from index.chunk import chunk, chunk_spans
from index.nlp import sentence_spans
from index.parse import read_bulletin
from index.types import Bulletin
from tests.conftest import SEED_A, SEEDS


def test_blocks_and_page_breaks() -> None:
    text = ("Titular sin punto final\n\n· Primera viñeta con 5 cifras.\n· Segunda viñeta.\n\n"
            "Un párrafo que sigue \n\nen otra página tras un salto. No. 12/2020 no corta.")
    sents = [text[s:e] for s, e in sentence_spans(text)]
    assert sents == ["Titular sin punto final", "Primera viñeta con 5 cifras.", "Segunda viñeta.",
                     "Un párrafo que sigue \n\nen otra página tras un salto.",
                     "No. 12/2020 no corta."]


def test_seed_chunks_are_exact_and_overlap() -> None:
    bulletin = read_bulletin(SEEDS / SEED_A)
    passages = chunk(bulletin, max_chars=500, overlap=1)
    assert len(passages) > 3
    for p in passages:
        assert p.text == bulletin.text[p.start:p.end]
    for a, b in zip(passages, passages[1:]):
        assert a.start < b.start <= a.end + 10  # no gap; a chunk of one long sentence can't share
    assert sum(b.start < a.end for a, b in zip(passages, passages[1:])) >= 2


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=80), min_size=1, max_size=12),
       st.integers(100, 600), st.integers(0, 2))
def test_chunks_cover_text(pieces: list[str], max_chars: int, overlap: int) -> None:
    text = ". ".join(pieces) + "."
    bulletin = Bulletin("h.txt", None, None, None, text)
    spans = sentence_spans(text)
    passages = chunk(bulletin, max_chars, overlap, spans)
    covered = set()
    for p in passages:
        assert 0 <= p.start < p.end <= len(text)
        assert p.text == text[p.start:p.end]
        covered.update(range(p.start, p.end))
    for s, e in spans:
        assert set(range(s, e)) <= covered


def test_chunk_spans_long_sentence_alone() -> None:
    assert chunk_spans([(0, 10), (11, 900), (901, 950)], 100, 1) == [(0, 10), (11, 900),
                                                                    (901, 950)]
