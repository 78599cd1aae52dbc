"""The scope of a figure: when (relative dates resolved against the text's date), where, and
whether it was done, is a goal or a baseline.

Everything here reads Spanish function words and time phrases, never a particular text:
"el año pasado" in a report of March 2020 is 2019; "la meta es llegar a 64 mil" is a goal;
"pasar de 300 a 420 quirófanos" makes 300 the baseline and 420 the target.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from index.dates import MONTHS, WEEKDAYS, TimeExpr
from index.fold import fold
from index.numbers import NUMBER_WORDS

_DATA = Path(__file__).with_name("data") / "places.json"

# Relative time phrases (folded) and the years they add to the text's own year.
_RELATIVE: list[tuple[re.Pattern[str], int]] = [
    (re.compile(r"\b(?:el|del|al)\s+ano\s+antepasado\b"), -2),
    (re.compile(r"\b(?:el|del|al)\s+(?:ano\s+pasado|pasado\s+ano|ano\s+anterior)\b"), -1),
    (re.compile(r"\b(?:el|del|al|para\s+el)\s+(?:proximo\s+ano|ano\s+proximo|siguiente\s+ano"
                r"|ano\s+siguiente|ano\s+que\s+(?:entra|viene))\b"), 1),
    (re.compile(r"\b(?:este|esta|en\s+el)\s+ano\b(?!\s+(?:de\s+)?\d)|\ben\s+lo\s+que\s+va\s+del\s+ano\b"
                r"|\b(?:al\s+dia\s+de\s+)?hoy\b|\bactualmente\b|\ben\s+este\s+momento\b"
                r"|\ba\s+la\s+fecha\b|\bal\s+dia\s+de\s+hoy\b"
                # "alcanzó un nivel ahora ya por encima del 98 %", "al momento se adquieren";
                # not the connective "ahora bien" nor "al momento de ingresar".
                r"|\bahora\b(?!\s+bien\b)|\bal\s+momento\b(?!\s+(?:de|del|en\s+que)\b)"), 0),
]
_AGO = re.compile(r"\bhace\s+(\d{1,3}|un|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez)\s+anos\b")
_SMALL = {"un": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
          "ocho": 8, "nueve": 9, "diez": 10}

# Words that make a clause a plan rather than a result.
_GOAL = re.compile(
    r"\b(?:meta|metas|objetivo|proposito|pretende\w*|busca\w*|planea\w*|preve\w*|prev[ei]"
    r"|proyecta\w*|programad[oa]s?\s+para|se\s+espera\s+que|esperamos|vamos\s+a|va\s+a"
    r"|van\s+a|podremos|podriamos|(?<!hasta )llegar\s+a|quiere\w*|queremos|contempla\w*"
    r"|habra|tendra\w*|sera\w*|se\s+(?:crearan|contrataran|invertiran|abriran|construiran))\b")
# Future tense ("crearán", "tendremos", "contratará") also states a plan; read on the text
# with its accents, where "separa" and "separará" differ, and on lower-case words only (a
# surname such as "Beltrán" is no verb) but for "-remos", which opens a sentence too
# ("Llegaremos a 4 mil plazas").
_FUTURE = re.compile(r"(?<![\wÁÉÍÓÚÑ])(?:[a-záéíóúñ]{2,}(?:[aei]rá|[aei]rán|[aei]ré|drá|drán|brá|brán)"
                     r"|[A-ZÁÉÍÓÚÑa-záéíóúñ][a-záéíóúñ]+(?:[aei]remos|dremos|bremos))\b")
# Where a figure starts: a digit or a number word of the numeral reader.
# "un", "una" start a figure only before a scale ("una tasa de 0.6 %" is an article).
_NUMBER_START = r"(?:\d|(?:" + "|".join(sorted((fold(w) for w in NUMBER_WORDS
                                                if fold(w) not in ("un", "una", "uno")),
                                               key=len, reverse=True)) + r")\b" + \
    r"|un[ao]?\s+(?:mil|millon|millones)\b)"
# Adjectives a noun of change may carry before its figure: "un aumento mensual de 138 mil".
_CHANGE_ADJ = (r"(?:\s+(?:mensual|anual|neto|neta|real|nominal|trimestral|semestral|semanal"
               r"|diario|diaria|total|acumulado|acumulada|promedio|historico|historica"
               r"|importante|significativo|significativa|considerable)){0,2}")
_IMSS_BIENESTAR = re.compile(r"\bimss[\s-]*bienestar\b")
_CLAUSE_END = re.compile(r"[.;:\n]|,\s+(?:pero|y\s+(?:de|la|el|los|las)|mientras)\b")


@dataclass(frozen=True)
class Scope:
    """What the text says around one figure.

    Attributes:
        year: the year the figure belongs to when a phrase of its sentence places it (an explicit
            year or a relative one resolved against the text's date), else None.
        time_phrase: that phrase as written ("el año pasado"), with ``time_start``/``time_end``.
        place: a state the figure is scoped to, as written, with its span.
        modality: "realizado", "meta" (goal or plan), "antes" (the baseline of a change: the
            300 of "pasar de 300 a 420 quirófanos") or "cambio" (an increase or decrease).
        subject: "IMSS-Bienestar" when the clause is about that programme, else None.
    """

    year: int | None = None
    time_phrase: str | None = None
    time_start: int | None = None
    time_end: int | None = None
    place: str | None = None
    place_start: int | None = None
    place_end: int | None = None
    modality: str = "realizado"
    subject: str | None = None
    relative: bool = False  # the time phrase is relative ("hoy"), resolved against the date


@lru_cache(maxsize=1)
def places() -> dict[str, str]:
    """Folded place name → the name as written (Mexican states and their common forms)."""
    raw = json.loads(_DATA.read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for name, variants in raw["states"].items():
        for v in [name, *variants]:
            out[fold(v)] = name
    return out


@lru_cache(maxsize=1)
def _place_rx() -> re.Pattern[str]:
    names = sorted(places(), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")


def find_places(folded: str, strict: bool = True) -> list[tuple[int, int, str]]:
    """(start, end, state) of every state named as a place in folded text: after "en", "de",
    "a", "para" or "estado de" ("en Sonora", "de Nuevo León"), not as part of a longer name
    ("clínica Morelos", "Dr. Hidalgo" are no states). A question is read with
    ``strict=False``: "¿cuántas enfermeras tiene Tabasco?" names a state too."""
    out = []
    for m in _place_rx().finditer(folded):
        if not strict or re.search(r"\b(?:en|de|del\s+estado\s+de|a|para|y|e|estado\s+de)\s+(?:la\s+)?$",
                     folded[max(0, m.start() - 24):m.start()]) or m.start() == 0 \
                or _LISTED.match(folded, m.end()) and re.search(r"(?:^|[;,:])\s*$",
                                                                folded[max(0, m.start() - 4):m.start()]):
            out.append((m.start(), m.end(), places()[m.group()]))
    return out


# A state that heads an item of a list of figures: "Veracruz, 70; Chiapas con 55; Sonora 44".
_LISTED = re.compile(r"\s*(?:,|:|con)?\s*" + _NUMBER_START)


@lru_cache(maxsize=1)
def _item_head_rx() -> re.Pattern[str]:
    """A state that opens an item of a list and right before its figure, to the end of the
    searched stretch: "; Chiapas con ", ", y Puebla, ", ": Sonora "."""
    return re.compile(r"(?:[;,:]|\by)\s*(" + _place_rx().pattern + r")\s*(?:,|:|con)?\s*$")


@lru_cache(maxsize=1)
def _gentilic_rx() -> tuple[re.Pattern[str], dict[str, str]]:
    raw = json.loads(_DATA.read_text(encoding="utf-8"))
    names = {fold(g): state for state, forms in raw["gentilics"].items() for g in forms}
    return re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, names), key=len, reverse=True))
                      + r")\b"), names


def gentilics() -> frozenset[str]:
    """Every folded gentilic of a state ("oaxaquenos", "yucatecas"): people of a place."""
    return frozenset(_gentilic_rx()[1])


def state_mentions(folded: str) -> list[tuple[int, str]]:
    """(start, state) of each mention of a state in a folded text, as a place or by its
    gentilic ("la Sierra Hidalguense", "cinco oaxaqueños"), in text order."""
    rx, names = _gentilic_rx()
    return sorted([(start, name) for start, _, name in find_places(folded, strict=False)] + [
        (m.start(), names[m.group()]) for m in rx.finditer(folded)])


def states_named(folded: str) -> set[str]:
    """Every state a folded text names: where the text is set."""
    return {name for _, name in state_mentions(folded)}


def setting(folded: str) -> str | None:
    """The state a folded text is about: named (or its people named) at least twice, and more
    often than any other ("en Colima …" four times, "la Ciudad de México" once)."""
    return setting_among(state_mentions(folded))


def setting_among(mentions: list[tuple[int, str]]) -> str | None:
    """``setting`` of a text whose ``state_mentions`` are already read."""
    ranked = Counter(name for _, name in mentions).most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def relative_times(folded: str) -> list[tuple[int, int, int]]:
    """(start, end, year offset) of every relative time phrase in folded text."""
    out: list[tuple[int, int, int]] = []
    for rx, offset in _RELATIVE:
        out += [(m.start(), m.end(), offset) for m in rx.finditer(folded)]
    for m in _AGO.finditer(folded):
        n = m.group(1)
        out.append((m.start(), m.end(), -(int(n) if n.isdigit() else _SMALL[n])))
    out.sort()
    # Overlaps: keep the longer phrase ("al día de hoy" over "hoy").
    kept: list[tuple[int, int, int]] = []
    for item in out:
        if kept and item[0] < kept[-1][1]:
            if item[1] - item[0] > kept[-1][1] - kept[-1][0]:
                kept[-1] = item
            continue
        kept.append(item)
    return kept


def _clause(folded: str, s_start: int, s_end: int, pos: int, end: int) -> tuple[int, int]:
    """The clause around ``[pos, end)`` inside the sentence ``[s_start, s_end)``."""
    left = s_start
    for m in _CLAUSE_END.finditer(folded, s_start, pos):
        left = m.end()
    stop = _CLAUSE_END.search(folded, end, s_end)
    return left, (stop.start() if stop else s_end)


# Past tense on lower-case words ("abrió", "crecieron", "atendíamos"); not "-ía" nouns
# ("cirugía") nor "-imos" plurals ("próximos").
_PAST = re.compile(r"(?<![\wÁÉÍÓÚÑ])[a-záéíóúñ]{3,}(?:ó|aron|ieron|aba|aban|ábamos|íamos)\b")
# "La meta es llegar a ..." makes the rest of the sentence a goal; "con el objetivo de
# reducir ..." states a purpose, not a goal figure.
_GOAL_NOUN = re.compile(r"(?<!con el )(?<!con la )(?<!para )\b(?:meta|metas|objetivo|proposito)\b"
                        r"(?!\s+de\s+[a-z]+r\b)")
# "36 mil 449 personas a basificar", "800 plazas por cubrir": a plural noun (and an adjective),
# then "a" or "por" and an infinitive, counts what is still to be done. A verb between them
# ("210 enfermeras comenzaron a trabajar") says what was done; money ("300 millones a construir")
# is a purpose; nouns that end as infinitives do ("por hogar", "a nivel", "a pesar") are no verb.
_NOT_INFINITIVE = ("lugar", "hogar", "mujer", "familiar", "titular", "particular", "militar",
                   "escolar", "popular", "regular", "similar", "alquiler", "taller", "poder",
                   "deber", "placer", "bienestar", "pilar", "dolar", "collar", "altar", "azar",
                   "cargo", "partir", "traves", "celular", "par", "mar", "nivel", "ser", "estar",
                   "pesar", "millar", "exterior", "interior", "anterior", "posterior", "mayor",
                   "menor", "mejor", "peor", "primer", "tercer", "cualquier")
_TO_DO = re.compile(r"\s+(?!pesos\b|dolares\b)[a-z]+s(?:\s+[a-z]+s)?\s+(?:a|por)\s+(?!(?:"
                    + "|".join(_NOT_INFINITIVE) + r")\b)[a-z]{2,}(?:ar|er|ir)(?:se)?\b")
# "cuando iniciamos", "al inicio de la administración", "cuando llegó este gobierno": the time
# the speakers started from; a figure of that time said in the imperfect ("había", "teníamos")
# is the state before a change. A story's "cuando llegó al hospital, la niña tenía 5 años" is
# none: the start must be the speakers' own (first person plural) or a government's.
_GOVERNMENT = (r"(?:(?:la|esta|este|nuestra|nuestro|el|del|presente|actual|nueva|nuevo)\s+){1,2}"
               r"(?:administracion|gobierno|sexenio|gestion|mandato)")
_THEN = re.compile(r"\b(?:cuando\s+(?:inici|empez|comenz|arranc|lleg|recib|asum|entr)amos"
                   r"|cuando\s+(?:inicio|empezo|comenzo|arranco|llego|asumio|entro)\s+" + _GOVERNMENT
                   + r"|al\s+(?:inicio|arranque|comienzo|principio)\s+(?:de\s+)?" + _GOVERNMENT
                   + r"|al\s+(?:llegar|iniciar|arrancar|comenzar)\s+(?:a\s+|al\s+)?" + _GOVERNMENT
                   + r")\b")
_WAS = re.compile(r"\b(?:habia|habian|teniamos|tenia|tenian|existian|existia|contabamos|contaba"
                  r"|contaban|eran|era)\b")
# Between two figures of one list ("107 salas y 20 quirófanos"): the second is said as the first.
_LIST_GAP = re.compile(r"\s*[a-z ]*?(?:,|\s+y|\s+e)\s*")
# Words that open another clause: a verb of change does not reach past them.
_NOT_A_CLAUSE = r"(?!(?:se|que|y|e|pero|porque|donde|cuando)\b)"
# "el año pasado", "bajo el programa": an adjective and a preposition, no verb of change
# ("hemos pasado de", "haber pasado del" are one).
_AUX = "|".join(rf"(?<=\b{a}\s)" for a in ("ha", "han", "he", "hemos", "haber", "habia", "habian",
                                          "habiamos", "hubo", "hayamos", "haya"))
_NOT_A_CHANGE = (r"(?:" + _AUX + r"|(?!pasad[oa]s?\b))"
                 r"(?!bajo\s+(?:el|la|los|las|un|una|su|sus|este|esta)\b)")
_CHANGE_VERB = re.compile(r"\b" + _NOT_A_CHANGE + r"(?:pas|aument|crec|sub|baj|reduj|reduc|disminu"
                          r"|increment|llev|ir|ampli|transit|mov)\w*(?:\s+" + _NOT_A_CLAUSE + r"\w+){0,4}"
                          r"(?:\s*,[^,.;]{1,80},)?\s+(?:" + _NOT_A_CLAUSE + r"\w+\s+){0,4}"
                          r"(?:de|del|de\s+la)\s+"
                          r"(?:las\s+|los\s+|cerca\s+de\s+|mas\s+de\s+)?$")
_LOCAL_END = re.compile(r"[,.;:\n]")


def _describes_other(folded: str, cue: re.Match[str], v_start: int) -> bool:
    """A weak cue in a relative clause says what a noun will do, not that the figure is a plan:
    after the figure ("120 quirófanos para los pacientes que van a necesitar cirugía"), or
    before a later conjunct ("… que van a necesitar ventilación y 3,600 camas listas")."""
    if not re.search(r"\b(?:que|quienes|cuales)\s+$", folded[max(0, cue.start() - 12):cue.start()]):
        return False
    return cue.start() >= v_start or bool(re.search(r"\by\b", folded[cue.end():v_start]))


def _new_predicate(folded: str, v_end: int, cue: int) -> bool:
    """A cue after the figure that opens a predicate of its own, right after a conjunction,
    says what the subject will do next, not that the figure is a plan: "una inversión de 80
    millones de pesos y será la primera en su tipo" (but "300 plazas y 200 camas serán
    creadas" puts both figures in the plan)."""
    return cue > v_end and bool(re.search(r"\b(?:y|e|pero|mientras\s+que|aunque)\s+"
                                          r"(?:ademas\s+|tambien\s+|ya\s+|no\s+)?(?:se\s+)?$",
                                          folded[v_end:cue]))


def _modality(text: str, folded: str, c_start: int, c_end: int, v_start: int, v_end: int,
              s_start: int) -> str:
    before = folded[max(s_start, v_start - 140):v_start]
    after = folded[v_end:c_end]
    # "pasar de 300 a 420 quirófanos", "subió del 60 % en 2019 al 80 % en 2020": after a verb of
    # change, the first figure is the baseline ("becas de 1,600 pesos a 300 mil estudiantes"
    # and "niños de 5 a 9 años" are no change).
    if _CHANGE_VERB.search(before) and re.search(
            r"\b(?:de|del|de\s+la)\s+(?:las\s+|los\s+|cerca\s+de\s+|mas\s+de\s+)?$",
            before) and re.match(
            r"[^.;:]{0,120}?\b(?:a|al|a\s+la|hasta)\s+(?:cerca\s+de\s+|mas\s+de\s+|las\s+"
            r"|los\s+|un\s+(?=\d))?" + _NUMBER_START, after):
        return "antes"
    # Back to the figure before (not a year: "cuando iniciamos en 2018"), or a clause's end,
    # and further back along a list of figures ("había 107 salas y 20 quirófanos").
    pieces = re.split(r"[;:]|(?<!\d)(?!(?:19|20)\d\d\b)\d+", before)
    k = len(pieces) - 1
    while k > 0 and _LIST_GAP.fullmatch(pieces[k]):
        k -= 1
    since = " ".join(pieces[k:])
    if _THEN.search(since) and _WAS.search(since.rsplit(",", 1)[-1]) and not (
            _GOAL.search(since) or _GOAL_NOUN.search(since)):
        # "cuando iniciamos en el gobierno había 107 salas": the state before, not today's
        # ("cuando inició el programa, la meta era vacunar a 300 mil" is a goal).
        return "antes"
    if re.search(r"\b(?:un|el|del|este|ese)\s+(?:incremento|aumento|crecimiento|disminucion"
                 r"|reduccion|alza)" + _CHANGE_ADJ + r"\s+(?:de|del)\s+(?:hasta\s+)?(?:el\s+)?$",
                 before):
        return "cambio"
    # Weak cues (future tense, "vamos a", "programadas") speak for their own stretch of the
    # sentence, between commas; a goal noun ("la meta es ...") for the rest of the sentence.
    left = s_start
    for m in _LOCAL_END.finditer(folded, s_start, v_start):
        left = m.end()
    stop = _LOCAL_END.search(folded, v_end, c_end)
    right = stop.start() if stop else c_end
    # "crecimos hasta llegar a 893": a weak cue after a past tense states what was done.
    past = _PAST.search(text[left:v_start])
    if _TO_DO.match(after) and not past:
        return "meta"
    cues = [m for m in _GOAL.finditer(folded, left, right)
            if not _describes_other(folded, m, v_start) and not _new_predicate(folded, v_end, m.start())]
    # "deberá oscilar entre ...": a rule that holds, not a plan.
    future = [m for m in _FUTURE.finditer(text, left, right)
              if not m.group().lower().startswith("deb")
              and not _new_predicate(folded, v_end, m.start())]
    if (cues and not past) or future:
        return "meta"
    if _GOAL_NOUN.search(folded[s_start:v_start]):
        return "meta"
    return "realizado"


# "… tenía 226 médicos especialistas, hoy tiene 526": the figure said as now, right after
# "hoy" and a verb of state, against which a figure the sentence said before it is the then.
_NOW_STATE = re.compile(r"[^.:\d]{0,160}?\b(?:hoy|ahora|actualmente|al\s+dia\s+de\s+hoy"
                        r"|a\s+la\s+fecha|en\s+la\s+actualidad)\s*,?\s*(?:ya\s+|ya\s+se\s+)?"
                        r"(?:tiene|tienen|tenemos|hay|son|somos|estamos\s+en|esta\s+en"
                        r"|contamos\s+con|cuenta\s+con|cuentan\s+con|se\s+tiene|se\s+tienen"
                        r"|registra|registramos|alcanza|alcanzamos|es\s+de)\s+"
                        r"(?:el\s+|la\s+|los\s+|las\s+|un\s+|una\s+|ya\s+)?" + _NUMBER_START)
# The then: "antes", or a verb of state in the past ("tenía", "había", "se reportaba").
_THEN_STATE = re.compile(r"\bantes\b|" + _WAS.pattern + r"|\b(?:reportaba|reportaban|registraba"
                         r"|registraban|estaba|estaban)\b")


def _then_now(modality: str, folded: str, s_start: int, s_end: int, v_end: int) -> str:
    """A figure done ("realizado") that the same sentence contrasts with a now ("Sonora tenía
    … un 20 por ciento …, hoy tiene el 98 por ciento") is the state before: "antes"."""
    if modality != "realizado":
        return modality
    now = _NOW_STATE.match(folded, v_end, s_end)
    if now is None:
        return modality
    return "antes" if _THEN_STATE.search(folded, s_start, now.end()) else modality


def opens_next(folded: str, v_end: int, start: int, end: int, l_end: int, s_end: int) -> bool:
    """A phrase after a comma that leads into the next figure is that figure's: "18, 19
    jornadas en años anteriores, el año pasado hicimos 31" dates the 31, not the 19."""
    return (l_end < s_end and bool(re.search(r"[,;]", folded[v_end:start]))
            and not re.search(r"[,;]", folded[end:l_end]))


# "en todo el país", "a nivel nacional": the figure is no longer the opening state's.
_WIDER = re.compile(r"\b(?:pais|a\s+nivel\s+nacional|(?:promedio|media|escala|nivel|ambito|total)"
                    r"\s+nacional|en\s+la\s+republica|todo\s+el|toda\s+la|todos\s+los\s+estados"
                    r"|otros?\s+estados?|otras?\s+entidad\w*|otras?\s+regiones|resto|demas)\b")


# A dateline after the place: "Chihuahua, 5 de diciembre de 2022.-", "Monterrey, Nuevo León,
# martes 11 de enero de 2022" (the shape of ``index.nlp.DATELINE``, read after the state).
_DATELINE = re.compile(r"\s*(?:\.\s*-|,\s*(?:[^,.;\d]{2,30},\s*)?(?:" + WEEKDAYS + r"\s+)?(?:a\s+)?"
                       r"(?:\d{1,2}\s+de\s+)?(?:" + "|".join(sorted(MONTHS, key=len, reverse=True))
                       + r")\s+(?:de|del)\s+\d{4})")


def _opening_place(folded: str, s_start: int, s_end: int, v_start: int) -> tuple[int, int] | None:
    """The state a sentence opens with ("En Baja California Sur son 54 tarjetas …, 53 …, y
    cuatro …"), the place of each of its figures when the sentence names no other state and
    nothing wider comes between ("… y en todo el país 240")."""
    found = find_places(folded[s_start:s_end])
    if not found or len({name for _, _, name in found}) > 1:
        return None
    a, b, _name = found[0]
    if a > 40 or s_start + b > v_start or _WIDER.search(folded, s_start + b, v_start) or (
            _DATELINE.match(folded, s_start + b)):
        return None  # a dateline ("Chihuahua, 5 de diciembre de 2022.-") sets no scope
    return s_start + a, s_start + b


_RELATIVE_OPENING = re.compile(r"\s*(?:que|quien|quienes|(?:el|la|los|las)\s+cual(?:es)?|donde)\b")


def in_relative_aside(folded: str, s_start: int, t_start: int, t_end: int,
                       v_start: int, to_end: bool = False) -> bool:
    """The time phrase at ``t_start`` is inside a relative clause set off by commas before the
    figure ("El programa, que nació hace 40 años, atiende a 12 millones"): the clause's
    time, not the figure's. With ``to_end``, a clause that closes the sentence counts too
    ("el convento, que recibió en 1993 al papa."): it dates the noun it describes."""
    opened = folded.rfind(",", s_start, t_start)
    # A semicolon or colon closes the clause: "el cual inició con 38 personas; actualmente,
    # somos mil 35" speaks of today again.
    return opened >= 0 and ("," in folded[t_end:v_start] or to_end) \
        and bool(_RELATIVE_OPENING.match(folded, opened + 1, t_start)) \
        and not re.search(r"[;:]", folded[opened:t_start])


# A verb of founding right before a date: "fue inaugurado el 11 de agosto de 2010", "fundado en
# 1974", "abrió sus puertas en 1990".
_FOUNDED = re.compile(r"\b(?:inaugur\w+|fundad[oa]s?|fundo|fundaron|construid[oa]s?"
                      r"|construyo|nacio|abrio\s+sus\s+puertas|inicio\s+(?:sus\s+)?(?:operaciones"
                      r"|actividades|funciones)|establecid[oa]s?|puest[oa]\s+en\s+(?:marcha"
                      r"|operacion|funcionamiento))\s+(?:el\s+(?:dia\s+)?|en\s+(?:el\s+ano\s+)?"
                      r"|desde\s+(?:el\s+)?)?$")


def baselines_time(folded: str, s_start: int, t_start: int, t_end: int, v_start: int) -> bool:
    """The time phrase at ``t_start`` dates the starting figure of a change and the figure at
    ``v_start`` is its end ("pasaron de 215 mil millones de pesos en 2018 a 401 mil
    millones"): the phrase is the start's, not the end's. A verb of change says it is one
    ("aplicó 10 mil vacunas en 2021 a 4 mil trabajadores" gives to someone)."""
    return bool(re.fullmatch(r"\s*(?:a|al|hasta)\s+(?:(?:los|las|el|la|unos|unas)\s+)?",
                             folded[t_end:v_start])
                and re.search(r"\b(?:pas|crec|creci|aument|increment|sub|baj|disminu|reduj|redu"
                              r"|evolucion)\w*\s+(?:[a-z]+\s+){0,3}?del?\s+(?:" + _NUMBER_START
                              + r")[^.;:]{0,50}$", folded[s_start:t_start]))


_NEW_CLAUSE = re.compile(r",|\b[ye]\s+(?!" + _NUMBER_START + r")")


def founding_date(folded: str, t_start: int, t_end: int, v_start: int | None = None) -> bool:
    """The time phrase at ``t_start`` dates a founding ("fue inaugurado el 11 de agosto de
    2010") and, when ``v_start`` is given, the figure there is in another clause ("… y cuenta con
    168 trabajadores", "Inaugurado en 2010, tiene 30 camas"): the date is the building's, not
    the figure's. Without ``v_start``: whether it dates a founding at all."""
    found = _FOUNDED.search(folded, max(0, t_start - 45), t_start)
    if found is None or re.search(r"\bdesde\s+(?:que\s+)?(?:su\s+|la\s+|el\s+)?(?:fue\s+)?$",
                                  folded[max(0, found.start() - 25):found.start()]):
        return False  # "desde su inauguración en 2010": a period that starts there
    # Another clause: after a comma, or "y" before a verb ("y cuenta con"), not in a list of
    # figures ("con 120 camas y 12 quirófanos").
    if v_start is None:
        return True
    gap = folded[t_end:v_start]
    return any(m.start() < len(gap)
               for m in _NEW_CLAUSE.finditer(gap + folded[v_start:v_start + 20]))


def figure_scope(text: str, folded: str, sentence: tuple[int, int], value: tuple[int, int],
                 times: list[TimeExpr], text_year: int | None,
                 local: tuple[int, int] | None = None) -> Scope:
    """The scope of the figure at ``value`` in ``sentence`` of ``text``.

    Args:
        text: the canonical text; ``folded`` is ``fold(text)`` (same offsets).
        sentence: the figure's sentence span; value: the numeral's span.
        times: the explicit dates of the text (``index.dates.find_times``).
        text_year: the year of the text's own date, for relative phrases.
        local: the stretch between the figures before and after this one: a place named
            there is this figure's.
    """
    s_start, s_end = sentence
    v_start, v_end = value
    c_start, c_end = _clause(folded, s_start, s_end, v_start, v_end)
    # The time phrase nearest before the figure in its sentence, else the first just after it.
    markers: list[tuple[int, int, int | None, bool]] = [
        (t.start, t.end, t.year, False) for t in times
        if s_start <= t.start < s_end and t.year is not None and t.kind != "boundary"]
    if text_year is not None:
        markers += [(s_start + a, s_start + b, text_year + off, True)
                    for a, b, off in relative_times(folded[s_start:s_end])]
        # "en abril pasado el Insabi transfirió 112 millones": a month without its year is of
        # the text's year, and nearer the figure than the "hoy" of "quiero anunciar hoy".
        markers += [(t.start, t.end, text_year, False) for t in times
                    if s_start <= t.start < s_end and t.year is None and t.kind == "month"]
    l_start, l_end = local or (c_start, c_end)
    before = [m for m in markers if m[1] <= v_start
              and not in_relative_aside(folded, s_start, m[0], m[1], v_start)
              and not founding_date(folded, m[0], m[1], v_start)
              and not baselines_time(folded, s_start, m[0], m[1], v_start)]
    # A phrase after the figure is its own only before the next figure ("antes se hacían 10 o
    # 12 brigadas, el año pasado hicimos 40": the phrase is the 40's).
    after = [m for m in markers
             if m[0] >= v_end and m[0] - v_end <= 60 and m[0] < min(c_end, l_end)
             and not opens_next(folded, v_end, m[0], m[1], l_end, s_end)]
    nearest_before = max(before, key=lambda m: m[1]) if before else None
    chosen: tuple[int, int, int | None, bool] | None
    right_after = [m for m in after if m[0] - v_end <= 25 and not re.search(
        r"[,;]|\b(?:y|e|que|se|pero)\b", folded[v_end:m[0]])]
    if right_after:
        # "del 60 % en 2019 al 80 % en 2020": a phrase right after the figure is its own.
        chosen = min(right_after)
    elif nearest_before is not None and (not after or nearest_before[1] > l_start):
        chosen = nearest_before
    else:
        # A phrase after this figure beats one stated before the previous figure.
        chosen = min(after) if after else nearest_before
    year = phrase = t_start = t_end = None
    relative = False
    if chosen is not None:
        t_start, t_end, year, relative = chosen
        phrase = text[t_start:t_end]
    place = p_start = p_end = None
    l_start, l_end = max(l_start, c_start), min(l_end, c_end)
    # A place that opens the next figure's clause is that figure's ("en Sonora 18, en Jalisco 25").
    found = [p for p in find_places(folded[l_start:l_end])
             if not opens_next(folded, v_end, l_start + p[0], l_start + p[1], l_end, s_end)]
    # "Veracruz, 70; Chiapas con 55; Sonora, 44": the state that heads the figure's item of a
    # list is its own, across the comma that closes the clause.
    head = _item_head_rx().search(folded, max(s_start, v_start - 40), v_start)
    if head is not None:
        p_start, p_end = head.span(1)
        place = text[p_start:p_end]
    elif found:
        a, b, _name = min(found, key=lambda p: abs(l_start + p[0] - v_start))
        p_start, p_end = l_start + a, l_start + b
        place = text[p_start:p_end]
    else:
        opening = _opening_place(folded, s_start, s_end, v_start)
        if opening is not None:
            p_start, p_end = opening
            place = text[p_start:p_end]
    clause = folded[c_start:c_end]
    subject = "IMSS-Bienestar" if _IMSS_BIENESTAR.search(clause) or (
        _IMSS_BIENESTAR.search(folded[s_start:s_end])
        and "imss" not in _IMSS_BIENESTAR.sub("", clause)) else None
    return Scope(year, phrase, t_start, t_end, place, p_start, p_end,
                 _then_now(_modality(text, folded, c_start, c_end, v_start, v_end, s_start),
                           folded, s_start, s_end, v_end), subject,
                 relative)
