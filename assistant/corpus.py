"""What answering reads from the index, derived once per index generation and cached: the
bulletins, their facts and sentences, the vocabulary, inverted indexes of the facts (for the
strict lexicon matcher) and the term index of every sentence and figure (for ranked matching).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from assistant.intent import TIME_RATES, direction, rates
from assistant.query import COMPLEMENT, Query, complement_term
from assistant.terms import TermIndex, terms
from assistant.types import Citation
from assistant.vocab import Vocabulary, canonicalize, stem, stems
from index.fold import fold
from index.scope import setting_among, state_mentions
from index.types import BARE_MEASURES, Bulletin, Fact


def norm_no(number: str | None) -> str:
    """A bulletin number without leading zeros ("007/2022" → "7/2022")."""
    return "/".join(part.lstrip("0") for part in (number or "").split("/"))


_COMPLEMENT = re.compile(r"\s*" + COMPLEMENT)


def _complement(mention: str) -> str | None:
    m = _COMPLEMENT.match(mention)
    return complement_term(m.group(1)) if m else None


# A sentence that opens by pointing back at the one before: its figure is read with that one.
_LEANS_BACK = re.compile(
    r"[\s\-—«\"']*(?:y\s+)?(?:esto|eso|ello|aquello|lo\s+anterior|con\s+(?:esto|eso|ello|lo\s+anterior)"
    r"|(?:esta|esa|dicha)\s+cifra|de\s+(?:ellos|ellas|estos|estas|esos|esas)"
    r"|(?:estos|estas|esos|esas)\s+(?!(?:ultim|proxim|primer)[oa]s\s+)"
    r"(?!anos\b|meses\b|dias\b|semanas\b))\b")  # "Estos últimos años": a time, not a referent
# What joins the figures of a list: "136 consultas, tres cirugías y más de 400 estudios".
_LIST_LINK = re.compile(r"\s*(?:,|;)?\s*(?:y|e)?\s*(?:mas\s+de|cerca\s+de|casi|unos|unas"
                        r"|alrededor\s+de)?\s*")
_SHORT = 40  # characters: "Llevamos 120." says nothing without the sentence before


@dataclass
class Corpus:
    """What composition reads: bulletins, facts with their stems, sentence spans, vocabulary."""

    bulletins: dict[str, Bulletin]
    facts: list[Fact]
    sentences: dict[str, list[tuple[int, int]]]
    vocab: Vocabulary
    stems: list[tuple[set[str], set[str], set[str]]] = field(default_factory=list)

    sentence_stems: list[set[str]] = field(default_factory=list)
    bulletin_stems: dict[str, set[str]] = field(default_factory=dict)
    terms: TermIndex = field(default_factory=TermIndex)
    fact_local: list[frozenset[str]] = field(default_factory=list)
    fact_direction: list[str | None] = field(default_factory=list)  # "gain", "loss", None
    fact_head: list[frozenset[str]] = field(default_factory=list)
    fact_noun: list[frozenset[str]] = field(default_factory=list)
    fact_rates: list[tuple[str, ...]] = field(default_factory=list)
    fact_mod: list[str | None] = field(default_factory=list)
    fact_subtype: list[str | None] = field(default_factory=list)
    sentence_facts: dict[int, list[int]] = field(default_factory=dict)
    fact_sentence: dict[int, int] = field(default_factory=dict)  # fact → its sentence

    def __post_init__(self) -> None:
        if not self.terms.sentences:
            self._index_terms()
        if not self.stems:
            self.stems = [(stems(canonicalize(fold(f.measure))),
                           stems(canonicalize(fold(f.qualifier))) if f.qualifier else set(),
                           stems(fold(f.event)) if f.event else set()) for f in self.facts]
        if not self.bulletin_stems:
            self.bulletin_stems = {source: stems(canonicalize(fold(b.text + " " + (b.title or ""))))
                                   for source, b in self.bulletins.items()}
        if not self.sentence_stems:
            cache: dict[tuple[str, int], set[str]] = {}
            for f in self.facts:
                key = (f.source, f.sentence_start)
                if key not in cache:
                    text = self.bulletins[f.source].text[f.sentence_start:f.sentence_end]
                    cache[key] = stems(canonicalize(fold(text)))
                self.sentence_stems.append(cache[key])
        # Inverted indexes: a question looks only at facts that could match it.
        self.by_stem: dict[str, list[int]] = {}
        self.by_value: dict[float, list[int]] = {}
        self.by_year: dict[int | None, set[int]] = {}
        self.by_number: dict[str, set[int]] = {}
        self.percent: list[int] = []
        for i, (f, (m, qual, _)) in enumerate(zip(self.facts, self.stems)):
            for term in m | qual:
                self.by_stem.setdefault(term, []).append(i)
            self.by_value.setdefault(float(f.value), []).append(i)
            self.by_year.setdefault(f.year, set()).add(i)
            number = self.bulletins[f.source].number
            if number:
                self.by_number.setdefault(norm_no(number), set()).add(i)
            if f.unit == "percent":
                self.percent.append(i)

    def _index_terms(self) -> None:
        """Terms of every sentence, and of each figure's own clause (for ranked matching)."""
        texts = {source: b.text for source, b in self.bulletins.items()}
        self.terms = TermIndex.build(texts, self.sentences)
        by_sentence: dict[tuple[str, int], list[int]] = {}
        for i, f in enumerate(self.facts):
            by_sentence.setdefault((f.source, f.sentence_start), []).append(i)
        self.fact_local = [frozenset()] * len(self.facts)
        self.fact_rates = [()] * len(self.facts)
        self.fact_direction = [None] * len(self.facts)
        # What each figure counts: its measure and the words of its mention ("camas con
        # ventilador").
        self.fact_head = [frozenset(terms(" ".join(
            [f.measure, f.qualifier or "", texts[f.source][f.value_end:f.end]])))
            for f in self.facts]
        # The noun a figure counts, alone ("hospitales" of "37 hospitales para cirugía").
        self.fact_noun = [frozenset(terms(f.measure)) for f in self.facts]
        # The subtype a figure counts: the "de" complement of its noun ("cirugías de cataratas").
        self.fact_mod = [_complement(fold(texts[f.source][f.value_end:f.end])) for f in self.facts]
        # ... as written, or in its measure when the noun is left out ("mil 110 de ginecología"
        # after "2 mil 794 consultas").
        self.fact_subtype = [mod or _complement(fold(f.measure))
                             for mod, f in zip(self.fact_mod, self.facts)]
        for key, members in by_sentence.items():
            s = self.terms.position.get(key)
            if s is None:
                continue
            self.sentence_facts[s] = members
            self.fact_sentence.update((i, s) for i in members)
            text = texts[key[0]]
            members.sort(key=lambda i: self.facts[i].value_start)
            # "todos los días se ofrecen 124 consultas, tres cirugías y 176 análisis": a rate
            # said before the sentence's first figure is every figure's of that sentence.
            first = self.facts[members[0]]
            lead = tuple(r for r in rates(fold(text[first.sentence_start:first.value_start]))
                         if r in TIME_RATES)
            for k, i in enumerate(members):
                f = self.facts[i]
                left = self.facts[members[k - 1]].value_end if k else f.sentence_start
                right = (self.facts[members[k + 1]].value_start if k + 1 < len(members)
                         else f.sentence_end)
                left, right = max(left, f.value_start - 160), min(right, f.value_end + 160)
                # Words before a figure are its own only back to the last comma, colon or
                # semicolon ("353 de córnea, 120 de médula ósea": córnea is not the 120's);
                # after it, up to the next figure or semicolon.
                # A comma cuts only a list of figures: with no figure before it in the
                # sentence, "de los pacientes operados, que son 2 mil 310" keeps its noun.
                marks = ",;:"
                cut = max(text.rfind(ch, left, f.value_start) for ch in marks)
                if cut >= 0 and not terms(text[cut + 1:f.value_start]):
                    # Nothing between the comma and the figure: it is the apposition of the
                    # clause before ("el tema de banco de sangre, mil 200 millones"), when
                    # that clause is closed by a mark and holds no figure of its own.
                    before = max(text.rfind(ch, left, cut) for ch in marks)
                    cut = before if before >= 0 else cut
                left = cut + 1 if cut >= 0 else left
                stops = [p for p in (text.find(";", f.value_end, right),
                                     text.find(":", f.value_end, right)) if p >= 0]
                right = min(stops) if stops else right
                self.fact_local[i] = frozenset(terms(text[left:right]))
                # Folded once, up to the clause's end or the figure's noun if that is further
                # (folding keeps offsets).
                clause = fold(text[left:max(right, f.end)])
                own = rates(clause[:right - left])
                # A gain or a loss: said up to the figure's noun ("se eliminaron 31 mil
                # puestos y se crearon 5 mil"), else after it ("31 mil puestos se perdieron").
                self.fact_direction[i] = direction(clause[:f.end - left]) \
                    or direction(clause[f.end - left:right - left])
                carried = lead
                if k and _LIST_LINK.fullmatch(fold(text[self.facts[members[k - 1]].end:
                                                        f.value_start])):
                    # "se otorgan al día 136 consultas, tres cirugías, … y 20 estudios": a
                    # rate reaches along a list of figures.
                    carried = tuple(r for r in self.fact_rates[members[k - 1]]
                                    if r in TIME_RATES) or lead
                self.fact_rates[i] = own if any(r in TIME_RATES for r in own) else (
                    *own, *carried)

    def folded(self, source: str) -> str:
        """The folded text of ``source`` (cached)."""
        cache = self.__dict__.setdefault("_folded", {})
        if source not in cache:
            cache[source] = fold(self.bulletins[source].text)
        return cache[source]

    def state_mentions(self, source: str) -> list[tuple[int, str]]:
        """(start, state) of each state the text of ``source`` names, by name or gentilic, in
        text order (read once per text: the three questions below are asked of it)."""
        cache = self.__dict__.setdefault("_mentions", {})
        if source not in cache:
            cache[source] = state_mentions(self.folded(source))
        return cache[source]

    def states_named(self, source: str) -> set[str]:
        """The states the text of ``source`` names (cached)."""
        cache = self.__dict__.setdefault("_states", {})
        if source not in cache:
            cache[source] = {name for _, name in self.state_mentions(source)}
        return cache[source]

    def setting(self, source: str) -> str | None:
        """The state the text of ``source`` is about, if one stands out (cached)."""
        cache = self.__dict__.setdefault("_setting", {})
        if source not in cache:
            cache[source] = setting_among(self.state_mentions(source))
        return cache[source]

    def state_before(self, source: str, pos: int) -> str | None:
        """The last state the text of ``source`` names before ``pos``: where a report that
        goes state by state stands at that point."""
        mentions = self.state_mentions(source)
        k = bisect_left(mentions, (pos, ""))
        return mentions[k - 1][1] if k else None

    def candidates(self, q: Query) -> list[int]:
        """Indices of the facts worth checking for ``q``, in table order.

        The cheap constraints (bulletin number, year) narrow the set first: at thousands of
        bulletins most facts of a common measure belong to other bulletins and years.
        """
        if q.number is not None:
            found = set(self.by_value.get(float(q.number), []))
        elif q.percent:
            found = set(self.percent)
        else:
            found = set()
            for key in q.keys:
                found.update(self.by_stem.get(key, ()))
        if q.bulletin is not None:
            found &= self.by_number.get(norm_no(q.bulletin), set())
        if q.year is not None:
            found &= self.by_year.get(q.year, set())
        return sorted(found)

    def index_of(self, fact: Fact) -> int:
        """Position of ``fact`` in ``facts`` (facts are unique by source and span)."""
        if not hasattr(self, "_positions"):
            self._positions = {(f.source, f.start, f.value_start): i
                               for i, f in enumerate(self.facts)}
        return self._positions[(fact.source, fact.start, fact.value_start)]

    def strict_keys(self, fact_index: int, keys: set[str]) -> set[str]:
        """Keys that must match the fact's own measure or qualifier: kinds of its measure."""
        head = stem(fold(self.facts[fact_index].measure).split()[0])
        strict = self.vocab.strict_by_head.get(head, set()) | self.vocab.lexicon_qualifiers
        return keys & strict

    def cite_fact(self, f: Fact) -> Citation:
        """The citation of a figure: its sentence, from the sentence before when this one
        leans on it («Esto significaba cinco mil camas.», «De ellos, 300 …»), is too short
        to stand alone («Llevamos 120.») or names no noun for the figure (what it counts is
        in the sentence before)."""
        start = f.sentence_start
        s = self.fact_sentence.get(self.index_of(f))
        prev = self.terms.neighbours(s)[0] if s is not None else None
        if prev is not None:
            opening = fold(self.bulletins[f.source].text[f.sentence_start:f.sentence_start + 40])
            if _LEANS_BACK.match(opening) or f.sentence_end - f.sentence_start < _SHORT \
                    or f.measure in BARE_MEASURES:
                start = self.terms.sentences[prev][1]
        return self.cite(f.source, start, f.sentence_end)

    def cite(self, source: str, start: int, end: int) -> Citation:
        """A citation of ``[start, end)`` in ``source``, its quote sliced from the stored text."""
        b = self.bulletins[source]
        return Citation(source, b.number, b.date, start, end, b.text[start:end])
