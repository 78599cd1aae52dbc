"""The Datos tab: the facts table filtered, sorted by value, rendered as HTML and as CSV.

Filters fold accents and case («rinon» finds «riñón») and the free search also looks in each
figure's quote. Values sort as numbers. A row is one figure; the same figure stated twice in
the same words of one bulletin is one row.
"""

from __future__ import annotations

import csv
import html
import io
import re
from dataclasses import dataclass

from assistant.format import MODALITY_WORDS, format_value, period_words, scope_words
from index.dates import spanish_date
from index.fold import fold
from index.store import Store
from index.types import Fact

ORDERS = {
    "boletín y posición": "posicion",
    "valor, de mayor a menor": "valor-desc",
    "valor, de menor a mayor": "valor-asc",
    "fecha, la más reciente primero": "fecha-desc",
}
CSV_HEADERS = ["valor", "unidad", "medida", "calificador", "cita", "periodo", "año", "evento",
               "lugar", "modalidad", "boletín", "fecha", "titular", "archivo", "inicio", "fin"]

@dataclass(frozen=True)
class Filters:
    """What the reader asked the table for; every field empty means everything."""

    measure: str = ""
    qualifier: str = ""
    source: str = ""
    year: str = ""
    search: str = ""
    order: str = "posicion"


@dataclass(frozen=True)
class Row:
    """One figure of the table, with its bulletin's number, date and title and its quote."""

    value: float
    shown: str
    unit: str
    measure: str
    qualifier: str
    quote: str
    period: str
    year: str
    event: str
    place: str
    modality: str
    number: str
    date: str
    title: str
    source: str
    start: int
    end: int
    scope: str  # period, event, place and modality in a few words

    def csv(self) -> list[object]:
        """The row as CSV cells, in CSV_HEADERS' order."""
        value: object = int(self.value) if float(self.value).is_integer() else self.value
        return [value, self.unit, self.measure, self.qualifier, self.quote, self.period,
                self.year, self.event, self.place, self.modality, self.number, self.date,
                self.title, self.source, self.start, self.end]


def _row(f: Fact, bulletin: tuple[str, str, str, str]) -> Row:
    number, date, title, text = bulletin
    return Row(float(f.value), format_value(f.value, f.unit), f.unit, f.measure,
               f.qualifier or "", " ".join(text[f.start:f.end].split()),
               period_words(f.period_start, f.period_end), str(f.year or ""), f.event or "",
               f.place or "", MODALITY_WORDS.get(f.modality or "", ""), number, date, title,
               f.source, f.start, f.end, scope_words(f))


def rows(store: Store, filters: Filters) -> list[Row]:
    """Every figure that passes ``filters``, without repeats, in the asked order."""
    with store.snapshot():
        bulletins = {b.source: (b.number or "", b.date or "", b.title or "", b.text)
                     for b in store.bulletins()}
        facts = store.facts(source=filters.source or None)
    measure, qualifier = fold(filters.measure.strip()), fold(filters.qualifier.strip())
    words = fold(filters.search).split()
    out: list[Row] = []
    seen: set[tuple[object, ...]] = set()
    for f in facts:
        if f.source not in bulletins:
            continue
        if measure and measure not in fold(f.measure):
            continue
        if qualifier and qualifier not in fold(f.qualifier or ""):
            continue
        row = _row(f, bulletins[f.source])
        if filters.year and row.year != filters.year and row.date[:4] != filters.year:
            continue
        if words:
            hay = fold(" ".join((row.shown, row.measure, row.qualifier, row.quote, row.scope,
                                 row.number, row.title, row.source)))
            if not all(w in hay for w in words):
                continue
        # The same figure said twice in the same words (a summary and its paragraph) is one row.
        key = (row.source, row.value, row.unit, row.measure, row.qualifier, row.scope,
               fold(row.quote))
        if key in seen:
            continue
        seen.add(key)
        out.append(row)
    if filters.order == "valor-desc":
        out.sort(key=lambda r: -r.value)
    elif filters.order == "valor-asc":
        out.sort(key=lambda r: r.value)
    elif filters.order == "fecha-desc":
        out.sort(key=lambda r: r.date or "0000", reverse=True)
    return out


def years(store: Store) -> list[str]:
    """The years the figures belong to, newest first."""
    found = {str(y) for (y,) in store.db.execute("SELECT DISTINCT year FROM facts") if y}
    return sorted(found, reverse=True)


def count_text(shown: int, total: int) -> str:
    """ "34 cifras", or "1,000 de 2,345 cifras (el CSV las tiene todas)"."""
    noun = "cifra" if total == 1 else "cifras"
    if shown < total:
        return f"Se muestran {shown:,} de {total:,} {noun} (el CSV las tiene todas)."
    return f"{total:,} {noun}."


def table_html(found: list[Row], limit: int) -> str:
    """The table as HTML (each cell labelled, so a narrow screen shows each row as a card)."""
    if not found:
        return ('<p class="sin-resultados" role="status">Ninguna cifra coincide con estos '
                "filtros. Pruebe con menos palabras o sin acentos.</p>")
    heads = ["Valor", "Qué cuenta", "Alcance", "Boletín", "Cita"]
    body = []
    for r in found[:limit]:
        what = r.measure + (f" · {r.qualifier}" if r.qualifier else "")
        where = " · ".join(x for x in (f"Boletín {r.number}" if r.number else "",
                                       spanish_date(r.date) if r.date else "", r.title) if x)
        cells = [f'<td data-label="Valor" class="valor">{html.escape(r.shown)}</td>',
                 f'<td data-label="Qué cuenta">{html.escape(what)}</td>',
                 f'<td data-label="Alcance">{html.escape(r.scope)}</td>',
                 f'<td data-label="Boletín">{html.escape(where or r.source)}'
                 f'<span class="archivo">{html.escape(r.source)}</span></td>',
                 f'<td data-label="Cita" class="cita-corta">«{html.escape(r.quote)}»</td>']
        body.append(f'<tr data-fila="{html.escape(r.source)}|{r.start}|{r.end}" tabindex="0">'
                    + "".join(cells) + "</tr>")
    head = "".join(f'<th scope="col">{h}</th>' for h in heads)
    return (f'<table class="cifras"><caption class="sr-only">Cifras de los boletines</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


def csv_name(filters: Filters) -> str:
    """A file name that says what the CSV holds: «cifras-trasplantes-2022.csv»."""
    parts = [filters.measure, filters.qualifier, filters.year, filters.search,
             filters.source.rsplit(".", 1)[0]]
    slug = "-".join(re.sub(r"[^a-z0-9]+", "-", fold(p)).strip("-") for p in parts if p.strip())
    return f"cifras-{slug[:80].strip('-')}.csv" if slug else "cifras.csv"


def csv_text(found: list[Row]) -> str:
    """The rows as CSV (UTF-8 with BOM, so spreadsheets read accents), built in memory."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(CSV_HEADERS)
    writer.writerows(r.csv() for r in found)
    return out.getvalue()
