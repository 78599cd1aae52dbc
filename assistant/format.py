"""Figures and periods written the Mexican way: 6,552,794 · 71.2 % · del 1 de abril al 12 de septiembre."""

from __future__ import annotations

from typing import TYPE_CHECKING

from index.dates import spanish_period

if TYPE_CHECKING:
    from index.types import Fact


def format_number(value: int | float) -> str:
    """6552794 → "6,552,794"; 6500000.0 → "6,500,000"; 71.2 → "71.2"."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def format_value(value: int | float, unit: str = "count") -> str:
    """A figure with its unit: "71.2 %", "$1,500 pesos", "353"."""
    text = format_number(value)
    if unit == "percent":
        return f"{text} %"
    if unit == "pesos":
        return f"${text} pesos"
    if unit == "dólares":
        return f"{text} dólares"
    return text


def period_words(start: str | None, end: str | None) -> str:
    """A period in Spanish words; "año no indicado" when the bulletin gave no year."""
    text = spanish_period(start, end)
    if text and any(d and d.startswith("--") for d in (start, end)):
        text += " (año no indicado)"
    return text


# How a figure's modality reads beside it ("realizado" says nothing and is left out).
MODALITY_WORDS = {"meta": "meta", "antes": "cifra de partida", "cambio": "variación"}


def scope_words(f: "Fact") -> str:
    """A figure's scope in a few words: period (or year), event, place, modality."""
    parts = [period_words(f.period_start, f.period_end) or (str(f.year) if f.year else ""),
             f.event or "", f"en {f.place}" if f.place else "",
             MODALITY_WORDS.get(f.modality or "", "")]
    return ", ".join(p for p in parts if p)
