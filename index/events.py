"""Named events ("la 7ª Jornada Nacional", "la séptima jornada", "las tres primeras Jornadas")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.fold import fold
from index.lexicon import lexicon
from index.numbers import TEENS, UNITS

ORDINALS = {
    "primer": 1, "primera": 1, "primero": 1, "segunda": 2, "segundo": 2, "tercer": 3,
    "tercera": 3, "tercero": 3, "cuarta": 4, "cuarto": 4, "quinta": 5, "quinto": 5,
    "sexta": 6, "sexto": 6, "septima": 7, "septimo": 7, "setima": 7, "setimo": 7,
    "octava": 8, "octavo": 8, "novena": 9, "noveno": 9, "decima": 10, "decimo": 10,
    "undecima": 11, "undecimo": 11, "duodecima": 12, "duodecimo": 12, "vigesima": 20,
    "vigesimo": 20,
}
# The ordinal words as one alternation, longest first ("decima" before "decim…").
ORDINAL_WORDS = "|".join(sorted(ORDINALS, key=len, reverse=True))
_NUM_SUFFIX = r"(?:ª|º|°|a|o|er|ra|ro|da|do|ta|to|va|vo|na|no)\.?"
_CONNECTORS = {"de", "del", "la", "las", "los", "el", "por", "para", "y", "en", "a", "al", "con",
               "contra"}


# "la segunda semana de enero", "el primer día del mes": a stretch of time, not an event.
_TIME_NOUNS = frozenset({"semana", "semanas", "dia", "dias", "mes", "meses"})
_OF_TIME = re.compile(r"\s+(?:de|del)\s+(?:mes\s+(?:de\s+)?)?(?:enero|febrero|marzo|abril|mayo"
                      r"|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre"
                      r"|ano|mes|este|ese|cada)\b")


def _a_time(folded: str, noun: str, noun_end: int) -> bool:
    return noun in _TIME_NOUNS and bool(_OF_TIME.match(folded, noun_end))


# "la Semana Nacional de Salud", "la segunda semana nacional": a named event.
_NAMED = re.compile(r"\s+(?:nacional|nacionales|mundial|internacional|estatal)\b")


def _a_stretch(text: str, folded: str, start: int, end: int) -> bool:
    """In a question, a lower-case "primer mes de operación", "la primera semana de vida" is
    a stretch of time; "la Semana Nacional", "la segunda semana nacional" an event."""
    return (folded[start:end] in _TIME_NOUNS and not text[start].isupper()
            and not _NAMED.match(folded, end))


def _noun_alternation() -> str:
    return "|".join(sorted((re.escape(n) for n in lexicon().event_nouns), key=len, reverse=True))


@dataclass(frozen=True)
class Event:
    """An event named in text: ``nums`` are its ordinals (1..3 for "las tres primeras")."""

    start: int
    end: int
    text: str
    nums: tuple[int, ...]
    noun: str

    @property
    def num(self) -> int | None:
        """The single ordinal of a singular event, else None."""
        return self.nums[0] if len(self.nums) == 1 else None


def _compile() -> tuple[re.Pattern[str], re.Pattern[str]]:
    nouns = _noun_alternation()
    single = re.compile(
        r"\b(?:(?P<num>\d{1,3})\s?" + _NUM_SUFFIX + r"|(?P<tens>decim[ao])\s+(?P<unit>"
        + ORDINAL_WORDS + r")|(?P<word>" + ORDINAL_WORDS + r"))\s+(?P<noun>" + nouns + r")\b"
    )
    count_words = "|".join(sorted(set(UNITS) | set(TEENS), key=len, reverse=True))
    plural = re.compile(
        r"\b(?:las|los)\s+(?P<count>\d{1,2}|" + count_words + r")\s+(?P<which>primer[ao]s|"
        r"ultim[ao]s)\s+(?P<noun>" + nouns + r")\b"
    )
    return single, plural


_COMPILED: tuple[re.Pattern[str], re.Pattern[str]] | None = None
_MONTHS = (r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre"
           r"|noviembre|diciembre")
# Number words that may follow an event's noun ("la fase uno"); "un", "una" are articles.
_WORD_VALUES = {w: n for w, n in {**UNITS, **TEENS}.items() if 1 <= n <= 20
                and w not in ("un", "una")}
_COUNT_WORDS = "|".join(sorted(_WORD_VALUES, key=len, reverse=True))


def _extend(text: str, end: int, require_caps: bool) -> int:
    """Extend an event's name over the capitalised words that follow ("Nacional de Servicios")."""
    pos = end
    for m in re.finditer(r"\s+(\S+)", text[end:end + 200]):
        word = m.group(1)
        bare = word.rstrip(".,;:)")
        if not bare:
            break
        capital = bare[0].isupper()
        if capital and bare == word:
            pos = end + m.end()
            continue
        if capital:
            pos = end + m.start(1) + len(bare)
            break
        if fold(bare) in _CONNECTORS and bare == word:
            continue
        if not require_caps and fold(bare) in ("nacional", "nacionales") and bare == word:
            pos = end + m.end()
            continue
        break
    return pos


def find_events(text: str, require_caps: bool = True) -> list[Event]:
    """Events named in ``text``; in bulletins the event noun must be capitalised ("Jornada").

    "por primera vez" or "primer nivel" are not events: their noun is not an event noun.
    """
    global _COMPILED
    if _COMPILED is None:
        _COMPILED = _compile()
    single, plural = _COMPILED
    folded = fold(text)
    out: list[Event] = []
    for m in single.finditer(folded):
        noun_start = m.start("noun")
        if require_caps and not text[noun_start].isupper():
            continue
        if _a_time(folded, m.group("noun"), m.end("noun")):
            continue
        if not require_caps and _a_stretch(text, folded, noun_start, m.end("noun")):
            continue
        if m.group("num"):
            num = int(m.group("num"))
        elif m.group("tens"):
            num = 10 + ORDINALS[m.group("unit")]
        else:
            num = ORDINALS[m.group("word")]
        end = _extend(text, m.end("noun"), require_caps)
        name = " ".join(text[noun_start:end].split())
        mark = "ª" if fold(name.split()[0]).endswith(("a", "as")) else "º"
        out.append(Event(m.start(), end, f"{num}{mark} {name}", (num,), fold(m.group("noun"))))
    if not require_caps:
        # Questions also say "la jornada 7" or "la jornada número 7".
        # "la fase uno", "la etapa tres" too, ending a phrase (not "el día dos", "la jornada
        # once mil derechohabientes", "la campaña Cinco Pasos", "el congreso cinco de mayo").
        after = re.compile(r"\b(?P<noun>" + _noun_alternation() + r")\s+(?:numero\s+|no\.?\s*)?"
                           r"(?:(?P<num>\d{1,2})(?![\d/.,:])|(?P<word>" + _COUNT_WORDS + r")"
                           r"(?=\s*[,;.:)?]|\s*$|\s+(?:que|se|fue|es|y|en|del?)\s+(?!" + _MONTHS
                           + r")))")
        for m in after.finditer(folded):
            if any(e.start <= m.start() < e.end for e in out):
                continue
            if m.group("word") and m.group("noun") in _TIME_NOUNS | {"mes"}:
                continue
            num = int(m.group("num")) if m.group("num") else _WORD_VALUES[m.group("word")]
            mark = "ª" if m.group("noun").endswith(("a", "as")) else "º"
            out.append(Event(m.start(), m.end(), f"{num}{mark} {text[m.start('noun'):m.end('noun')]}",
                             (num,), m.group("noun")))
    for m in plural.finditer(folded):
        noun_start = m.start("noun")
        if require_caps and not text[noun_start].isupper():
            continue
        if _a_time(folded, m.group("noun"), m.end("noun")):
            continue
        raw = m.group("count")
        count = int(raw) if raw.isdigit() else {**UNITS, **TEENS}[raw]
        if not 1 <= count <= 50:
            continue
        end = _extend(text, m.end("noun"), require_caps)
        nums = tuple(range(1, count + 1)) if m.group("which").startswith("primer") else ()
        name = " ".join(text[m.start("count"):end].split())
        out.append(Event(m.start(), end, name, nums, fold(m.group("noun"))))
    return sorted(out, key=lambda e: e.start)
