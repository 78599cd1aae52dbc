"""What the web page shows, as plain functions: HTML of citations and bulletins, table rows.

Every piece of bulletin or question text goes through ``html.escape``: a bulletin that contains
``<script>`` shows the tag as text and never runs it.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Sequence

from assistant.format import format_value, period_words
from assistant.types import Answer
from index.dates import spanish_date
from index.store import Store
from index.types import Fact

FACT_HEADERS = ["medida", "calificador", "valor", "periodo", "evento", "boletín", "fecha",
                "archivo", "inicio", "fin"]
BULLETIN_HEADERS = ["archivo", "número", "fecha", "titular", "cifras"]


def _spans_html(text: str, start: int, end: int, marks: list[tuple[int, int]]) -> str:
    """``text[start:end]`` escaped, with ``marks`` (absolute spans) wrapped in <mark>."""
    out, pos = [], start
    for a, b in sorted(marks):
        a, b = max(a, start), min(b, end)
        if a >= b or a < pos:
            continue
        out.append(html.escape(text[pos:a]))
        out.append(f'<mark class="cifra">{html.escape(text[a:b])}</mark>')
        pos = b
    out.append(html.escape(text[pos:end]))
    return "".join(out)


def bulletin_html(text: str, start: int, end: int,
                  marks: Sequence[tuple[int, int]] = ()) -> str:
    """The whole bulletin, the passage ``[start, end)`` highlighted, its figures marked."""
    return (f'<div class="boletin">{html.escape(text[:start])}'
            f'<span class="pasaje">{_spans_html(text, start, end, list(marks))}</span>'
            f"{html.escape(text[end:])}</div>")


def figure_marks(facts: list[Fact], source: str, start: int, end: int,
                 values: list[float] | None = None) -> list[tuple[int, int]]:
    """Spans of the figures inside ``[start, end)`` of ``source`` (only ``values`` if given)."""
    return [(f.value_start, f.value_end) for f in facts
            if f.source == source and start <= f.value_start and f.value_end <= end
            and (values is None or any(abs(float(f.value) - float(v)) < 0.01 for v in values))]


def citations_html(answer: Answer, store: Store, facts: list[Fact]) -> str:
    """The answer's citations: where each comes from, its quote with the figures marked, and the
    whole bulletin (collapsed) with the passage highlighted."""
    if not answer.citations:
        return '<p class="sin-fuentes">Sin fuentes para esta respuesta.</p>'
    parts = []
    for i, c in enumerate(answer.citations, 1):
        bulletin = store.bulletin(c.source)
        if bulletin is None:
            continue
        where = " · ".join(html.escape(x) for x in (
            f"Boletín {c.bulletin}" if c.bulletin else "Boletín sin número",
            spanish_date(c.date) if c.date else "fecha no indicada", c.source))
        marks = figure_marks(facts, c.source, c.start, c.end, answer.values or None)
        parts.append(
            f'<div class="cita" id="cita-{i}"><div class="donde">[{i}] {where} '
            f'<span class="pos">[{c.start}:{c.end}]</span></div>'
            f'<blockquote>{_spans_html(bulletin.text, c.start, c.end, marks)}</blockquote>'
            f'<details ontoggle="if(this.open){{const m=this.querySelector(\'.pasaje\');'
            f"if(m)m.scrollIntoView({{block:'center'}});}}\"><summary>Ver el boletín completo"
            f"</summary>{bulletin_html(bulletin.text, c.start, c.end, marks)}</details></div>")
    return "\n".join(parts)


def answer_markdown(answer: Answer) -> str:
    """The chat message: the answer and a short list of its sources, HTML escaped."""
    lines = [html.escape(answer.text)]
    for i, c in enumerate(answer.citations, 1):
        ref = f"boletín {c.bulletin}" if c.bulletin else "boletín sin número"
        lines.append(f"[{i}] {html.escape(ref)} · {html.escape(c.source)}")
    return "\n\n".join(lines)


def fact_row(f: Fact, store_numbers: dict[str, tuple[str | None, str | None]]) -> list[object]:
    """One row of the Datos table."""
    number, date = store_numbers.get(f.source, (None, None))
    return [f.measure, f.qualifier or "", format_value(f.value, f.unit),
            period_words(f.period_start, f.period_end) or (str(f.year) if f.year else ""),
            f.event or "", number or "", date or "", f.source, f.start, f.end]


def facts_rows(store: Store, measure: str = "", qualifier: str = "", source: str = "",
               search: str = "", limit: int | None = None) -> list[list[object]]:
    """The facts table filtered by measure, qualifier, bulletin and free text (any column),
    at most ``limit`` rows."""
    numbers = {b.source: (b.number, b.date) for b in store.bulletins()}
    rows = []
    needle = search.strip().lower()
    for f in store.facts(measure=measure or None, qualifier=qualifier or None,
                         source=source or None):
        row = fact_row(f, numbers)
        if needle and not any(needle in str(cell).lower() for cell in row):
            continue
        rows.append(row)
        if limit is not None and len(rows) >= limit:
            break
    return rows


def csv_text(rows: list[list[object]], headers: list[str]) -> str:
    """Rows as CSV text (UTF-8 with BOM, so spreadsheets read accents), built in memory: a
    download leaves no file behind."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue()


def passage_html(store: Store, source: str, start: int, end: int) -> str:
    """A fact's passage: its sentence in the whole bulletin, the figure marked."""
    bulletin = store.bulletin(source)
    if bulletin is None:
        return ""
    facts = [f for f in store.facts(source=source) if f.start == start and f.end == end]
    if not facts:
        return bulletin_html(bulletin.text, start, end)
    f = facts[0]
    return bulletin_html(bulletin.text, f.sentence_start, f.sentence_end,
                         [(f.value_start, f.value_end)])


def bulletins_rows(store: Store) -> list[list[object]]:
    """One row per indexed bulletin."""
    counts = dict(store.db.execute("SELECT source, count(*) FROM facts GROUP BY source"))
    return [[b.source, b.number or "", b.date or "", b.title or "", counts.get(b.source, 0)]
            for b in store.bulletins()]
