"""Two kinds in one question: "¿cuántos trasplantes de riñón y de córnea?".

The question is split into one question per kind ("¿cuántos trasplantes de riñón?", "¿cuántos
trasplantes de córnea?"), each answered by the chain as any other, and the answers are put
side by side with their citations renumbered. "en total" or "sumando" in the question adds
the two figures, computed and shown beside them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from assistant.analysis import checked_numbers
from assistant.format import format_number
from assistant.intent import TOTAL
from assistant.types import Answer, Citation, Computed
from index.fold import fold

# "cuántos trasplantes de riñón y de córnea", "cuántas acciones de equipamiento y mobiliario",
# "cuántas consultas de especialidad y de medicina familiar" (positions in the folded text).
_TWO = re.compile(r"\bcuant[oa]s\s+(?P<head>[a-z]{3,})\s+de\s+(?P<k1>[a-z]{3,}(?:\s+[a-z]{4,})?)"
                  r"\s+(?:y|e)\s+(?:de\s+)?(?P<k2>[a-z]{3,}(?:\s+[a-z]{4,})?)\b")
# Words that end a kind: what follows is the rest of the question, not part of the kind.
_NOT_KIND = {"hubo", "hay", "se", "fueron", "realizaron", "hicieron", "en", "durante", "entre",
             "para", "del", "de", "total", "tuvo", "tiene", "otorgaron", "aplicaron", "sumando"}


def _trim(kind: str) -> str:
    words = kind.split()
    while len(words) > 1 and words[-1] in _NOT_KIND:
        words.pop()
    return " ".join(words)


def split_kinds(question: str) -> list[str]:
    """The question once per kind when it asks for two kinds of one counted noun, else []."""
    text = question.strip()
    folded = fold(text)
    m = _TWO.search(folded)
    if m is None or m.group("k2").split()[0] in _NOT_KIND or m.group("k1").split()[0] in (
            _NOT_KIND):
        return []
    k1, k2 = _trim(m.group("k1")), _trim(m.group("k2"))
    # Folding keeps offsets (one character for one): the kinds are cut from the asked text.
    a1 = m.start("k1")
    a2 = m.start("k2")
    said1, said2 = text[a1:a1 + len(k1)], text[a2:a2 + len(k2)]
    rest = text[a2 + len(k2):]
    rest = re.sub(r"\s*\b(?:en\s+total|sumando|en\s+conjunto)\b", "", rest, flags=re.I)
    lead = text[:m.start("k1")]
    return [f"{lead}{said1}{rest}", f"{lead}{said2}{rest}"]


def _renumber(text: str, where: list[int]) -> str:
    """``text`` with its citation marks [n] pointing into the merged list (``where[n-1]``)."""
    def mark(m: re.Match[str]) -> str:
        n = int(m.group(1))
        return f"[{where[n - 1]}]" if 0 < n <= len(where) else m.group(0)

    return re.sub(r"\[(\d+)\]", mark, text)


def ask_kinds(question: str, parts: list[str], ask: Callable[[str], Answer]) -> Answer:
    """Each of ``parts`` answered by ``ask``, side by side (a citation shared by both is
    listed once); their sum when ``question`` asks for a total and each part is answered by
    one figure."""
    from assistant.followup import topic

    answers = [ask(p) for p in parts]
    texts: list[str] = []
    citations: list[Citation] = []
    values: list[int | float] = []
    computed: list[Computed] = []
    for part, ans in zip(parts, answers):
        where = []
        for c in ans.citations:
            if c not in citations:
                citations.append(c)
            where.append(citations.index(c) + 1)
        body = _renumber(ans.text, where)
        label = topic(part) or part.strip(" ¿?")
        texts.append(f"{label[:1].upper()}{label[1:]}: {body.rstrip()}")
        values += ans.values
        computed += ans.computed
    text = " ".join(t if t.endswith(".") else t + "." for t in texts)
    ones = [a.values[0] for a in answers if len(a.values) == 1 and not a.abstained]
    if TOTAL.search(fold(question)) and len(ones) == len(parts):
        total = Computed("suma", "suma", list(ones), sum(ones))
        computed.append(total)
        text += (" En total, " + format_number(total.value) + " (calculado: "
                 + " + ".join(format_number(v) for v in ones) + " = "
                 + format_number(total.value) + ").")
        values = [total.value, *values]
    answer = Answer(question, text, values, citations, all(a.abstained for a in answers),
                    computed)
    if checked_numbers(answer) is None:  # a sum whose inputs are not cited: never shown
        return replace(answer, text=" ".join(texts), values=values[1:], computed=computed[:-1])
    return answer
