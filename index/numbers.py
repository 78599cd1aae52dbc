"""Spanish numerals in every form bulletins use: digits, words, mixed, decimals, percentages.

``find_numbers`` locates them in running text with exact ``[start, end)`` offsets;
``parse_number`` reads one whole expression. Both accept "6 millones 552 mil 794",
"dos millones 615 mil 789", "un millón 930 mil 913", "6.5 millones", "71.2 por ciento",
"trescientos cuarenta y dos" and numbers broken across lines ("955 mil\\n952").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from index.fold import fold

UNITS = {
    "cero": 0, "un": 1, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5,
    "seis": 6, "siete": 7, "ocho": 8, "nueve": 9,
}
TEENS = {
    "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15,
    "dieciseis": 16, "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20,
    "veintiun": 21, "veintiuno": 21, "veintiuna": 21, "veintidos": 22, "veintitres": 23,
    "veinticuatro": 24, "veinticinco": 25, "veintiseis": 26, "veintisiete": 27,
    "veintiocho": 28, "veintinueve": 29,
}
TENS = {
    "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70,
    "ochenta": 80, "noventa": 90,
}
HUNDREDS = {"cien": 100, "ciento": 100}
for _stem, _v in (("doscient", 200), ("trescient", 300), ("cuatrocient", 400), ("quinient", 500),
                  ("seiscient", 600), ("setecient", 700), ("ochocient", 800), ("novecient", 900)):
    HUNDREDS[_stem + "os"] = _v
    HUNDREDS[_stem + "as"] = _v
MULTIPLIERS = {"mil": 10**3, "millon": 10**6, "millones": 10**6, "billon": 10**12, "billones": 10**12}
# "un", "una" and "uno" are articles far more often than numbers: they count only before a multiplier.
ARTICLE_WORDS = {"un", "una", "uno"}
NUMBER_WORDS = set(UNITS) | set(TEENS) | set(TENS) | set(HUNDREDS) | set(MULTIPLIERS)

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[a-z]+")
_PERCENT = re.compile(r"\s*(?:%|por\s+ciento\b|porciento\b)")


@dataclass(frozen=True)
class NumberMention:
    """A numeral found in text: ``text[start:end]`` reads as ``value``."""

    start: int
    end: int
    value: int | float
    percent: bool = False
    # "22,374,202 (veintidós millones … doscientos dos) puestos": where the figure's words
    # in brackets end, so that what it counts is read after them.
    gloss_end: int | None = None


@dataclass(frozen=True)
class _Tok:
    text: str
    start: int
    end: int


# Digit groups longer than this are codes or noise, never a figure: the largest figures
# bulletins state are budgets of billions of pesos (13 digits). Reading longer ones gave
# values that no float or SQLite integer holds (a 400-digit number crashed the question parser).
MAX_DIGITS = 15


def _digit_value(tok: str) -> float | int | None:
    """Value of a digit token, Mexican style: comma groups thousands, point marks decimals;
    None when it is no figure (badly grouped, or past ``MAX_DIGITS`` digits)."""
    if sum(ch.isdigit() for ch in tok) > MAX_DIGITS:
        return None
    if re.fullmatch(r"\d+", tok):
        return int(tok)
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", tok):
        return int(tok.replace(",", ""))
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+\.\d+", tok):
        return float(tok.replace(",", ""))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}", tok):
        return int(tok.replace(".", ""))
    if re.fullmatch(r"\d+\.\d+", tok):
        return float(tok)
    if re.fullmatch(r"\d+,\d{1,2}", tok):
        return float(tok.replace(",", "."))
    return None


def _small_words(toks: Sequence[_Tok], i: int) -> tuple[int, int] | None:
    """Read a number below 1000 written in words from ``toks[i]``; return (value, tokens used)."""
    j, value = i, 0
    n = len(toks)
    if j < n and toks[j].text in HUNDREDS:
        word = toks[j].text
        value += HUNDREDS[word]
        j += 1
        if word == "cien":
            return value, j - i
    rest_start = j
    if j < n and toks[j].text in TENS:
        value += TENS[toks[j].text]
        j += 1
        if j + 1 < n and toks[j].text == "y" and toks[j + 1].text in UNITS and toks[j + 1].text != "cero":
            value += UNITS[toks[j + 1].text]
            j += 2
    elif j < n and toks[j].text in TEENS:
        value += TEENS[toks[j].text]
        j += 1
    elif j < n and toks[j].text in UNITS and not (toks[j].text == "cero" and j > i):
        value += UNITS[toks[j].text]
        j += 1
    if j == i:
        return None
    if j == rest_start and toks[i].text == "ciento":
        return None  # "ciento" never stands alone
    return value, j - i


def _read(toks: Sequence[_Tok], i: int, lone_article: bool = False
          ) -> tuple[int | float, int] | None:
    """Read the longest well-formed number starting at ``toks[i]``; return (value, tokens used).

    ``lone_article`` accepts "un"/"uno"/"una" alone (a whole string known to be a number).
    """
    total: float = 0
    current: float = 0  # value since the last millón/billón, thousands included
    sub: float | None = None  # the group read since the last multiplier
    sub_words = False
    big_scale = 10**15  # the last millón/billón scale used: scales must fall
    mil_seen = False
    decimal = False
    j = i
    used = 0
    n = len(toks)
    while j < n:
        t = toks[j].text
        if t[0].isdigit():
            v = _digit_value(t)
            if v is None or sub is not None or decimal:
                break
            sub, sub_words, j = v, False, j + 1
            decimal = isinstance(v, float)
            if decimal and not (j < n and toks[j].text in MULTIPLIERS):
                used = j - i
                break
        elif t in MULTIPLIERS:
            scale = MULTIPLIERS[t]
            if scale == 1000:
                if mil_seen or (sub is not None and sub >= 1000):
                    break
                coef = 1 if sub is None else sub
                current += coef * 1000
                mil_seen, sub, j = True, None, j + 1
            else:
                coef = current + (sub or 0)
                if coef == 0 or coef >= 10**6 or scale >= big_scale:
                    break
                if t in ("millon", "billon") and coef != 1:
                    break
                total += coef * scale
                big_scale, current, sub, mil_seen, j = scale, 0, None, False, j + 1
                if j + 1 < n and toks[j].text == "y" and toks[j + 1].text in ("medio", "media"):
                    total += scale // 2
                    j += 2
            if decimal:
                used = j - i
                break
        elif t in NUMBER_WORDS and t not in MULTIPLIERS:
            if sub is not None:
                break
            small = _small_words(toks, j)
            if small is None:
                break
            sub, sub_words = small[0], True
            j += small[1]
        else:
            break
        # Remember the longest prefix that ends well: an article alone is not a number.
        if lone_article or not (
                sub is not None and sub_words and j - i == 1 and toks[i].text in ARTICLE_WORDS):
            used = j - i
    if used == 0:
        return None
    # Re-evaluate on exactly the prefix kept, so a rejected tail leaves no trace.
    if used != j - i:
        return _read(toks[: i + used], i, lone_article)
    value = total + current + (sub or 0)
    if isinstance(value, float):
        value = round(value, 6)
        if value.is_integer():
            value = int(value)
    return value, used


def _tokens(folded: str) -> list[_Tok]:
    return [_Tok(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(folded)]


def _runs(folded: str, toks: list[_Tok]) -> Iterable[list[_Tok]]:
    """Split tokens into runs joined by whitespace only: a comma or a dash ends a number."""
    run: list[_Tok] = []
    for tok in toks:
        if run and folded[run[-1].end:tok.start].strip():
            yield run
            run = []
        run.append(tok)
    if run:
        yield run


def _digit_is_free(folded: str, tok: _Tok) -> bool:
    """A digit group glued to letters or codes (COVID-19, BA.2, 3er, 175/2022) is not a figure."""
    before = folded[tok.start - 1] if tok.start else " "
    after = folded[tok.end] if tok.end < len(folded) else " "
    if before.isalnum() or before in "-/._" or after.isalnum() or after in "ªº°/-_":
        return False
    return not (before == "." and tok.start >= 2 and folded[tok.start - 2].isalnum())


# The words ``_read`` consumes: number words, "y" ("treinta y dos") and "y medio".
_READABLE = NUMBER_WORDS | {"y", "medio", "media"}


def _readable(tok: _Tok) -> bool:
    return tok.text[0].isdigit() or tok.text in _READABLE


def _garbled(folded: str, run: Sequence[_Tok], k: int, last: _Tok) -> bool:
    """True when words below a thousand run straight into a bare three-digit group ("tres
    973", "dos 864"): a transcript that dropped "mil". Reading either half as the figure would
    state a number nobody said; the whole (3,973?) is a guess."""
    if k >= len(run) or last.text[0].isdigit() or last.text in MULTIPLIERS:
        return False
    nxt = run[k]
    return bool(re.fullmatch(r"\d{3}", nxt.text)) and _digit_is_free(folded, nxt)


def find_numbers(text: str, blocked: Sequence[tuple[int, int]] = ()) -> list[NumberMention]:
    """Every numeral in ``text`` with its exact span, skipping spans in ``blocked``.

    Args:
        text: any text; offsets refer to it unchanged.
        blocked: ``[start, end)`` spans (dates, phone numbers, ordinals) whose digits are not figures.

    Returns:
        Mentions in order of appearance; a percentage's span includes "por ciento" or "%".
    """
    folded = fold(text)
    out: list[NumberMention] = []
    # A token is blocked when a span starting before its end ends after its start: sorted
    # starts and the running maximum of ends answer that in log time (a long text has
    # thousands of tokens and of blocked spans).
    spans = sorted(blocked)
    starts = [a for a, _ in spans]
    reach: list[int] = []
    for _, b_end in spans:
        reach.append(max(b_end, reach[-1]) if reach else b_end)

    def is_blocked(tok: _Tok) -> bool:
        k = bisect_left(starts, tok.end)
        return k > 0 and reach[k - 1] > tok.start

    for run in _runs(folded, _tokens(folded)):
        i = 0
        while i < len(run):
            tok = run[i]
            if not _readable(tok) or is_blocked(tok) or (
                    tok.text[0].isdigit() and not _digit_is_free(folded, tok)):
                i += 1
                continue
            # Stop the run at the first blocked or glued token so a number never crosses one,
            # and at the first word no numeral reads past (a run of words is as long as a
            # sentence without commas: scanning all of it from every token was quadratic).
            end = i
            while end < len(run) and _readable(run[end]) and not is_blocked(run[end]) and (
                not run[end].text[0].isdigit() or _digit_is_free(folded, run[end])
            ):
                end += 1
            read = _read(run[:end], i)
            if read is None:
                i += 1
                continue
            value, used = read
            last = run[i + used - 1]
            if _garbled(folded, run, i + used, last):
                i += used + 1  # neither "tres" nor "973" is the figure the speaker said
                continue
            start, stop = tok.start, last.end
            pct = _PERCENT.match(folded, stop)
            if pct:
                stop = pct.end()
            out.append(NumberMention(start, stop, value, bool(pct)))
            i += used
    return _without_glosses(folded, out)


# What the words of a figure restated in brackets may hold besides numerals: "(ochenta y seis
# punto uno por ciento)", "(quinientos ochenta pesos 50/100 M.N.)".
_GLOSS_WORDS = _READABLE | {"punto", "coma", "por", "ciento", "pesos", "peso", "dolares", "de",
                            "m", "n", "mn", "moneda", "nacional", "centavos"}
_GLOSS = re.compile(r"\s*\(([^()\n]{1,160})\)")


def _without_glosses(folded: str, mentions: list[NumberMention]) -> list[NumberMention]:
    """Drop the numerals of a figure restated in words in brackets just after it (official
    bulletins write "22,374,202 (veintidós millones … doscientos dos) puestos de trabajo");
    the figure keeps where the brackets end, to read its noun after them."""
    out: list[NumberMention] = []
    k = 0
    while k < len(mentions):
        m = mentions[k]
        gloss = _GLOSS.match(folded, m.end)
        if gloss is not None:
            words = re.findall(r"[a-z]+|\d+(?:[.,/]\d+)*|[^\s\w]", gloss.group(1))
            inside = [n for n in mentions[k + 1:] if n.start < gloss.end()]
            if inside and all(w in _GLOSS_WORDS or w[0].isdigit() or w in "./%$"
                              for w in words):
                out.append(replace(m, gloss_end=gloss.end()))
                k += 1 + len(inside)
                continue
        out.append(m)
        k += 1
    return out


def parse_number(expr: str) -> int | float | None:
    """Value of ``expr`` when the whole string is one numeral, else None.

    >>> parse_number("6 millones 552 mil 794")
    6552794
    """
    folded = fold(expr).strip()
    toks = _tokens(folded)
    if not toks or any(folded[a.end:b.start].strip() for a, b in zip(toks, toks[1:])):
        return None
    if folded[: toks[0].start].strip() or folded[toks[-1].end:].strip():
        return None
    read = _read(toks, 0, lone_article=True)
    if read is None or read[1] != len(toks):
        return None
    return read[0]
