"""The conversation and the trend chart on the page: the pieces `web.build_app` calls.

Kept apart from `web.py` so the page's layout and these features change independently.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from assistant.followup import resolve, topic
from assistant.trend import chart_html, question_for, series

if TYPE_CHECKING:
    import gradio as gr

    from assistant.types import Answer
    from assistant.web import Page


def _text(content: Any) -> str:
    """A chat message's text, whatever shape Gradio gives it (str, parts, dict)."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text") or content.get("value") or "")
    if isinstance(content, (list, tuple)):
        return " ".join(_text(part) for part in content)
    return ""


def user_questions(history: list[Any] | None) -> list[str]:
    """The questions the user asked so far (the page shows them escaped)."""
    out = []
    for message in history or []:
        role = message.get("role") if isinstance(message, dict) else getattr(message, "role", "")
        if role == "user":
            content = message.get("content") if isinstance(message, dict) else getattr(
                message, "content", "")
            out.append(html.unescape(_text(content)).strip())
    return [q for q in out if q]


def understood_markdown(answer: "Answer") -> str:
    """ "Entendí: trasplantes de riñón, 2022" for a follow-up, else nothing."""
    if not answer.understood:
        return ""
    return f"*Entendí: {html.escape(answer.understood)}*\n\n"


def last_topic(history: list[Any] | None) -> str:
    """What the conversation's last question counts ("trasplantes de riñón")."""
    questions = user_questions(history)
    if not questions:
        return ""
    resolved = resolve(questions[-1], questions[:-1]).text
    return topic(resolved) or resolved


def trend_html(page: "Page", what: str) -> str:
    """The chart of ``what`` over time (a measure or a question)."""
    what = (what or "").strip()
    if not what:
        return '<p class="sin-serie">Escriba una medida, p. ej. «trasplantes de riñón».</p>'
    try:
        points = series(page.assistant, what)
    except Exception as exc:  # noqa: BLE001 - a chart must not break the page
        return f'<p class="error">{html.escape(str(exc))}</p>'
    return chart_html(points, f"Evolución: {topic(question_for(what)) or what}")


def chat_trend(page: "Page", chatbot: "gr.Chatbot") -> None:
    """Under the chat: «Ver la evolución» of what the last question asked about."""
    import gradio as gr

    button = gr.Button("Ver la evolución", elem_id="ver-evolucion", size="sm")
    chart = gr.HTML(elem_id="evolucion-chat")
    button.click(lambda history: trend_html(page, last_topic(history)), chatbot, chart)


def datos_trend(page: "Page", measure: "gr.Dropdown", qualifier: "gr.Textbox") -> None:
    """In the Datos tab: the evolution of the measure (and kind) chosen in the filters."""
    import gradio as gr

    button = gr.Button("Ver la evolución de esta medida", elem_id="datos-evolucion", size="sm")
    chart = gr.HTML(elem_id="evolucion-datos")
    button.click(lambda m, q: trend_html(page, f"{m} de {q}" if m and q else (m or q or "")),
                 [measure, qualifier], chart)


def trend_tab(page: "Page") -> None:
    """A tab of its own: any measure over time."""
    import gradio as gr

    with gr.Tab("Evolución", id="evolucion"):
        with gr.Row():
            box = gr.Textbox(placeholder="p. ej. trasplantes de riñón", show_label=False,
                             scale=5, elem_id="medida-evolucion")
            go = gr.Button("Ver", variant="primary", scale=1, elem_id="ver-medida")
        chart = gr.HTML(elem_id="evolucion")
        go.click(lambda text: trend_html(page, text), box, chart, api_name="evolucion")
        box.submit(lambda text: trend_html(page, text), box, chart, api_visibility="private")
