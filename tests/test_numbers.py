"""The Spanish numeral parser: fixed cases, text search, and generated numbers."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.numbers import MAX_DIGITS, NumberMention, find_numbers, parse_number
from tests.spanish import to_words


@pytest.mark.parametrize("text, value", [
    ("956", 956),
    ("siete", 7),
    ("dos mil", 2000),
    ("6 millones 552 mil 794", 6_552_794),
    ("dos millones 615 mil 789", 2_615_789),
    ("475 mil 725", 475_725),
    ("un millón 930 mil 913", 1_930_913),
    ("6.5 millones", 6_500_000),
    ("955 mil\n952", 955_952),
    ("trescientos cuarenta y dos", 342),
    ("ciento uno", 101),
    ("cien mil", 100_000),
    ("veintiún mil", 21_000),
    ("mil millones", 10**9),
    ("cinco mil 200 millones", 5_200_000_000),
    ("un millón y medio", 1_500_000),
    ("1,930,913", 1_930_913),
    ("1.930.913", 1_930_913),
    ("2.3 mil", 2300),
    ("CUARENTA Y CINCO", 45),
    ("dieciséis", 16),
])
def test_parse_number(text: str, value: int) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["ciento", "millones", "y", "diez diez", "", "abc"])
def test_not_a_number(text: str) -> None:
    assert parse_number(text) is None


def test_find_numbers_spans_and_percent() -> None:
    text = ("Se aplicaron 3 millones 200 mil vacunas, un 45.5 por ciento más; "
            "cuarenta y dos hospitales y 12% de camas.")
    found = [(text[m.start:m.end], m.value, m.percent) for m in find_numbers(text)]
    assert found == [("3 millones 200 mil", 3_200_000, False),
                     ("45.5 por ciento", 45.5, True),
                     ("cuarenta y dos", 42, False),
                     ("12%", 12, True)]


def test_find_numbers_keeps_list_items_apart() -> None:
    text = "19 fueron de riñón, 22 de córnea, siete de médula y 10 20 30"
    assert [m.value for m in find_numbers(text)] == [19, 22, 7, 10, 20, 30]


@pytest.mark.parametrize("text, values", [
    ("Se registraron 1,204,317 (un millón doscientos cuatro mil trescientos diecisiete) altas.",
     [1_204_317]),
    ("La tasa fue de 4.2% (cuatro punto dos por ciento) anual.", [4.2]),
    ("Se contrataron ocho mil (8,000) enfermeras y 950 (novecientos cincuenta) médicos.",
     [8000, 950]),
    ("Un monto de $612.3 (seiscientos doce pesos 30/100 M.N.) diarios.", [612.3]),
])
def test_a_figure_restated_in_brackets_is_one_figure(text: str, values: list[float]) -> None:
    found = find_numbers(text)
    assert [m.value for m in found] == values
    assert all(m.gloss_end is not None and text[m.gloss_end - 1] == ")" for m in found)


def test_brackets_that_are_not_the_figure_in_words_are_kept_apart() -> None:
    text = "Hubo 300 (en 2019 fueron 250) casos y 12 (doce camas más) en la zona."
    found = find_numbers(text)
    assert [m.value for m in found if m.gloss_end is None] == [m.value for m in found]
    assert 300 in [m.value for m in found] and 250 in [m.value for m in found]


def test_codes_and_blocked_spans_are_not_figures() -> None:
    text = "COVID-19 y la variante BA.2; boletín 175/2022; 3er lugar"
    assert [m.value for m in find_numbers(text)] == []
    text = "el 12 de abril se dieron 40 consultas"
    assert [m.value for m in find_numbers(text, blocked=[(3, 17)])] == [40]


def test_articles_are_not_numbers() -> None:
    text = "una de las jornadas y un escenario favorable"
    assert find_numbers(text) == []


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_words_round_trip(n: int) -> None:
    assert parse_number(to_words(n)) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_digits_round_trip(n: int) -> None:
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_mixed_round_trip(n: int) -> None:
    assert parse_number(to_words(n, mixed=True)) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1000, max_value=10**12), st.booleans(), st.integers(0, 8))
def test_found_in_text_with_a_line_break(n: int, mixed: bool, cut: int) -> None:
    words = to_words(n, mixed=mixed).split(" ")
    k = 1 + cut % len(words) if len(words) > 1 else 1
    written = " ".join(words[:k]) + ("\n" if k < len(words) else "") + " ".join(words[k:])
    text = f"Se otorgaron {written.strip()} consultas."
    found = find_numbers(text)
    assert [m.value for m in found] == [n]
    assert text[found[0].start:found[0].end] == written.strip()


def test_huge_numerals_are_skipped_not_crashed() -> None:
    # A 400-digit number once reached float() in the question parser (OverflowError) and
    # SQLite; one past 4,300 digits makes int() itself refuse. Neither is a figure.
    for digits in (16, 400, 5000):
        huge = "9" * digits
        assert parse_number(huge) is None
        text = f"Se dieron {huge} consultas y 12 cirugías; {huge[:30]},5 y {huge}%."
        assert [m.value for m in find_numbers(text)] == [12]
    assert parse_number("9" * MAX_DIGITS) == 10**MAX_DIGITS - 1
    assert parse_number("999,999,999,999,999") == 10**15 - 1
    assert parse_number("999 mil 999 billones") == 999_999 * 10**12


@pytest.mark.parametrize("text, value", [
    ("１２３", 123), ("٤٥", 45), ("१२", 12), ("６ millones ５５２ mil ７９４", 6_552_794),
    ("１,９３０,９１３", 1_930_913),
])
def test_unicode_digits_read_as_digits(text: str, value: int) -> None:
    assert parse_number(text) == value
    found = find_numbers(f"Se dieron {text} consultas.")
    assert [m.value for m in found] == [value]
    assert found[0].end - found[0].start == len(text)  # offsets in the text as written


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 12)), max_size=8))
def test_blocked_spans_block_what_they_overlap(raw: list[tuple[int, int]]) -> None:
    text = "el 12 de abril 40 consultas, 7 mil 300 camas y 25 % más en 2022"
    blocked = [(a, a + n) for a, n in raw]
    def overlaps(m: NumberMention) -> bool:
        """A word or digit group of ``m`` overlaps a blocked span."""
        return any(m.start + t.start() < b and a < m.start + t.end() for a, b in blocked
                   for t in re.finditer(r"\d+(?:[.,]\d+)*|[^\W\d_]+", text[m.start:m.end]))

    found = find_numbers(text, blocked)
    assert not any(overlaps(m) for m in found)
    assert {m for m in find_numbers(text) if not overlaps(m)} <= set(found)


def test_long_runs_of_words_take_linear_time() -> None:
    # Tokens joined by spaces only form one run; scanning the rest of the run from every
    # token was quadratic (minutes for a page of text with no commas).
    text = "las jornadas del instituto " * 40_000 + "dieron 12 consultas"
    t = time.process_time()
    assert [m.value for m in find_numbers(text, [(i, i + 3) for i in range(0, 500_000, 50)])] \
        == [12]
    assert time.process_time() - t < 10


@pytest.mark.parametrize("text, expected", [
    ("en 2021 fueron cuatro 512 y hoy cinco mil 20", [2021, 5020]),
    ("hay seis 120 unidades urbanas", []),
    ("se compraron doscientos treinta y dos 450 equipos", []),
    ("son siete mil 450 equipos", [7450]),
    ("fueron tres, 450 el año siguiente", [3, 450]),
    ("en 2022 tres mil personas", [2022, 3000]),
])
def test_words_running_into_three_digits_are_a_garbled_numeral(text: str,
                                                               expected: list[int]) -> None:
    # A transcript that dropped "mil" ("cuatro 512"): neither half is what the speaker said.
    assert [m.value for m in find_numbers(text)] == expected
