"""The Gradio page (`boletines serve`): Chat, Datos (the facts table) and Boletines (upload).

``Page`` holds the handlers (plain methods, testable without a browser); ``build_app`` lays the
page out, one function per tab; ``serve`` starts it behind ``assistant.guard``.
"""

from __future__ import annotations

import html
import ipaddress
import json
import os
import sys
import threading
from collections import OrderedDict
from typing import Any

import gradio as gr

from assistant import pages
from assistant.chain import Assistant
from assistant.guard import Guard, LoginThrottle
from assistant.uploads import Uploads
from index.errors import BoletinesError, SettingsError
from index.settings import Settings
from index.store import Store

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

CSS = """
.cita { border-left: 4px solid #0b6e4f; padding: 0.4em 0.8em; margin: 0.6em 0; }
.cita .donde { font-size: 0.85em; color: #444; }
.cita blockquote { margin: 0.3em 0; white-space: pre-wrap; }
mark.cifra { background: #ffe066; font-weight: bold; }
.boletin { max-height: 320px; overflow: auto; white-space: pre-wrap; font-size: 0.85em;
           border: 1px solid #ddd; padding: 0.5em; }
.boletin .pasaje { background: #d3f9d8; }
"""

# Download the CSV the server built, in memory, under the name it chose: one click, no file
# written on the server.
DOWNLOAD_JS = """(payload) => {
  if (!payload) return;
  const {name, text} = JSON.parse(payload);
  const url = URL.createObjectURL(new Blob([text], {type: "text/csv;charset=utf-8"}));
  const a = document.createElement("a");
  a.href = url; a.download = name; document.body.appendChild(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}"""


class Page:
    """The handlers behind the page, over one index (safe to call from Gradio's worker threads)."""

    def __init__(self, settings: Settings, writable: bool = True,
                 answer_cache: int = ANSWER_CACHE) -> None:
        self.settings = settings
        self.writable = writable
        self.store = Store(settings)
        self.assistant = Assistant(settings, self.store)
        self.uploads = Uploads(settings, self.store)
        self._answers: OrderedDict[tuple[str, int], tuple[str, str]] = OrderedDict()
        self._answer_cache = answer_cache
        self._lock = threading.Lock()

    # Chat -------------------------------------------------------------------------------------
    def answer(self, message: str) -> tuple[str, str]:
        """(chat message, sources HTML) for ``message``, from the cache when the index has not
        changed since it was last asked."""
        key = (message or "", self.store.generation())
        with self._lock:
            if key in self._answers:
                self._answers.move_to_end(key)
                return self._answers[key]
        try:
            answer = self.assistant.ask(message or "")
        except BoletinesError as exc:
            return html.escape(str(exc)), f'<p class="error">{html.escape(str(exc))}</p>'
        facts = [f for c in answer.citations for f in self.store.facts(source=c.source)]
        result = pages.answer_markdown(answer), pages.citations_html(answer, self.store, facts)
        with self._lock:
            self._answers[key] = result
            while len(self._answers) > self._answer_cache:
                self._answers.popitem(last=False)
        return result

    def respond(self, message: str, history: list[dict[str, Any]] | None
                ) -> tuple[list[dict[str, Any]], str, str]:
        """Answer ``message``; return the new history, an empty box and the sources' HTML."""
        text, sources = self.answer(message)
        history = list(history or []) + [
            {"role": "user", "content": html.escape(message or "")},
            {"role": "assistant", "content": text}]
        return history, "", sources

    # Datos ------------------------------------------------------------------------------------
    def facts_table(self, measure: str, qualifier: str, source: str, search: str
                    ) -> list[list[object]]:
        """The filtered facts table, at most TABLE_ROWS rows (the CSV has them all)."""
        return pages.facts_rows(self.store, measure or "", qualifier or "", source or "",
                                search or "", limit=TABLE_ROWS)

    def facts_csv(self, measure: str, qualifier: str, source: str, search: str) -> str:
        """The filtered facts table, every row, as JSON ``{"name", "text"}`` for the browser to
        save (built in memory: no temporary file is left on the server)."""
        rows = pages.facts_rows(self.store, measure or "", qualifier or "", source or "",
                                search or "")
        return json.dumps({"name": "cifras.csv", "text": pages.csv_text(rows, pages.FACT_HEADERS)},
                          ensure_ascii=False)

    def measures(self) -> list[str]:
        """Every measure in the facts table, for the filter."""
        return sorted({f.measure for f in self.store.facts()})

    def sources(self) -> list[str]:
        """Every bulletin's file name, for the filter."""
        return [b.source for b in self.store.bulletins()]

    def show_row(self, rows: Any, evt: gr.SelectData) -> str:
        """A clicked row of the Datos table → its passage in the whole bulletin."""
        try:
            row = rows.iloc[evt.index[0]].tolist() if hasattr(rows, "iloc") else rows[evt.index[0]]
            source, start, end = row[7], int(row[8]), int(row[9])
        except (IndexError, KeyError, TypeError, ValueError):
            return ""
        return pages.passage_html(self.store, source, start, end)

    # Lists that follow the index ----------------------------------------------------------------
    def sync(self, seen: int | None) -> tuple[Any, ...]:
        """When the index changed since generation ``seen`` (another process ingested, an
        upload finished, or this is a fresh page): the new generation, the bulletins list, the
        filters' choices and the facts table; else nothing changes (``gr.skip()``)."""
        generation = self.store.generation()
        if seen == generation:
            return (gr.skip(),) * 5
        return (generation, self.bulletins_table(), gr.update(choices=[""] + self.measures()),
                gr.update(choices=[""] + self.sources()), self.facts_table("", "", "", ""))

    def bulletins_table(self) -> list[list[object]]:
        """The Boletines list."""
        return pages.bulletins_rows(self.store)[:TABLE_ROWS]

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
            return (jobs, "No se subió ningún archivo.", [], "", gr.Timer(active=False),
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


def _chat_tab(page: Page) -> None:
    chatbot = gr.Chatbot(label="Conversación", height=380, elem_id="chat", sanitize_html=True)
    with gr.Row():
        box = gr.Textbox(placeholder="Pregunte en español, p. ej. ¿cuántos trasplantes de "
                         "córnea?", show_label=False, scale=5, elem_id="pregunta")
        send = gr.Button("Preguntar", variant="primary", scale=1, elem_id="preguntar")
    gr.Examples(EXAMPLES, inputs=box, label="Ejemplos")
    gr.Markdown("### Fuentes de la última respuesta")
    sources = gr.HTML(elem_id="fuentes")
    box.submit(page.respond, [box, chatbot], [chatbot, box, sources], api_visibility="private")
    send.click(page.respond, [box, chatbot], [chatbot, box, sources], api_name="preguntar")


def _datos_tab(page: Page) -> tuple[gr.Dropdown, gr.Dropdown, gr.Dataframe]:
    with gr.Row():
        measure = gr.Dropdown(choices=[""], value="", label="Medida",
                              allow_custom_value=True, elem_id="f-medida")
        qualifier = gr.Textbox(label="Calificador", elem_id="f-calificador")
        source = gr.Dropdown(choices=[""], value="", label="Boletín",
                             allow_custom_value=True, elem_id="f-boletin")
        search = gr.Textbox(label="Buscar", elem_id="f-buscar")
    # Tables and choices start empty and are filled when the page loads (``Page.sync``): a
    # reload shows the index as it is now, and Gradio does not copy a 1,000-row table into the
    # state of every new session (it did, for every API call: most of a request's cost).
    table = gr.Dataframe(value=None, headers=pages.FACT_HEADERS,
                         interactive=False, wrap=True, elem_id="tabla-cifras", max_height=420)
    download = gr.Button("Descargar CSV", elem_id="csv")
    payload = gr.Textbox(visible="hidden", elem_id="csv-datos")
    passage = gr.HTML(elem_id="pasaje")
    filters = [measure, qualifier, source, search]
    for control in filters:
        control.change(page.facts_table, filters, table)  # type: ignore[attr-defined]
    download.click(page.facts_csv, filters, payload, api_visibility="private").then(
        None, payload, None, js=DOWNLOAD_JS)
    table.select(page.show_row, table, passage)
    return measure, source, table


def _boletines_tab(page: Page) -> gr.Dataframe:
    listing = gr.Dataframe(value=None, headers=pages.BULLETIN_HEADERS,
                           interactive=False, wrap=True, elem_id="tabla-boletines")
    if not page.writable:
        # No upload control and no write event: nothing to call, nothing to refuse.
        gr.Markdown(READ_ONLY_NOTE, elem_id="solo-lectura")
        return listing
    files = gr.File(file_count="multiple", label="Subir boletines (.txt, .pdf, .html; hasta "
                    f"{page.settings.max_file_mb:.0f} MB cada uno)", elem_id="subir")
    ingest_button = gr.Button("Ingerir", elem_id="ingerir")
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
    ticker.tick(page.progress, jobs, [outcome, ticker], show_progress="hidden",
                api_visibility="private")
    return listing


def build_app(settings: Settings, writable: bool = True) -> gr.Blocks:
    """The Gradio Blocks app over ``settings``' index; ``writable`` False leaves out every way
    to change the index (upload, removal)."""
    page = Page(settings, writable=writable)
    # delete_cache: Gradio's copies of uploaded files are removed after an hour.
    with gr.Blocks(title="boletines · IMSS", analytics_enabled=False,
                   delete_cache=(3600, 3600)) as app:
        gr.Markdown("## boletines — preguntas sobre los boletines de prensa del IMSS\n"
                    "Cada cifra se lee de un boletín y se cita con su pasaje exacto.")
        with gr.Tab("Chat", id="chat"):
            _chat_tab(page)
        with gr.Tab("Datos", id="datos"):
            measure, source, table = _datos_tab(page)
        with gr.Tab("Boletines", id="boletines"):
            listing = _boletines_tab(page)
        generation = gr.State(None)
        lists = [generation, listing, measure, source, table]
        app.load(page.sync, generation, lists, api_visibility="private")
        gr.Timer(SYNC_SECONDS).tick(page.sync, generation, lists, show_progress="hidden",
                                    api_visibility="private")
    return app


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def parse_auth(value: str | None) -> tuple[str, str] | None:
    """ "usuario:contraseña" → (usuario, contraseña); None when unset."""
    if not value:
        return None
    user, sep, password = value.partition(":")
    if not sep or not user or not password:
        raise SettingsError("BOLETINES_AUTH debe tener la forma usuario:contraseña.")
    return user, password


def writable(host: str, auth: tuple[str, str] | None, allow_writes: bool = False) -> bool:
    """Whether the page may change the index: on this machine, behind a login, or when the
    user said so (``--permitir-escritura``)."""
    return _is_loopback(host) or auth is not None or allow_writes


def exposure_warning(host: str, auth: tuple[str, str] | None,
                     allow_writes: bool = False) -> str | None:
    """The warning for a page reachable beyond this machine with no login, else None."""
    if _is_loopback(host) or auth is not None:
        return None
    if allow_writes:
        return (f"Aviso: la página escucha en {host} sin autenticación y con "
                "--permitir-escritura: cualquiera en la red puede consultarla y subir o quitar "
                "boletines. Defina BOLETINES_AUTH=usuario:contraseña.")
    return (f"Aviso: la página escucha en {host} sin autenticación: cualquiera en la red puede "
            "consultarla; es de solo lectura (sin subir ni quitar boletines). Defina "
            "BOLETINES_AUTH=usuario:contraseña, o use --permitir-escritura.")


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
    guard = Middleware(Guard, writable=can_write, throttle=LoginThrottle())  # type: ignore[arg-type]
    app.launch(server_name=host, server_port=port, share=False, auth=auth, show_error=False,
               max_file_size=f"{settings.max_file_mb:.0f}mb", footer_links=[], css=CSS,
               quiet=False, inbrowser=False, ssr_mode=False, mcp_server=False, pwa=False,
               app_kwargs={"middleware": [guard]})

