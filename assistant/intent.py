"""What kind of answer a Spanish question wants, and the cues that shape it.

Every Spanish word list the answering side reads about question forms lives here:
intents (figure, date, place, person, reason, list, text), goal and baseline cues, money cues,
and the cues of totals, comparisons, changes and extremes (``assistant.analysis``).
"""

from __future__ import annotations

import re

INTENTS = ("figure", "date", "place", "person", "reason", "list", "text")

# Nouns that name a quantity: "¿qué porcentaje …?", "¿cuál era el monto …?", "¿qué avance
# llevaba …?" ask for a figure as surely as "¿cuántos …?".
QUANTITY = (r"(?:porcentaje|proporcion|cantidad|monto|cifra|tasa|meta|salario|sueldo"
             r"|costo|precio|total|promedio|importe|presupuesto|beca|inversion|ahorro|gasto"
             r"|capacidad|incremento|aumento|avance|edad|nivel(?!\s+de\s+atencion)|grado|indice"
             r"|aforo|cupo|duracion|superficie|extension|tamano)")
# Shares a text states as percents: "¿qué ocupación tiene …?" asks for a figure.
SHARE = r"(?:ocupacion|cobertura|cumplimiento)"
# "¿Qué parte del equipo era rentado?" asks for a share when it opens the question ("¿en / de / a
# qué parte del país …?" asks for a place).
PART_SHARE = r"(?:^|¿)\s*(?:y\s+)?que\s+(?:parte|fraccion)\s+(?:de|del)\b"
# "¿Cuál podría ser la capacidad …?": a modal before "ser" asks the same as "es".
MAY_BE = (r"(?:(?:podria|podrian|podra|puede|pudo|deberia|debe|tendria\s+que|habria\s+de)\s+ser"
          r"|seria|serian)")
# "el número de trasplantes", "el número total de camas": a count is asked.
NUMBER_OF = r"\bnumero\s+(?:total\s+)?de\s+"
_FIGURE = re.compile(
    r"\bcuant[oa]s?\b|\bque\s+(?:" + QUANTITY + r"|" + SHARE + r"|numero(?!\s+de\s+telefono))\b"
    r"|" + PART_SHARE + r"|\bcifras?\b|" + NUMBER_OF + r"(?!telefono|contacto|whats)|\bpor\s*ciento\b|%"
    r"|\b(?:cual|cuales)\s+(?:es|era|fue|son|eran|fueron|sera|" + MAY_BE + r")\s+(?:el|la|los|las)\s+"
    r"(?:metas|" + QUANTITY + r")\b")  # "¿qué metas …?" may ask for a list of them
_DATE = re.compile(
    r"\bcuando\b|\bque\s+(?:dia|dias|fecha|fechas|ano|anos|mes|meses)\b"
    r"|\ba\s+partir\s+de\s+(?:que|cuando)\b|\bdesde\s+(?:que|cuando)\b|\bhasta\s+cuando\b")
_PLACE = re.compile(
    r"\bdonde\b|\b(?:que|cuales)\s+(?:estados?|entidades|ciudad|ciudades|municipios?|lugar"
    r"|lugares|sede|sedes|pais|paises|region|regiones)\b")
# "¿Quién fue ...?" asks for a person; "¿quiénes pueden entrar?" for a group, in words.
_PERSON = re.compile(r"\bquien\b")
# A person named in a sentence: a title and a name, or three capitalised words in a row.
PERSON_NAME = re.compile(
    r"\b(?:[Dd]octora?|[Dd]ra?\.|[Ll]icenciad[oa]|[Ll]ic\.|[Ss]eñora?|[Mm]aestr[oa]|[Mm]tr[oa]\."
    r"|[Ii]ngenier[oa]|[Ii]ng\.)\s+[A-ZÁÉÍÓÚÑ]\w+|[A-ZÁÉÍÓÚÑ]\w+\s+[A-ZÁÉÍÓÚÑ]\w+\s+[A-ZÁÉÍÓÚÑ]\w+")
_REASON = re.compile(r"\bpor\s*que\b|\bpara\s+que\b|\bcon\s+que\s+(?:fin|objetivo|proposito)\b"
                     r"|\bmotivo\b|\brazon\b")
_LIST = re.compile(r"\bcuales\b|\bque\s+(?:tipos?|clases?)\s+de\b|\bque\s+[a-z]{3,}s\b"
                   r"|\b(?:dos|tres|cuatro|cinco)\s+[a-z]+s\b")

# A question about a plan: "¿a cuántas quería llegar?", "la meta", "tenía programadas".
# The verbs of a plan, shared by GOAL and GOAL_VERBS.
_PLAN_VERBS = (r"propuso|propone|propuest[oa]s?|pretend\w*|planea\w*|llegar|busca\w*|quiere"
               r"|queria|queriamos|se\s+esperaba|contemplaba|pensaba"
               # "¿cuántos hospitales iba a operar?", "van a construir": a future in "ir a".
               r"|(?:iba|iban|va|van)\s+a(?=\s+[a-z]{2,}(?:ar|er|ir)\b)")
GOAL = re.compile(
    r"\b(?:meta|metas|objetivo|proposito|" + _PLAN_VERBS + r"|preve\w*|(?<!lo\s)previst[oa]s?|proyect\w*"
    r"|programad[oa]s|alcanzar\w*|contempla|tendra|tendran|habra|sera|seran|crearan"
    r"|contrataran"
    # "¿cuántas plazas faltan por cubrir?", "quedan por basificar": what is still to be done.
    r"|(?:falta|faltan|faltaba|faltaban|faltaron|queda|quedan|quedaba|quedaban|quedaron"
    r"|pendientes?)\s+(?:por|de|a|sin)\s+(?!pesar\b|lugar\b|nivel\b)[a-z]{2,}(?:ar|er|ir)(?:se)?)\b")
# The verbs of a plan say what kind of figure is asked, not what it counts: "¿a cuántas
# quería llegar?", "¿cuántas se había propuesto colocar?" are no topic words.
GOAL_VERBS = re.compile(r"\b(?:" + _PLAN_VERBS + r"|alcanzar|querian|esperaba\w*|preven?|previst[oa]s?)\b")
# "¿cuántas hay en el país?", "a nivel nacional": the whole country, never one state's figure.
NATIONAL = re.compile(r"\b(?:(?:en|de)\s+(?:el|todo\s+el)\s+pais|a\s+nivel\s+nacional|en\s+todo\s+mexico"
                      r"|en\s+(?:toda\s+)?la\s+republica|nacionalmente)\b")
# A question about the situation before a change: "¿cuántas realizaba antes de ...?".
BASELINE = re.compile(r"\bantes\s+de\b|\bantes\b|\bpreviamente\b|\binicialmente\b"
                      r"|\bal\s+(?:principio|inicio|arranque|comienzo)\b"
                      r"|\bcuando\s+(?:inicio|empezo|comenzo|arranco|llego|asumio)\b")
CHANGE = re.compile(r"\b(?:aumento|aumentaron|incremento|incrementaron|crecio|crecimiento"
                    r"|subio|subieron|extra|adicional(?:es)?|mas\s+que|cuant[oa]s?\s+mas(?!\s+(?:de|del|tiempo)\b)|disminuy\w*|bajo\s+(?:de|a)\s+"
                    r"\d)\b")
# Both ends of a change asked at once: "¿de qué porcentaje a qué porcentaje pasó …?", "¿de
# cuánto a cuánto subió …?", "¿de qué nivel partió y a cuánto llegó?", "¿cuántas había antes y
# cuántas hay ahora?".
_HOW_MANY = r"(?:cuant[oa]s?|que\s+" + QUANTITY + r"|que\s+" + SHARE + r")\b"
FROM_TO = re.compile(r"\bde\s+" + _HOW_MANY + r"[^?]{0,60}?\ba\s+" + _HOW_MANY +
                     r"|\b(?:parti\w*|arranc\w*|empez\w*|comenz\w*|inicio|iniciaron|tenia|tenian"
                     r"|habia|era|eran|estaba|estaban)\b[^?]{0,80}?\by\s+(?:a|hasta|con)\s+"
                     r"(?:que|cuant[oa]s?)\b"
                     r"|\bantes\b[^?]{0,60}?\by\s+(?:cuant[oa]s?|que)\b[^?]{0,40}?"
                     r"\b(?:ahora|hoy|despues|actualmente)\b"
                     r"|\bantes\s+y\s+(?:ahora|despues|hoy)\b"
                     r"|\by\s+cuant[oa]s?\s+(?:habia|habian|tenia|tenian|era|eran)\s+antes\b")
_MONEY_WORDS = (r"pesos|dolares|monto|costos?|cost(?:ar|ara|aran|aria|arian|aba|aban|aron|ad[oa])"
                r"|cuestan?"
                r"|precio|gana|ganan|ganaba|ganaban|ganara|ganaran|ganaria|ganarian|ganar|paga|pagan|pagaba|pagaban|pagar|pagara|pagaran|pagaria|pagarian"
                r"|pago|pagad[oa]s?|pagaron|salario|sueldo|beca|presupuesto|importe|inversion"
                r"|invirti\w*|inviert\w*|invertir|invertid[oa]s?|multas?|recursos|ingresos|dinero|recaud\w*|credito"
                r"|creditos|ahorro|gasto|gasta\w*|subsidio|apoyo\s+economico|efectivo"
                r"|cobr(?:a|an|o|aron|aba|aban|ar)|tarifa|remuneracion|premio|indemnizacion"
                # Spending a budget: "¿cuánto se está ejerciendo …?", "¿cuánto se destinó …?".
                r"|ejerc(?:e|en|io|ieron|iendo|ido|idos|ida|idas|era|eran|ia|ian|er)"
                r"|destin(?:a|an|o|aron|ara|aran|ando|ado|ados|ada|adas|ar)"
                r"|asign(?:a|an|o|aron|ara|aran|ando|ado|ados|ada|adas|ar)"
                r"|eroga\w*|erogo|transfi(?:rio|rieron|ere|eren|riendo|rido|ridos|rir)")
MONEY = re.compile(r"\b(?:" + _MONEY_WORDS + r")\b")
# Words that say what kind of figure is asked ("¿cuánto dinero …?", "¿qué monto …?", "el
# porcentaje de …"), not what it counts: a text need not use them for its figure to answer.
ANSWER_TYPE = re.compile(r"\b(?:" + QUANTITY + r"|numero|cifras|" + _MONEY_WORDS + r")\b")


def answer_type_words(folded: str) -> frozenset[str]:
    """The words of ``folded`` that name the kind of figure asked, not its topic."""
    return frozenset(m.group(0) for m in ANSWER_TYPE.finditer(folded))


# "¿Cuánto presupuesto …?", "¿cuánto gana …?": "cuánto" alone asks for a quantity, never a
# count of things ("¿cuántos créditos …?" counts them).
HOW_MUCH = re.compile(r"\bcuant[oa]\s+(?:[a-z]+\s+){0,2}" + MONEY.pattern)
# "¿De cuánto es el convenio?": an amount (money or a share), not a count of things.
AMOUNT = re.compile(r"\b(?:de|a|hasta)\s+cuanto\s+(?:es|era|fue|fueron|son|eran|seria|asciende"
                    r"|ascendia|ascendio)\b")
# "según la nota de Juárez", "de acuerdo con el reporte": the question names its source, and
# the words of that reference say nothing about which figure is asked for.
SOURCE_REF = re.compile(r"\b(?:segun|de\s+acuerdo\s+con|conforme\s+a)\s+(?:el|la|los|las|este|esta)\s+"
                        r"(?:nota|notas|reporte|reportes|boletin|comunicado|conferencia|mananera"
                        r"|version\s+estenografica|articulo|cronica|texto|publicacion)\b")
# "¿cuánto personal tiene hoy?", "¿cuántas camas hay actualmente?": the state of things on
# the text's own day, not a figure the text dates earlier.
NOW = re.compile(r"\b(?:hoy(?:\s+en\s+dia)?|ahora|actualmente|en\s+la\s+actualidad"
                 r"|en\s+este\s+momento|a\s+la\s+fecha)\b")
# "Según el informe del 28 de agosto de 2020", "en sus anuncios de finales de 2019", "según lo
# dicho el 20 de diciembre": the date that follows is the statement's, not the figure's period.
SAID_ON = re.compile(
    r"(?:\b(?:segun|en|de|durante|desde)\s+(?:el|la|los|las|su|sus|este|esta|aquel|aquella)\s+"
    r"(?:informe|informes|reporte|reportes|conferencia|conferencias|anuncio|anuncios|nota|notas"
    r"|comunicado|comunicados|boletin|boletines|mananera|mensaje|discurso|presentacion"
    r"|version\s+estenografica|declaraciones|entrevista)"
    r"(?:\s+(?:de\s+)?[a-z]+)?"  # "presentado", "financiero", "de Juárez", "de prensa"
    r"|\b(?:segun|de\s+acuerdo\s+con|conforme\s+a)\s+lo\s+(?:dicho|informado|reportado|anunciado|declarado|expuesto|presentado))"
    r"(?:\s+(?:de|del|en|el))?(?:\s+(?:finales|fines|principios|inicios|mediados))?\s*$")

# Rates a figure must share with the question: "al año", "cada día", "en promedio", "al mes".
RATES = {
    "año": re.compile(r"\b(?:al|por|cada|en\s+un)\s+ano\b|\banual(?:es|mente)?\b"
                      r"|\btodos\s+los\s+anos\b"),
    # "al día de hoy", "al día siguiente" are dates, not rates.
    "día": re.compile(r"\b(?:al|por|cada|en\s+un)\s+dia\b(?!\s+(?:de\s+hoy|siguiente|de\s+la\s+fecha))"
                      r"|\bdiari[oa]s?\b"
                      r"|\btodos\s+los\s+dias\b|\bdiariamente\b"),
    "mes": re.compile(r"\b(?:al|por|cada|en\s+un)\s+mes\b|\bmensual(?:es|mente)?\b"
                      r"|\btodos\s+los\s+meses\b"),
    "promedio": re.compile(r"\bpromedio\b|\ben\s+media\b"),
    "total": re.compile(r"\ben\s+total\b|\b(?:un|el)\s+total\s+de\b|\bacumulad[oa]s?\b|\ben\s+conjunto\b"
                        r"|\bsuman\s+tod[oa]s\b|\bentre\s+tod[oa]s\b"),
}


# A list asked first ("¿qué especialidades …?", "¿cuáles …?"), and the question's first relative
# clause, which says something of a noun ("el hospital, el primero que crece en número de camas").
_LIST_OPENS = re.compile(r"\W*(?:y\s+)?(?:cuales\b|que\s+(?:(?:tipos?|clases?)\s+de\s+)?"
                         r"(?!" + QUANTITY + r")[a-z]{3,}s\b)")
_RELATIVE = re.compile(r"\bque\b")
_COUNT_WORDS = re.compile(r"\b(?:total|cantidad|suma|monto|porcentaje)\b")


def _counts_in_relative_only(folded: str) -> bool:
    """The question opens asking for a list, and every cue of a figure is in a relative clause:
    "¿qué especialidades tendrá el hospital, el primero que crece en número de especialidades?"
    asks for the specialties, not a number."""
    opens = _LIST_OPENS.match(folded)
    if opens is None:
        return False
    relative = _RELATIVE.search(folded, opens.end())
    if relative is None:
        return False
    main = folded[:relative.start()]
    # "¿Qué hospitales que atienden COVID hay en Yucatán y cuántas camas tienen?": a "cuánto"
    # anywhere asks for a figure.
    return not (_FIGURE.search(main) or _COUNT_WORDS.search(main)
                or re.search(r"\bcuant[oa]s?\b", folded))


_ASKED_BEFORE = re.compile(r"\b(?:que|cual|cuales|donde|quien|quienes|como|cuant[oa]s?)\b")


def intent_of(folded: str, numeric: bool) -> str:
    """The answer type a folded question asks for (one of ``INTENTS``).

    When it asks both ("¿cuántas cirugías se hicieron cuando inició la pandemia?"), the cue
    that comes first decides: the rest is a condition. A list asked before a relative clause
    that counts something is still a list.
    """
    date, figure = _DATE.search(folded), _FIGURE.search(folded)
    opened = folded.rfind("¿", 0, date.start()) + 1 if date else 0
    if date and date.group() == "cuando" and _ASKED_BEFORE.search(folded, opened, date.start()) \
            and not re.search(r"(?:,|\by)\s*$", folded[:date.start()]):
        # "¿Qué servicios se quieren abrir cuando haya más personal?": a "cuando" after the
        # question's own word opens a condition, not a question of time (not "¿cómo y
        # cuándo …?", "¿y qué hay del hospital, cuándo abrirá?").
        date = None
    if date and not (figure and figure.start() < date.start()):
        return "date"
    if (numeric or figure) and not _counts_in_relative_only(folded):
        return "figure"
    if _PERSON.search(folded):
        return "person"
    if _REASON.search(folded):
        return "reason"
    if _PLACE.search(folded):
        return "place"
    if _LIST.search(folded):
        return "list"
    return "text"


# "¿cuántos créditos …?", "el número de becas": the money word is what is counted.
_COUNTED = re.compile(r"(?:\bcuant[oa]s\s+|" + NUMBER_OF + r")$")


# Money words that ask for money even when counted: "¿cuántos recursos …?", "¿cuántos
# ingresos …?" (but "¿cuántos créditos …?", "¿cuántas becas …?" count them).
_MONEY_MASS = ("pesos", "dolares", "recursos", "ingresos", "dinero")
# ... but "ingresos hospitalarios", "ingresos a urgencias", "recursos humanos" are counted.
_NOT_MONEY = re.compile(r"\s+(?:hospitalari\w*|a\s+urgencias|a\s+hospital\w*|humanos|materiales)\b")


# Verbs and words that say money changed hands; in a question that counts a noun ("¿cuántas vidas
# cobró la pandemia?", "¿cuántos días fueron pagados?") they say what happened, not the unit.
_MONEY_ACTS = re.compile(r"cobr\w*|pag\w*|invert\w*|invirti\w*|inviert\w*|gasta\w*|efectivo|premio"
                         r"|cost\w*|cuestan?|gan\w*|ejerc\w*|destin\w*|asign\w*|erog\w*|transfi\w*")
_COUNT_OF = re.compile(r"\bcuant[oa]s\s+(?!de\b)[a-z]{3,}|\bcuant[oa]\s+(?:personal|gente|poblacion)\b")
# "¿Cuánto tiempo se pagará la incapacidad?", "¿cuánto tarda en pagar …?": a span of time.
_HOW_LONG = re.compile(r"\bcuanto\s+(?:mas\s+)?tiempo\b|\btard(?:a|an|o|aron|aba|aban|ara|aran"
                       r"|aria|ar)\b")


def cues(folded: str) -> dict[str, bool]:
    """Modality and unit cues of a folded question."""
    return {"goal": bool(GOAL.search(folded)), "baseline": bool(BASELINE.search(folded)),
            "change": bool(CHANGE.search(folded)), "span": bool(FROM_TO.search(folded)),
            "money": any((m.group() in _MONEY_MASS and not _NOT_MONEY.match(folded, m.end()))
                         or (not _COUNTED.search(folded, 0, m.start())
                             and not (_MONEY_ACTS.fullmatch(m.group())
                                      and (_COUNT_OF.search(folded) or _HOW_LONG.search(folded))))
                         for m in MONEY.finditer(folded)),
            "amount": bool(AMOUNT.search(folded)), "how_much": bool(HOW_MUCH.search(folded))}


# The rates that say how often ("cada día", "al mes", "anual"), as against "promedio", "total".
TIME_RATES = ("día", "mes", "año")


def rates(folded: str) -> tuple[str, ...]:
    """The rates a folded text states ("al año", "diario", "en promedio")."""
    return tuple(name for name, rx in RATES.items() if rx.search(folded))


# The direction a question asks or a figure's clause states: a gain ("se crearon", "un
# incremento de") or a loss ("se eliminaron", "la pérdida de"). "Creo que" is a belief, "al
# cierre de" a date and "Baja California" a state: none of them is a direction.
_GAIN = re.compile(r"\b(?:se\s+creo|crea(?:ro)?n|cread[oa]s?|crear(?:a|an|on)?|creacion|generad[oa]s?"
                   r"|generaron|generar|se\s+genero|aument\w*|increment\w*|crec\w*"
                   r"|gan(?:o|aron|ancias?)|agreg(?:o|aron|ad[oa]s)|sum(?:o|aron|ar)"
                   # "subió a 580 pesos", not "subir su incapacidad a la plataforma"
                   r"|sub(?:io|ieron|ido|ir|e|en)(?!\s+(?:su|sus)\b)(?!\s+(?:a|al|a\s+la|a\s+las"
                   r"|a\s+los)\s+(?:plataforma|portal|sistema|pagina|internet|ambulancia|unidad"
                   r"|vehiculo|camion|red)\w*)|alzas?)\b")
# "bajo el régimen" is a preposition; "cerró 2023 con 22 millones" reports a total.
_LOSS = re.compile(r"\b(?:elimin\w+|perd\w*|pierd\w*|cay(?:o|eron)|caida|disminu\w+|reduj\w+"
                   r"|(?<=cuanto\s)bajo"  # "¿cuánto bajó el costo?": a verb after "cuánto"
                   r"|reduc\w+|bajo(?!\s+(?:el|la|los|las|un|una|su|sus)\b)|bajaron|bajas"
                   r"|recort\w+|destru\w+|decrec\w+|cerr(?:o|aron)(?![^.;]{0,40}\bcon\b)"
                   r"|cerrad[oa]s|cancel\w+|restar\w*)\b")


def direction(folded: str) -> str | None:
    """"gain" or "loss" when ``folded`` states one of them and not the other, else None."""
    gain, loss = bool(_GAIN.search(folded)), bool(_LOSS.search(folded))
    return None if gain == loss else ("gain" if gain else "loss")


# -- totals, comparisons, changes, extremes (read by assistant.analysis) --
TOTAL = re.compile(r"\ben\s+total\b|\bsumando\b|\bsumad[oa]s\b|\ben\s+suma\b"
                   r"|\bentre\s+tod[oa]s\b|\ben\s+conjunto\b")
# Two periods set against each other ("2023 comparado con 2022", "2022 frente a 2023").
COMPARE = re.compile(r"\bcompar(?:ad[oa]s?|ar|a|ando|acion)\b|\bfrente\s+a\b|\brespecto\s+(?:a|de|al|del)\b"
                     r"|\b(?:19|20)\d\d\s+(?:contra|vs\.?)\s+(?:el\s+)?(?:19|20)\d\d\b|\bdiferencia\b")
# A yes/no question about a change: "¿aumentaron los trasplantes?", "¿han crecido ...?".
CHANGED = re.compile(r"\b(?:aumentaron|disminuyeron|crecieron|bajaron|subieron|cayeron"
                     r"|(?:han|ha)\s+(?:aumentado|crecido|disminuido|bajado|subido)"
                     r"|se\s+redujeron|mas\s+o\s+menos)\b")
EXTREME = re.compile(r"\b(?:en\s+|de\s+)?(?:que|cual|cuales)\s+(?P<dim>[a-z]+)?\s*"
                     r"(?:se\s+\w+\s+|hubo\s+|tuvo\s+|fue\s+|registro\s+|se\s+dieron\s+)?"
                     r"(?:el\s+|la\s+)?(?P<way>mas|menos|mayor|menor)\b"
                     r"|\b(?:el|la)\s+(?:mayor|menor|maxim[oa]|minim[oa])\b"
                     r"|\bmas\s+(?:alt[oa]|baj[oa])\b")


# -- follow-ups (read by assistant.followup): "¿y la meta?", "¿y lo realizado?" --
META_WORDS = re.compile(r"\b(?:la\s+|las\s+)?(?:meta|metas|objetivo|objetivos|lo\s+programado"
                   r"|lo\s+planeado)\b")
DONE_WORDS = re.compile(r"\b(?:lo\s+)?(?:realizad[oa]s?|logrado|alcanzado|lo\s+que\s+se\s+hizo"
                   r"|se\s+hicieron|se\s+realizaron)\b")
# Cues a follow-up adds to the previous question as they are: totals, comparisons, extremes.
ANALYSIS_CUES = re.compile(r"\ben\s+total\b|\bsumando\b|\bentre\s+tod[oa]s\b|\ben\s+conjunto\b"
                       r"|\bcompar\w*|\bfrente\s+a\b|\brespecto\s+(?:a|de|al)\b|\bcontra\b"
                       r"|\b(?:en\s+)?(?:que|cual)\s+\w+\s+(?:hubo\s+|tuvo\s+|fue\s+)?"
                       r"(?:mas|menos|mayor|menor)\b|\b(?:aument|disminu|crec|baj|sub)\w*\b"
                       r"|\bmas\s+o\s+menos\b|\bdiferencia\b|\bevolucion\b")
