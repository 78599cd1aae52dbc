"""Two kinds in one question: "¿cuántos trasplantes de riñón y de córnea?".

The question is split into one question per kind ("¿cuántos trasplantes de riñón?", "¿cuántos
trasplantes de córnea?"), each answered by the chain as any other, and the answers are put
side by side with their citations renumbered. "en total" or "sumando" in the question adds
the two figures, computed and shown beside them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from assistant.analysis import checked_numbers
from assistant.format import format_number
from assistant.intent import COMPARE, QUANTITY, TOTAL
from assistant.types import Answer, Citation, Computed
from index.fold import fold
from index.numbers import find_numbers
from index.scope import find_places

# "cuántos trasplantes de riñón y de córnea", "cuántas acciones de equipamiento y mobiliario",
# "cuántas consultas de especialidad y de medicina familiar" (positions in the folded text).
_TWO = re.compile(r"\bcuant[oa]s\s+(?P<head>[a-z]{3,})\s+de\s+(?P<k1>[a-z]{3,}(?:\s+[a-z]{4,})?)"
                  r"\s+(?:y|e)\s+(?:de\s+)?(?P<k2>[a-z]{3,}(?:\s+[a-z]{4,})?)\b")
# Words that end a kind: what follows is the rest of the question, not part of the kind.
_NOT_KIND = {"hubo", "hay", "se", "fueron", "realizaron", "hicieron", "en", "durante", "entre",
             "para", "del", "de", "total", "tuvo", "tiene", "otorgaron", "aplicaron", "sumando"}


_ASKING = {"cuanto", "cuanta", "cuantos", "cuantas", "que", "cual", "cuales"}


def _trim(kind: str) -> str:
    words = kind.split()
    while len(words) > 1 and words[-1] in _NOT_KIND:
        words.pop()
    return " ".join(words)


def split_kinds(question: str) -> list[str]:
    """The question once per kind when it asks for two kinds of one counted noun, else []."""
    text = question.strip()
    folded = fold(text)
    m = _TWO.search(folded)
    if m is None or m.group("k2").split()[0] in _NOT_KIND | _ASKING or m.group("k1").split()[0] in (
            _NOT_KIND):
        return []  # "y cuántas de especialidad …" is a second question (split_questions)
    k1, k2 = _trim(m.group("k1")), _trim(m.group("k2"))
    # Folding keeps offsets (one character for one): the kinds are cut from the asked text.
    a1 = m.start("k1")
    a2 = m.start("k2")
    said1, said2 = text[a1:a1 + len(k1)], text[a2:a2 + len(k2)]
    rest = text[a2 + len(k2):]
    rest = re.sub(r"\s*\b(?:en\s+total|sumando|en\s+conjunto)\b", "", rest, flags=re.I)
    lead = text[:m.start("k1")]
    return [f"{lead}{said1}{rest}", f"{lead}{said2}{rest}"]


# "¿cuántas camas, consultorios y quirófanos ...?": three or more counted nouns in a list.
# A counted noun, with the complement that makes it a compound ("unidades de especialidad",
# "plantas de emergencia").
_NOUN = r"[a-z]{3,}(?:\s+(?:de|del|para)\s+(?!(?:los|las|el|la|esos|esas|estos|estas)\b)[a-z]{3,})?"
_LIST = re.compile(r"\bcuant[oa]s\s+(?P<items>" + _NOUN + r"(?:\s*,\s*" + _NOUN + r")+)\s*,?\s+"
                   r"(?:y|e)\s+(?P<last>" + _NOUN + r")\b")


def split_nouns(question: str) -> list[str]:
    """The question once per counted noun when it lists three or more, else []."""
    text = question.strip()
    folded = fold(text)
    m = _LIST.search(folded)
    if m is None:
        return []
    at = m.start("items")
    nouns = [text[at + k.start():at + k.end()].strip()
             for k in re.finditer(r"[^,]+", m.group("items"))]
    last_start, last_end = m.span("last")
    tail = re.search(r"\s+(?:de|del|para)\s+[a-z]+$", folded[last_start:last_end])
    if tail is not None and find_places(folded[last_start + tail.start():last_end]):
        # "médicos, enfermeras y camilleros de Sonora": a state is said of every noun.
        last_end = last_start + tail.start()
    nouns.append(text[last_start:last_end])
    if any(fold(n.split()[0]) in _NOT_KIND for n in nouns):
        return []
    lead, rest = text[:m.start("items")], text[last_end:]
    return [f"{lead}{noun}{rest}" for noun in nouns]


# "¿cuántos asegurados en 2012 y cuántos a octubre de 2018?", "¿cuántas solicitudes se
# aprobaron y qué porcentaje ya tenía los recursos?", "¿a cuántos trabajadores y en cuántos
# estados?": a second question word after "y" starts a second question.
# "y por qué monto", "y cuál es la tasa de crecimiento": a second question that names the kind
# of figure it asks (a quantity noun of ``intent``), as "y cuántos" does.
# The preposition a question word may lead with: "por qué monto", "hasta cuántas".
_LEAD = r"(?:en|de|a|al|con|para|por|hasta)?"
# "qué monto", "cuál es la tasa": a quantity asked by its noun.
_QUANTITY_ASK = r"(?:que|cual\s+(?:es|era|fue|seria)\s+(?:el|la))\s+" + QUANTITY
_ASKS = r"(?:cuant[oa]s?|que\s+(?:parte|numero)|" + _QUANTITY_ASK + r")"
# "por qué monto", "cuál es la tasa": a second question that asks a quantity of no noun.
_OF_QUANTITY = re.compile(_LEAD + r"\s*" + _QUANTITY_ASK + r"\b")
_SECOND = re.compile(r"\s*,?\s+(?:y|e)\s+(?=" + _LEAD + r"\s*" + _ASKS + r"\b)")
_FIRST = re.compile(r"\b" + _ASKS + r"\b")


# "y cuántos a octubre de 2018", "y de cuánto son en 2022": a second question with no noun.
_VERBS = ("son", "eran", "es", "era", "fue", "fueron", "hay", "habia", "hubo", "suman",
          "sumaban", "tiene", "tienen", "tenia", "tenian")
_BARE_ASK = re.compile(r"^" + _LEAD + r"\s*cuant[oa]s?\s+(?:(?P<verb>"
                       + "|".join(_VERBS) + r")\s+)?"
                       r"(?=(?:a|al|en|de|del|hasta|para|durante|entre|el|la|los|las|hoy|ahora|se"
                       r"|actualmente)\b|\d|$)")
# "y cuántas de especialidad da al día …": the second names only a kind of the first's noun.
_KIND_FIRST = re.compile(r"^cuant[oa]s?\s+(de\s+(?!(?:ellos|ellas|estos|estas|esos|esas|aquellos"
                         r"|aquellas)\b)[a-z]{4,})\b(?!\s+(?:de|del)\b)")
# "y cuánto es hoy": a time of its own, not the first question's.
_NOW = re.compile(r"\b(?:hoy|ahora|actualmente|en\s+la\s+actualidad|este\s+ano)\b")
# "¿De cuánto eran las reservas del IMSS …?": the subject after the verb of a bare "cuánto".
_SUBJECT = re.compile(r"\bcuant[oa]s?\s+(?:" + "|".join(_VERBS)
                      + r")\s+((?:el|la|los|las)\s+[a-z]+)")


# States named as one group: "entre Sonora y Tabasco", "con el convenio de Nayarit, Tlaxcala
# y Colima", "el acuerdo con Sonora y Sinaloa": the figure is the group's.
_GROUP = re.compile(r"\b(?:entre|convenio|convenios|acuerdo|acuerdos|region|bloque|grupo)"
                    r"(?:\s+(?:de|del|con|los|las|estados|entidades|firmado|firmados))*\s+$")


def split_places(question: str) -> list[tuple[str, str]]:
    """The question once per state, with the state as written, when it asks a figure of two
    or more states named together ("¿cuántos trabajadores mandan Veracruz y Chiapas?", "en
    Sonora, Colima y en Tabasco"), else []: each state's figure is its own answer. A sum
    ("en total", "entre Sonora y Tabasco") or a comparison is asked once."""
    text = question.strip()
    folded = fold(text)
    if not _FIRST.search(folded) or TOTAL.search(folded) or COMPARE.search(folded):
        return []
    found = find_places(folded, strict=False)
    # The longest run of states joined only by commas, "y", "e" and a repeated preposition.
    runs: list[list[tuple[int, int, str]]] = []
    for place in found:
        if runs and _JOINED.fullmatch(folded[runs[-1][-1][1]:place[0]]):
            runs[-1].append(place)
        else:
            runs.append([place])
    run = max(runs, key=len, default=[])
    if len({name for _, _, name in run}) < 2 or _GROUP.search(folded[:run[0][0]]):
        return []
    start, end = run[0][0], run[-1][1]
    return [(text[:start] + text[a:b] + text[end:], text[a:b]) for a, b, _ in run]


def split_units(question: str) -> list[tuple[str, str]]:
    """The question once per unit, with the unit as written, when it asks one figure in two
    units ("¿cuánto subió el salario, en pesos y en porcentaje?"), else []."""
    text = question.strip()
    folded = fold(text)
    m = _TWO_UNITS.search(folded)
    if m is None or not _FIRST.search(folded):
        return []
    head, tail = text[:m.start()].rstrip(" ,"), text[m.end():]
    return [(f"{head} {text[a:b]}{tail}".strip(), text[a:b])
            for a, b in (m.span("u1"), m.span("u2"))]


# "en pesos y en porcentaje", "en porcentaje y en pesos", "en dólares y en pesos".
_UNIT = r"(?:en\s+)?(?:pesos|dolares|porcentaje|por\s+ciento|puntos\s+porcentuales|numeros\s+absolutos)"
_TWO_UNITS = re.compile(r",?\s*(?P<u1>" + _UNIT + r")\s+(?:y|e)\s+(?P<u2>" + _UNIT + r")\b")


# What joins states named together: "Veracruz y Chiapas", "Sonora, Colima y en Tabasco".
_JOINED = re.compile(r"\s*(?:,\s*(?:y\s+|e\s+)?|\s(?:y|e)\s+)(?:(?:en|de|a|para)\s+)?")


def split_questions(question: str) -> list[str]:
    """Two questions asked as one ("¿cuántos A y cuántos B?"): each on its own, the second
    taking from the first what it leaves out — the counted noun ("y cuántos a octubre de
    2018"), the state, the period when it names none; else []."""
    from assistant.followup import _spans_places, _spans_times, topic

    text = question.strip()
    folded = fold(text)
    first = _FIRST.search(folded)
    m = _SECOND.search(folded, first.end()) if first else None
    if m is None or first is None:
        return []
    opening = text.find("¿")
    opening = opening if 0 <= opening < first.start() else -1
    lead = text[:opening].strip() if opening > 0 else ""  # "Al corte del 8 de mayo de 2020,"
    one = text[opening + 1:m.start()].rstrip(" ,;?").strip()
    two = text[m.end():].strip().rstrip("?").strip()
    if len(one.split()) < 2 or len(two.split()) < 2:
        return []
    one = f"{lead} ¿{one}?".strip() if lead else f"¿{one}?"
    said = topic(one)
    kind = _KIND_FIRST.match(fold(two))
    if kind and said and " de " in said and said in one:
        # "¿Cuántas consultas de urgencias y cuántas de especialidad da al día el hospital?",
        # "¿Cuántos trasplantes de riñón se hicieron en 2023 y cuántos de córnea?": one noun
        # of two kinds, and what is said after either is said of both.
        rest = two[kind.end():].strip()
        after = one[one.index(said) + len(said):].rstrip(" ?").strip()
        if not after:
            one = f"{one.rstrip(' ?')} {rest}?"
        elif not rest:
            rest = after
        two = (f"{two[:kind.start(1)]}{said[:said.index(' de ')]} "
               f"{two[kind.start(1):kind.end(1)]} {rest}").strip()
        said = topic(one)
    bare = _BARE_ASK.match(fold(two))
    borrowed = False  # the second question took the first one's subject
    if bare and bare.group("verb"):
        # "y cuántas hay en 2022", "y de cuánto son en 2022": the first question's noun, before
        # its verb when it counts one ("¿cuántas camas había …?"), else as its subject after
        # the verb ("¿de cuánto eran las reservas …?").
        noun = " ".join(w for w in said.split() if fold(w) not in _VERBS)
        subject = _SUBJECT.search(fold(one))
        if noun:
            two = two[:bare.start("verb")] + noun + " " + two[bare.start("verb"):]
        elif subject:
            two = (two[:bare.end()] + one[subject.start(1):subject.end(1)] + " "
                   + two[bare.end():])
            borrowed = True
    elif bare:
        # "y cuántos a octubre de 2018", "y cuántos se jubilaron": the first question's counted
        # noun, without its verb ("maestros contrató").
        noun = _noun_only(said) if fold(two).startswith("se ", bare.end()) else said
        two = two[:bare.end()] + (noun + " " if noun else "") + two[bare.end():]
    ftwo = fold(two)
    extra = []
    fone = fold(one)
    asks = _OF_QUANTITY.match(ftwo)
    # "y por qué monto", "y cuál es la tasa": a quantity of no noun of its own ("de abasto").
    of_first = asks is not None and not re.match(r"\s+(?:de|del)\b", ftwo[asks.end():])
    if len(two.split()) <= 3 and said and said in one:
        # "¿y en cuántos estados?": what the first question said after its noun ("ha
        # basificado IMSS-Bienestar"), without its period and state (added below).
        tail = one[one.index(said) + len(said):].rstrip(" ?")
        ftail = fold(tail)
        cut = sorted([*_spans_times(ftail, tail), *[(a, b) for a, b, _ in _spans_places(ftail)]])
        for a, b in reversed(cut):
            tail = tail[:a] + tail[b:]
        if of_first:
            # "¿Cuántas piezas se compraron y por qué monto?": the amount of those pieces.
            tail = f"{said} {tail}"
        extra.append(" ".join(tail.split()))
    elif of_first and said:
        extra.append(_noun_only(said))
    if not _spans_times(ftwo, two) and not _NOW.search(ftwo):
        extra += [one[a:b] for a, b in _spans_times(fone, one)]
    if not _spans_places(ftwo):
        extra += [one[a:b] for a, b, _ in _spans_places(fone)]
        named = _named_phrase(one, _spans_times(fone, one),
                              [(a, b) for a, b, _ in _spans_places(fone)])
        if named and not borrowed and not _NAME.search(two) \
                and fold(named) not in fold(" ".join([two, *extra])):
            # "¿Con cuánto personal arrancó el hospital infantil de Morelia y cuánto tiene
            # hoy?": the second asks of what the first names.
            extra = [e for e in extra if e not in named] + [named]
    two = " ".join([two, *extra]).strip()
    return [one, f"¿{two}?"]


# A capitalised word (a proper name: "Morelia", "IMSS", "Villa de Álvarez").
_NAME = re.compile(r"(?<![\w¿])(?<!^)[A-ZÁÉÍÓÚÑ][\wÁÉÍÓÚÑáéíóúñü-]*")


# What carries a proper name on: a number, or another name after "de", "del", "de la".
_NAME_GOES_ON = re.compile(r"\s+(?:\d+\b|(?:(?:de|del|de\s+la|de\s+los)\s+)?"
                           r"[A-ZÁÉÍÓÚÑ][\wÁÉÍÓÚÑáéíóúñü-]*)")


def _noun_only(said: str) -> str:
    """The counted noun of a topic, without the verb after it ("maestros contrató")."""
    from index.lemmas import lemma

    kept: list[str] = []
    for w in said.split():
        f = fold(w).lower()
        base = fold(lemma(w))
        if kept and (w.endswith("ó") or f in _VERBS or (
                base.endswith(("ar", "er", "ir")) and base != f and fold(kept[-1]) != "de")):
            break  # a verb ("contrató", "entrega"), not a noun after "de" ("de amparo")
        kept.append(w)
    return " ".join(kept)


def _named_phrase(one: str, times: list[tuple[int, int]],
                  states: list[tuple[int, int]]) -> str | None:
    """The phrase of question ``one`` that names something by its proper name, from the article
    before it ("el hospital infantil de Morelia", "la Clínica Hidalgo"); None if it names
    nothing but times and states (inherited on their own)."""
    def inside(m: re.Match[str], spans: list[tuple[int, int]]) -> bool:
        return any(a <= m.start() < b for a, b in spans)

    names = [m for m in _NAME.finditer(one) if m.start() > 1 and not inside(m, times)]
    own = [m for m in names if not inside(m, states)]
    if not own:
        return None
    first = own[0].start()
    articles = list(re.finditer(r"\b(?:el|la|los|las|del|al)\s", fold(one)[:first]))
    start = articles[-1].start() if articles and first - articles[-1].start() <= 50 else first
    if any(start <= a < first for a, _ in times):
        start = first
    # Up to the last name that follows without a break ("la Clínica Hidalgo", "el Hospital
    # General de Tepic"), a state's name included.
    end = own[0].end()
    while more := _NAME_GOES_ON.match(one, end):
        end = more.end()  # "la Clínica 25 del IMSS", "el Hospital General de Tepic"
    return one[start:end]


def _renumber(text: str, where: list[int]) -> str:
    """``text`` with its citation marks [n] pointing into the merged list (``where[n-1]``)."""
    def mark(m: re.Match[str]) -> str:
        n = int(m.group(1))
        return f"[{where[n - 1]}]" if 0 < n <= len(where) else m.group(0)

    return re.sub(r"\[(\d+)\]", mark, text)


def given(answer: Answer) -> set[tuple[str, int]]:
    """Where the figure ``answer`` gives first stands: (source, offset) in a cited quote (the
    alternatives it lists after may well be what another part asks for)."""
    out: set[tuple[str, int]] = set()
    for c in answer.citations:
        for v in answer.values[:1]:
            for m in find_numbers(c.quote):
                if abs(float(m.value) - float(v)) <= 0.01:
                    out.add((c.source, c.start + m.start))
    return out


def ask_kinds(question: str, parts: list[str],
              ask: Callable[[str, frozenset[tuple[str, int]]], Answer],
              labels: list[str] | None = None) -> Answer:
    """Each of ``parts`` answered by ``ask``, side by side (a citation shared by both is
    listed once), each under its label (by default what the part counts); their sum when
    ``question`` asks for a total and each part is answered by one figure."""
    from assistant.followup import topic

    answers: list[Answer] = []
    for part in parts:
        # A part never answers with a figure an earlier part gave: "¿cuánto sumaban los ingresos
        # y cuánto los egresos?" asks for two figures.
        answers.append(ask(part, frozenset(
            pos for a in answers for pos in given(a))))
    texts: list[str] = []
    citations: list[Citation] = []
    values: list[int | float] = []
    computed: list[Computed] = []
    for k, (part, ans) in enumerate(zip(parts, answers)):
        where = []
        for c in ans.citations:
            if c not in citations:
                citations.append(c)
            where.append(citations.index(c) + 1)
        body = _renumber(ans.text, where)
        label = labels[k] if labels else topic(part) or part.strip(" ¿?")
        texts.append(f"{label[:1].upper()}{label[1:]}: {body.rstrip()}")
        values += ans.values
        computed += ans.computed
    text = " ".join(t if t.endswith(".") else t + "." for t in texts)
    ones = [a.values[0] for a in answers if len(a.values) == 1 and not a.abstained]
    if TOTAL.search(fold(question)) and len(ones) == len(parts):
        total = Computed("suma", "suma", list(ones), sum(ones))
        computed.append(total)
        text += (" En total, " + format_number(total.value) + " (calculado: "
                 + " + ".join(format_number(v) for v in ones) + " = "
                 + format_number(total.value) + ").")
        values = [total.value, *values]
    answer = Answer(question, text, values, citations, all(a.abstained for a in answers),
                    computed)
    if checked_numbers(answer) is None:  # a sum whose inputs are not cited: never shown
        return replace(answer, text=" ".join(texts), values=values[1:], computed=computed[:-1])
    return answer
