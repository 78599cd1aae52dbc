"""The Gradio page (`boletines serve`): Chat, Datos (the facts table) and Boletines (upload)."""

from __future__ import annotations

import html
import ipaddress
import os
import sys
from typing import Any

import gradio as gr

from assistant import pages, trend_page
from assistant.chain import Assistant
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

CSS = """
.cita { border-left: 4px solid #0b6e4f; padding: 0.4em 0.8em; margin: 0.6em 0; }
.cita .donde { font-size: 0.85em; color: #444; }
.cita blockquote { margin: 0.3em 0; white-space: pre-wrap; }
mark.cifra { background: #ffe066; font-weight: bold; }
.boletin { max-height: 320px; overflow: auto; white-space: pre-wrap; font-size: 0.85em;
           border: 1px solid #ddd; padding: 0.5em; }
.boletin .pasaje { background: #d3f9d8; }
"""


class Page:
    """The handlers behind the page, over one index (safe to call from Gradio's worker threads)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.store = Store(settings)
        self.assistant = Assistant(settings, self.store)

    # Chat -------------------------------------------------------------------------------------
    def respond(self, message: str, history: list[dict[str, Any]] | None
                ) -> tuple[list[dict[str, Any]], str, str]:
        """Answer ``message``; return the new history, an empty box and the sources' HTML."""
        history = list(history or [])
        try:
            answer = self.assistant.ask(message or "", history=trend_page.user_questions(history))
        except BoletinesError as exc:
            history += [{"role": "user", "content": html.escape(message or "")},
                        {"role": "assistant", "content": html.escape(str(exc))}]
            return history, "", f'<p class="error">{html.escape(str(exc))}</p>'
        history += [{"role": "user", "content": html.escape(message)},
                    {"role": "assistant", "content": trend_page.understood_markdown(answer)
                     + pages.answer_markdown(answer)}]
        facts = [f for c in answer.citations for f in self.store.facts(source=c.source)]
        return history, "", pages.citations_html(answer, self.store, facts)

    # Datos ------------------------------------------------------------------------------------
    def facts_table(self, measure: str, qualifier: str, source: str, search: str
                    ) -> list[list[object]]:
        """The filtered facts table, at most TABLE_ROWS rows (the CSV has them all)."""
        return pages.facts_rows(self.store, measure or "", qualifier or "", source or "",
                                search or "", limit=TABLE_ROWS)

    def facts_csv(self, measure: str, qualifier: str, source: str, search: str) -> str:
        """The filtered facts table, every row, as a CSV file to download."""
        return pages.rows_csv(pages.facts_rows(self.store, measure or "", qualifier or "",
                                               source or "", search or ""), pages.FACT_HEADERS)

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

    # Boletines --------------------------------------------------------------------------------
    def upload(self, files: list[Any] | None) -> tuple[str, list[list[object]]]:
        """Ingest uploaded files; return one line per file and the refreshed bulletins table."""
        paths = [getattr(f, "name", f) for f in (files or [])]
        if not paths:
            return "No se subió ningún archivo.", pages.bulletins_rows(self.store)[:TABLE_ROWS]
        results = pages.accept_uploads([str(p) for p in paths], self.settings, self.store)
        lines = [("✔ " if r.ok else "✘ ") + r.message for r in results]
        return "\n".join(lines), pages.bulletins_rows(self.store)[:TABLE_ROWS]


def build_app(settings: Settings) -> gr.Blocks:
    """The Gradio Blocks app over ``settings``' index."""
    page = Page(settings)
    with gr.Blocks(title="boletines · IMSS", analytics_enabled=False) as app:
        gr.Markdown("## boletines — preguntas sobre los boletines de prensa del IMSS\n"
                    "Cada cifra se lee de un boletín y se cita con su pasaje exacto.")
        with gr.Tab("Chat", id="chat"):
            chatbot = gr.Chatbot(label="Conversación", height=380, elem_id="chat",
                                 sanitize_html=True)
            with gr.Row():
                box = gr.Textbox(placeholder="Pregunte en español, p. ej. ¿cuántos trasplantes de "
                                 "córnea?", show_label=False, scale=5, elem_id="pregunta")
                send = gr.Button("Preguntar", variant="primary", scale=1, elem_id="preguntar")
            gr.Examples(EXAMPLES, inputs=box, label="Ejemplos")
            gr.Markdown("### Fuentes de la última respuesta")
            sources = gr.HTML(elem_id="fuentes")
            box.submit(page.respond, [box, chatbot], [chatbot, box, sources],
                       api_visibility="private")
            send.click(page.respond, [box, chatbot], [chatbot, box, sources],
                       api_name="preguntar")
            trend_page.chat_trend(page, chatbot)
        with gr.Tab("Datos", id="datos"):
            with gr.Row():
                measure = gr.Dropdown(choices=[""] + page.measures(), value="", label="Medida",
                                      allow_custom_value=True, elem_id="f-medida")
                qualifier = gr.Textbox(label="Calificador", elem_id="f-calificador")
                source = gr.Dropdown(choices=[""] + page.sources(), value="", label="Boletín",
                                     allow_custom_value=True, elem_id="f-boletin")
                search = gr.Textbox(label="Buscar", elem_id="f-buscar")
            table = gr.Dataframe(value=page.facts_table("", "", "", ""),
                                 headers=pages.FACT_HEADERS, interactive=False, wrap=True,
                                 elem_id="tabla-cifras", max_height=420)
            download = gr.DownloadButton("Descargar CSV", elem_id="csv")
            passage = gr.HTML(elem_id="pasaje")
            filters = [measure, qualifier, source, search]
            for control in filters:
                control.change(page.facts_table, filters, table)  # type: ignore[attr-defined]
            download.click(page.facts_csv, filters, download)
            table.select(page.show_row, table, passage)
            trend_page.datos_trend(page, measure, qualifier)
        trend_page.trend_tab(page)
        with gr.Tab("Boletines", id="boletines"):
            listing = gr.Dataframe(value=pages.bulletins_rows(page.store)[:TABLE_ROWS],
                                   headers=pages.BULLETIN_HEADERS, interactive=False, wrap=True,
                                   elem_id="tabla-boletines")
            files = gr.File(file_count="multiple", label="Subir boletines (.txt, .pdf, .html; "
                            f"hasta {settings.max_file_mb:.0f} MB cada uno)",
                            elem_id="subir")
            ingest_button = gr.Button("Ingerir", elem_id="ingerir")
            outcome = gr.Textbox(label="Resultado", lines=4, interactive=False,
                                 elem_id="resultado")
            ingest_button.click(page.upload, files, [outcome, listing]).then(
                lambda: (gr.update(choices=[""] + page.measures()),
                         gr.update(choices=[""] + page.sources()),
                         page.facts_table("", "", "", "")),
                None, [measure, source, table])
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


def exposure_warning(host: str, auth: tuple[str, str] | None) -> str | None:
    """The warning for a page reachable beyond this machine with no login, else None."""
    if _is_loopback(host) or auth is not None:
        return None
    return (f"Aviso: la página escucha en {host} sin autenticación: cualquiera en la red puede "
            "consultarla y subir archivos. Defina BOLETINES_AUTH=usuario:contraseña.")


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 7860,
          auth: tuple[str, str] | None = None) -> None:
    """Start the page; blocks until interrupted."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    warning = exposure_warning(host, auth)
    if warning:
        print(warning, file=sys.stderr)
    app = build_app(settings)
    app.queue(default_concurrency_limit=4, max_size=64)
    app.launch(server_name=host, server_port=port, share=False, auth=auth, show_error=False,
               max_file_size=f"{settings.max_file_mb:.0f}mb", footer_links=[], css=CSS,
               quiet=False, inbrowser=False, ssr_mode=False, mcp_server=False, pwa=False)
