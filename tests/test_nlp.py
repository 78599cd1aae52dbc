"""Sentence splitting of texts of any length: in pieces, with offsets into the whole text."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from index.chunk import chunk
from index.facts import extract_facts
from index.nlp import pieces, sentence_spans, spanish
from index.parse import read_bulletin
from index.types import Bulletin
from tests.conftest import CORPUS, SEEDS

TEXTS = sorted(SEEDS.glob("*.txt")) + sorted(p for p in CORPUS.iterdir()
                                             if p.suffix in (".txt", ".html"))


def _long_text(chars: int) -> str:
    """Seed bulletins one after another: a long text with every kind of sentence."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    parts: list[str] = []
    while sum(map(len, parts)) < chars:
        parts.extend(seeds)
    return "\n\n".join(parts)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_pieces_find_the_sentences_of_the_whole_text(path: Path) -> None:
    text = read_bulletin(path).text
    whole = sentence_spans(text, piece_chars=10**9)
    for size in (1500, 3000):
        assert len(pieces(text, size)) > 1 or len(text) <= size
        assert sentence_spans(text, piece_chars=size) == whole


def test_pieces_cover_the_text_in_order() -> None:
    text = _long_text(100_000)
    for size in (1000, 20_000):
        parts = pieces(text, size)
        assert parts[0][0] == 0 and parts[-1][1] == len(text)
        assert all(a < b <= a + size for a, b in parts)
        assert all(prev[1] == nxt[0] for prev, nxt in zip(parts, parts[1:]))
    # No blank line, no point, no space: cut anyway, at the size.
    assert pieces("x" * 2500, 1000) == [(0, 1000), (1000, 2000), (2000, 2500)]


@pytest.fixture()
def short_max_length() -> Iterator[None]:
    nlp = spanish()
    before = nlp.max_length
    nlp.max_length = 30_000
    yield
    nlp.max_length = before


def test_text_longer_than_spacys_limit(short_max_length: None) -> None:
    # spaCy refuses a text over nlp.max_length (1,000,000: error E088, in English): a 1.5 MB
    # bulletin failed. The limit is lowered here so the test stays fast.
    text = _long_text(120_000)
    with pytest.raises(ValueError, match="E088"):
        spanish()(text)
    spans = sentence_spans(text)
    assert spans == sorted(spans) and len(spans) > 500
    assert all(text[a:b].strip() == text[a:b] and text[a:b] for a, b in spans)


def test_long_text_pipeline_is_linear() -> None:
    # Three quadratics made a 0.95 MB text take 261 s (over 20 minutes of wall time on the
    # shared machine): Doc.text rebuilt for every line, every sentence filtering every figure,
    # date and event, and every token scanning the rest of its run. 400 k characters now take
    # about 2 s of CPU.
    text = _long_text(400_000)
    bulletin = Bulletin("largo.txt", None, None, None, text)
    t = time.process_time()
    sentences = sentence_spans(text)
    passages = chunk(bulletin, 700, 1, sentences)
    facts = extract_facts(bulletin, sentences)
    assert time.process_time() - t < 30
    assert len(passages) > 1000 and len(facts) > 3000
    assert all(f.sentence_start <= f.value_start < f.value_end <= f.sentence_end for f in facts)


@pytest.mark.parametrize("text, expected", [
    ("Los requisitos son:\n1. Identificación oficial.\n2. Comprobante de domicilio.\n",
     ["Los requisitos son:\n1. Identificación oficial.", "2. Comprobante de domicilio."]),
    ("Hay tres pasos.\n1. Registrarse.\n2. Pedir la cita en línea.\n10. Acudir.",
     ["Hay tres pasos.", "1. Registrarse.", "2. Pedir la cita en línea.", "10. Acudir."]),
    # A number that ends a sentence is no item's number.
    ("Este año se abrieron 12. El resto en 2025.", ["Este año se abrieron 12.",
                                                     "El resto en 2025."]),
])
def test_a_numbered_items_point_ends_no_sentence(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in sentence_spans(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("El equipo llega en abril. ¿Por qué en abril? Porque antes no hay presupuesto.",
     ["El equipo llega en abril.", "¿Por qué en abril?", "Porque antes no hay presupuesto."]),
    ("Abrimos 12 salas. ¡Es un récord! Y faltan más.",
     ["Abrimos 12 salas.", "¡Es un récord!", "Y faltan más."]),
    ("Lo dijo la directora. «Vamos bien», añadió ayer.",
     ["Lo dijo la directora.", "«Vamos bien», añadió ayer."]),
    ("Se vacunó a 300 niños. ¿Cuándo sigue la campaña? ¿En mayo? Sí, el 4 de mayo.",
     ["Se vacunó a 300 niños.", "¿Cuándo sigue la campaña?", "¿En mayo?", "Sí, el 4 de mayo."]),
    # A transcript's dash after a final point opens the next speaker's line; one inside a
    # sentence stays.
    ("Llegamos en abril. —¿Por qué en abril? —Porque no había presupuesto.",
     ["Llegamos en abril.", "—¿Por qué en abril?", "—Porque no había presupuesto."]),
    ("El director —dijo ayer— confirmó 40 camas. Todo bien.",
     ["El director —dijo ayer— confirmó 40 camas.", "Todo bien."]),
])
def test_an_opening_mark_begins_its_own_sentence(text: str, expected: list[str]) -> None:
    # The parser ended "… en abril. ¿" and began "Por qué en abril?": the «¿» is the next
    # sentence's, so a question in the text reads as a question.
    assert [text[a:b] for a, b in sentence_spans(text)] == expected
