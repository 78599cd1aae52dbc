"""Wording: the chosen figures as a sentence a person would write, each with its citation.

First the figure and what it counts, its scope and its source; then the other figures that
answer as well, each with how it differs (period, place, source) and its own citation.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.format import MODALITY_WORDS, format_value, period_words
from assistant.rank import Candidate, change_ends
from assistant.types import Answer, Citation
from index.dates import spanish_date
from index.types import BARE_MEASURES, Fact

if TYPE_CHECKING:
    from assistant.corpus import Corpus


def mention_tail(f: Fact, text: str) -> str:
    """The words of the figure's mention after the numeral, without its unit ("sillas de
    ruedas nuevas" of "1,250 sillas de ruedas nuevas"; "de pesos" and "por ciento" left out)."""
    tail = " ".join(text[f.value_end:f.end].split())
    if f.unit == "percent":
        tail = re.sub(r"^(?:%|por\s*ciento)\s*", "", tail)
    elif f.unit == "pesos":
        tail = re.sub(r"^(?:de\s+)?pesos\b\s*", "", tail)
    return tail


def what(f: Fact, text: str) -> str:
    """The figure and what it counts, as the text says it: "1,250 sillas de ruedas nuevas"."""
    value = format_value(f.value, f.unit)
    tail = mention_tail(f, text)
    if tail and len(tail) <= 80:
        phrase = f"{value} {tail}"
    elif f.measure not in BARE_MEASURES and not (f.unit in ("pesos", "dólares")
                                                 and f.measure == "monto"):
        # "$215,000,000,000 pesos", not "… pesos monto": "monto" only names an amount.
        phrase = f"{value} {f.measure}"
    else:
        phrase = value
    return f"{f.approx} {phrase}" if f.approx else phrase


def scope(f: Fact, corpus: "Corpus") -> str:
    """Period, place and modality in a few words: "en 2019 («el año pasado»), en Puebla, meta"."""
    parts: list[str] = []
    period = period_words(f.period_start, f.period_end)
    if f.time_phrase and f.year:
        said = " ".join(f.time_phrase.split())
        parts.append(f"{f.year} («{said}»)" if str(f.year) not in said else said)
    elif period:
        parts.append(period)
    elif f.year:
        parts.append(str(f.year))
    if f.event:
        parts.append(f.event)
    if f.place:
        parts.append(f"en {f.place}")
    if f.subject:
        parts.append(f.subject)
    if f.modality in MODALITY_WORDS:
        parts.append(MODALITY_WORDS[f.modality])
    return ", ".join(parts)


def source_label(f: Fact, corpus: "Corpus") -> str:
    """ "boletín 175/2022 del 12 de abril de 2022" or "«107.txt», 10 de marzo de 2020"."""
    b = corpus.bulletins[f.source]
    date = spanish_date(b.date) if b.date else "sin fecha"
    if b.number:
        return f"boletín {b.number} ({f.source}), {date}"
    return f"«{f.source}», {date}"


def figure_answer(question: str, chosen: list[Candidate], corpus: "Corpus") -> Answer:
    """The answer made of ranked figures: the best first, then the others, each cited."""
    if len(chosen) == 2 and change_ends(chosen[0].index, corpus) == (chosen[0].index,
                                                                      chosen[1].index):
        return _change_answer(question, chosen[0].fact, chosen[1].fact, corpus)
    citations: list[Citation] = []
    parts: list[str] = []
    for c in chosen:
        f = c.fact
        cite = corpus.cite_fact(f)
        if cite not in citations:
            citations.append(cite)
        n = citations.index(cite) + 1
        where = scope(f, corpus)
        text = corpus.bulletins[f.source].text
        parts.append(f"{what(f, text)}{' (' + where + ')' if where else ''}, según "
                     f"{source_label(f, corpus)} [{n}]")
    lead = parts[0] + "."
    if len(parts) > 1:
        lead += " También responden: " + "; ".join(parts[1:]) + "."
    return Answer(question, lead, [c.fact.value for c in chosen], citations, False)


def _change_answer(question: str, start: Fact, end: Fact, corpus: "Corpus") -> Answer:
    """Both ends of a change in one sentence: "De 78 % de las recetas surtidas a 99.7 % (en julio
    de 2022, en Nayarit), según «953.txt», 1 de noviembre de 2022 [1]." """
    cite = corpus.cite_fact(end)
    # The change's place is said once, with either end ("pasar en Nayarit del 78 % … a …").
    where = scope(replace(end, place=end.place or start.place), corpus)
    text = corpus.bulletins[end.source].text
    lead = (f"De {what(start, text)} a {what(end, text)}{' (' + where + ')' if where else ''}, "
            f"según {source_label(end, corpus)} [1].")
    return Answer(question, lead, [start.value, end.value], [cite], False)
