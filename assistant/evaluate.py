"""Answer-accuracy evaluation: run a JSON Lines suite, score each case, aggregate per tag.

A case is ``{"id", "question", "expect": {...}, "tags": [...]}``; ``expect`` may hold
``values``, ``contains``, ``sources``, ``evidence``, ``abstain``, ``computed`` and
``understood`` (see README). A conversation case gives ``"turns": [...]`` instead of
``question``: the earlier turns are its history and ``expect`` is about the last one.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from assistant.types import Answer
from index.errors import BoletinesError, SettingsError
from index.fold import norm_words

EXPECT_KEYS = {"values", "contains", "sources", "evidence", "abstain", "computed", "understood"}


@dataclass(frozen=True)
class Case:
    """One suite line."""

    id: str
    question: str
    expect: dict[str, Any]
    tags: tuple[str, ...]
    history: tuple[str, ...] = ()


@dataclass
class CaseResult:
    """How one case went: each check that ran, the answer, the time it took."""

    case: Case
    answer: Answer
    checks: dict[str, bool]
    seconds: float
    quotes_exact: bool
    retrieved: bool | None = None

    @property
    def passed(self) -> bool:
        """Every expectation holds and every citation quotes its source exactly."""
        return all(self.checks.values()) and self.quotes_exact


@dataclass
class Scores:
    """Aggregates over a set of case results."""

    cases: int = 0
    passed: int = 0
    pass_rate: float = 0.0
    numeric_accuracy: float | None = None
    citation_accuracy: float | None = None
    abstention_precision: float | None = None
    abstention_recall: float | None = None
    retrieval_recall: float | None = None
    latency_p50_ms: float = 0.0
    latency_p95_ms: float = 0.0


@dataclass
class Report:
    """A suite's results: overall, per tag, and the failed cases."""

    suite: str
    system: str
    overall: Scores
    per_tag: dict[str, Scores]
    results: list[CaseResult] = field(default_factory=list)

    def failures(self) -> list[dict[str, Any]]:
        """Failed cases as question, expected and what the system said."""
        return [{"id": r.case.id, "question": r.case.question, "expected": r.case.expect,
                 "got": {"answer": r.answer.text, "values": r.answer.values,
                         "abstained": r.answer.abstained,
                         "sources": [c.source for c in r.answer.citations]},
                 "failed_checks": [k for k, ok in r.checks.items() if not ok]
                 + ([] if r.quotes_exact else ["quotes"])}
                for r in self.results if not r.passed]

    def slowest(self, n: int = 5) -> list[tuple[str, float]]:
        """The ``n`` slowest questions and their time in ms."""
        ranked = sorted(self.results, key=lambda r: -r.seconds)[:n]
        return [(r.case.question, r.seconds * 1000) for r in ranked]

    def to_json(self) -> dict[str, Any]:
        """Everything but the raw answers, ready for ``json.dumps``."""
        return {"suite": self.suite, "system": self.system, "overall": asdict(self.overall),
                "per_tag": {k: asdict(v) for k, v in self.per_tag.items()},
                "failures": self.failures(), "slowest": self.slowest()}


def load_suite(path: Path) -> list[Case]:
    """Read a suite; a malformed line raises SettingsError naming the file and line."""
    cases: list[Case] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise SettingsError(f"No se pudo leer la suite «{path}»: {exc.strerror or exc}.") from None
    seen: set[str] = set()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"«{path.name}», línea {number}"
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SettingsError(f"{where}: JSON inválido ({exc.msg}).") from None
        turns = raw.get("turns") if isinstance(raw, dict) else None
        if turns is not None:
            if not isinstance(turns, list) or not turns or not all(
                    isinstance(t, str) for t in turns):
                raise SettingsError(f"{where}: «turns» debe ser una lista de preguntas (texto).")
            raw = {**raw, "question": turns[-1]}
        if not isinstance(raw, dict) or not isinstance(raw.get("question"), str):
            raise SettingsError(f"{where}: cada caso necesita «question» o «turns» (texto).")
        expect = raw.get("expect", {})
        if not isinstance(expect, dict) or set(expect) - EXPECT_KEYS:
            raise SettingsError(
                f"{where}: «expect» solo admite {', '.join(sorted(EXPECT_KEYS))}.")
        case_id = str(raw.get("id", number))
        if case_id in seen:
            raise SettingsError(f"{where}: el id «{case_id}» está repetido.")
        seen.add(case_id)
        cases.append(Case(case_id, raw["question"], expect, tuple(raw.get("tags", [])),
                          tuple(turns[:-1]) if turns else ()))
    if not cases:
        raise SettingsError(f"La suite «{path}» no tiene casos.")
    return cases


def _same_value(a: float, b: float) -> bool:
    return abs(float(a) - float(b)) <= 0.01


def check(case: Case, answer: Answer) -> dict[str, bool]:
    """Each expectation of ``case`` against ``answer``, by name."""
    e = case.expect
    text = norm_words(answer.text)
    quotes = [norm_words(c.quote) for c in answer.citations]
    checks: dict[str, bool] = {}
    if "values" in e:
        checks["values"] = all(any(_same_value(v, got) for got in answer.values)
                               for v in e["values"])
    if "contains" in e:
        checks["contains"] = all(norm_words(s) in text for s in e["contains"])
    if "sources" in e:
        cited = {c.source for c in answer.citations}
        checks["sources"] = all(s in cited for s in e["sources"])
    if "evidence" in e:
        checks["evidence"] = all(any(norm_words(s) in q for q in quotes) for s in e["evidence"])
    if "computed" in e:
        checks["computed"] = all(any(_same_value(v, c.value) for c in answer.computed)
                                 for v in e["computed"])
    if "understood" in e:
        checks["understood"] = norm_words(e["understood"]) in norm_words(answer.understood or "")
    checks["abstain"] = answer.abstained == bool(e.get("abstain", False))
    return checks


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def aggregate(results: list[CaseResult]) -> Scores:
    """Pass rate, numeric and citation accuracy, abstention P/R, retrieval recall, latency."""
    n = len(results)
    if not n:
        return Scores()
    numeric = [r for r in results if "values" in r.case.expect]
    cited = [r for r in results if r.answer.citations or {"sources", "evidence"} & set(
        r.case.expect)]
    predicted = [r for r in results if r.answer.abstained]
    expected = [r for r in results if r.case.expect.get("abstain")]
    retrieval = [r for r in results if r.retrieved is not None]
    times = sorted(r.seconds * 1000 for r in results)
    return Scores(
        cases=n,
        passed=sum(r.passed for r in results),
        pass_rate=sum(r.passed for r in results) / n,
        numeric_accuracy=_ratio(sum(r.checks["values"] for r in numeric), len(numeric)),
        citation_accuracy=_ratio(sum(r.quotes_exact and r.checks.get("sources", True)
                                     and r.checks.get("evidence", True) for r in cited),
                                 len(cited)),
        abstention_precision=_ratio(sum(bool(r.case.expect.get("abstain")) for r in predicted),
                                    len(predicted)),
        abstention_recall=_ratio(sum(r.answer.abstained for r in expected), len(expected)),
        retrieval_recall=_ratio(sum(bool(r.retrieved) for r in retrieval), len(retrieval)),
        latency_p50_ms=statistics.median(times),
        latency_p95_ms=times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))],
    )


def run_suite(cases: Iterable[Case], ask: Callable[..., Answer],
              texts: Callable[[str], str | None],
              retrieve: Callable[[str], list[str]] | None = None,
              progress: Callable[[Case], None] | None = None,
              suite: str = "", system: str = "boletines") -> Report:
    """Run every case through ``ask`` and score it.

    Args:
        cases: the suite.
        ask: question → Answer (a QuestionError becomes an abstention with its message);
            for a conversation case it is called as ``ask(question, history)``.
        texts: source → canonical text, to check that quotes equal their spans.
        retrieve: question → passage texts, for retrieval recall of the evidence.
        progress: called after each case.
    """
    results: list[CaseResult] = []
    for case in cases:
        start = time.perf_counter()
        try:
            answer = ask(case.question, list(case.history)) if case.history else ask(
                case.question)
        except BoletinesError as exc:
            answer = Answer(case.question, str(exc), [], [], True)
        seconds = time.perf_counter() - start
        exact = True
        for c in answer.citations:
            text = texts(c.source)
            exact = exact and text is not None and text[c.start:c.end] == c.quote
        retrieved = None
        if retrieve is not None and case.expect.get("evidence"):
            passages = [norm_words(p) for p in retrieve(case.question)]
            retrieved = all(any(norm_words(s) in p for p in passages)
                            for s in case.expect["evidence"])
        results.append(CaseResult(case, answer, check(case, answer), seconds, exact, retrieved))
        if progress:
            progress(case)
    tags = sorted({t for r in results for t in r.case.tags})
    per_tag = {t: aggregate([r for r in results if t in r.case.tags]) for t in tags}
    return Report(suite, system, aggregate(results), per_tag, results)
