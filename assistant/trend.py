"""A measure over time: every cited figure of one measure across bulletins, as a series.

`boletines trend "trasplantes de riñón"` prints it as a table (or CSV); the page draws it as a
chart whose points show their quote and source on hover. Figures that count part of another
one (a hospital's share of the year's total) are left out; periods of different lengths (a
year, a semester, one jornada) are different series and are never joined by one line.
"""

from __future__ import annotations

import html
import re
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from assistant.analysis import gather, period_length, representatives, span_of
from assistant.answer import describe
from assistant.format import format_value, period_words
from assistant.query import parse
from index.fold import fold
from index.types import Fact

if TYPE_CHECKING:
    from assistant.chain import Assistant
    from assistant.corpus import Corpus


@dataclass(frozen=True)
class Point:
    """One cited figure of the series."""

    period: str
    start: str | None
    end: str | None
    year: int | None
    value: int | float
    unit: str
    length: str
    what: str
    source: str
    bulletin: str | None
    date: str | None
    quote_start: int
    quote_end: int
    quote: str


def question_for(topic: str) -> str:
    """ "trasplantes de riñón" → "¿cuántos trasplantes de riñón?" (a question stays as is)."""
    text = topic.strip()
    if re.search(r"[¿?]|\bcu[aá]nt[oa]s?\b", text, re.IGNORECASE):
        return text
    first = fold(text.split()[0]) if text.split() else ""
    return f"¿cuántas {text}?" if first.endswith("as") else f"¿cuántos {text}?"


def _length(f: Fact, corpus: "Corpus") -> str:
    """How long the figure's period is, in words: "año", "trimestre", "3 jornadas"."""
    length = period_length(f, corpus)
    if length is not None and length[0] != "días":
        n = int(length[1])
        return f"{n} {length[0]}" + ("s" if n > 1 else "")
    if length is None:
        return "año" if f.year else "no indicado"
    days = int(length[1])
    for name, lo, hi in (("año", 365, 366), ("semestre", 181, 184), ("trimestre", 90, 92),
                         ("mes", 28, 31), ("semana", 7, 7)):
        if lo <= days <= hi:
            return name
    return f"{days} días"


def series(assistant: "Assistant", topic: str) -> list[Point]:
    """The figures of ``topic`` over time, oldest first (texts with no year at the end)."""
    corpus = assistant.corpus()
    q = parse(question_for(topic), corpus.vocab, assistant.settings.max_question_chars)
    facts = gather(q, corpus, assistant.settings.match, lambda x: assistant._rank(x, corpus),
                   keep_time=False)
    asked = set(q.places)
    facts = [f for f in facts if f.modality == ("meta" if q.goal else "realizado")
             and (f.unit == "percent") == q.percent
             and ((f.place in asked) if asked else not f.place)]
    kept, _ = representatives(facts, corpus)
    points = []
    for f in kept:
        s = span_of(f, corpus)
        b = corpus.bulletins[f.source]
        c = corpus.cite_fact(f)
        period = period_words(f.period_start, f.period_end) or (
            str(f.year) if f.year else "periodo no indicado")
        if f.event and not s.exact:
            period = f"{f.event} ({f.year})" if f.year else f.event
        points.append(Point(
            period=period,
            start=f.period_start, end=f.period_end, year=f.year, value=f.value, unit=f.unit,
            length=_length(f, corpus), what=describe(f), source=f.source,
            bulletin=b.number, date=b.date, quote_start=c.start, quote_end=c.end,
            quote=c.quote))
    return sorted(points, key=_order)


def _order(p: Point) -> tuple[int, str, str]:
    year = p.year or (int(p.start[:4]) if p.start and p.start[:1].isdigit() else 9999)
    return year, (p.start or "")[-5:], p.source


def rows(points: list[Point]) -> list[dict[str, Any]]:
    """The series as dicts (the CSV's rows)."""
    return [asdict(p) for p in points]


def table(points: list[Point]) -> str:
    """The series as a plain-text table."""
    if not points:
        return ""
    lines = [f"{'periodo':<44} {'valor':>14}  {'duración':<12} fuente"]
    for p in points:
        where = f"boletín {p.bulletin} ({p.source})" if p.bulletin else p.source
        lines.append(f"{p.period[:44]:<44} {format_value(p.value, p.unit):>14}  "
                     f"{p.length:<12} {where} [{p.quote_start}:{p.quote_end}]")
    return "\n".join(lines)


# -- the chart on the page ---------------------------------------------------------------------

CHART_CSS = """
.tendencia { position: relative; height: 300px; margin: 1em 0 2em 3em; border-left: 1px solid
  #999; border-bottom: 1px solid #999; }
.tendencia svg { position: absolute; inset: 0; width: 100%; height: 100%; overflow: visible; }
.tendencia .punto { position: absolute; width: 12px; height: 12px; margin: -6px 0 0 -6px;
  border-radius: 50%; background: #0b6e4f; cursor: pointer; }
.tendencia .punto .info { display: none; position: absolute; left: 14px; top: -8px; z-index: 10;
  width: 320px; background: #fff; border: 1px solid #0b6e4f; padding: 0.4em; font-size: 0.8em;
  color: #222; white-space: normal; }
.tendencia .punto:hover .info, .tendencia .punto:focus .info { display: block; }
.tendencia .eje { position: absolute; font-size: 0.75em; color: #444; white-space: nowrap; }
"""

_COLOURS = ["#0b6e4f", "#c2410c", "#1d4ed8", "#7e22ce", "#a16207"]


def chart_html(points: list[Point], title: str = "") -> str:
    """The series as a chart: one dot per cited figure (hover: quote and source), one line per
    length of period. Plain HTML and SVG: no script, every text escaped."""
    if not points:
        return '<p class="sin-serie">No hay cifras de esa medida en los boletines.</p>'
    top = max(float(p.value) for p in points) or 1.0
    n = len(points)
    lengths = list(dict.fromkeys(p.length for p in points))
    xs = [(i + 0.5) / n * 100 for i in range(n)]
    ys = [100 - float(p.value) / top * 90 for p in points]
    lines = []
    for k, length in enumerate(lengths):
        idx = [i for i, p in enumerate(points) if p.length == length and p.year]
        if len(idx) > 1:
            coords = " ".join(f"{xs[i]:.2f},{ys[i]:.2f}" for i in idx)
            lines.append(f'<polyline points="{coords}" fill="none" stroke-width="0.6" '
                         f'stroke="{_COLOURS[k % len(_COLOURS)]}" class="linea" '
                         f'data-duracion="{html.escape(length)}"/>')
    dots, labels = [], []
    for i, p in enumerate(points):
        colour = _COLOURS[lengths.index(p.length) % len(_COLOURS)]
        where = " · ".join(html.escape(x) for x in (
            f"Boletín {p.bulletin}" if p.bulletin else "Boletín sin número",
            p.date or "fecha no indicada", p.source))
        quote = html.escape(" ".join(p.quote.split()))
        dots.append(
            f'<div class="punto" tabindex="0" id="punto-{i + 1}" style="left:{xs[i]:.2f}%;'
            f'top:{ys[i]:.2f}%;background:{colour}" data-valor="{p.value}" '
            f'title="{html.escape(p.what)} — {where}">'
            f'<div class="info"><b>{html.escape(format_value(p.value, p.unit))}</b> '
            f'{html.escape(p.period)} ({html.escape(p.length)})<br>'
            f'<span class="donde">{where} [{p.quote_start}:{p.quote_end}]</span>'
            f'<blockquote>«{quote}»</blockquote></div></div>')
        labels.append(f'<div class="eje" style="left:{xs[i]:.2f}%;top:102%;'
                      f'transform:translateX(-50%)">{html.escape(_short(p))}</div>')
    legend = " · ".join(f'<span style="color:{_COLOURS[k % len(_COLOURS)]}">■</span> '
                        f"{html.escape(length)}" for k, length in enumerate(lengths))
    head = f"<h4>{html.escape(title)}</h4>" if title else ""
    listing = "".join(
        f"<li>{html.escape(p.what)} — {html.escape(p.source)} [{p.quote_start}:{p.quote_end}]"
        "</li>" for p in points)
    return (f'<div class="serie">{head}<style>{CHART_CSS}</style>'
            f'<div class="leyenda">Periodos: {legend}. Una línea une solo periodos de la misma '
            f"duración; pase el cursor por un punto para ver su cita.</div>"
            f'<div class="tendencia"><svg viewBox="0 0 100 100" preserveAspectRatio="none">'
            f'{"".join(lines)}</svg>{"".join(dots)}{"".join(labels)}</div>'
            f'<ol class="puntos">{listing}</ol></div>')


def _short(p: Point) -> str:
    if p.year:
        return f"{p.year} · {format_value(p.value, p.unit)}"
    return f"s/a · {format_value(p.value, p.unit)}"
