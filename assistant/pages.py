"""What the web page shows, as plain functions: HTML of citations and bulletins, table rows, uploads.

Every piece of bulletin or question text goes through ``html.escape``: a bulletin that contains
``<script>`` shows the tag as text and never runs it.
"""

from __future__ import annotations

import csv
import html
import re
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.format import format_value, period_words
from assistant.types import Answer
from index.dates import spanish_date
from index.parse import SUFFIXES
from index.settings import Settings
from index.store import Store
from index.types import Fact

FACT_HEADERS = ["medida", "calificador", "valor", "periodo", "evento", "boletín", "fecha",
                "archivo", "inicio", "fin"]
BULLETIN_HEADERS = ["archivo", "número", "fecha", "titular", "cifras"]
_SAFE_NAME = re.compile(r"[^\w.-]+")


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


def rows_csv(rows: list[list[object]], headers: list[str]) -> str:
    """Write rows to a temporary CSV file (UTF-8 with BOM, so spreadsheets read accents)."""
    handle = tempfile.NamedTemporaryFile("w", suffix=".csv", prefix="cifras-", delete=False,
                                         encoding="utf-8-sig", newline="")
    with handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        writer.writerows(rows)
    return handle.name


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


def safe_name(name: str) -> str:
    """A file name with no folders and no odd characters ("../../x y.txt" → "x_y.txt").

    Letters with accents stay: citations show the name to Spanish readers.
    """
    base = Path(name.replace("\\", "/")).name
    cleaned = _SAFE_NAME.sub("_", base).strip("._") or "boletin"
    return cleaned[:120]


@dataclass(frozen=True)
class UploadResult:
    """What happened to one uploaded file."""

    name: str
    ok: bool
    message: str


def accept_uploads(paths: list[str], settings: Settings, store: Store) -> list[UploadResult]:
    """Check type and size of uploaded files, copy the good ones into DATA/uploads and ingest.

    A rejected file gets a one-line Spanish reason; nothing of it reaches the index.
    """
    from index.ingest import ingest

    folder = settings.data_dir / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    results: list[UploadResult] = []
    limit = int(settings.max_file_mb * 2**20)
    for raw in paths:
        original = Path(raw)
        name = safe_name(original.name)
        if Path(name).suffix.lower() not in SUFFIXES or name.lower().endswith(".meta.json"):
            results.append(UploadResult(name, False,
                                        f"«{name}» no es .txt, .pdf ni .html: no se ingirió."))
            continue
        size = original.stat().st_size if original.exists() else 0
        if size > limit:
            results.append(UploadResult(name, False, (
                f"«{name}» pesa {size / 2**20:.1f} MB, más que el límite de "
                f"{settings.max_file_mb:.0f} MB: no se ingirió.")))
            continue
        target = folder / name
        staged = folder / f".{name}.subiendo"
        shutil.copyfile(original, staged)
        previous = target.read_bytes() if target.exists() else None
        staged.replace(target)
        report = ingest([target], settings, store=store)
        if report.failed:
            # Leave the folder as it was: the index never saw this version.
            if previous is None:
                target.unlink(missing_ok=True)
            else:
                target.write_bytes(previous)
            results.append(UploadResult(name, False, report.failed[0]))
        elif report.unchanged:
            results.append(UploadResult(name, True, f"«{name}» ya estaba en el índice, sin cambios."))
        else:
            facts = len(store.facts(source=(report.added + report.updated)[0]))
            plural = "" if facts == 1 else "s"
            results.append(UploadResult(name, True, f"«{name}» ingerido: {facts} cifra{plural}."))
    return results
