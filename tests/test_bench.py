"""`boletines bench` at a small size: every figure is measured and the answers are right."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.cli import main


@pytest.mark.slow
def test_bench_small(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bench"
    assert main(["bench", "--sizes", "15", "--questions", "20", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "| 15 |" in printed
    (result,) = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert result["bulletins"] == 15 and result["questions"] == 20
    assert result["accuracy"] == 1.0, result["misses"]
    assert result["bulletins_per_second"] > 0 and result["index_mb"] > 0
    assert result["warm_p50_ms"] <= result["warm_p95_ms"] <= result["warm_p99_ms"]
    assert result["cold_ask_seconds"] > 0 and result["ingest_peak_rss_mb"] > 50
    assert result["serve_peak_rss_mb"] and result["serve_peak_rss_mb"] > 50
    assert set(result["stage_share"]) == {"read", "sentences", "facts", "embed", "write"}
    assert "| boletines | ingesta s |" in out.with_suffix(".md").read_text(encoding="utf-8")


def test_bench_rejects_bad_sizes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "--sizes", "cien"]) == 1
    assert "--sizes" in capsys.readouterr().err
