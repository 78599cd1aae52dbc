"""The values that flow through ingestion: Bulletin, Passage, Fact."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Bulletin:
    """One bulletin: ``text`` is its canonical text, the one every offset points into."""

    source: str
    number: str | None
    date: str | None
    title: str | None
    text: str
    path: str = ""

    @property
    def sha256(self) -> str:
        """Content hash of the canonical text and metadata: what makes re-ingesting idempotent."""
        key = "\x00".join([self.text, self.number or "", self.date or "", self.title or ""])
        return hashlib.sha256(key.encode("utf-8")).hexdigest()

    @property
    def year(self) -> int | None:
        """Year of publication, when the bulletin states its date."""
        return int(self.date[:4]) if self.date else None


@dataclass(frozen=True)
class Passage:
    """A chunk of whole sentences: ``text == bulletin.text[start:end]``."""

    source: str
    start: int
    end: int
    text: str


# Measures of figures whose text names no noun: they say nothing of what is counted.
BARE_MEASURES = ("cifra", "porcentaje")
# Units of time (folded), and the most of each a figure could count ("dura 14 días, pero se
# pagan 11" repeats the unit; "hace 40 años, atiende a 12 millones" does not).
TIME_UNITS = {"anos": 150, "meses": 600, "semanas": 1000, "dias": 1000, "horas": 5000,
              "minutos": 10_000}


@dataclass(frozen=True)
class Fact:
    """One figure stated in a bulletin.

    ``start``/``end`` span the figure's mention (the numeral and the words that say what it
    counts), ``value_start``/``value_end`` the numeral alone, ``sentence_start``/``sentence_end``
    its sentence. Periods are "YYYY-MM-DD", or "--MM-DD" when the bulletin gives no year.
    ``year`` is the year the figure belongs to: stated ("en 2019"), resolved from a relative
    phrase against the bulletin's date ("el año pasado", kept in ``time_phrase``), or else the
    bulletin's own year. ``modality`` tells a result from a goal ("meta"), the baseline of a
    change ("antes") or the change itself ("cambio").
    """

    source: str
    measure: str
    qualifier: str | None
    value: int | float
    unit: str
    approx: str | None
    period_start: str | None
    period_end: str | None
    year: int | None
    event: str | None
    event_num: int | None
    start: int
    end: int
    value_start: int
    value_end: int
    sentence_start: int
    sentence_end: int
    # Scope (index/scope.py): each stated part has its own span in the text.
    modality: str = "realizado"
    place: str | None = None
    place_start: int | None = None
    place_end: int | None = None
    time_phrase: str | None = None
    time_start: int | None = None
    time_end: int | None = None
    subject: str | None = None
