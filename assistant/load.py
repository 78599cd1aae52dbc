"""Concurrent page users against a running `boletines serve`: latency, errors, same answers.

Each simulated user is one open page: one Gradio session, whose questions join the queue and
whose answers come back on the session's event stream, as a browser's do; so the figures include
Gradio's queue and serialisation, not only the assistant.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.errors import IngestError

# Questions a journalist asks of the seed bulletins: figures, a date, a phone, an abstention.
QUESTIONS = [
    "¿cuántos trasplantes de córnea?",
    "¿cuántos trasplantes de riñón?",
    "¿cuántas mastografías?",
    "¿Cuál es el teléfono para informes?",
    "¿cuántos trasplantes de médula ósea?",
    "¿cuántas detecciones de diabetes?",
    "¿cuántos trasplantes de intestino?",
    "¿Cuántas personas participaron en el triatlón?",
    "¿cuántas cirugías se realizaron?",
    "¿cuántas consultas de medicina familiar hubo en la séptima jornada?",
]


@dataclass
class LoadResult:
    """What one run of ``users`` concurrent users measured."""

    users: int
    requests: int
    errors: int
    busy: int  # told to wait (queue full), in Spanish
    mismatches: int  # answers that differ from the single-user answer
    p50_ms: float
    p95_ms: float
    p99_ms: float
    seconds: float
    messages: list[str] = field(default_factory=list)


def _open(request: urllib.request.Request | str, timeout: float) -> Any:
    try:
        return urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace")
        if exc.code == 429:
            raise PageBusy(json.loads(detail).get("detail", detail)) from None
        raise OSError(f"HTTP {exc.code}: {detail[:200]}") from None


def _events(resp: Any) -> Iterator[tuple[str, str]]:
    """(event, data) pairs of a server-sent event stream."""
    event = ""
    for raw in resp:
        line = raw.decode("utf-8").rstrip("\n")
        if line.startswith("event:"):
            event = line[6:].strip()
        elif line.startswith("data:"):
            yield event, line[5:].strip()


def ask_page(url: str, question: str, session: str | None = None, fn_index: int | None = None,
             timeout: float = 60) -> tuple[str, str]:
    """Ask the page at ``url`` one question; return (chat message, answer card and sources HTML).

    With ``session`` (and the «preguntar» event's ``fn_index``) it asks as an open page does:
    joins the queue under that session and reads the session's event stream, so one user's
    questions share one Gradio session. Without, it makes the two-step API call
    (``/gradio_api/call/preguntar``), a new session each time.

    Raises:
        PageBusy: the page's queue is full (its Spanish message is the exception's text).
        OSError: any other failure.
    """
    headers = {"Content-Type": "application/json"}
    root = url.rstrip("/") + "/gradio_api"
    if session is None:
        body = json.dumps({"data": [question, []]}).encode()
        with _open(urllib.request.Request(f"{root}/call/preguntar", body, headers),
                   timeout) as resp:
            event_id = json.load(resp)["event_id"]
        event, data = "", ""
        with _open(f"{root}/call/preguntar/{event_id}", timeout) as resp:
            for event, data in _events(resp):  # noqa: B007 - the last pair is the outcome
                if event in ("complete", "error"):
                    break
        if event != "complete":
            raise OSError(f"evento «{event}»: {data[:200]}")
        history, _box, answer, sources = json.loads(data)
        return str(history[-1]["content"]), str(answer) + str(sources)
    body = json.dumps({"data": [question, []], "fn_index": fn_index, "session_hash": session,
                       "event_data": None, "trigger_id": None}).encode()
    with _open(urllib.request.Request(f"{root}/queue/join", body, headers), timeout) as resp:
        event_id = json.load(resp)["event_id"]
    with _open(f"{root}/queue/data?session_hash={session}", timeout) as resp:
        for _, data in _events(resp):
            message = json.loads(data)
            if message.get("event_id") == event_id and message.get("msg") == "process_completed":
                if not message.get("success"):
                    raise OSError(f"error: {str(message.get('output'))[:200]}")
                history, _box, answer, sources = message["output"]["data"]
                return str(history[-1]["content"]), str(answer) + str(sources)
    raise OSError("la página cerró el flujo de eventos sin responder")


def preguntar_index(url: str) -> int:
    """The «preguntar» event's index in the page's config (what a page sends to the queue)."""
    with _open(url.rstrip("/") + "/config", 30) as resp:
        config = json.load(resp)
    for i, dep in enumerate(config["dependencies"]):
        if dep.get("api_name") == "preguntar":
            return int(dep.get("id", i))
    raise OSError("la página no tiene el evento «preguntar»")


class PageBusy(Exception):
    """The page's queue is full: the user is asked to wait."""


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q`` quantile of ``values`` (nearest rank; 0.0 for none)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run_load(url: str, users: int, rounds: int = 3, questions: Sequence[str] = QUESTIONS,
             reference: dict[str, tuple[str, str]] | None = None) -> LoadResult:
    """``users`` users at once, each asking ``rounds`` questions one after another.

    Args:
        url: the running page.
        users: how many simulated users ask at the same time.
        rounds: questions each user asks in turn (user i starts at question i).
        questions: what they ask.
        reference: question → the single-user answer; fetched one at a time when not given.

    Returns:
        A LoadResult (latencies of the answered requests only).
    """
    reference = reference if reference is not None else single_user_answers(url, questions)
    fn_index = preguntar_index(url)
    latencies: list[float] = []
    errors = busy = mismatches = 0
    messages: list[str] = []
    lock = threading.Lock()
    start_gate = threading.Barrier(users)

    def user(i: int) -> None:
        nonlocal errors, busy, mismatches
        session = uuid.uuid4().hex[:11]  # one page, one Gradio session
        start_gate.wait()
        for r in range(rounds):
            question = questions[(i + r) % len(questions)]
            t = time.perf_counter()
            try:
                got = ask_page(url, question, session, fn_index)
            except PageBusy as exc:
                with lock:
                    busy += 1
                    messages.append(str(exc))
                continue
            except OSError as exc:
                with lock:
                    errors += 1
                    messages.append(f"{type(exc).__name__}: {exc}")
                continue
            elapsed = (time.perf_counter() - t) * 1000
            with lock:
                latencies.append(elapsed)
                if got != reference[question]:
                    mismatches += 1
                    messages.append(f"respuesta distinta a «{question}»")

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=users) as pool:
        list(pool.map(user, range(users)))
    return LoadResult(users, users * rounds, errors, busy, mismatches,
                      round(percentile(latencies, 0.5), 1), round(percentile(latencies, 0.95), 1),
                      round(percentile(latencies, 0.99), 1),
                      round(time.perf_counter() - began, 2), sorted(set(messages))[:10])


def single_user_answers(url: str, questions: Sequence[str] = QUESTIONS
                        ) -> dict[str, tuple[str, str]]:
    """Every question asked once, alone: the answers concurrent users must get too."""
    return {q: ask_page(url, q) for q in questions}


def markdown(results: Sequence[LoadResult]) -> str:
    """A Markdown table of load results."""
    lines = ["| usuarios | peticiones | p50 ms | p95 ms | p99 ms | errores | «espere» | "
             "respuestas distintas | s |", "|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        lines.append(f"| {r.users} | {r.requests} | {r.p50_ms:.0f} | {r.p95_ms:.0f} | "
                     f"{r.p99_ms:.0f} | {r.errors} | {r.busy} | {r.mismatches} | {r.seconds} |")
    return "\n".join(lines)


def page_load(data_dir: Path, users: Sequence[int], rounds: int = 3,
              log: Callable[[str], None] = lambda _: None) -> list[LoadResult]:
    """Start `boletines serve` over ``data_dir`` (built from seeds/ when empty) and run one
    load per entry of ``users``, after a single-user pass (the reference answers)."""
    from assistant.server import running_page

    data_dir.mkdir(parents=True, exist_ok=True)
    with running_page(data_dir, data_dir / "serve-load.log") as (_, url):
        if url is None:
            raise IngestError("«boletines serve» no arrancó: vea "
                              f"«{data_dir / 'serve-load.log'}».")
        log(f"página en {url}")
        reference = single_user_answers(url)
        results = [run_load(url, 1, rounds=len(QUESTIONS), reference=reference)]
        for n in users:
            log(f"{n} usuarios a la vez ...")
            results.append(run_load(url, n, rounds=rounds, reference=reference))
    return results
