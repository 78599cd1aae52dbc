"""What the corpus talks about: stems of measures, qualifiers and all words, built from the index.

Questions are matched against it with rapidfuzz, so typos ("hipertencion"), missing accents
("cornea") and synonyms ("hepáticos" ~ "hígado") land on the corpus's own words.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from index.fold import fold
from index.lexicon import lexicon
from index.store import Store
from index.types import BARE_MEASURES

_WORD = re.compile(r"[^\W\d_]+")
_DATA = Path(__file__).with_name("data") / "words.json"


@lru_cache(maxsize=1)
def words() -> dict[str, frozenset[str]]:
    """The word lists of ``assistant/data/words.json``, folded."""
    raw = json.loads(_DATA.read_text(encoding="utf-8"))
    return {k: frozenset(fold(w) for w in v) for k, v in raw.items() if not k.startswith("_")}


def stem(word: str) -> str:
    """A light Spanish plural stripper on folded words, the same for singular and plural.

    "trasplantes" and "trasplante" → "trasplante"; "detecciones" and "deteccion" → "deteccion";
    "hospitales" and "hospital" → "hospital".
    """
    if len(word) > 3 and word.endswith("s"):
        word = word[:-1]
    if len(word) > 4 and word.endswith("e") and word[-2] in "lnrdzj":
        word = word[:-1]
    # Interned: the corpus cache then stores each stem once, however many sets hold it.
    return sys.intern(word)


def tokens(text: str) -> list[str]:
    """Folded word tokens (no digits, no punctuation)."""
    return _WORD.findall(fold(text))


# spaCy lists these as stop words, but in bulletins they are things counted ("28 estados").
_COUNTED = {"estado", "estados", "parte", "partes", "dia", "dias", "medio", "medios"}


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """spaCy's Spanish stop words, folded, less the nouns bulletins count.

    Read from spaCy's data file without importing spaCy (half a second a cold question
    does not need).
    """
    import runpy
    from importlib.util import find_spec

    spec = find_spec("spacy")
    assert spec is not None and spec.submodule_search_locations
    path = Path(spec.submodule_search_locations[0]) / "lang" / "es" / "stop_words.py"
    words_ = runpy.run_path(str(path))["STOP_WORDS"]
    return frozenset(fold(w) for w in words_) - _COUNTED


def stems(text: str) -> set[str]:
    """Stems of the content words of ``text`` (Spanish stop words left out)."""
    stop = stop_words()
    return {stem(t) for t in tokens(text) if t not in stop and len(t) > 1}


@lru_cache(maxsize=1)
def _synonym_patterns() -> list[tuple[re.Pattern[str], str]]:
    """(variant pattern, canonical) for every synonym, longest variants first."""
    lex = lexicon()
    pairs: list[tuple[str, str]] = []
    for group in (*lex.measure_groups, *lex.qualifier_groups):
        canonical = fold(group[0])
        for variant in group[1:]:
            pairs.append((fold(variant), canonical))
    pairs.sort(key=lambda p: -len(p[0]))
    return [(re.compile(r"\b" + re.escape(v) + r"\b"), c) for v, c in pairs]


def canonicalize(folded: str) -> str:
    """Replace synonym phrases by their canonical form ("primer nivel" → "medicina familiar")."""
    for pattern, canonical in _synonym_patterns():
        if pattern.search(folded):
            # A placeholder keeps a canonical form from being rewritten by a shorter variant.
            folded = pattern.sub(canonical.replace(" ", "\x00"), folded)
    return folded.replace("\x00", " ")


@dataclass
class Vocabulary:
    """Stems the corpus uses, by role, and document frequencies for sentence scoring."""

    measure: set[str] = field(default_factory=set)
    qualifier_like: set[str] = field(default_factory=set)
    # Stems that name a kind of each measure (its head noun's stem): for a fact of that measure
    # they must match its own qualifier, never just a word of its sentence.
    strict_by_head: dict[str, set[str]] = field(default_factory=dict)
    lexicon_qualifiers: set[str] = field(default_factory=set)
    lexicon_measures: set[str] = field(default_factory=set)
    corpus: set[str] = field(default_factory=set)
    sentence_df: Counter[str] = field(default_factory=Counter)
    sentences: int = 0
    snowball: set[str] = field(default_factory=set)  # Snowball terms of every corpus word
    kind_terms: set[str] = field(default_factory=set)  # Snowball terms of the lexicon's kinds
    # Stems of nouns a text gives a bare value, a share or a number right after "de" ("una
    # calificación sobresaliente de 98.6 por ciento", "una ocupación del 87 por ciento"):
    # "¿qué calificación obtuvo …?" asks for that figure. Not money: "¿qué premio …?" may ask
    # for the prize's name as well as for its amount.
    valued: set[str] = field(default_factory=set)
    _choices: list[str] = field(default_factory=list)

    def idf(self, term: str) -> float:
        """Inverse sentence frequency of a stem (rare words weigh more)."""
        return math.log(1 + (self.sentences + 1) / (1 + self.sentence_df.get(term, 0)))

    def lexicon_keys(self, keys: Iterable[str]) -> set[str]:
        """The keys among ``keys`` that are the lexicon's measures or kinds ("trasplante",
        "cornea"): a question naming one takes the strict lexicon path."""
        return set(keys) & (self.lexicon_measures | self.lexicon_qualifiers)

    def correct(self, word: str) -> str | None:
        """The corpus word closest to a folded ``word`` (typos), or None when nothing is close."""
        if stem(word) in self.corpus:
            return word
        from assistant.terms import term

        if term(word) in self.snowball:
            return word  # another form of a corpus word ("afiliado" for "afiliadas")
        if len(word) < 5:
            return None
        cutoff = 80 if len(word) >= 7 else 83
        hit = process.extractOne(word, self._choices, scorer=fuzz.ratio, score_cutoff=cutoff)
        if hit:
            return hit[0]
        # Another form of the same word: "teléfono" for "telefónica", "vacunación" for "vacunas";
        # the corpus word's whole stem begins the word ("compras" is no form of
        # "comprobantes", stem "comprob").
        need = max(5, int(len(word) * 0.75 + 0.5))
        best = max(self._choices, key=lambda c: _common_prefix(c, word), default="")
        return best if _common_prefix(best, word) >= need and word.startswith(term(best)) \
            else None


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


# A noun, at most one adjective, "de" and the figure: "una calificación sobresaliente de".
_VALUED = re.compile(r"\b(?:el|la|un|una|su)\s+([a-z]{4,})(?:\s+[a-z]{4,})?\s+(?:de|del)\s+$")


def build_vocabulary(store: Store) -> Vocabulary:
    """The vocabulary of everything indexed (plus the lexicon's synonyms)."""
    lex = lexicon()
    vocab = Vocabulary()
    facts = store.facts()
    heads: set[str] = set()
    bulletins = store.bulletins()
    texts = {b.source: b.text for b in bulletins}
    for f in facts:
        if (f.unit == "percent" or f.measure in BARE_MEASURES) and f.source in texts:
            before = fold(texts[f.source][max(f.sentence_start, f.value_start - 60):f.value_start])
            m = _VALUED.search(before)
            if m and m.group(1) not in stop_words():
                vocab.valued.add(stem(m.group(1)))
        measure_stems = stems(canonicalize(fold(f.measure)))
        vocab.measure |= measure_stems
        head = fold(f.measure).split()[0]
        heads.add(head)
        strict = vocab.strict_by_head.setdefault(stem(head), set())
        strict |= measure_stems - {stem(head)}
        if f.qualifier:
            qual = stems(canonicalize(fold(f.qualifier)))
            vocab.qualifier_like |= qual
            strict |= qual
    for group in lex.measure_groups:
        vocab.measure |= stems(fold(group[0]))
        vocab.lexicon_measures |= stems(fold(group[0]))
    for group in lex.qualifier_groups:
        for variant in group:
            vocab.lexicon_qualifiers |= stems(fold(variant))
    vocab.qualifier_like |= vocab.lexicon_qualifiers
    all_words: Counter[str] = Counter()
    spans = store.sentences()
    for bulletin in bulletins:
        folded = fold(bulletin.text)
        all_words.update(_WORD.findall(folded))
        # "detecciones de VIH": words in the place of a qualifier, even without a figure.
        for head in heads:
            for m in re.finditer(r"\b" + re.escape(head) + r"\s+(?:de|del|contra)\s+([^.;:()]{1,60})",
                                 folded):
                phrase = re.split(r"\b(?:y\s+\d|\d|que|se|en\s+(?:el|la|los|las))\b", m.group(1))[0]
                vocab.qualifier_like |= stems(phrase)
                vocab.strict_by_head.setdefault(stem(head), set()).update(stems(phrase))
        for start, end in spans.get(bulletin.source, []):
            vocab.sentence_df.update(stems(canonicalize(folded[start:end])))
            vocab.sentences += 1
    for group in (*lex.measure_groups, *lex.qualifier_groups):
        for variant in group:
            all_words.update(tokens(variant))
    vocab.corpus = {stem(w) for w in all_words} | vocab.measure | vocab.qualifier_like
    vocab._choices = sorted(w for w in all_words if len(w) >= 4)
    from assistant.terms import term

    vocab.snowball = {term(w) for w in all_words}
    vocab.kind_terms = {term(t) for group in lex.qualifier_groups for v in group
                        for t in tokens(v) if t not in stop_words()}
    # Stop words are never keys, even when a bulletin writes "total" after "de".
    # Stop words and generic kinds ("trasplantes de órganos" is all transplants) are never keys.
    generic = words()["domain_stop"] | {stem(w) for g in lex.generic_qualifiers for w in g.split()}
    vocab.qualifier_like -= generic
    vocab.measure -= generic
    for strict in vocab.strict_by_head.values():
        strict -= generic
    return vocab
