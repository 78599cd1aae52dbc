"""The strict lexicon path: figures of exactly the kind a lexicon measure names, the passage
scorer for named events and bulletins, and abstention with the closest figures."""

from __future__ import annotations

import re

from langchain_core.documents import Document

from assistant.corpus import Corpus, norm_no
from assistant.format import format_value, period_words
from assistant.intent import PERSON_NAME, TOTAL
from assistant.query import Query
from assistant.rank import REPLACED
from assistant.terms import synonyms, term
from assistant.types import NOT_FOUND, Answer, Citation
from assistant.vocab import canonicalize, stems
from index.dates import answers_when, find_times, parse_iso
from index.fold import fold
from index.types import Fact

MAX_ITEMS = 8
_PHONE = re.compile(r"\b\d{2,4}(?:[ .-]\d{2,4}){2,4}\b")


# -- facts --------------------------------------------------------------------------------------

def _md(value: str) -> tuple[int, int]:
    _, m, d = parse_iso(value)
    return m, d


def _within(fact: Fact, start: str | None, end: str | None) -> bool:
    """The fact's period lies inside the asked one; a year is compared only where both give it."""
    if fact.period_start is None and fact.period_end is None:
        return False
    for asked, got, side in ((start, fact.period_start, "start"), (end, fact.period_end, "end")):
        if asked is None:
            continue
        if got is None:
            return False
        ya, yg = parse_iso(asked)[0], parse_iso(got)[0]
        if ya is not None and yg is None:
            return False
        if ya is not None and yg is not None:
            ok = got >= asked if side == "start" else got <= asked
        else:
            ok = _md(got) >= _md(asked) if side == "start" else _md(got) <= _md(asked)
        if not ok:
            return False
    return True


def _passes_constraints(q: Query, f: Fact, corpus: Corpus) -> bool:
    if q.year is not None and f.year != q.year:
        return False
    if (q.period_start or q.period_end) and not _within(f, q.period_start, q.period_end):
        return False
    if q.event_nums:
        if len(q.event_nums) == 1 and f.event_num != q.event_nums[0]:
            return False
        if len(q.event_nums) > 1 and not _plural_event_matches(q, f):
            return False
    if q.bulletin and norm_no(corpus.bulletins[f.source].number) != norm_no(q.bulletin):
        return False
    return q.said_on(corpus.bulletins[f.source].date) is not False


def _plural_event_matches(q: Query, f: Fact) -> bool:
    from index.events import find_events

    events = find_events(f.event or "", require_caps=False) if f.event else []
    if not events:
        events = find_events("las " + (f.event or ""), require_caps=False)
    return any(e.nums == q.event_nums for e in events)


_RATIO = re.compile(r"\bpor\s+cada\b")


def match_facts(q: Query, corpus: Corpus) -> list[Fact]:
    """Facts that answer ``q``: every key term matched, constraints met, measure named."""
    keys = set(q.keys)
    # "¿cuántas consultas en unidades de medicina familiar ...?": the first measure named after
    # "cuántos" is what is counted; a figure of another measure there ("36 unidades") is not.
    # A ratio ("camas por cada mil derechohabientes") may be stated under either noun.
    counted = next((k for k in q.keys if k in corpus.vocab.measure), None) \
        if q.head is not None and not _RATIO.search(fold(q.text)) else None
    out = []
    for i in corpus.candidates(q):
        f, (m, qual, ev) = corpus.facts[i], corpus.stems[i]
        if (f.source, f.value_start) in q.answered or not _passes_constraints(q, f, corpus):
            continue
        if q.number is not None:
            out.append(f)  # a bare number asks where that figure comes from
            continue
        if q.percent != (f.unit == "percent"):
            continue
        if keys:
            own = m | qual | ev
            # A kind of this measure ("córnea" for trasplantes) must be the fact's own; other
            # words may come from its sentence ("la recuperación" of a percentage).
            if not corpus.strict_keys(i, keys) <= own:
                continue
            if not keys <= own | corpus.sentence_stems[i]:
                continue
            # A percentage's measure is what it is a share of; the thing asked about may be
            # named only in its sentence ("un aumento de 18.4 % en las donaciones").
            if not q.percent and not keys & (m | qual):
                continue
            if counted is not None and not q.percent and counted not in m:
                continue
        elif not q.percent:
            continue
        # Other words of the question ("en Nuevo León", "durante la pandemia") must at least be
        # words of the fact's bulletin: a figure from elsewhere answers another question.
        context = set(q.terms) - keys
        if context and not context <= corpus.bulletin_stems[f.source]:
            continue
        out.append(f)
    return out


def _md_or_none(value: str | None) -> tuple[int, int] | None:
    return _md(value) if value else None


def _same_statement(a: Fact, b: Fact) -> bool:
    if (a.source, a.measure, a.qualifier, a.value, a.unit) != (b.source, b.measure, b.qualifier,
                                                              b.value, b.unit):
        return False
    if a.event is None or b.event is None:
        return a.event == b.event and (a.period_start, a.period_end) == (b.period_start,
                                                                         b.period_end)
    ea, eb = fold(a.event), fold(b.event)
    return ea.startswith(eb) or eb.startswith(ea)


def _compatible(approx: Fact, exact: Fact) -> bool:
    """An approximate figure consistent with an exact one ("más de 6.5 millones" ~ 6,552,794)."""
    a, e = approx.value, exact.value
    kind = fold(approx.approx or "")
    if kind.startswith(("mas de", "poco mas", "arriba", "superior", "mayor", "al menos",
                        "por lo menos")):
        return e >= a and e <= a * 1.25
    if kind.startswith("casi") or kind.startswith("menos de") or kind == "hasta":
        return e <= a and e >= a * 0.8
    return abs(e - a) <= 0.1 * a


def select(q: Query, facts: list[Fact], corpus: Corpus) -> list[Fact]:
    """Keep what a reader wants: totals when no kind was asked, one of each repeated mention."""
    keys = set(q.keys)
    # "¿cuántas atenciones?" asks for atenciones, not for "niveles de atención": when some
    # figures count what the question names, the ones that only mention it go.
    named = keys & corpus.vocab.measure
    if named:
        counting = [f for f in facts if named & corpus.stems[corpus.index_of(f)][0]]
        facts = counting or facts
    # "ya no operará 80 hospitales, sino 331": the figure the text corrects goes.
    facts = [f for f in facts if not REPLACED.match(corpus.folded(f.source), f.end)] or facts
    by_source: dict[str, list[Fact]] = {}
    for f in facts:
        by_source.setdefault(f.source, []).append(f)
    total = bool(TOTAL.search(fold(q.text)))  # "¿cuántos en total?": the parts are summed
    chosen: list[Fact] = []
    for group in by_source.values():
        # Per noun, the figures that say no more than was asked: "detecciones de diabetes"
        # is answered by the diabetes figure, not by one of "hipertensión, diabetes y cáncer";
        # "¿cuántas consultas?" (no subtype asked) by the total, not by its parts "de
        # cardiología", "de urgencias" (which "¿cuántas en total?" sums, or checks the total by).
        # A word the question asks in other words is not more: "¿cuántos pacientes
        # hospitalizados?" is answered by "40 pacientes internados", before a bare "300
        # pacientes" of the outpatient clinic.
        by_measure: dict[str, list[tuple[tuple[int, int], Fact]]] = {}
        for f in group:
            m, qual, _ = corpus.stems[corpus.index_of(f)]
            asked = {w for w in (m | qual) - keys if _asks(q, w)}
            noun = f.measure if q.head_mod or total else fold(f.measure).split()[0]
            by_measure.setdefault(noun, []).append(
                ((len((m | qual) - keys - asked), -len(asked)), f))
        for items in by_measure.values():
            fewest = min(extra for extra, _ in items)
            chosen.extend(f for extra, f in items if extra == fewest)
    if not q.head_mod and not total:
        # "3 mil cirugías de ortopedia; de ellas, mil 100 de cadera, 800 de rodilla": with no
        # kind asked, the figures a sentence lists after a larger one of their noun, past "de
        # ellas" or a colon, are its parts.
        chosen = [f for f in chosen if not any(
            g.source == f.source and g.sentence_start == f.sentence_start and g.start < f.start
            and g.value > f.value and g.unit == f.unit and g.place == f.place
            and (g.period_start, g.period_end, g.year, g.modality)
            == (f.period_start, f.period_end, f.year, f.modality)
            and fold(g.measure).split()[0] == fold(f.measure).split()[0]
            and _BREAKDOWN.search(corpus.folded(f.source), g.end, f.start) for g in chosen)]
    if q.period_start or q.period_end:
        same = [f for f in chosen if (f.period_start, f.period_end) == (q.period_start, q.period_end)
                or (_md_or_none(f.period_start), _md_or_none(f.period_end))
                == (_md_or_none(q.period_start), _md_or_none(q.period_end))]
        chosen = same or chosen
    # One row per figure: the same value and measure in one bulletin, for the same event, is one
    # statement however often it is repeated (a headline and its body).
    unique: list[Fact] = []
    for f in chosen:
        twin = next((i for i, g in enumerate(unique) if _same_statement(f, g)), None)
        if twin is None:
            unique.append(f)
        elif unique[twin].period_start is None and f.period_start is not None:
            unique[twin] = f
    # Drop an approximation when an exact figure for the same thing agrees with it.
    kept = []
    for f in unique:
        if f.approx and any(
                g is not f and not g.approx and g.source == f.source and g.measure == f.measure
                and g.qualifier == f.qualifier and _compatible(f, g) for g in unique):
            continue
        kept.append(f)
    kept.sort(key=lambda f: (corpus.bulletins[f.source].date or "", f.source, f.start))
    return kept


# What opens the parts of a total: "…; de ellas, …", "entre ellos", "de los cuales", ":".
_BREAKDOWN = re.compile(r"\b(?:de|entre)\s+(?:ellas|ellos|estas|estos|esas|esos)\b"
                        r"|\bde\s+(?:los|las)\s+cuales\b|:")


def _asks(q: Query, word: str) -> bool:
    """Whether a figure's ``word`` (a ``vocab.stems`` stem) is one of the question's content
    words or a near-synonym of one (``terms.synonyms``: internados ~ hospitalizados)."""
    t = term(word)
    return t in q.content or bool(synonyms().get(t, frozenset()) & set(q.content))


def _event_phrase(event: str) -> str:
    """ "en la 7ª Jornada Nacional", "en el 1º Triatlón", "en las tres primeras Jornadas"."""
    parts = event.split()
    if parts[0][:1].isdigit():
        article = "la" if "ª" in parts[0] else "el"
    else:
        article = "las" if fold(parts[min(1, len(parts) - 1)]).endswith("s") else "la"
    return f"en {article} {event}"


def describe(f: Fact) -> str:
    """One figure in words: "353 trasplantes de córnea del 1 de abril al 12 de septiembre"."""
    value = format_value(f.value, f.unit)
    if f.unit in ("pesos", "dólares"):
        what = f"{f.measure} de {value}"
    elif f.unit == "percent":
        what = f"{value} de {f.measure}" if f.measure != "porcentaje" else value
    else:
        what = f"{value} {f.measure}"
    if f.approx:
        what = f"{f.approx} {what}"
    if f.qualifier:
        what += f" de {f.qualifier}" if f.unit != "percent" else f" en {f.qualifier}"
    period = period_words(f.period_start, f.period_end)
    if f.event:
        what += " " + _event_phrase(f.event)
        if period.startswith("en "):
            period = "de " + period[3:]
    if period:
        what += " " + period
    elif f.year:
        what += f" ({f.year})"
    elif not f.event:
        what += " (periodo no indicado)"
    return what


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else "; ".join(items[:-1]) + " y " + items[-1]


def conflicts(facts: list[Fact]) -> list[tuple[Fact, ...]]:
    """Groups of facts giving different exact values for the same measure, qualifier and period."""
    groups: dict[tuple, list[Fact]] = {}
    for f in facts:
        if f.approx:
            continue
        key = (f.measure, f.qualifier, f.period_start, f.period_end, f.event)
        groups.setdefault(key, []).append(f)
    # Figures far apart are different scopes (a country and a hospital); close ones that
    # differ are the same statement reported two ways (475,275 and 475,725).
    return [tuple(g) for g in groups.values() if len({x.value for x in g}) > 1
            and max(x.value for x in g) <= 1.1 * min(x.value for x in g)]


def numeric_answer(q: Query, facts: list[Fact], corpus: Corpus) -> Answer:
    """The answer made of ``facts``: each figure with its period and its own citation."""
    shown = facts[:MAX_ITEMS]
    text = _join([describe(f) for f in shown]) + "."
    if len(facts) > MAX_ITEMS:
        text += f" Hay {len(facts) - MAX_ITEMS} cifras más en los boletines."
    for group in conflicts(shown):
        values = " y ".join(format_value(f.value, f.unit) for f in group)
        text += (f" Ojo: hay cifras distintas para {group[0].measure}"
                 f"{' de ' + group[0].qualifier if group[0].qualifier else ''} en el mismo "
                 f"periodo ({values}); se citan todas.")
    citations: list[Citation] = []
    for f in shown:
        c = corpus.cite_fact(f)
        if c not in citations:
            citations.append(c)
    return Answer(q.text, text, [f.value for f in shown], citations, False)


def closest(q: Query, corpus: Corpus) -> list[Fact]:
    """Figures of the measure asked for, ignoring the qualifier and constraints that failed."""
    measure_keys = set(q.keys) & corpus.vocab.measure
    if not measure_keys:
        return []
    near = [f for f, (m, _, _) in zip(corpus.facts, corpus.stems) if measure_keys <= m
            and (f.unit == "percent") == q.percent]
    relaxed = Query(text=q.text, keys=tuple(measure_keys), percent=q.percent)
    return select(relaxed, near, corpus)[:3]


def abstain(q: Query, corpus: Corpus, near: list[Fact] | None = None) -> Answer:
    """The fixed phrase, followed by the closest figures the corpus does have, marked as such."""
    near = near or []
    if not near:
        return Answer(q.text, NOT_FOUND, [], [], True)
    text = NOT_FOUND + " Lo más cercano que sí dicen (no es lo que preguntó): " + _join(
        [describe(f) for f in near]) + "."
    citations = []
    for f in near:
        c = corpus.cite_fact(f)
        if c not in citations:
            citations.append(c)
    return Answer(q.text, text, [], citations, True)


# -- passages -----------------------------------------------------------------------------------

def _sentence_score(q: Query, text: str, corpus: Corpus, previous: str = "",
                    title: set[str] | None = None) -> float:
    """Share of the question's (idf-weighted) terms in the sentence, plus answer-type cues.

    A term found only in the bulletin's headline or the sentence before counts 0.7: they set
    the topic ("las Jornadas de Continuidad", "la unidad") without each sentence repeating it.
    """
    have = stems(canonicalize(fold(text)))
    title = (title or set()) | stems(canonicalize(fold(previous)))
    # Verbs say less than nouns but tell sentences apart ("se atenderán especialidades").
    weights = {t: corpus.vocab.idf(t) for t in q.terms}
    weights.update({t: 0.5 * corpus.vocab.idf(t) for t in q.verbs if t not in weights})
    total = sum(weights.values())
    got = sum(w if t in have or (t in q.verbs and len(t) >= 5
                                 and any(h.startswith(t[:5]) for h in have))
              else 0.7 * w if t in title else 0.0 for t, w in weights.items())
    # A question that names only an event or a date ("¿cuándo fue la 7ª Jornada?") has no
    # topic words: its constraints do the scoring.
    score = got / total if total else 0.5
    times = find_times(text)
    if q.wh == "cuando" and any(answers_when(t, year_asked=True) for t in times):
        score += 0.3
    if "telefono" in q.terms or "telefon" in " ".join(q.terms):
        score += 0.3 if _PHONE.search(text) else 0.0
    if q.event_nums:
        from index.events import ORDINALS, find_events

        events = find_events(text)
        nums = {n for e in events for n in e.nums}
        if events:
            # "La primera Jornada ..., la segunda del 25 al 27 de marzo": elided nouns.
            folded_text = fold(text)
            nums |= {n for w, n in ORDINALS.items()
                     if re.search(r"\b" + w + r"\b", folded_text)}
        before = {n for e in find_events(previous) for n in e.nums}
        # A sentence right after the one naming the event usually goes on about it.
        score += 0.3 if set(q.event_nums) & nums else 0.1 if set(q.event_nums) & before else -0.3
    folded = " ".join(fold(text).split())
    score += min(0.3, 0.15 * sum(p in folded for p in q.phrases))
    if q.year and not any(t.year == q.year for t in times):
        score -= 0.3
    if q.wh in ("quien", "quienes") and PERSON_NAME.search(text):
        score += 0.3
    head = q.flags.get("list_head")
    if head and re.search(r"\b" + re.escape(str(head)) + r"\w*\s+(?:como|:)", fold(text)):
        score += 0.5  # "¿qué especialidades?" → "especialidades como Medicina Interna, ..."
    return score


def extractive_answer(q: Query, docs: list[Document], corpus: Corpus) -> Answer | None:
    """The best sentence(s) of the retrieved passages, quoted exactly; None when none fits."""
    if not q.terms and not (q.event_nums or q.year or q.period_start or q.period_end):
        return None
    seen: set[tuple[str, int, int]] = set()
    scored: list[tuple[float, str, int, int]] = []
    for rank, doc in enumerate(docs):
        source, p_start, p_end = doc.metadata["source"], doc.metadata["start"], doc.metadata["end"]
        if source not in corpus.bulletins:
            continue
        text = corpus.bulletins[source].text
        title = stems(canonicalize(fold(corpus.bulletins[source].title or "")))
        spans = corpus.sentences.get(source, [])
        for k, (s, e) in enumerate(spans):
            # The passage's sentences, and the one right after it (it often completes it).
            after_end = k and spans[k - 1][1] <= p_end < e
            if s < p_start or (e > p_end and not after_end) or (source, s, e) in seen:
                continue
            seen.add((source, s, e))
            previous = text[spans[k - 1][0]:spans[k - 1][1]] if k else ""
            score = _sentence_score(q, text[s:e], corpus, previous, title) + 0.02 / (1 + rank)
            scored.append((score, source, s, e))
    if not scored:
        return None
    # Ties go to the shorter sentence: it is the more direct answer.
    scored.sort(key=lambda x: (-round(x[0], 1), x[3] - x[2]))
    best = scored[0]
    if best[0] < 0.5:
        return None
    picks = [best]
    if q.wh in ("cuales", "quienes"):
        picks += [x for x in scored[1:2] if x[0] >= best[0] - 0.01]
    citations = [corpus.cite(src, s, e) for _, src, s, e in picks]
    text = " ".join(" ".join(c.quote.split()) for c in citations)
    values: list[int | float] = []
    if q.numeric:
        inside = [f for f in corpus.facts if f.source == best[1]
                  and best[2] <= f.value_start < best[3]]
        if len(inside) == 1:
            values = [inside[0].value]
    return Answer(q.text, text, values, citations, False)
