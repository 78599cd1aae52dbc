"""Figure extraction: every figure a bulletin states, with measure, qualifier, period and span.

The extractor reads Spanish syntax, not any one bulletin: the noun after a numeral is what it
counts ("956 trasplantes"); a numeral followed by "de X", "en X" or an adjective takes its noun
from the figure before it in the same list ("442 de riñón", "31 hepáticos"); a copula is skipped
("193 mil 496 fueron consultas"); a noun before the numeral serves when nothing follows it
("las cirugías sumaron 7 mil"). Periods and events come from the sentence, or from the last
sentence that stated one.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Generic, TypeVar

from index.dates import MONTHS, TimeExpr, find_times, with_year
from index.events import Event, find_events
from index.fold import fold
from index.lexicon import Lexicon, lexicon, thesaurus
from index.numbers import NUMBER_WORDS, NumberMention, find_numbers
from index.scope import (
    baselines_time,
    figure_scope,
    founding_date,
    in_relative_aside,
    opens_next,
    relative_times,
)
from index.types import BARE_MEASURES, TIME_UNITS, Bulletin, Fact

# "beneficiará a 1.5 millones", "atendemos a más de 2 millones": people, whatever came before.
_TO_PEOPLE = re.compile(r"\b(?:benefici|atend|vacun|apoy|proteg|cubr|afili|llega)\w*\s+a\s+"
                        r"(?:mas\s+de\s+|casi\s+|cerca\s+de\s+)?$")

# Bump when extraction changes what it reads: indexes built by another version are re-read.
EXTRACTOR = 74
_DATA = Path(__file__).with_name("data")


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """The extractor's version and a hash of the data it reads (lexicon, places, thesaurus)."""
    digest = hashlib.sha256()
    for name in ("lexicon.json", "places.json", "thesaurus.json"):
        digest.update((_DATA / name).read_bytes())
    return f"{EXTRACTOR}-{digest.hexdigest()[:12]}"

_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*|\d+(?:[.,/:]\d+)*|[^\w\s]", re.UNICODE)
_DETERMINERS = {"el", "la", "los", "las", "un", "una", "unos", "unas", "su", "sus", "estos",
                "estas", "este", "esta", "dichos", "dichas"}
_PREPS = {"de", "del", "en"}
# Adverbs of time and place that may follow a figure: "eran 1,400 ahora son 1,350".
_ADVERBS = {"ahora", "hoy", "ayer", "todavia", "aun", "ahi", "aqui", "alli", "aca", "alla",
            "luego", "entonces", "despues", "antes", "siempre", "nunca", "tampoco", "apenas",
            "nada", "tan", "muy", "bien", "mal", "anteriormente", "recien"}
_QUAL_CONNECTORS = {"de", "del", "por", "con", "para", "en", "y", "e", "o", "u", "la", "el",
                    "los", "las", "a", "al"}
_CLAUSE_STOPS = {"que", "se", "lo", "cual", "cuales", "cuyo", "cuya", "donde", "mientras",
                 "durante", "entre", "hasta", "desde", "segun", "como", "pero", "sin", "cuando",
                 "ya", "asi", "ademas", "tambien", "mediante", "gracias", "ha", "han", "fue",
                 "fueron", "es", "son", "sera", "seran", "esta", "estan", "hay", "no", "mas",
                 "menos", "cada", "solo", "tras", "ante", "bajo", "sobre", "hacia", "contra",
                 "respectivamente", "aproximadamente", "respecto", "comparacion", "relacion",
                 "frente", "versus", "vs"}
# Where a noun phrase read backwards from a figure ends.
_PHRASE_STOPS = _CLAUSE_STOPS | _ADVERBS
_COUNT_NOUNS = {"numero", "total", "cifra", "cantidad", "suma", "monto"}
# Nouns of "de N" that stand for the noun before, not for a measure of their own: "el resto de
# 30", "300 niños, de una meta de 500", "un máximo de 40".
_PART_NOUNS = {"resto", "parte", "mayoria", "mitad", "grupo", "meta", "objetivo", "minimo",
               "maximo", "tope", "universo", "padron", "estimado", "aproximado", "record",
               "promedio"}  # ("total", "cifra" … never reach it: _COUNT_NOUNS)
# Spans of time said of a person or a place ("desde hace dos meses", "por dos años", "tiene 47
# años de"), not figures of a report.
_SPAN_BEFORE = re.compile(r"\b(?:hace|por|durante|tiene|tenia|cumple|cumplio|cumplo|lleva|llevo"
                          r"|llevamos|tengo)\s+(?:mas\s+de\s+|casi\s+|ya\s+)?$")
_ADJ_SUFFIXES = ("ico", "ica", "icos", "icas", "ivo", "iva", "ivos", "ivas", "ario", "aria",
                 "arios", "arias", "oso", "osa", "osos", "osas")
# Participles qualify a noun they follow ("pruebas rápidas", "cirugías programadas"), but as a
# first word they are nouns as often ("jornadas", "estados", "afiliados").
_PARTICIPLES = ("idos", "idas", "ados", "adas")
_PHONE = re.compile(r"(?<!\d)(?<!\d[.,])(?:\d{2,4}[ \-.]){1,4}\d{2,4}(?!\d|[.,]\d)")
_PHONE_CUE = re.compile(r"(?:tel[eé]fon\w*|tel\.|l[ií]nea|llam\w+|whats\w*|marca\w*)\W*$",
                        re.IGNORECASE)
_CODES = re.compile(r"\d+\s*/\s*\d+|\d{1,2}:\d{2}|\d+\s?(?:ª|º|°)|\b\d+(?:er|ra|ro|do|da)\b"
                    r"|\b(?:No|Núm|Num|N°)\.?\s*\d+\b(?!\s*(?:mil|millones))"
                    r"|\b(?:c\.?p\.?|cp)\s*\d{5}\b", re.IGNORECASE)
_BARE_YEAR = re.compile(r"(?<![\d.,$])(?:19[5-9]\d|20[0-4]\d)(?![\d]|[.,]\d|\s*(?:%|mil\b|millon))")
_COUNTED_AFTER = re.compile(r"\s+(?:fueron|son|eran|de\s+(?![a-z]+\s+de\b)(?:los|las)?\s*[a-z]+s\b"
                            r"|(?!(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre"
                            r"|octubre|noviembre|diciembre|pesos|millones)\b)[a-z]{3,}s\b)")
_QUOTED = re.compile(r"[“\"«][^”\"»\n]{1,80}[”\"»]")
# Numbers that name rather than count: "la célula número 6", "la modalidad 34", "el artículo
# 123", "Hospital General de Zona 33", "la 17 Zona Militar". Spanish puts a count before its
# noun; a number after a singular noun, or a singular article before a number and a name, is a
# label. Not when what follows is counted ("a la fecha 300 personas") or a scale ("mil").
_NOT_COUNTED = r"(?![.,]?\d)(?!\s*(?:%|por\s+ciento|mil\b|mill[oó]n|millones|billones))" \
    r"(?!\s+(?:[a-záéíóúñ]+\s+)?[a-záéíóúñ]{3,}s\b)"
_LABELS = re.compile(
    r"\bn[uú]mero\s+(\d+)\b" + _NOT_COUNTED
    + r"|\b(?:el|la|del|al|su|esta|este|cada)\s+(?!(?:cual|misma|mismo|otra|otro|cifra|total"
      r"|suma|cantidad|fecha|semana|mes|año|ano|dia|día|tasa|meta|cuenta)\b)"
      r"[a-záéíóúñ]{4,}(?<!s)\s+(\d{1,4})\b" + _NOT_COUNTED
    + r"|(?:\b(?:de|del|la|el)\s+|[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+\s+)[A-ZÁÉÍÓÚÑ][a-záéíóúñ]{2,}(?<!s)"
      r"\s+(\d{1,4})\b" + _NOT_COUNTED
    + r"|\b(?:el|la|del|al)\s+(\d{1,3})\s+[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+(?<!s)\b"
    # "el HGZ 21", "la UMF 3": a number after an acronym names a unit; "la 55 de Fresnillo" too.
    + r"|\b[A-ZÑ]{2,6}\s+(\d{1,4})\b" + _NOT_COUNTED
    + r"|\b(?:el|la)\s+(\d{1,3})\s+de\s+[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+\b")


@dataclass(frozen=True)
class _Word:
    text: str
    key: str
    start: int
    end: int


@dataclass
class _Draft:
    mention: NumberMention
    head: str | None  # the counted noun as written, lower case ("consultas")
    qualifier: str | None
    end: int  # end of the mention's words
    explicit: bool  # the noun was stated, not taken from a previous figure
    purpose: bool = False  # the qualifier is what the figure is for ("para médicos")


def _words(text: str, start: int, end: int) -> list[_Word]:
    return [_Word(m.group(), fold(m.group()), start + m.start(), start + m.end())
            for m in _WORD.finditer(text[start:end])]


_RATIO_BASE = re.compile(r"\bpor\s+cada\s+((?:\d[\d.,]*|un|una|diez|cien|mil)"
                         r"(?:\s+(?:mil|millon|millones)(?:\s+\d[\d.,]*)?)?)\b")


def blocked_spans(text: str, times: list[TimeExpr], events: list[Event]) -> list[tuple[int, int]]:
    """Spans whose digits are not figures: dates, events, codes, phone numbers, quoted names."""
    spans = [(t.start, t.end) for t in times] + [(e.start, e.end) for e in events]
    spans += [(m.start(), m.end()) for m in _CODES.finditer(text)]
    spans += [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    for m in _LABELS.finditer(text):
        group = next(g for g in range(1, 7) if m.group(g) is not None)
        spans.append((m.start(group), m.end(group)))
    # A bare year ("el presupuesto 2020 contempla", "(2025)", "del 97"): four digits without a
    # thousands separator, not followed by what a figure counts ("2076 fueron de cataratas").
    for m in _BARE_YEAR.finditer(text):
        if not _COUNTED_AFTER.match(fold(text[m.end():m.end() + 30])):
            spans.append((m.start(), m.end()))
    # The base of a ratio ("1.8 camas por cada mil derechohabientes", "12 muertes por cada 100
    # mil habitantes") is no figure the text reports.
    spans += [(m.start(1), m.end(1)) for m in _RATIO_BASE.finditer(fold(text))]
    for m in _PHONE.finditer(text):
        digits = sum(ch.isdigit() for ch in m.group())
        if digits >= 10 or (digits >= 7 and _PHONE_CUE.search(text[max(0, m.start() - 40):m.start()])):
            spans.append((m.start(), m.end()))
    return spans


def _display(words: list[_Word], text: str) -> str:
    raw = " ".join(text[w.start:w.end] for w in words)
    raw = re.sub(r"\s+([,.;:])", r"\1", raw)
    return " ".join(w if w.isupper() else w.lower() for w in raw.split())


_VERB_ENDINGS = ("aron", "ieron", "aban", "ieran", "aran", "ara", "ira", "ian")


def _is_verb(key: str) -> bool:
    """A conjugated verb where a noun was expected ("412 derivaron en atención")."""
    return len(key) > 4 and key.endswith(_VERB_ENDINGS)


_COPULA_BEFORE = re.compile(r"\b(?:son|eran|fueron|seran|suman|sumaron)\s+$")
# Adjectives Spanish puts before a noun: never what a figure counts.
_PRENOMINAL = {"nuevo", "nueva", "nuevos", "nuevas", "gran", "grandes", "primeros", "primeras",
               "ultimos", "ultimas", "diversos", "diversas", "distintos", "distintas",
               "diferentes", "principales", "posibles", "mismos", "mismas", "otros", "otras",
               "varios", "varias", "pequenos", "pequenas", "mejores", "peores", "buenos",
               "buenas", "malos", "malas", "verdaderos", "verdaderas"}
_RANGE_LINK = re.compile(r"\s*(?:y|e|o|u|a|al|hasta)\s*")
# "ocho de los 11 municipios", "tres de cada 10 pacientes": a part of what the next figure counts.
_PART_LINK = re.compile(r"\s+de\s+(?:los|las|cada|sus)\s+")
_AUXILIARIES = {"se", "ha", "han", "habia", "habian", "hubo", "fue", "fueron", "era", "eran",
                "es", "son", "sera", "seran"}


def _verb_like(key: str) -> bool:
    """A conjugated verb or an auxiliary's participle ("habilitaron", "han sido")."""
    return _is_verb(key) or key in ("sido", "habido")


@lru_cache(maxsize=1)
def _people_nouns() -> frozenset[str]:
    """The thesaurus's nouns of people, folded: «beneficiarios», «usuarios», «voluntarios» end
    like adjectives («hospitalarios»), but right after a figure they are what it counts («50 mil
    beneficiarios»); after a noun they may still be its adjective («programas voluntarios»)."""
    return frozenset(fold(w) for w in thesaurus()["people"])


def _is_adjective(key: str, lex: Lexicon) -> bool:
    # A kind's own noun, singular or plural ("especialidad", "especialidades", "riñones"), is a
    # noun; its other forms ("renales", "hepáticos") are adjectives.
    return key in lex.generic_adjectives or key.endswith(_ADJ_SUFFIXES) or bool(
        lex.canonical_qualifier(key) and not any(
            key in (fold(g[0]), fold(g[0]) + "s", fold(g[0]) + "es")
            for g in lex.qualifier_groups))


_AUXILIARY_INFINITIVES = {"ser", "estar", "haber", "tener", "hacer", "contar", "seguir"}


def _qualifier(words: list[_Word], i: int, lex: Lexicon) -> tuple[list[_Word], int]:
    """Read a qualifier phrase starting at ``words[i]`` (after "de"/"en"); return it and next index."""
    out: list[_Word] = []
    j = i
    while j < len(words) and words[j].key in _DETERMINERS:
        j += 1
    if j < len(words) and words[j].key in _AUXILIARY_INFINITIVES:
        return out, j  # "25 años de ser voluntarios": what the years are of, not a kind
    while j < len(words):
        w = words[j]
        if w.key[0].isdigit() or w.key in NUMBER_WORDS - {"un", "una", "uno"}:
            break
        if w.key == ",":
            # "de hipertensión, diabetes, cáncer y de mama": a list of bare nouns ending in "y".
            rest = words[j + 1:]
            stop = next((k for k, r in enumerate(rest) if r.key in {".", ";", ":", "("}), len(rest))
            clause = rest[:stop]
            has_number = any(r.key[0].isdigit() or r.key in NUMBER_WORDS for r in clause)
            if (not clause or has_number or clause[0].key in lex.stop_after_comma
                    or len(clause) > 12 or any(r.key in _DETERMINERS for r in clause)
                    or not any(r.key in {"y", "e"} for r in clause)):
                break
            out.append(w)
            j += 1
            continue
        if not w.key[0].isalpha():
            break
        if w.key in _CLAUSE_STOPS or w.key in lex.copulas:
            break
        if w.key in {"y", "e", "o", "u"}:
            nxt = words[j + 1] if j + 1 < len(words) else None
            if nxt is None or nxt.key[0].isdigit() or nxt.key in NUMBER_WORDS or (
                    nxt.key in _CLAUSE_STOPS | _DETERMINERS):
                break
        if w.key == "en" or w.key in MONTHS:
            break  # "en unidades del Instituto", "en febrero": a place or a time, not a kind
        if w.key in _QUAL_CONNECTORS:
            nxt = words[j + 1] if j + 1 < len(words) else None
            if nxt is None or not nxt.key[0].isalpha() or nxt.key in NUMBER_WORDS:
                break
        if re.fullmatch(r"[a-z]+(?:aron|ieron|aba|aban|ará|arán|ó)", w.key) and w.key not in (
                "riñon", "corazon"):
            break
        out.append(w)
        j += 1
        if len(out) >= 10:
            break
    while out and (out[-1].key in _QUAL_CONNECTORS or out[-1].key == ","):
        out.pop()
    return out, j


def _read_after(mention: NumberMention, words: list[_Word], lex: Lexicon,
                text: str) -> _Draft:
    """Read what a figure counts from the words after it."""
    i = 0
    if mention.percent:
        return _read_percent(mention, words, lex, text)
    ends_with_big = fold(text[mention.start:mention.end]).rstrip().endswith(
        ("millones", "millon", "billones", "billon"))
    # "6.5 millones de consultas" is partitive; "un millón 200 mil de especialidad" and
    # "2 millones de medicina familiar" are elliptical: a plural noun tells them apart.
    if (ends_with_big and len(words) > 1 and words[0].key == "de"
            and words[1].key.endswith("s") and words[1].key not in _DETERMINERS):
        i = 1
    if i < len(words) and words[i].key in lex.copulas:
        i += 1
        if i < len(words) and words[i].key == "a":
            i += 1
    elif (i + 1 < len(words) and words[i].key == "a" and words[i + 1].key[0].isalpha()
          and words[i + 1].key not in _DETERMINERS | _CLAUSE_STOPS):
        i += 1  # "720 mil correspondieron a X y 480 mil a Y": the copula is elided
    if i >= len(words):
        return _Draft(mention, None, None, mention.end, False)
    w = words[i]
    if _is_verb(w.key) or w.key.endswith("mente") or w.key in _ADVERBS:
        # "se contrataron 46 mil exclusivamente para los centros": an adverb, no noun.
        return _Draft(mention, None, None, mention.end, False)
    if w.key == "para" and i + 1 < len(words) and words[i + 1].key.endswith(("ar", "er", "ir")):
        return _Draft(mention, None, None, mention.end, False)  # "para intervenir": a purpose
    if w.key in _PREPS or w.key == "para":
        # "de las cuales 2 mil serán para médicos": what the share is for is its kind.
        qual, _ = _qualifier(words, i + 1, lex)
        end = qual[-1].end if qual else mention.end
        return _Draft(mention, None, _display(qual, text) if qual else None, end, False,
                      purpose=w.key == "para")
    if w.key in ("los", "las") and i + 1 < len(words) and _COPULA_BEFORE.search(
            fold(text[max(0, mention.start - 14):mention.start])):
        # "son 61 los quirófanos que ...", "fueron 300 las personas ...": the subject follows.
        later = _read_after(mention, words[i + 1:], lex, text)
        if later.head is not None and fold(later.head) not in _COUNT_NOUNS | {"totalidad"}:
            return later
    if not w.key[0].isalpha() or w.key in _CLAUSE_STOPS or w.key in _DETERMINERS or (
            w.key in {"y", "e", "o", "u", "a", "al", "por", "para", "con"}):
        return _Draft(mention, None, None, mention.end, False)
    if w.key in _PRENOMINAL:
        # "10 mil 794 nuevas plazas", "20 distintas especialidades": the noun follows.
        nxt = words[i + 1] if i + 1 < len(words) else None
        if nxt is not None and nxt.key in ("y", "e") and i + 3 < len(words) and \
                words[i + 2].key[0].isalpha():
            i, nxt = i + 2, words[i + 3]  # "21 mil pequeños y solidarios empresarios"
        if nxt is None or not nxt.key[0].isalpha() or nxt.key in _CLAUSE_STOPS | _DETERMINERS \
                or nxt.key in _PREPS or nxt.key in {"y", "e", "o", "u", "a", "al", "para", "con"}:
            return _Draft(mention, None, None, w.end, False)  # "se crearon 40 nuevas"
        i += 1
        w = nxt
    if _is_adjective(w.key, lex) and w.key not in lex.generic_adjectives \
            and w.key not in _people_nouns():
        return _Draft(mention, None, _display([w], text), w.end, False)
    # w is the counted noun; adjectives after it qualify it, "de X" names its kind.
    j = i + 1
    adjectives: list[_Word] = []
    while j < len(words) and words[j].key[0].isalpha() and (
            _is_adjective(words[j].key, lex) or words[j].key.endswith(_PARTICIPLES)):
        adjectives.append(words[j])
        j += 1
    head = [w]
    # "intervenciones quirúrgicas" is one measure: the adjective belongs to the noun.
    if adjectives and lex.known_measure(_display([w, *adjectives], text)):
        head, adjectives = [w, *adjectives], []
    qualifier_words = [a for a in adjectives if a.key not in lex.generic_adjectives]
    end = words[j - 1].end
    followed = j < len(words) and words[j].key in ("de", "del", "contra", "para")
    if followed and qualifier_words and not any(lex.canonical_qualifier(a.key)
                                                for a in qualifier_words):
        # "pruebas rápidas de VIH": the adjective belongs to the noun, "de X" is the kind.
        head, qualifier_words = [w, *qualifier_words], []
    if followed and not qualifier_words:
        qual, _ = _qualifier(words, j + 1, lex)
        if qual:
            qualifier_words = qual
            end = qual[-1].end
    return _Draft(mention, _display(head, text),
                  _display(qualifier_words, text) if qualifier_words else None, end, True)


_NOT_OBJECTS = {"ellos", "ellas", "estos", "estas", "esos", "esas", "todos", "todas", "unos",
                "unas", "otros", "otras", "nosotros", "ustedes", "mas", "menos", "pues",
                "entonces", "ademas", "despues", "antes", "veces", "apenas", "dias", "anos",
                "meses", "semanas", "horas", "pesos", "millones", "tres", "seis", "dos",
                # indefinite quantifiers stand for a noun, they are none: "algunas de tres"
                "algunos", "algunas", "muchos", "muchas", "varios", "varias", "pocos", "pocas",
                "ambos", "ambas", "demas", "tantos", "tantas", "mismos", "mismas", "aquellos",
                "aquellas", "ningunos", "ningunas", "cuantos", "cuantas", "cuales"}
_OBJECT_PREPS = {"de", "del", "en", "para", "con", "por", "a", "al", "desde", "hasta", "sobre",
                 "entre", "sin", "durante", "hacia", "segun", "ante", "tras"}


def _plural_noun(w: _Word, lex: Lexicon, text: str, participles: bool = False) -> bool:
    """A lower-case plural that is no verb, adjective or function word, nor a participle
    unless ``participles`` (where only a noun can stand: "de embarazadas de mil 76")."""
    return (len(w.key) >= 4 and w.key.endswith("s") and w.key.isalpha()
            and text[w.start].islower() and w.key not in _NOT_OBJECTS
            and w.key not in _CLAUSE_STOPS | _DETERMINERS | _COUNT_NOUNS | _ADVERBS
            and not _is_verb(w.key) and (participles or not w.key.endswith(_PARTICIPLES))
            and not _is_adjective(w.key, lex) and not w.key.endswith(("mos", "ais", "eis")))


def _object_between(words: list[_Word], lex: Lexicon, text: str) -> str | None:
    """The last plural noun in ``words`` that is not inside a prepositional phrase: what a bare
    figure after them counts ("se dispusieron camas para atender COVID hasta llegar a 893").
    Not after an article or a copula: "que son las potenciales" names no new thing."""
    for k in range(len(words) - 1, -1, -1):
        w = words[k]
        if (_plural_noun(w, lex, text)
                and (k == 0 or words[k - 1].key not in _OBJECT_PREPS | _DETERMINERS
                     | lex.copulas)):
            return _display([w], text)
    return None


_SETTING_PREPS = {"en", "para", "con", "por", "desde", "hasta", "sobre", "entre", "durante"}
_APPROX_WORDS = {"casi", "cerca", "mas", "menos", "alrededor", "aproximadamente", "unos",
                 "unas", "poco"}


def _partitive_noun(words: list[_Word], lex: Lexicon, text: str,
                    mention: NumberMention) -> tuple[str, str | None] | None:
    """The noun of an elided partitive: "de las 10 que están instaladas" after "la célula de
    vacunación" counts células. ``words`` run from the sentence start to the figure."""
    k = len(words) - 1
    while k >= 0 and words[k].key in _APPROX_WORDS | {"de"} and not (
            words[k].key == "de" and k + 1 < len(words) and words[k + 1].key not in _APPROX_WORDS):
        k -= 1
    if k < 1 or words[k].key not in ("las", "los") or words[k - 1].key != "de":
        return None
    after = text[mention.end:mention.end + 12].lstrip()
    if after[:1].isalpha() and not fold(after).startswith(("que ", "de ")):
        return None  # "de las 40 salas": the noun is stated
    for j in range(k - 2, max(-1, k - 12), -1):
        if words[j].key in _DETERMINERS and j + 1 < k - 1 and not (
                j and words[j - 1].key in _SETTING_PREPS):  # "en la región" is a setting
            draft = _read_after(mention, words[j + 1:k - 1], lex, text)
            if draft.head is not None:
                return draft.head, draft.qualifier
            return None
        if words[j].key in (";", ":", "."):
            return None
    return None


# Adjectives of a change or a rate that stand between its noun and "de": "aumento anual de".
_RATE_ADJECTIVES = {"anual", "mensual", "semanal", "diario", "diaria", "nominal", "real",
                    "neto", "neta", "total", "promedio", "acumulado", "acumulada", "interanual"}


_ABOVE = {"arriba", "abajo", "encima", "debajo"}


def _noun_before_de(text: str, start: int) -> str | None:
    """The noun of "un ahorro de $1,200", "un aumento de 12 %": what a bare amount measures."""
    before = _words(text, max(0, start - 60), start)
    k = len(before) - 1
    while k >= 0 and (before[k].key in _DETERMINERS or before[k].key == "$"):
        k -= 1
    if k < 1 or before[k].key not in ("de", "del"):
        return None
    j = k - 1
    if j >= 2 and before[j].key in _APPROX_WORDS | _ABOVE and before[j - 1].key == "de":
        j -= 2  # "un incremento de cerca del 22 %": the noun before how near
    while j >= 1 and before[j].key in _RATE_ADJECTIVES:
        j -= 1  # "un aumento nominal anual del 9.5 %": the noun before its adjectives
    w = before[j]
    if not w.key[0].isalpha() or w.key in _CLAUSE_STOPS | _DETERMINERS | _COUNT_NOUNS \
            | _APPROX_WORDS | _RATE_ADJECTIVES | _ABOVE | {"ciento", "porciento"}:
        return None  # "cerca del 22 %", "arriba del 85 %": how near, not what
    if w.key.endswith("mente") or text[w.end - 1] in "óé" or j == 0 \
            or before[j - 1].key not in _DETERMINERS:
        # "actualmente de 102 pesos", "se redujo del 57 %", "el abasto pasa de 800": an
        # adverb, a verb; a noun comes after an article ("un egreso de", "una ocupación del").
        return None
    return _display([w], text)


def _read_percent(mention: NumberMention, words: list[_Word], lex: Lexicon,
                  text: str) -> _Draft:
    """ "71.2 por ciento de la productividad anual"; "un aumento de 12.5 % en las consultas"."""
    measure, qualifier, end = None, None, mention.end
    if words and words[0].key in ("de", "del"):
        qual, _ = _qualifier(words, 1, lex)
        if qual:
            measure, end = _display(qual, text), qual[-1].end
    elif len(words) > 1 and words[0].key in ("menos", "mas") \
            and words[1].key not in _DETERMINERS | {"de", "del", "que", ",", "."}:
        # "55 por ciento menos hospitalizaciones": the share is of what it names.
        qual, _ = _qualifier(words, 1, lex)
        if qual:
            measure, end = _display(qual, text), qual[-1].end
    if measure is None:
        measure = _noun_before_de(text, mention.start)
        if words and words[0].key == "en":
            qual, _ = _qualifier(words, 1, lex)
            if qual:
                qualifier, end = _display(qual, text), qual[-1].end
    return _Draft(mention, measure or "porcentaje", qualifier, end, True)


def _read_before(mention: NumberMention, words: list[_Word], lex: Lexicon,
                 text: str) -> tuple[str | None, str | None] | None:
    """A noun before the figure: "las cirugías sumaron 7 mil", "trasplantes de riñón: 19"."""
    k = len(words) - 1
    if k >= 0 and words[k].key in ("de", "a"):
        k -= 1
    if k >= 2 and words[k].key == "ser" and words[k - 1].key == "a" and \
            words[k - 2].key in lex.left_verbs:
        k -= 2  # "los hospitales que llegaron a ser 184"
    if k >= 0 and (words[k].key in lex.left_verbs or words[k].key in (":", "fue", "fueron")):
        k -= 1
    else:
        return None
    if k >= 0 and words[k].key in lex.left_verbs:
        k -= 1
    if k >= 1 and words[k].key == "que":
        # "los trabajadores registrados, que son 2 mil 300": the noun the clause hangs from.
        k -= 2 if words[k - 1].key == "," else 1
    phrase, k = _phrase_back(words, k, cap=8)
    if phrase and _verb_like(phrase[0].key):
        # "las camas que se habilitaron fueron 3 mil", "las personas que han sido afiliadas,
        # que son 11 mil": the clause's verb is not the noun; the one it hangs from is.
        j = k
        while j >= 0 and k - j < 3 and words[j].key in _AUXILIARIES:
            j -= 1
        if j < k and j >= 1 and words[j].key == "que":
            return _read_before_clause(words[:j], lex, text)
        return None
    while phrase and phrase[0].key in _COORDINATORS:
        phrase.pop(0)
    if phrase and phrase[0].key in _SETTING_PREPS:
        # "en los hechos era de 160", "y en el caso del programa son ocho": a setting, not
        # what is counted; "En Sonora las camas son 300": the noun phrase after the setting.
        phrase = _after_setting(phrase)
    if len(phrase) > 2 and phrase[0].key in _DETERMINERS and phrase[1].key in ("de", "del"):
        # "las de reemplazo de cadera fueron 1,320": the noun is the previous figure's.
        return None, _display(phrase[2:], text)
    while phrase and phrase[0].key in _DETERMINERS | _QUAL_CONNECTORS:
        phrase.pop(0)
    if not phrase or phrase[0].key in lex.left_verbs:
        return None
    while len(phrase) > 2 and phrase[0].key in _COUNT_NOUNS and phrase[1].key in ("de", "del"):
        phrase = phrase[2:]
        while phrase and phrase[0].key in _DETERMINERS:
            phrase.pop(0)
    if not phrase:
        return None
    head = phrase[0]
    rest = phrase[1:]
    if rest and rest[0].key in ("de", "del"):
        rest = [w for w in rest[1:] if True]
        while rest and rest[0].key in _DETERMINERS:
            rest.pop(0)
    elif rest and all(_is_adjective(w.key, lex) for w in rest):
        rest = [w for w in rest if w.key not in lex.generic_adjectives]
    else:
        rest = []
    return _display([head], text), (_display(rest, text) if rest else None)


_COORDINATORS = {"y", "e", "o", "u", "pero", "pues"}
# "personas de 60 y más", "jóvenes de 18 a 29": an age, not a count of the noun before "de".
_AGE_AFTER = re.compile(r"\s*(?:a|al|y\s+mas|o\s+mas|en\s+adelante|anos)\b")


def _after_setting(phrase: list[_Word]) -> list[_Word]:
    """The noun phrase that follows a setting phrase ("En Sonora | las camas del hospital"):
    from the first article that opens a new phrase (not one after "de", "en"); none if the
    setting is all there is ("en el caso del programa")."""
    for j in range(2, len(phrase)):
        if phrase[j].key in _DETERMINERS and phrase[j - 1].key not in _OBJECT_PREPS \
                and phrase[j - 1].key not in _DETERMINERS and phrase[j].text[0].islower():
            return phrase[j:]
    return []


def _phrase_back(words: list[_Word], k: int, cap: int | None = None) -> tuple[list[_Word], int]:
    """The words of the phrase that ends at ``words[k]``, read backwards to a clause stop (at
    most ``cap`` of them), and the index of the word before the phrase."""
    phrase: list[_Word] = []
    while k >= 0 and words[k].key[0].isalpha() and words[k].key not in _PHRASE_STOPS:
        phrase.insert(0, words[k])
        k -= 1
        if cap is not None and len(phrase) >= cap:
            break
    return phrase, k


def _read_before_clause(words: list[_Word], lex: Lexicon,
                        text: str) -> tuple[str | None, str | None] | None:
    """The noun a relative clause hangs from, read as if a copula followed it."""
    k = len(words) - 1
    if k >= 0 and words[k].key == ",":
        k -= 1
    phrase, _ = _phrase_back(words, k)
    if not phrase or phrase[0].key in _SETTING_PREPS:
        return None  # "en las unidades que se abrieron": a setting
    while phrase and phrase[0].key in _DETERMINERS | _QUAL_CONNECTORS:
        phrase.pop(0)
    if not phrase or _verb_like(phrase[0].key):
        return None
    return _display([phrase[0]], text), None


def _approx(text: str, start: int, lex: Lexicon) -> str | None:
    before = " ".join(fold(text[max(0, start - 40):start]).split())
    for phrase, written in lex.approx:
        if before.endswith(" " + phrase) or before == phrase:
            return written
    return None


def _unit(text: str, m: NumberMention) -> str:
    if m.percent:
        return "percent"
    before = text[max(0, m.start - 2):m.start]
    after = fold(text[m.end:m.end + 20])
    if "$" in before or re.match(r"\s+(?:de\s+)?pesos\b", after):
        return "pesos"
    if re.match(r"\s+(?:de\s+)?dolares\b", after):
        return "dólares"
    return "count"


def _compose(head: str, qualifier: str | None, lex: Lexicon) -> tuple[str, str | None]:
    """Measure and qualifier from a head noun: "consultas" + "especialidad" is its own measure."""
    base = head if head.isupper() else head.lower()
    if qualifier and fold(base) in lex.compound_measures:
        base, qualifier = f"{base} de {qualifier}", None
    base = lex.known_measure(base) or base
    if qualifier and all(part.strip() in lex.generic_qualifiers for part in
                         re.split(r",|\by\b|\be\b", fold(qualifier)) if part.strip()):
        qualifier = None
    if qualifier:
        qualifier = lex.canonical_qualifier(qualifier) or qualifier
    return base, qualifier


@dataclass
class _Context:
    period: TimeExpr | None = None
    event: Event | None = None
    last_day: TimeExpr | None = None
    until: int | None = None  # where an inherited period stated without figures lapses
    noun: tuple[str, str | None] | None = None  # what the last sentence's last figure counted
    before_now: TimeExpr | None = None  # the span a sentence of the text's day ended
    since: int = 0  # the sentence that stated ``period``


# How many sentences a period stated once goes on dating the figures after it: a year a
# speaker named nine sentences back («en 2016 se empezó la construcción … mil 301 camas
# censables») is the scope of a story told long before, not of today's figures.
_CARRY = 8
# A demonstrative right before a small number word with no noun: "estos dos", "esas tres".
_POINTING = re.compile(r"\b(?:estos|estas|esos|esas|aquellos|aquellas)\s+$")
# A phrase of the text's day ("a la fecha", "hoy"): a count of that day, not a span.
_NOW = re.compile(r"(?:al\s+dia\s+de\s+)?hoy\b|actualmente\b|en\s+este\s+momento\b"
                  r"|a\s+la\s+fecha\b")


def _beside(folded: str, a: "TimeExpr | tuple[int, int]", b: "TimeExpr | tuple[int, int]") -> bool:
    """Two time phrases stated together: only a comma or "y" between them ("en lo que va del
    año, con corte a agosto")."""
    (a0, a1), (b0, b1) = (_span(a), _span(b))
    gap = folded[a1:b0] if a1 <= b0 else folded[b1:a0]
    return bool(re.fullmatch(r"\s*,?\s*(?:y\s+)?", gap))


def _span(t: "TimeExpr | tuple[int, int]") -> tuple[int, int]:
    return (t.start, t.end) if isinstance(t, TimeExpr) else t


def _to_date(expr: TimeExpr, bulletin: Bulletin) -> TimeExpr:
    """ "en lo que va del año" in a text of 30 April 2024: from 1 January to that day."""
    day = bulletin.date
    year = expr.year or bulletin.year
    if not day or year is None or not day.startswith(f"{year:04d}-") or len(day) != 10:
        return expr
    return replace(expr, period_start=f"{year:04d}-01-01", period_end=day, year=year)


def _resolve_period(expr: TimeExpr, ctx: _Context, s_times: list[TimeExpr]) -> TimeExpr:
    """ "de esa fecha al 12 de septiembre" starts at the last single date stated before it."""
    if not expr.anaphoric:
        return expr
    days = [t for t in s_times if t.kind == "day" and t.start < expr.start]
    day = days[-1] if days else ctx.last_day
    if day is None:
        return expr
    return replace(expr, period_start=day.period_start, anaphoric=False)


def extract_facts(bulletin: Bulletin, sentences: list[tuple[int, int]]) -> list[Fact]:
    """Every figure stated in ``bulletin``, in text order.

    Args:
        bulletin: the bulletin; its date (if any) gives the year of periods that omit it.
        sentences: its sentence spans, as ``index.nlp.sentence_spans`` returns them.
    """
    lex = lexicon()
    text = bulletin.text
    folded = fold(text)  # once: folding per sentence made long texts quadratic
    times = find_times(text)
    events = find_events(text)
    mentions = find_numbers(text, blocked_spans(text, times, events))
    year = bulletin.year

    # Each sentence's times, events and mentions (all three sorted by start), by bisection:
    # filtering every list for every sentence made long texts quadratic.
    in_sentence = _Slicer(times), _Slicer(events), _Slicer(mentions)

    # Where an event's dates are stated once, later mentions of it inherit them.
    event_periods: dict[tuple[int | None, str, str], TimeExpr] = {}
    for s_start, s_end in sentences:
        s_events = in_sentence[1](s_start, s_end)
        s_periods = [t for t in in_sentence[0](s_start, s_end)
                     if t.kind not in ("day", "year", "anaphoric", "since", "boundary")]
        for k, event in enumerate(s_events):
            stop = s_events[k + 1].start if k + 1 < len(s_events) else s_end
            after = [t for t in s_periods if event.end <= t.start < min(stop, event.end + 150)]
            before = [t for t in s_periods if event.start - 150 <= t.end <= event.start]
            if after or before:
                event_periods.setdefault(_event_key(event), (after or before[-1:])[0])

    ctx = _Context()
    facts: list[Fact] = []
    for k, (s_start, s_end) in enumerate(sentences):
        if ctx.period is not None and k - ctx.since > _CARRY:
            ctx.period, ctx.until = None, None
        if ctx.until is not None and s_start > ctx.until:
            # "En 2017 el cabildo donó el terreno." is a story's date: it does not date the
            # figures of later paragraphs, as a period stated with figures does.
            ctx.period, ctx.until = None, None
        if ctx.before_now is not None and _BACK_TO_SPAN.match(folded, s_start):
            ctx.period, ctx.since = ctx.before_now, k
        if ctx.last_day is not None and _THAT_DAY.match(folded, s_start):
            # "… el 8 de febrero de 2021 fue el día de la máxima ocupación. En ese momento,
            # 345 camas …": the day named before.
            ctx.period, ctx.until, ctx.since = ctx.last_day, None, k
        s_times = in_sentence[0](s_start, s_end)
        s_events = in_sentence[1](s_start, s_end)
        periods = [_resolve_period(t, ctx, s_times) for t in s_times
                   if t.kind not in ("day", "boundary")]
        s_mentions = in_sentence[2](s_start, s_end)
        new = _sentence_facts(bulletin, s_start, s_end, s_mentions, periods, s_events, ctx,
                              event_periods, lex, year, s_times, folded) if s_mentions else []
        facts.extend(new)
        # "39 empleados … Tres de ellos murieron": the next sentence may point back to it.
        ctx.noun = next(((f.measure, f.qualifier) for f in reversed(new)
                         if f.measure not in BARE_MEASURES and f.unit != "percent"), None)
        # The context the next sentences inherit.
        # "El hospital, que abrió en 1990, atiende …", "el convento, que recibió en 1993 al
        # papa.", "fundado en 1974": an aside's time, a founding's, dates no later sentence.
        periods = [t for t in periods
                   if not in_relative_aside(folded, s_start, t.start, t.end, s_end, to_end=True)
                   and not founding_date(folded, t.start, t.end)]
        if periods:
            ctx.period, ctx.since = periods[-1], k
            ctx.event = s_events[-1] if s_events else None
            paragraph_end = text.find("\n", s_end)
            # Spans of time ("desde hace dos meses", "por dos años") report nothing: a
            # story's sentence with only those does not date the next paragraphs either.
            counts = [f for f in new if fold(f.measure) not in TIME_UNITS
                      or not _SPAN_BEFORE.search(folded, max(0, f.value_start - 30),
                                                 f.value_start)]
            ctx.until = None if counts or paragraph_end < 0 else paragraph_end
        elif s_events:
            ctx.event = s_events[-1]
            known = event_periods.get(_event_key(s_events[-1]))
            ctx.period, ctx.since = (known if known is not None else None), k
        elif new and any(off == 0 for _, _, off in relative_times(folded[s_start:s_end])):
            # "En 1979 nació el programa. … a finales de este año tendrá presencia en 24
            # estados. Y ya no operará 80 hospitales, sino 331.": figures of the text's own
            # day ("este año", "hoy") end the span stated before; what follows is of now,
            # unless it points back to it ("En ese lapso …", "De ellas, …").
            ctx.before_now, ctx.period, ctx.until = ctx.period, None, None
        days = [t for t in s_times if t.kind == "day"]
        if days:
            ctx.last_day = days[-1]
    return facts


_S = TypeVar("_S", TimeExpr, Event, NumberMention)
# A sentence that points back to an earlier span: "En ese lapso …", "De ellas, …".
_BACK_TO_SPAN = re.compile(r"\W*(?:y\s+)?(?:(?:en|durante)\s+(?:ese|aquel|dicho|el\s+mismo)\s+"
                           r"(?:ano|lapso|periodo|tiempo|mes|semestre|trimestre)"
                           r"|de\s+(?:ellas|ellos|esas|esos|estas|estos)|en\s+esa\s+fecha)\b")
# A sentence that points back to the day named before: "En ese momento …", "Ese día …".
_THAT_DAY = re.compile(r"\W*(?:y\s+)?(?:(?:en|durante)\s+(?:ese|aquel)\s+(?:momento|dia)"
                       r"|(?:ese|aquel)\s+dia|para\s+entonces|en\s+esa\s+fecha)\b")
# Verbs of money given, paid or spent (folded), before a figure: "transfirió", "se invirtieron".
_PAID = re.compile(r"\b(?:transfi\w+|invirt\w+|invert\w+|destin\w+|asign\w+|pag[oóa]\w*"
                   r"|erog\w+|ejerc\w+|gast\w+|cost\w+|aport\w+|otorg\w+\s+recursos)\b")
# "no 80 hospitales rurales, sino 331": what stands (folded) between a figure and the one
# that replaces it.
INSTEAD = (r"(?:\s+[a-z]+){0,2}\s*,?\s*sino\s+(?:(?:a|en|de|con)\s+)?"
           r"(?:(?:mas\s+de|casi)\s+)?")
_INSTEAD = re.compile(INSTEAD)


class _Slicer(Generic[_S]):
    """The items (sorted by ``start``) that start in ``[a, b)``, found by bisection."""

    def __init__(self, items: list[_S]) -> None:
        self.items: list[_S] = items
        self.starts = [item.start for item in items]

    def __call__(self, a: int, b: int) -> list[_S]:
        return self.items[bisect_left(self.starts, a):bisect_left(self.starts, b)]


_CLAUSE_END = re.compile(r"[,;:]|\s(?:y|e|pero|mientras)\s")
_RELATIVE_LINK = re.compile(r"\b(?:de\s+(?:los|las)\s+cuales|de\s+(?:ellos|ellas|estos|estas))\b")


def _range_scale(m: NumberMention, nxt: NumberMention, text: str) -> int | float:
    """ "entre 30 o 35 mil niños", "de 2 a 3 millones": the first figure of a range written
    without its scale takes the second's."""
    said = fold(text[m.start:m.end]).rstrip()
    other = fold(text[nxt.start:nxt.end]).rstrip()
    if m.percent or said.endswith(("mil", "millones", "millon")) or m.value >= 1000:
        return m.value
    for word, scale in (("millones", 1_000_000), ("millon", 1_000_000), ("mil", 1000)):
        if other.endswith(word) and nxt.value > m.value * scale / 10:
            return round(m.value * scale) if float(m.value * scale).is_integer() else m.value * scale
    return m.value


def _elided_scale(m: NumberMention, before: list[NumberMention], text: str) -> int | float:
    """ "8.2 millones de personas, de las cuales 1.4 son menores": the second figure is in
    millions too — a bare decimal linked to a figure in millions by "de los cuales" keeps its
    scale. Any other decimal ("bajó 2.5 puntos") is read as written."""
    if m.percent or float(m.value).is_integer() or m.value >= 1000 or not before:
        return m.value
    prev = before[-1]
    said = fold(text[prev.start:prev.end]).rstrip()
    between = fold(text[prev.end:m.start])
    if len(between) <= 100 and said.endswith(("millones", "millon")) and \
            _RELATIVE_LINK.search(between) and not re.search(r"[a-z]", fold(text[m.start:m.end])):
        return round(m.value * 1_000_000)
    return m.value


def _event_key(event: Event) -> tuple[int | None, str, str]:
    return event.num, event.noun.rstrip("s"), ",".join(map(str, event.nums))


_Spanned = TypeVar("_Spanned", TimeExpr, Event)


# Pronouns only: "de estos 16 estados" names its own noun; "de los cuales 4.5 viven" does not.
_POINTS_BACK_AFTER = re.compile(r"\s+de\s+(?:ellos|ellas)\b")
_POINTS_BACK_BEFORE = re.compile(r"\bde\s+(?:ellos|ellas|(?:los|las)\s+cuales)\s*,?\s*$"
                                 r"|\bde\s+(?:estos|estas|esos|esas)\s*,\s*$")


def _pick(items: list[_Spanned], pos: int) -> _Spanned | None:
    """The item nearest before ``pos``, else the first after it."""
    before = [it for it in items if it.start <= pos]
    if before:
        return before[-1]
    return items[0] if items else None


def _sentence_facts(bulletin: Bulletin, s_start: int, s_end: int,
                    mentions: list[NumberMention], periods: list[TimeExpr],
                    events: list[Event], ctx: _Context,
                    event_periods: dict[tuple[int | None, str, str], TimeExpr],
                    lex: Lexicon, year: int | None, times: list[TimeExpr],
                    folded: str) -> list[Fact]:
    text = bulletin.text
    out: list[Fact] = []
    antecedent: tuple[str, str | None] | None = None  # the last noun stated, and its kind
    # What the words after each figure say it counts, read once for all of them.
    limits = [n.start for n in mentions[1:]] + [s_end]
    drafts = [_read_after(m, _words(text, m.gloss_end or m.end, limit), lex, text)
              for m, limit in zip(mentions, limits)]
    for idx, m in enumerate(mentions):
        draft = drafts[idx]
        nxt = mentions[idx + 1] if idx + 1 < len(mentions) else None
        ranged = nxt is not None and bool(_RANGE_LINK.fullmatch(fold(text[m.end:nxt.start])))
        if nxt is not None and draft.head is None and drafts[idx + 1].head is not None and (
                ranged and draft.qualifier is None
                or not m.percent and _PART_LINK.fullmatch(fold(text[m.end:nxt.start]))
                and not re.search(r"\b(?:mil|millon|millones)\b", fold(text[nxt.start:nxt.end]))):
            # "entre 40 y 49 años", "de 5 a 9 años": the first figure shares the second's noun;
            # so does a part, "ocho de los 11 municipios" ("2 de los 5 millones de niños" has
            # another scale than its part: left bare).
            shared = drafts[idx + 1]
            draft = replace(draft, head=shared.head, qualifier=shared.qualifier, explicit=True)
            part = not ranged
        else:
            part = False
        head, qualifier = draft.head, draft.qualifier
        # "no 80 hospitales rurales, sino 331": this figure replaces the one before.
        replaces = bool(out) and out[-1].sentence_start == s_start \
            and _INSTEAD.fullmatch(folded, out[-1].end, m.start) is not None
        # "Tres de ellos …", "De ellas, 45 …": a part of what the figure before counted.
        back = _POINTS_BACK_AFTER.match(folded, m.end) or _POINTS_BACK_BEFORE.search(
            folded[out[-1].end if out else s_start:m.start])
        ref = (antecedent if antecedent is not None else ctx.noun) if back else None
        if ref is not None and (head is None or not draft.explicit or (
                " " not in head and fold(head).endswith(("an", "en")))):
            # ... unless it names its own noun («De ellos, 300 enfermeras»); a verb in the
            # present («De ellas, 61 hablan …») is no noun. What it says of the part («de las
            # cuales 2 mil serán para urgencias») is its own.
            of_part = draft.head is None and draft.qualifier is not None \
                and not _POINTS_BACK_AFTER.match(folded, m.end)  # "Tres de ellos": the pointer
            head, qualifier = ref[0], (draft.qualifier if of_part else ref[1])
        elif head is None:
            if not m.percent and m.value <= 10 and _POINTING.search(
                    folded, max(s_start, m.start - 12), m.start) \
                    and not any(ch.isdigit() for ch in text[m.start:m.end]):
                # "estos dos los estamos habilitando", "Estos tres atienden COVID": a pronoun
                # that points back to things named before, not a figure the text reports.
                continue
            prefix = _words(text, s_start, m.start)
            before = _read_before(m, prefix, lex, text)
            if replaces and out[-1].unit == _unit(text, m):
                # "no 80 hospitales rurales, sino 331": the figure that replaces another
                # counts what it counted.
                head, qualifier = out[-1].measure, out[-1].qualifier
            elif len(prefix) >= 2 and prefix[-1].key == "de" \
                    and _plural_noun(prefix[-2], lex, text, participles=True) \
                    and not _AGE_AFTER.match(folded, m.end):
                # "una existencia de embarazadas de mil 76 de alto riesgo": the plural noun
                # right before "de" is what the figure counts; what follows is its kind.
                head, qualifier = _display([prefix[-2]], text), draft.qualifier
            elif before is not None and before[0] is None and antecedent is not None:
                head, qualifier = antecedent[0], before[1]
            elif before is not None and before[0] is not None and draft.qualifier is None:
                head, qualifier = before
                antecedent = (before[0], before[1])
            elif (partitive := _partitive_noun(prefix, lex, text, m)) is not None:
                # "la consulta de medicina familiar, de las casi 300 mil que ocurren": the noun
                # of "de las N" is the phrase the partitive points back to.
                head, qualifier = partitive
            elif (nearer := _object_between(
                    _words(text, out[-1].end if out else s_start, m.start), lex, text)) \
                    is not None and (antecedent is None or fold(nearer) != fold(antecedent[0])):
                # "en 80 hospitales se dispusieron camas hasta llegar a un número de 893": a noun
                # named since the last figure is what the bare one counts.
                head, qualifier = nearer, draft.qualifier
            elif antecedent is not None and not m.percent \
                    and (noun := _noun_before_de(text, m.start)) is not None \
                    and fold(noun) not in _PART_NOUNS:
                # "16 estados que ya tuvieron la basificación de 25 mil 62": the noun the bare
                # figure is the amount of beats the noun of the figure before ("el resto de
                # 30" is still a part of it).
                head = noun
            elif antecedent is not None and m.value <= TIME_UNITS.get(fold(antecedent[0]),
                                                                      m.value):
                # "610 trasplantes renales ... y 355": a bare figure repeats the whole noun
                # (a span of time only when the figure could be one: "dura 14 días, pero se
                # pagan 11", not "que nació hace 40 años, atiende a 12 millones").
                head = antecedent[0]
                if draft.qualifier is None:
                    qualifier = antecedent[1]
            elif draft.qualifier is not None and " " not in draft.qualifier and not m.percent \
                    and not draft.purpose \
                    and fold(draft.qualifier) not in lex.generic_adjectives:
                # "Operan 12 clínicas": a word shaped like an adjective with no noun to go with
                # is the noun ("355 hepáticos" after "610 trasplantes" borrows it, above).
                head, qualifier = draft.qualifier, None
            elif not m.percent and (noun := _noun_before_de(text, m.start)) is not None:
                # "hubo un egreso de 11 mil 906": the noun it is the amount of.
                head = noun
            else:
                # No noun says what it counts: it is still a figure, matched by its sentence.
                head = "porcentaje" if m.percent else "cifra"
        elif draft.explicit and head != "porcentaje" and not m.percent:
            antecedent = (head, qualifier)
        assert head is not None
        unit = _unit(text, m)
        prior = out[-1] if out and out[-1].sentence_start == s_start else None
        bare_millions = unit == "count" and (
            not draft.explicit or fold(head) in lex.generic_adjectives) and re.search(
                r"\bmill[oó]n(?:es)?\s*$", fold(text[m.start:m.end])) and not _TO_PEOPLE.search(
                folded, max(0, m.start - 40), m.start)
        if bare_millions and (prior is None or prior.unit not in ("pesos", "dólares")) \
                and _PAID.search(folded, max(s_start, m.start - 60), m.start):
            # "el Insabi transfirió al Seguro Social 112 millones adicionales": millions with
            # no noun, given, paid or spent, are money.
            unit, head = "pesos", "monto"
        if bare_millions:
            # "de los 25 mil millones de pesos …, aún sobran 20 mil millones": millions with no
            # noun after a sum of money in the same sentence are money too (not before one:
            # "atendimos 2 millones y gastamos 40 millones de pesos"; not people: "beneficiará
            # a 1.5 millones").
            if prior is not None and prior.unit in ("pesos", "dólares"):
                unit, head, qualifier = prior.unit, prior.measure, prior.qualifier
        if unit in ("pesos", "dólares") and fold(head) in ("pesos", "dolares"):
            head = _noun_before_de(text, m.start) or "monto"
        measure, qual = _compose(head, qualifier, lex)

        event = _pick(events, m.start) if events else (ctx.event if not periods else None)
        # A part's clause runs on through its whole's, up to the next comma or "y": "ocho de
        # los 11 municipios del estado de Campeche" are Campeche's too; "… en La Raza y el resto
        # se hará en Puebla" says nothing of the part.
        local_end = nxt.start if nxt is not None else s_end
        if part and nxt is not None:
            limit = mentions[idx + 2].start if idx + 2 < len(mentions) else s_end
            stop = _CLAUSE_END.search(folded, nxt.end, limit)
            local_end = stop.start() if stop else limit
        local = (mentions[idx - 1].end if idx else s_start, local_end)
        own = [t for t in periods if (not m.start <= t.start < local[1]
                                      or not opens_next(folded, m.end, t.start, t.end,
                                                        local[1], s_end))
               and not in_relative_aside(folded, s_start, t.start, t.end, m.start)
               and not (t.end <= m.start and founding_date(folded, t.start, t.end, m.start))
               and not (t.end <= m.start and baselines_time(folded, s_start, t.start, t.end,
                                                            m.start))]
        if own:
            # "8 mil 704 plazas; para el año 2020 se crearán otras 10 mil": a period that opens
            # the next figure's clause is that figure's, not this one's.
            period = _pick(own, m.start)
            cut = [t for t in own if t.kind in ("to_month", "until")
                   and period is not None and _beside(folded, t, period)]
            if period is not None and period.kind == "year_to_date" and cut:
                # "con corte a junio, en lo que va del año": the cut-off ends the span that
                # begins with the year.
                period = cut[0]
        elif periods:
            # The sentence's periods are the next figure's or an aside's: none of its own.
            period = None
        elif events:
            # "durante la 8ª Jornada": the dates stated for that event, or for another named here.
            known = [event_periods.get(_event_key(e)) for e in [event, *events] if e is not None]
            period = next((p for p in known if p is not None), None)
        else:
            period = ctx.period
        p = with_year(period, year) if isinstance(period, TimeExpr) else None
        if p is not None and p.kind == "until" and p.period_start is None and p.period_end \
                and p.period_end[:4].isdigit() and any(
                    t.kind == "year_to_date" and _beside(folded, p, t) for t in times):
            # "en lo que va del año, al corte del 15 de agosto": from the year's first day.
            p = replace(p, period_start=p.period_end[:4] + "-01-01")
        if p is not None and p.kind == "year_to_date":
            p = _to_date(p, bulletin)
        scope = figure_scope(text, folded, (s_start, s_end), (m.start, m.end), times, year,
                             local)
        fact_year = p.year if p else year
        if scope.modality == "antes" and scope.time_phrase is not None and year is not None \
                and scope.year is not None and scope.year > year:
            # "el próximo año queremos pasar de 300 a 420 quirófanos": the future phrase dates
            # the target; the starting figure is the present of the text.
            fact_year = year
            scope = replace(scope, time_phrase=None, time_start=None, time_end=None)
        elif scope.time_phrase is not None and (scope.year != fact_year or scope.relative):
            # The time phrase nearest the figure in its own sentence ("en 2019 fueron 3,973 y
            # hoy se gradúan 4,308") beats a period stated elsewhere.
            fact_year = scope.year
            own_phrase = (scope.time_start or s_start, scope.time_end or s_start)
            # The figure's own phrase is "en lo que va del año" (or "de 2019").
            so_far = any(t.kind == "year_to_date" and t.start == own_phrase[0] for t in times)
            if p is None or p.year != scope.year or not (
                    p.kind == "year_to_date" and (so_far or not _NOW.match(folded, own_phrase[0]))
                    or p.kind in ("to_month", "until") and so_far
                    and _beside(folded, p, own_phrase)):
                # "en lo que va del año" keeps its days, resolved above, or the cut-off that
                # ends them ("en lo que va del año, con corte a agosto"); "a la fecha se tienen
                # 585" is a count of the text's day, not of a span stated before it.
                p = None
        if replaces:
            # "ya no operará solamente 80 hospitales, sino 331": the figure that replaces
            # another in its clause shares its verb, and so its modality.
            scope = replace(scope, modality=out[-1].modality)
        if scope.modality == "realizado" and year is not None and scope.time_phrase \
                and scope.year is not None and scope.year > year and fact_year == scope.year \
                and (p is None or p.period_start is None or int(p.period_start[:4]) > year):
            # "pasar el próximo año 2020 … a 64 mil cirugías" in a text of 2019: what a text
            # says of a later year, in the figure's own time phrase, cannot have been done yet
            # (a span that begins in the text's year can: "del 1 de octubre de 2022 al 31 de
            # marzo de 2023 se han aplicado").
            scope = replace(scope, modality="meta")
        out.append(Fact(
            source=bulletin.source,
            measure=measure,
            qualifier=qual,
            value=_range_scale(m, nxt, text) if ranged and nxt is not None
            else _elided_scale(m, mentions[:idx], text),
            unit=unit,
            approx=_approx(text, m.start, lex),
            period_start=p.period_start if p else None,
            period_end=p.period_end if p else None,
            year=fact_year,
            event=event.text if isinstance(event, Event) else None,
            event_num=event.num if isinstance(event, Event) else None,
            start=m.start,
            end=max(draft.end, m.end),
            value_start=m.start,
            value_end=m.end,
            sentence_start=s_start,
            sentence_end=s_end,
            modality=scope.modality,
            place=scope.place,
            place_start=scope.place_start,
            place_end=scope.place_end,
            time_phrase=scope.time_phrase,
            time_start=scope.time_start,
            time_end=scope.time_end,
            subject=scope.subject,
        ))
    return out
