"""Follow-up questions: an elliptical question ("¿y de riñón?", "¿y en 2022?", "¿y en Jalisco?",
"¿y la meta?") takes what it leaves out from the turn before; a full question starts afresh.

The previous turn is kept as the full question it was understood as, and the follow-up edits
its text: a new period or event replaces the old one, a new state the old state, a new kind
("de riñón") the old kind, a new counted noun the old one. The edited question then goes
through the same chain as any other, so every answer is read and cited the same way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.intent import ANALYSIS_CUES, DONE_WORDS, META_WORDS
from index.dates import BARE_YEAR, find_times
from index.events import find_events
from index.fold import fold
from index.scope import find_places

# A follow-up opens with "y", "e", "pero", "¿qué tal ...?", "¿y qué hay de ...?", "también".
_OPENER = re.compile(r"^\s*(?:(?:y|e|pero|ahora|entonces|tambien)\b[\s,]*)+"
                     r"(?:(?:que\s+(?:tal|hay|me\s+dices)|en\s+cuanto)\s+(?:de|a|con|en)?\s*)?")
_LEAD = re.compile(r"^\s*(?:que\s+(?:tal|hay|me\s+dices)\s+(?:de|con|en)?|en\s+cuanto\s+a)\s*")
_HOW_MANY = re.compile(r"\bcuant[oa]s?\b|\bque\s+(?:cantidad|numero|porcentaje|cifra|monto)\b")
# The counted noun and its kind: "cuántos trasplantes de riñón", "cuántas consultas de medicina
# familiar", "cuántos trasplantes hepáticos" (positions in the folded question).
_MEASURE = re.compile(r"\bcuant[oa]s\s+(?:de\s+(?:los|las)\s+)?(?P<head>[a-z]{3,})"
                      r"(?P<kind>\s+(?:de\s+(?:(?:la|las|los|el)\s+)?)?(?P<k1>[a-z]{3,})"
                      r"(?:\s+(?P<k2>[a-z]{4,}))?)?")
_FUNCTION = {"de", "del", "la", "las", "el", "los", "en", "y", "e", "a", "al", "que", "se",
             "un", "una", "unos", "unas", "lo", "para", "con", "por", "sobre", "hubo", "hay",
             "fue", "fueron", "son", "es", "esos", "esas", "eso", "ese", "esa", "cuantos",
             "cuantas", "tal", "dices", "me", "pero", "tambien", "ahora", "entonces", "o"}
_STOP_KIND = _FUNCTION | {"hubo", "hay", "se", "realizaron", "hicieron", "durante", "entre",
                          "segun", "dice", "tuvo", "tiene", "otorgaron", "fueron"}

# Words of an analysis cue that name no topic ("¿en qué jornada hubo más?").
_CUE_WORDS = {"que", "cual", "cuales", "ano", "anos", "mes", "meses", "periodo", "periodos",
              "jornada", "jornadas", "semana", "semanas", "estado", "estados", "organo",
              "organos", "tipo", "tipos", "mas", "menos", "mayor", "menor", "total", "sumando",
              "todos", "todas", "conjunto", "comparado", "comparada", "comparados", "frente",
              "respecto", "contra", "diferencia", "evolucion", "tuvo", "hubo", "fue", "cuanto",
              "cuantos", "cuantas", "aumentaron", "aumento", "disminuyeron", "disminuyo",
              "crecieron", "crecio", "bajaron", "bajo", "subieron", "subio"}


@dataclass(frozen=True)
class Resolved:
    """A question as understood.

    Attributes:
        text: the full question that is answered (the asked one, or the previous one edited).
        carried: what the question took from the turn before, in words ("2022", "riñón").
            Empty for a question that starts afresh.

    ``understood`` (a property) is a short line of what is asked ("trasplantes de riñón, 2022").
    """

    text: str
    carried: tuple[str, ...] = ()

    @property
    def understood(self) -> str:
        """Computed when asked: the history's turns are resolved on every question, and only
        the answered one is ever described."""
        return summary(self.text)

    @property
    def followup(self) -> bool:
        """True when something was carried over from the turn before."""
        return bool(self.carried)


def _spans_times(folded: str, original: str) -> list[tuple[int, int]]:
    spans = [(t.start, t.end) for t in find_times(original)]
    for m in BARE_YEAR.finditer(folded):
        if not any(a <= m.start() < b for a, b in spans):
            pre = re.search(r"(?:\b(?:en|de|del|para|durante)\s+(?:el\s+)?)$",
                            folded[:m.start()])
            spans.append((pre.start() if pre else m.start(), m.end()))
    return spans


def _spans_events(folded: str, original: str) -> list[tuple[int, int]]:
    out = []
    for e in find_events(original, require_caps=False):
        pre = re.search(r"(?:\b(?:en|de|durante)\s+(?:la|el|las|los)\s+)$", folded[:e.start])
        out.append((pre.start() if pre else e.start, e.end))
    return out


def _spans_places(folded: str) -> list[tuple[int, int, str]]:
    out = []
    for a, b, name in find_places(folded, strict=False):
        pre = re.search(r"(?:\b(?:en|de|del\s+estado\s+de|para)\s+)$", folded[:a])
        out.append((pre.start() if pre else a, b, name))
    return out


def _cut(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` without ``spans``, spaces tidied."""
    keep, pos = [], 0
    for a, b in sorted(spans):
        if a < pos:
            a = pos
        keep.append(text[pos:a])
        pos = max(pos, b)
    keep.append(text[pos:])
    out = re.sub(r"\s+", " ", "".join(keep))
    return re.sub(r"\s+([?,.;:])", r"\1", out).replace("¿ ", "¿").strip()


def _append(question: str, phrase: str) -> str:
    """``phrase`` added before the question's closing mark."""
    base = question.rstrip().rstrip("?").rstrip()
    opened = base.startswith("¿")
    return f"{base} {phrase.strip()}" + ("?" if opened or question.rstrip().endswith("?") else "")


def _words(folded: str) -> list[str]:
    return re.findall(r"[a-z]+", folded)


def _measure(folded: str) -> re.Match[str] | None:
    m = _MEASURE.search(folded)
    if m is None:
        return None
    if m.group("k1") in _STOP_KIND or (m.group("kind") or "").strip().startswith(
            ("en ", "para ", "durante ")):
        return _MEASURE.search(folded[:m.end("head")] + " " * (len(folded) - m.end("head")))
    return m


def _kind_span(m: re.Match[str]) -> tuple[int, int] | None:
    """The span of the kind after the counted noun, without a trailing function word."""
    if not m.group("kind"):
        return None
    k2 = m.group("k2")
    keep = k2 and k2 not in _STOP_KIND and k2 not in _CUE_WORDS and not k2.endswith(
        ("aron", "ieron", "aban", "ian"))
    end = m.end("k2") if keep else m.end("k1")
    return m.start("kind"), end


def is_elliptical(question: str) -> bool:
    """True for a question that leaves out what it asks about ("¿y en 2022?", "¿y de riñón?")."""
    folded = fold(question.strip(" ¿?¡!.\t\n"))
    if _OPENER.match(folded) and _OPENER.match(folded).end() > 0:  # type: ignore[union-attr]
        return True
    # No "opener" but nothing of its own either: "¿en 2022?", "¿en Jalisco?", "¿la meta?".
    rest = _cut(folded, [*_spans_times(folded, question.strip(" ¿?¡!.\t\n")),
                         *_spans_events(folded, question.strip(" ¿?¡!.\t\n")),
                         *[(a, b) for a, b, _ in _spans_places(folded)]])
    rest = META_WORDS.sub(" ", rest)
    left = [w for w in _words(rest) if w not in _FUNCTION]
    if ANALYSIS_CUES.search(folded):
        # "¿en qué año más?", "¿aumentaron?": a cue about figures the question does not name.
        left = [w for w in left if w not in _CUE_WORDS and not ANALYSIS_CUES.fullmatch(w)]
    return not left


def topic(question: str) -> str:
    """What a question counts, as it wrote it: "trasplantes de riñón" (empty when unsure)."""
    text = question.strip()
    folded = fold(text)
    m = _measure(folded)
    if m is None:
        return ""
    span = _kind_span(m)
    return " ".join(text[m.start("head"):span[1] if span else m.end("head")].split())


def summary(question: str) -> str:
    """A short line of what ``question`` asks: "trasplantes de riñón, 2022, en Jalisco"."""
    text = question.strip()
    folded = fold(text)
    parts = [topic(text) or _cut(text, [])]
    for a, b in sorted(_spans_events(folded, text)):
        parts.append(" ".join(text[a:b].split()))
    for a, b in sorted(_spans_times(folded, text)):
        said = re.sub(r"^(?:en|durante|para)\s+(?:el\s+)?", "", " ".join(text[a:b].split()),
                      flags=re.IGNORECASE)
        parts.append(said)
    for _, _, name in _spans_places(folded):
        parts.append(f"en {name}")
    if META_WORDS.search(folded):
        parts.append("meta")
    from assistant.analysis import kind_of

    kind = kind_of(text)
    if kind:
        parts.append({"total": "en total", "comparison": "comparación",
                      "extreme": "la cifra mayor o menor"}[kind])
    return ", ".join(p.strip(" ¿?") for p in parts if p.strip(" ¿?"))


def resolve(question: str, history: Sequence[str] = ()) -> Resolved:
    """``question`` as understood after ``history`` (earlier questions, oldest first).

    Each earlier question is resolved in turn, so "¿y en 2022?" after "¿y de córnea?" after
    "¿cuántos trasplantes de riñón en 2023?" asks for trasplantes de córnea in 2022.
    """
    previous: str | None = None
    for past in history:
        if past and past.strip():
            previous = resolve_one(past, previous).text
    return resolve_one(question, previous)


def resolve_one(question: str, previous: str | None) -> Resolved:
    """``question`` after the one previous question (already resolved), if any."""
    text = question.strip()
    if previous is None or not text or not is_elliptical(text):
        return Resolved(text, ())
    inner = text.strip(" ¿?¡!.")
    folded = fold(inner)
    opener = _OPENER.match(folded)
    start = opener.end() if opener else 0
    lead = _LEAD.match(folded, start)
    start = lead.end() if lead else start
    frag, ffrag = inner[start:], folded[start:]
    times = _spans_times(ffrag, frag)
    events = _spans_events(ffrag, frag)
    places = _spans_places(ffrag)
    analysis = ANALYSIS_CUES.search(ffrag)
    goal = META_WORDS.search(ffrag)
    done = DONE_WORDS.search(ffrag)
    prev = previous.strip()
    pfold = fold(prev)
    out = prev
    carried: list[str] = []

    if analysis:
        # "¿y en total?", "¿y comparado con 2022?", "¿en qué año más?": the cue applies to the
        # previous question. An extreme over time or a series drops the previous period.
        over_time = re.search(r"\b(?:que|cual)\s+(?:ano|anos|mes|periodo)\b|\bevolucion\b"
                              r"|\baument|\bdisminu|\bcrec|\bbaj|\bsub", ffrag)
        from assistant.analysis import dimension, kind_of

        about = topic(prev)
        if dimension(frag) == "kind" and kind_of(frag) == "extreme":
            # "¿en qué tipo hubo más?": over the kinds of the measure, in the same scope.
            m = _measure(pfold)
            if m is not None:
                about = prev[m.start("head"):m.end("head")]
            scope = [prev[a:b] for a, b in sorted(_spans_events(pfold, prev) + _spans_times(
                pfold, prev))] + [prev[a:b] for a, b, _ in _spans_places(pfold)]
            merged = "¿" + frag.rstrip("?") + " " + about + " " + " ".join(scope) + "?"
            merged = re.sub(r"\s+", " ", merged).replace(" ?", "?")
            return Resolved(merged, (about,))
        if over_time and not times and about:
            # "¿aumentaron?", "¿en qué año más?": the measure over time, in the same place.
            places_said = [prev[a:b] for a, b, _ in _spans_places(pfold)]
            merged = "¿" + " ".join([frag.rstrip("?"), about, *places_said]) + "?"
            return Resolved(merged, (about,))
        merged = _append(out, frag)
        return Resolved(merged, (topic(prev) or prev,))

    new_kind: str | None = None
    new_head: str | None = None
    rest = _cut(ffrag, [*times, *events, *[(a, b) for a, b, _ in places]])
    rest = META_WORDS.sub(" ", rest)
    rest = DONE_WORDS.sub(" ", rest)
    own = _HOW_MANY.search(ffrag)
    words = [w for w in _words(rest) if w not in _FUNCTION]
    if own:
        # "¿y cuántas cirugías?": its own counted noun, the previous scope.
        base = _cut(frag, times + events + [(a, b) for a, b, _ in places])
        out = base if base.startswith("¿") else "¿" + base.rstrip("?") + "?"
        for a, b in _spans_times(pfold, prev) + _spans_events(pfold, prev):
            if not times and not events:
                out = _append(out, prev[a:b])
                carried.append(" ".join(prev[a:b].split()))
        if not places:
            for a, b, name in _spans_places(pfold):
                out = _append(out, prev[a:b])
                carried.append(name)
        for a, b in times + events:
            out = _append(out, frag[a:b])
        for a, b, _ in places:
            out = _append(out, frag[a:b])
        carried_all = tuple(carried) or ("",)
        return Resolved(out, carried_all)
    if words:
        m = _measure(pfold)
        phrase = " ".join(frag[_first_word(ffrag, words[0]):_last_word(ffrag, words[-1])]
                          .split())
        phrase = re.sub(r"^(?:los|las|el|la)\s+", "", phrase, flags=re.IGNORECASE)
        if m is not None and not re.match(r"\s*del?\b", rest) and _is_measure_word(words[0]):
            new_head = phrase
            span = _kind_span(m)
            out = prev[:m.start("head")] + phrase + prev[span[1] if span else m.end("head"):]
            # "cuántos trasplantes" → "cuántas cirugías": the question word agrees.
            gender = "as" if fold(phrase.split()[0]).endswith("as") else "os"
            out = re.sub(r"([Cc]u[aá]nt)(?:os|as)\b", lambda x: x.group(1) + gender, out, count=1)
        else:
            new_kind = phrase if fold(phrase).startswith("de ") or _adjective(phrase) else \
                "de " + phrase
            if m is not None:
                span = _kind_span(m)
                if span is not None:
                    out = prev[:span[0]] + " " + new_kind + prev[span[1]:]
                else:
                    out = prev[:m.end("head")] + " " + new_kind + prev[m.end("head"):]
            else:
                out = _append(prev, new_kind)
        carried.append(topic(prev) or prev)
    ofold = fold(out)
    if times or events:
        out = _cut(out, _spans_times(ofold, out) + _spans_events(ofold, out))
        for a, b in sorted(times + events):
            out = _append(out, frag[a:b])
    else:
        carried += [" ".join(prev[a:b].split()) for a, b in
                    sorted(_spans_events(pfold, prev) + _spans_times(pfold, prev))]
    ofold = fold(out)
    if places:
        out = _cut(out, [(a, b) for a, b, _ in _spans_places(ofold)])
        for a, b, _ in places:
            out = _append(out, frag[a:b])
    else:
        carried += [name for _, _, name in _spans_places(pfold)]
    if goal and not META_WORDS.search(fold(out)):
        out = _append(out, "según la meta")
    elif done and META_WORDS.search(fold(out)):
        out = _cut(out, [(m.start(), m.end()) for m in META_WORDS.finditer(fold(out))])
    if new_head is None and new_kind is None and not (times or events or places or goal
                                                      or done):
        return Resolved(text, ())
    out = re.sub(r"\s+", " ", out).replace("¿ ", "¿")
    return Resolved(out, tuple(c for c in carried if c) or (topic(prev) or prev,))


def _first_word(folded: str, word: str) -> int:
    m = re.search(r"\b" + re.escape(word) + r"\b", folded)
    return m.start() if m else 0


def _last_word(folded: str, word: str) -> int:
    found = list(re.finditer(r"\b" + re.escape(word) + r"\b", folded))
    return found[-1].end() if found else len(folded)


def _adjective(phrase: str) -> bool:
    """ "hepáticos", "renales", "pediátricas": a kind said as an adjective."""
    word = fold(phrase.split()[0]) if phrase.split() else ""
    return word.endswith(("icos", "icas", "ico", "ica", "ales", "al", "ares", "ar"))


def _is_measure_word(word: str) -> bool:
    """A plural noun that counts things ("cirugías", "consultas"), not a kind ("riñón")."""
    from index.lexicon import lexicon

    if lexicon().known_measure(word):
        return True
    return word.endswith("s") and not _adjective(word) and len(word) > 4 and word not in {
        "mas", "menos", "pies"}
