"""The Gradio page (`boletines serve`): Chat, Datos (the facts table) and Boletines.

``Page`` holds the handlers (plain methods, testable without a browser); ``build_app`` lays the
page out, one function per tab; ``serve`` starts it behind ``assistant.guard``. The look and the
few browser behaviours (``[n]`` links, copy, row choice) live in ``assistant/static/``.
"""

from __future__ import annotations

import html
import json
import os
import secrets
import sys
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

import gradio as gr

from assistant import card, datos, pages, trend_page
from assistant.chain import Assistant
from assistant.guard import (  # noqa: F401 - parse_auth is the CLI's, from here
    Guard,
    LoginThrottle,
    exposure_warning,
    parse_auth,
    writable,
)
from assistant.uploads import Uploads
from index.errors import BoletinesError
from index.lock import writer_lock
from index.settings import Settings
from index.store import Store
from index.types import Bulletin

EXAMPLES = [
    "¿Cuántos trasplantes de córnea?",
    "¿Cuántas cirugías se realizaron del 1 de abril al 12 de septiembre?",
    "¿Cuántas consultas de medicina familiar hubo en la séptima jornada?",
    "¿Cuál es el teléfono para informes?",
    "¿Cuántos trasplantes de intestino?",
]

# A browser table of tens of thousands of rows helps nobody: filters narrow it, CSV has all.
TABLE_ROWS = 1000
# Answers kept per index generation: the same question asked again (by many readers of the
# same news) costs a dictionary look-up instead of a run of the chain.
ANSWER_CACHE = 512
# Gradio runs this many answers at once; more threads only fight over the GIL on 2 cores.
CONCURRENCY = 2
# Questions waiting beyond this are told, in Spanish, to wait (see assistant.guard.BUSY).
QUEUE_SIZE = 256
# Seconds between checks of the index's write generation (lists follow other processes).
SYNC_SECONDS = 5
READ_ONLY_NOTE = ("Página de solo lectura: escucha fuera de este equipo sin contraseña. Para subir "
                  "o quitar boletines, iníciela con BOLETINES_AUTH=usuario:contraseña o con "
                  "`boletines serve --permitir-escritura`.")
STATIC = Path(__file__).resolve().parent / "static"
CSS = (STATIC / "pagina.css").read_text(encoding="utf-8")
HEAD = (STATIC / "pagina.js").read_text(encoding="utf-8")
EMPTY_CONVERSATION: dict[str, Any] = {"historial": [], "ultima": ""}

# Download the CSV the server built, in memory, under the name it chose: one click, no file
# written on the server.
DOWNLOAD_JS = (STATIC / "descarga.js").read_text(encoding="utf-8")


def _secret(settings: Settings) -> str:
    """The key that encrypts the conversation kept in the browser; kept in the data folder so
    a restarted server can still read what browsers kept."""
    path = settings.data_dir / "cache" / "pagina.secreto"
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError:
        value = secrets.token_hex(16)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(value, encoding="utf-8")
            path.chmod(0o600)
        except OSError:
            pass  # a read-only folder: conversations last until the server restarts
        return value


def _text(content: Any) -> str:
    """A chat message's text: Gradio hands it back as a list of parts ({"type", "text"})."""
    if isinstance(content, list):
        return "".join(_text(part) for part in content)
    if isinstance(content, dict):
        return str(content.get("text") or "")
    return str(content or "")


class Page:
    """The handlers behind the page, over one index (safe to call from Gradio's worker threads)."""

    def __init__(self, settings: Settings, writable: bool = True,
                 answer_cache: int = ANSWER_CACHE) -> None:
        self.settings = settings
        self.writable = writable
        self.store = Store(settings)
        self.assistant = Assistant(settings, self.store)
        self.uploads = Uploads(settings, self.store)
        self.secret = _secret(settings)
        self._answers: OrderedDict[tuple[str, tuple[str, ...], int], tuple[str, str, str]] = (
            OrderedDict())
        self._answer_cache = answer_cache
        self._lock = threading.Lock()

    # Chat -------------------------------------------------------------------------------------
    def answer(self, message: str, earlier: list[str] | None = None) -> tuple[str, str, str]:
        """(chat message, answer card HTML, sources HTML) for ``message`` after the questions
        ``earlier`` (a follow-up takes what it leaves out from them), from the cache when the
        index has not changed since the same turn was last asked."""
        earlier = list(earlier or [])
        key = (message or "", tuple(earlier), self.store.generation())
        with self._lock:
            if key in self._answers:
                self._answers.move_to_end(key)
                return self._answers[key]
        try:
            answer = self.assistant.ask(message or "", history=earlier)
        except BoletinesError as exc:
            error = html.escape(str(exc))
            return error, f'<p class="error" role="alert">{error}</p>', ""
        facts = [f for c in answer.citations for f in self.store.facts(source=c.source)]
        result = (trend_page.understood_markdown(answer) + pages.answer_markdown(answer),
                  card.card_html(answer, self.store),
                  pages.citations_html(answer, self.store, facts))
        with self._lock:
            self._answers[key] = result
            while len(self._answers) > self._answer_cache:
                self._answers.popitem(last=False)
        return result

    def respond(self, message: str, history: list[dict[str, Any]] | None
                ) -> tuple[list[dict[str, Any]], str, str, str]:
        """Answer ``message`` in the conversation ``history``: the new history, an empty box,
        the answer card and its sources."""
        text, answer_card, sources = self.answer(message, trend_page.user_questions(history))
        history = list(history or []) + [
            {"role": "user", "content": html.escape(message or "")},
            {"role": "assistant", "content": text}]
        return history, "", answer_card, sources

    def respond_and_keep(self, message: str, history: list[dict[str, Any]] | None
                         ) -> tuple[Any, ...]:
        """``respond``, plus what the browser keeps (see ``remember``)."""
        shown = self.respond(message, history)
        return (*shown, self.remember(shown[0]))

    def remember(self, history: list[dict[str, Any]] | None) -> dict[str, Any]:
        """What the browser keeps: the conversation and the last question."""
        history = [{"role": m.get("role"), "content": _text(m.get("content"))}
                   for m in (history or []) if isinstance(m, dict)]
        asked = [m for m in history if m["role"] == "user"]
        last = html.unescape(asked[-1]["content"]) if asked else ""
        return {"historial": history[-40:], "ultima": last}

    def restore(self, kept: dict[str, Any] | None) -> tuple[list[dict[str, Any]], str, str]:
        """After a reload: the conversation the browser kept, and the last answer shown again."""
        kept = kept or EMPTY_CONVERSATION
        history = [m for m in kept.get("historial", []) if isinstance(m, dict)]
        last = str(kept.get("ultima") or "")
        if not last:
            return history, "", ""
        earlier = trend_page.user_questions(history)
        if earlier and earlier[-1] == last:
            earlier = earlier[:-1]
        _, answer_card, sources = self.answer(last, earlier)
        return history, answer_card, sources

    def clear(self) -> tuple[list[dict[str, Any]], str, str, str, dict[str, Any]]:
        """«Limpiar»: no conversation, no answer, no sources, nothing kept."""
        return [], "", "", "", dict(EMPTY_CONVERSATION)

    # Datos ------------------------------------------------------------------------------------
    def facts_view(self, measure: str, qualifier: str, source: str, year: str, search: str,
                   order: str) -> tuple[str, str]:
        """(row count, table HTML) of the facts that pass the filters."""
        found = datos.rows(self.store, datos.Filters(measure or "", qualifier or "", source or "",
                                                     year or "", search or "",
                                                     order or "posicion"))
        return (datos.count_text(min(len(found), TABLE_ROWS), len(found)),
                datos.table_html(found, TABLE_ROWS))

    def facts_csv(self, measure: str, qualifier: str, source: str, year: str, search: str,
                  order: str) -> str:
        """Every row that passes the filters as JSON ``{"name", "text"}`` for the browser to
        save (built in memory: no temporary file is left on the server)."""
        filters = datos.Filters(measure or "", qualifier or "", source or "", year or "",
                                search or "", order or "posicion")
        return json.dumps({"name": datos.csv_name(filters),
                           "text": datos.csv_text(datos.rows(self.store, filters))},
                          ensure_ascii=False)

    def show_row(self, key: str) -> str:
        """A chosen row of the Datos table («archivo|inicio|fin») → its passage in the bulletin."""
        source, _, span = (key or "").rpartition("|")
        source, _, start = source.rpartition("|")
        try:
            return pages.passage_html(self.store, source, int(start), int(span))
        except ValueError:
            return ""

    # Lists that follow the index ----------------------------------------------------------------
    def sync(self, seen: int | None, *filters: str) -> tuple[Any, ...]:
        """When the index changed since generation ``seen`` (another process ingested, an
        upload finished, a bulletin was removed, or this is a fresh page): the new generation,
        the bulletins list, the choices of the filters and of removal, and the facts table
        under ``filters``; else nothing changes (``gr.skip()``)."""
        generation = self.store.generation()
        if seen == generation:
            return (gr.skip(),) * 7
        bulletins = self.store.bulletins()
        choices = [("Todos", "")] + [
            (f"{b.number or 'sin número'} · {b.source}", b.source) for b in bulletins]
        count, table = self.facts_view(*(list(filters) + [""] * 6)[:6])
        return (generation, self.bulletins_table(bulletins), gr.update(choices=choices),
                gr.update(choices=[("Todos", "")] + [(y, y) for y in datos.years(self.store)]),
                gr.update(choices=choices[1:], value=None), count, table)

    def bulletins_table(self, bulletins: list[Bulletin] | None = None) -> str:
        """The Boletines list as HTML (from ``bulletins`` when they were just read)."""
        return pages.bulletins_html(pages.bulletins_rows(self.store, bulletins)[:TABLE_ROWS])

    # Boletines --------------------------------------------------------------------------------
    def upload(self, files: list[Any] | None, jobs: list[int] | None) -> tuple[Any, ...]:
        """The «Ingerir» button: queue the files, or ask first when a name is already indexed.

        Returns:
            (this page's job ids, progress text, files waiting for a decision, the question
            about them, the progress timer, the question's visibility).
        """
        jobs = list(jobs or [])
        paths = [str(getattr(f, "name", f)) for f in (files or [])]
        if not self.writable:
            return jobs, READ_ONLY_NOTE, [], "", gr.Timer(active=False), gr.update(visible=False)
        if not paths:
            return (jobs, "Elija primero uno o más archivos.", [], "", gr.Timer(active=False),
                    gr.update(visible=False))
        clashes = self.uploads.conflicts(paths)
        if clashes:
            names = ", ".join(f"«{n}»" for n in clashes)
            ask = (f"Ya hay en el índice un boletín llamado {names}. ¿Reemplazarlo con el que "
                   "sube, o conservar ambos (el nuevo se guarda como «nombre (2)»)?")
            return (jobs, self.progress_text(jobs), paths, ask, gr.Timer(active=False),
                    gr.update(visible=True))
        return self._submit(paths, jobs, keep_both=False)

    def decide(self, choice: str, pending: list[str] | None, jobs: list[int] | None
               ) -> tuple[Any, ...]:
        """The answer to the name question: «reemplazar», «ambos» or «cancelar»."""
        jobs = list(jobs or [])
        if choice == "cancelar" or not pending or not self.writable:
            return (jobs, "Subida cancelada.", [], "", gr.Timer(active=False),
                    gr.update(visible=False))
        return self._submit(list(pending), jobs, keep_both=choice == "ambos")

    def _submit(self, paths: list[str], jobs: list[int], keep_both: bool) -> tuple[Any, ...]:
        jobs = jobs + self.uploads.submit(paths, keep_both=keep_both)
        return jobs, self.progress_text(jobs), [], "", gr.Timer(active=True), gr.update(
            visible=False)

    def progress(self, jobs: list[int] | None) -> tuple[str, Any]:
        """The progress box and whether to keep polling."""
        jobs = list(jobs or [])
        done = all(j.finished for j in self.uploads.status(jobs))
        return self.progress_text(jobs), gr.Timer(active=not done)

    def progress_text(self, jobs: list[int]) -> str:
        """One line per uploaded file, the count done first."""
        status = self.uploads.status(jobs)
        if not status:
            return ""
        done = sum(j.finished for j in status)
        head = f"{done} de {len(status)} archivo{'' if len(status) == 1 else 's'} procesado" \
               f"{'' if len(status) == 1 else 's'}."
        return "\n".join([head] + [j.line() for j in status])

    def ask_remove(self, source: str | None) -> tuple[Any, str]:
        """«Quitar…»: the confirmation, naming the bulletin and what goes with it."""
        b = self.store.bulletin(source) if source else None
        if b is None:
            return gr.update(visible=False), "Elija primero el boletín que quiere quitar."
        figures = len(self.store.facts(source=b.source))
        return gr.update(visible=True), (
            f"¿Quitar «{card.bulletin_label(b, b.source)}» ({b.source}) del índice? Se borran "
            f"también sus fragmentos y {'su cifra' if figures == 1 else f'sus {figures} cifras'}. "
            "El archivo original no se toca.")

    def remove(self, source: str | None) -> tuple[Any, str]:
        """«Sí, quitar»: the bulletin, its chunks, vectors and facts leave the index at once."""
        if not self.writable:
            return gr.update(visible=False), READ_ONLY_NOTE
        if not source or self.store.bulletin(source) is None:
            return gr.update(visible=False), "Ese boletín ya no está en el índice."
        path = self.store.paths().get(source, "")
        try:
            # One writer at a time per data folder; a page does not wait for another's ingest.
            with writer_lock(self.settings.data_dir, wait=False):
                self.store.delete(source)
        except BoletinesError as exc:
            return gr.update(visible=False), f"No se pudo quitar «{source}»: {exc}"
        copy = Path(path) if path else None
        if copy is not None and copy.parent.resolve() == self.uploads.folder.resolve():
            copy.unlink(missing_ok=True)  # our copy of an upload; a user's own file stays
        return gr.update(visible=False), f"✔ «{source}» quitado del índice."


def _chat_tab(page: Page) -> tuple[gr.BrowserState, gr.Chatbot, gr.HTML, gr.HTML]:
    kept = gr.BrowserState(EMPTY_CONVERSATION, storage_key="boletines-conversacion",
                           secret=page.secret)
    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=300):
            box = gr.Textbox(label="Pregunta", placeholder="p. ej. ¿cuántos trasplantes de "
                             "córnea? (Intro para enviar)", lines=1, max_lines=4,
                             elem_id="pregunta")
            with gr.Row():
                send = gr.Button("Preguntar", variant="primary", elem_id="preguntar")
                clear = gr.Button("Limpiar", elem_id="limpiar")
            gr.Markdown("Ejemplos (un clic pregunta):")
            with gr.Row(elem_id="ejemplos"):
                chips = [gr.Button(q, size="sm", variant="secondary") for q in EXAMPLES]
            answer = gr.HTML(elem_id="respuesta")
            sources = gr.HTML(elem_id="fuentes")
        with gr.Column(scale=2, min_width=280):
            chatbot = gr.Chatbot(label="Conversación", height=480, elem_id="chat",
                                 sanitize_html=True, buttons=[], feedback_options=None)
            trend_page.chat_trend(page, chatbot)
    shown = [chatbot, box, answer, sources]
    # Enter and the example chips keep the conversation in the browser in the same step (a
    # reload right after an answer keeps it); «Preguntar» is also the API's «/preguntar», whose
    # outputs stay the four shown, so it keeps the conversation in a second step.
    box.submit(page.respond_and_keep, [box, chatbot], [*shown, kept], api_visibility="private")
    send.click(page.respond, [box, chatbot], shown, api_name="preguntar").then(
        page.remember, chatbot, kept, api_visibility="private")
    for chip, question in zip(chips, EXAMPLES):
        chip.click(lambda h, q=question: page.respond_and_keep(q, h), chatbot, [*shown, kept],
                   api_visibility="private")
    clear.click(page.clear, None, [*shown, kept], api_visibility="private")
    # The conversation's own bin clears the same things (no button that half works).
    chatbot.clear(page.clear, None, [*shown, kept], api_visibility="private")
    return kept, chatbot, answer, sources


def _datos_tab(page: Page) -> tuple[list[Any], gr.Markdown, gr.HTML, gr.Dropdown, gr.Dropdown]:
    with gr.Row():
        measure = gr.Textbox(label="Medida", placeholder="p. ej. trasplantes", elem_id="f-medida")
        qualifier = gr.Textbox(label="Calificador", placeholder="p. ej. riñón",
                               elem_id="f-calificador")
        search = gr.Textbox(label="Buscar (también en la cita)", elem_id="f-buscar")
    with gr.Row():
        source = gr.Dropdown(label="Boletín", choices=[("Todos", "")], value="",
                             elem_id="f-boletin")
        year = gr.Dropdown(label="Año", choices=[("Todos", "")], value="", elem_id="f-anio")
        order = gr.Dropdown(label="Ordenar por", choices=list(datos.ORDERS.items()),
                            value="posicion", elem_id="f-orden")
    with gr.Row(equal_height=True):
        count = gr.Markdown(elem_id="cuenta")
        download = gr.Button("Descargar CSV", elem_id="csv", size="sm", scale=0)
    # Filled when the page loads (``Page.sync``): a reload shows the index as it is now, and
    # Gradio does not copy a 1,000-row table into the state of every new session.
    table = gr.HTML(elem_id="tabla-cifras")
    chosen = gr.Textbox(visible="hidden", elem_id="fila", label="Fila elegida")
    passage = gr.HTML(elem_id="pasaje")
    payload = gr.Textbox(visible="hidden", elem_id="csv-datos", label="CSV")
    filters = [measure, qualifier, source, year, search, order]
    # One event for every filter: with «always_last» a session never sees an older filter's
    # table arrive after a newer one's.
    gr.on([c.change for c in filters], page.facts_view, filters, [count, table],  # type: ignore[attr-defined]
          trigger_mode="always_last", show_progress="hidden", api_visibility="private")
    download.click(page.facts_csv, filters, payload, api_visibility="private").then(
        None, payload, None, js=DOWNLOAD_JS)
    chosen.change(page.show_row, chosen, passage, api_visibility="private")
    trend_page.datos_trend(page, measure, qualifier)  # type: ignore[arg-type]
    return filters, count, table, source, year


def _boletines_tab(page: Page, refresh: Any) -> tuple[gr.HTML, Any]:
    """The list; with a writable page, upload and removal. ``refresh(event)`` chains the
    lists' update after an event that may change the index."""
    listing = gr.HTML(elem_id="tabla-boletines")
    if not page.writable:
        # No upload control and no write event: nothing to call, nothing to refuse.
        gr.Markdown(READ_ONLY_NOTE, elem_id="solo-lectura")
        return listing, gr.State(None)
    files = gr.File(file_count="multiple", label="Subir boletines (.txt, .pdf, .html; hasta "
                    f"{page.settings.max_file_mb:.0f} MB cada uno)", elem_id="subir")
    ingest_button = gr.Button("Ingerir", variant="primary", elem_id="ingerir")
    with gr.Group(visible=False, elem_id="conflicto") as conflict:
        question = gr.Markdown(elem_id="conflicto-pregunta")
        with gr.Row():
            replace = gr.Button("Reemplazar", elem_id="reemplazar", size="sm")
            both = gr.Button("Conservar ambos", elem_id="conservar-ambos", size="sm")
            cancel = gr.Button("Cancelar", elem_id="cancelar", size="sm")
    outcome = gr.Textbox(label="Progreso", lines=4, interactive=False, elem_id="resultado")
    jobs, pending = gr.State([]), gr.State([])
    ticker = gr.Timer(1.0, active=False)
    state = [jobs, outcome, pending, question, ticker, conflict]
    ingest_button.click(page.upload, [files, jobs], state, api_name="subir")
    for button, choice in ((replace, "reemplazar"), (both, "ambos"), (cancel, "cancelar")):
        button.click(lambda p, j, c=choice: page.decide(c, p, j), [pending, jobs], state,
                     api_visibility="private")
    refresh(ticker.tick(page.progress, jobs, [outcome, ticker], show_progress="hidden",
                        api_visibility="private"))
    with gr.Row(equal_height=True):
        which = gr.Dropdown(label="Quitar un boletín", choices=[], value=None,
                            elem_id="quitar-cual", scale=3)
        ask = gr.Button("Quitar…", elem_id="quitar", variant="stop", scale=1)
    with gr.Group(visible=False, elem_id="confirmar-quitar") as confirm:
        confirm_text = gr.Markdown(elem_id="confirmar-texto")
        with gr.Row():
            yes = gr.Button("Sí, quitar", variant="stop", elem_id="si-quitar", size="sm")
            no = gr.Button("Cancelar", elem_id="no-quitar", size="sm")
    ask.click(page.ask_remove, which, [confirm, confirm_text], api_visibility="private")
    no.click(lambda: (gr.update(visible=False), "Sin cambios."), None, [confirm, confirm_text],
             api_visibility="private")
    refresh(yes.click(page.remove, which, [confirm, confirm_text], api_visibility="private"))
    return listing, which


def build_app(settings: Settings, writable: bool = True) -> gr.Blocks:
    """The Gradio Blocks app over ``settings``' index; ``writable`` False leaves out every way
    to change the index (upload, removal)."""
    page = Page(settings, writable=writable)
    # delete_cache: Gradio's copies of uploaded files are removed after an hour.
    with gr.Blocks(title="boletines · IMSS", analytics_enabled=False,
                   delete_cache=(3600, 3600)) as app:
        gr.Markdown("# boletines — preguntas sobre los boletines de prensa del IMSS\n"
                    "Cada cifra se lee de un boletín y se cita con su pasaje exacto.")
        generation = gr.State(None)
        later: list[Any] = []
        with gr.Tab("Chat", id="chat"):
            kept, chatbot, answer, sources = _chat_tab(page)
        with gr.Tab("Datos", id="datos"):
            filters, count, table, source, year = _datos_tab(page)
        trend_page.trend_tab(page)
        with gr.Tab("Boletines", id="boletines"):
            listing, which = _boletines_tab(page, later.append)
        lists = [generation, listing, source, year, which, count, table]
        for event in later:
            event.then(page.sync, [generation, *filters], lists, api_visibility="private")
        app.load(page.sync, [generation, *filters], lists, api_visibility="private")
        app.load(page.restore, kept, [chatbot, answer, sources], api_visibility="private")
        gr.Timer(SYNC_SECONDS).tick(page.sync, [generation, *filters], lists,
                                    show_progress="hidden", api_visibility="private")
    return app


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 7860,
          auth: tuple[str, str] | None = None, allow_writes: bool = False,
          queue_size: int = QUEUE_SIZE) -> None:
    """Start the page; blocks until interrupted. Questions beyond ``queue_size`` waiting are
    told to wait (in Spanish) instead of queueing."""
    from starlette.middleware import Middleware

    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    warning = exposure_warning(host, auth, allow_writes)
    if warning:
        print(warning, file=sys.stderr)
    can_write = writable(host, auth, allow_writes)
    app = build_app(settings, writable=can_write)
    app.queue(default_concurrency_limit=CONCURRENCY, max_size=queue_size)
    # The page's script goes in through the guard, server-side, so it runs before Gradio's
    # (Gradio's own ``head=`` is added by its scripts, after they chose a language).
    guard = Middleware(Guard, writable=can_write, throttle=LoginThrottle(),  # type: ignore[arg-type]
                       head=HEAD)
    app.launch(server_name=host, server_port=port, share=False, auth=auth, show_error=False,
               max_file_size=f"{settings.max_file_mb:.0f}mb", footer_links=[], css=CSS,
               quiet=False, inbrowser=False, ssr_mode=False, mcp_server=False,
               pwa=False, app_kwargs={"middleware": [guard]})
