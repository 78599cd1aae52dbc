"""Spanish dates and periods ("del 1 de abril al 12 de septiembre", "entre abril y junio de 2023").

Dates are ISO strings; when the text gives no year they are ISO 8601 month-day strings
("--04-01"), so a period is kept exactly as stated and a year is never guessed.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace

from index.fold import fold
from index.numbers import TEENS, UNITS

MONTHS = {
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}
MONTH_NAMES = [
    "", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
    "septiembre", "octubre", "noviembre", "diciembre",
]
WEEKDAYS = r"(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo)"

_M = r"(?P<{0}>" + "|".join(MONTHS) + r")"
_D = r"(?P<{0}>[0-3]?\d)(?:o|º|°)?"
_Y = r"(?P<{0}>(?:19|20)\d\d)"
_YEAR_OF = r"\s*(?:,\s*)?(?:de|del)\s+(?:ano\s+)?" + _Y  # ", de 2024", " del año 2024"
_OF_YEAR = r"(?:" + _YEAR_OF + ")?"

# A year written alone ("trasplantes de córnea 2022", "en 2023 comparado con 2022"): not part of
# a date, an amount ("2,025") or a decimal.
BARE_YEAR = re.compile(r"(?<![\d/.,])\b(19[5-9]\d|20[0-3]\d)\b(?![\d/]|[.,]\d)")


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Order matters: longer forms first; a later pattern never overlaps an earlier match.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("range", _rx(
        r"\b(?:del|de|desde\s+el|desde|entre\s+el|entre)\s+" + _D.format("d1")
        + r"(?:\s+de\s+" + _M.format("m1") + _OF_YEAR.format("y1") + r")?"
        + r"\s+(?:al|a|hasta\s+el|y\s+el|y)\s+" + _D.format("d2") + r"\s+de\s+" + _M.format("m2")
        + _OF_YEAR.format("y2"))),
    ("anaphoric", _rx(
        r"\b(?:de|desde)\s+(?:esa|esta|dicha|aquella)\s+fecha\s+(?:al|a|hasta\s+el)\s+"
        + _D.format("d2") + r"\s+de\s+" + _M.format("m2") + _OF_YEAR.format("y2"))),
    ("year_range", _rx(
        r"\b(?:entre|de|del|desde)\s+(?:el\s+)?(?:ano\s+)?" + _Y.format("y1")
        + r"\s+(?:y|a|al|hasta)\s+(?:el\s+)?" + _Y.format("y2") + r"\b")),
    # "la campaña 2023-2024", "el ciclo 2019/2020", "la administración 2012-2018".
    ("year_range", _rx(r"(?<![\d.,/-])" + _Y.format("y1") + r"\s*[-–/]\s*" + _Y.format("y2")
                       + r"(?![\d.,/-]\d)")),
    ("month_range", _rx(
        r"\b(?:de|desde|entre)\s+" + _M.format("m1") + _OF_YEAR.format("y1")
        + r"\s+(?:a|al|y|hasta)\s+" + _M.format("m2") + _OF_YEAR.format("y2"))),
    ("since", _rx(
        r"\ba\s+partir\s+del?\s+" + _D.format("d1") + r"\s+de\s+" + _M.format("m1")
        + _OF_YEAR.format("y1"))),
    ("until", _rx(
        r"\b(?:al|hasta\s+el|(?:al|con)\s+corte\s+(?:del|al|a))\s+" + _D.format("d2") + r"\s+de\s+"
        + _M.format("m2") + _OF_YEAR.format("y2"))),
    ("day", _rx(
        r"\b(?:" + WEEKDAYS + r"\s+)?" + _D.format("d1") + r"\s+de\s+" + _M.format("m1")
        + _OF_YEAR.format("y1"))),
    # "los primeros seis meses del año", "los primeros cuatro meses de 2024": from January.
    ("first_months", _rx(
        r"\b(?:los\s+)?primeros\s+(?P<n>dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once"
        r"|[2-9]|1[01])\s+meses(?:\s+(?:de|del)\s+(?:ano\s+)?" + _Y.format("y1") + r"|\s+del\s+ano)?"
        # "los primeros seis meses desde que iniciamos", "… de operación", "… del programa":
        # counted from an event, not from January.
        r"(?!\s+(?:desde|de|del|a\s+partir|tras|despues)\b)")),
    ("part_year", _rx(
        r"\b(?P<part>primer|segundo|tercer|cuarto)\s+(?P<kind>trimestre|semestre|cuatrimestre)"
        + r"(?:\s+(?:de|del)\s+(?:ano\s+)?" + _Y.format("y1") + r")?")),
    # "hasta abril", "hasta finales de marzo de 2024", "con corte a agosto": what the year has
    # gathered so far.
    ("to_month", _rx(r"\b(?:hasta|(?:con|al)\s+corte\s+(?:a|al|de|del))\s+"
                     r"(?:(?:el\s+)?mes\s+de\s+|(?:finales|fines)\s+de\s+)?"
                     + _M.format("m1") + _OF_YEAR.format("y1"))),
    ("month", _rx(
        r"\b(?:en|durante|de|del\s+mes\s+de|en\s+el\s+mes\s+de|al\s+mes\s+de)\s+"
        + _M.format("m1")
        + _OF_YEAR.format("y1"))),
    # "a junio de 2024": that month, as "en junio de 2024" is; only with its year ("agradeció
    # a Julio", "se pospuso a marzo" name no month of a figure).
    ("month", _rx(r"\ba\s+" + _M.format("m1") + _YEAR_OF.format("y1"))),
    # "al cierre de 2020", "a finales del año 2019": the year's last month.
    ("year_end", _rx(r"\b(?:al|a)\s+(?:cierre|final|fin|finales|termino)\s+(?:de|del)\s+"
                     r"(?:(?:el\s+)?ano\s+(?:de\s+)?)?" + _Y.format("y1") + r"\b")),
    ("year_to_date", _rx(r"\ben\s+lo\s+que\s+va\s+(?:del\s+ano|de\s+" + _Y.format("y1") + r")")),
    # "un crecimiento de 5.1 % respecto a lo alcanzado en 2017", "frente al mismo mes de 2023":
    # the year compared against; the figure is of the year after it.
    ("versus", _rx(r"\b(?:con\s+)?(?:respecto|relacion|comparacion|comparad[oa]s?|frente)\s+"
                   r"(?:a|al|de|del|con)\s+(?:lo\s+(?:[a-z]+\s+){0,2}?(?:en|de|del)\s+"
                   r"|(?:(?:el|la)\s+)?mism[oa]\s+[a-z]+\s+(?:de|del)\s+|(?:el\s+)?(?:ano\s+)?)"
                   r"(?P<y1>(?:19[5-9]\d|20[0-3]\d))(?![\d/]|\.\d|,\d)")),
    # "trabajadores que empezaron después de 1997", "antes de 2020": a bound that describes
    # who or what is counted, or a deadline; never the period a figure covers.
    ("boundary", _rx(r"\b(?:despues|antes)\s+(?:de|del)\s+(?:(?:el\s+)?ano\s+)?"
                     + r"(?P<y1>(?:19[5-9]\d|20[0-3]\d))(?![\d/]|\.\d|,\d)")),
    # A bare year needs a word that introduces it ("en 2022", "del 2022", "año 2021") or must
    # close its clause ("... de Servicios Ordinarios, 2022."); "2076 fueron de cataratas" is a
    # figure, not a year.
    ("year", _rx(r"(?:\b(?:en|de|del|durante|desde|hasta|para|ano|el|entre)\s+|[(,]\s*)"
                 + r"(?P<y1>(?:19[5-9]\d|20[0-3]\d))(?![\d/]|\.\d|,\d)")),
]
def answers_when(t: "TimeExpr", year_asked: bool) -> bool:
    """Whether a time a sentence states can answer «¿cuándo?»: a bound («después de 1997») or
    the year of a comparison («respecto a 2017») never does; a year alone only when the
    question names no year of its own (else it repeats the question)."""
    if t.kind in ("boundary", "versus"):
        return False
    return t.kind != "year" or not year_asked


_PARTS = {"primer": 1, "segundo": 2, "tercer": 3, "cuarto": 4}
_PART_MONTHS = {"trimestre": 3, "cuatrimestre": 4, "semestre": 6}


@dataclass(frozen=True)
class TimeExpr:
    """A date or period stated in text, ``[start, end)`` in that text.

    ``period_start``/``period_end`` are "YYYY-MM-DD", or "--MM-DD" when the year is not stated;
    ``year`` is the stated year (None when unstated); ``kind`` says which form matched.
    """

    start: int
    end: int
    kind: str
    period_start: str | None
    period_end: str | None
    year: int | None
    anaphoric: bool = False


def _iso(year: int | None, month: int, day: int) -> str | None:
    if not 1 <= month <= 12:
        return None
    last = calendar.monthrange(year or 2000, month)[1]
    if not 1 <= day <= last:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def _month_end(year: int | None, month: int) -> int:
    return calendar.monthrange(year or 2000, month)[1]


def _build(kind: str, g: dict[str, str | None]) -> tuple[str | None, str | None, int | None] | None:
    def num(key: str) -> int | None:
        val = g.get(key)
        return int(val) if val else None

    def month(key: str) -> int | None:
        val = g.get(key)
        return MONTHS[val.lower()] if val else None

    y1, y2 = num("y1"), num("y2")
    if kind == "range":
        m2 = month("m2")
        m1 = month("m1") or m2
        y_end = y2 or y1
        y_start = y1 or (y_end - 1 if y_end and m1 and m2 and m1 > m2 else y_end)
        assert m1 and m2
        s, e = _iso(y_start, m1, num("d1") or 0), _iso(y_end, m2, num("d2") or 0)
        return (s, e, y_end) if s and e else None
    if kind == "anaphoric" or kind == "until":
        m2 = month("m2")
        assert m2
        e = _iso(y2, m2, num("d2") or 0)
        return (None, e, y2) if e else None
    if kind == "since":
        m1 = month("m1")
        assert m1
        s = _iso(y1, m1, num("d1") or 0)
        return (s, None, y1) if s else None
    if kind == "month_range":
        m1, m2 = month("m1"), month("m2")
        assert m1 and m2
        y_end = y2 or y1
        y_start = y1 or (y_end - 1 if y_end and m1 > m2 else y_end)
        return _iso(y_start, m1, 1), _iso(y_end, m2, _month_end(y_end, m2)), y_end
    if kind == "day":
        m1 = month("m1")
        assert m1
        d = _iso(y1, m1, num("d1") or 0)
        return (d, d, y1) if d else None
    if kind == "year_end":
        assert y1
        return f"{y1:04d}-12-01", f"{y1:04d}-12-31", y1
    if kind == "month":
        m1 = month("m1")
        assert m1
        return _iso(y1, m1, 1), _iso(y1, m1, _month_end(y1, m1)), y1
    if kind == "first_months":
        word = (g.get("n") or "").lower()
        n = UNITS.get(word) or TEENS.get(word) or int(word)  # "seis", "11": the pattern's words
        return _iso(y1, 1, 1), _iso(y1, n, _month_end(y1, n)), y1
    if kind == "part_year":
        size = _PART_MONTHS[(g.get("kind") or "").lower()]
        first = (_PARTS[(g.get("part") or "").lower()] - 1) * size + 1
        if first + size - 1 > 12:
            return None
        last = first + size - 1
        return _iso(y1, first, 1), _iso(y1, last, _month_end(y1, last)), y1
    if kind == "to_month":
        m1 = month("m1")
        assert m1
        return _iso(y1, 1, 1), _iso(y1, m1, _month_end(y1, m1)), y1
    if kind == "year_to_date":
        return (_iso(y1, 1, 1) if y1 else None), None, y1
    if kind == "year_range":
        assert y1 and y2
        if y2 < y1:
            return None
        return f"{y1:04d}-01-01", f"{y2:04d}-12-31", None
    if kind == "versus":
        assert y1
        return f"{y1 + 1:04d}-01-01", f"{y1 + 1:04d}-12-31", y1 + 1
    if kind in ("year", "boundary"):
        assert y1
        return f"{y1:04d}-01-01", f"{y1:04d}-12-31", y1
    return None


def find_times(text: str) -> list[TimeExpr]:
    """Every date and period stated in ``text``, in order, with exact spans; none overlap."""
    folded = fold(text)
    # The characters already read as a time (a list of spans, searched for every match,
    # made long texts quadratic).
    taken = bytearray(len(folded))
    out: list[TimeExpr] = []
    for kind, rx in _PATTERNS:
        for m in rx.finditer(folded):
            if taken.find(1, m.start(), m.end()) >= 0:
                continue
            built = _build(kind, m.groupdict())
            if built is None:
                continue
            taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
            out.append(TimeExpr(m.start(), m.end(), kind, built[0], built[1], built[2],
                                anaphoric=kind == "anaphoric"))
    return sorted(out, key=lambda t: t.start)


def with_year(expr: TimeExpr, year: int | None) -> TimeExpr:
    """``expr`` with a missing year filled from ``year`` (the bulletin's); unchanged if None."""
    if year is None or expr.year is not None:
        return expr

    def fill(d: str | None, y: int) -> str | None:
        if not d or not d.startswith("--"):
            return d
        # "hasta febrero" ends on the 29th only in a leap year.
        month, day = int(d[2:4]), int(d[5:7])
        return f"{y:04d}-{month:02d}-{min(day, calendar.monthrange(y, month)[1]):02d}"

    start_year = year
    if expr.period_start and expr.period_end and expr.period_start > expr.period_end:
        start_year = year - 1  # "del 15 de diciembre al 10 de enero" crosses the new year
    return replace(expr, period_start=fill(expr.period_start, start_year),
                   period_end=fill(expr.period_end, year), year=year)


def parse_iso(value: str) -> tuple[int | None, int, int]:
    """Split "YYYY-MM-DD" or "--MM-DD" into (year or None, month, day)."""
    if value.startswith("--"):
        return None, int(value[2:4]), int(value[5:7])
    return int(value[:4]), int(value[5:7]), int(value[8:10])


def spanish_date(value: str | None) -> str:
    """"2022-04-12" → "12 de abril de 2022"; "--04-12" → "12 de abril"."""
    if not value:
        return ""
    year, month, day = parse_iso(value)
    text = f"{day} de {MONTH_NAMES[month]}"
    return f"{text} de {year}" if year else text


def spanish_period(start: str | None, end: str | None) -> str:
    """A period in words: "del 1 de abril al 12 de septiembre de 2022"; "" when both are None."""
    if not start and not end:
        return ""
    if start and end and start == end:
        return "el " + spanish_date(start)
    if start and end:
        ys, ms, ds = parse_iso(start)
        ye, me, de = parse_iso(end)
        whole_year = ys and ys == ye and (ms, ds, me, de) == (1, 1, 12, 31)
        if whole_year:
            return f"en {ys}"
        if ys == ye and ds == 1 and de == _month_end(ye, me):
            head = "en " + MONTH_NAMES[ms] if ms == me else f"de {MONTH_NAMES[ms]} a {MONTH_NAMES[me]}"
            return f"{head} de {ye}" if ye else head
        if ys == ye and ms == me:
            text = f"del {ds} al {de} de {MONTH_NAMES[me]}"
        elif ys == ye:
            text = f"del {ds} de {MONTH_NAMES[ms]} al {de} de {MONTH_NAMES[me]}"
        else:
            return f"del {spanish_date(start)} al {spanish_date(end)}"
        return f"{text} de {ye}" if ye else text
    if start:
        return "desde el " + spanish_date(start)
    return "hasta el " + spanish_date(end)
