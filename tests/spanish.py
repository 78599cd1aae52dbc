"""Test helper: write numbers in Spanish words, independently of the parser under test."""

from __future__ import annotations

_UNITS = ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve",
          "diez", "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete",
          "dieciocho", "diecinueve", "veinte", "veintiuno", "veintidós", "veintitrés",
          "veinticuatro", "veinticinco", "veintiséis", "veintisiete", "veintiocho", "veintinueve"]
_TENS = {3: "treinta", 4: "cuarenta", 5: "cincuenta", 6: "sesenta", 7: "setenta", 8: "ochenta",
         9: "noventa"}
_HUNDREDS = {1: "ciento", 2: "doscientos", 3: "trescientos", 4: "cuatrocientos", 5: "quinientos",
             6: "seiscientos", 7: "setecientos", 8: "ochocientos", 9: "novecientos"}


def _below_1000(n: int, apocope: bool) -> str:
    """0 < n < 1000 in words; ``apocope`` writes "un"/"veintiún" before mil/millones."""
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


def _group(n: int, apocope: bool, mixed: bool) -> str:
    return str(n) if mixed else _below_1000(n, apocope)


def _below_million(n: int, apocope: bool, mixed: bool) -> str:
    th, rest = divmod(n, 1000)
    parts = []
    if th == 1:
        parts.append("mil")
    elif th:
        parts.append(_group(th, True, mixed) + " mil")
    if rest:
        parts.append(_group(rest, apocope, mixed))
    return " ".join(parts)


def to_words(n: int, mixed: bool = False) -> str:
    """``n`` (0 ≤ n < 10^18) in Spanish words; ``mixed`` writes each group in digits
    ("6 millones 552 mil 794"), the way bulletins do."""
    if n == 0:
        return "0" if mixed else "cero"
    parts = []
    billions, rest = divmod(n, 10**12)
    millions, rest = divmod(rest, 10**6)
    if billions:
        word = "billón" if billions == 1 else "billones"
        lead = "un" if billions == 1 and not mixed else _below_million(billions, True, mixed)
        parts.append(f"{lead} {word}")
    if millions:
        word = "millón" if millions == 1 else "millones"
        lead = "un" if millions == 1 and not mixed else _below_million(millions, True, mixed)
        parts.append(f"{lead} {word}")
    if rest:
        parts.append(_below_million(rest, False, mixed))
    return " ".join(parts)
