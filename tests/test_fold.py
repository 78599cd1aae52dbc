"""Folding keeps length (offsets hold); normalising composes accents and reads Unicode digits."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from index.fold import ascii_digits, fold, normalize_text


@given(st.text())
def test_fold_keeps_length(text: str) -> None:
    assert len(fold(text)) == len(text)
    assert len(ascii_digits(text)) == len(text)


def test_fold_reads_unicode_digits() -> None:
    assert fold("Boletín １７５/２０２２: ٤٥ CIRUGÍAS") == "boletin 175/2022: 45 cirugias"
    assert fold("²³½") == "²³½"  # superscripts and fractions are no decimal digits


def test_normalize_text() -> None:
    nfd = unicodedata.normalize("NFD", "¿Cuántos trasplantes de córnea en ２０２２?")
    assert len(nfd) > len("¿Cuántos trasplantes de córnea en 2022?")
    assert normalize_text(nfd) == "¿Cuántos trasplantes de córnea en 2022?"
    assert normalize_text("7ª Jornada, ﬁn") == "7ª Jornada, ﬁn"  # not NFKC: "ª" stays
