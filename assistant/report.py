"""Eval reports for people: a terminal table, and JSON + Markdown + a PNG chart on disk."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.evaluate import Report, Scores

COLUMNS = [("pass_rate", "aprobados"), ("numeric_accuracy", "cifras"),
           ("citation_accuracy", "citas"), ("abstention_precision", "abst. P"),
           ("abstention_recall", "abst. R"), ("retrieval_recall", "recall@k"),
           ("latency_p50_ms", "p50 ms"), ("latency_p95_ms", "p95 ms")]


def cell(scores: Scores, key: str) -> str:
    """One metric formatted: ratios as percentages, latencies in ms, "—" when not measured."""
    value = getattr(scores, key)
    if value is None:
        return "—"
    if key.startswith("latency"):
        return f"{value:.0f}"
    return f"{100 * value:.1f} %"


def rows(report: Report) -> list[tuple[str, Scores]]:
    """("total", overall) then one row per tag."""
    return [("total", report.overall), *sorted(report.per_tag.items())]


def markdown(reports: list[Report], chart: str | None = None) -> str:
    """A Markdown page: a table per system, the failures, the slowest questions, the chart."""
    out = [f"# Evaluación: {reports[0].suite}", ""]
    for report in reports:
        out += [f"## {report.system}", "",
                "| etiqueta | casos | " + " | ".join(name for _, name in COLUMNS) + " |",
                "|---|---|" + "---|" * len(COLUMNS)]
        for tag, scores in rows(report):
            out.append(f"| {tag} | {scores.cases} | "
                       + " | ".join(cell(scores, key) for key, _ in COLUMNS) + " |")
        out.append("")
    if chart:
        out += [f"![aprobados por etiqueta]({chart})", ""]
    first = reports[0]
    failures = first.failures()
    out += [f"## Casos fallidos de {first.system} ({len(failures)})", ""]
    for f in failures:
        expected = json.dumps(f["expected"], ensure_ascii=False)
        out += [f"- **{f['id']}** «{f['question']}» — esperado `{expected}`"
                f" — obtenido: {f['got']['answer']!r} (valores {f['got']['values']})"]
    out += ["", "## Preguntas más lentas", ""]
    out += [f"- {ms:.0f} ms — {q}" for q, ms in first.slowest()]
    return "\n".join(out) + "\n"


def chart(reports: list[Report], path: Path) -> None:
    """A bar chart of pass rate per tag, one bar per system."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    tags = [tag for tag, _ in rows(reports[0])]
    width = 0.8 / len(reports)
    fig, ax = plt.subplots(figsize=(max(6.0, 0.55 * len(tags) + 2), 4))
    for i, report in enumerate(reports):
        table = dict(rows(report))
        values = [100 * table[t].pass_rate if t in table else 0 for t in tags]
        ax.bar([x + i * width for x in range(len(tags))], values, width, label=report.system)
    ax.set_xticks([x + width * (len(reports) - 1) / 2 for x in range(len(tags))])
    ax.set_xticklabels(tags, rotation=45, ha="right", fontsize=8)
    ax.set_ylabel("% aprobados")
    ax.set_ylim(0, 105)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.32), ncol=len(reports), fontsize=8)
    ax.set_title(f"Aprobados por etiqueta: {reports[0].suite}")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write(reports: list[Report], out: Path) -> list[Path]:
    """Write OUT.json, OUT.md and OUT.png; return their paths."""
    out.parent.mkdir(parents=True, exist_ok=True)
    json_path, md_path, png_path = (out.with_suffix(s) for s in (".json", ".md", ".png"))
    json_path.write_text(json.dumps([r.to_json() for r in reports], ensure_ascii=False, indent=2),
                         encoding="utf-8")
    chart(reports, png_path)
    md_path.write_text(markdown(reports, png_path.name), encoding="utf-8")
    return [json_path, md_path, png_path]
