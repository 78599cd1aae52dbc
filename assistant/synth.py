"""Realistic synthetic IMSS-style bulletins with their ground truth, deterministic by seed.

Used by `boletines bench` and the crash tests; generated files never enter ``seeds/``.
Each bulletin states figures in digits, words and mixed forms, with periods, events, a dateline
and a bulletin number, and comes with questions whose answers are known.
"""

from __future__ import annotations

import json
import random
from dataclasses import asdict, dataclass
from pathlib import Path

from index.dates import MONTH_NAMES

_UNITS = ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve",
          "diez", "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete",
          "dieciocho", "diecinueve", "veinte", "veintiuno", "veintidós", "veintitrés",
          "veinticuatro", "veinticinco", "veintiséis", "veintisiete", "veintiocho", "veintinueve"]
_TENS = {3: "treinta", 4: "cuarenta", 5: "cincuenta", 6: "sesenta", 7: "setenta", 8: "ochenta",
         9: "noventa"}
_HUNDREDS = {1: "ciento", 2: "doscientos", 3: "trescientos", 4: "cuatrocientos", 5: "quinientos",
             6: "seiscientos", 7: "setecientos", 8: "ochocientos", 9: "novecientos"}


def _below_1000(n: int, apocope: bool) -> str:
    parts = []
    h, rest = divmod(n, 100)
    if h:
        parts.append("cien" if n == 100 else _HUNDREDS[h])
    if rest:
        if rest < 30:
            word = _UNITS[rest]
            if apocope and rest == 1:
                word = "un"
            elif apocope and rest == 21:
                word = "veintiún"
            parts.append(word)
        else:
            t, u = divmod(rest, 10)
            word = _TENS[t]
            if u:
                word += " y " + ("un" if apocope and u == 1 else _UNITS[u])
            parts.append(word)
    return " ".join(parts)


def _below_million(n: int, apocope: bool, mixed: bool) -> str:
    th, rest = divmod(n, 1000)
    parts = []
    if th == 1:
        parts.append("mil")
    elif th:
        parts.append((str(th) if mixed else _below_1000(th, True)) + " mil")
    if rest:
        parts.append(str(rest) if mixed else _below_1000(rest, apocope))
    return " ".join(parts)


def to_words(n: int, mixed: bool = False) -> str:
    """``n`` (0 ≤ n < 10^18) in Spanish words, or in the mixed form bulletins use
    ("6 millones 552 mil 794") when ``mixed``."""
    if n == 0:
        return "0" if mixed else "cero"
    parts = []
    billions, rest = divmod(n, 10**12)
    millions, rest = divmod(rest, 10**6)
    for count, one, many in ((billions, "billón", "billones"), (millions, "millón", "millones")):
        if count:
            lead = "un" if count == 1 and not mixed else _below_million(count, True, mixed)
            parts.append(f"{lead} {one if count == 1 else many}")
    if rest:
        parts.append(_below_million(rest, False, mixed))
    return " ".join(parts)


def written(n: int, rng: random.Random) -> str:
    """``n`` as a bulletin might write it: digits, grouped digits, mixed or words."""
    style = rng.random()
    if n < 30 and style < 0.5:
        return to_words(n)
    if style < 0.3 or n < 1000:
        return str(n)
    if style < 0.5:
        return f"{n:,}"
    if style < 0.85:
        return to_words(n, mixed=True)
    return to_words(n)


MEASURES = {
    "trasplantes": ["riñón", "córnea", "hígado", "corazón", "médula ósea", "pulmón"],
    "detecciones": ["diabetes", "hipertensión", "obesidad", "cáncer de mama", "VIH"],
    "cirugías": ["cataratas", "reemplazo de cadera", "hernia", "vesícula"],
    "vacunas": ["influenza", "neumococo", "hepatitis B", "sarampión"],
}
CITIES = ["Ciudad de México", "Guadalajara, Jalisco", "Monterrey, Nuevo León", "Puebla, Puebla",
          "Mérida, Yucatán", "Hermosillo, Sonora"]
WEEKDAYS = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]
ORDINALS = ["Primera", "Segunda", "Tercera", "Cuarta", "Quinta", "Sexta", "Séptima", "Octava"]


@dataclass(frozen=True)
class Truth:
    """A figure the bulletin states and a question that must be answered with it."""

    source: str
    measure: str
    qualifier: str
    value: int
    question: str


@dataclass(frozen=True)
class SynthBulletin:
    """A generated bulletin: its file name, text and ground truth."""

    name: str
    text: str
    truths: tuple[Truth, ...]


def _how_many(measure: str) -> str:
    return "Cuántos" if measure == "trasplantes" else "Cuántas"


def _period(rng: random.Random, year: int) -> tuple[str, str]:
    month = rng.randint(1, 12)
    d1 = rng.randint(1, 20)
    d2 = d1 + rng.randint(2, 7)
    words = f"del {d1} al {d2} de {MONTH_NAMES[month]} de {year}"
    return words, words


def bulletin(index: int, seed: int = 7) -> SynthBulletin:
    """The ``index``-th synthetic bulletin of the ``seed`` series."""
    rng = random.Random(f"{seed}-{index}")
    year = rng.randint(2019, 2025)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    number = f"{index + 1:03d}/{year}"
    name = f"sintetico_{index:05d}.txt"
    dateline = f"{rng.choice(CITIES)}, {rng.choice(WEEKDAYS)} {day} de {MONTH_NAMES[month]} de {year}"
    measure = rng.choice(list(MEASURES))
    kinds = rng.sample(MEASURES[measure], 3)
    values = [rng.randint(2, 40_000) for _ in kinds]
    total = sum(values) + rng.randint(0, 500)
    period, period_q = _period(rng, year)
    ordinal = rng.choice(ORDINALS)
    event = f"{ordinal} Jornada Nacional de Salud Pública"
    title = f"IMSS informa resultados de la {event}"
    lead = rng.choice([
        f"{period.capitalize()}, en la {event}, el Instituto Mexicano del Seguro Social (IMSS) "
        f"realizó {written(total, rng)} {measure}, de los cuales {written(values[0], rng)} "
        f"fueron de {kinds[0]}, {written(values[1], rng)} de {kinds[1]} y "
        f"{written(values[2], rng)} de {kinds[2]}.",
        f"Durante la {event}, que se llevó a cabo {period}, se efectuaron "
        f"{written(values[0], rng)} {measure} de {kinds[0]}, {written(values[1], rng)} de "
        f"{kinds[1]} y {written(values[2], rng)} de {kinds[2]}.",
    ])
    other = rng.choice([m for m in MEASURES if m != measure])
    other_kind = rng.choice(MEASURES[other])
    other_value = rng.randint(100, 900_000)
    extra = (f"Asimismo, en el mismo periodo se registraron {written(other_value, rng)} "
             f"{other} de {other_kind} en las unidades médicas de la entidad.")
    closing = ("La Dirección de Prestaciones Médicas informó que las acciones continuarán "
               "durante el resto del año con la participación del personal de salud.")
    text = (f"{dateline}\nNo. {number}\n\nBOLETÍN DE PRENSA\n\n{title}\n\n{lead}\n\n{extra}\n\n"
            f"{closing}\n")
    truths = tuple(
        Truth(name, measure, kind, value,
              f"¿{_how_many(measure)} {measure} de {kind} reporta el boletín {number}?")
        for kind, value in zip(kinds, values)
    ) + (Truth(name, other, other_kind, other_value,
               f"¿{_how_many(other)} {other} de {other_kind} hubo {period_q}?"),)
    return SynthBulletin(name, text, truths)


def write_corpus(folder: Path, count: int, seed: int = 7) -> list[Truth]:
    """Write ``count`` bulletins into ``folder`` (and truth.jsonl beside); return the truths."""
    folder.mkdir(parents=True, exist_ok=True)
    truths: list[Truth] = []
    for i in range(count):
        b = bulletin(i, seed)
        (folder / b.name).write_text(b.text, encoding="utf-8")
        truths.extend(b.truths)
    with open(folder.parent / f"{folder.name}.truth.jsonl", "w", encoding="utf-8") as fh:
        for t in truths:
            fh.write(json.dumps(asdict(t), ensure_ascii=False) + "\n")
    return truths
