"""The answer as a journalist reads it: the lead figure first, then the other figures as a small
table, a badge when figures disagree, ``[n]`` links to the citations, and a plain-text copy.

Built from the Answer and the index (each value is matched to the figure it came from inside its
citation), never by re-reading the answer's sentence.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

from assistant.format import format_value, scope_words
from assistant.types import Answer, Citation
from assistant.write import mention_tail
from index.dates import spanish_date
from index.store import Store
from index.types import Bulletin, Fact


@dataclass(frozen=True)
class Item:
    """One figure of the answer: the fact it came from and the citation ``n`` (1-based)."""

    fact: Fact
    n: int
    counts: str  # what it counts, as the text says it
    scope: str


def bulletin_label(b: Bulletin | None, source: str) -> str:
    """ "Boletín 175/2022 · 12 de abril de 2022 · IMSS realiza…" (file name when unknown)."""
    if b is None:
        return source
    parts = [f"Boletín {b.number}" if b.number else "Boletín sin número",
             spanish_date(b.date) if b.date else "fecha no indicada"]
    if b.title:
        parts.append(" ".join(b.title.split()))
    return " · ".join(parts)


def original_url(b: Bulletin | None) -> str | None:
    """The ``url`` a ``NOMBRE.meta.json`` sidecar gives for the bulletin's original, if any."""
    if b is None or not b.path:
        return None
    sidecar = Path(b.path).with_suffix(".meta.json")
    try:
        url = json.loads(sidecar.read_text(encoding="utf-8")).get("url")
    except (OSError, ValueError, AttributeError):
        return None
    return url if isinstance(url, str) and re.match(r"https?://", url) else None


def _counts(f: Fact, text: str) -> str:
    tail = mention_tail(f, text)
    if tail and len(tail) <= 80:
        return tail
    return f.measure + (f" de {f.qualifier}" if f.qualifier else "")


def items(answer: Answer, store: Store) -> list[Item]:
    """Each value of the answer with the figure and citation it came from, in order."""
    out: list[Item] = []
    facts: dict[str, list[Fact]] = {}
    texts: dict[str, str] = {}
    for i, value in enumerate(answer.values):
        order = list(range(len(answer.citations)))
        if len(answer.values) == len(answer.citations):
            order.sort(key=lambda k: k != i)  # the i-th citation first: values follow them
        for k in order:
            c = answer.citations[k]
            if c.source not in facts:
                facts[c.source] = store.facts(source=c.source)
                b = store.bulletin(c.source)
                texts[c.source] = b.text if b else ""
            found = [f for f in facts[c.source]
                     if c.start <= f.value_start < c.end and abs(float(f.value) - float(value)) < 0.01
                     and not any(it.fact == f for it in out)]
            if found:
                f = found[0]
                out.append(Item(f, k + 1, _counts(f, texts[c.source]), scope_words(f)))
                break
    return out


def conflicts(found: list[Item]) -> set[int]:
    """Indexes of items that give different values for the same thing, place and period."""
    groups: dict[tuple[object, ...], list[int]] = {}
    for i, it in enumerate(found):
        f = it.fact
        key = (f.measure, f.qualifier, f.period_start, f.period_end, f.event, f.place,
               f.modality, f.unit)
        if f.period_start or f.period_end or f.event:
            groups.setdefault(key, []).append(i)
    out: set[int] = set()
    for members in groups.values():
        if len({float(found[i].fact.value) for i in members}) > 1:
            out.update(members)
    return out


def _ref(n: int) -> str:
    return (f'<a class="ref" href="#cita-{n}" data-cita="cita-{n}" '
            f'aria-label="Ir a la cita {n}">[{n}]</a>')


def _linked(text: str) -> str:
    """Escaped text with its ``[n]`` markers turned into links to the citations."""
    return re.sub(r"\[(\d+)\]", lambda m: _ref(int(m.group(1))), html.escape(text))


def plain_text(answer: Answer, store: Store) -> str:
    """The answer with its quotes and sources, as plain text to paste into a note."""
    lines = [f"Pregunta: {answer.question}"]
    if getattr(answer, "understood", None):
        lines.append(f"Entendí: {answer.understood}")
    lines.append(f"Respuesta: {answer.text}")
    if answer.citations:
        lines.append("Fuentes:")
    for n, c in enumerate(answer.citations, 1):
        b = store.bulletin(c.source)
        lines.append(f"[{n}] {bulletin_label(b, c.source)} ({c.source})")
        lines.append(f"    «{' '.join(c.quote.split())}»")
        url = original_url(b)
        if url:
            lines.append(f"    {url}")
    return "\n".join(lines)


def card_html(answer: Answer, store: Store) -> str:
    """The answer card: lead figure, other figures, conflict badge, copy button."""
    found = items(answer, store)
    clash = conflicts(found)
    parts = [f'<div class="respuesta" data-conflicto="{1 if clash else 0}">',
             f'<p class="pregunta">{html.escape(answer.question)}</p>']
    if getattr(answer, "understood", None):
        parts.append(f'<p class="entendi">Entendí: {html.escape(str(answer.understood))}</p>')
    if clash:
        values = " y ".join(format_value(found[i].fact.value, found[i].fact.unit)
                            for i in sorted(clash))
        parts.append(f'<p class="insignia-conflicto" role="note"><strong>⚠ Cifras que no '
                     f"cuadran</strong>: los boletines dan {html.escape(values)} para lo mismo en "
                     "el mismo periodo; se citan todas.</p>")
    if found:
        lead = found[0]
        b = store.bulletin(lead.fact.source)
        parts.append(
            '<div class="cifra-principal">'
            f'<span class="valor">{html.escape(format_value(lead.fact.value, lead.fact.unit))}'
            f'</span> <span class="que">{html.escape(lead.counts)}</span>'
            + (f'<div class="alcance">{html.escape(lead.scope)}</div>' if lead.scope else "")
            + f'<div class="fuente">{html.escape(bulletin_label(b, lead.fact.source))} '
              f"{_ref(lead.n)}</div></div>")
        if len(found) > 1:
            rows = []
            for i, it in enumerate(found[1:], 1):
                b = store.bulletin(it.fact.source)
                mark = ' class="en-conflicto"' if i in clash else ""
                rows.append(
                    f'<tr{mark}><td data-label="Valor" class="valor">'
                    f"{html.escape(format_value(it.fact.value, it.fact.unit))} "
                    f'<span class="que">{html.escape(it.counts)}</span></td>'
                    f'<td data-label="Alcance">{html.escape(it.scope)}</td>'
                    f'<td data-label="Fuente">{html.escape(bulletin_label(b, it.fact.source))} '
                    f"{_ref(it.n)}</td></tr>")
            parts.append('<table class="alternativas"><caption>También responden</caption>'
                         '<thead><tr><th scope="col">Valor</th><th scope="col">Alcance</th>'
                         f'<th scope="col">Fuente</th></tr></thead><tbody>{"".join(rows)}'
                         "</tbody></table>")
    else:
        text = _linked(answer.text)
        if answer.citations and not re.search(r"\[\d+\]", answer.text):
            text += " " + " ".join(_ref(n) for n in range(1, len(answer.citations) + 1))
        parts.append(f'<p class="texto-respuesta">{text}</p>')
    parts.append('<button type="button" class="copiar">Copiar respuesta</button>'
                 '<textarea class="texto-plano" hidden readonly aria-hidden="true">'
                 f"{html.escape(plain_text(answer, store))}</textarea></div>")
    return "".join(parts)


def citation_header(n: int, c: Citation, b: Bulletin | None) -> str:
    """ "[1] Boletín 175/2022 · 12 de abril de 2022 · título", the file name secondary."""
    url = original_url(b)
    link = (f' <a class="original" href="{html.escape(url)}" target="_blank" '
            f'rel="noopener noreferrer">Ver el original</a>' if url else "")
    return (f'<div class="donde"><span class="n">[{n}]</span> '
            f"{html.escape(bulletin_label(b, c.source))}{link} "
            f'<span class="archivo">{html.escape(c.source)}</span></div>')
