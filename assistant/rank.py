"""Ranked fact matching: every figure scored against the question, best first, with reasons.

A figure's score is the share of the question's weighted terms found around it — in the words
next to the numeral (its clause between the figures before and after it), in its sentence, in
the sentences beside it, in its text — times factors for the question's constraints: year,
place, unit (percentage, money, count) and modality (done, goal, baseline). Nothing here is a
gate on vocabulary: an unknown noun simply scores lower.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from assistant.corpus import norm_no
from assistant.intent import MONEY
from assistant.query import Query
from assistant.terms import derivations, people, prefix, staff, staff_cues, synonyms, term
from index.dates import find_times, with_year
from index.facts import INSTEAD
from index.fold import fold
from index.scope import gentilics, places, relative_times, states_named
from index.settings import MatchWeights
from index.types import BARE_MEASURES, TIME_UNITS, Fact

if TYPE_CHECKING:
    from assistant.corpus import Corpus


@dataclass(frozen=True)
class Candidate:
    """A fact with its score and the reasons for it (for tests and for debugging answers)."""

    index: int
    fact: Fact
    score: float
    reasons: tuple[str, ...] = ()


Weighted = list[tuple[str, float, set[str]]]


def weigh(q: Query, corpus: "Corpus", w: MatchWeights) -> Weighted:
    """Each question term with its weight (rarity; verbs weigh less) and its related terms
    (for the asked noun, only its near forms)."""
    index = corpus.terms
    return [(t, index.idf(t) * (w.verb if t in q.content_verbs else 1.0),
             _head_variants(t, index.variants(t)) if t == q.head else index.variants(t))
            for t in q.content]


def _head_variants(head: str, variants: set[str]) -> set[str]:
    """The related terms that are near forms of the asked noun (or its synonyms): "consultas"
    asked is not met by "consultorios"."""
    near = synonyms().get(head, frozenset())
    return {v for v in variants if v in near or _kin(head, frozenset({v}))}


def coverage(q: Query, zones: list[tuple[frozenset[str], float]], corpus: "Corpus",
             w: MatchWeights, weighted: Weighted | None = None) -> tuple[float, list[str]]:
    """Share of the question's idf-weighted terms found in ``zones`` (terms, credit), best
    zone per term; a related term (shared stem prefix) earns ``w.related`` of the credit."""
    got = total = 0.0
    missing: list[str] = []
    for t, weight, variants in weighted if weighted is not None else weigh(q, corpus, w):
        total += weight
        best = 0.0
        for bag, credit in zones:
            if t in bag:
                best = max(best, credit)
            elif variants and not variants.isdisjoint(bag):
                best = max(best, credit * w.related)
        if best == 0.0:
            missing.append(t)
        got += weight * best
    return (got / total if total else 0.0), missing


def _year_factor(q: Query, f: Fact, sentence: str, corpus: "Corpus",
                 w: MatchWeights) -> tuple[float, str]:
    if not q.years:
        return 1.0, ""
    if f.year in q.years:
        return 1.0, f"año {f.year}"
    # "¿cuántos desde 2020?" and "Desde 2020 a la fecha se han basificado 8 mil": a sum since
    # that year, whatever the year of its last day.
    since = _asked_since(q.text, q.years)
    if any(_since(y).search(sentence) for y in since):
        return 1.0, f"desde {since[0]}"
    # The asked year beside a figure that states its own other year ("en 2018 fueron 3 mil
    # 740 ... hoy se gradúan 4 mil 308") is another figure's year.
    if any(str(y) in sentence for y in q.years) and (f.time_phrase is None or f.year is None):
        return w.year_in_sentence, "año en la oración"
    text_year = corpus.bulletins[f.source].year
    if f.time_phrase is None:
        # The year was not stated with the figure: inherited from an earlier sentence, or the
        # text's own date. Weaker evidence either way.
        if text_year in q.years:
            return w.year_of_text, "año del texto"
        return (w.year_unknown if f.year is None else w.year_inherited), "año heredado"
    if f.modality == "meta" and text_year in q.years:
        return w.year_of_text, "meta anunciada ese año"
    return w.year_other, f"otro año ({f.year})"


@lru_cache(maxsize=256)
def _asked_since(question: str, years: tuple[int, ...]) -> tuple[int, ...]:
    """The asked years the question counts from ("¿cuántos desde 2020?"), once per question
    rather than once per figure."""
    folded = fold(question)
    return tuple(y for y in years if _since(y).search(folded))


@lru_cache(maxsize=64)
def _since(year: int) -> re.Pattern[str]:
    """ "desde 2020", "desde el año 2020", "a partir de 2020" (folded)."""
    return re.compile(r"\b(?:desde|a\s+partir\s+del?)\s+(?:el\s+)?(?:ano\s+)?" + str(year) + r"\b")


def _place_factor(q: Query, f: Fact, near: str, corpus: "Corpus",
                  w: MatchWeights) -> tuple[float, str]:
    """The asked state against the figure's own place, else the states named near it."""
    asked = set(q.places)
    if f.place:
        own = places().get(fold(f.place))
        return (1.0, "") if own in asked else (w.place_other, f"otro lugar ({f.place})")
    named = states_named(near)
    if asked <= named:
        return 1.0, ""
    text = corpus.states_named(f.source)
    heading = corpus.folded(f.source)[:200]
    if any(re.search(r"\b" + re.escape(name) + r"\b", near) or name in heading
           for name in q.names):
        # "el Hospital Rural Zacualtipán, en Hidalgo": the figure's passage (or the text's
        # heading) names the place the question names, and maybe the states it borders; the
        # state only locates it.
        return (1.0, "") if asked <= text else (w.place_in_text, "lugar no dicho")
    if named:
        return w.place_other, "otro lugar"
    if asked <= text:
        # Named only elsewhere in the text (an opening "estamos en Sonora"): the text's
        # setting when it names no other state.
        if text == asked or {corpus.setting(f.source)} == asked:
            return w.place_of_text, "lugar del texto"
        if {corpus.state_before(f.source, f.value_start)} == asked:
            # "… los avances en Nayarit … El abasto alcanzó el 98 %": a report that goes
            # state by state speaks of the last state it named until it names another.
            return w.place_of_text, "último lugar dicho"
        return w.place_in_text, "lugar dicho antes"
    return w.place_other, "otro lugar"


# "¿Cuántos miles de millones …?" counts no thing: its "head" is a scale word.
_SCALE_HEADS = frozenset({"mil", "millon"})


# Sums a share may be of ("el 0.57 % de comisión", "el 30 % del costo").
_SHARE_OF_MONEY = frozenset(term(w) for w in (
    "comision", "cuota", "cuotas", "saldo", "costo", "precio", "salario", "sueldo", "aportacion",
    "descuento", "monto", "pago", "ingreso", "presupuesto"))


_MONEY_NOUNS = re.compile(r"\b(?:dinero|pesos|dolares|monto|montos|recursos)\b")


@lru_cache(maxsize=256)
def _names_money(question: str) -> bool:
    """The question names money ("¿cuánto dinero aumentó …?"), read once per question."""
    return bool(_MONEY_NOUNS.search(fold(question)))


def _unit_factor(q: Query, f: Fact, w: MatchWeights, head: frozenset[str]) -> float:
    """How well the figure's unit fits the question; ``head`` is the noun the figure counts."""
    if q.percent:
        return 1.0 if f.unit == "percent" else w.unit_mismatch
    if q.amount and not q.money:
        # "¿de cuánto fue el aumento de puestos?" names what is counted: a count of it fits.
        counted = bool(head & set(q.content) - _GENERIC_HEADS)
        return 1.0 if f.unit != "count" or counted else w.count_for_amount
    if f.unit == "percent":
        # "¿Cuánto pagó el IMSS por la renta?" asks a sum: "el 20 % del equipo" is none; a share
        # of a sum ("el 60 por ciento de su salario") or a change ("¿cuánto creció el
        # presupuesto?") may answer it.
        of_money = bool(MONEY.search(fold(f"{f.measure} {f.qualifier or ''}"))
                        or _SHARE_OF_MONEY & head)
        if q.change and not _names_money(q.text):
            # "¿cuánto más ganan …?", "¿cuánto creció …?": a change is often a share ("¿cuánto
            # dinero aumentó …?" asks for the sum).
            return 1.0
        return w.unit_mismatch if q.money and q.how_much and not (
            q.direction or of_money) else w.percent_unasked
    if q.money:
        if f.unit in ("pesos", "dólares"):
            return 1.0
        # "¿Cuánto presupuesto se aprobó?": a count of plazas is no answer at all.
        return w.unit_mismatch if q.how_much else w.money_unmatched
    if f.unit in ("pesos", "dólares"):
        # "¿cuántos créditos …?", "el número de becas": a sum of money counts none of them.
        counted = q.head is not None and q.head not in _SCALE_HEADS
        return w.unit_mismatch if counted else w.money_unasked
    return 1.0


def _modality_factor(q: Query, f: Fact, w: MatchWeights) -> float:
    if f.modality == "meta":
        return 1.0 if q.goal else w.goal_unasked
    if f.modality == "antes":
        # "pasaron de 215 mil millones en 2018 a 401 mil millones": a start dated in its own
        # words is that year's figure, and answers a question of that year.
        dated = f.time_phrase is not None and f.year is not None and f.year in q.years
        return 1.0 if q.baseline or q.span or dated else w.baseline_unasked
    if f.modality == "cambio":
        return 1.0 if q.change else w.change_unasked
    return w.done_when_goal if q.goal else 1.0


def rank_facts(q: Query, corpus: "Corpus", w: MatchWeights) -> list[Candidate]:
    """Every fact that shares a term with the question, scored, best first."""
    index = corpus.terms
    sentences = index.candidates(list(q.content))
    # The sentence after a candidate is one too: "Llevamos 120, dos aquí." counts what the
    # sentence before named, and "El grado Cruz se entregará a 500 enfermeras. En este caso el
    # premio será de 50 mil pesos." answers of the grade the sentence before names.
    sentences |= {n for s in sentences if (n := index.neighbours(s)[1]) is not None
                  and corpus.sentence_facts.get(n)}
    weighted = weigh(q, corpus, w)
    out: list[Candidate] = []
    pinned = norm_no(q.bulletin) if q.bulletin else None
    part = bool(_ASKS_PART.search(fold(q.text)))
    begins = _asked_from(q)
    brief = _brief(q)
    in_text: dict[str, bool] = {}
    # The complement of the noun asked ("especialistas en traumatología"), its near forms.
    named_nouns = {q.head_of, *corpus.terms.variants(q.head_of)} if q.head_of else set()
    named: dict[int, bool] = {}
    participles = _participles(q)
    acts = _acts(q)

    def names_day(s: int, prev: int | None) -> bool:
        """Sentence ``s`` or the one before names the asked day or month, once per sentence."""
        if s not in named:
            start = index.sentences[prev if prev is not None else s][1]
            named[s] = brief is not None and _names_day(
                brief, corpus.bulletins[index.sentences[s][0]].text[start:index.sentences[s][2]])
        return named[s]

    def topic_mod(source: str) -> bool:
        """The asked subtype is a word of the whole text (its topic), once per text."""
        if source not in in_text:
            in_text[source] = mentions(q.head_mod or "", index.source_bags[source])
        return in_text[source]

    for s in sentences:
        source = index.sentences[s][0]
        bulletin = corpus.bulletins[source]
        said = q.said_on(bulletin.date)  # "según el informe del 28 de agosto"
        if pinned is not None and norm_no(bulletin.number) != pinned:
            continue  # "según el boletín 175/2022": only that bulletin answers
        if not corpus.sentence_facts.get(s):
            continue
        prev, nxt = index.neighbours(s)
        # "según Zoé Robledo", "en Mapastepec": a proper name is met by the text that names
        # it (a speaker's heading, a dateline), not only near the figure.
        names_met = q.name_terms & index.source_bags[source] if q.name_terms else frozenset()
        folded = corpus.folded(source)
        sentence_text = folded[index.sentences[s][1]:index.sentences[s][2]]
        context = [(index.bags[s], w.sentence)]
        if prev is not None:
            context.append((index.bags[prev], w.neighbour))
        if nxt is not None:
            context.append((index.bags[nxt], w.next_sentence))
        context.append((index.source_bags[source], w.text))
        if q.places:
            near = sentence_text + " " + (
                folded[index.sentences[prev][1]:index.sentences[prev][2]]
                if prev is not None else "")
        for i in corpus.sentence_facts.get(s, ()):
            f = corpus.facts[i]
            zones = [(corpus.fact_head[i], 1.0), (corpus.fact_local[i], w.local), *context]
            if prev is not None and f.measure == "cifra":
                zones.append((index.bags[prev], w.sentence))  # its noun is the one before's
            if names_met:
                zones.append((names_met, w.name_in_text))
            of_field = bool((corpus.fact_noun[i] - _GENERIC_HEADS - _UNIT_NOUNS) & named_nouns)
            people_of = bool(q.head in people() and corpus.fact_noun[i] & _ANY_PEOPLE
                             and (q.head in staff()) == bool(corpus.fact_local[i] & staff_cues()))
            acts_of = bool(acts & corpus.fact_noun[i])
            if (of_field or people_of or acts_of) and q.head is not None:
                # "tres traumatólogos" are "especialistas en traumatología", "45 personas" may
                # be the workers asked: the asked noun is met as a related word, and weighed
                # below (head_named, head_missing).
                zones.append((frozenset({q.head}), w.related))
            lex, missing = coverage(q, zones, corpus, w, weighted)
            reasons = [f"términos {lex:.2f}"]
            score = lex
            factor, why = _year_factor(q, f, sentence_text, corpus, w)
            score *= factor
            if why:
                reasons.append(why)
            if q.now and f.year is not None and f.modality != "meta" \
                    and f.year < (bulletin.year or f.year):
                # "¿cuánto personal tiene hoy?" and "hace 20 años inició con 38 personas".
                score *= w.past_for_now
                reasons.append(f"antes ({f.year})")
            if q.places:
                factor, why = _place_factor(q, f, near, corpus, w)
                score *= factor
                if why:
                    reasons.append(why)
            elif not q.places and f.place:
                # "¿cuántas salas hay en el país?": a state's figure is no national one.
                score *= w.place_for_national if q.national else w.place_unasked
                if q.national:
                    reasons.append(f"de un estado ({f.place})")
            if q.names and q.names.isdisjoint(corpus.bulletin_stems[f.source]):
                # "en Mapastepec y en San Cayetano": each text may answer for one of them.
                score *= w.name_other
                reasons.append("otro nombre")
            elif q.names and not q.names <= corpus.bulletin_stems[f.source]:
                # "según Zoé Robledo en Guamúchil": a text of the speaker that never names the
                # place is a weaker match than one that names both.
                score *= w.name_partial
                reasons.append("falta un nombre")
            if q.span and change_ends(i, corpus) is None:
                # "¿De qué porcentaje a qué porcentaje pasó?": a figure that is no end of a
                # change answers half of it at best.
                score *= w.span_unpaired
                reasons.append("sin cambio")
            score *= _unit_factor(q, f, w, corpus.fact_head[i]) * _modality_factor(q, f, w)
            if q.rates and not set(q.rates) <= set(corpus.fact_rates[i]):
                score *= w.rate_missing
                reasons.append("sin " + ",".join(q.rates))
            if q.direction and corpus.fact_direction[i] not in (None, q.direction):
                # "¿cuántos empleos se crearon?" and "se eliminaron 34 mil empleos".
                score *= w.direction_other
                reasons.append("sentido contrario")
            if float(f.value) in q.stated:
                score *= w.stated_in_question
                reasons.append("cifra de la pregunta")
            if q.head is not None:
                if q.head in corpus.fact_head[i]:
                    noun = corpus.fact_noun[i]
                    if q.head not in noun and not noun <= _GENERIC_HEADS:
                        # "37 hospitales para cirugía" for "¿cuántas cirugías?": its kind,
                        # not what it counts.
                        score *= w.head_kind
                        reasons.append("cuenta otra cosa de " + q.head)
                elif _kin(q.head, corpus.fact_head[i]) or (
                        q.head in corpus.fact_local[i]
                        and corpus.fact_head[i] <= _GENERIC_HEADS) or (
                        synonyms().get(q.head, frozenset()) & corpus.fact_noun[i]):
                    # "¿cuántos empleos?" and "84,857 puestos": a near-synonym is near.
                    score *= w.head_near
                elif acts_of:
                    # "¿cuántos bebés nacieron?" and "633 nacimientos": one act per person.
                    score *= w.head_near
                    reasons.append("cuenta " + ",".join(sorted(corpus.fact_noun[i] & acts)))
                elif corpus.fact_noun[i] & _UNIT_NOUNS and q.head not in _UNIT_NOUNS:
                    # "¿cuántos médicos egresaron?" and "son de tres años": a span of time or a
                    # distance counts no things.
                    score *= w.head_unit
                    reasons.append("otra magnitud")
                elif people_of and q.head in _WORKFORCE and corpus.fact_local[i] & staff_cues():
                    # "¿con cuánto personal arrancó?" and "una plantilla de 38 personas": a
                    # workforce counted in persons is the staff asked.
                    score *= w.head_near
                elif q.head in _PEOPLE_HEADS or people_of:
                    # "¿cuánta gente trabajará en las plazas?", "¿cuántas personas integran el
                    # equipo?", "¿de cuántos trabajadores es el equipo?" and "un equipo de 209
                    # personas": people are counted under many nouns.
                    score *= w.head_missing
                    reasons.append("no cuenta " + q.head)
                elif q.head in corpus.fact_local[i]:
                    # "vacunas ... a los menores de 5 años": the figure counts another noun.
                    score *= w.head_other
                    reasons.append("cuenta otra cosa")
                elif q.head in index.bags[s] or _kin(q.head, index.bags[s]) or (
                        f.measure == "cifra" and prev is not None
                        and (q.head in index.bags[prev] or _kin(q.head, index.bags[prev]))):
                    # A bare figure ("Llevamos 120.") counts what the sentence before named.
                    score *= w.head_missing
                    reasons.append("no cuenta " + q.head)
                elif of_field:
                    # "¿cuántos especialistas en traumatología …?" and "tres traumatólogos":
                    # the figure counts what the question names as its noun's complement.
                    score *= w.head_named
                    reasons.append("cuenta " + ",".join(sorted(corpus.fact_noun[i])))
                elif corpus.fact_noun[i] & participles:
                    # "¿cuántos niños estaban inscritos?" and "tenemos inscritos 210 mil": the
                    # figure counts the asked noun by the state the question gives it.
                    score *= w.head_near
                    reasons.append("cuenta " + ",".join(sorted(corpus.fact_noun[i])))
                else:
                    score *= w.head_absent
                    reasons.append("no habla de " + q.head)
            own_mod = corpus.fact_mod[i]
            if q.head_mod and own_mod is not None and own_mod != q.head_mod \
                    and own_mod not in q.content \
                    and not mentions(q.head_mod, corpus.fact_head[i]) \
                    and any(corpus.fact_mod[j] == q.head_mod for j in corpus.sentence_facts[s]):
                # "400 estudios de laboratorio y 20 estudios de rayos X": the figure names its
                # own subtype; the asked one is another figure's of its sentence.
                score *= w.subtype_other
                reasons.append(f"otro tipo ({own_mod})")
            elif q.head_mod and own_mod is None and corpus.fact_subtype[i] is None \
                    and _breakdown(corpus, s, q.head_mod):
                # "5 mil 200 consultas; entre ellas, 900 de cardiología, 400 de nefrología":
                # the asked subtype is one of the parts its sentence lists; this is the total.
                # (One other kind is no list: "520 sillas de ruedas; en total 4 mil 100 sillas".)
                score *= w.subtype_missing
                reasons.append("el total, no " + q.head_mod)
            elif q.head_mod and not mentions(q.head_mod, corpus.fact_head[i], corpus.fact_local[i],
                                          index.bags[s]):
                # "cuántas consultas de especialidad": the subtype must be in the figure's
                # sentence; "consultas de medicina familiar" is another one.
                mod = corpus.fact_mod[i]
                other = mod is not None and mod != q.head_mod and mod not in q.content
                if not other and mod is None and topic_mod(source):
                    # "las 975 vacunas" in a text about COVID vaccines: its topic's subtype.
                    score *= w.subtype_in_text
                    reasons.append(q.head_mod + " en el texto")
                else:
                    score *= w.subtype_other if other else w.subtype_missing
                    reasons.append(f"otro tipo ({mod})" if other else "sin " + q.head_mod)
            if q.event_nums and not _same_event(q, f):
                score *= w.event_other
                reasons.append("otro evento")
            if said is False or (said is None and q.said_start):
                # "según el informe del 28 de agosto": another statement's figure.
                score *= w.said_other if said is False else w.said_undated
                reasons.append("otro informe" if said is False else "informe sin fecha")
            if (begins and bulletin.date and not begins.startswith("--")
                    and begins > bulletin.date and f.modality != "meta"):
                # "al cierre de 2020" and a report of March 2020: what it says had happened
                # cannot be that period's (a goal for it can).
                score *= w.period_after_text
                reasons.append("periodo posterior al texto")
            elif q.period_end and not _overlaps(q, f, bulletin.date):
                # A period carried over from an earlier sentence is weaker evidence than one
                # stated with the figure.
                stated = f.time_phrase or find_times(
                    bulletin.text[f.sentence_start:f.sentence_end])
                score *= w.period_other if stated else w.period_inherited
                reasons.append("otro periodo")
            elif (brief is not None and f.period_end is None and bulletin.date
                  and not brief[0] <= bulletin.date <= brief[2]
                  and not (q.goal and f.modality == "meta" and brief[0] > bulletin.date
                           and brief[0][:4] == bulletin.date[:4])
                  and not names_day(s, prev)):
                # "al 26 de marzo de 2020" asked: a figure stated without a period in a text of
                # June counts June's beds, unless its sentence or the one before names the day.
                # A plan for later in its text's year is stated before the time it is for
                # ("vamos a llegar a 144" in March, asked for December).
                if f.time_phrase is not None and any(
                        off == 0 for _, _, off in relative_times(fold(f.time_phrase))):
                    # "a la fecha hay 124 mil empresas": stated of its text's own day, which
                    # is not the asked one.
                    score *= w.period_other
                    reasons.append(f"otra fecha («{f.time_phrase}»)")
                else:
                    score *= w.period_of_text
                    reasons.append("texto de otra fecha")
            if part and (_WHOLE.search(folded, max(0, f.value_start - 40), f.value_start)
                         or _WHOLE_BEFORE.match(folded, f.value_end, f.value_end + 80)):
                # "¿cuántas de las nuevas plazas ...?" asks for a part; "de las 19 mil
                # plazas, 10 mil ..." states the whole first.
                score *= w.whole_for_part
                reasons.append("el total, no la parte")
            if REPLACED.match(folded, f.end):
                # "ya no operará solamente 80 hospitales, sino 331": the figure the text
                # corrects is not what it states.
                score *= w.replaced
                reasons.append("la corrige otra cifra")
            if f.approx:
                score *= w.approx
            if missing:
                reasons.append("faltan " + ",".join(missing))
            out.append(Candidate(i, f, score, tuple(reasons)))
    if not q.places:
        out = _parts_below_whole(out, corpus, w)
    if q.head_mod is None:
        out = _subtypes_below_total(q, out, corpus, w)
    out.sort(key=_order)
    return out


def _breakdown(corpus: "Corpus", s: int, asked: str) -> bool:
    """Whether sentence ``s`` lists the figures of several subtypes, ``asked`` among them."""
    kinds = {corpus.fact_subtype[j] for j in corpus.sentence_facts[s]} - {None}
    return asked in kinds and len(kinds) > 1


def _subtypes_below_total(q: Query, out: list[Candidate], corpus: "Corpus",
                          w: MatchWeights) -> list[Candidate]:
    """A question that asks no subtype, and a sentence that states a total and then its parts
    ("2 mil 794 consultas, de las cuales mil 110 de ginecología"): a subtype the question
    does not name is a part of the total it asks."""
    def part(c: Candidate, total: Candidate) -> bool:
        """A subtype the question does not name, after its total in the total's sentence."""
        mod = corpus.fact_subtype[c.index]
        return mod is not None and mod not in q.content \
            and total.fact.sentence_start == c.fact.sentence_start \
            and total.fact.start < c.fact.start

    return _below_larger(out, corpus, w, lambda c: corpus.fact_subtype[c.index] is None, part,
                         w.subtype_beside_total, "un tipo, no el total")


def _parts_below_whole(out: list[Candidate], corpus: "Corpus",
                       w: MatchWeights) -> list[Candidate]:
    """A question that names no place, and a text that counts the same noun with no place
    beside a state's count ("ya entregamos 11 mil tarjetas … En Sonora se entregaron 120
    tarjetas"): the state's is a part of the whole the question asks (not «De ese total, 300
    …», a part stated after its state's whole: the whole is larger)."""
    return _below_larger(out, corpus, w, lambda c: c.fact.place is None,
                         lambda c, whole: bool(c.fact.place), w.place_beside_whole,
                         "parte de un total del texto")


def _below_larger(out: list[Candidate], corpus: "Corpus", w: MatchWeights,
                  whole: Callable[[Candidate], bool], part: Callable[[Candidate, Candidate], bool],
                  factor: float, reason: str) -> list[Candidate]:
    """``out`` with each figure that is a ``part`` of a ``whole`` of its text scored by
    ``factor``: the whole ranks above ``min_fact_score``, is no goal, and is a larger figure
    of the same noun and unit."""
    wholes: dict[str, list[Candidate]] = {}
    for c in out:
        if whole(c) and c.score >= w.min_fact_score and c.fact.modality != "meta":
            wholes.setdefault(c.fact.source, []).append(c)

    def below(c: Candidate) -> bool:
        return any(o.fact.value > c.fact.value and o.fact.unit == c.fact.unit
                   and corpus.fact_noun[c.index] & corpus.fact_noun[o.index] and part(c, o)
                   for o in wholes.get(c.fact.source, ()))

    return [replace(c, score=c.score * factor, reasons=(*c.reasons, reason)) if below(c) else c
            for c in out]


# A figure that another replaces: "80 hospitales rurales, sino 331", "50 médicos sino 75".
REPLACED = re.compile(
    INSTEAD + r"(?:\d|(?:un|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|cien|mil)\b)")
_ASKS_PART = re.compile(r"\bcuant[oa]s\s+de\s+(?:los|las|estos|estas|esos|esas)\b"
                        # "de las plazas de urgencias, ¿cuántas eran para especialistas?"
                        r"|\bde\s+(?:los|las|estos|estas|esos|esas)\s+[^,¿?]{3,80},\s*¿?\s*"
                        r"cuant[oa]s\b")
# "12.3 millones de mexicanos, de los cuales 4.5 viven en comunidades indígenas"
_WHOLE_BEFORE = re.compile(r"[^.;:,]{0,60},\s*(?:de\s+(?:los|las)\s+cuales|de\s+ell[oa]s)\b")
_WHOLE = re.compile(r"\bde\s+(?:los|las|estos|estas|esos|esas)\s+(?:mas\s+de\s+|cerca\s+de\s+"
                    r"|casi\s+|poco\s+mas\s+de\s+)?$")


# A plural participle after a verb of state ("estaban inscritos", "siguen hospitalizados",
# "hay vacunadas"), not a noun that looks like one ("en los estados").
_PARTICIPLE = re.compile(r"\b(?:esta\w*|son|eran|fueron|sido|qued\w+|sigue\w*|encuentra\w*|hay"
                         r"|habia\w*|ya)\s+(?:[a-z]+mente\s+|ya\s+|aun\s+)?"
                         r"([a-z]{3,}(?:ad|id|it|ect|iert|uest|ech)[oa]s)\b")


def _participles(q: Query) -> frozenset[str]:
    """Terms of the plural participles the question gives the asked noun ("¿cuántos niños
    estaban inscritos?"), the state of what it counts."""
    return frozenset(term(m.group(1)) for m in _PARTICIPLE.finditer(fold(q.text))) - {q.head}


def _acts(q: Query) -> frozenset[str]:
    """What the asked people do, as the noun a text counts it by: "¿cuántos bebés nacieron?" is
    answered by "633 nacimientos" (a short verb stem and a noun suffix: ``derivations``). The
    verb's own stem is not enough: "¿cuántos niños se vacunaron?" is no count of "vacunas"
    (doses), "¿cuántos médicos se contrataron?" none of "contratos"."""
    if q.head is None or q.head not in people():
        return frozenset()
    out = {d for v in q.content_verbs for d in derivations(v)}
    return frozenset(out - people() - _GENERIC_HEADS - _UNIT_NOUNS)


def _order(c: Candidate) -> tuple[float, str, int]:
    return -c.score, c.fact.source, c.fact.start


def nudge(ranked: list[Candidate], semantic: dict[str, list[tuple[int, int, int]]],
          w: MatchWeights) -> list[Candidate]:
    """``ranked`` with the embedder's view added, best first again.

    ``semantic`` maps a source to the (start, end, rank) of the passages the embedder found
    nearest the question: a figure inside one earns a bonus that shrinks with the rank.
    """
    out: list[Candidate] = []
    for c in ranked:
        ranks = [r for a, b, r in semantic.get(c.fact.source, ())
                 if a <= c.fact.value_start < b]
        if ranks:
            c = replace(c, score=c.score * (1 + w.semantic / (1 + min(ranks))),
                        reasons=(*c.reasons, f"pasaje cercano #{min(ranks) + 1}"))
        out.append(c)
    out.sort(key=_order)
    return out


def _same_event(q: Query, f: Fact) -> bool:
    from index.events import find_events

    if f.event is None and f.qualifier:
        # "112 millones adicionales para una tercera etapa": the stage named in lower case in
        # the figure's own words is the asked one.
        return any(e.nums == q.event_nums and (q.event_noun is None
                                               or term(e.noun) == term(q.event_noun))
                   for e in find_events(f.qualifier, require_caps=False))
    if len(q.event_nums) == 1:
        return f.event_num == q.event_nums[0]

    events = find_events(f.event or "", require_caps=False) if f.event else []
    return any(e.nums == q.event_nums for e in events)


def _overlaps(q: Query, f: Fact, said: str | None = None) -> bool:
    """The fact's stated period meets the asked one (true when either lacks full dates);
    ``said`` is the date of the fact's text.

    A period with an end and no start ("al 30 de abril de 2024": a count as of that day) is
    the one day it names.
    """
    asked = _span(q.period_start, q.period_end)
    stated = _span(f.period_start, f.period_end)
    if asked is None or stated is None:
        return True
    if not (stated[0] <= asked[1] and asked[0] <= stated[1]):
        return False
    if f.period_start is None or q.period_start is None:
        return True  # a count as of a day falls in the asked period, or on the asked day
    # "de enero a octubre" asked: June's figure is a part of it. A month asked may be answered
    # by some days of it ("del 1 al 3 de marzo"), a season or a span of years by a part.
    days, have = _days(asked), _days(stated)
    if have > days * 1.1 and days < 365 and not (
            q.as_of and said is not None and asked[0] <= said <= asked[1]):
        # "en los primeros seis meses": the ten months' figure is of another; but "a finales
        # de enero" is a moment, which a quarter's figure told that month takes in.
        return False
    return 31 >= days or days >= 365 or have >= days * 0.9


def _brief(q: Query) -> tuple[str, str, str] | None:
    """A day or a month asked («al 26 de marzo de 2020», «en abril de 2024»): its first and
    last days, and the last day a text reporting on it may bear (a month later)."""
    asked = _span(q.period_start, q.period_end)
    if asked is None or _days(asked) > 31:
        return None
    return asked[0], asked[1], (date.fromisoformat(asked[1]) + timedelta(days=31)).isoformat()


def _names_day(brief: tuple[str, str, str], text: str) -> bool:
    """``text`` names a day or month that meets the asked one (a date without a year matches
    on month and day); a longer period («en 2020») names no day."""
    for t in find_times(text):
        t = with_year(t, int(brief[0][:4]))
        end = t.period_end or t.period_start
        if end is None:
            continue
        start = t.period_start or end
        try:
            if _days((start, end)) > 31:
                continue
        except ValueError:  # "--02-29" read in a year without it
            continue
        if start <= brief[1] and brief[0] <= end:
            return True
    return False


def _days(span: tuple[str, str]) -> int:
    return (date.fromisoformat(span[1]) - date.fromisoformat(span[0])).days + 1


def _span(start: str | None, end: str | None) -> tuple[str, str] | None:
    """(first, last) day of a period whose dates are full, or None."""
    if not end or end.startswith("--") or (start and start.startswith("--")):
        return None
    return (start or end, end)


def _asked_from(q: Query) -> str | None:
    """The first day of the asked period: the day itself for "al 31 de diciembre de 2024"."""
    return q.period_start or q.period_end


_GENERIC_HEADS = frozenset(term(m) for m in BARE_MEASURES)
_PEOPLE_HEADS = frozenset(term(w) for w in ("personas", "gente", "personal"))
# The nouns of a whole workforce, whatever its trades: "personal", "trabajadores", "plantilla".
_WORKFORCE = frozenset(term(w) for w in ("personal", "trabajadores", "trabajadoras",
                                         "empleados", "empleadas", "colaboradores", "plantilla"))
# The nouns any people are counted in ("un equipo de 209 personas").
_ANY_PEOPLE = frozenset(term(w) for w in ("personas", "gente", "mexicanos", "mexicanas",
                                          *gentilics()))  # "nacen cinco oaxaqueños"
# Units of measure (time, distance; money when a figure's noun is its currency): a figure of
# one counts no things.
_UNIT_NOUNS = frozenset(term(w) for w in (
    "kilometros", "metros", "hectareas", "toneladas", "litros", "kilos", "pesos", "dolares",
    *TIME_UNITS))


def _related(t: str, bag: frozenset[str]) -> bool:
    key = prefix(t)
    return (key is not None and any(prefix(b) == key for b in bag)) or bool(
        derivations(t) & bag)


def _kin(head: str, bag: frozenset[str]) -> bool:
    """A term of ``bag`` is a near form of the asked noun ``head``: a shared prefix and at most
    one more letter on either side ("enfermer" ~ "enfermeri"), or a noun derived from the
    same short stem ("nac" ~ "nacimient").

    A longer derivation names another thing: "medicament" or "medicin" is no "medic",
    "consultori" or "consultor" no "consult", "hospitaliz" no "hospital", "donacion" no
    "donant", though they share a prefix.
    """
    key = prefix(head)
    for b in bag if key is not None else ():
        if prefix(b) == key:
            common = len(os.path.commonprefix([head, b]))
            if len(head) - common <= 1 and len(b) - common <= 1:
                return True
    return bool(derivations(head) & bag)


def counts_head(head: str, bag: frozenset[str]) -> bool:
    """A figure whose own words are ``bag`` counts the asked noun, or a near form of it."""
    return head in bag or _kin(head, bag) or bool(synonyms().get(head, frozenset()) & bag)


def mentions(t: str, *bags: frozenset[str]) -> bool:
    """Term ``t`` or a related word of it (a shared stem prefix, a derivation) is in one of
    ``bags``: the asked subtype or list noun is named there."""
    return any(t in bag or _related(t, bag) for bag in bags)


def _same(a: Fact, b: Fact) -> bool:
    return a.value == b.value and a.unit == b.unit


def choose(ranked: list[Candidate], w: MatchWeights, corpus: "Corpus | None" = None,
           q: Query | None = None) -> list[Candidate]:
    """The best fact, and the others that answer as well.

    Others are figures within ``w.alt_margin`` of the best stated in another sentence, and —
    when they count the same thing in the same way (same counted noun, same modality) but
    come from another text or another year — figures scoring ``w.agree_ratio`` of the best:
    the same measure reported at other dates is an answer too, each with its own scope.
    """
    if not ranked or ranked[0].score < w.min_fact_score:
        return []
    best = ranked[0]
    if corpus is not None and _headline(corpus.bulletins[best.fact.source].text, best.fact):
        # A headline repeats what the body says with its context: the body's sentence with
        # the same figure is the one to quote.
        body = next((c for c in ranked[1:] if c.fact.source == best.fact.source
                     and _same(c.fact, best.fact) and c.score >= best.score * w.body_ratio
                     and c.fact.sentence_start > best.fact.sentence_end), None)
        if body is not None:
            best = body
            ranked = [body, *[c for c in ranked if c is not body]]
    if q is not None and q.span and corpus is not None:
        # "¿De qué porcentaje a qué porcentaje pasó?": the change the best figure is an end of.
        pair = change_pair(best, ranked, corpus)
        if pair:
            return pair
    chosen = [best]
    # When the best figure counts the asked noun, an answer as good counts it too (or names no
    # noun): "1,592 claves de medicamentos" is no second answer to "¿cuántos médicos?" beside
    # "880 médicos".
    noun = q.head if q is not None and corpus is not None and q.head is not None and \
        counts_head(q.head, corpus.fact_noun[best.index]) else None
    asked = frozenset(q.content) if q is not None else frozenset()
    for c in ranked[1:]:
        if c.score < w.min_fact_score * w.agree_ratio or len(chosen) >= 4 * w.max_answers:
            break
        if any((c.fact.source, c.fact.sentence_start) == (x.fact.source, x.fact.sentence_start)
               for x in chosen):
            continue
        if any(_same(c.fact, x.fact) and c.fact.source == x.fact.source for x in chosen):
            continue
        close = c.score >= best.score - w.alt_margin and c.score >= w.min_fact_score and (
            noun is None or corpus is None or counts_head(noun, corpus.fact_noun[c.index])
            or corpus.fact_noun[c.index] <= _GENERIC_HEADS  # "alcanzan 58.9 millones"
            or not corpus.fact_noun[c.index].isdisjoint(asked))  # "niños ... inscritos"
        if close or (c.score >= best.score * w.agree_ratio and _agrees(c, best, corpus, q)):
            chosen.append(c)
    for c in ranked[1:] if _distinctive(best.fact) else ():
        # Another text states the best figure itself: a second source, whatever its words.
        if c.fact.source != best.fact.source and _same(c.fact, best.fact) and all(
                c.fact.source != x.fact.source for x in chosen):
            chosen.append(c)
    # Other texts first: the same count reported on another date is an answer of its own;
    # more figures of the best one's text are usually its parts (by state, by stage).
    rest = sorted(chosen[1:], key=lambda c: c.fact.source == best.fact.source)
    return [best, *rest][:w.max_answers]


def change_ends(i: int, corpus: "Corpus") -> tuple[int, int] | None:
    """The start and the end of the change fact ``i`` is one end of ("pasamos del 78 % de las
    recetas surtidas a un 99.7 %"), as fact indices: the start is a figure of modality
    "antes", the end the next figure of its sentence in the same unit. None when ``i`` belongs
    to no change."""
    s = corpus.fact_sentence.get(i)
    if s is None:
        return None
    unit = corpus.facts[i].unit
    same = sorted((k for k in corpus.sentence_facts.get(s, ()) if corpus.facts[k].unit == unit),
                  key=lambda k: corpus.facts[k].value_start)
    if i not in same:
        return None
    at = same.index(i)
    start, end = (at, at + 1) if corpus.facts[i].modality == "antes" else (at - 1, at)
    if start < 0 or end >= len(same) or corpus.facts[same[start]].modality != "antes" \
            or corpus.facts[same[end]].modality == "antes":
        return None
    return same[start], same[end]


def change_pair(best: Candidate, ranked: list[Candidate], corpus: "Corpus") -> list[Candidate]:
    """The start and the end of the change ``best`` is one end of (``change_ends``), as ranked
    candidates; empty when it belongs to no change."""
    ends = change_ends(best.index, corpus)
    if ends is None:
        return []
    scored = {c.index: c for c in ranked}
    return [scored.get(k) or Candidate(k, corpus.facts[k], best.score, ("otro extremo",))
            for k in ends]


def _distinctive(f: Fact) -> bool:
    """A figure two texts would not share by chance ("1,546 residentes"): three significant
    digits at least, not a small or round number ("12", "1,000")."""
    return len(f"{float(f.value):.6f}".replace(".", "").strip("0")) >= 3


def _headline(text: str, f: Fact) -> bool:
    """A line of its own near the top with no final point: a headline ("39 trabajadores han
    enfermado. Tres de ellos murieron" is one line, two sentences)."""
    start = text.rfind("\n", 0, f.value_start) + 1
    end = text.find("\n", f.value_start)
    line = text[start:end if end >= 0 else len(text)].rstrip()
    return start < 300 and not line.endswith((".", "!", "?", "…", ";"))


def _agrees(c: Candidate, best: Candidate, corpus: "Corpus | None", q: Query | None) -> bool:
    """Same thing counted the same way, in another text or for another year."""
    if corpus is None or c.fact.modality != best.fact.modality or c.fact.unit != best.fact.unit:
        return False
    if c.fact.source == best.fact.source and c.fact.year == best.fact.year:
        return False
    if q is not None and q.now and c.fact.source == best.fact.source:
        return False  # "¿cuántos hay hoy?": the text's earlier figure is its past, no answer
    head = q.head if q is not None and q.head else None
    mine, theirs = corpus.fact_head[c.index], corpus.fact_head[best.index]
    if head is not None:
        return head in mine or _kin(head, mine)
    return bool(mine & theirs - _GENERIC_HEADS)
