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
    text = doc.text  # built from the tokens on each access: once, not once per line
    for i, tok in enumerate(doc):
        if i == 0:
            continue
        prev = doc[i - 1]
        gap = prev.whitespace_ + (prev.text if prev.is_space else "")
        if _after_item_number(doc, i):
            tok.is_sent_start = False  # "estos:\n1. Identificación oficial.": an item's number
            continue
        if tok.is_space or gap.count("\n") < 1:
            continue
        blank_line = gap.count("\n") >= 2 or (prev.is_space and prev.text.count("\n") >= 2)
        first = tok.text[:1]
        bullet = bool(first) and _is_bullet(first)
        if (blank_line and (first.isupper() or first.isdigit() and _ends_block(doc, i))) or bullet \
                or _after_label_line(text, tok.idx):
            tok.is_sent_start = True
        elif not blank_line:
            tok.is_sent_start = False if i > 0 and not _ends_block(doc, i) else None
    return doc


def _after_item_number(doc: "Doc", i: int) -> bool:
    """Token ``i`` follows the number of a numbered item that opens a line ("2. El registro
    …"): the item's point ends no sentence."""
    if i < 2 or doc[i - 1].text != "." or not doc[i - 2].text.isdigit() or len(doc[i - 2]) > 2:
        return False
    if i == 2:
        return True
    before = doc[i - 3]
    return "\n" in before.whitespace_ or (before.is_space and "\n" in before.text)


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


# Texts are split into pieces of about this many characters before spaCy reads them: spaCy
# refuses texts over ``nlp.max_length`` (1,000,000) and its per-sentence bookkeeping grows with
# the length of the Doc, so one Doc per piece keeps a long text linear. A bulletin (2–30 k
# characters) is one or two pieces.
PIECE_CHARS = 20_000
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE_END = re.compile(r"[.!?][ \t]*\n\s*")
_POINT = re.compile(r"(\S*)[.!?][\"”»)']*[ \t]+")
_SPACE = re.compile(r"\s+")


def pieces(text: str, size: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """``[start, end)`` pieces of ``text``, each at most ``size`` long, covering it in order.

    A piece ends where the splitter starts a sentence anyway, so sentences found piece by
    piece are those of the whole text: before a capital after a blank line (a new block),
    else after a final point and a line break, else after a final point that ends no
    abbreviation; only a text with none of these is cut at a space, or anywhere.
    """
    out: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        out.append((start, start := _cut(text, start + size // 2, start + size)))
    out.append((start, len(text)))
    return out


def _cut(text: str, lo: int, hi: int) -> int:
    """The last good place in ``(lo, hi)`` to end a piece (see ``pieces``), else ``hi``."""
    rules = spanish().tokenizer.rules or {}  # type: ignore[union-attr]
    for rx in (_BLANK_LINE, _LINE_END, _POINT):
        cut = None
        for m in rx.finditer(text, lo, hi):
            if m.end() < hi and text[m.end()].isupper() and not (
                    rx is _POINT and (len(m.group(1)) < 2 or m.group(1) + "." in rules
                                      or m.group(1) + "." in _ABBREVIATIONS)):
                cut = m.end()
        if cut is not None:
            return cut
    spaces = [m.end() for m in _SPACE.finditer(text, lo, hi)]
    return spaces[-1] if spaces and lo < spaces[-1] < hi else hi


def sentence_spans(text: str, piece_chars: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """``[start, end)`` of each sentence, trimmed of surrounding whitespace, in order.

    Args:
        text: any text, of any length (read in pieces of about ``piece_chars``).
        piece_chars: the size of the pieces spaCy reads at a time.
    """
    nlp = spanish()
    spans: list[tuple[int, int]] = []
    for offset, stop in pieces(text, piece_chars):
        for sent in nlp(text[offset:stop]).sents:
            start, end = offset + sent.start_char, offset + sent.end_char
            # Leading bullets (·, •, PDF private-use glyphs) are layout, not part of the
            # sentence.
            while start < end and (text[start].isspace() or _is_bullet(text[start])):
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                spans.append((start, end))
    return _reattach_openers(text, spans)


_OPENERS = "¿¡«"
_DASHES = "—–"
_ENDS = (".", "?", "!", "…", "»")


def _reattach_openers(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parser ends a sentence after the opening mark of the next one ("… en abril. ¿",
    "Por qué 42?"): each such mark goes back to the sentence it opens."""
    out = list(spans)
    for i in range(len(out) - 1):
        start, end = out[i]
        cut = end
        while cut > start and (text[cut - 1] in _OPENERS or text[cut - 1].isspace()
                               or text[cut - 1] in _DASHES
                               and text[start:cut - 1].rstrip().endswith(_ENDS)):
            cut -= 1  # a dash after a final point opens a speaker's line: "… abril. —¿Y?"
        if cut == end or cut == start:
            continue
        opener = cut + next(k for k, ch in enumerate(text[cut:end])
                            if ch in _OPENERS or ch in _DASHES)
        out[i] = (start, cut)
        out[i + 1] = (opener, out[i + 1][1])
    return out


def _is_bullet(ch: str) -> bool:
    """A list-bullet glyph: not a letter, digit, quote, bracket or opening mark."""
    return not ch.isalnum() and not ch.isspace() and ch not in "\"“«'(¿¡[$%"
