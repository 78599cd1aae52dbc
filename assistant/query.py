"""Understanding a Spanish question: its terms (typos corrected), kind and constraints."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from assistant.intent import (
    GOAL_VERBS,
    MAY_BE,
    NATIONAL,
    NOW,
    NUMBER_OF,
    PART_SHARE,
    RATES,
    SAID_ON,
    SHARE,
    SOURCE_REF,
    TIME_RATES,
    answer_type_words,
    direction,
    intent_of,
)
from assistant.intent import cues as question_cues
from assistant.intent import rates as question_rates
from assistant.terms import term, terms
from assistant.vocab import Vocabulary, canonicalize, stem, stop_words, words
from index.dates import BARE_YEAR, find_times, with_year
from index.errors import QuestionError
from index.events import find_events
from index.fold import fold, normalize_text
from index.lemmas import known
from index.lexicon import lexicon
from index.numbers import find_numbers, parse_number
from index.scope import find_places
from index.types import TIME_UNITS

_BULLETIN_NO = re.compile(r"\b(\d{1,5})\s*/\s*((?:19|20)\d\d)\b")
_VERB_ENDINGS = ("aron", "ieron", "aban", "ian", "aria", "arian", "ando", "iendo", "amos",
                 "emos", "imos", "ado", "ados", "ada", "adas", "ido", "idos", "ida", "idas",
                 # irregular preterites, with their prefixed verbs (propuso, obtuvo, redujo)
                 "hizo", "puso", "tuvo", "dijo", "trajo", "dujo", "pudo", "supo", "vino",
                 "quiso", "estuvo", "anduvo")

# Words before a day that make it a bound or the date of a statement, not the asked day.
_DAY_NOT_ASKED = re.compile(r"\b(?:desde|antes|despues|tras|hasta|a\s+partir)\b[^,;]{0,15}$"
                            r"|\b(?:inform\w*|dijo|anunci\w*|senal\w*|declar\w*|explic\w*"
                            r"|coment\w*|report\w*|precis\w*)\b[^,;]{0,40}$")


@dataclass(frozen=True)
class Query:
    """A parsed question.

    Attributes:
        text: the question as asked.
        terms: stems of its content words, typos corrected to corpus words.
        verbs: stems of its verbs (they help to pick a sentence, never a figure).
        keys: the terms that name a measure or qualifier the corpus knows: an answer must match
            every one of them.
        unknown: content words the corpus never uses (an answer cannot honour them).
        numeric: it asks for a figure ("cuántos", "qué porcentaje", "cifra").
        percent: it asks for a percentage.
        wh: the question word that sets the answer type ("cuando", "donde", "quien", ...).
        year, period_start, period_end: a year or period the answer must cover.
        event_nums: ordinals of a named event ("la 7ª Jornada" → (7,)).
        bulletin: a bulletin number ("175/2022").
        number: the value when the question is only a number.
        intent: the answer type asked for (``assistant.intent.INTENTS``).
        years: every year the question names ("en sus anuncios de 2019 ... para 2020").
        head: the term of the noun "cuántos/cuántas" asks about ("cuántas camas" → "cam");
            head_mod: the term of its "de" complement, the subtype asked ("cuántos trasplantes
            de riñón" → "riñon"), or None; head_of: that of its "de", "en" or "contra"
            complement, a field ("cuántos especialistas en traumatología" →
            "traumatologi"), which a figure may count instead ("tres traumatólogos").
        stated: figures the question itself states ("en los 23 estados"): context, not answer.
        content: Snowball terms of its content words (``assistant.terms``), typos corrected;
            content_verbs: those of them that are verbs (they weigh less).
            type_terms: those that name the kind of figure asked ("dinero", "monto",
                "porcentaje"), not its topic.
            asked_phrase: the words that follow a measure the vocabulary knows in its noun
                phrase ("cirugías bariátricas", "camas de terapia intensiva"): its kind.
            kinds: matching terms of the words the lexicon knows as kinds ("córnea",
                "familiares"), told apart before stemming ("especialidad", not "especialistas").
            names: proper names the question gives ("Mapastepec", "Culiacán"): a figure from a
                text that names none of them is another place's or unit's; name_terms: the
                same as matching terms (a text that names them meets them anywhere).
        places: states the question names (a figure of another place never answers it).
        goal, baseline, change, money: it asks for a plan, the situation before a change, the
            change itself, an amount of money; span: both ends of a change ("¿de qué
            porcentaje a qué porcentaje pasó …?"); amount: "¿de cuánto es ...?" (money or a share);
            how_much: "¿cuánto presupuesto ...?", money within two words of "cuánto" (no count);
            rates: "al año", "diario", "en promedio" ... the figure must be stated per the same.
            direction: "gain" ("¿cuántos empleos se crearon?") or "loss" ("... se perdieron?"):
                a figure stated as the other one is another figure.
        answered: figures already given in the same question ("¿cuánto sumaban los ingresos y
            cuánto los egresos?"), as (source, offset of the figure): never the answer again.
        national: it asks about the whole country ("en el país", "a nivel nacional").
        as_of: the asked period is a moment ("a finales de enero", "al cierre de marzo").
        now: it asks for the text's own day ("hoy", "actualmente") and names no year.
        said_start, said_end: the date of the statement the question names ("según el informe
            del 28 de agosto de 2020", "en sus anuncios de finales de 2019"): only texts of
            that date answer, and it is no period of the figure.
    """

    text: str
    terms: tuple[str, ...] = ()
    verbs: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()
    numeric: bool = False
    percent: bool = False
    wh: str | None = None
    year: int | None = None
    period_start: str | None = None
    period_end: str | None = None
    event_nums: tuple[int, ...] = ()
    event_noun: str | None = None
    bulletin: str | None = None
    number: int | float | None = None
    flags: dict[str, str] = field(default_factory=dict)
    phrases: tuple[str, ...] = ()
    intent: str = "text"
    years: tuple[int, ...] = ()
    head: str | None = None
    head_mod: str | None = None
    head_of: str | None = None
    stated: tuple[float, ...] = ()
    content: tuple[str, ...] = ()
    content_verbs: tuple[str, ...] = ()
    type_terms: frozenset[str] = frozenset()
    asked_phrase: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    name_terms: frozenset[str] = frozenset()
    places: tuple[str, ...] = ()
    goal: bool = False
    baseline: bool = False
    change: bool = False
    span: bool = False
    money: bool = False
    how_much: bool = False
    amount: bool = False
    rates: tuple[str, ...] = ()
    direction: str | None = None
    answered: frozenset[tuple[str, int]] = frozenset()
    said_start: str | None = None
    said_end: str | None = None
    as_of: bool = False
    national: bool = False
    now: bool = False

    def said_on(self, day: str | None) -> bool | None:
        """Whether a text dated ``day`` ("YYYY-MM-DD") is the statement the question names
        ("según el informe del 28 de agosto"); None when it names none or the text is undated.
        A date without a year ("del 21 de octubre") is matched on month and day."""
        if self.said_start is None or self.said_end is None or not day:
            return None
        if self.said_start.startswith("--"):
            return self.said_start[2:] <= day[5:] <= self.said_end[2:]
        return self.said_start <= day <= self.said_end

    @property
    def keywords(self) -> bool:
        """Bare words with no question word nor verb ("salario base octubre 2024"): a figure
        is asked for when the texts state one, else a passage."""
        return self.intent == "text" and self.wh is None and not self.content_verbs


_FUNCTION = {"de", "la", "el", "los", "las", "en", "y", "a", "se", "que", "por", "del", "al", "un",
             "una", "es", "con", "para", "lo", "su", "sus", "o", "e"}


def _phrases(folded: str) -> tuple[str, ...]:
    """Word pairs of the question that are not both function words ("primera vez")."""
    toks = [t for t in re.findall(r"[^\W\d_]+", folded) if len(t) > 1]
    wh = words()["question_words"] - _FUNCTION
    return tuple(f"{a} {b}" for a, b in zip(toks, toks[1:])
                 if not (a in _FUNCTION and b in _FUNCTION) and a not in wh and b not in wh)


# Words that carry a noun phrase on to a complement ("trasplantes de córnea", "camas para
# pacientes", "vacunas contra la influenza"); any other function word or a verb ends it.
_PHRASE_LINKS = {"de", "del", "contra", "para"}
_DEFINITE = {"el", "la", "los", "las"}  # after a link they go on with the phrase ("de la")


def _asked_phrases(topic: str, originals: dict[str, str], keys: tuple[str, ...],
                   vocab: Vocabulary) -> frozenset[str]:
    """Terms of the noun phrases of the measures the question names: "cirugías bariátricas",
    "trasplantes de córnea" — but not "que quedó inservible" in "¿cuántas camas perdió el
    hospital que quedó inservible?", which says something of the hospital, not of its beds."""
    toks = re.findall(r"[^\W\d_]+", topic)
    stop = stop_words() | words()["question_words"]
    out: set[str] = set()
    for i, tok in enumerate(toks):
        if term(tok) not in keys and stem(tok) not in keys:
            continue
        prev = tok
        for nxt in toks[i + 1:]:
            if nxt in _DEFINITE and prev not in _PHRASE_LINKS:
                break  # "el hospital rural la única opción": an article opens another phrase
            prev = nxt
            if nxt in _PHRASE_LINKS or nxt in _DEFINITE:
                continue
            if nxt in stop or _is_verb(nxt, originals.get(nxt, nxt), vocab):
                break
            out.add(term(nxt))
    return frozenset(out)


def _names(text: str, vocab_places: set[str]) -> list[str]:
    """The proper names in a question, folded ("el Hospital Rural de Mapastepec" →
    "mapastepec"): capitalised words that are no Spanish word, no acronym and no state, after
    the question's first word ("Agua Prieta" is two Spanish words and is not caught)."""
    out: list[str] = []
    for m in re.finditer(r"(?<=[\s(«\"'])([A-ZÁÉÍÓÚÑ][a-záéíóúñü]{2,})\b", text):
        word = m.group(1)
        folded = fold(word)
        if folded in vocab_places or known(word) or folded in stop_words():
            # "el Buen Fin": a function word ("fin") names nothing a text could be told by.
            continue
        out.append(folded)
    return out


def _list_flags(folded: str) -> dict[str, str]:
    """ "¿qué especialidades...?", "¿cuáles son las necesidades …?" ask for a list of
    especialidades, of necesidades: remember the noun's stem. A noun of kind ("¿qué tipos de
    acciones …?") is none: the answer names its kinds ("tres rubros: …"), not "tipos"."""
    m = re.search(r"\b(?:que|cuales)\s+(?:(?:son|eran|fueron|seran)\s+(?:los|las|sus)\s+)?"
                  r"(?:(?:principales|otr[oa]s|nuev[oa]s|tant[oa]s|demas|diferentes|distint[oa]s"
                  r"|mayores|primer[oa]s|ultim[oa]s)\s+)*([a-z]{4,}s)\b", folded)
    if m is None or m.group(1) in ("tipos", "clases", "formas", "maneras", "categorias", "cosas"):
        return {}
    return {"list_head": m.group(1)[:-2] if m.group(1).endswith("es") else m.group(1)[:-1]}


def validate(question: str, max_chars: int) -> str:
    """The question stripped and normalised as texts are (composed accents, ASCII digits:
    ``index.fold.normalize_text``), or QuestionError with a one-line Spanish reason."""
    if question is None or not question.strip():
        raise QuestionError("La pregunta está vacía: escriba qué quiere saber de los boletines.")
    text = normalize_text(question).strip()
    if len(text) > max_chars:
        raise QuestionError(
            f"La pregunta tiene {len(text):,} caracteres; el máximo es {max_chars:,}: "
            "hágala más corta.")
    if not any(unicodedata.category(ch)[0] in "LN" for ch in text):
        raise QuestionError(
            "La pregunta no tiene palabras ni números: escriba qué quiere saber de los boletines.")
    return text


def _looks_english(folded_words: list[str]) -> bool:
    english = sum(w in words()["english"] for w in folded_words)
    spanish = sum(w in stop_words() for w in folded_words if w not in words()["english"])
    return english >= 2 and spanish == 0


def _is_verb(word: str, original: str, vocab: Vocabulary) -> bool:
    """A verb form that carries no topic ("realizaron", "reportó"); nouns the corpus counts win."""
    if stem(word) in vocab.measure or stem(word) in vocab.qualifier_like:
        return False
    if original.lower().endswith("ó") or word.endswith(_VERB_ENDINGS):
        return True
    from index.lemmas import lemma as lookup

    # The lookup lemmatizer maps some nouns to verbs (consultas → consultar, informes →
    # informar), so a verb lemma counts only with a verb's ending (realiza, otorgan, hacer).
    lemma = fold(lookup(original))
    if not lemma.endswith(("ar", "er", "ir")):
        return False
    # Infinitives are left alone: "titular", "familiar", "lugar" end the same way.
    # A bare "-o" is a first person ("centro", "regimiento" are nouns; "realizó" is caught
    # above by its accent), rare in a question.
    return lemma != word and word.endswith(("a", "e", "an", "en"))


def parse(question: str, vocab: Vocabulary, max_chars: int = 2000) -> Query:
    """Parse ``question`` against the corpus vocabulary.

    Raises:
        QuestionError: empty, too long, without words, or not in Spanish.
    """
    text = validate(question, max_chars)
    folded = fold(text)
    raw_words = re.findall(r"[^\W\d_]+", folded)
    if _looks_english(raw_words):
        raise QuestionError("La pregunta parece estar en otro idioma: pregunte en español.")

    number = parse_number(re.sub(r"[¿?¡!;:]", " ", text).strip())

    # "comparado con 2018" in a question asks for 2018 too (in a bulletin it dates the year after).
    times = [replace(t, kind="year", period_start=f"{t.year - 1:04d}-01-01",
                     period_end=f"{t.year - 1:04d}-12-31", year=t.year - 1)
             if t.kind == "versus" and t.year else t for t in find_times(text)]
    # "Según el informe del 28 de agosto de 2020": the date of a statement, not of a figure.
    said = next((t for t in times if t.period_start and t.period_end
                 and SAID_ON.search(folded[max(0, t.start - 80):t.start])), None)
    dated = [t for t in times if t is not said]
    # A day is the asked period when it dates what is counted ("el 16 de mayo", "al 30 de
    # abril"), not when it bounds it ("desde el 13 de marzo", "antes del 1 de abril") or dates
    # a statement ("según informó el director el 3 de junio").
    period = next((t for t in dated if t.kind not in ("year", "boundary") and not (
        t.kind == "day" and _DAY_NOT_ASKED.search(folded[max(0, t.start - 60):t.start]))), None)
    years = [t.year for t in dated if t.year and t.kind != "boundary"]
    for t in dated:
        if t.kind == "year_range" and t.period_start and t.period_end:
            # "la campaña 2023-2024", "de 2019 a 2023": each year of the range is asked.
            years += range(int(t.period_start[:4]), int(t.period_end[:4]) + 1)
    if not years and not any(t.kind == "boundary" for t in times):
        # A question may drop the preposition: "trasplantes de córnea 2022".
        bare = BARE_YEAR.search(text)
        if bare and said is not None and said.start <= bare.start() < said.end:
            bare = None
        if bare and parse_number(text.strip(" ¿?¡!.")) is None:
            years = [int(bare.group(1))]
            times.append(replace(find_times("en " + bare.group(1))[0],
                                 start=bare.start(), end=bare.end()))
    if period is not None and period.year is None and len(set(years)) == 1:
        period = with_year(period, years[0])  # "en 2024, hasta abril"
    events = find_events(text, require_caps=False)
    bulletin = _BULLETIN_NO.search(text)

    # Blank out what was read as constraints before looking for topic words.
    masked = list(folded)
    for a, b in [(t.start, t.end) for t in times] + [(e.start, e.end) for e in events] + (
            [bulletin.span()] if bulletin else []) + [
            m.span() for m in GOAL_VERBS.finditer(folded)] + [
            m.span() for name in TIME_RATES for m in RATES[name].finditer(folded)] + [
            m.span() for m in SOURCE_REF.finditer(folded)] + [
            m.span() for m in NATIONAL.finditer(folded)]:
        masked[a:b] = " " * (b - a)
    joined = "".join(masked)
    found_places = find_places(folded, strict=False)
    for a, b, name in reversed(found_places):
        if joined[a:b] == folded[a:b] != fold(name):
            joined = joined[:a] + fold(name) + joined[b:]  # "el Edomex": the state's own name
    topic = canonicalize(joined)
    originals = {fold(w): w for w in re.findall(r"[^\W\d_]+", text)}

    generic = {fold(w) for g in lexicon().generic_qualifiers for w in g.split()}
    stop = stop_words() | words()["question_words"] | words()["domain_stop"] | generic
    terms: list[str] = []
    verbs: list[str] = []
    unknown: list[str] = []
    kinds: set[str] = set()
    for word in re.findall(r"[^\W\d_]+", topic):
        if word in stop or len(word) < 2:
            continue
        if _is_verb(word, originals.get(word, word), vocab):
            verbs.append(stem(word))
            continue
        corrected = vocab.correct(word)
        if corrected is not None and corrected != word and known(originals.get(word, word)):
            corrected = None  # "ampliar" is a word of its own, no typo of "familiar"
        if corrected is None:
            unknown.append(word)
            continue
        for part in canonicalize(corrected).split():
            s = stem(part)
            if s not in stop and s not in terms:
                terms.append(s)
            if s in vocab.lexicon_qualifiers:
                kinds.add(term(part))

    keys = tuple(t for t in terms if t in vocab.measure or t in vocab.qualifier_like)
    cues = words()["numeric_cues"] - {"numero"}
    # "el número de trasplantes" asks for a figure; "el número para informes" for a phone.
    numeric = any(w in cues for w in raw_words) or "%" in text or bool(
        re.search(r"\bpor\s*ciento\b|" + NUMBER_OF + r"(?!telefono)", folded))
    # "¿Qué avance llevaba la campaña?", "¿cuál era la proporción …?", "¿qué nivel de
    # ocupación …?": a share, as "%" is. A "tasa" in IMSS texts is a percent (of occupation,
    # of growth, of replacement); a rate per thousand is read as one too, a known limit.
    percent = any(w in words()["percent_cues"] for w in raw_words) or "%" in text or bool(
        re.search(r"\bpor\s*ciento\b|\bcuant[oa]\s+" + SHARE + r"\b"  # "¿cuánta cobertura …?"
                  r"|\b(?:que|cual\s+(?:es|era|fue|" + MAY_BE + r")\s+(?:el|la))\s+"
                  r"(?:(?:(?:nivel|grado|indice)\s+de\s+)?(?:avance|proporcion|tasa|" + SHARE + r")"
                  # "¿qué nivel de abasto …?": the level of a supply, a share (not "nivel de
                  # atención", a tier of care, nor a class of risk or schooling).
                  r"|nivel\s+de\s+(?!(?:atencion|riesgo|estudios|escolaridad|hospital"
                  r"|especialidad)\b)[a-z]{4,})\b"
                  r"|" + PART_SHARE,
                  folded))
    wh = next((w for w in raw_words if w in ("cuando", "donde", "quien", "quienes", "telefono",
                                              "cual", "cuales", "que", "como", "por")), None)
    if any(w in ("fecha", "fechas", "dia", "dias") for w in raw_words):
        wh = "cuando"  # "¿en qué fechas...?" asks when
    event = events[0] if events else None
    content, content_verbs = _content(topic, originals, vocab)
    head = _head(folded, vocab)
    if head is not None and head not in content and head in _COUNTED_UNITS:
        # "¿cuántos días llevaba …?", "¿cuántos años tiene …?": a unit of time the question
        # counts is what it asks about, not a time word to pass over.
        content = (head, *content)
    flags_ = question_cues(folded)
    places = tuple(dict.fromkeys(name for _, _, name in found_places))
    names = _names(text, {w for name in places for w in fold(name).split()})
    return Query(
        text=text,
        terms=tuple(terms),
        verbs=tuple(verbs),
        keys=keys,
        unknown=tuple(unknown),
        numeric=numeric or number is not None,
        percent=percent,
        wh=wh,
        year=years[0] if years else None,
        period_start=period.period_start if period else None,
        period_end=period.period_end if period else None,
        event_nums=event.nums if event else (),
        event_noun=event.noun if event else None,
        bulletin=f"{bulletin.group(1)}/{bulletin.group(2)}" if bulletin else None,
        number=number,
        flags=_list_flags(folded),
        phrases=_phrases(folded),
        intent="figure" if number is not None or (
            _asks_value(folded, vocab) and intent_of(folded, numeric) in ("text", "list"))
        else intent_of(folded, numeric),
        years=tuple(dict.fromkeys(years)),
        head=head,
        head_mod=_head_mod(folded, vocab),
        head_of=_head_of(folded, vocab, places),
        stated=tuple(float(m.value) for m in find_numbers(text, [(t.start, t.end) for t in times])),
        said_start=said.period_start if said else None,
        said_end=said.period_end if said else None,
        national=not places and bool(NATIONAL.search(folded)),
        now=not years and bool(NOW.search(folded)),
        as_of=period is not None and bool(_AS_OF.search(folded, 0, period.start)),
        content=content,
        content_verbs=content_verbs,
        type_terms=frozenset(term(w) for w in answer_type_words(folded)),
        asked_phrase=_asked_phrases(topic, originals, keys, vocab),
        kinds=frozenset(kinds),
        names=frozenset(stem(w) for w in names),
        name_terms=frozenset(term(w) for w in names),
        places=places,
        goal=flags_["goal"],
        baseline=flags_["baseline"],
        change=flags_["change"],
        span=flags_["span"],
        money=flags_["money"],
        how_much=flags_["how_much"],
        amount=flags_["amount"],
        rates=question_rates(folded),
        direction=direction(folded),
    )


# "A finales de enero", "al cierre de marzo": the state of things then, not what happened in
# the whole month; a figure of a longer span that takes it in ("en el primer trimestre
# llevamos un avance del 73 %") answers.
_AS_OF = re.compile(r"\b(?:a|al|hacia)\s+(?:finales|fines|cierre|corte|mediados)(?:\s+(?:de|del))?\s*$")


# "¿Qué calificación obtuvo …?", "¿cuál fue la calificación …?": a noun in the singular.
_WHAT_NOUN = re.compile(r"(?:^|¿)\s*(?:y\s+)?(?:que|cual\s+(?:es|era|fue|sera|seria|" + MAY_BE
                        + r")\s+(?:el|la))\s+([a-z]{4,})\b")


def _asks_value(folded: str, vocab: Vocabulary) -> bool:
    """The question asks "what" of a noun the texts give a bare value (``Vocabulary.valued``):
    "¿qué calificación obtuvo el hospital?" and "una calificación de 98.6 por ciento"."""
    m = _WHAT_NOUN.search(folded)
    if m is None:
        return False
    return not m.group(1).endswith("s") and stem(m.group(1)) in vocab.valued


# "¿qué número de créditos ...?", "¿cuál es la meta de empresas ...?": the noun counted.
_NUMBER_OF = re.compile(r"\b(?:numero|cantidad|total|meta|cifra)\s+(?:de|del)\s+(?:los\s+|las\s+)?"
                        r"([a-z]{3,})(?:\s+([a-z]{3,}))?")


_COUNTED_UNITS = frozenset(term(w) for w in TIME_UNITS)


_SHARE_OF = re.compile(r"\b(?:nivel|grado|indice|tasa)\s+(?:de|del)\s+(?!atencion\b)"
                       r"(?:la\s+|el\s+)?([a-z]{4,}(?:cion|dad|miento|ura|ia))\b")


def _head(folded: str, vocab: Vocabulary) -> str | None:
    """The counted noun of "¿cuántas camas ...?", "¿cuántos de los médicos ...?"."""
    m = re.search(r"\bcuant[oa]s\s+(?:de\s+(?:los|las)\s+)?([a-z]{3,})(?:\s+([a-z]{3,}))?",
                  folded) or _NUMBER_OF.search(folded)
    if not m:
        collective = re.search(r"\bcuant[oa]\s+(gente|personal|poblacion)\b", folded)
        if collective:
            # "¿a cuánta gente atiende?", "¿a cuánta población?" count people
            return term(collective.group(1))
        # "¿qué nivel de ocupación …?", "el índice de cobertura": a share of one thing, in the
        # singular ("porcentaje de la población" names the base, "nivel de atención" a tier).
        share = _SHARE_OF.search(folded)
        if share is None or share.group(1) in stop_words():
            return None
        found = terms(share.group(1))
        return found[0] if found else None
    word = m.group(1)
    if word in words()["prenominal"] and m.group(2):
        word = m.group(2)  # "cuántas de las nuevas plazas" counts plazas
    if word in stop_words() or not word.endswith("s"):
        return None  # "¿cuántos necesitarían ...?": a verb, no counted noun
    if m.group(2) and word == m.group(1):
        # "intervenciones quirúrgicas" is the lexicon's "cirugías": count what it names.
        phrase = f"{word} {m.group(2)}"
        canonical = canonicalize(phrase)
        if canonical != phrase and not canonical.startswith(word + " "):
            word = canonical.split()[0]
    found = terms(vocab.correct(word) or word)  # synonyms too: partos ~ nacimientos
    return found[0] if found else None


# A noun and its "de" or "contra" complement ("cirugías de cataratas", "vacunas contra la
# influenza"): the complement's word is the group.
COMPLEMENT = r"[a-z]{3,}\s+(?:de|contra)\s+(?:(?:la|las|los|el)\s+)?([a-z]{3,})"


def _head_mod(folded: str, vocab: Vocabulary) -> str | None:
    """The "de" or "contra" complement of the counted noun: "cuántas cirugías de cataratas" →
    "catarat", "cuántas vacunas contra COVID-19" → "covid"."""
    m = re.search(r"\bcuant[oa]s\s+(?:de\s+(?:los|las)\s+)?" + COMPLEMENT, folded)
    return complement_term(m.group(1), vocab) if m else None


def _head_of(folded: str, vocab: Vocabulary, places: tuple[str, ...]) -> str | None:
    """The field the counted noun is of: "cuántos especialistas en traumatología" →
    "traumatologi", "cuántos médicos de cardiología" → "cardiologi". A singular noun with no
    article: "en las unidades", "en hospitales rurales" and "en Jalisco" are settings."""
    m = re.search(r"\bcuant[oa]s\s+[a-z]{3,}\s+(?:de|en)\s+([a-z]{3,})\b", folded)
    if m is None or m.group(1).endswith("s") or m.group(1) in _ARTICLES:
        return None
    if find_places(m.group(1), strict=False) or any(m.group(1) in fold(p).split() for p in places):
        return None
    return complement_term(m.group(1), vocab)


_ARTICLES = frozenset({"el", "la", "los", "las", "un", "una", "unos", "unas", "su", "sus"})


def complement_term(word: str, vocab: Vocabulary | None = None) -> str | None:
    """The matching term of a noun's "de" complement, or None for a function word."""
    if word in stop_words():
        return None
    found = terms((vocab.correct(word) if vocab else None) or word)
    return found[0] if found else None


def _content(topic: str, originals: dict[str, str], vocab: Vocabulary
             ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Matching terms of the question's content words, typos corrected against the corpus."""
    stop = stop_words() | words()["question_words"] | words()["question_stop"]
    out: list[str] = []
    verbs: list[str] = []
    for word in re.findall(r"[^\W\d_]+", topic):
        if word in stop or len(word) < 2:
            continue
        original = originals.get(word, word)
        # A real Spanish word is never "corrected" into another ("vigente" is not "gente").
        corrected = word if known(original) else (vocab.correct(word) or word)
        for part in re.findall(r"[^\W\d_]+", canonicalize(corrected)):
            if part in stop:
                continue
            t = term(part)
            if t in out:
                continue
            out.append(t)
            if _is_verb(part, originals.get(part, part), vocab):
                verbs.append(t)
    return tuple(out), tuple(verbs)
