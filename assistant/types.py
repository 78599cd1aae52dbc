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
class Answer:
    """An answer: its text, the figures it gives as numbers, and the passages it cites."""

    question: str
    text: str
    values: list[int | float] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    abstained: bool = False

    def to_json(self) -> dict[str, Any]:
        """The JSON contract of ``boletines ask --json``, key for key."""
        return {
            "question": self.question,
            "answer": self.text,
            "values": list(self.values),
            "abstained": self.abstained,
            "citations": [asdict(c) for c in self.citations],
        }
