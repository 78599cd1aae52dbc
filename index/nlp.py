"""The Spanish spaCy pipeline, built offline: tokenizer and block-aware sentence splitter.

Lemmas come from spaCy's lookup tables through ``index.lemmas`` (no pipeline needed).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from index.fold import fold

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Abbreviations that end in a point but never end a sentence in bulletins.
_ABBREVIATIONS = ("No.", "no.", "Núm.", "núm.", "Dr.", "Dra.", "Lic.", "Ing.", "Sr.", "Sra.",
                  "Mtro.", "Mtra.", "Arq.", "pág.", "Av.", "Col.", "C.P.", "etc.")


@lru_cache(maxsize=1)
def spanish() -> "Language":
    """``spacy.blank("es")`` with block-aware sentence splitting; no model to download."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory("boletines_blocks"):
        Language.component("boletines_blocks", func=_mark_blocks)
    nlp = spacy.blank("es")
    for abbr in _ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbr, [{"ORTH": abbr}])  # type: ignore[union-attr]
    nlp.add_pipe("boletines_blocks")
    nlp.add_pipe("sentencizer")
    return nlp


def _mark_blocks(doc: "Doc") -> "Doc":
    """Start a sentence after a blank line when the next line opens a new block.

    Headlines and bullet lists carry no final point. A blank line followed by a capital or a
    bullet starts a sentence; one followed by a lower-case word is a page or line break inside a
    sentence (PDF extractions are full of them) and does not.
    """
    for i, tok in enumerate(doc):
        if i == 0:
            continue
        prev = doc[i - 1]
        gap = prev.whitespace_ + (prev.text if prev.is_space else "")
        if tok.is_space or gap.count("\n") < 1:
            continue
        blank_line = gap.count("\n") >= 2 or (prev.is_space and prev.text.count("\n") >= 2)
        first = tok.text[:1]
        bullet = bool(first) and _is_bullet(first)
        if (blank_line and (first.isupper() or first.isdigit() and _ends_block(doc, i))) or bullet \
                or _after_label_line(doc.text, tok.idx):
            tok.is_sent_start = True
        elif not blank_line:
            tok.is_sent_start = False if i > 0 and not _ends_block(doc, i) else None
    return doc


# "Mérida, Yucatán, jueves 3 de marzo de 2022" (folded): where and when a text was issued.
DATELINE = re.compile(r"^[^,.]{2,40},\s*(?:[^,.]{2,30},\s*)?(?:(?:lunes|martes|miercoles|jueves"
                      r"|viernes|sabado|domingo)\s+)?\d{1,2}\s+de\s+[a-z]+\s+(?:de|del)\s+\d{4}"
                      r"\s*\.?$")


def _after_label_line(text: str, pos: int) -> bool:
    """True when the line before ``pos`` is a dateline, or a label in capitals (a speaker,
    "MARÍA LÓPEZ, DIRECTORA DE PRESTACIONES", or a heading): never part of the next line's
    sentence."""
    end = text.rfind("\n", 0, pos)
    if end < 0:
        return False
    line = text[text.rfind("\n", 0, end) + 1:end]
    if DATELINE.match(" ".join(fold(line).split())):
        return True
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 6 and len(line.split()) >= 2 and sum(
        ch.isupper() for ch in letters) >= 0.8 * len(letters)


def _ends_block(doc: "Doc", i: int) -> bool:
    """True when the last non-space token before ``i`` ends a sentence."""
    j = i - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    return j >= 0 and doc[j].text in (".", "!", "?", ":", ";")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each sentence, trimmed of surrounding whitespace, in order."""
    doc = spanish()(text)
    spans: list[tuple[int, int]] = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        # Leading bullets (·, •, PDF private-use glyphs) are layout, not part of the sentence.
        while start < end and (text[start].isspace() or _is_bullet(text[start])):
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def _is_bullet(ch: str) -> bool:
    """A list-bullet glyph: not a letter, digit, quote, bracket or opening mark."""
    return not ch.isalnum() and not ch.isspace() and ch not in "\"“«'(¿¡[$%"
