"""The `boletines` command line: parses, calls one plain function per command, prints."""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from index.errors import BoletinesError
from index.parse import printable
from index.settings import EMBEDDERS, Settings

PROG = "boletines"


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.load(
        data_dir=getattr(args, "data_dir", None),
        chroma_url=getattr(args, "chroma_url", None),
        embedder=getattr(args, "embedder", None),
    )


def _progress(total_hint: int | None = None, label: str = "Ingiriendo", unit: str = "archivos"
              ) -> tuple[Callable[[Any], None] | None, Any]:
    """A rich progress bar on a terminal; nothing when output is piped."""
    if not sys.stderr.isatty():
        return None, None
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(TextColumn("[bold]{task.description}"), BarColumn(),
                   TextColumn("{task.completed}/{task.total} " + unit), TimeElapsedColumn(),
                   transient=True)
    task = bar.add_task(label, total=total_hint)
    bar.start()
    return (lambda item: bar.update(task, advance=1)), bar


def cmd_ingest(args: argparse.Namespace) -> int:
    """Ingest bulletin files or folders (.txt, .pdf, .html) into the index."""
    from assistant import api
    from index.ingest import collect_files

    settings = _settings(args)
    files, _ = collect_files(args.paths)
    callback, bar = _progress(len(files))
    try:
        report = api.ingest(args.paths, settings, prune=args.prune, progress=callback,
                            wait=not args.no_wait, on_wait=_say)
    finally:
        if bar is not None:
            bar.stop()
    # Lines name files, and a file name may hold control characters: printed escaped.
    for line in report.warnings + report.renamed:
        print(f"Aviso: {printable(line)}", file=sys.stderr)
    if report.repaired:
        print(f"Aviso: se recalcularon los vectores perdidos de {len(report.repaired)} "
              "boletines a partir de SQLite.", file=sys.stderr)
    for line in report.failed:
        print(f"Error: {printable(line)}", file=sys.stderr)
    if args.json:
        from dataclasses import asdict

        print(json.dumps(asdict(report), ensure_ascii=False))
        return 0 if report.ok else 1
    print(f"Nuevos: {len(report.added)} · actualizados: {len(report.updated)} · "
          f"sin cambios: {len(report.unchanged)} · eliminados: {len(report.pruned)} · "
          f"fallidos: {len(report.failed)} · índice en {settings.data_dir}")
    return 0 if report.ok else 1


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def cmd_repair(args: argparse.Namespace) -> int:
    """Repair the index: re-embed from SQLite the chunks whose vectors are missing (a lost or
    damaged Chroma folder) and delete vectors SQLite does not know."""
    from assistant import api

    settings = _settings(args)
    repaired, problems = api.repair(settings, wait=not args.no_wait, on_wait=_say)
    print(f"Boletines con vectores recalculados: {len(repaired)} · índice en {settings.data_dir}")
    for line in problems:
        print(f"Aún hay un problema: {line}", file=sys.stderr)
    return 1 if problems else 0


def cmd_facts(args: argparse.Namespace) -> int:
    """List the facts table: every figure with measure, qualifier, period and quote."""
    from assistant import api

    rows = api.facts(_settings(args), args.measure, args.qualifier, args.source)
    if args.json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
    elif args.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else ["source"])
        writer.writeheader()
        writer.writerows(rows)
    else:
        from assistant.format import format_value, period_words

        for row in rows:
            period = period_words(row["period_start"], row["period_end"]) or "periodo no indicado"
            qual = f" · {row['qualifier']}" if row["qualifier"] else ""
            event = f" · {row['event']}" if row["event"] else ""
            print(f"{format_value(row['value'], row['unit']):>14}  {row['measure']}{qual} · "
                  f"{period}{event} · {printable(row['source'])}[{row['start']}:{row['end']}]")
        print(f"{len(rows)} cifras.", file=sys.stderr)
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    """Show how many bulletins, chunks and facts are indexed, and where."""
    from assistant import api

    info = api.status(_settings(args))
    if args.json:
        print(json.dumps(info, ensure_ascii=False))
        return 0
    print(f"Boletines: {info['bulletins']}  ·  fragmentos: {info['chunks']}  ·  "
          f"cifras: {info['facts']}")
    print(f"SQLite: {info['sqlite']}")
    print(f"Chroma: {info['chroma']} (embedder {info['embedder']})")
    if info["read_only"]:
        print("Carpeta de solo lectura: se responden preguntas por cifras; no se puede ingerir "
              "ni reparar, ni comprobar los vectores de Chroma.")
        return 0
    for line in info["problems"]:
        print(f"Problema: {line}", file=sys.stderr)
    if info["problems"]:
        print("Ejecute «boletines repair» para recalcular los vectores desde SQLite.",
              file=sys.stderr)
        return 1
    print("Índice consistente: cada fragmento de SQLite tiene su vector en Chroma.")
    return 0


def _stdin_line(line: str) -> tuple[str, list[str]]:
    """A line of `ask --json -`: a question, or {"question": ..., "history": [...]}."""
    if line.lstrip().startswith("{"):
        try:
            data = json.loads(line)
        except json.JSONDecodeError:
            return line, []
        if isinstance(data, dict) and isinstance(data.get("question"), str):
            history = data.get("history") or []
            return data["question"], [h for h in history if isinstance(h, str)]
    return line, []


def _print_answer(answer: Any, full: bool = False) -> None:
    if getattr(answer, "understood", None):
        print(f"Entendí: {answer.understood}")
    print(answer.text)
    for i, c in enumerate(answer.citations, 1):
        where = " · ".join(x for x in (f"boletín {c.bulletin}" if c.bulletin else "",
                                       c.date or "", printable(c.source)) if x)
        quote = " ".join(c.quote.split())
        if not full and len(quote) > 300:
            quote = quote[:297] + "..."
        print(f"  [{i}] {where} [{c.start}:{c.end}]\n      «{quote}»")


def cmd_ask(args: argparse.Namespace) -> int:
    """Answer a question (or, with --json -, one question per line of standard input)."""
    from assistant import api
    from index.errors import QuestionError

    settings = _settings(args)
    assistant = api.assistant(settings)
    if args.question == "-":
        if not args.json:
            print("Error: «-» (leer de la entrada estándar) requiere --json.", file=sys.stderr)
            return 1
        from assistant.types import Answer

        for number, line in enumerate(sys.stdin, 1):
            question, history = _stdin_line(line.rstrip("\r\n"))
            try:
                answer = assistant.ask(question, history=history)
            except QuestionError as exc:
                # The line still gets its object, so outputs stay aligned with inputs.
                print(f"Error (línea {number}): {exc}", file=sys.stderr)
                answer = Answer(question, str(exc), [], [], True)
            print(json.dumps(answer.to_json(), ensure_ascii=False), flush=True)
        return 0
    answer = assistant.ask(args.question)
    if args.json:
        print(json.dumps(answer.to_json(), ensure_ascii=False))
    else:
        _print_answer(answer)
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    """A conversation in the terminal (:fuentes shows full sources, :historial, :salir)."""
    from assistant import api
    from index.errors import QuestionError

    assistant = api.assistant(_settings(args))
    history: list[Any] = []
    print("boletines — pregunte en español. Comandos: :fuentes, :historial, :salir.")
    while True:
        try:
            line = input("> ").strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if not line:
            continue
        if line in (":salir", ":q", "salir"):
            return 0
        if line == ":fuentes":
            if history:
                _print_answer(history[-1], full=True)
            else:
                print("Aún no hay respuestas.")
            continue
        if line == ":historial":
            for i, past in enumerate(history, 1):
                print(f"{i}. {past.question}\n   {past.text}")
            continue
        try:
            answer = assistant.ask(line, history=[past.question for past in history])
        except QuestionError as exc:
            print(f"Error: {exc}")
            continue
        history.append(answer)
        _print_answer(answer)


def cmd_trend(args: argparse.Namespace) -> int:
    """Show one measure over time across bulletins: each figure with its period and citation."""
    from assistant import api
    from assistant.trend import rows, series, table

    points = series(api.assistant(_settings(args)), args.topic)
    if not points:
        print(f"No hay cifras de «{args.topic}» en los boletines.", file=sys.stderr)
        return 1
    if args.csv:
        data = rows(points)
        writer = csv.DictWriter(sys.stdout, fieldnames=list(data[0]))
        writer.writeheader()
        writer.writerows(data)
    else:
        print(table(points))
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    """Run an answer-accuracy suite (JSON Lines) and report pass rate, accuracy and latency."""
    from rich.console import Console
    from rich.table import Table

    from assistant import api
    from assistant.evaluate import load_suite
    from assistant.report import COLUMNS, cell, rows, write

    if not 0 <= args.min_pass <= 1:
        print("Error: --min-pass debe estar entre 0 y 1.", file=sys.stderr)
        return 1
    console = Console(stderr=False, highlight=False,
                      width=None if sys.stdout.isatty() else 160)
    total = len(load_suite(args.suite)) * (2 if args.baseline else 1)
    callback, bar = _progress(total, "Evaluando", "casos")
    try:
        reports = api.evaluate(args.suite, _settings(args), corpus=args.corpus,
                               baseline=args.baseline, progress=callback)
    finally:
        if bar is not None:
            bar.stop()
    for report in reports:
        table = Table(title=f"{report.suite} — {report.system}")
        table.add_column("etiqueta")
        table.add_column("casos", justify="right")
        for _, name in COLUMNS:
            table.add_column(name, justify="right")
        for tag, scores in rows(report):
            table.add_row(tag, str(scores.cases), *(cell(scores, k) for k, _ in COLUMNS))
        console.print(table)
    main_report = reports[0]
    for f in main_report.failures():
        console.print(f"[red]✗[/red] {f['id']}: «{f['question']}» esperado "
                      f"{json.dumps(f['expected'], ensure_ascii=False)} · obtenido "
                      f"{f['got']['answer']!r} {f['got']['values']}", soft_wrap=True)
    if args.report:
        for path in write(reports, args.report):
            console.print(f"Reporte: {path}")
    rate = main_report.overall.pass_rate
    if rate < args.min_pass:
        print(f"Error: aprobados {100 * rate:.1f} %, por debajo del mínimo "
              f"{100 * args.min_pass:.1f} % (--min-pass).", file=sys.stderr)
        return 1
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Start the web page (Gradio) on 127.0.0.1:7860; builds the index from seeds/ if empty."""
    from assistant import api
    from assistant.web import parse_auth, serve

    settings = _settings(args)
    auth = parse_auth(settings.auth)
    from index.store import Store

    if Store(settings).counts()["bulletins"] == 0:
        print("Construyendo el índice a partir de seeds/ ...", file=sys.stderr)
        callback, bar = _progress(None)
        try:
            api.ensure_index(settings, callback)
        finally:
            if bar is not None:
                bar.stop()
    print(f"boletines en http://{args.host}:{args.port}", file=sys.stderr, flush=True)
    serve(settings, host=args.host, port=args.port, auth=auth,
          allow_writes=args.permitir_escritura, queue_size=args.cola)
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    """Benchmark ingest, index size, ask latency, memory and accuracy on synthetic bulletins;
    with --usuarios, concurrent users of the page instead."""
    from assistant.bench import bench, markdown

    if args.usuarios:
        return _bench_users(args)
    sizes = _positive_ints(args.sizes, "--sizes", "100,1000")
    if sizes is None:
        return 1
    results = bench(sizes, _settings(args), seed=args.seed, questions=args.questions,
                    out=args.out, serve=not args.no_serve,
                    log=lambda line: print(line, file=sys.stderr, flush=True))
    print(markdown(results, f"boletines bench --sizes {args.sizes}"))
    return 0


def _positive_ints(raw: str, option: str, example: str) -> list[int] | None:
    """A comma-separated list of positive integers, or None after a one-line error."""
    try:
        values = [int(x) for x in raw.split(",") if x.strip()]
    except ValueError:
        values = []
    if not values or min(values) < 1:
        print(f"Error: {option} «{raw}» debe ser una lista de enteros positivos, p. ej. "
              f"{example}.", file=sys.stderr)
        return None
    return values


def _bench_users(args: argparse.Namespace) -> int:
    """`bench --usuarios 8,32`: the page under that many concurrent users."""
    import tempfile

    from assistant import load

    users = _positive_ints(args.usuarios, "--usuarios", "8,32")
    if users is None:
        return 1
    settings = _settings(args)
    with tempfile.TemporaryDirectory(prefix="boletines-carga-") as tmp:
        # The user's index when there is one, else a throwaway one built from seeds/.
        data = settings.data_dir if settings.db_path.exists() else Path(tmp) / "idx"
        results = load.page_load(data, users, rounds=args.rondas,
                                 log=lambda line: print(line, file=sys.stderr, flush=True))
    print(load.markdown(results))
    return 0 if all(r.errors == 0 and r.mismatches == 0 for r in results) else 1


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "serve": cmd_serve,
    "bench": cmd_bench,
    "eval": cmd_eval,
    "ingest": cmd_ingest,
    "ask": cmd_ask,
    "chat": cmd_chat,
    "facts": cmd_facts,
    "trend": cmd_trend,
    "status": cmd_status,
    "repair": cmd_repair,
}


def _common_options(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument("--data-dir", type=Path, default=default,
                        help="carpeta del índice (o BOLETINES_DATA_DIR; por omisión ./data)")
    parser.add_argument("--chroma-url", default=default,
                        help="servidor Chroma http://HOST:PUERTO en lugar del índice local")
    parser.add_argument("--embedder", choices=EMBEDDERS, default=default,
                        help="modelo de embeddings (por omisión e5)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser: one sub-command per function in COMMANDS.

    The options every command shares work before the sub-command (as git's and pip's do) or
    after it; after it, they win.
    """
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: an option not given after the sub-command keeps the value given before it.
    _common_options(common, argparse.SUPPRESS)
    parser = argparse.ArgumentParser(
        prog=PROG, description="Preguntas y respuestas con cifras citadas sobre boletines del IMSS.")
    _common_options(parser, None)
    sub = parser.add_subparsers(dest="command", metavar="COMANDO")
    sub.required = True

    p = sub.add_parser("ingest", parents=[common], help=cmd_ingest.__doc__,
                       description=cmd_ingest.__doc__)
    p.add_argument("paths", nargs="+", type=Path, metavar="RUTA")
    p.add_argument("--prune", action="store_true",
                   help="eliminar del índice los boletines cuyos archivos ya no existen")
    p.add_argument("--json", action="store_true",
                   help="imprimir el resultado (con tiempos por etapa) como JSON")
    p.add_argument("--no-wait", action="store_true",
                   help="si otro proceso está escribiendo en el índice, salir (código 1) en vez "
                        "de esperar")

    p = sub.add_parser("ask", parents=[common], help=cmd_ask.__doc__,
                       description=cmd_ask.__doc__)
    p.add_argument("question", metavar="PREGUNTA", help="la pregunta, o - para leer de stdin")
    p.add_argument("--json", action="store_true", help="un objeto JSON por respuesta")

    sub.add_parser("chat", parents=[common], help=cmd_chat.__doc__, description=cmd_chat.__doc__)

    p = sub.add_parser("serve", parents=[common], help=cmd_serve.__doc__,
                       description=cmd_serve.__doc__)
    p.add_argument("--host", default="127.0.0.1", help="dirección (por omisión 127.0.0.1)")
    p.add_argument("--port", type=int, default=7860, help="puerto (por omisión 7860)")
    p.add_argument("--permitir-escritura", action="store_true",
                   help="permitir subir y quitar boletines aunque la página escuche fuera de "
                   "este equipo sin BOLETINES_AUTH (por omisión es de solo lectura)")
    p.add_argument("--cola", type=int, default=256, metavar="N",
                   help="preguntas en espera como máximo; a las demás se les pide esperar "
                   "(por omisión 256)")

    p = sub.add_parser("bench", parents=[common], help=cmd_bench.__doc__,
                       description=cmd_bench.__doc__)
    p.add_argument("--sizes", default="100,1000", help="tamaños de corpus (por omisión 100,1000)")
    p.add_argument("--seed", type=int, default=7, help="semilla del generador (por omisión 7)")
    p.add_argument("--questions", type=int, default=300, help="preguntas por tamaño")
    p.add_argument("--out", type=Path, default=Path("reports/bench"),
                   help="escribir OUT.json y OUT.md (por omisión reports/bench)")
    p.add_argument("--no-serve", action="store_true", help="no medir la memoria de serve")
    p.add_argument("--usuarios", metavar="N,M",
                   help="medir la página con N, M... usuarios a la vez (p50/p95/p99, errores, "
                   "respuestas iguales a las de un solo usuario) en lugar del banco de ingesta")
    p.add_argument("--rondas", type=int, default=3,
                   help="preguntas seguidas de cada usuario con --usuarios (por omisión 3)")

    p = sub.add_parser("eval", parents=[common], help=cmd_eval.__doc__,
                       description=cmd_eval.__doc__)
    p.add_argument("suite", type=Path, metavar="SUITE.jsonl")
    p.add_argument("--corpus", type=Path, help="construir antes un índice temporal de esta carpeta")
    p.add_argument("--report", type=Path, metavar="SALIDA",
                   help="escribir SALIDA.json, SALIDA.md y SALIDA.png")
    p.add_argument("--min-pass", type=float, default=1.0,
                   help="fracción mínima de casos aprobados (por omisión 1.0)")
    p.add_argument("--baseline", action="store_true",
                   help="correr también la línea base RAG simple (Chroma top-k)")

    p = sub.add_parser("facts", parents=[common], help=cmd_facts.__doc__,
                       description=cmd_facts.__doc__)
    p.add_argument("--measure", help="filtrar por medida (subcadena)")
    p.add_argument("--qualifier", help="filtrar por calificador (subcadena)")
    p.add_argument("--source", help="filtrar por archivo de boletín")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--csv", action="store_true", help="salida CSV")
    fmt.add_argument("--json", action="store_true", help="un objeto JSON por línea")

    p = sub.add_parser("trend", parents=[common], help=cmd_trend.__doc__,
                       description=cmd_trend.__doc__)
    p.add_argument("topic", metavar="MEDIDA", help="la medida, p. ej. \"trasplantes de riñón\"")
    p.add_argument("--csv", action="store_true", help="salida CSV (una fila por cifra)")

    p = sub.add_parser("status", parents=[common], help=cmd_status.__doc__,
                       description=cmd_status.__doc__)
    p.add_argument("--json", action="store_true", help="salida JSON")

    p = sub.add_parser("repair", parents=[common], help=cmd_repair.__doc__,
                       description=cmd_repair.__doc__)
    p.add_argument("--no-wait", action="store_true",
                   help="si otro proceso está escribiendo en el índice, salir en vez de esperar")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code (errors are one Spanish line on stderr, code 1)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        return COMMANDS[args.command](args)
    except BoletinesError as exc:
        print(f"Error: {printable(str(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Interrumpido.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - the CLI never shows a traceback
        if os.environ.get("BOLETINES_DEBUG"):
            raise
        print(f"Error: {_unexpected(exc, args.command)}", file=sys.stderr)
        return 1


def _unexpected(exc: Exception, command: str) -> str:
    """One Spanish line for an error no module named: never a Python class name."""
    if isinstance(exc, MemoryError):
        return "No hubo memoria suficiente para terminar: pruebe con menos archivos o más pequeños."
    if isinstance(exc, OSError):
        where = f" con «{printable(str(exc.filename))}»" if exc.filename else ""
        return (f"Falló una operación del sistema{where} ({exc.strerror or exc.errno}): revise "
                "permisos y espacio en disco.")
    return (f"Falló algo inesperado al ejecutar «{command}»: repita con BOLETINES_DEBUG=1 para "
            "ver el detalle, y repórtelo.")
