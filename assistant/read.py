"""The sentence reader: for questions that want a date, a place, a person, a reason or a list,
the sentence of the corpus that best answers, ranked by the question's terms and by whether it
holds the kind of answer asked for. A speaker label, a headline or a dateline never answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.intent import PERSON_NAME, intent_of
from assistant.query import Query
from assistant.rank import counts_head, coverage, mentions
from assistant.terms import term
from assistant.types import Answer, Citation
from index.dates import answers_when, find_times
from index.events import ORDINAL_WORDS, ORDINALS, find_events
from index.fold import fold
from index.nlp import DATELINE
from index.scope import find_places
from index.settings import MatchWeights

if TYPE_CHECKING:
    from assistant.corpus import Corpus

# A reason is either a cause ("porque", "debido a", "ya que") or a purpose ("para que", "con
# el fin de", "permite"). A sentence that gives the one asked holds the answer's type, as a
# date does for "¿cuándo?": "¿Por qué …?" asks for the cause, and a purpose word alone is a
# weak hint there ("… y nos ayudó a vigilar" does not say why something happened); "¿para
# qué …?" and "objetivo" ask for the purpose, which a cause also often gives.
_CAUSE = re.compile(r"\b(?:porque|debido|ya\s+que|dado\s+que|puesto\s+que|a\s+causa\s+de"
                    r"|se\s+debe\s+a|por\s+(?:eso|ello|esa\s+razon|este\s+motivo)|razon|motivo"
                    r"|causa)\b")
_PURPOSE = re.compile(r"\b(?:para\s+que|con\s+el\s+(?:fin|objetivo|proposito)|a\s+fin\s+de"
                      r"|busca|ayud\w+|permit\w+|objetivo|finalidad|proposito)\b")
_ASKS_CAUSE = re.compile(r"\bpor\s*que\b|\bmotivo\b|\brazon\b")
_PLACE_WORDS = re.compile(r"\b(?:en|de)\s+[A-ZÁÉÍÓÚÑ]\w+")
# A sentence that opens by pointing back answers what the one before announced: "… identificar
# nuestras principales necesidades. Al respecto, hay equipo que …", "… tres criterios. Entre
# ellos, …".
# ("En ese sentido" is a speaker's filler, not a pointer.)
_REFERS_BACK = re.compile(r"\W*(?:y\s+)?(?:al\s+respecto"
                          r"|sobre\s+(?:esto|ello|este\s+punto|el\s+particular)"
                          r"|en\s+cuanto\s+a\s+(?:esto|ello)|entre\s+(?:ellas|ellos|estas|estos)"
                          r"|(?:estas|estos)\s+son|son\s+(?:las|los)\s+siguientes"
                          r"|por\s+lo\s+que\s+(?:respecta|toca)\s+a\s+(?:esto|ello))\b")
# A series after the opener: "A, B y C" (two commas, then "y" or "e" after the last one).
_SERIES = re.compile(r",[^,]*,[^,]*\b[ye]\s")
# An item of a spoken or written enumeration opens with its number: "Uno, la visita al médico.",
# "Tercero, ir al banco …", "2. La entrega …", "b) …", "- …", "En segundo lugar, …" (a number word
# followed by a comma or a stop, so that "Dos personas …" is no item).
_ITEM = re.compile(r"\W{0,3}(?:(?:en\s+)?(?:(?:uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez"
                   r"|" + ORDINAL_WORDS + r")"
                   r"(?:\s+(?:lugar|punto|termino))?\s*[,.:;)-]"
                   r"|\d{1,2}\s*[.)-]\s|[a-h]\)\s)|[-•*–]\s)")
_MAX_ITEMS = 12  # items followed after a lead or an item, at most
_ANAPHORA = re.compile(r"\b(?:aquel|aquella|ese|esa|dicho|dicha)\s+(?:ano|fecha|dia|mes)\b")


@dataclass(frozen=True)
class Reading:
    """A scored sentence: ``index`` into the corpus's term index."""

    index: int
    score: float
    reasons: tuple[str, ...] = ()
    enumerates: bool = False  # it lists what the question asks for ("especialidades como ...")
    stages: frozenset[int] = frozenset()  # the asked stages it names ("la fase uno")


def _is_label(sentence: str) -> bool:
    """A speaker label ("MARÍA LÓPEZ, DIRECTORA DE ..."), a dateline, or a line too short to
    say anything."""
    if DATELINE.match(" ".join(fold(sentence).split())):
        return True  # "Mérida, Yucatán, jueves 3 de marzo de 2022": where and when it was issued
    letters = [ch for ch in sentence if ch.isalpha()]
    return not letters or sum(ch.isupper() for ch in letters) > 0.6 * len(letters) or len(
        sentence.split()) < 4


def _type_bonus(q: Query, sentence: str, w: MatchWeights) -> float:
    """What the sentence earns for holding the kind of answer asked (or loses for lacking it)."""
    folded = fold(sentence)
    if q.intent == "date":
        times = [t for t in find_times(sentence) if answers_when(t, q.year is not None)]
        return w.type_match if times else -w.type_missing
    if q.intent == "person":
        return w.type_hint if PERSON_NAME.search(sentence) else -w.type_missing / 3
    if q.intent == "place":
        found = find_places(folded) or _PLACE_WORDS.search(sentence)
        return w.type_hint if found else -w.type_missing / 3
    if q.intent == "reason":
        cause, purpose = _CAUSE.search(folded), _PURPOSE.search(folded)
        if _ASKS_CAUSE.search(fold(q.text)):
            return w.type_match if cause else w.type_hint / 3 if purpose else 0.0
        return w.type_match if purpose else w.type_hint if cause else 0.0
    if q.intent == "list":
        head = q.flags.get("list_head")
        if head and re.search(r"\b" + re.escape(head) + r"\w*(?:\s+(?:del?|la|las|los|el|este"
                              r"|esta|su|sus|nuestr[oa]s?)){0,3}(?:\s+[a-z]+)?\s*(?:,?\s*como\b|:"
                              r"|(?:son|estan|incluyen|abarcan)(?:\s*:|\s+(?:un|una|unos|unas|el|la"
                              r"|los|las)\b))", folded):
            # "¿qué especialidades?" → "especialidades como A, B, ...", "las necesidades del
            # hospital son A, B, ...", "sus necesidades: A, B".
            return w.enumeration
        return w.type_hint / 1.5 if sentence.count(",") >= 2 or ":" in sentence else 0.0
    return 0.0


def _near_date(q: Query, sentence: str, corpus: "Corpus", w: MatchWeights) -> float:
    """The best share of the question's terms found within a few words of one of the
    sentence's dates: "entró en vigor el día 23 de abril" answers "¿desde qué día está
    vigente?" better than a date elsewhere in a sentence about the same thing."""
    words = [(m.start(), term(fold(m.group()))) for m in re.finditer(r"[^\W\d_]+", sentence)]
    best = 0.0
    for t in find_times(sentence):
        if not answers_when(t, q.year is not None):
            continue
        window = frozenset(x for pos, x in words if t.start - _WINDOW <= pos <= t.end + _WINDOW)
        share, _ = coverage(q, [(window, 1.0)], corpus, w)
        best = max(best, share)
    return best


_WINDOW = 40  # characters either side of a date that count as its own clause


_ELLIPTIC = re.compile(r"\b(?:la|el)\s+(" + ORDINAL_WORDS
                       + r")(?=\s*[,;.]|\s*$|\s+del?\s+\d|\s+del\b|\s+(?:fue|se|tuvo|inicio"
                       r"|comenzo|empezo|arranco)\b)")


def _stages(q: Query, sentence: str) -> set[int] | None:
    """The stages of the asked event's kind that ``sentence`` names ("la fase uno", "la
    segunda" after "La primera Jornada"); None when it names none of that kind."""
    assert q.event_noun is not None
    noun = term(q.event_noun)
    events = [e for e in find_events(sentence, require_caps=False) if term(e.noun) == noun]
    if not events:
        return None
    nums = {n for e in events for n in e.nums}
    # "La primera Jornada fue del 11 al 13 de marzo, la segunda del 25 al 27": an ordinal
    # after the first named one, its noun left out (not "la segunda dosis", "la primera vez").
    nums |= {ORDINALS[m.group(1)] for m in _ELLIPTIC.finditer(fold(sentence), events[0].end)}
    return nums


def _event_factor(q: Query, stages: set[int] | None, w: MatchWeights) -> tuple[float, float]:
    """"¿Cuándo arrancó la primera fase?": a sentence naming that stage ("la fase uno") earns
    the type hint; one naming only another stage of the same kind ("la fase dos") answers for
    that one (``w.event_other``). ``stages`` are those it names (``_stages``). Returns (factor,
    bonus)."""
    if stages is None:
        return 1.0, 0.0
    return (1.0, w.type_hint) if stages & set(q.event_nums) else (w.event_other, 0.0)


def rank_sentences(q: Query, corpus: "Corpus", w: MatchWeights,
                   retrieved: set[tuple[str, int]] | None = None) -> list[Reading]:
    """Sentences that share a term with the question, scored, best first.

    ``retrieved`` holds (source, sentence start) of the sentences inside the passages the
    hybrid retriever returned: the embedder's view earns a small bonus.
    """
    index = corpus.terms
    out: list[Reading] = []
    found = index.candidates(list(q.content))
    if q.event_nums and q.event_noun:
        found |= index.candidates([term(q.event_noun)])  # "la segunda jornada" is masked
    # The sentence after each hit may be the answer the hit introduces.
    found |= {i + 1 for i in found if index.neighbours(i)[1] is not None}
    # ... and the sentence after a short question that follows a hit ("¿Por qué 58?").
    found |= {i + 1 for i in found if i in index.elliptic and index.neighbours(i)[1] is not None}
    head = q.flags.get("list_head") if q.intent == "list" else None
    list_head = term(head) if head else None
    for s in sorted(found):
        source, start, end = index.sentences[s]
        text = corpus.bulletins[source].text
        sentence = text[start:end]
        if _is_label(sentence) or sentence.rstrip().endswith("?") or (
                corpus.bulletins[source].title or "").strip() == sentence.strip():
            continue  # a question in the text ("¿Qué es una unidad móvil?") asks
        prev, nxt = index.neighbours(s)
        zones = [(index.bags[s], 1.0)]
        lead_in = False
        # "Al respecto, A, B y C": a series that answers what the sentence before announced.
        folded_sentence = corpus.folded(source)[start:end]
        points_back = _REFERS_BACK.match(folded_sentence) if prev is not None else None
        if points_back is not None and not _SERIES.search(folded_sentence, points_back.end()):
            points_back = None
        if prev is not None:
            # The sentence after a question or a colon is its answer: it takes its terms.
            before = text[index.sentences[prev][1]:index.sentences[prev][2]].rstrip()
            lead_in = before.endswith(("?", ":")) or points_back is not None
            zones.append((index.bags[prev], w.lead_in if lead_in else w.neighbour))
            if prev in index.elliptic and q.intent != "text" \
                    and intent_of(" ".join(fold(before).split()), False) == q.intent:
                # "… entregar 58 condecoraciones grado Collar. ¿Por qué 58? Porque fue la
                # edad …": a question of a word or two asks of what was said before it, and
                # its answer answers that too, when the same kind of answer is asked (a
                # reason, not the list of grades).
                asked_of, _ = index.neighbours(prev)
                if asked_of is not None:
                    zones.append((index.bags[asked_of], w.lead_in))
        if nxt is not None:
            zones.append((index.bags[nxt], w.next_sentence))
        zones.append((index.source_bags[source], w.text))
        lex, _ = coverage(q, zones, corpus, w)
        bonus = _type_bonus(q, sentence, w)
        if q.intent == "reason" and not lead_in and index.bags[s].isdisjoint(q.content):
            # "… se remodeló con el objetivo de … La obra se retrasó porque …": a sentence
            # that names nothing asked, nor replies to a question, gives another thing's cause.
            bonus = min(bonus, 0.0)
        if list_head is not None and points_back is not None and prev is not None \
                and mentions(list_head, index.bags[prev]):
            # "… nuestras principales necesidades. Al respecto, A, B y C": the list the
            # sentence before announced, as "las necesidades son A, B y C" is.
            bonus = max(bonus, w.enumeration)
        if q.intent == "date" and bonus > 0:
            bonus += w.type_near * _near_date(q, sentence, corpus, w)
        stages = _stages(q, sentence) if q.event_nums and q.event_noun else None
        factor, named = _event_factor(q, stages, w)
        score = factor * (lex + bonus + named)
        if list_head is not None and not any(
                counts_head(list_head, bag) or mentions(list_head, bag)
                for bag in (index.bags[s], index.bags[prev] if prev is not None else frozenset())):
            # "¿Qué necesidades planteó la directora?": a sentence that says nothing of
            # needs (nor the one before it) lists none, however much of the rest it shares.
            score *= w.list_head_absent
        if q.names and q.names.isdisjoint(corpus.bulletin_stems[source]):
            # "¿Qué necesidades planteó la directora del hospital de Mamantel?": a text that
            # never names Mamantel speaks of another hospital.
            score *= w.name_other
        if retrieved and (source, start) in retrieved:
            score += w.retrieved
        if q.year is not None and str(q.year) not in sentence and corpus.bulletins[source].year \
                not in (q.year, None):
            score -= w.sentence_other_year
        if q.said_on(corpus.bulletins[source].date) is False:
            score -= w.sentence_said_other  # "según el informe del 28 de agosto"
        out.append(Reading(s, score, (f"términos {lex:.2f}",),
                           q.intent == "list" and bonus >= w.enumeration,
                           frozenset(stages & set(q.event_nums)) if stages else frozenset()))
    out.sort(key=lambda r: (-r.score, r.index))
    return out


def _items_after(picks: list[int], corpus: "Corpus") -> list[int]:
    """The items of an enumeration a picked sentence opens or belongs to: "… le ahorremos al
    trabajador: Uno, la visita al médico. Dos, el trámite … Tercero, ir al banco …": each next
    sentence of the same text that opens with an item's number, up to ``_MAX_ITEMS``."""
    index = corpus.terms
    out: list[int] = []
    for i in picks:
        source, start, end = index.sentences[i]
        folded = corpus.folded(source)
        # A lead ("… al trabajador:", maybe with its first item) or an item opens the run.
        if ":" not in folded[start:end] and not _ITEM.match(folded, start):
            continue
        nxt = index.neighbours(i)[1]
        while nxt is not None and len(out) < _MAX_ITEMS and nxt not in out:
            n_source, n_start, _ = index.sentences[nxt]
            if n_source != source or not _ITEM.match(folded, n_start):
                break
            out.append(nxt)
            nxt = index.neighbours(nxt)[1]
    return out


def read(q: Query, corpus: "Corpus", w: MatchWeights,
         retrieved: set[tuple[str, int]] | None = None) -> Answer | None:
    """The best sentence(s) for ``q``, quoted exactly; None when none reaches the threshold."""
    ranked = rank_sentences(q, corpus, w, retrieved)
    if not ranked or ranked[0].score < w.min_sentence_score:
        return None
    best = ranked[0]
    picks = [best.index]
    for r in ranked[1:w.max_sentences]:
        if r.score >= best.score - w.alt_margin:
            picks.append(r.index)
    index = corpus.terms
    # An answer often runs on into the next sentence, or starts in the one before: a
    # neighbour of the best that scores nearly as well is quoted with it.
    near = set(index.neighbours(best.index)) - {None}
    for r in ranked[1:8]:
        if r.index in near and r.index not in picks and r.score >= best.score - w.neighbour_margin:
            picks.append(r.index)
    if q.intent == "list":
        # A list often follows the sentence that introduces it ("Se eligieron por tres
        # criterios. La lejanía, el acceso y ..."): the next sentence, when it enumerates.
        _, nxt = index.neighbours(best.index)
        if nxt is not None and nxt not in picks:
            source, start, end = index.sentences[nxt]
            following = corpus.bulletins[source].text[start:end]
            if following.count(",") >= 2 or ":" in following:
                picks.append(nxt)
    if q.intent in ("list", "text", "reason"):
        # "Le ahorramos al paciente: Primero, … Segundo, …": the whole enumeration answers.
        picks += [i for i in _items_after(picks, corpus) if i not in picks]
    if len(q.event_nums) > 1 and q.event_noun is not None:
        # "las dos primeras etapas": the best sentence of each stage asked.
        def stages_of(i: int) -> frozenset[int]:
            """The asked stages sentence ``i`` names: read when it was ranked, else now (a
            list's next sentence)."""
            if i in readings:
                return readings[i].stages
            source, start, end = index.sentences[i]
            return frozenset((_stages(q, corpus.bulletins[source].text[start:end]) or set())
                             & set(q.event_nums))

        readings = {r.index: r for r in ranked}
        named = set().union(*(stages_of(i) for i in picks))
        for r in ranked[1:]:
            if r.score < w.min_sentence_score or named >= set(q.event_nums):
                break
            if r.stages - named:
                picks.append(r.index)
                named |= r.stages
    picks.sort()
    if best.enumerates:
        # A list asked across texts: the best enumeration of each other text too.
        sources = {index.sentences[i][0] for i in picks}
        for r in ranked[1:]:
            src = index.sentences[r.index][0]
            if r.enumerates and src not in sources and r.score >= w.min_sentence_score:
                picks.append(r.index)
                sources.add(src)
    source, start, end = index.sentences[best.index]
    if _ANAPHORA.search(fold(corpus.bulletins[source].text[start:end])):
        prev, _ = index.neighbours(best.index)
        if prev is not None and prev not in picks:
            picks.insert(0, prev)  # "en mayo de aquel año": the year is in the sentence before
    citations: list[Citation] = []
    for i in picks:
        c = corpus.cite(*index.sentences[i])
        if all(" ".join(c.quote.split()) != " ".join(d.quote.split()) for d in citations):
            citations.append(c)  # a summary bullet repeats the body's sentence word for word
    text = " … ".join(" ".join(c.quote.split()) for c in citations)
    return Answer(q.text, text, [], citations, False)
