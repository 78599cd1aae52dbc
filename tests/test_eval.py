"""Eval suites: the harness's scoring, the CLI, and both suites at 100 %."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant import api
from assistant.cli import main
from assistant.evaluate import Case, check, load_suite
from assistant.types import Answer, Citation
from index.errors import SettingsError
from index.settings import Settings
from tests.conftest import CORPUS, ROOT, SEEDS

EVAL = ROOT / "eval"


def answer(text: str, values: list[float], quotes: list[str] = (), abstained: bool = False,
           source: str = "a.txt") -> Answer:
    return Answer("q", text, values, [Citation(source, None, None, 0, len(q), q) for q in quotes],
                  abstained)


def test_check_each_expectation() -> None:
    case = Case("x", "q", {"values": [353, 71.2], "contains": ["CORNEA del 1"],
                           "sources": ["a.txt"], "evidence": ["353  de córnea"]}, ())
    good = answer("353 trasplantes de córnea del 1 de abril; 71.2 %", [353, 71.204],
                  ["También 353 de Córnea."])
    assert all(check(case, good).values())
    bad = answer("otra cosa", [354], ["nada"], source="b.txt")
    assert check(case, bad) == {"values": False, "contains": False, "sources": False,
                                "evidence": False, "abstain": True}
    assert not check(Case("y", "q", {}, ()), answer("No encontré", [], abstained=True))["abstain"]
    assert check(Case("z", "q", {"abstain": True}, ()), answer("x", [], abstained=True))["abstain"]


def test_bad_suites(tmp_path: Path) -> None:
    for content, message in [("", "no tiene casos"), ("{no json", "línea 1"),
                             ('{"question": "a", "expect": {"valor": 1}}', "solo admite"),
                             ('{"id": "1", "question": "a"}\n{"id": "1", "question": "b"}',
                              "repetido")]:
        path = tmp_path / "s.jsonl"
        path.write_text(content, encoding="utf-8")
        with pytest.raises(SettingsError, match=message):
            load_suite(path)


def test_suites_are_big_enough_and_tagged() -> None:
    seeds = load_suite(EVAL / "seeds.jsonl")
    unseen = load_suite(EVAL / "unseen.jsonl")
    assert len(seeds) >= 80 and len(unseen) >= 40
    tags = {t for c in seeds for t in c.tags}
    for tag in ("numerals-words", "numerals-mixed", "typos", "accents", "synonyms", "years",
                "periods", "events", "multi-bulletin", "conflict", "dates", "lists", "phone",
                "names", "abstain-near", "abstain-year", "abstain-offtopic"):
        assert tag in tags, tag


@pytest.mark.parametrize("suite, corpus", [("seeds.jsonl", SEEDS), ("unseen.jsonl", CORPUS)])
def test_suite_passes_fully(suite: str, corpus: Path, tmp_path: Path) -> None:
    reports = api.evaluate(EVAL / suite, Settings(data_dir=tmp_path / "unused"), corpus=corpus)
    report = reports[0]
    assert report.overall.pass_rate == 1.0, json.dumps(report.failures(), ensure_ascii=False,
                                                       indent=1)
    assert report.overall.citation_accuracy == 1.0


def test_cli_eval_report_baseline_and_min_pass(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    suite = tmp_path / "mini.jsonl"
    suite.write_text("\n".join(json.dumps(c, ensure_ascii=False) for c in [
        {"id": "a", "question": "¿cuántos trasplantes de córnea?", "expect": {"values": [353, 22]},
         "tags": ["cifras"]},
        {"id": "b", "question": "¿cuántos trasplantes de intestino?", "expect": {"abstain": True},
         "tags": ["abstención"]},
        {"id": "c", "question": "¿cuántos trasplantes de córnea?", "expect": {"values": [999]},
         "tags": ["cifras"]},
    ]), encoding="utf-8")
    out = tmp_path / "reporte" / "mini"
    code = main(["eval", str(suite), "--corpus", str(SEEDS), "--report", str(out), "--baseline"])
    printed = capsys.readouterr()
    assert code == 1 and "66.7 %" in printed.out and "--min-pass" in printed.err
    assert "✗ c" in printed.out
    data = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert [r["system"] for r in data] == ["boletines", "baseline (Chroma top-k)"]
    assert data[0]["per_tag"]["cifras"]["cases"] == 2
    md = out.with_suffix(".md").read_text(encoding="utf-8")
    assert "Casos fallidos" in md and "mini.png" in md
    assert out.with_suffix(".png").read_bytes()[:4] == b"\x89PNG"
    assert main(["eval", str(suite), "--corpus", str(SEEDS), "--min-pass", "0.6"]) == 0
    capsys.readouterr()


REALDEV = Path(__file__).resolve().parent.parent.parent / "shared" / "realdev"
# The level reached on real IMSS transcripts nobody on the team wrote (fast embedder); raise it
# as the matcher improves, never lower it to make a change pass.
REALDEV_MIN_PASS = 0.80


@pytest.mark.skipif(not (REALDEV / "questions.jsonl").exists(),
                    reason="../shared/realdev no está junto al proyecto")
def test_real_text_suite_holds_its_level(tmp_path: Path) -> None:
    from assistant.cli import main

    code = main(["eval", str(REALDEV / "questions.jsonl"), "--corpus", str(REALDEV / "corpus"),
                 "--embedder", "use", "--min-pass", str(REALDEV_MIN_PASS),
                 "--data-dir", str(tmp_path / "unused"), "--report", str(tmp_path / "r")])
    assert code == 0
    (report,) = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    # Every citation quotes its source exactly, right answer or not.
    assert not [f["id"] for f in report["failures"] if "quotes" in f["failed_checks"]]
