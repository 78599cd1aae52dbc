"""Matching terms: folded words, synonyms made canonical, Snowball Spanish stems.

Questions and texts go through the same function, so "enfermeras" meets "enfermería" (a shared
prefix of the stems), "contratar" meets "contratación", and "hígado" meets "hepático" (the
lexicon's synonyms).
"""

from __future__ import annotations

import math
import sys
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

from assistant.vocab import canonicalize, stop_words, tokens
from index.fold import fold
from index.lexicon import thesaurus
from index.numbers import NUMBER_WORDS

_STEMMER = snowballstemmer.stemmer("spanish")
PREFIX = 5  # stems sharing this many first letters are related words ("enferm", "enfermer")


@lru_cache(maxsize=200_000)
def prefix(t: str) -> str | None:
    """The first letters that make two terms related words, or None for a short term.

    The stressed diphthongs of Spanish verbs are read as their plain vowels, so the present
    tense meets its noun: "invierte" ~ "inversión", "escuela" ~ "escolar".
    """
    key = t.replace("ie", "e").replace("ue", "o")
    return key[:PREFIX] if len(key) >= PREFIX else None


# Suffixes that make a noun of a verb whose stem is too short for a shared prefix:
# "crearon" ~ "creación", "nacieron" ~ "nacimiento", "donaron" ~ "donación".
_DERIVING = ("acion", "cion", "imient", "mient")


@lru_cache(maxsize=200_000)
def derivations(t: str) -> frozenset[str]:
    """The terms derived from ``t`` by a noun suffix, and the stem ``t`` derives from."""
    out = {t + suffix for suffix in _DERIVING} if 3 <= len(t) < PREFIX else set()
    out |= {t[:-len(suffix)] for suffix in _DERIVING
            if t.endswith(suffix) and 3 <= len(t) - len(suffix) < PREFIX}
    return frozenset(out)


@lru_cache(maxsize=200_000)
def term(word: str) -> str:
    """The Snowball stem of one folded word, interned."""
    return sys.intern(_STEMMER.stemWord(word))


@lru_cache(maxsize=1)
def synonyms() -> dict[str, frozenset[str]]:
    """term → the terms of its thesaurus groups (``index/data/thesaurus.json``), itself left out."""
    out: dict[str, set[str]] = {}
    for group in thesaurus()["groups"]:
        stems = {term(fold(w)) for w in group}
        for t in stems:
            out.setdefault(t, set()).update(stems - {t})
    return {t: frozenset(v) for t, v in out.items()}


@lru_cache(maxsize=1)
def people() -> frozenset[str]:
    """The terms of nouns that name people (the thesaurus's ``people``): trabajadores,
    pacientes, niños, habitantes … A figure of «personas» may count any of them."""
    return frozenset(term(fold(w)) for w in thesaurus()["people"])


@lru_cache(maxsize=1)
def staff() -> frozenset[str]:
    """The terms of people who work somewhere (the thesaurus's ``staff``): «personas» counts
    them only where the figure's clause speaks of a team («un equipo de 45 personas»), and any
    other people only where it does not («atiende a 12 mil personas»)."""
    return frozenset(term(fold(w)) for w in thesaurus()["staff"])


@lru_cache(maxsize=1)
def staff_cues() -> frozenset[str]:
    """The terms that say a figure counts a workforce (``staff_cues``): equipo, plantilla …"""
    return frozenset(term(fold(w)) for w in thesaurus()["staff_cues"])


@lru_cache(maxsize=1)
def _stop() -> frozenset[str]:
    # Number words are the figure, not what it counts.
    return stop_words() | {fold(w) for w in NUMBER_WORDS} | {"ciento", "porciento"}


def terms(text: str) -> list[str]:
    """Stems of the content words of ``text``, in order (stop words left out)."""
    stop = _stop()
    return [term(w) for w in tokens(canonicalize(fold(text))) if w not in stop and len(w) > 1]


ELLIPTIC_TERMS = 3  # an in-text question with fewer terms than this asks of what came before


@dataclass
class TermIndex:
    """Every sentence of the corpus as a set of terms, with document frequencies.

    ``sentences[i]`` is (source, start, end); ``bags[i]`` its terms; ``postings[t]`` the
    sentences holding term ``t``; ``related[p]`` the terms that start with prefix ``p``.
    """

    sentences: list[tuple[str, int, int]] = field(default_factory=list)
    bags: list[frozenset[str]] = field(default_factory=list)
    postings: dict[str, list[int]] = field(default_factory=dict)
    related: dict[str, set[str]] = field(default_factory=dict)
    df: Counter[str] = field(default_factory=Counter)
    position: dict[tuple[str, int], int] = field(default_factory=dict)
    source_bags: dict[str, frozenset[str]] = field(default_factory=dict)
    # Questions in the text of a word or two ("¿Por qué 58?", "¿A quién se las entregamos?"):
    # they ask of the sentence before them, and the sentence after answers it.
    elliptic: set[int] = field(default_factory=set)

    @classmethod
    def build(cls, texts: dict[str, str], spans: dict[str, list[tuple[int, int]]]) -> "TermIndex":
        """Index the sentences ``spans`` of ``texts`` (source → canonical text)."""
        index = cls()
        for source in sorted(spans):
            text = texts.get(source)
            if text is None:
                continue
            whole: set[str] = set()
            for start, end in spans[source]:
                bag = frozenset(terms(text[start:end]))
                i = len(index.sentences)
                index.sentences.append((source, start, end))
                index.bags.append(bag)
                index.position[(source, start)] = i
                if len(bag) < ELLIPTIC_TERMS and text[start:end].rstrip().endswith("?"):
                    index.elliptic.add(i)
                index.df.update(bag)
                whole |= bag
                for t in bag:
                    index.postings.setdefault(t, []).append(i)
            index.source_bags[source] = frozenset(whole)
        for t in index.df:
            key = prefix(t)
            if key is not None:
                index.related.setdefault(key, set()).add(t)
        return index

    def idf(self, t: str) -> float:
        """Inverse sentence frequency: rare terms weigh more; unknown terms weigh most."""
        n = len(self.sentences)
        return math.log(1 + (n + 1) / (1 + self.df.get(t, 0)))

    def variants(self, t: str) -> set[str]:
        """Corpus terms related to ``t``: a shared prefix, or a near-synonym (itself excluded)."""
        out = {v for v in synonyms().get(t, ()) if v in self.df}
        key = prefix(t)
        if key is not None:
            out.update(v for v in self.related.get(key, ()) if v != t)
        out.update(v for v in derivations(t) if v in self.df)
        return out

    def neighbours(self, i: int) -> tuple[int | None, int | None]:
        """The sentences before and after sentence ``i`` in the same source."""
        source = self.sentences[i][0]
        before = i - 1 if i > 0 and self.sentences[i - 1][0] == source else None
        after = i + 1 if i + 1 < len(self.sentences) and self.sentences[i + 1][0] == source \
            else None
        return before, after

    def candidates(self, query_terms: list[str]) -> set[int]:
        """Sentences that hold a query term or a related one."""
        out: set[int] = set()
        for t in query_terms:
            for v in {t} | self.variants(t):
                out.update(self.postings.get(v, ()))
        return out
