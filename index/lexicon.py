"""The domain vocabulary (``data/lexicon.json``) and helpers to compare Spanish words."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from index.fold import norm_words

_PATH = Path(__file__).with_name("data") / "lexicon.json"


@dataclass(frozen=True)
class Lexicon:
    """Word lists and synonym groups, all keyed by folded text (no case, no accents).

    ``approx`` pairs each folded phrase with its written form ("mas de", "más de").
    """

    compound_measures: frozenset[str]
    measure_groups: tuple[tuple[str, ...], ...]
    qualifier_groups: tuple[tuple[str, ...], ...]
    generic_adjectives: frozenset[str]
    copulas: frozenset[str]
    left_verbs: frozenset[str]
    approx: tuple[tuple[str, str], ...]
    generic_qualifiers: frozenset[str]
    stop_after_comma: frozenset[str]
    event_nouns: frozenset[str]

    def canonical_qualifier(self, phrase: str) -> str | None:
        """The canonical name of a qualifier synonym ("hepáticos" → "hígado"), else None."""
        return _canonical(self.qualifier_groups, phrase)

    def known_measure(self, phrase: str) -> str | None:
        """The canonical measure when ``phrase`` is a listed measure or synonym, else None."""
        return _canonical(self.measure_groups, phrase)


def _canonical(groups: tuple[tuple[str, ...], ...], phrase: str) -> str | None:
    """The first word of the synonym group holding ``phrase`` (compared folded), else None."""
    key = norm_words(phrase)
    for group in groups:
        if any(norm_words(word) == key for word in group):
            return group[0]
    return None


@lru_cache(maxsize=1)
def thesaurus() -> dict:
    """The thesaurus shipped in ``index/data/thesaurus.json``: synonym groups and the nouns of
    people, staff and staff cues."""
    return json.loads(_PATH.with_name("thesaurus.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon shipped in ``index/data/lexicon.json``."""
    raw = json.loads(_PATH.read_text(encoding="utf-8"))

    def words(key: str) -> frozenset[str]:
        return frozenset(norm_words(w) for w in raw[key])

    return Lexicon(
        compound_measures=words("compound_measures"),
        measure_groups=tuple(tuple(g) for g in raw["measure_synonyms"]),
        qualifier_groups=tuple(tuple(g) for g in raw["qualifier_synonyms"]),
        generic_adjectives=words("generic_adjectives"),
        copulas=words("copulas"),
        left_verbs=words("left_verbs"),
        approx=tuple(sorted(((norm_words(w), w) for w in raw["approx"]), key=lambda p: -len(p[0]))),
        generic_qualifiers=words("generic_qualifiers"),
        stop_after_comma=words("stop_after_comma"),
        event_nouns=words("event_nouns"),
    )
