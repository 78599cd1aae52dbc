"""Length-preserving accent and case folding, so offsets found in folded text hold in the original."""

from __future__ import annotations

import unicodedata


def _fold_char(ch: str) -> str:
    if ch.isascii():
        return ch.lower()
    digit = unicodedata.decimal(ch, None)
    if digit is not None:  # "１", "٤": any decimal digit reads as its ASCII twin
        return str(digit)
    base = unicodedata.normalize("NFD", ch)[0]
    return base.lower() if len(base.lower()) == 1 else ch.lower()[:1] or ch


class _FoldTable(dict[int, str]):
    """``str.translate`` table filled on first sight of each character."""

    def __missing__(self, key: int) -> str:
        if len(self) > 20_000:  # a hostile text with every character there is: stay small
            self.clear()
        value = self[key] = _fold_char(chr(key))
        return value


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Lower-case ``text``, strip accents and read Unicode digits as ASCII, one character for
    one character.

    ``len(fold(t)) == len(t)`` always holds, so a regex match on the folded text
    gives offsets that are valid in ``t``.
    """
    if text.isascii():
        return text.lower()
    out = text.translate(_TABLE)
    return out if len(out) == len(text) else text.lower()


def ascii_digits(text: str) -> str:
    """``text`` with every Unicode decimal digit ("１２３", "٤٥") written as its ASCII digit,
    one character for one character; nothing else changes."""
    if text.isascii():
        return text
    return "".join(ch if ch.isascii() or (d := unicodedata.decimal(ch, None)) is None else str(d)
                   for ch in text)


def normalize_text(text: str) -> str:
    """The canonical form of a text or question: composed accents (NFC, so "co" + U+0301 is
    "có") and ASCII digits. Apply it before any offset is taken: NFC can shorten a text."""
    return ascii_digits(unicodedata.normalize("NFC", text))


def norm_words(text: str) -> str:
    """Folded text with runs of whitespace collapsed: for comparisons, never for offsets."""
    return " ".join(fold(text).split())
