"""The values an answer is made of: Citation and Answer, plus the fixed "not found" phrase."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# The one phrase for "the bulletins do not say": used by the chain, the page and the tests.
NOT_FOUND = "No encontré ese dato en los boletines."


@dataclass(frozen=True)
class Citation:
    """A quoted passage: ``quote == canonical_text(source)[start:end]``."""

    source: str
    bulletin: str | None
    date: str | None
    start: int
    end: int
    quote: str


@dataclass(frozen=True)
class Computed:
    """A number the assistant computed from cited figures, with its inputs.

    ``operation`` is "suma" (the inputs added), "diferencia" (first minus second) or
    "variación" (the difference as a percentage of the second, rounded to one decimal).
    """

    label: str
    operation: str
    inputs: list[int | float]
    value: int | float

    def holds(self) -> bool:
        """True when ``value`` is what ``operation`` gives from ``inputs``."""
        a = [float(x) for x in self.inputs]
        if self.operation == "suma":
            return abs(sum(a) - float(self.value)) < 0.01
        if self.operation == "diferencia" and len(a) == 2:
            return abs(a[0] - a[1] - float(self.value)) < 0.01
        if self.operation == "variación" and len(a) == 2 and a[1]:
            return abs(round(100 * (a[0] - a[1]) / a[1], 1) - float(self.value)) < 0.051
        return False


@dataclass(frozen=True)
class Answer:
    """An answer: its text, the figures it gives as numbers, and the passages it cites."""

    question: str
    text: str
    values: list[int | float] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    abstained: bool = False
    # Numbers computed from the cited figures (sums, differences, percentage changes).
    computed: list[Computed] = field(default_factory=list)
    # The question as understood when it carried something over from the turn before.
    understood: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The JSON contract of ``boletines ask --json``, key for key."""
        return {
            "question": self.question,
            "answer": self.text,
            "values": list(self.values),
            "abstained": self.abstained,
            "citations": [asdict(c) for c in self.citations],
            "computed": [asdict(c) for c in self.computed],
            "understood": self.understood,
        }
