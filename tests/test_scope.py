"""Scope of figures on sentences written for these tests (not from any suite or corpus)."""

from __future__ import annotations

import pytest

from index.facts import blocked_spans, extract_facts
from index.fold import fold
from index.nlp import sentence_spans
from index.types import Bulletin


def _facts(text: str, date: str | None = "2021-03-15"):
    b = Bulletin("t.txt", None, date, None, text)
    return {f.value: f for f in extract_facts(b, sentence_spans(text))}


@pytest.mark.parametrize("sentence, year", [
    ("El año pasado se entregaron 4 mil 210 sillas de ruedas.", 2020),
    ("Se entregaron 4 mil 210 sillas de ruedas el año anterior.", 2020),
    ("Este año llevamos 4 mil 210 sillas de ruedas entregadas.", 2021),
    ("Hoy contamos con 4 mil 210 sillas de ruedas en almacén.", 2021),
    ("Para el próximo año se comprarán 4 mil 210 sillas de ruedas.", 2022),
    ("Hace dos años se repartieron 4 mil 210 sillas de ruedas.", 2019),
    ("En 2017 se repartieron 4 mil 210 sillas de ruedas; hoy son más.", 2017),
    ("Se sumaron 4 mil 210 sillas de ruedas respecto a lo entregado en 2019.", 2020),
])
def test_relative_years_resolve_against_the_texts_date(sentence: str, year: int) -> None:
    fact = _facts(sentence)[4210]
    assert fact.year == year
    assert fact.time_phrase is not None
    assert sentence[fact.time_start:fact.time_end] == fact.time_phrase


def test_the_nearest_time_phrase_wins() -> None:
    text = "En 2019 egresaron 812 pediatras y el día de hoy se gradúan 905 pediatras más."
    facts = _facts(text)
    assert facts[812].year == 2019 and facts[905].year == 2021


@pytest.mark.parametrize("sentence, modality", [
    ("La meta es vacunar a 90 mil niñas en la región.", "meta"),
    ("El programa prevé abrir 14 lactarios nuevos.", "meta"),
    ("Se contratarán 350 nutriólogas durante el verano.", "meta"),
    ("Vamos a instalar 25 consultorios móviles.", "meta"),
    ("Ya se abrieron 14 lactarios en las delegaciones.", "realizado"),
    ("En marzo se atendieron 350 partos en la clínica.", "realizado"),
    ("Registramos un incremento de 12 por ciento en las consultas.", "cambio"),
    ("Cada patrón deberá pagar 350 pesos por trabajadora al mes.", "realizado"),
    ("Las cuotas deberán cubrir 350 consultas al año.", "realizado"),
])
def test_goals_plans_and_changes(sentence: str, modality: str) -> None:
    (fact,) = [f for f in _facts(sentence).values() if f.value not in (2021,)]
    assert fact.modality == modality


@pytest.mark.parametrize("sentence", [
    "Queremos pasar de 300 quirófanos a 420 quirófanos equipados.",
    "Pasamos de trescientos quirófanos a cuatrocientos veinte quirófanos.",
    "La idea es pasar de cerca de 300 quirófanos a 420 en tres años.",
])
def test_a_change_from_x_to_y_marks_the_baseline(sentence: str) -> None:
    facts = _facts(sentence)
    assert facts[300].modality == "antes"
    assert facts[420].modality != "antes"


@pytest.mark.parametrize("sentence, place", [
    ("En Sonora se instalaron 42 módulos de atención.", "Sonora"),
    ("Se instalaron 42 módulos de atención en Nuevo León.", "Nuevo León"),
    ("Los 42 módulos de atención de Yucatán ya funcionan.", "Yucatán"),
])
def test_a_state_named_with_the_figure_is_its_place(sentence: str, place: str) -> None:
    fact = _facts(sentence)[42]
    assert fact.place == place
    assert sentence[fact.place_start:fact.place_end] == place


@pytest.mark.parametrize("sentence, places", [
    # The state a sentence opens with is the place of each of its figures ...
    ("En Yucatán hay 140 tarjetas programadas, 131 ya entregadas y nueve con movimiento.",
     {140: "Yucatán", 131: "Yucatán", 9: "Yucatán"}),
    # ... unless something wider comes between.
    ("En Jalisco se abrieron 18 lactarios y en todo el país suman 240.",
     {18: "Jalisco", 240: None}),
    # A place that opens the next figure's clause is that figure's.
    ("En Sonora se abrieron 12 consultorios, en Jalisco 25 y en Puebla 30.",
     {12: "Sonora", 25: "Jalisco", 30: "Puebla"}),
    ("Tenemos solamente a Colima, que está al 95 por ciento, y Durango al 80 por ciento.",
     {95: "Colima", 80: "Durango"}),
    # A date or a named event between is no dateline, nor wider than the state ...
    ("En Sonora, el 5 de mayo, se abrieron 12 lactarios y 14 salas de lactancia.",
     {12: "Sonora", 14: "Sonora"}),
    ("En Sonora, durante la Semana Nacional de Salud, se aplicaron 30 mil vacunas y 12 mil "
     "pruebas.", {30_000: "Sonora", 12_000: "Sonora"}),
    # ... but the rest of the country is.
    ("En Sonora se abrieron 20 lactarios, 40 guarderías y en el resto de las delegaciones 300 "
     "lactarios.", {20: "Sonora", 40: "Sonora", 300: None}),
    ("En Sonora la cobertura es de 80 por ciento, mientras el promedio nacional es de 70 por "
     "ciento.", {80: "Sonora", 70: None}),
    # A region of the state is still the state.
    ("En Sonora se abrieron 20 lactarios, y en la región serrana se instalaron 5 salas.",
     {20: "Sonora", 5: "Sonora"}),
    ("Durango, a 5 de diciembre de 2022.- Se entregaron 640 cobijas y 30 estufas.",
     {640: None, 30: None}),
    # A state that heads an item of a list is its figure's, after a comma, "con" or nothing.
    ("Vienen 70 compañeros de Veracruz; Chiapas con 55; Sonora, 44, y Tabasco 38.",
     {70: "Veracruz", 55: "Chiapas", 44: "Sonora", 38: "Tabasco"}),
    ("Los casos por entidad: Jalisco, 400; Puebla, 250.", {400: "Jalisco", 250: "Puebla"}),
    # A dateline's city sets no scope.
    ("Durango, 5 de diciembre de 2022.- Las cuadrillas entregaron 640 cobijas en la sierra.",
     {640: None}),
])
def test_the_place_of_each_figure_of_a_sentence(sentence: str, places: dict[int, str | None]
                                                ) -> None:
    facts = _facts(sentence)
    assert {v: facts[v].place for v in places} == places


def test_a_place_of_the_next_figure_is_not_this_ones() -> None:
    text = "A nivel nacional hay 930 guarderías, y 41 por ciento están en Jalisco."
    facts = _facts(text)
    assert facts[930].place is None


@pytest.mark.parametrize("text, year", [
    ("el presupuesto 2024 contempla más obras", "2024"),
    ("se alcanzaron 5 mil cirugías (2023) en total", "2023"),
    ("desde 1997 se afilia a las trabajadoras", "1997"),
])
def test_bare_years_are_not_figures(text: str, year: str) -> None:
    blocked = [text[a:b] for a, b in blocked_spans(text, [], [])]
    assert year in blocked
    assert float(year) not in _facts(text, None)


def test_a_four_digit_count_is_still_a_figure() -> None:
    assert 2076 in _facts("Ese mes, 2076 fueron cirugías de cataratas.", None)


def test_an_elided_scale_is_kept() -> None:
    facts = _facts("Atendemos a 8.2 millones de personas, de las cuales 1.4 son menores.")
    assert 1_400_000 in facts and 8_200_000 in facts


@pytest.mark.parametrize("sentence, then, now", [
    ("Antes del programa el hospital tenía 140 enfermeras, hoy tiene 210.", 140, 210),
    ("La clínica tenía un abasto del 45 por ciento de claves, y hoy tiene el 97 por ciento.",
     45, 97),
    ("Aquí había 12 camas para partos cuando llegamos; hoy, ya son 30 camas.", 12, 30),
    ("El estado, con 300 médicos antes de la transferencia, ahora cuenta con 480 médicos.", 300,
     480),
])
def test_a_figure_contrasted_with_a_now_is_the_state_before(sentence: str, then: int,
                                                            now: int) -> None:
    facts = _facts(sentence)
    assert facts[then].modality == "antes"
    assert facts[now].modality == "realizado"


@pytest.mark.parametrize("sentence, value", [
    # No state before ("egresaron" is no "tenía"), a now that is no state, or no now.
    ("En 2019 egresaron 812 pediatras y hoy se gradúan 905 pediatras más.", 812),
    ("Había 40 pacientes en espera y ahora se atendió a 12 de ellos.", 40),
    ("El hospital tenía 140 enfermeras y 20 médicos en el turno de la noche.", 140),
    ("Hoy tenemos 300 camas, antes había 200.", 300),
])
def test_a_figure_without_a_contrasted_now_is_no_state_before(sentence: str, value: int) -> None:
    assert _facts(sentence)[value].modality == "realizado"


@pytest.mark.parametrize("sentence, value, modality", [
    ("Se entregaron becas de 1,600 pesos a 300 mil estudiantes.", 1600, "realizado"),
    ("Atendimos a niños de 5 a 9 años en la campaña.", 5, "realizado"),
    ("El doctor Beltrán atendió a 40 pacientes.", 40, "realizado"),
    ("En los próximos meses vamos a contratar 500 médicos.", 500, "meta"),
    ("Con el objetivo de reducir la espera, se realizaron 500 cirugías.", 500, "realizado"),
    ("La cobertura subió del 60 por ciento en 2019 al 80 por ciento en 2020.", 60, "antes"),
    # A plan said in a relative clause is what a noun will do, not the figure's modality.
    ("Hay 75 consultorios para los enfermos que van a requerir diálisis.", 75, "realizado"),
    ("Tenemos 12 salas para quienes buscan atención y 430 camas ya disponibles.", 430,
     "realizado"),
    ("Están listos 90 quirófanos para las personas que van a operarse y 210 camas.", 210,
     "realizado"),
    ("Vamos a habilitar 90 quirófanos y 210 camas.", 210, "meta"),
    ("Se espera que lleguen 640 residentes.", 640, "meta"),
    # A future after "y" opens the subject's next predicate; the figure's own is done.
    ("Se invirtieron 45 millones de pesos en la unidad y será la más grande del norte.",
     45_000_000, "realizado"),
    ("El hospital ya cuenta con 120 camas, 30 cunas y abrirá su urgencia en mayo.", 120,
     "realizado"),
    ("Hay 300 plazas y 200 camas serán habilitadas.", 200, "meta"),
    ("Contrataremos 600 enfermeras durante el año.", 600, "meta"),
    # A verb of change reaches its "de X a Y" across a parenthesis, not across another verb.
    ("Queremos pasar, en los próximos dos años, de 300 a 420 quirófanos.", 300, "antes"),
    ("Las camas aumentaron en este sexenio, gracias al programa, de 1,200 a 1,500 camas.",
     1200, "antes"),
    ("Se amplió el horario de las unidades y se atendieron de 8 a 10 pacientes por hora.", 8,
     "realizado"),
    ("Subió la cobertura en el estado, ya que se vacunó a niños de 5 a 9 años.", 5,
     "realizado"),
    ("El año pasado las brigadas atendieron a niños de 5 a 9 años.", 5, "realizado"),
    ("Bajo el programa las brigadas vacunaron a niñas de 6 a 11 años.", 6, "realizado"),
    ("Deberemos pagar 350 pesos por trabajadora al mes.", 350, "realizado"),
    # "bajó" folds to "bajo": still a verb of change, unlike "bajo el programa".
    ("El número de consultas bajó de 300 a 200.", 300, "antes"),
    # "pasado" after "haber" is the verb of change; "el año pasado" is none.
    ("Hemos pasado de 300 a 420 quirófanos en la región.", 300, "antes"),
    ("Es importante haber pasado en la Huasteca del 64 por ciento a un 93 por ciento.", 64,
     "antes"),
    ("El abasto ha pasado del 70 % de claves a un 95 % en el estado.", 70, "antes"),
    ("El año pasado de 300 pesos se subió la beca.", 300, "realizado"),
    ("En el mes pasado, de 12 brigadas salieron 40 médicos.", 12, "realizado"),
])
def test_modality_does_not_misfire(sentence: str, value: int, modality: str) -> None:
    assert _facts(sentence)[value].modality == modality


def test_the_time_phrase_after_a_figure_in_its_stretch_is_its_own() -> None:
    facts = _facts("La cobertura subió del 60 por ciento en 2019 al 80 por ciento en 2020.")
    assert facts[60].year == 2019 and facts[80].year == 2020


@pytest.mark.parametrize("sentence", [
    "La clínica Morelos recibió 30 donadores.",
    "El Dr. Hidalgo atendió 30 consultas.",
])
def test_names_that_contain_a_state_are_not_places(sentence: str) -> None:
    assert _facts(sentence)[30].place is None


def test_decimals_keep_their_own_scale_unless_linked() -> None:
    facts = _facts("Se atendió a 8.2 millones de personas; la espera bajó 2.5 puntos.")
    assert 2.5 in facts and 2_500_000 not in facts


def test_subject_is_imss_bienestar_only_when_named() -> None:
    facts = _facts("El IMSS entregó 300 apoyos y la Secretaría de Bienestar 200 becas.")
    assert facts[300].subject is None
    assert _facts("IMSS-Bienestar abrió 25 hospitales rurales.")[25].subject == "IMSS-Bienestar"


@pytest.mark.parametrize("text, label", [
    ("Visitamos la brigada número 4 de las 12 que recorren la sierra.", "4"),
    ("El convenio se firmó bajo la modalidad 17 que incluye guarderías.", "17"),
    ("Lo establece el artículo 251 de la ley.", "251"),
    ("En el Hospital General de Zona 46 se operaron 310 pacientes.", "46"),
    ("Nos acompañó el comandante de la 29 Zona Militar en la entrega.", "29"),
    ("Los pacientes pasaron al HGZ 14 y de ahí a la UMF 7 de su colonia.", "14"),
    ("Los pacientes pasaron al HGZ 14 y de ahí a la UMF 7 de su colonia.", "7"),
    ("Recorrimos la 63 de Culiacán, donde se atienden 900 consultas al día.", "63"),
    ("Este fin de semana abrió el 18 de Tlaquepaque con 40 consultorios.", "18"),
])
def test_numbers_that_name_are_not_figures(text: str, label: str) -> None:
    start = text.index(" " + label + " ") + 1
    assert (start, start + len(label)) in blocked_spans(text, [], [])
    assert int(label) not in _facts(text)


@pytest.mark.parametrize("text, value", [
    ("A la fecha 300 personas se han inscrito al programa.", 300),
    ("Entre 300 y 400 personas esperan su turno.", 300),
    ("Se operaron 310 pacientes en la Unidad 5 y 40 en la otra.", 310),
    ("El IMSS 2 mil 400 camas habilitó en el norte.", 2400),
    ("En la UMF 12 se atendieron 300 personas.", 300),
    ("Recorrimos la 63 de Culiacán, donde se atienden 900 consultas al día.", 900),
])
def test_counts_beside_names_stay_figures(text: str, value: int) -> None:
    assert value in _facts(text)


def test_reaching_a_figure_in_the_past_is_done_not_a_goal() -> None:
    text = ("Empezamos con 35 albergues y después, muy rápido, crecimos hasta llegar a 212 "
            "albergues abiertos. Queremos llegar a 400 albergues.")
    facts = _facts(text)
    assert facts[212].modality == "realizado"
    assert facts[400].modality == "meta"


def test_a_phrase_leading_into_the_next_figure_is_that_figures() -> None:
    text = ("Antes se organizaban unas 14 ferias de salud, el año pasado organizamos 27, "
            "y este año van 9.")
    facts = _facts(text)
    assert facts[27].year == 2020 and facts[9].year == 2021
    assert facts[14].time_phrase is None


@pytest.mark.parametrize("text, first, second, year", [
    ("La convocatoria ofrece 3 mil 150 becas; para el año 2023 se abrirán otras 900.",
     3150, 900, 2023),
    ("Se dieron 640 consultas, y en 2019 se dieron 710.", 640, 710, 2019),
    ("El albergue tiene 75 literas, y para 2024 tendrá 120.", 75, 120, 2024),
])
def test_a_period_opening_the_next_figures_clause_does_not_date_this_one(
        text: str, first: int, second: int, year: int) -> None:
    facts = _facts(text)
    assert facts[second].year == year
    assert facts[first].year == 2021 and facts[first].period_start is None


def test_a_period_after_two_figures_of_one_clause_dates_both() -> None:
    facts = _facts("Se atendieron 430 partos y 95 cesáreas durante 2019.")
    assert facts[430].year == facts[95].year == 2019
    facts = _facts("Abril cerró con 12 altas. El salario promedio llegó a 410 pesos diarios, "
                   "un aumento anual del 7.2 %, el más alto en 15 años para el mes de junio.")
    assert facts[410].period_start == facts[7.2].period_start == "2021-06-01"


@pytest.mark.parametrize("text, value, measure", [
    ("En 45 clínicas se abrieron consultorios hasta sumar un total de 130.", 130,
     "consultorios"),
    ("Se visitaron 12 municipios y se repartieron despensas: fueron 2 mil 400.", 2400,
     "despensas"),
    ("Se aplicaron 800 vacunas en escuelas y 500 en mercados.", 500, "vacunas"),
])
def test_a_bare_figure_counts_the_last_object_named(text: str, value: int, measure: str) -> None:
    assert _facts(text)[value].measure == measure


def test_an_adjective_after_an_article_is_not_a_new_object() -> None:
    text = ("Hoy hay 1,180 camas en clínicas privadas, vamos a llegar a más de mil que son las "
            "disponibles a mil 240.")
    assert _facts(text)[1240].measure == "camas"


def test_a_storys_date_does_not_date_later_paragraphs() -> None:
    text = ("En 2012 se compró el predio. En 2014 el municipio cedió el acceso.\n"
            "Hoy la clínica da 640 consultas.\n"
            "Durante 2020 se reforzó la plantilla. Se contrataron 35 enfermeras.\n"
            "Se abrieron 12 consultorios.")
    facts = _facts(text)
    assert facts[640].year == 2021
    assert facts[35].year == 2020


def test_a_period_stated_with_figures_dates_later_paragraphs() -> None:
    text = "Durante 2020 se hicieron 300 cirugías.\nAdemás se dieron 900 consultas."
    assert _facts(text)[900].year == 2020


@pytest.mark.parametrize("text, value, measure", [
    ("Visitamos la brigada de salud número 3 de las 14 que recorren la sierra.", 14, "brigada"),
    ("La diabetes explica la mitad de la consulta de Medicina Familiar en la región, de las "
     "casi 120 mil que se dan cada día.", 120000, "consulta de medicina familiar"),
    ("Se revisó la ambulancia de traslado, una de las 58 que opera el estado.", 58, "ambulancia"),
])
def test_an_elided_partitive_counts_the_noun_it_points_back_to(text: str, value: int,
                                                               measure: str) -> None:
    assert fold(_facts(text)[value].measure) == fold(measure)


def test_a_partitive_that_names_its_noun_keeps_it() -> None:
    assert _facts("De las 40 salas, 12 están listas.")[40].measure == "salas"


@pytest.mark.parametrize("sentence", [
    "El fondo pagó complementos a 512 trabajadores que empezaron a cotizar después de 1997.",
    "Son 512 jubilados que ingresaron antes del año 1995 y reciben la pensión completa.",
    "Hoy hay 512 beneficiarias, todas afiliadas después de 2008.",
])
def test_a_year_that_bounds_who_is_counted_does_not_date_the_figure(sentence: str) -> None:
    fact = _facts(sentence)[512]
    assert fact.year == 2021 and fact.period_start is None
    assert not {1995, 1997, 2008} & set(_facts(sentence))  # nor is it a figure


@pytest.mark.parametrize("sentence", [
    "En mayo se registró un aumento mensual de 4 mil 210 empleos, que equivale a una tasa "
    "de 0.6 %.",
    "Hubo un incremento anual neto de 4 mil 210 afiliados, lo que lleva a una cobertura mayor.",
    "El crecimiento trimestral de 4,210 plazas se suma a una racha de alzas.",
])
def test_a_change_with_an_adjective_is_a_change_not_a_baseline(sentence: str) -> None:
    # "a una tasa", "a una cobertura": an article, not the "to" figure of "pasar de X a Y".
    assert _facts(sentence)[4210].modality == "cambio"


def test_the_year_so_far_runs_to_the_texts_date() -> None:
    for sentence in ("En lo que va del año se han entregado 4 mil 210 sillas de ruedas.",
                     "Se han entregado 4 mil 210 sillas de ruedas en lo que va del año.",
                     "En lo que va de 2021 se entregaron 4 mil 210 sillas de ruedas."):
        fact = _facts(sentence)[4210]
        assert (fact.period_start, fact.period_end, fact.year) == (
            "2021-01-01", "2021-03-15", 2021), sentence


@pytest.mark.parametrize("sentence, start, end", [
    ("En lo que va del año, con corte a febrero, se han atendido 4 mil 210 partos.",
     "2021-01-01", "2021-02-28"),
    ("Con corte a febrero, en lo que va del año se han atendido 4 mil 210 partos.",
     "2021-01-01", "2021-02-28"),
    ("En lo que va de 2021, al corte del 10 de marzo, hubo 4 mil 210 partos.",
     "2021-01-01", "2021-03-10"),
])
def test_a_cut_off_ends_the_year_so_far(sentence: str, start: str, end: str) -> None:
    fact = _facts(sentence)[4210]
    assert (fact.period_start, fact.period_end) == (start, end), sentence


@pytest.mark.parametrize("sentence, start, end", [
    # A cut-off that dates another figure, or comes after a semicolon, ends no span.
    ("En lo que va del año se han atendido 4 mil 210 partos, frente a 400 hasta junio de 2020.",
     "2021-01-01", "2021-03-15"),
    ("Al 28 de febrero se habían registrado 200 partos; en lo que va del año suman 4 mil 210.",
     "2021-01-01", "2021-03-15"),
])
def test_a_cut_off_of_another_figure_leaves_the_year_so_far(sentence: str, start: str,
                                                           end: str) -> None:
    fact = _facts(sentence)[4210]
    assert (fact.period_start, fact.period_end) == (start, end), sentence


def test_a_cut_off_day_without_article() -> None:
    fact = _facts("Con corte a 28 de febrero, se han registrado 4 mil 210 casos.")[4210]
    assert fact.period_end == "2021-02-28"


@pytest.mark.parametrize("sentence", [
    "En lo que va del año se han atendido 633 partos, y a la fecha se tienen en control a 4 mil "
    "210 embarazadas.",
    "En lo que va del año, con corte a febrero, se han atendido 633 partos, y a la fecha se "
    "tienen en control a 4 mil 210 embarazadas.",
])
def test_a_count_of_today_is_not_the_span_stated_before_it(sentence: str) -> None:
    today = _facts(sentence)[4210]
    assert today.period_end is None and today.year == 2021 and today.time_phrase == "a la fecha"


def test_the_figure_before_a_count_of_today_keeps_its_cut_off() -> None:
    facts = _facts("En lo que va del año, con corte a febrero, se han atendido 633 partos, y a "
                   "la fecha se tienen en control a 4 mil 210 embarazadas.")
    assert (facts[633].period_start, facts[633].period_end) == ("2021-01-01", "2021-02-28")


@pytest.mark.parametrize("sentence", [
    "El hospital fue inaugurado el 11 de agosto de 2010 y cuenta con 4 mil 210 consultas al año.",
    "Inaugurada en 2010, la clínica da 4 mil 210 consultas al año.",
    "La unidad abrió sus puertas en 1998, y hoy atiende 4 mil 210 consultas al año.",
])
def test_a_founding_date_does_not_date_a_figure_of_another_clause(sentence: str) -> None:
    fact = _facts(sentence)[4210]
    assert (fact.year, fact.period_start) == (2021, None), sentence


@pytest.mark.parametrize("sentence", [
    "El hospital fue fundado en 1974 con 4 mil 210 metros de construcción.",
    "El hospital fue fundado en 1974 con 120 camas y 4 mil 210 metros de construcción.",
])
def test_a_figure_of_the_founding_clause_keeps_its_date(sentence: str) -> None:
    assert _facts(sentence)[4210].year == 1974, sentence


@pytest.mark.parametrize("text", [
    # "creado" is no founding: these are the report's figures.
    "En 2020 se han creado 500 empleos y 4 mil 210 plazas.",
    "En 2020 se han creado 500 empleos.\nAdemás se contrataron 4 mil 210 médicos.",
    # Spans of time that are the report's figures, not a story's, date the next paragraph.
    "En 2020 se otorgaron 3 millones de días de incapacidad.\nEl costo fue de 4 mil 210 pesos.",
])
def test_a_report_s_year_is_kept(text: str) -> None:
    assert _facts(text)[4210].year == 2020, text


@pytest.mark.parametrize("text", [
    "Tiene cinco pirámides y un convento, que recibió en 1993 al papa.\n"
    "El hospital da 4 mil 210 consultas.",
    "La clínica, de tres pisos, fue fundada en 1993.\nEl hospital da 4 mil 210 consultas.",
    # A sentence whose only figures are spans of time tells a story, not a report.
    "En 2015 inicié la especialidad y desde hace dos meses soy directora.\n"
    "El hospital da 4 mil 210 consultas.",
])
def test_a_story_s_year_does_not_date_the_next_paragraph(text: str) -> None:
    fact = _facts(text)[4210]
    assert (fact.year, fact.period_start) == (2021, None), text


def test_a_reported_year_still_dates_the_next_paragraph() -> None:
    fact = _facts("En 2020 se contrataron 40 médicos.\nEl hospital dio 4 mil 210 consultas.")[4210]
    assert fact.year == 2020


def test_an_adverb_is_not_what_an_amount_measures() -> None:
    fact = _facts("El salario irá de un mínimo –actualmente de 350 pesos– a 25 UMAS.")[350]
    assert fact.measure == "monto"


@pytest.mark.parametrize("text, value, measure", [
    ("En la región trabajan 85 brigadistas. Siete de ellos resultaron heridos.", 7,
     "brigadistas"),
    ("Se contrataron 140 enfermeras y 52 de ellas trabajan de noche.", 52, "enfermeras"),
    ("En la sierra hay 230 parteras certificadas. De ellas, 61 hablan una lengua indígena.",
     61, "parteras"),
])
def test_a_pronoun_partitive_counts_the_noun_before(text: str, value: int, measure: str) -> None:
    assert _facts(text)[value].measure == measure


def test_a_demonstrative_with_its_own_noun_keeps_it() -> None:
    facts = _facts("Se visitaron 30 estados. De estos 12 hospitales, 4 ya operan.")
    assert facts[12].measure == "hospitales"
    facts = _facts("Se registraron 900 trabajadores. De ellos, 300 enfermeras y 40 por ciento de "
                   "avance. Tres de ellos se jubilaron.")
    assert facts[300].measure == "enfermeras"
    assert facts[3].measure != "avance"  # a percentage's noun is not what a part counts


def test_a_period_of_the_next_clause_leaves_this_figure_undated() -> None:
    facts = _facts("En 2019 se dieron 500 consultas. La convocatoria ofrece 3 mil 150 becas; "
                   "para el año 2023 se abrirán otras 900.")
    assert facts[3150].year == 2021 and facts[3150].period_start is None


@pytest.mark.parametrize("sentence, modality", [
    # A noun, then "a"/"por" and an infinitive: what is still to be done.
    ("Van 640 enfermeras contratadas de un total de 910 enfermeras a contratar.", "meta"),
    ("Quedan 910 plazas por cubrir en la sierra.", "meta"),
    ("Hay 910 obras por concluir en los estados del sur.", "meta"),
    ("El sindicato tiene 910 expedientes a revisar esta semana.", "meta"),
    # ... but a noun ending as an infinitive is none, and a past verb states what was done.
    ("Se pagan 910 pesos por hogar en la sierra.", "realizado"),
    ("Hay 910 camas a nivel estatal.", "realizado"),
    ("Se destinaron 910 millones de pesos a construir el hospital.", "realizado"),
    ("Hoy se asignan 910 millones de pesos a construir el hospital.", "realizado"),
    ("Faltan 910 plazas por cubrirse en la sierra.", "meta"),
    # A verb between the noun and the infinitive says what was done.
    ("En la jornada, 910 enfermeras comenzaron a trabajar.", "realizado"),
    ("Un total de 910 personas acudieron a donar sangre.", "realizado"),
    ("Los 910 trabajadores fueron premiados por cumplir su tarea.", "realizado"),
    ("Se otorgan 910 becas a estudiantes por obtener buenas calificaciones.", "realizado"),
    ("El hospital atiende a 910 pacientes a pesar de la falta de médicos.", "realizado"),
    ("Hay 910 médicos por millar de habitantes en la capital.", "realizado"),
])
def test_a_noun_still_to_be_done_is_a_plan(sentence: str, modality: str) -> None:
    fact = _facts(sentence)[910] if "millones" not in sentence else _facts(sentence)[910_000_000]
    assert fact.modality == modality


def test_a_total_to_be_done_is_a_plan_beside_what_was_done() -> None:
    facts = _facts("Van 640 enfermeras contratadas de un total de 910 enfermeras a contratar.")
    assert (facts[640].modality, facts[910].modality) == ("realizado", "meta")


@pytest.mark.parametrize("sentence, before, after", [
    # What there was when the speakers started, said in the imperfect, is the state before.
    ("Cuando llegamos había apenas 12 hospitales y ahora son 30 hospitales.", 12, 30),
    ("Al inicio de la administración teníamos 12 quirófanos; hoy tenemos 30.", 12, 30),
    ("Al inicio de este gobierno, el estado contaba con 12 salas, y hoy cuenta con 30 salas.",
     12, 30),
    ("Al inicio del sexenio había 12 salas; hoy son 30 salas.", 12, 30),
    ("Al inicio de la presente administración había 12 salas; hoy hay 30 salas.", 12, 30),
    ("Cuando iniciamos en 2018 había 12 salas, y ahora tenemos 30 salas.", 12, 30),
    ("Cuando llegó este gobierno había 12 salas; ahora contamos con 30 salas.", 12, 30),
])
def test_the_state_when_a_government_started_is_a_baseline(sentence: str, before: int,
                                                           after: int) -> None:
    facts = _facts(sentence)
    assert (facts[before].modality, facts[after].modality) == ("antes", "realizado")


@pytest.mark.parametrize("sentence", [
    "Había 12 hospitales en el estado en 2019.",
    "Cuando iniciamos la campaña se vacunaron 12 mil niños.",
    # A story's start is not the speakers': ages and states in a narrative are no baseline.
    "Cuando llegó al hospital, la niña tenía 12 años de edad.",
    "Cuando recibió el trasplante, el paciente tenía 12 años.",
    "Al llegar a urgencias, la paciente tenía 12 horas con fiebre.",
    "Cuando llegaron los brigadistas, había 12 personas en el albergue.",
])
def test_a_past_without_a_starting_point_is_what_was_done(sentence: str) -> None:
    (fact,) = [f for f in _facts(sentence).values() if f.value != 2019]
    assert fact.modality == "realizado"


def test_a_list_after_a_starting_point_is_all_of_that_time() -> None:
    facts = _facts("Cuando iniciamos había 12 salas y 20 quirófanos; hoy hay 30 salas.")
    assert (facts[12].modality, facts[20].modality, facts[30].modality) == (
        "antes", "antes", "realizado")


def test_a_goal_when_a_government_started_stays_a_goal() -> None:
    (fact,) = _facts("Cuando inició este gobierno, la meta era vacunar a 300 mil niños.").values()
    assert fact.modality == "meta"


@pytest.mark.parametrize("sentence, start, end, year", [
    # "de A <tiempo> a B": the time phrase after the change's start is the start's; the end
    # is the text's present (2021 here), not the start's year.
    ("Las reservas pasaron de 215 mil millones de pesos en 2018 a 401 mil millones de pesos.",
     215_000_000_000, 401_000_000_000, 2018),
    ("El abasto de medicinas pasó del 20 por ciento en 2019 al 96 por ciento.", 20, 96, 2019),
    ("La plantilla creció de 300 médicos en 2020 a 450 médicos.", 300, 450, 2020),
    ("Se pasó de 40 camas en el año 2019 hasta 90 camas.", 40, 90, 2019),
])
def test_the_time_of_a_changes_start_is_not_its_ends(sentence: str, start: float, end: float,
                                                     year: int) -> None:
    facts = _facts(sentence)
    assert (facts[start].year, facts[start].modality) == (year, "antes")
    assert (facts[end].year, facts[end].period_start, facts[end].modality) == (
        2021, None, "realizado")


def test_a_year_stated_after_el_ano_is_that_year_not_this_one() -> None:
    (fact,) = [f for f in _facts("En el año 2019 se hicieron 40 cirugías.").values()]
    assert fact.year == 2019 and fact.time_phrase == "año 2019"


@pytest.mark.parametrize("text, value", [
    # A time of the text's own day ends the span stated sentences before: what follows is
    # of the text's year (2021 here), not of the story's.
    ("El programa existe desde 1979 y atendía entonces a 3 mil comunidades. Hoy tiene "
     "presencia en 24 estados. Opera 80 hospitales.", 80),
    ("En 1995 se abrieron las primeras 40 clínicas. Este año el programa llegó a 19 estados. "
     "Cuenta con 120 clínicas.", 120),
])
def test_a_time_of_the_texts_day_ends_an_earlier_span(text: str, value: int) -> None:
    fact = _facts(text)[value]
    assert (fact.year, fact.period_start) == (2021, None)


@pytest.mark.parametrize("sentence, first, second, modality", [
    # "no A, sino B": B shares A's verb, and so whether it is a plan.
    ("Ya no operará solamente 80 hospitales, sino 331.", 80, 331, "meta"),
    ("La meta no es llegar a 200 quirófanos, sino a 250.", 200, 250, "meta"),
    ("No se contrataron 50 médicos, sino 75.", 50, 75, "realizado"),
])
def test_the_figure_after_sino_shares_the_verb_of_the_one_it_replaces(
        sentence: str, first: int, second: int, modality: str) -> None:
    facts = _facts(sentence)
    assert (facts[first].modality, facts[second].modality) == (modality, modality)


@pytest.mark.parametrize("sentence, value", [
    # Millions with no noun that are given, paid or spent are money.
    ("En abril el Insabi transfirió al Instituto 112 millones adicionales para la obra.",
     112_000_000),
    ("Este año se invirtieron 45 millones en la remodelación del hospital.", 45_000_000),
    ("Se pagaron 3 millones a los proveedores de oxígeno.", 3_000_000),
])
def test_millions_given_or_spent_are_money(sentence: str, value: int) -> None:
    assert _facts(sentence)[value].unit == "pesos"


@pytest.mark.parametrize("sentence", [
    "El programa atiende a 12 millones de derechohabientes.",
    "El IMSS afilió a 1.5 millones adicionales.",
    "La campaña vacunó a 2 millones en el estado.",
])
def test_millions_of_people_are_no_money(sentence: str) -> None:
    assert all(f.unit != "pesos" for f in _facts(sentence).values())


@pytest.mark.parametrize("sentence, value, month", [
    # A month stated without its year, nearer the figure than the speaker's "hoy", is the
    # figure's time (of the text's year, 2021 here).
    ("Quiero anunciar el día de hoy que, como se acordó, en abril el Insabi transfirió 112 "
     "millones de pesos al Instituto.", 112_000_000, "2021-04-01"),
    ("Hoy les informo que en mayo se hicieron 45 cirugías de cataratas.", 45, "2021-05-01"),
])
def test_a_month_beside_the_figure_beats_the_speakers_hoy(sentence: str, value: int,
                                                          month: str) -> None:
    assert _facts(sentence)[value].period_start == month


@pytest.mark.parametrize("text, value, start", [
    # What a review found: a sentence of the text's day with no figure ends no span, and a
    # sentence that points back to the span takes it again.
    ("Durante 2020 el hospital realizó 3 mil cirugías. Así lo informó hoy el director. De "
     "ellas, 500 fueron cirugías de urgencia.", 500, "2020-01-01"),
    ("De enero a septiembre de 2020 la delegación aplicó 250 mil vacunas. Actualmente se "
     "mantienen 40 módulos. En ese lapso también se aplicaron 80 mil pruebas.", 80_000,
     "2020-01-01"),
])
def test_a_span_pointed_back_to_outlives_a_sentence_of_the_texts_day(text: str, value: int,
                                                                      start: str) -> None:
    assert _facts(text)[value].period_start == start


def test_a_year_before_a_recipient_is_no_start_of_a_change() -> None:
    facts = _facts("El IMSS aplicó más de 10 mil vacunas en 2019 a 4 mil trabajadores de la "
                   "salud en Oaxaca.")
    assert (facts[10_000].year, facts[4_000].year) == (2019, 2019)


def test_the_figure_after_sino_counts_what_the_replaced_one_counted() -> None:
    facts = _facts("Ya no operará solamente 80 hospitales rurales, sino 331.")
    assert (facts[331].measure, facts[331].modality) == (facts[80].measure, "meta")
