"""Dates and periods in Spanish text."""

from __future__ import annotations

import pytest

from index.dates import answers_when, find_times, spanish_period, with_year


@pytest.mark.parametrize("text, start, end, year", [
    ("del 1 de abril al 12 de septiembre", "--04-01", "--09-12", None),
    ("del 10 al 12 de septiembre", "--09-10", "--09-12", None),
    ("del 8 al 10 de abril del 2022", "2022-04-08", "2022-04-10", 2022),
    ("entre el 3 y el 9 de mayo de 2021", "2021-05-03", "2021-05-09", 2021),
    ("de enero a junio de 2023", "2023-01-01", "2023-06-30", 2023),
    ("entre abril y septiembre", "--04-01", "--09-30", None),
    ("en el primer trimestre de 2024", "2024-01-01", "2024-03-31", 2024),
    ("durante el segundo semestre de 2020", "2020-07-01", "2020-12-31", 2020),
    ("en marzo de 2022", "2022-03-01", "2022-03-31", 2022),
    ("en 2021", "2021-01-01", "2021-12-31", 2021),
    ("del 15 de diciembre de 2021 al 10 de enero de 2022", "2021-12-15", "2022-01-10", 2022),
    ("hasta el 30 de junio", None, "--06-30", None),
    ("a partir del 1 de septiembre", "--09-01", None, None),
    ("en la temporada 2021-2022", "2021-01-01", "2022-12-31", None),
    ("durante el ciclo escolar 2018/2019", "2018-01-01", "2019-12-31", None),
    ("en la gestión 2006–2012", "2006-01-01", "2012-12-31", None),
    ("al cierre de 2021", "2021-12-01", "2021-12-31", 2021),
    ("a finales del año 2019", "2019-12-01", "2019-12-31", 2019),
    ("al término de 2018", "2018-12-01", "2018-12-31", 2018),
    ("en los primeros cuatro meses de 2021", "2021-01-01", "2021-04-30", 2021),
    ("durante los primeros seis meses del año", "--01-01", "--06-30", None),
    ("en los primeros 9 meses de 2019", "2019-01-01", "2019-09-30", 2019),
    ("a octubre de 2022", "2022-10-01", "2022-10-31", 2022),
    ("al mes de febrero de 2018", "2018-02-01", "2018-02-28", 2018),
])
def test_periods(text: str, start: str | None, end: str | None, year: int | None) -> None:
    found = find_times(f"Se informó que {text} hubo avances.")
    assert len(found) == 1
    t = found[0]
    assert (t.period_start, t.period_end, t.year) == (start, end, year)


@pytest.mark.parametrize("text", [
    "Llegamos a los primeros seis meses desde que iniciamos la operación.",
    "En los primeros tres meses de operación del hospital hubo avances.",
    "Durante los primeros ocho meses del programa se trabajó mucho.",
    "En los primeros cuatro meses a partir de la apertura hubo avances.",
])
def test_first_months_of_an_event_are_no_calendar_period(text: str) -> None:
    assert [t for t in find_times(text) if t.kind == "first_months"] == []


@pytest.mark.parametrize("text", ["El director agradeció a Julio Frenk su apoyo.",
                                  "La reunión se pospuso a marzo por la lluvia."])
def test_a_month_after_a_bare_a_needs_its_year(text: str) -> None:
    assert find_times(text) == []


def test_invalid_days_are_not_dates() -> None:
    found = find_times("el 31 de febrero de 2022")
    assert all(t.kind != "day" for t in found)
    assert [t.kind for t in find_times("del 31 al 35 de marzo")] == ["month"]


def test_bulletin_year_fills_only_missing_years() -> None:
    t = find_times("del 15 de diciembre al 10 de enero")[0]
    filled = with_year(t, 2023)
    assert (filled.period_start, filled.period_end) == ("2022-12-15", "2023-01-10")
    assert with_year(find_times("en 2020")[0], 2023).year == 2020


def test_spanish_period_words() -> None:
    assert spanish_period("--04-01", "--09-12") == "del 1 de abril al 12 de septiembre"
    assert spanish_period("2022-01-01", "2022-12-31") == "en 2022"
    assert spanish_period("2022-03-11", "2022-03-13") == "del 11 al 13 de marzo de 2022"
    assert spanish_period("2023-01-01", "2023-06-30") == "de enero a junio de 2023"
    assert spanish_period(None, None) == ""


def test_a_figure_is_not_a_year() -> None:
    assert find_times("de los cuales 2076 fueron de cataratas") == []
    assert find_times("se hicieron 2021 consultas") == []
    assert find_times("36 mil 777 de neumococo y 1983 de influenza") == []
    assert [t.year for t in find_times("durante 2021 y en el año 2022")] == [2021, 2022]
    (span,) = find_times("entre 2020 y 2021")
    assert (span.period_start, span.period_end, span.year) == ("2020-01-01", "2021-12-31", None)


@pytest.mark.parametrize("text", ["al teléfono 2019-2020-31", "el folio 2023-2021", "la clave 12019-2020"])
def test_codes_are_not_year_ranges(text: str) -> None:
    assert not [t for t in find_times(text) if t.kind == "year_range"]


@pytest.mark.parametrize("text, year", [
    ("los que empezaron a cotizar después de 1997", 1997),
    ("deberá concluir antes del año 2030", 2030),
])
def test_a_year_after_despues_or_antes_is_a_bound(text: str, year: int) -> None:
    (t,) = find_times(text)
    assert t.kind == "boundary" and t.year == year


@pytest.mark.parametrize("text, start, end", [
    ("hasta abril se habían aplicado", "--01-01", "--04-30"),
    ("hasta finales de febrero de 2024", "2024-01-01", "2024-02-29"),
    ("hasta el mes de junio de 2021", "2021-01-01", "2021-06-30"),
    # A cut-off says the same: the figures gathered up to that month.
    ("con corte a agosto se han atendido", "--01-01", "--08-31"),
    ("al corte de mayo de 2023", "2023-01-01", "2023-05-31"),
    ("con corte al mes de marzo", "--01-01", "--03-31"),
])
def test_hasta_a_month_or_a_cut_off_is_the_year_so_far(text: str, start: str, end: str) -> None:
    (t,) = find_times(text)
    assert (t.kind, t.period_start, t.period_end) == ("to_month", start, end)


@pytest.mark.parametrize("text, year", [
    ("creció 5 % respecto a lo alcanzado en 2017", 2018),
    ("subió 3 % en comparación con 2020", 2021),
    ("bajó 2 % frente al mismo mes de 2023", 2024),
])
def test_the_year_compared_against_dates_the_year_after(text: str, year: int) -> None:
    (t,) = find_times(text)
    assert (t.kind, t.year) == ("versus", year)


@pytest.mark.parametrize("text, year_asked, answers", [
    ("La campaña empezó el 16 de octubre.", False, True),
    ("La campaña empezó el 16 de octubre.", True, True),
    ("El programa arrancó en 2019.", False, True),
    ("El programa arrancó en 2019.", True, False),  # it only repeats the asked year
    ("Cotizan quienes empezaron a trabajar después de 1997.", False, False),
    ("Creció 5.1 % respecto a lo alcanzado en 2017.", False, False),
])
def test_which_times_answer_when(text: str, year_asked: bool, answers: bool) -> None:
    assert any(answers_when(t, year_asked) for t in find_times(text)) is answers


@pytest.mark.parametrize("text, end", [
    ("con corte al 31 de julio de 2024", "2024-07-31"),
    ("al corte del 21 de julio", "--07-21"),
])
def test_a_cut_off_day_ends_the_period(text: str, end: str) -> None:
    (t,) = find_times(text)
    assert (t.kind, t.period_end) == ("until", end)


def test_al_cierre_de_a_month_is_that_month() -> None:
    # "al cierre de junio había 300 camas" counts what there was at June's end, not a sum
    # since January.
    (t,) = find_times("al cierre de junio de 2024 había 300 camas")
    assert (t.period_start, t.period_end) == ("2024-06-01", "2024-06-30")


@pytest.mark.parametrize("year, end", [(2021, "2021-02-28"), (2024, "2024-02-29")])
def test_february_ends_on_its_last_day_of_that_year(year: int, end: str) -> None:
    (t,) = find_times("hasta febrero se habían aplicado")
    assert with_year(t, year).period_end == end
