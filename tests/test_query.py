"""Question understanding: typos, accents, synonyms, constraints, bad questions."""

from __future__ import annotations

import pytest

from assistant.intent import direction, rates
from assistant.query import parse
from assistant.terms import term
from assistant.vocab import Vocabulary, build_vocabulary, stem
from index.errors import QuestionError
from index.fold import fold
from index.store import Store


@pytest.fixture(scope="module")
def vocab(seed_store: Store) -> Vocabulary:
    return build_vocabulary(seed_store)


@pytest.mark.parametrize("question, keys", [
    ("¿Cuántos trasplantes de córnea?", {"trasplante", "cornea"}),
    ("cuantos transplantes de cornea", {"trasplante", "cornea"}),
    ("cuántos trasplantez de corneá", {"trasplante", "cornea"}),
    ("¿cuántos trasplantes de rinon?", {"trasplante", "rinon"}),
    ("¿cuántos trasplantes renales?", {"trasplante", "rinon"}),
    ("¿trasplantes hepáticos?", {"trasplante", "higado"}),
    ("¿Cuántas intervenciones quirúrgicas?", {"cirugia"}),
    ("¿cuántas consultas de primer nivel se otorgaron?", {"consulta", "medicina", "familiar"}),
    ("¿cuántas mastografias?", {"mastografia"}),
    ("detecciones de hipertencion", {"deteccion", "hipertension"}),
])
def test_terms_survive_typos_and_synonyms(vocab: Vocabulary, question: str,
                                          keys: set[str]) -> None:
    q = parse(question, vocab)
    assert set(q.keys) == keys
    assert q.unknown == ()


def test_unknown_words_are_reported(vocab: Vocabulary) -> None:
    q = parse("¿Cuántas consultas de acupuntura?", vocab)
    assert q.unknown == ("acupuntura",)
    # An organ the lexicon knows is a key the answer must match, even if no bulletin has it.
    assert "intestino" in parse("¿Cuántos trasplantes de intestino?", vocab).keys


@pytest.mark.parametrize("question, field, value", [
    ("¿cuántos trasplantes en 2022?", "year", 2022),
    ("¿cuántas cirugías del 1 de abril al 12 de septiembre?", "period_start", "--04-01"),
    ("¿cuántas cirugías entre abril y septiembre?", "period_end", "--09-30"),
    ("¿cuántas cirugías en la 7ª Jornada?", "event_nums", (7,)),
    ("¿cuántas cirugías en la séptima jornada?", "event_nums", (7,)),
    ("¿cuántas cirugías en la octava jornada nacional?", "event_nums", (8,)),
    ("¿cuántas cirugías en las tres primeras jornadas?", "event_nums", (1, 2, 3)),
    ("¿cuántas cirugías dice el boletín 175/2022?", "bulletin", "175/2022"),
    ("En 2023, hasta mayo, ¿cuántas cirugías hubo?", "period_end", "2023-05-31"),
    ("¿cuántas cirugías hasta finales de marzo de 2022?", "period_start", "2022-01-01"),
    ("¿cuántas cirugías en 2021 a partir del 3 de junio?", "period_start", "2021-06-03"),
    ("¿cuántos jubilados que cotizan después de 1997 hay?", "year", None),
    ("¿cuántas dosis hasta la segunda semana de enero de 2024?", "event_nums", ()),
    # A lower-case "primer mes de operación" is a stretch of time; a national week is an event.
    ("¿Cuántas consultas al mes dará la unidad en su primer mes de operación?", "event_nums",
     ()),
    ("¿Cuántos bebés atendió en su primera semana de vida?", "event_nums", ()),
    ("¿cuántas consultas en la tercera semana del mes?", "event_nums", ()),
    ("¿cuántas consultas en la segunda semana nacional de salud?", "event_nums", (2,)),
    # A number word after the noun names the stage too; after a time noun it is a date.
    ("¿cuándo empezó la fase uno de la reconversión?", "event_nums", (1,)),
    ("¿cuántas cirugías en la etapa tres?", "event_nums", (3,)),
    ("¿cuántas consultas hubo el día dos de junio?", "event_nums", ()),
    ("¿A cuántas personas llegó la campaña Cinco Pasos por tu Salud?", "event_nums", ()),
    ("¿Cuántos asisten a la feria dos veces al año?", "event_nums", ()),
    ("¿Qué se aprobó en el congreso cinco de mayo?", "event_nums", ()),
    # A day that bounds what is counted, or dates a statement, is not the asked day.
    ("¿cuántos empleos se perdieron desde el 13 de marzo de 2020?", "period_end", None),
    ("¿cuántas camas hay según informó el director el 3 de junio de 2020?", "period_end", None),
    ("¿cuántas cirugías se hicieron antes del 1 de abril de 2022?", "period_start", None),
    ("¿cuántas cirugías hubo en 2020 comparado con 2018?", "years", (2020, 2018)),
    # A day asked is the asked period, whether "al" (as of) or "el" (on) introduces it.
    ("¿cuántas camas había el 26 de marzo de 2020?", "period_start", "2020-03-26"),
    ("¿Cuántos médicos empezaron a trabajar el pasado 3 de junio de 2024?", "period_end",
     "2024-06-03"),
    ("¿cuántas cirugías del 1 de abril al 12 de septiembre?", "period_end", "--09-12"),
])
def test_constraints(vocab: Vocabulary, question: str, field: str, value: object) -> None:
    assert getattr(parse(question, vocab), field) == value


@pytest.mark.parametrize("question, verbs, nouns", [
    ("¿Cuántas cirugías supuso el plan del instituto?", {"supus"}, {"cirugi"}),
    ("¿Cuántas vacunas obtuvo el centro de salud?", {"obtuv"}, {"centr", "vacun"}),
    ("¿Cuántos médicos dispuso el regimiento?", {"dispus"}, {"regimient"}),
    ("¿Cuántas camas redujo el hospital?", {"reduj"}, {"cam", "hospital"}),
])
def test_verbs_weigh_less_and_nouns_are_not_verbs(vocab: Vocabulary, question: str,
                                                  verbs: set[str], nouns: set[str]) -> None:
    q = parse(question, vocab)
    assert verbs <= set(q.content_verbs)
    assert not nouns & set(q.content_verbs)
    assert nouns <= set(q.content)


@pytest.mark.parametrize("question, head, mod", [
    ("¿Cuántas cirugías de cataratas se hicieron?", "cirugi", "catarat"),
    ("¿cuántos talleres de la escuela de pintura hubo?", "taller", "escuel"),
    ("¿Cuántas camas hay?", "cam", None),
    ("¿Cuántas de las nuevas camas serán de terapia intensiva?", "cam", None),
    ("¿Cuántos de los otros hospitales abrirán?", "hospital", None),
    ("¿Cuántos necesitarían hospitalización?", None, None),
    ("¿Qué número de créditos otorgó el banco?", "credit", None),
    ("¿Cuál es la meta de empresas a apoyar?", "empres", None),
    ("¿Qué cantidad de vacunas llegó?", "vacun", None),
    ("¿Cuántas vacunas contra el sarampión se aplicaron?", "vacun", "sarampion"),
    ("¿Cuántas campañas contra la obesidad hubo?", "campan", "obes"),
])
def test_the_asked_subtype(vocab: Vocabulary, question: str, head: str, mod: str | None) -> None:
    q = parse(question, vocab)
    assert (q.head, q.head_mod) == (head, mod)


@pytest.mark.parametrize("question, money", [
    ("¿Cuántos créditos a la palabra se otorgaron en Sonora?", False),
    ("¿Qué número de créditos se había propuesto colocar el Instituto?", False),
    ("¿De cuánto es cada crédito a la palabra?", True),
    ("¿Qué cantidad de dinero se destinó a las guarderías?", True),
    ("¿Cuántos millones de pesos recibió cada empresa?", True),
    # Mass nouns of money ask for money even after "cuántos".
    ("¿Cuántos recursos se destinaron a las guarderías?", True),
    ("¿Cuántos ingresos tuvo el Instituto en 2019?", True),
    ("¿Cuántas becas se otorgaron en Sonora?", False),
    ("¿Cuántos ingresos hospitalarios hubo en 2020?", False),
    ("¿Cuántos recursos humanos tiene la delegación?", False),
    # The verb «costar» in any tense asks for money.
    ("¿Cuánto costará la nueva sala de urgencias del hospital?", True),
    ("¿Cuánto costaría ampliar el hospital de Tula?", True),
    ("¿Cuánto cuestan los tres tomógrafos nuevos?", True),
    ("¿Cuánto costaba una consulta antes de la reforma?", True),
    ("¿Cuánto ha costado la obra del hospital?", True),
    ("¿Cuántas salas de urgencias se ampliarán?", False),
    # ... but not when the question counts a noun.
    ("¿Cuántos días le costará al paciente recuperarse?", False),
    # Verbs of spending a budget or earning pay ask for money, unless a noun is counted.
    ("¿Cuánto se está ejerciendo en las obras del hospital de Culiacán?", True),
    ("¿Cuánto se ejerció en 2023 en la clínica de Tepic?", True),
    ("¿Cuánto se destinó a la compra de ambulancias?", True),
    ("¿Cuánto se le asignó al programa de guarderías?", True),
    ("¿Cuánto ganará un médico residente al mes?", True),
    ("¿Cuánto ganan las enfermeras del turno nocturno?", True),
    ("¿Cuántas plazas se destinaron a Oaxaca?", False),
    ("¿Cuánto personal se destinó a la campaña de vacunación?", False),
    ("¿Cuántos partidos ganó el equipo del IMSS?", False),
])
def test_a_money_word_that_is_counted_asks_for_a_count(vocab: Vocabulary, question: str,
                                                      money: bool) -> None:
    assert parse(question, vocab).money is money


@pytest.mark.parametrize("question, kind_words, topic_words", [
    ("¿Cuánto dinero se invierte en la clínica de mama?", {"dinero", "invierte"},
     {"clinica", "mama"}),
    ("¿Qué monto tenía el presupuesto de guarderías?", {"monto", "presupuesto"}, {"guarderias"}),
    ("¿Cuál es el porcentaje de camas ocupadas?", {"porcentaje"}, {"camas", "ocupadas"}),
])
def test_words_that_name_the_kind_of_figure(vocab: Vocabulary, question: str,
                                            kind_words: set[str], topic_words: set[str]) -> None:
    q = parse(question, vocab)
    assert {term(w) for w in kind_words} <= q.type_terms
    assert not {term(w) for w in topic_words} & q.type_terms


@pytest.mark.parametrize("question, inside, outside", [
    ("¿Cuántas cirugías bariátricas hubo?", {"bariatricas"}, set()),
    ("¿Cuántos trasplantes de córnea se hicieron en Jalisco?", {"cornea"}, {"jalisco"}),
    ("¿Cuántas camas perdió el hospital que quedó inservible?", set(), {"inservible"}),
    ("¿Cuántas camas de terapia intensiva tiene el hospital nuevo?", {"terapia", "intensiva"},
     {"nuevo"}),
    # An article after a preposition goes on with the phrase; any other opens a new one.
    ("¿Cuántas vacunas contra la influenza se aplicaron?", {"influenza"}, set()),
    ("¿Cuántas camas de la unidad de terapia intensiva hay?", {"unidad", "terapia"}, set()),
    ("¿Para cuántos derechohabientes es el hospital general la única opción de cirugía?",
     {"general"}, {"unica", "opcion", "cirugia"}),
    ("¿Cuántos quirófanos tendrá el hospital regional una vez ampliado?", {"regional"},
     {"vez"}),
    ("¿Cuántas consultas de un día normal da la clínica?", set(), {"dia", "normal"}),
])
def test_the_asked_noun_phrase(vocab: Vocabulary, question: str, inside: set[str],
                               outside: set[str]) -> None:
    phrase = parse(question, vocab).asked_phrase
    assert {term(w) for w in inside} <= phrase
    assert not {term(w) for w in outside} & phrase


@pytest.mark.parametrize("question, kinds", [
    ("¿Cuántos trasplantes de córnea hubo?", {"cornea"}),
    ("¿Cuántas consultas de especialidad se dieron?", {"especialidad"}),
    # Snowball merges "especialistas" with "especialidad": the lexicon's kind is not asked.
    ("¿Cuántos especialistas contrató el Instituto?", set()),
    ("¿Cuántos médicos familiares tiene Jalisco?", {"familiares"}),
])
def test_the_kinds_the_lexicon_knows(vocab: Vocabulary, question: str, kinds: set[str]) -> None:
    assert parse(question, vocab).kinds == {term(w) for w in kinds}


@pytest.mark.parametrize("question, names", [
    ("¿Cuántas camas tiene el Hospital Rural de Mapastepec?", {"mapastepec"}),
    ("¿Cuántos médicos hay en Culiacán y en Tlaxcala?", {"culiacan"}),  # a state is a place
    ("¿Cuántas consultas dio la UMF de la Clínica Nueva?", set()),  # acronyms, Spanish words
    ("¿Cuántas empresas vendieron en el Buen Fin?", set()),  # function words ("fin")
])
def test_proper_names(vocab: Vocabulary, question: str, names: set[str]) -> None:
    assert parse(question, vocab).names == {stem(w) for w in names}


def test_kinds_of_question(vocab: Vocabulary) -> None:
    assert parse("¿Cuántas cirugías?", vocab).numeric
    assert parse("¿Qué porcentaje de la productividad anual?", vocab).percent
    assert parse("¿Qué avance llevaba la obra del hospital?", vocab).percent
    assert parse("¿Cuál era la proporción de mujeres entre los afiliados?", vocab).percent
    assert not parse("¿Cuántas obras tienen avance?", vocab).percent
    assert not parse("¿Cuál es el número para informes?", vocab).numeric
    assert parse("¿Cuál fue el número de cirugías?", vocab).numeric
    assert parse("¿Cuándo será la 8ª Jornada?", vocab).wh == "cuando"
    assert parse("353", vocab).number == 353


@pytest.mark.parametrize("question, message", [
    ("", "vacía"),
    ("   \n\t ", "vacía"),
    ("¿?¡!...", "no tiene palabras"),
    ("🙂🙂🙂", "no tiene palabras"),
    ("a" * 3000, "máximo"),
    ("How many cornea transplants were there?", "otro idioma"),
])
def test_bad_questions(vocab: Vocabulary, question: str, message: str) -> None:
    with pytest.raises(QuestionError, match=message):
        parse(question, vocab, max_chars=2000)


@pytest.mark.parametrize("question, years", [
    ("¿cuántas vacunas aplicó la campaña 2021-2022?", (2021, 2022)),
    ("¿cuántas cirugías hubo de 2019 a 2021?", (2019, 2020, 2021)),
    ("¿cuántos trasplantes en 2022?", (2022,)),
])
def test_every_year_of_an_asked_range_is_asked(vocab: Vocabulary, question: str,
                                                years: tuple[int, ...]) -> None:
    assert parse(question, vocab).years == years


@pytest.mark.parametrize("question", [
    "¿A cuántas consultas quería llegar el programa?",
    "¿Cuántas consultas se había propuesto alcanzar el programa?",
    "¿cuántas consultas pretende dar el programa?",
])
def test_the_verbs_of_a_plan_ask_for_a_goal_and_are_no_topic(vocab: Vocabulary,
                                                              question: str) -> None:
    q = parse(question, vocab)
    assert q.goal
    assert not {"lleg", "queri", "propuest", "alcanz", "pretend"} & set(q.content)


@pytest.mark.parametrize("question, rate", [
    ("¿Cuántas recetas se surten diariamente en la clínica?", "día"),
    ("¿cuántas recetas surte la clínica al mes?", "mes"),
    ("¿Cuántas recetas se surten cada año en la clínica?", "año"),
])
def test_a_rate_is_a_constraint_not_a_topic_word(vocab: Vocabulary, question: str,
                                                  rate: str) -> None:
    q = parse(question, vocab)
    assert rate in q.rates
    assert not {"diari", "mes", "ano"} & set(q.content)


@pytest.mark.parametrize("question", [
    "¿Cuántas recetas surte la clínica, según la nota de Mérida?",
    "De acuerdo con el reporte del martes, ¿cuántas recetas surte la clínica?",
    "¿cuántas recetas surte la clínica según la conferencia de ayer?",
])
def test_a_reference_to_the_source_is_no_topic(vocab: Vocabulary, question: str) -> None:
    content = set(parse(question, vocab).content)
    assert {"recet", "clinic"} <= content
    assert not {"not", "report", "conferent", "conferenci"} & content


def test_summing_all_is_a_total() -> None:
    from assistant.intent import rates

    assert "total" in rates("las guarderias suman todas 16 mil espacios")
    assert "total" not in rates("las guarderias tienen 16 mil espacios")


@pytest.mark.parametrize("question, said, year", [
    ("Según el informe del 14 de mayo de 2021, ¿cuántas camas había?",
     ("2021-05-14", "2021-05-14"), None),
    ("En la conferencia de marzo de 2022, ¿cuántos médicos se contrataron en 2021?",
     ("2022-03-01", "2022-03-31"), 2021),
    ("De acuerdo con lo dicho el 2 de febrero, ¿cuántas vacunas se aplicaron?",
     ("--02-02", "--02-02"), None),
    ("¿Cuántas cirugías anunció el IMSS en su mensaje de finales de 2018 para 2019?",
     ("2018-01-01", "2018-12-31"), 2019),
    ("Según el reporte presentado en abril de 2023, ¿cuántos trasplantes hubo?",
     ("2023-04-01", "2023-04-30"), None),
])
def test_the_date_of_a_statement_is_not_the_figure_period(
        vocab: Vocabulary, question: str, said: tuple[str, str], year: int | None) -> None:
    q = parse(question, vocab)
    assert (q.said_start, q.said_end) == said
    assert q.year == year and q.period_start is None


@pytest.mark.parametrize("question", [
    "¿Cuántas camas había al 14 de mayo de 2021?",
    "¿Cuántos médicos se contrataron en marzo de 2022?",
    "Al corte del 30 de abril de 2024, ¿cuántos trabajadores?",
])
def test_a_date_of_the_figure_is_not_a_statement(vocab: Vocabulary, question: str) -> None:
    q = parse(question, vocab)
    assert q.said_start is None and q.year is not None


def test_a_statement_matches_texts_of_its_date(vocab: Vocabulary) -> None:
    q = parse("Según el reporte del 21 de octubre, ¿cuántas camas?", vocab)
    assert q.said_on("2024-10-21") and q.said_on("2019-10-21")
    assert q.said_on("2024-10-22") is False and q.said_on(None) is None
    assert parse("¿cuántas camas?", vocab).said_on("2024-10-21") is None


@pytest.mark.parametrize("text, expected", [
    ("¿Cuántos empleos se crearon en 2023?", "gain"),
    ("¿Cuántas plazas se generaron?", "gain"),
    ("¿Cuántos casos nuevos de dengue hubo?", None),  # new cases: no change stated
    ("¿Cuántos se atendieron bajo el régimen ordinario?", None),  # a preposition
    ("El empleo formal cerró 2023 con 22 millones de puestos", None),  # a year's total
    ("¿En cuánto aumentó el salario?", "gain"),
    ("¿Cuántos puestos se perdieron en junio?", "loss"),
    ("¿Cuántas guarderías cerraron?", "loss"),
    ("se registró una caída de 30 mil puestos", "loss"),
    ("Creo que son 40 camas", None),  # a belief, not a creation
    ("Al cierre de junio eran 300 en Baja California", None),  # a date and a state
    ("se crearon 10 y se perdieron 4", None),  # both: no one direction
    ("¿Hasta cuánto subió la cuota en la frontera?", "gain"),
    ("las cuotas suben cada año", "gain"),
    ("un alza de 12 por ciento", "gain"),
    ("¿Cuántas subrogaciones hubo?", None),  # a noun, not "subir"
    ("¿Cuántos trabajadores pueden subir su incapacidad a la plataforma?", None),  # upload
    ("el salario subió a 580 pesos", "gain"),
    ("¿Cuánto bajó el costo de la prueba?", "loss"),  # a verb after "cuánto"
])
def test_the_direction_a_text_states(text: str, expected: str | None) -> None:
    assert direction(fold(text)) == expected


@pytest.mark.parametrize("question, unit, counted", [
    ("¿Cuántos días llevaba la directora en el cargo?", "dias", True),
    ("¿Cuántos años tiene el hospital rural?", "años", True),
    ("¿Cuántos meses duró la obra?", "meses", True),
    # A time word that is not what the question counts is passed over.
    ("¿Cuántas cirugías se hicieron en los últimos años?", "años", False),
])
def test_a_counted_unit_of_time_is_a_content_term(vocab: Vocabulary, question: str,
                                                  unit: str, counted: bool) -> None:
    assert (term(fold(unit)) in parse(question, vocab).content) is counted


@pytest.mark.parametrize("text, expected", [
    ("se otorgan al día 90 consultas", ("día",)),
    ("se aplican 300 vacunas diarias", ("día",)),
    ("alcanzando al día de hoy una ocupación del 88 %", ()),
    ("y al día siguiente se abrió la clínica", ()),
])
def test_a_date_is_no_rate(text: str, expected: tuple[str, ...]) -> None:
    assert rates(fold(text)) == expected


@pytest.mark.parametrize("question, percent, head", [
    ("¿Qué nivel de ocupación tiene el hospital?", True, "ocupacion"),
    ("¿Cuál es el índice de ocupación hospitalaria?", True, "ocupacion"),
    ("¿Qué cobertura de vacunación alcanzó la campaña?", True, None),
    ("¿Qué grado de avance lleva la obra?", True, None),
    # The level of anything but care is a share: "nivel de abasto", "de satisfacción".
    ("¿Qué nivel de abasto de medicamentos se ha alcanzado?", True, None),
    ("¿Cuál es el nivel de satisfacción de los usuarios?", True, "satisfaccion"),
    # ... not a class of risk or schooling.
    ("¿Qué grado de riesgo de trabajo tiene la empresa?", False, None),
    ("¿Qué nivel de riesgo tiene la empresa?", False, None),
    ("¿Cuántas camas tiene el hospital?", False, "camas"),
])
def test_a_share_is_asked_by_its_noun(vocab: Vocabulary, question: str, percent: bool,
                                      head: str | None) -> None:
    q = parse(question, vocab)
    assert (q.intent, q.percent) == ("figure", percent)
    assert q.head == (term(head) if head else None)


@pytest.mark.parametrize("question, head", [
    ("¿A cuánta gente atiende el hospital?", "gente"),
    ("¿A cuánta población atiende el hospital rural?", "poblacion"),
    ("¿Cuánto personal trabaja en la clínica?", "personal"),
])
def test_a_collective_noun_is_what_is_counted(vocab: Vocabulary, question: str,
                                              head: str) -> None:
    assert parse(question, vocab).head == term(head)


def test_a_population_is_counted_in_people_not_in_towns() -> None:
    from assistant.terms import synonyms
    near = synonyms()[term("población")]
    assert term("personas") in near and term("municipios") not in near


@pytest.mark.parametrize("question, span", [
    ("¿De qué porcentaje a qué porcentaje pasó el abasto en la región?", True),
    ("¿De cuánto a cuánto subió la cobertura de la vacuna?", True),
    ("¿De qué nivel partió el surtimiento y a cuánto llegó?", True),
    ("¿Con cuántas camas arrancó el hospital y con cuántas terminó el año?", True),
    ("¿Cuántos quirófanos había antes y cuántos hay ahora?", True),
    ("¿Cuántas salas hay y cuántas había antes?", True),
    ("¿Cuánto presupuesto había antes de la reforma?", False),
    ("¿De qué estados y a qué hospitales llegaron los médicos?", False),
    ("¿De cuántos días es la incapacidad y a qué trabajadores cubre?", False),
    ("¿Cuántas camas hay y cuántas son para COVID?", False),
])
def test_both_ends_of_a_change_asked(vocab: Vocabulary, question: str, span: bool) -> None:
    assert parse(question, vocab).span is span


@pytest.mark.parametrize("question, goal, baseline", [
    ("¿Cuántas plazas faltan por cubrir en Oaxaca?", True, False),
    ("¿Cuántas plazas quedan por cubrir en Oaxaca?", True, False),
    ("¿Cuántas enfermeras tiene previsto contratar el Instituto?", True, False),
    ("¿Cuántas plazas se cubrieron en Oaxaca?", False, False),
    ("¿Cuántos quirófanos había al inicio de la administración?", False, True),
    ("¿Cuántos quirófanos tenía el Instituto cuando inició el gobierno?", False, True),
    ("¿Cuántos quirófanos tiene hoy el Instituto?", False, False),
    ("¿Cuántas plazas quedaron por cubrirse en Oaxaca?", True, False),
    ("¿Cuántas recetas quedan sin surtir en la clínica?", True, False),
    ("¿Cuántos medicamentos faltan a pesar del nuevo abasto?", False, False),
    ("¿Cuántas cirugías se hicieron, de acuerdo con lo previsto?", False, False),
    # "ir a" and an infinitive is a plan; "van a la clínica" is not.
    ("¿Cuántos hospitales iba a operar el programa?", True, False),
    ("¿Cuántas clínicas van a abrir en 2025?", True, False),
    ("¿Cuántas personas van a la clínica cada día?", False, False),
])
def test_plans_and_starting_points_asked(vocab: Vocabulary, question: str, goal: bool,
                                         baseline: bool) -> None:
    q = parse(question, vocab)
    assert (q.goal, q.baseline) == (goal, baseline)


@pytest.mark.parametrize("question, head", [
    ("¿Qué especialidades tendrá el hospital?", "especialidad"),
    ("¿Qué otras especialidades tendrá el hospital?", "especialidad"),
    ("¿Qué nuevas especialidades abrirá el hospital?", "especialidad"),
    ("¿Cuáles son sus necesidades?", "necesidad"),
    ("¿Cuáles son las principales necesidades del hospital?", "necesidad"),
    # A noun of kind names no list of its own.
    ("¿Qué tipos de acciones eligieron los comités?", None),
])
def test_the_noun_a_list_is_asked_of(vocab: Vocabulary, question: str, head: str | None) -> None:
    assert parse(question, vocab).flags.get("list_head") == head
