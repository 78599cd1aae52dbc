"""Totals, comparisons and extremes computed from cited figures.

"¿cuántas detecciones en total?", "2023 comparado con 2022", "¿en qué año hubo más ...?".
The figures come from the same matching as any answer; this module decides which of them may
be added or compared, computes, and says what it left out and why:

- Never add figures that may overlap: the same period (a cumulative balance and its parts,
  two reports of the same period), periods of unknown year next to dated ones, another
  place. When one figure covers the others, the text states the total: it is preferred.
- Compare like with like: same measure, kind, place and modality, periods of the same
  length (a whole year with a whole year, one jornada with one jornada); otherwise say that
  the periods are not comparable instead of comparing them.
- Every computed number is a ``Computed`` with its inputs, shown beside the cited figures.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from assistant.answer import describe, match_facts, select
from assistant.format import format_number, format_value, period_words
from assistant.intent import CHANGED, COMPARE, EXTREME, TOTAL
from assistant.query import Query
from assistant.types import NOT_FOUND, Answer, Citation, Computed
from index.dates import BARE_YEAR, parse_iso
from index.events import Event, find_events
from index.fold import fold
from index.numbers import find_numbers
from index.settings import MatchWeights
from index.types import Fact

if TYPE_CHECKING:
    from assistant.corpus import Corpus
    from assistant.rank import Candidate

_LESS = re.compile(r"\b(?:menos|menor|minim[oa]|mas\s+baj[oa])\b")
_OVER_TIME = {"ano", "anos", "mes", "meses", "periodo", "periodos", "fecha", "momento"}
_OVER_EVENT = {"jornada", "jornadas", "semana", "semanas", "campana", "campanas", "evento"}
_OVER_PLACE = {"estado", "estados", "entidad", "entidades", "lugar", "region"}
_NOT_A_DIMENSION = {"se", "hubo", "fue", "tuvo", "el", "la", "los", "las", "de", "mas", "menos"}


def kind_of(question: str) -> str | None:
    """ "total", "comparison" or "extreme" when the question asks to compute, else None."""
    folded = fold(question)
    if EXTREME.search(folded):
        return "extreme"
    if TOTAL.search(folded):
        return "total"
    years = set(BARE_YEAR.findall(folded))
    if COMPARE.search(folded) and len(years) >= 2:
        return "comparison"
    # "¿en qué porcentaje aumentaron ...?" asks for a stated change, not for a comparison.
    if CHANGED.search(folded) and not re.search(
            r"\bcuant|\bque\s+(?:porcentaje|cantidad|numero|tanto)|\ben\s+cuanto", folded):
        return "comparison"
    return None


@dataclass(frozen=True)
class Span:
    """When a figure happened: ``key`` says against what it can be compared ("2023", or
    "?source" for a text that gives no year), ``lo``/``hi`` the days ("MM-DD" with the key
    year), ``exact`` whether the text states the span or only the year it falls in."""

    key: str
    lo: str
    hi: str
    exact: bool
    days: int | None


def span_of(f: Fact, corpus: "Corpus") -> Span:
    """The time a figure covers, as far as the text tells."""
    a, b = f.period_start, f.period_end
    year = f.year
    if a and b:
        ya, ma, da = parse_iso(a)
        yb, mb, db = parse_iso(b)
        key = str(ya) if ya else (str(year) if year else "?" + f.source)
        whole = (ma, da, mb, db) == (1, 1, 12, 31)
        exact = not (whole and f.event)  # "las tres primeras Jornadas de 2022" is not all 2022
        days = None
        if exact:
            y0 = ya or 2001
            y1 = yb or y0
            try:
                days = (date(y1, mb, db) - date(y0, ma, da)).days + 1
            except ValueError:
                days = None
        return Span(key, f"{ma:02d}-{da:02d}", f"{mb:02d}-{db:02d}", exact, days)
    if year:
        return Span(str(year), "01-01", "12-31", False, None)
    return Span("?" + f.source, "01-01", "12-31", False, None)


def may_overlap(x: Fact, y: Fact, corpus: "Corpus") -> bool | None:
    """True when two figures of the same measure may count the same things; None when the
    texts do not say enough to know (a text with no year against a dated one)."""
    sx, sy = span_of(x, corpus), span_of(y, corpus)
    qx, qy = fold(x.qualifier or ""), fold(y.qualifier or "")
    if qx and qy and qx not in qy and qy not in qx:
        if sx.key == sy.key or sx.key.startswith("?") or sy.key.startswith("?"):
            return False  # different kinds of one measure are different things
    if sx.key != sy.key:
        if sx.key.startswith("?") or sy.key.startswith("?"):
            return None
        return False
    if x.event and y.event and _event_nums(x).isdisjoint(_event_nums(y)) and \
            _event_nums(x) and _event_nums(y) and _event_noun(x) == _event_noun(y):
        return False  # the 7th jornada and the 8th do not overlap
    if not (sx.exact and sy.exact):
        return True  # somewhere in the same year: may overlap
    return sx.lo <= sy.hi and sy.lo <= sx.hi


@lru_cache(maxsize=4096)
def _events(event: str) -> tuple[Event, ...]:
    """The events a fact's event phrase names (parsed once per phrase: pairs of facts ask)."""
    return tuple(find_events(event, require_caps=False)
                 or find_events("las " + event, require_caps=False))


def _event_nums(f: Fact) -> set[int]:
    if f.event_num is not None:
        return {f.event_num}
    return {n for e in _events(f.event or "") for n in e.nums}


def _event_noun(f: Fact) -> str:
    found = _events(f.event or "")
    return fold(found[0].noun).rstrip("s") if found else ""


def period_length(f: Fact, corpus: "Corpus") -> tuple[str, float] | None:
    """What a figure's period is, to compare like with like: ("días", 365), ("jornada", 1)."""
    if f.event:
        nums = _event_nums(f)
        return (_event_noun(f) or "evento", float(len(nums) or 1))
    s = span_of(f, corpus)
    if s.days:
        return ("días", float(s.days))
    return None


def comparable(x: Fact, y: Fact, corpus: "Corpus") -> str | None:
    """None when two figures can be compared; else why not, in words."""
    if x.unit != y.unit:
        return "no tienen la misma unidad"
    if x.modality != y.modality:
        return "una es meta y otra resultado"
    if (x.place or "") != (y.place or ""):
        return "no son del mismo lugar"
    lx, ly = period_length(x, corpus), period_length(y, corpus)
    if lx is None or ly is None:
        return "no se sabe qué periodo cubre " + ("la primera" if lx is None else "la segunda")
    if lx[0] != ly[0]:
        return "los periodos no son del mismo tipo"
    if abs(lx[1] - ly[1]) > 0.1 * max(lx[1], ly[1]):
        return "los periodos no tienen la misma duración"
    return None


# -- gathering ---------------------------------------------------------------------------------

def in_scope(q: Query, facts: list[Fact]) -> list[Fact]:
    """The figures of the asked state and modality when there are any: "¿y en Jalisco?" is
    answered by Jalisco's figure, "¿y la meta?" by the goal."""
    if q.places:
        own = [f for f in facts if f.place in q.places]
        facts = own or facts
    if not q.goal:
        return facts  # a result and a plan may both answer a plain question
    wanted = [f for f in facts if f.modality == "meta"]
    return wanted or facts


def gather(q: Query, corpus: "Corpus", weights: MatchWeights,
           rank: Callable[[Query], list["Candidate"]], keep_time: bool,
           kinds: bool = False) -> list[Fact]:
    """The figures that answer ``q`` as a plain question, across years unless ``keep_time``.

    ``kinds`` keeps the figures of each kind of the measure (riñón, córnea ...) even when the
    text also gives the measure's total (for "¿de qué órgano hubo más?").
    """
    base = q if keep_time else replace(q, year=None, years=(), period_start=None,
                                       period_end=None, event_nums=(), event_noun=None)
    base = replace(base, rates=tuple(r for r in base.rates if r != "total"), change=False)
    lexical = corpus.vocab.lexicon_keys(q.keys)
    if lexical:
        facts = match_facts(base, corpus)
        if not kinds:
            return select(base, facts, corpus)
        by_kind: dict[str | None, list[Fact]] = {}
        for f in facts:
            by_kind.setdefault(f.qualifier, []).append(f)
        return [f for group in by_kind.values() for f in select(base, group, corpus)]
    from assistant.rank import choose

    many = replace(weights, max_answers=24)
    chosen = choose(rank(base), many, corpus, base)
    facts = [c.fact for c in chosen]
    if q.years and keep_time:
        facts = [f for f in facts if f.year in q.years]
    return facts


# -- wording -----------------------------------------------------------------------------------

class Draft:
    """An answer being written: cites figures once each, numbers its citations."""

    def __init__(self, q: Query, corpus: "Corpus") -> None:
        self.q, self.corpus = q, corpus
        self.citations: list[Citation] = []
        self.values: list[int | float] = []
        self.computed: list[Computed] = []
        self.shown: list[Fact] = []

    def cite(self, f: Fact) -> str:
        """ "19 trasplantes de riñón ... de 2022 [2]" with its citation recorded."""
        c = self.corpus.cite_fact(f)
        if c not in self.citations:
            self.citations.append(c)
        self.shown.append(f)
        return f"{describe(f)} [{self.citations.index(c) + 1}]"

    def compute(self, label: str, operation: str, inputs: list[int | float]) -> Computed:
        if operation == "suma":
            value: int | float = sum(inputs)
        elif operation == "diferencia":
            value = inputs[0] - inputs[1]
        else:
            value = round(100 * (inputs[0] - inputs[1]) / inputs[1], 1)
        if isinstance(value, float) and value.is_integer() and operation != "variación":
            value = int(value)
        c = Computed(label, operation, list(inputs), value)
        self.computed.append(c)
        return c

    def answer(self, text: str, values: list[int | float], abstained: bool = False) -> Answer:
        answer = Answer(self.q.text, text, values, self.citations, abstained, self.computed)
        if not grounded(answer, self.shown):
            # A number that is neither cited nor computed must never reach the user.
            return Answer(self.q.text, NOT_FOUND, [], [], True)
        return answer


def numbers_in(text: str) -> set[float]:
    """Every numeral in ``text`` as a value (dates and codes included: nothing is excused)."""
    return {float(m.value) for m in find_numbers(text)}


def checked_numbers(answer: Answer) -> set[float] | None:
    """The numbers ``answer`` may state on the strength of its citations: those of the cited
    quotes and the magnitudes of its computed numbers — or None when a computation's
    arithmetic fails or one of its inputs is not a figure of a cited quote."""
    quoted: set[float] = set()
    for c in answer.citations:
        quoted |= numbers_in(c.quote)
    for comp in answer.computed:
        if not comp.holds() or not {float(x) for x in comp.inputs} <= quoted:
            return None
    return quoted | {abs(float(comp.value)) for comp in answer.computed}


def grounded(answer: Answer, shown: list[Fact]) -> bool:
    """Every number of the answer is in a cited quote, is a computed number whose inputs are
    cited figures (and whose arithmetic holds), or is part of how a cited figure's period,
    event or source is named."""
    allowed = checked_numbers(answer)
    if allowed is None:
        return False
    allowed |= {float(comp.value) for comp in answer.computed}
    for f in shown:
        said = " ".join([period_words(f.period_start, f.period_end), f.event or "",
                         str(f.year or "")])
        allowed |= numbers_in(said)
        # "7ª" and "tres primeras": ordinals of a named event
        allowed |= {float(n) for n in _event_nums(f)}
    text = re.sub(r"\[\d+\]", " ", answer.text)
    return numbers_in(text) <= allowed


def _sum_words(addends: list[Fact], total: Computed) -> str:
    return " + ".join(format_number(f.value) for f in addends) + " = " + format_number(
        total.value)


def _unit_word(f: Fact) -> str:
    return f.measure + (" de " + f.qualifier if f.qualifier and f.unit != "percent" else "")


# -- totals ------------------------------------------------------------------------------------

def total_answer(q: Query, facts: list[Fact], corpus: "Corpus") -> Answer:
    """The sum of the figures that do not overlap, each cited, and what was left out and why."""
    draft = Draft(q, corpus)
    kept: list[Fact] = []
    out: list[tuple[Fact, str]] = []
    covered: set[int] = set()
    # The measure as the question names it comes first ("consultas" before "consultas de
    # medicina familiar"), then the largest figure: a total before its parts.
    facts = sorted(facts, key=lambda f: (len(f.measure.split()), -float(f.value), f.source,
                                         f.start))
    for f in facts:
        if f.unit == "percent":
            out.append((f, "un porcentaje no se suma"))
            continue
        if kept and f.measure != kept[0].measure:
            base = kept[0].measure
            if not f.measure.startswith(base + " "):
                out.append((f, f"cuenta otra cosa ({f.measure})"))
                continue
            # "consultas de especialidad" is a kind of "consultas": compared as such.
            f = replace(f, measure=base, qualifier=f.measure[len(base):].strip(" de") or None)
        if f.modality != ("meta" if q.goal else "realizado"):
            out.append((f, "es una meta" if f.modality == "meta" else "no es un resultado"))
            continue
        if f.approx:
            out.append((f, f"es aproximada («{f.approx}»)"))
            continue
        if kept and (f.place or "") != (kept[0].place or ""):
            out.append((f, f"es de otro alcance ({f.place or 'nacional'})"))
            continue
        clash = next((k for k in kept if may_overlap(k, f, corpus)), None)
        if clash is not None:
            same = span_of(clash, corpus) == span_of(f, corpus) and f.qualifier == clash.qualifier
            if same and abs(float(clash.value) - float(f.value)) <= 0.1 * float(clash.value):
                why = (f"otra mención del mismo periodo da {format_value(clash.value, clash.unit)}"
                       " (el texto no cuadra)")
            else:
                why = f"está incluida en {format_value(clash.value, clash.unit)}"
                covered.add(id(clash))
            out.append((f, why))
            continue
        unknown = next((k for k in kept if may_overlap(k, f, corpus) is None), None)
        if unknown is not None:
            out.append((f, "no se sabe si se solapa con "
                        + format_value(unknown.value, unknown.unit) + " (uno de los boletines "
                        "no dice el año)"))
            continue
        kept.append(f)
    if not kept:
        return _nothing(q, corpus, out)
    kept.sort(key=lambda f: (span_of(f, corpus).key, span_of(f, corpus).lo, f.source, f.start))
    left = ""
    if out:
        left = " No se sumaron: " + "; ".join(f"{draft.cite(f)}, porque {why}"
                                              for f, why in out) + "."
    if len(kept) == 1:
        f = kept[0]
        covers = id(f) in covered
        lead = ("El total lo da el propio boletín: " if covers else
                "Solo hay una cifra que se pueda sumar: ")
        text = lead + draft.cite(f) + "." + left
        return draft.answer(text, [f.value, *[g.value for g, _ in out]])
    total = draft.compute("suma", "suma", [f.value for f in kept])
    parts = "; ".join(draft.cite(f) for f in kept)
    what = _unit_word(kept[0]) if len({f.qualifier for f in kept}) == 1 else kept[0].measure
    text = (f"En total, {format_value(total.value, kept[0].unit)} {what} "
            f"(calculado: {_sum_words(kept, total)}), sumando las cifras que no se "
            f"solapan: {parts}.{left}")
    return draft.answer(text, [total.value, *[f.value for f in kept],
                               *[f.value for f, _ in out]])


def stated_total_answer(q: Query, total: Fact, parts: list[Fact], corpus: "Corpus") -> Answer:
    """A total the text states, shown with the parts it adds up to (the sum computed)."""
    draft = Draft(q, corpus)
    check = draft.compute("suma de las partes", "suma", [f.value for f in parts])
    text = (f"El total lo da el propio boletín: {draft.cite(total)}. Cuadra con sus partes "
            f"(calculado: {_sum_words(parts, check)}): "
            + "; ".join(draft.cite(f) for f in parts) + ".")
    return draft.answer(text, [total.value, *[f.value for f in parts]])


def _nothing(q: Query, corpus: "Corpus", out: list[tuple[Fact, str]]) -> Answer:
    draft = Draft(q, corpus)
    if not out:
        return Answer(q.text, NOT_FOUND, [], [], True)
    text = NOT_FOUND + " Ninguna cifra se puede sumar: " + "; ".join(
        f"{draft.cite(f)}, porque {why}" for f, why in out) + "."
    return draft.answer(text, [], abstained=True)


# -- comparisons and extremes ------------------------------------------------------------------

def representatives(facts: list[Fact], corpus: "Corpus") -> tuple[list[Fact],
                                                                  list[tuple[Fact, str]]]:
    """One figure per stretch of time: the largest of those that may overlap (the total of
    its parts), the others left out with the reason."""
    kept: list[Fact] = []
    out: list[tuple[Fact, str]] = []
    for f in sorted(facts, key=lambda f: -float(f.value)):
        if f.unit == "percent" or f.approx:
            out.append((f, "es un porcentaje" if f.unit == "percent" else "es aproximada"))
            continue
        clash = next((k for k in kept if (k.place or "") == (f.place or "")
                      and may_overlap(k, f, corpus)), None)
        if clash is not None:
            out.append((f, f"cubre parte de lo que cuenta {format_value(clash.value, clash.unit)}"))
            continue
        kept.append(f)
    return kept, out


def _when(f: Fact, corpus: "Corpus") -> tuple[str, str]:
    s = span_of(f, corpus)
    return (s.key if not s.key.startswith("?") else "9999", s.lo)


def comparison_answer(q: Query, facts: list[Fact], corpus: "Corpus") -> Answer:
    """Two figures like with like: the difference and the percentage change, computed."""
    draft = Draft(q, corpus)
    years = [int(y) for y in dict.fromkeys(BARE_YEAR.findall(fold(q.text)))]
    kept, _ = representatives([f for f in facts if f.modality == ("meta" if q.goal else
                                                                  "realizado")], corpus)
    if len(years) >= 2:
        pair = []
        for y in years[:2]:
            of_year = [f for f in kept if f.year == y]
            if not of_year:
                return _missing_year(q, corpus, y, kept)
            # The figure that covers the most of that year: whole years first.
            of_year.sort(key=lambda f: (-(period_length(f, corpus) or ("", 0))[1]
                                        if (period_length(f, corpus) or ("",))[0] == "días" else 0,
                                        -float(f.value)))
            pair.append(of_year[0])
        new, old = sorted(pair, key=lambda f: _when(f, corpus), reverse=True)
    else:
        dated = [f for f in kept if not span_of(f, corpus).key.startswith("?")]
        series = sorted(dated if len(dated) >= 2 else kept, key=lambda f: _when(f, corpus))
        pairs = [(series[j], series[i]) for i in range(len(series) - 1, -1, -1)
                 for j in range(i - 1, -1, -1)
                 if comparable(series[i], series[j], corpus) is None]
        if not pairs:
            if len(series) < 2:
                return _too_few(q, corpus, series)
            new, old = series[-1], series[-2]
        else:
            old, new = pairs[0]
    why = comparable(new, old, corpus)
    if why is not None:
        text = (f"No se pueden comparar: {draft.cite(new)} y {draft.cite(old)}; {why}.")
        return draft.answer(text, [new.value, old.value])
    diff = draft.compute("diferencia", "diferencia", [new.value, old.value])
    text = f"{draft.cite(new)}, frente a {draft.cite(old)}: "
    if diff.value == 0:
        text += "la misma cifra."
        return draft.answer(text, [new.value, old.value, 0])
    word = "más" if diff.value > 0 else "menos"
    text += (f"{format_number(abs(diff.value))} {word} (calculado: {format_number(new.value)} − "
             f"{format_number(old.value)} = {format_number(diff.value)})")
    values: list[int | float] = [diff.value, new.value, old.value]
    if old.value:
        pct = draft.compute("variación porcentual", "variación", [new.value, old.value])
        sign = "+" if pct.value > 0 else ""
        text += (f", una variación de {sign}{format_number(pct.value)} % (calculado: "
                 f"{format_number(diff.value)} ÷ {format_number(old.value)}, en por ciento)")
        values.append(pct.value)
    text += "."
    return draft.answer(text, values)


def _missing_year(q: Query, corpus: "Corpus", year: int, kept: list[Fact]) -> Answer:
    draft = Draft(q, corpus)
    if not kept:
        return Answer(q.text, NOT_FOUND, [], [], True)
    text = (f"{NOT_FOUND} No hay una cifra de {year} para comparar. Lo que sí dicen: "
            + "; ".join(draft.cite(f) for f in kept[:4]) + ".")
    return draft.answer(text, [], abstained=True)


def _too_few(q: Query, corpus: "Corpus", series: list[Fact]) -> Answer:
    draft = Draft(q, corpus)
    if not series:
        return Answer(q.text, NOT_FOUND, [], [], True)
    text = (f"Solo hay una cifra, no hay con qué compararla: {draft.cite(series[0])}.")
    return draft.answer(text, [series[0].value])


def dimension(question: str) -> str:
    """What an extreme ranges over: "time", "event", "place" or "kind"."""
    m = EXTREME.search(fold(question))
    word = (m.group("dim") or "") if m else ""
    if word in _OVER_EVENT:
        return "event"
    if word in _OVER_PLACE:
        return "place"
    if word and word not in _OVER_TIME and word not in _NOT_A_DIMENSION:
        return "kind"
    return "time"


def extreme_answer(q: Query, facts: list[Fact], corpus: "Corpus") -> Answer:
    """The largest (or smallest) among figures that can be compared, each cited."""
    draft = Draft(q, corpus)
    least = bool(_LESS.search(fold(q.text)))
    dim = dimension(q.text)
    facts = [f for f in facts if f.modality == ("meta" if q.goal else "realizado")]
    if dim == "kind":
        # One figure per kind: the largest of each (a kind's parts by hospital are left out).
        kept, out = [], []
        by_kind: dict[str, list[Fact]] = {}
        for f in facts:
            if f.qualifier and f.unit != "percent" and not f.approx:
                by_kind.setdefault(fold(f.qualifier), []).append(f)
        for group in by_kind.values():
            reps, left = representatives(group, corpus)
            kept += reps
            out += left
    else:
        kept, out = representatives(facts, corpus)
        if dim == "event":
            out += [(f, "no es de un solo evento") for f in kept if len(_event_nums(f)) != 1]
            kept = [f for f in kept if len(_event_nums(f)) == 1]
    if not kept:
        return _nothing(q, corpus, out) if out else Answer(q.text, NOT_FOUND, [], [], True)
    # Among the figures that can be compared with each other, the largest group decides.
    groups = [[g for g in kept if g is f or comparable(f, g, corpus) is None] for f in kept]
    group = max(groups, key=lambda g: (len(g), max((period_length(x, corpus) or ("", 0))[1]
                                                   for x in g)))
    best = (min if least else max)(group, key=lambda f: float(f.value))
    peers = [f for f in group if f is not best]
    apart = [(f, comparable(best, f, corpus) or "") for f in kept
             if f is not best and f not in peers]
    word = "menor" if least else "mayor"
    if not peers:
        text = (f"No se puede decir: solo {draft.cite(best)} y no hay otra cifra comparable")
        if apart:
            text += ": " + "; ".join(f"{draft.cite(f)} ({why})" for f, why in apart)
        if out:
            text += ". Fuera: " + "; ".join(f"{draft.cite(f)} ({why})" for f, why in out)
        return draft.answer(text + ".", [best.value])
    order = (lambda f: -float(f.value)) if dim == "kind" else (lambda f: _when(f, corpus))
    text = (f"La cifra {word}: {draft.cite(best)}. Comparada con "
            + "; ".join(draft.cite(f) for f in sorted(peers, key=order))
            + ".")
    if apart:
        text += " No comparables: " + "; ".join(f"{draft.cite(f)} ({why})" for f, why in apart) \
            + "."
    if out:
        text += " Fuera: " + "; ".join(f"{draft.cite(f)} ({why})" for f, why in out) + "."
    return draft.answer(text, [best.value, *[f.value for f in peers]])


def analyse(q: Query, corpus: "Corpus", weights: MatchWeights,
            rank: Callable[[Query], list["Candidate"]]) -> Answer | None:
    """The computed answer when ``q`` asks for a total, a comparison or an extreme, else None
    (the question then goes through the ordinary chain)."""
    kind = kind_of(q.text)
    if kind is None or q.number is not None:
        return None
    if not (q.keys or q.content):
        return None
    if kind == "total":
        stated = rank(q) if q.intent == "figure" else []
        from assistant.parts import total_with_parts

        # A measure of the lexicon: its own figures, and only when no other bulletin has
        # more of them (``total_answer`` adds or sets those apart); else the ranked ones.
        if corpus.vocab.lexicon_keys(q.keys):
            own = gather(q, corpus, weights, rank, keep_time=True, kinds=True)
            found = total_with_parts(own, corpus)
            if found is not None and any(f.source != found[0].source for f in own):
                found = None
        else:
            found = total_with_parts([c.fact for c in stated[:12]
                                      if c.score >= weights.min_fact_score], corpus)
        if found is not None:
            return stated_total_answer(q, *found, corpus)
        if stated and stated[0].score >= weights.min_fact_score and \
                "total" in corpus.fact_rates[stated[0].index]:
            return None  # the text states the total itself ("en total, 4 mil"): the chain gives it
        facts = gather(q, corpus, weights, rank, keep_time=True, kinds=True)
        if any("total" in corpus.fact_rates[corpus.index_of(f)] for f in facts):
            return None
        return total_answer(q, facts, corpus) if facts else None
    if kind == "comparison":
        facts = gather(q, corpus, weights, rank, keep_time=False)
        # Each named year asked on its own too: across years the best figures may all be of
        # one year, and the other year's figure (worded otherwise) would be missed.
        seen = {(f.source, f.start) for f in facts}
        for y in dict.fromkeys(int(y) for y in BARE_YEAR.findall(fold(q.text))):
            for f in gather(replace(q, year=y, years=(y,)), corpus, weights, rank, True):
                if f.year == y and (f.source, f.start) not in seen:
                    seen.add((f.source, f.start))
                    facts.append(f)
        return comparison_answer(q, facts, corpus) if facts else None
    facts = gather(q, corpus, weights, rank, keep_time=dimension(q.text) == "kind",
                   kinds=dimension(q.text) == "kind")
    return extreme_answer(q, facts, corpus) if facts else None
