"""Length-preserving accent and case folding, so offsets found in folded text hold in the original."""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    base = unicodedata.normalize("NFD", ch)[0]
    return base.lower() if len(base.lower()) == 1 else ch.lower()[:1] or ch


def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents, one character for one character.

    ``len(fold(t)) == len(t)`` always holds, so a regex match on the folded text
    gives offsets that are valid in ``t``.
    """
    out = "".join(_fold_char(ch) if not ch.isascii() else ch.lower() for ch in text)
    return out if len(out) == len(text) else text.lower()


def norm_words(text: str) -> str:
    """Folded text with runs of whitespace collapsed: for comparisons, never for offsets."""
    return " ".join(fold(text).split())
