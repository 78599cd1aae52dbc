"""Compare the offline embedders on retrieving the passage that states each seed figure.

    python -m eval.embedders [--corpus seeds] [--k 4]

Questions are generated from the facts table (one per distinct measure and qualifier, in
two phrasings, one without accents); a hit is a retrieved chunk that contains the figure.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from index.embed import get_embeddings
from index.fold import fold
from index.ingest import ingest
from index.settings import EMBEDDERS, Settings
from index.store import Store


def questions(store: Store) -> list[tuple[str, str, int, int]]:
    """(question, source, value_start, value_end) for each distinct measure/qualifier/source."""
    seen = set()
    out = []
    for f in store.facts():
        key = (f.source, f.measure, f.qualifier)
        if key in seen or f.unit != "count":
            continue
        seen.add(key)
        what = f.measure + (f" de {f.qualifier}" if f.qualifier else "")
        out.append((f"¿Cuántas {what} se reportaron?", f.source, f.value_start, f.value_end))
        out.append((fold(f"cuantos {what}"), f.source, f.value_start, f.value_end))
    return out


def evaluate(name: str, corpus: Path, k: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), embedder=name)
        emb = get_embeddings(name)
        emb.embed_query("calentamiento")
        t0 = time.perf_counter()
        ingest([corpus], settings)
        ingest_s = time.perf_counter() - t0
        store = Store(settings)
        passages = store.passages()
        t0 = time.perf_counter()
        emb.embed_documents([p.text for p in passages])
        embed_s = time.perf_counter() - t0
        vs = store.vectorstore()
        ranks, latencies = [], []
        for q, source, vs_start, vs_end in questions(store):
            t0 = time.perf_counter()
            docs = vs.similarity_search(q, k=k)
            latencies.append(time.perf_counter() - t0)
            rank = next((i + 1 for i, d in enumerate(docs) if d.metadata["source"] == source
                         and d.metadata["start"] <= vs_start and vs_end <= d.metadata["end"]), 0)
            ranks.append(rank)
        n = len(ranks)
        return {
            "questions": n,
            "recall@1": sum(r == 1 for r in ranks) / n,
            f"recall@{k}": sum(r > 0 for r in ranks) / n,
            "mrr": sum(1 / r for r in ranks if r) / n,
            "passages_per_s": len(passages) / embed_s,
            "query_ms_p50": statistics.median(latencies) * 1000,
            "ingest_s": ingest_s,
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("seeds"))
    parser.add_argument("--k", type=int, default=4)
    args = parser.parse_args()
    print("| embedder | questions | recall@1 | recall@k | MRR | passages/s | query ms p50 "
          "| ingest s |")
    print("|---|---|---|---|---|---|---|---|")
    for name in EMBEDDERS:
        r = evaluate(name, args.corpus, args.k)
        print(f"| {name} | {r['questions']} | {r['recall@1']:.2f} | {r[f'recall@{args.k}']:.2f} "
              f"| {r['mrr']:.2f} | {r['passages_per_s']:.0f} | {r['query_ms_p50']:.1f} "
              f"| {r['ingest_s']:.1f} |")


if __name__ == "__main__":
    main()
