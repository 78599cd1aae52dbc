"""A total the text states and the parts it breaks into, found by their arithmetic.

Speakers give a total and then its parts ("se invirtieron 7 mil 257 millones; en ellos fueron
6 mil 128 millones en infraestructura y mil 129 millones en equipo"), or the parts and then
the total ("... 469 camas ... 825 camas. Así llegamos a 16 mil 146 camas"). The wording of
such structures varies without end; their arithmetic does not: a figure that equals the sum
of two or more nearby figures of the same text and unit is their total. Such a total is
preferred over adding anything, and its parts are shown with the sum, computed and checked.
"""

from __future__ import annotations

from itertools import combinations
from typing import TYPE_CHECKING

from index.fold import fold
from index.types import Fact

if TYPE_CHECKING:
    from assistant.corpus import Corpus

# How far, in figures of the table, parts may sit from their total, and how many of them
# there may be: every subset of the neighbours is tried, so both stay small.
NEIGHBOURS = 12
MAX_PARTS = 5
# A short text span: parts are said close to their total (a few sentences), not pages away.
MAX_CHARS = 2500
# Below this a sum of small figures matches by accident ("3 rubros" + "30 años").
MIN_TOTAL = 50


def _addable(f: Fact) -> bool:
    return f.unit != "percent" and f.modality in (None, "realizado", "meta")


def _window(f: Fact, corpus: "Corpus") -> list[Fact]:
    """The ``NEIGHBOURS`` figures of the table on each side of ``f`` (and ``f``)."""
    i = corpus.index_of(f)
    return corpus.facts[max(0, i - NEIGHBOURS): i + NEIGHBOURS + 1]


def neighbours(total: Fact, corpus: "Corpus") -> tuple[list[Fact], list[Fact]]:
    """The figures said just before and just after ``total`` in its text that could be its
    parts: same unit and modality, smaller, within ``MAX_CHARS``."""
    fit = [f for f in _window(total, corpus) if f is not total and f.source == total.source
           and f.unit == total.unit and f.modality == total.modality and _addable(f)
           and 0 < float(f.value) < float(total.value)
           and abs(f.start - total.start) <= MAX_CHARS]
    before = sorted((f for f in fit if f.start < total.start), key=lambda f: f.start)
    after = sorted((f for f in fit if f.start > total.start), key=lambda f: f.start)
    return before[-NEIGHBOURS:], after[:NEIGHBOURS]


def parts_of(total: Fact, corpus: "Corpus") -> list[Fact]:
    """The figures ``total`` is the sum of (two to ``MAX_PARTS``, all said on one side of it,
    the nearest such set first), or [] when none add up to it exactly."""
    if not _addable(total) or float(total.value) < MIN_TOTAL or total.approx not in (
            None, "más de", "casi", "cerca de", "alrededor de"):
        return []
    before, after = neighbours(total, corpus)
    found: list[tuple[int, list[Fact]]] = []
    for side in (after, before):
        side = [f for f in side if f.value != total.value]
        for k in range(2, min(MAX_PARTS, len(side)) + 1):
            for combo in combinations(side, k):
                if abs(sum(float(f.value) for f in combo) - float(total.value)) < 1e-6 \
                        and not _skips_a_like(total, combo, corpus):
                    spread = sum(abs(f.start - total.start) for f in combo)
                    found.append((spread, list(combo)))
        if found:
            break  # parts said after a total come first ("X; en ellos fueron A y B")
    if not found:
        return []
    return min(found, key=lambda x: x[0])[1]


def _head(f: Fact) -> str:
    return (fold(f.measure).split() or [""])[0]


def _skips_a_like(total: Fact, combo: tuple[Fact, ...], corpus: "Corpus") -> bool:
    """True when the parts pass over a figure counting what the total counts: "50 camas"
    left out between "124 camas" and its would-be parts means the sum is a coincidence."""
    lo = min(total.start, *(f.start for f in combo))
    hi = max(total.start, *(f.start for f in combo))
    chosen = {id(f) for f in combo}
    return any(f.source == total.source and f.unit == total.unit and lo < f.start < hi
               and f is not total and id(f) not in chosen and _head(f) == _head(total)
               for f in _window(total, corpus))


def total_with_parts(top: list[Fact], corpus: "Corpus") -> tuple[Fact, list[Fact]] | None:
    """The first of ``top`` (the best figures for a question, best first) that is a total
    with its parts, or that is one of the parts of a total counting the same thing; and the
    parts. None when none is."""
    for f in top:
        parts = parts_of(f, corpus)
        if parts:
            return f, parts
        for g in _larger_near(f, corpus):
            parts = parts_of(g, corpus)
            if any(p is f for p in parts):
                return g, parts
    return None


def _larger_near(part: Fact, corpus: "Corpus") -> list[Fact]:
    """Figures near ``part`` that could be the total it is part of: they count the same
    thing ("monto" with "monto"; never "acciones" for a part that counts "cirugías")."""
    return sorted((g for g in _window(part, corpus) if g.source == part.source and g.unit == part.unit
                   and g.measure == part.measure and float(g.value) > float(part.value)
                   and abs(g.start - part.start) <= MAX_CHARS),
                  key=lambda g: abs(g.start - part.start))
