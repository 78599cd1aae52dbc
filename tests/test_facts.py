"""Figure extraction: every figure of both seeds, and many phrasings the seeds never use."""

from __future__ import annotations

import pytest

from index.facts import extract_facts
from index.nlp import sentence_spans
from index.parse import read_bulletin
from index.types import Bulletin, Fact
from tests.conftest import SEED_A, SEED_B, SEEDS


def facts_of(text: str, date: str | None = None) -> list[Fact]:
    bulletin = Bulletin("prueba.txt", None, date, None, text)
    return extract_facts(bulletin, sentence_spans(text))


def triples(facts: list[Fact]) -> list[tuple[int | float, str, str | None]]:
    return [(f.value, f.measure, f.qualifier) for f in facts]


def seed_facts(name: str) -> tuple[Bulletin, list[Fact]]:
    bulletin = read_bulletin(SEEDS / name)
    return bulletin, extract_facts(bulletin, sentence_spans(bulletin.text))


def test_seed_a_every_figure() -> None:
    bulletin, facts = seed_facts(SEED_A)
    got = triples(facts)
    for expected in [
        (6_500_000, "consultas de especialidad", None),
        (36_000_000, "consultas de medicina familiar", None),
        (475_275, "cirugías", None),
        (475_725, "cirugías", None),
        (956, "trasplantes", None),
        (442, "trasplantes", "riñón"),
        (353, "trasplantes", "córnea"),
        (120, "trasplantes", "médula ósea"),
        (31, "trasplantes", "hígado"),
        (10, "trasplantes", "corazón"),
        (6_552_794, "consultas de especialidad", None),
        (35_919_359, "consultas de medicina familiar", None),
        (2_615_789, "detecciones", "diabetes"),
        (5_701_194, "detecciones", "hipertensión"),
        (955_952, "detecciones", "cáncer cérvico uterino"),
        (1_930_913, "detecciones", "cáncer de mama por exploración física"),
        (505_437, "mastografías", None),
        (211_946, "acciones", None),
        (139_157, "consultas de medicina familiar", None),
        (17_779, "consultas de especialidad", None),
        (2_537, "cirugías", None),
        (28, "estados", None),
    ]:
        assert expected in got, expected
    # Stated twice (lead and body): both mentions are facts.
    assert got.count((353, "trasplantes", "córnea")) == 2
    pct = [f for f in facts if f.unit == "percent"]
    assert [(f.value, f.measure) for f in pct] == [(71.2, "productividad anual")]
    # Not figures: the phone number, the ordinals of events, the dates.
    values = {f.value for f in facts}
    assert not values & {800, 623, 2323, 8, 24, 26, 12, 1}
    # The bulletin gives no year: periods keep month and day only.
    cornea = next(f for f in facts if f.qualifier == "córnea")
    assert (cornea.period_start, cornea.period_end, cornea.year) == ("--04-01", "--09-12", None)
    jornada = next(f for f in facts if f.value == 2_537)
    assert jornada.event and jornada.event.startswith("7ª Jornada Nacional")
    assert (jornada.period_start, jornada.period_end) == ("--09-10", "--09-12")
    assert next(f for f in facts if f.value == 6_500_000).approx == "más de"
    assert next(f for f in facts if f.value == 36_000_000).approx == "casi"


def test_seed_b_every_figure() -> None:
    bulletin, facts = seed_facts(SEED_B)
    assert (bulletin.number, bulletin.date) == ("175/2022", "2022-04-12")
    got = triples(facts)
    for expected in [
        (437_000, "atenciones", None),
        (437_301, "atenciones", None),
        (193_496, "consultas de medicina familiar", None),
        (59_225, "consultas de especialidad", None),
        (7_447, "cirugías", None),
        (162_253, "detecciones", None),
        (14_825, "estudios", "diagnóstico y tratamiento"),
        (55, "trasplantes", None),
        (19, "trasplantes", "riñón"),
        (22, "trasplantes", "córnea"),
        (7, "trasplantes", "médula ósea"),
        (5, "trasplantes", "hígado"),
        (2, "trasplantes", "corazón"),
        (20_000, "personas", None),
    ]:
        assert expected in got, expected
    cornea = next(f for f in facts if f.qualifier == "córnea")
    assert cornea.year == 2022
    assert cornea.event and "tres primeras Jornadas Nacionales" in cornea.event
    people = next(f for f in facts if f.measure == "personas")
    assert people.approx == "cerca de"
    assert (people.period_start, people.period_end) == ("2022-03-11", "2022-03-13")


@pytest.mark.parametrize("name", [SEED_A, SEED_B])
def test_every_span_is_exact(name: str) -> None:
    bulletin, facts = seed_facts(name)
    assert facts
    for f in facts:
        assert f.sentence_start <= f.start <= f.value_start < f.value_end <= f.end <= f.sentence_end
        quote = bulletin.text[f.value_start:f.value_end]
        assert quote[0].isalnum() and quote[-1].isalnum()


# Phrasings of our own: other organs, services, years, word orders.
@pytest.mark.parametrize("text, expected", [
    ("Durante 2022 el IMSS realizó 4 mil 512 trasplantes, de los cuales 3 mil 100 fueron "
     "renales, 900 de córnea y doce de pulmón.",
     [(4512, "trasplantes", None), (3100, "trasplantes", "riñón"),
      (900, "trasplantes", "córnea"), (12, "trasplantes", "pulmón")]),
    ("En el primer trimestre de 2023 se otorgaron 8.2 millones de consultas de primer nivel y "
     "un millón 200 mil de especialidad.",
     [(8_200_000, "consultas de medicina familiar", None),
      (1_200_000, "consultas de especialidad", None)]),
    ("Las cirugías sumaron 12 mil 400 entre enero y junio.", [(12_400, "cirugías", None)]),
    ("Hasta el 30 de junio se realizaron doscientas treinta y cuatro intervenciones quirúrgicas "
     "de cataratas.", [(234, "cirugías", "cataratas")]),
    ("La 2ª Semana Nacional de Salud Pública registró 150 mil detecciones de obesidad, 80 mil "
     "de VIH y 35 mil 200 de tuberculosis.",
     [(150_000, "detecciones", "obesidad"), (80_000, "detecciones", "VIH"),
      (35_200, "detecciones", "tuberculosis")]),
    ("El número de partos atendidos fue de 345 mil 678 en 2021.",
     [(345_678, "nacimientos", None)]),
    ("El Seguro Social cuenta con 1,500 hospitales y 30 mil 500 camas.",
     [(1500, "hospitales", None), (30_500, "camas", None)]),
    ("Se aplicaron más de cuatro millones de vacunas contra la influenza.",
     [(4_000_000, "vacunas", "influenza")]),
    ("Se efectuaron 18 trasplantes hepáticos y 4 cardiacos en el Centro Médico.",
     [(18, "trasplantes", "hígado"), (4, "trasplantes", "corazón")]),
    ("Trasplantes de riñón: 240.", [(240, "trasplantes", "riñón")]),
    # A noun shaped like an adjective ("clínicas", "técnicas") counts itself when there is no
    # noun to borrow; after one, an adjective still borrows it.
    ("Operan 14 clínicas en la región.", [(14, "clínicas", None)]),
    ("Se capacitaron 320 técnicas y 18 químicas.", [(320, "técnicas", None), (18, "químicas", None)]),
    # An adverb after the figure is no noun: the figure counts what the verb says.
    ("Se contrataron 4 mil 120 exclusivamente para las clínicas rurales.",
     [(4120, "cifra", None)]),
    ("Se atendieron 310 principalmente en zonas indígenas.", [(310, "cifra", None)]),
    # "de" + an auxiliary infinitive is what the figure is of, not a kind of it.
    ("Hay promotoras con 25 años de ser voluntarias en su comunidad.", [(25, "años", None)]),
    ("Son 12 meses de estar en operación.", [(12, "meses", None)]),
    ("Se brindaron 96 mil atenciones de urgencias; además, 3 mil 210 de terapia intensiva.",
     [(96_000, "atenciones", "urgencias"), (3210, "atenciones", "terapia intensiva")]),
    # A relative clause hangs a figure from the noun before it; its verb is never the noun.
    ("Los enfermeros contratados, que son 2 mil 300 a la fecha, ya trabajan.",
     [(2300, "enfermeros", None)]),
    ("Las unidades que eran 410 ahora son 455.", [(410, "unidades", None), (455, "unidades", None)]),
    ("Los albergues, que llegaron a ser 95, cerraron en julio.", [(95, "albergues", None)]),
    ("Las ambulancias que se compraron fueron 64.", [(64, "ambulancias", None)]),
    ("Los créditos que se entregaron en mayo sumaron 190 mil.", [(190_000, "créditos", None)]),
    ("De los jóvenes que han sido inscritos, que son 8 mil 12, la mitad estudia.",
     [(8012, "jóvenes", None)]),
    # A setting is not what is counted; an adverb after a figure is not its noun.
    ("En el papel eran 80 camas, pero en la práctica fueron 120.",
     [(80, "camas", None), (120, "camas", None)]),
    ("Los módulos eran 60 y son 75 ahora.", [(60, "módulos", None), (75, "módulos", None)]),
    # Nouns of people that end like adjectives ("hospitalarios") are what is counted.
    ("Con sus 34 unidades médicas rurales la zona abarca casi 50 mil beneficiarios.",
     [(34, "unidades", None), (50_000, "beneficiarios", None)]),
    ("En las clínicas comunitarias trabajan 300 voluntarios.", [(300, "voluntarios", None)]),
    ("Tras abrir 12 consultorios en la sierra llegamos a 9 mil usuarios.",
     [(12, "consultorios", None), (9000, "usuarios", None)]),
    ("Hubo 12 mil egresos, de ellos 300 hospitalarios.",
     [(12_000, "egresos", None), (300, "egresos", "hospitalarios")]),
    # ... but after a noun, «médicos» and «voluntarios» are still its adjectives.
    ("Se hicieron 12 mil estudios médicos de laboratorio y 3 mil de imagen.",
     [(12_000, "estudios", "laboratorio"), (3000, "estudios", "imagen")]),
    ("Se distribuyeron equipos médicos hasta llegar a 1,200.", [(1200, "equipos", None)]),
    # The subject after the figure: "son 45 los consultorios".
    ("En Sonora son 45 los consultorios que se remodelaron.", [(45, "consultorios", None)]),
    ("Fueron 300 las personas atendidas en la jornada.", [(300, "personas", None)]),
    # An adjective Spanish puts before the noun is not what is counted.
    ("Se contrataron 2 mil 318 nuevas enfermeras y 40 distintos laboratorios.",
     [(2318, "enfermeras", None), (40, "laboratorios", None)]),
    ("Reciben apoyo 9 mil pequeños y medianos productores.", [(9000, "productores", None)]),
    ("Abrirán 12 nuevas.", [(12, "cifra", None)]),
    # What a share is for is its kind; a purpose clause ("para intervenir") is not.
    ("Se abrirán 8 mil plazas, de las cuales 2 mil serán para médicos y mil 500 para "
     "enfermeras.", [(8000, "plazas", None), (2000, "plazas", "médicos"),
                     (1500, "plazas", "enfermeras")]),
    ("Fueron 280 millones para remodelar 40 clínicas.", [(280_000_000, "cifra", None),
                                                         (40, "clínicas", None)]),
    # A range shares its noun and its scale: "entre 30 y 35 mil niños".
    ("Los afiliados tienen entre 40 y 49 años.", [(40, "años", None), (49, "años", None)]),
    ("Esperamos de 30 a 35 mil visitantes.", [(30_000, "visitantes", None),
                                              (35_000, "visitantes", None)]),
    ("Serán entre 2 y 3 millones de dosis.", [(2_000_000, "vacunas", None),
                                              (3_000_000, "vacunas", None)]),
    # A setting opens the sentence: the noun phrase after it is what the figure counts, and
    # a setting alone ("en el caso de ...") counts nothing.
    ("En Sonora las camas del hospital son 300.", [(300, "camas", "hospital")]),
    ("Con la reconversión, las camas fueron 900.", [(900, "camas", None)]),
    ("En el estado de Jalisco las guarderías suman 52.", [(52, "guarderías", None)]),
    ("Y en el caso del programa rural son ocho.", [(8, "cifra", None)]),
    ("En el país las clínicas son 40 y en el caso de Oaxaca son ocho.",
     [(40, "clínicas", None), (8, "clínicas", None)]),
    # "de los cuales N" is a part of what the figure before counts; what is said of the part
    # is its own.
    ("Se contrataron 900 enfermeras, de las cuales 300 trabajan en Oaxaca.",
     [(900, "enfermeras", None), (300, "enfermeras", None)]),
    # The noun before "del": "una ocupación del 87 por ciento", past its adjectives and how
    # near; an adverb or a verb is no noun.
    ("El hospital tiene una ocupación del 87 por ciento.", [(87, "ocupación", None)]),
    ("El salario tuvo un aumento nominal anual del 9.5 por ciento.", [(9.5, "aumento", None)]),
    ("Es un incremento de cerca del 22 por ciento.", [(22, "incremento", None)]),
    ("Tenemos una ocupación de arriba del 85 por ciento.", [(85, "ocupación", None)]),
    ("Ya está cerca del 40 por ciento.", [(40, "porcentaje", None)]),
    # A plural noun right before "de N" is what it counts, a participle too.
    ("Hay una existencia de embarazadas de mil 76 de alto riesgo.",
     [(1076, "embarazadas", "alto riesgo")]),
    ("Hoy hay un registro de pacientes de 2 mil 40.", [(2040, "pacientes", None)]),
    # ... but a quantifier that stands for a noun is none ("algunas [especialidades] de tres").
    ("Las residencias duran cuatro años en general, algunas de tres.",
     [(4, "años", None), (3, "años", None)]),
    ("Muchos cursos son de dos semanas, varios de tres.",
     [(2, "semanas", None), (3, "semanas", None)]),
    # A figure with no noun of its own is the amount of the noun before "de".
    ("Así, hubo un egreso de 11 mil 906 entre Salud y el Seguro Social.",
     [(11_906, "egreso", None)]),
    ("El IMSS logró una contratación de siete mil 900.", [(7_900, "contratación", None)]),
    # ... even after a figure of another noun in the sentence, which it does not repeat
    # ("el resto de 30" is still a part of it).
    ("En los 12 estados que ya concluyeron la contratación de 4 mil 300, siguió el proceso.",
     [(12, "estados", None), (4_300, "contratación", None)]),
    ("Son 20 hospitales con una capacidad de 900.",
     [(20, "hospitales", None), (900, "capacidad", None)]),
    ("De los nueve estados con la vacunación de 12 mil, Sonora va adelante.",
     [(9, "estados", None), (12_000, "vacunación", None)]),
    ("Había 107 salas, y el resto de 30 se abrirán después.",
     [(107, "salas", None), (30, "salas", None)]),
    # "ocho de los 11 municipios": a part of what the next figure counts.
    ("La población vive en ocho de los 11 municipios de la región.",
     [(8, "municipios", "región"), (11, "municipios", "región")]),
    ("Se vacunó a 40 de los 120 trabajadores.",
     [(40, "trabajadores", None), (120, "trabajadores", None)]),
    ("Tres de cada 10 pacientes son mujeres.", [(3, "pacientes", None), (10, "pacientes", None)]),
    # ... not when the whole has another scale; a goal, a maximum are of the noun before.
    ("Se vacunó a 2 de los 5 millones de niños.", [(2, "cifra", None), (5_000_000, "niños", None)]),
    ("Se han vacunado 300 niños, de una meta de 500.",
     [(300, "niños", None), (500, "niños", None)]),
    ("Se atendieron 90 pacientes, con un máximo de 120.",
     [(90, "pacientes", None), (120, "pacientes", None)]),
    # ... but not a verb, an age, or a name's article.
    ("La espera se redujo del 57 al 40 por ciento.",
     [(57, "porcentaje", None), (40, "porcentaje", None)]),
    ("El abasto pasa de 800.", [(800, "cifra", None)]),
    ("La vacuna se aplica a personas de 60 y más.", [(60, "cifra", None)]),
    ("En el hospital La Raza las camas son 300.", [(300, "camas", None)]),
    ("La meta es el 85 por ciento de estos cuatro mil 300.",
     [(85, "porcentaje", None), (4_300, "cifra", None)]),
    ("Se abrirán 10 mil plazas, de las cuales 2 mil serán para urgencias.",
     [(10_000, "plazas", None), (2_000, "plazas", "urgencias")]),
    # A span of time is repeated only by a figure that could be one.
    ("El permiso es de 14 días, pero se pagan 11.", [(14, "días", None), (11, "días", None)]),
    ("La red, que cumple 30 años, atiende a 2 millones.",
     [(30, "años", None), (2_000_000, "cifra", None)]),
])
def test_unseen_phrasings(text: str, expected: list[tuple[int, str, str | None]]) -> None:
    assert triples(facts_of(text)) == expected


def test_the_noun_after_a_figure_restated_in_words_is_what_it_counts() -> None:
    facts = facts_of("Al 31 de mayo se tienen registrados 1,204,317 (un millón doscientos cuatro "
                     "mil trescientos diecisiete) empleos formales, de los cuales el 61.5% "
                     "(sesenta y uno punto cinco por ciento) son permanentes. Se contrataron "
                     "ocho mil (8,000) enfermeras.", "2023-06-10")
    assert [(f.value, f.measure) for f in facts] == [
        (1_204_317, "empleos"), (61.5, "porcentaje"), (8000, "enfermeras")]


def test_percent_money_and_approximations() -> None:
    facts = facts_of("El programa significó un ahorro de $1,200 millones de pesos y un aumento "
                     "de 12.5 por ciento en consultas. Participaron alrededor de 5 mil personas.")
    assert [(f.value, f.unit, f.measure, f.approx) for f in facts] == [
        (1_200_000_000, "pesos", "ahorro", None),
        (12.5, "percent", "aumento", None),
        (5000, "count", "personas", "alrededor de"),
    ]


@pytest.mark.parametrize("text, units", [
    # Millions with no noun after a sum of money in the same sentence are money too ...
    ("El fondo es de 800 millones de pesos y ya se gastaron 300 millones.",
     [(800_000_000, "pesos"), (300_000_000, "pesos")]),
    ("De los 60 mil millones de pesos para vivienda, aún quedan 12 mil millones por asignar.",
     [(60_000_000_000, "pesos"), (12_000_000_000, "pesos")]),
    # ... not after a count, nor before the money.
    ("Atendemos a 9.1 millones de personas y este año sumamos 1.5 millones.",
     [(9_100_000, "count"), (1_500_000, "count")]),
    ("Vacunamos a 2 millones y gastamos 40 millones de pesos.",
     [(2_000_000, "count"), (40_000_000, "pesos")]),
    ("Con una inversión de 500 millones de pesos, el programa beneficiará a 1.5 millones.",
     [(500_000_000, "pesos"), (1_500_000, "count")]),
    ("La inversión pasó de 500 millones de pesos a 700 millones.",
     [(500_000_000, "pesos"), (700_000_000, "pesos")]),
])
def test_bare_millions_after_money(text: str, units: list[tuple[int, str]]) -> None:
    assert [(f.value, f.unit) for f in facts_of(text)] == units


def test_periods_carry_and_years_fill_from_the_bulletin_date() -> None:
    text = ("Del 3 al 7 de octubre se realizó la 5ª Jornada Nacional de Salud. "
            "En ella se otorgaron 40 mil consultas de especialidad.\n\n"
            "En la 5ª Jornada Nacional de Salud se hicieron además 900 cirugías.")
    facts = facts_of(text, date="2023-10-20")
    assert [(f.value, f.period_start, f.period_end, f.event_num) for f in facts] == [
        (40_000, "2023-10-03", "2023-10-07", 5),
        (900, "2023-10-03", "2023-10-07", 5),
    ]


def test_no_year_is_guessed_without_a_date() -> None:
    facts = facts_of("Del 2 al 6 de mayo se otorgaron 1,200 consultas de especialidad.")
    assert (facts[0].period_start, facts[0].period_end, facts[0].year) == ("--05-02", "--05-06",
                                                                           None)


def test_not_figures() -> None:
    text = ("Ciudad de México, lunes 3 de julio de 2023. No. 330/2023. Informes al 55 5238 2700 "
            "o a la línea 800 623 2323. Por primera vez, la 3ª Jornada del 10 al 12 de mayo "
            "atendió casos de COVID-19 a las 10:30 horas.")
    assert facts_of(text) == []


@pytest.mark.parametrize("text, year", [
    ("El hospital, que abrió en 1990, atiende a 300 mil personas.", 2021),
    ("El programa, que nació hace 40 años, atiende a 12 millones de personas.", 2021),
    ("La clínica, donde en 2015 se operaron 20 pacientes, atiende hoy a 900 personas.", 2021),
    # Not set off as an aside: the time is the figure's.
    ("En 2015 la clínica atendió a 900 personas.", 2015),
    # Nor does the aside date the next sentence.
    ("El hospital, que abrió en 1990, atiende a 12 mil pacientes. Además cuenta con 900 camas.",
     2021),
    ("En 2015 se atendieron 300 partos. Además se atendió a 900 personas.", 2015),
    # A semicolon or a colon closes the aside: the time after it is the figure's.
    ("Hace diez años llegué a la clínica, la cual abrió con 12 médicos; hoy, tenemos 90.", 2021),
    ("El centro, que en 2010 tenía 40 camas; actualmente, cuenta con 120 camas.", 2021),
    ("La unidad, que nació hace 30 años con 5 consultorios: en este momento, son 25.", 2021),
])
def test_the_time_of_a_relative_aside_is_not_the_figures(text: str, year: int) -> None:
    assert facts_of(text, "2021-05-04")[-1].year == year


@pytest.mark.parametrize("text, start", [
    # "ahora", "al momento" in the figure's sentence: of the text's day, not of the span
    # stated before.
    ("De enero a junio de 2021 se atendió a 500 personas. El abasto alcanzó ahora el 98 por "
     "ciento de recetas surtidas.", None),
    ("De enero a junio de 2021 se atendió a 500 personas. Ahora ya son 40 clínicas.", None),
    ("En marzo de 2021 se abrieron 5 salas. Al momento se compran 300 camillas.", None),
    # ... but not "ahora bien" nor "al momento de": the span goes on.
    ("De enero a junio de 2021 se atendió a 500 personas. Ahora bien, se operaron 40 "
     "pacientes.", "2021-01-01"),
    ("En marzo de 2021 se abrieron 5 salas. Al momento de abrir había 300 camillas.",
     "2021-03-01"),
])
def test_now_in_the_sentence_ends_the_span_stated_before(text: str, start: str | None) -> None:
    last = facts_of(text, "2021-09-27")[-1]
    assert (last.period_start, last.year) == (start, 2021)


@pytest.mark.parametrize("text, modality", [
    # The figure's own time phrase is after the text's date: a plan, whatever the verb.
    ("El reto es pasar en el año 2026, con la segunda etapa, a 400 camas.", "meta"),
    ("En 2026, con la nueva torre, son 400 camas en total.", "meta"),
    ("En 2024, con la nueva torre, fueron 400 camas en total.", "realizado"),
    # A year carried from an earlier sentence is no phrase of the figure's own.
    ("El plan de 2026 ya se presentó. Hoy hay 400 camas.", "realizado"),
    # A span that begins in the text's year may be done already.
    ("Del 1 de octubre de 2024 al 31 de marzo de 2026 se han aplicado 400 dosis.", "realizado"),
])
def test_a_figure_of_a_later_year_than_its_text_is_a_plan(text: str, modality: str) -> None:
    assert facts_of(text, "2025-03-10")[-1].modality == modality


@pytest.mark.parametrize("text", [
    "La red atiende a 40 mil personas que viven en seis de los 17 municipios del estado de Tabasco.",
    "Ya se vacunó en 12 de los 20 hospitales de Jalisco.",
])
def test_a_part_is_of_its_wholes_place(text: str) -> None:
    """«seis de los 17 municipios del estado de Tabasco»: the part is Tabasco's too."""
    parts = [f for f in facts_of(text, "2024-05-10") if f.value in (6, 12, 17, 20)]
    assert len(parts) == 2 and {f.place for f in parts} in ({"Tabasco"}, {"Jalisco"})


def test_a_part_keeps_only_its_wholes_clause() -> None:
    """«… y el resto se hará en Puebla» is said of the rest, not of the six done."""
    facts = facts_of("Seis de los 14 trasplantes se realizaron en el Centro Médico Nacional La "
                     "Raza y el resto se hará en Puebla.", "2024-05-10")
    assert [(f.value, f.place) for f in facts if f.value == 6] == [(6, None)]



@pytest.mark.parametrize("text, values", [
    ("En 1980 había 1.8 camas por cada mil derechohabientes.", [1.8]),
    ("La tasa bajó a 12 muertes por cada 100 mil habitantes.", [12]),
    ("Hay 3 enfermeras por cada diez mil habitantes y 40 médicos en total.", [3, 40]),
    ("Por cada 1,000 nacidos vivos mueren 11 bebés.", [11]),
    # The ratio's figure before «por cada» is one.
    ("Se atienden 25 pacientes por cada cama disponible.", [25]),
])
def test_the_base_of_a_ratio_is_no_figure(text: str, values: list[float]) -> None:
    assert [f.value for f in facts_of(text)] == values


def test_the_base_of_a_ratio_in_words_and_digits_is_no_figure() -> None:
    # «2 mil 500» is one number: its «500» was read as a figure of «pesos de salario».
    text = "Por cada 2 mil 500 pesos de salario, el trabajador aporta 60 pesos."
    assert [f.value for f in facts_of(text)] == [60]


@pytest.mark.parametrize("text, value, measure", [
    ("Este año hubo 55 por ciento menos hospitalizaciones que el anterior.", 55,
     "hospitalizaciones"),
    ("En la tercera ola hubo 63 % menos defunciones.", 63, "defunciones"),
    ("Se otorgaron 30 por ciento más créditos de vivienda.", 30, "créditos de vivienda"),
    # No noun after "más": the share names nothing it counts.
    ("El abasto creció 12 % más que el año pasado.", 12, "porcentaje"),
])
def test_a_share_more_or_less_of_a_noun_counts_that_noun(text: str, value: int,
                                                         measure: str) -> None:
    f = next(f for f in facts_of(text, "2022-05-04") if f.value == value)
    assert (f.measure, f.unit) == (measure, "percent")


@pytest.mark.parametrize("text, measure, qualifier", [
    # A kind's own noun right after the figure is what it counts, not a kind of a noun before.
    ("Atienden cardiólogos, pediatras, otorrinos, en fin, más de 29 especialidades.",
     "especialidades", None),
    ("Se trasplantaron 40 riñones en el año.", "riñones", None),
    # ... its adjective is still a kind of the noun before.
    ("Se hicieron 610 trasplantes renales y 19 hepáticos.", "trasplantes", "hígado"),
])
def test_a_kinds_own_noun_after_a_figure_is_what_it_counts(text: str, measure: str,
                                                          qualifier: str | None) -> None:
    f = facts_of(text, "2022-05-04")[-1]
    assert (f.measure, f.qualifier) == (measure, qualifier)


@pytest.mark.parametrize("text, period", [
    ("En 2019 se visitaron 80 hospitales del modelo de 1979. El 8 de febrero de 2021 fue el día "
     "de la máxima ocupación. En ese momento, 345 camas estaban destinadas a COVID.",
     "2021-02-08"),
    ("El 3 de marzo de 2022 se inauguró la clínica de Tepic. Ese día se dieron 40 consultas.",
     "2022-03-03"),
    ("Desde 2018 se planeó la obra; el 15 de mayo de 2023 se abrió el hospital. Para entonces "
     "ya trabajaban ahí 300 enfermeras.", "2023-05-15"),
])
def test_a_sentence_that_points_back_to_a_day_takes_it(text: str, period: str) -> None:
    f = facts_of(text, "2023-06-06")[-1]
    assert (f.period_start, f.period_end) == (period, period)


@pytest.mark.parametrize("between, year", [
    (2, 2016),  # a period stated two sentences back still dates the figure
    (9, 2020),  # ... nine sentences back it does not: the text's own year
])
def test_a_period_stated_once_dates_only_the_next_sentences(between: int, year: int) -> None:
    filler = " ".join(["Se trabajó con mucho cuidado."] * between)
    text = f"En 2016 se empezó la obra con 40 trabajadores. {filler} Hay 1,301 camas censables."
    assert facts_of(text, "2020-10-27")[-1].year == year


@pytest.mark.parametrize("text, values", [
    # A demonstrative before a small number word with no noun points back: no figure.
    ("En Juárez abrimos dos hospitales de cirugía. Estos dos los estamos habilitando.", [2]),
    ("Llegaron cinco ambulancias; esas cinco ya trabajan en la sierra.", [5]),
    # ... but a noun after it, or digits, are a figure.
    ("Estos dos hospitales atienden 300 pacientes.", [2, 300]),
    ("Estos 2 son los más grandes del estado.", [2]),
])
def test_a_number_word_after_a_demonstrative_is_a_pronoun(text: str, values: list[int]) -> None:
    assert [f.value for f in facts_of(text, "2020-10-27")] == values
