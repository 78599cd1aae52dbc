"""`boletines bench`: ingest throughput, index size, latency, memory and accuracy as N grows."""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from assistant.load import percentile
from assistant.synth import Truth, write_corpus
from index.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class SizeResult:
    """The figures for one corpus size."""

    bulletins: int
    ingest_seconds: float
    bulletins_per_second: float
    stage_share: dict[str, float]
    index_mb: float
    ingest_peak_rss_mb: float
    warm_p50_ms: float
    warm_p95_ms: float
    warm_p99_ms: float
    cold_ask_seconds: float
    serve_peak_rss_mb: float | None
    questions: int
    accuracy: float
    misses: list[str] = field(default_factory=list)


def _cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "assistant", *args]


def _run(cmd: list[str]) -> tuple[float, float, str]:
    """Run ``cmd``; return (wall seconds, peak RSS in MB, stdout)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True)
    out = proc.stdout.read() if proc.stdout else ""
    _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0
    return time.perf_counter() - start, usage.ru_maxrss / 1024, out


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def _serve_rss(data: Path, questions: list[str]) -> float | None:
    """Peak RSS of `boletines serve` after answering ``questions`` (None if it cannot start)."""
    from assistant.server import running_page

    with running_page(data, data / "serve.log") as (proc, url):
        if url is None:
            return None
        from gradio_client import Client

        client = Client(url, verbose=False)
        for q in questions:
            client.predict(q, [], api_name="/preguntar")
        status = Path(f"/proc/{proc.pid}/status").read_text()
        peak = next(line for line in status.splitlines() if line.startswith("VmHWM"))
        return int(peak.split()[1]) / 1024


def bench_size(n: int, settings: Settings, seed: int, questions: int, work: Path,
               serve: bool = True, log: Callable[[str], None] = print) -> SizeResult:
    """Generate ``n`` bulletins, ingest them in a subprocess, then measure."""
    from assistant.chain import Assistant

    corpus = work / f"corpus_{n}"
    data = work / f"data_{n}"
    truths = write_corpus(corpus, n, seed)
    log(f"[{n}] ingiriendo ...")
    extra = ["--embedder", settings.embedder]
    wall, rss, out = _run(_cmd("ingest", str(corpus), "--data-dir", str(data), "--json", *extra))
    report = json.loads(out.strip().splitlines()[-1])
    stages = report.get("timings", {})
    total_stage = sum(stages.values()) or 1.0
    share = {k: round(v / total_stage, 3) for k, v in sorted(stages.items())}
    rng = random.Random(seed)
    sample: list[Truth] = rng.sample(truths, min(questions, len(truths)))
    local = settings.with_(data_dir=data)
    assistant = Assistant(local)
    log(f"[{n}] preguntas en caliente ...")
    assistant.ask(sample[0].question)
    latencies, misses = [], []
    for truth in sample:
        start = time.perf_counter()
        answer = assistant.ask(truth.question)
        latencies.append((time.perf_counter() - start) * 1000)
        if truth.value not in answer.values:
            misses.append(truth.question)
    log(f"[{n}] pregunta en frío ...")
    cold = statistics.median(
        _run(_cmd("ask", sample[i].question, "--data-dir", str(data), *extra))[0]
        for i in range(3))
    serve_rss = _serve_rss(data, [t.question for t in sample[:5]]) if serve else None
    if serve and serve_rss is None:
        tail = (data / "serve.log").read_text(errors="replace").splitlines()[-5:]
        log(f"[{n}] serve no respondió: " + " | ".join(tail))
    return SizeResult(
        bulletins=n, ingest_seconds=round(wall, 2), bulletins_per_second=round(n / wall, 2),
        stage_share=share, index_mb=round(_size_mb(data), 1), ingest_peak_rss_mb=round(rss, 1),
        warm_p50_ms=round(statistics.median(latencies), 1),
        warm_p95_ms=round(percentile(latencies, 0.95), 1),
        warm_p99_ms=round(percentile(latencies, 0.99), 1), cold_ask_seconds=round(cold, 2),
        serve_peak_rss_mb=round(serve_rss, 1) if serve_rss else None, questions=len(sample),
        accuracy=round(1 - len(misses) / len(sample), 4), misses=misses[:10])


def markdown(results: list[SizeResult], command: str) -> str:
    """The results as a Markdown table, with the command that produced them."""
    head = ("| boletines | ingesta s | boletines/s | reparto (lectura/oraciones/cifras/embeddings/"
            "escritura) | índice MB | RSS ingesta MB | ask p50/p95/p99 ms | ask en frío s | "
            "RSS serve MB | exactitud |")
    lines = [f"`{command}`", "", head, "|" + "---|" * 10]
    for r in results:
        share = "/".join(f"{100 * r.stage_share.get(k, 0):.0f}"
                         for k in ("read", "sentences", "facts", "embed", "write"))
        lines.append(
            f"| {r.bulletins:,} | {r.ingest_seconds:.1f} | {r.bulletins_per_second:.1f} | "
            f"{share} % | {r.index_mb:.1f} | {r.ingest_peak_rss_mb:.0f} | {r.warm_p50_ms:.0f}/"
            f"{r.warm_p95_ms:.0f}/{r.warm_p99_ms:.0f} | {r.cold_ask_seconds:.2f} | "
            f"{r.serve_peak_rss_mb if r.serve_peak_rss_mb is not None else '—'} | "
            f"{100 * r.accuracy:.1f} % ({r.questions}) |")
    return "\n".join(lines) + "\n"


def bench(sizes: list[int], settings: Settings, seed: int = 7, questions: int = 300,
          out: Path | None = None, serve: bool = True,
          log: Callable[[str], None] = print) -> list[SizeResult]:
    """Run every size; write OUT.json and OUT.md when ``out`` is given."""
    results = []
    with tempfile.TemporaryDirectory(prefix="boletines-bench-", ignore_cleanup_errors=True) as tmp:
        for n in sizes:
            results.append(bench_size(n, settings, seed, questions, Path(tmp), serve, log))
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        command = (f"boletines bench --sizes {','.join(map(str, sizes))} --seed {seed} "
                   f"--questions {questions} --embedder {settings.embedder}")
        out.with_suffix(".json").write_text(
            json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=2),
            encoding="utf-8")
        out.with_suffix(".md").write_text(markdown(results, command), encoding="utf-8")
    return results
