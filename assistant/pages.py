"""What the web page shows, as plain functions: HTML of citations and bulletins, table rows.

Every piece of bulletin or question text goes through ``html.escape``: a bulletin that contains
``<script>`` shows the tag as text and never runs it.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from assistant.types import Answer
from index.dates import spanish_date
from index.store import Store
from index.types import Bulletin, Fact


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
    """The answer's citations: the bulletin's number, date and title (file name secondary), its
    quote with the figures marked, and the whole bulletin (collapsed) with the passage
    highlighted. Each is ``#cita-n``, the target of the answer's ``[n]`` links."""
    from assistant.card import citation_header

    if not answer.citations:
        return '<p class="sin-fuentes">Sin fuentes para esta respuesta.</p>'
    parts = ['<h3 class="titulo-fuentes">Fuentes</h3>']
    for i, c in enumerate(answer.citations, 1):
        bulletin = store.bulletin(c.source)
        if bulletin is None:
            continue
        marks = figure_marks(facts, c.source, c.start, c.end, answer.values or None)
        parts.append(
            f'<div class="cita" id="cita-{i}" tabindex="-1" data-inicio="{c.start}" '
            f'data-fin="{c.end}">{citation_header(i, c, bulletin)}'
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


def bulletins_rows(store: Store, bulletins: list[Bulletin] | None = None) -> list[list[object]]:
    """One row per indexed bulletin (``bulletins``, when the caller has read them already):
    file, number, date, title, figures."""
    counts = dict(store.db.execute("SELECT source, count(*) FROM facts GROUP BY source"))
    return [[b.source, b.number or "", b.date or "", b.title or "", counts.get(b.source, 0)]
            for b in (store.bulletins() if bulletins is None else bulletins)]


def bulletins_html(rows: list[list[object]]) -> str:
    """The Boletines list as an HTML table (cards on a narrow screen)."""
    if not rows:
        return '<p class="sin-resultados" role="status">Aún no hay boletines en el índice.</p>'
    body = []
    for source, number, date, title, count in rows:
        body.append(
            f'<tr><td data-label="Boletín">{html.escape(str(number) or "sin número")}</td>'
            f'<td data-label="Fecha">{html.escape(spanish_date(str(date)) if date else "—")}</td>'
            f'<td data-label="Titular">{html.escape(str(title))}</td>'
            f'<td data-label="Archivo"><span class="archivo">{html.escape(str(source))}</span></td>'
            f'<td data-label="Cifras" class="valor">{count}</td></tr>')
    head = "".join(f'<th scope="col">{h}</th>' for h in ("Boletín", "Fecha", "Titular",
                                                          "Archivo", "Cifras"))
    return (f'<p class="cuenta">{len(rows):,} {"boletín" if len(rows) == 1 else "boletines"} en el '
            f'índice.</p><table class="cifras boletines"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>")
