"""Ranked matching, the sentence reader and question intents, on texts written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.chain import Assistant
from assistant.intent import intent_of
from assistant.rank import Candidate
from assistant.types import Answer
from index.fold import fold
from index.ingest import ingest
from index.settings import MatchWeights, Settings
from index.store import Store

TEXTS = {
    "a.txt": ("2021-06-10",
              "INFORME DE LA DIRECTORA\n"
              "Hermosillo, Sonora, jueves 10 de junio de 2021\n"
              "El año pasado el programa repartió 7 mil 420 lentes a escolares. "
              "Este año la meta es llegar a 9 mil lentes para escolares.\n"
              "En Sonora se abrieron 18 lactarios y en todo el país suman 240 lactarios.\n"
              "La campaña de lentes comenzó el 3 de febrero de 2020 en escuelas rurales.\n"
              "Se eligieron las escuelas porque tenían el mayor rezago visual del estado.\n"),
    "b.txt": ("2022-01-20",
              "En 2021 se repartieron 8 mil 15 lentes a escolares de primaria.\n"
              "Las brigadas visitaron 310 comunidades indígenas.\n"),
    "c.txt": ("2022-05-02",
              "Cada año se entregan 520 sillas de ruedas; en total ya son 4 mil 100 sillas.\n"
              "El convenio con la universidad es por 36 millones de pesos y cubre 45 clínicas.\n"
              "El acuerdo está vigente desde el 9 de mayo de 2022.\n"
              "En Durango se instalaron 12 bebederos escolares, y en Jalisco se instalaron 25 "
              "bebederos escolares. En la CDMX se abrieron 33 salas de lactancia.\n"
              "Las caravanas se organizaron en cuatro equipos. Vacunación, detección de "
              "diabetes, salud bucal y nutrición.\n"),
    "d.txt": ("2022-08-15",
              "Buenos días, estamos en la ciudad de Zacatecas, Zacatecas.\n"
              "Agradezco al gobernador y al personal su presencia.\n"
              "En esta unidad se atendieron 640 partos durante el último año.\n"
              "El centro comunitario impartió 27 talleres de pintura a jóvenes del municipio.\n"),
    "e.txt": ("2022-09-01",
              "Hay dos servicios subrogados: el primero, el de rayos X, cuesta 430 millones de "
              "pesos al año; en el segundo, el tema de hemodiálisis, 120 millones de pesos al "
              "año.\nLos laboratorios procesan 600 muestras todos los días y 190 mil muestras "
              "al año.\nEl 2 de mayo se firmó en la capital el acuerdo con los laboratorios "
              "privados para los estudios de hemodiálisis. Tras la revisión del consejo técnico "
              "y de los sindicatos, la medida entró en vigor el 16 de mayo.\n"),
    "g.txt": ("2022-10-03",
              "Reciben 4 mil 380 pescadores su credencial de salud\n"
              "Mazatlán, 3 de octubre de 2022.- Al cierre de septiembre, 4 mil 380 pescadores "
              "de la costa recibieron su credencial de salud en las brigadas del puerto.\n"),
    "f.txt": ("2022-07-01",
              "En marzo el programa adaptó 20 quirófanos móviles. Después creció hasta llegar a "
              "64 quirófanos móviles.\n"
              "En la clínica todos los días se surten 900 recetas, se toman 260 muestras y se "
              "aplican 75 vacunas.\n"),
    "h.txt": ("2022-11-30",
              "Al 31 de agosto de 2022 había 1,240 cuidadoras registradas en el padrón. "
              "Al 30 de noviembre de 2022 el padrón sumaba 1,388 cuidadoras registradas.\n"),
    "i.txt": ("2023-03-01",
              "NUEVO FONDO DE RETIRO\n"
              "El fondo de retiro solidario se publicó el 3 de enero y entró en vigor el 9 "
              "de enero de 2023.\n"
              "El fondo de retiro solidario paga un complemento a quienes empezaron a cotizar "
              "después de 1997 y se retiran con salarios bajos.\n"),
    "j.txt": ("2022-10-05",
              "En septiembre la plantilla de enfermería tuvo un aumento de 2.1 %.\n"
              "Se sumaron en septiembre 1,930 enfermeras, un aumento sin precedentes.\n"),
    "k.txt": ("2022-04-04",
              "De las 2 mil 400 nuevas plazas que abrirá la delegación, 1,150 serán para "
              "enfermería.\n"
              "En la brigada se aplicaron vacunas contra el sarampión a los menores de 9 años. "
              "La brigada contaba con 4 mil 100 dosis.\n"),
    "l.txt": ("2022-10-31",
              "En junio se sumaron 3,110 becarias al programa.\n"
              "De enero a octubre el programa sumó 9,870 becarias.\n"
              "En los primeros seis meses del año se sumaron 6,240 becarias al programa.\n"),
    "m.txt": ("2022-12-05",
              "Cuadrillas reparten 2 mil 640 cobijas en la sierra. Llegan a 30 poblados\n\n"
              "Chihuahua, 5 de diciembre de 2022.- Las cuadrillas entregaron 2 mil 640 cobijas "
              "a familias de la sierra.\n"
              "La red atiende a 9,400 pacientes en zonas rurales, de los cuales 2,150 viven en "
              "zonas rurales de montaña.\n"),
    "n.txt": ("2022-09-30",
              "Hoy el hospital tiene 95 incubadoras para recién nacidos.\n"),
    "p.txt": ("2022-06-20",
              "La construcción de la clínica de mama va avanzada, con una inversión de 62 "
              "millones de pesos, y será la primera de la región.\n"),
    "q.txt": ("2022-09-21",
              "Con el sismo en Tlaxcala se perdió un hospital de 230 camas.\n"),
    "r.txt": ("2022-07-20",
              "El fondo de vivienda dispone de 900 millones de pesos para créditos "
              "hipotecarios. Hasta ahora se otorgaron 3,400 créditos a trabajadoras.\n"),
    "s.txt": ("2022-05-10",
              "El hospital rural de Tzinacapan tiene 34 camas censables.\n"),
    "u.txt": ("2022-05-11", "En Ixtepec la brigada de salud visitó 12 escuelas.\n"),
    "v.txt": ("2022-06-18",
              "En Colima son 35 tarjetas de salud entregadas a los comités.\n"
              "En total ya se entregaron 900 tarjetas de salud.\n"),
    "w.txt": ("2020-10-02",
              "La reconversión de hospitales para COVID avanzó en todo el estado. Aquí en "
              "Durango reconvertimos 210 camas de las 900 que tenemos. En otra etapa se "
              "sumaron 150 camas para COVID en unidades temporales.\n"
              "En Durango se habilitaron también 300 camas para ginecología.\n"),
    "o.txt": ("2022-11-15",
              "Para el 14 de abril se empezó a equipar las salas de neonatos del hospital. "
              "Esto significaba 40 incubadoras para recién nacidos.\n"),
    "x.txt": ("2023-03-10",
              "En 2023 las clínicas rurales de la sierra recibieron 812 médicos de nuevo "
              "ingreso. Ese año las clínicas rurales de la sierra recibieron además 1,950 "
              "claves de medicamentos y 64 consultorios nuevos.\n"),
    "y.txt": ("2022-12-01",
              "En 2022 la renta de las ambulancias del hospital de la costa subió 12 por "
              "ciento, y las rentadas ya son el 30 % del parque vehicular.\n"),
    "z.txt": ("2021-05-01",
              "La reconversión de hospitales del norte tuvo varias etapas. La etapa uno, que "
              "arrancó el 3 de febrero, abarcó 12 hospitales del norte. La etapa dos de la "
              "reconversión empezó el 15 de marzo con 40 hospitales del norte.\n"),
    "zz.txt": ("2021-09-01",
               "Balance de las ferias de salud rural\n"
               "· La primera feria de salud rural se hizo del 2 al 4 de mayo, la segunda del 20 "
               "al 22 de junio y la tercera del 5 al 7 de agosto de 2021.\n"
               "La primera feria de salud rural se hizo del 2 al 4 de mayo, la segunda del 20 "
               "al 22 de junio y la tercera del 5 al 7 de agosto de 2021.\n"),
    "zw.txt": ("2021-06-01",
               "La Primera Jornada de vacunación en Tabasco empezó el 11 de abril de 2021 y se "
               "aplicaron la primera y la segunda dosis. Hubo otra, la Segunda Jornada de "
               "vacunación en Tabasco, el 9 de mayo de 2021.\n"
               "El seguro de la cooperativa paga el 60 por ciento de su salario a quien se "
               "incapacita por enfermedad general.\n"),
    "zv.txt": ("2022-07-08",
               "Las estancias infantiles de la sierra reabren en agosto. Actualmente tenemos "
               "inscritos 4,210 en las estancias de la sierra. Para agosto esperamos alrededor "
               "de 300 niños más en las estancias de la sierra.\n"),
    "zy.txt": ("2021-04-01", "La feria de salud rural de la sierra se anunció el 1 de abril de "
                             "2021.\n"),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    folder = tmp_path_factory.mktemp("texts")
    for name, (date, text) in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
        (folder / name.replace(".txt", ".meta.json")).write_text(
            f'{{"date": "{date}"}}', encoding="utf-8")
    settings = Settings(data_dir=tmp_path_factory.mktemp("data"), embedder="use")
    report = ingest([folder], settings)
    assert not report.failed
    return Assistant(settings)


@pytest.mark.parametrize("question, value", [
    ("¿Cuántos lentes repartió el programa en 2020?", 7420),
    ("¿Cuántos lentes se entregaron a escolares en 2021?", 8015),
    ("¿Cuál es la meta de lentes para escolares de 2021?", 9000),
    ("¿Cuántos lactarios se abrieron en Sonora?", 18),
    ("¿Cuántas comunidades indígenas visitaron las brigadas?", 310),
    # "¿de cuánto fue el aumento de enfermeras?" asks for enfermeras, not a percentage.
    ("¿De cuánto fue el aumento de enfermeras en septiembre?", 1930),
    # "¿cuántas de las X …?" asks for the part, not the whole stated first, before the part
    # ("de las 2 mil 400 plazas, 1,150 …") or after it ("9,400 pacientes, de los cuales …").
    ("¿Cuántas de las nuevas plazas que abrirá la delegación serán para enfermería?", 1150),
    ("¿Cuántos de los pacientes de la red viven en zonas rurales de montaña?", 2150),
    # ... also as "de las X, ¿cuántas …?".
    ("De las nuevas plazas que abrirá la delegación, ¿cuántas serán para enfermería?", 1150),
    ("De los pacientes que atiende la red, ¿cuántos viven en zonas rurales de montaña?", 2150),
    # "menores de 9 años" is beside the vaccines, but counts years.
    ("¿De cuántas dosis de vacuna contra el sarampión disponía la brigada?", 4100),
    # A day or month asked: a figure with no period of its own is of its text's date, unless
    # its sentence or the one before names the asked day.
    ("Al 14 de abril de 2022, ¿cuántas incubadoras para recién nacidos tenía el hospital?", 40),
    ("¿Cuántas incubadoras para recién nacidos tenía el hospital en septiembre de 2022?", 95),
    ("¿Cuántas camas censables tiene el Hospital Rural de Tzinacapan?", 34),
    # Two names: a text that gives one of them answers for it.
    ("¿Cuántas camas censables tienen los hospitales de Tzinacapan y de Ixtepec?", 34),
    # The kind named in the sentence before («… para COVID. Aquí … reconvertimos 210 camas»):
    # the ranked figure beats one that names the kind in its own words but answers less.
    ("¿Cuántas camas reconvirtió el IMSS para COVID en Durango?", 210),
    # No state asked: the national figure, not one state's that shares more words.
    ("¿Cuántas tarjetas de salud se entregaron a los comités?", 900),
    # "dinero" says what kind of figure is asked: no text need use the word.
    ("¿Cuánto dinero se invierte en la construcción de la clínica de mama de la región?",
     62_000_000),
    # A word no text uses, said of another noun ("el hospital que quedó inservible"), is no
    # kind of the counted beds.
    ("¿Cuántas camas se perdieron con el hospital que quedó inservible por el sismo?", 230),
    ("¿Qué cantidad de dinero se invierte en la construcción de la clínica de mama de la "
     "región?", 62_000_000),
])
def test_the_best_figure_answers(assistant: Assistant, question: str, value: int) -> None:
    answer = assistant.ask(question)
    assert not answer.abstained
    assert answer.values[0] == value
    for c in answer.citations:
        assert c.quote in TEXTS[c.source][1]


@pytest.mark.parametrize("question", [
    "¿Cuántos lentes se repartieron en 2018?",  # another year
    "¿Cuántos lactarios se abrieron en Oaxaca?",  # another place
    "¿Cuántas becarias se sumaron al programa en abril de 2022?",  # June's, and Jan.–Oct.
    "¿Cuántas ambulancias compró el programa?",  # another measure
    "¿Cuánto dinero se invirtió en la clínica de cardiología?",  # another clinic
    # A proper name no text gives: another hospital's beds are no answer.
    "¿Cuántas camas censables tiene el Hospital Rural de Ixtepec?",
    # ... but a kind of the counted noun that no text names is another kind.
    "¿Cuántas camas de maternidad se perdieron con el sismo?",
    "¿Cuántas camas ortopédicas se perdieron con el sismo?",
])
def test_abstains_rather_than_answer_another_scope(assistant: Assistant, question: str) -> None:
    assert assistant.ask(question).abstained


def test_the_ranked_figures_that_replace_the_strict_ones_are_of_the_asked_kind(
        assistant: Assistant) -> None:
    answer = assistant.ask("¿Cuántas camas reconvirtió el IMSS para COVID en Durango?")
    assert answer.values[0] == 210 and 300 not in answer.values  # 300 are for ginecología


def test_a_count_of_credits_is_no_sum_of_money(assistant: Assistant) -> None:
    # "¿cuántos créditos …?" counts them; "¿cuánto dinero … para créditos?" asks the sum.
    assert assistant.ask("¿Cuántos créditos hipotecarios da el fondo de vivienda?").values == [
        3400]
    assert assistant.ask("¿Qué número de créditos tiene el fondo de vivienda?").values == [3400]
    assert assistant.ask("¿Cuánto dinero tiene el fondo de vivienda para créditos?").values == [
        900_000_000]


def test_the_same_measure_from_other_texts_and_years_is_given_too(assistant: Assistant) -> None:
    answer = assistant.ask("¿Cuántos lentes se repartieron a escolares?")
    assert {7420, 8015} <= set(answer.values)
    assert {c.source for c in answer.citations} == {"a.txt", "b.txt"}


def test_rates_and_amounts(assistant: Assistant) -> None:
    assert assistant.ask("¿Cuántas sillas de ruedas se entregan al año?").values[0] == 520
    assert assistant.ask("¿Cuántas sillas de ruedas se han entregado en total?").values[0] == 4100
    assert assistant.ask("¿De cuánto es el convenio con la universidad?").values[0] == 36_000_000


def test_keywords_get_the_figure_the_texts_state(assistant: Assistant) -> None:
    answer = assistant.ask("talleres de pintura del centro comunitario")
    assert answer.values[:1] == [27]
    # Keywords no figure answers are read as a passage.
    assert not assistant.ask("escuelas con rezago visual").values


def test_a_figure_after_a_comma_counts_the_clause_before(assistant: Assistant) -> None:
    # "en el segundo, el tema de hemodiálisis, 120 millones": the 120 is hemodiálisis's.
    answer = assistant.ask("¿Cuánto cuesta al año la hemodiálisis?")
    assert answer.values[0] == 120_000_000
    assert assistant.ask("¿Cuánto cuestan los rayos X cada año?").values[0] == 430_000_000


@pytest.mark.parametrize("question, value", [
    ("¿Cuántas muestras procesan los laboratorios en un año?", 190_000),
    ("¿Cuántas muestras procesan los laboratorios cada día?", 600),
])
def test_the_asked_rate(assistant: Assistant, question: str, value: int) -> None:
    assert assistant.ask(question).values[0] == value


def test_real_words_are_not_typo_corrected(assistant: Assistant) -> None:
    from assistant.chain import load_corpus
    from assistant.query import parse
    from assistant.terms import term

    vocab = load_corpus(assistant.store).vocab
    q = parse("¿Desde cuándo está vigente el acuerdo?", vocab)
    assert term("vigente") in q.content
    q = parse("¿cuántas sillas de ruedaz?", vocab)  # a typo is still corrected
    assert term("ruedas") in q.content


def test_a_report_from_a_state_answers_for_that_state(assistant: Assistant) -> None:
    # The text names only Zacatecas: its figures are that state's, not another's.
    assert assistant.ask("¿Cuántos partos se atendieron en Zacatecas?").values[0] == 640
    assert assistant.ask("¿Cuántos partos se atendieron en Jalisco?").abstained


def test_another_subtype_does_not_answer(assistant: Assistant) -> None:
    assert assistant.ask("¿Cuántos talleres de pintura impartió el centro?").values[0] == 27
    assert assistant.ask("¿Cuántos talleres de carpintería impartió el centro comunitario?").abstained


def test_the_asked_state_is_the_figures_own(assistant: Assistant) -> None:
    assert assistant.ask("¿Cuántos bebederos escolares se instalaron en Jalisco?").values[0] == 25
    assert assistant.ask("¿Cuántas salas de lactancia se abrieron en la Ciudad de México?"
                         ).values[0] == 33


def test_a_period_carried_over_weighs_less_than_one_stated(assistant: Assistant) -> None:
    # "En marzo" dates the 20; the 64 of the next sentence only inherits it.
    answer = assistant.ask("¿Cuántos quirófanos móviles había a finales de junio de 2022?")
    assert answer.values[:1] == [64]


def test_a_rate_before_a_list_of_figures_is_each_figures(assistant: Assistant) -> None:
    corpus = assistant.corpus()
    rates = {f.value: corpus.fact_rates[i] for i, f in enumerate(corpus.facts)
             if f.source == "f.txt" and f.value in (900, 260, 75)}
    assert rates == {900: ("día",), 260: ("día",), 75: ("día",)}


def test_a_text_cannot_tell_what_happened_after_its_date(assistant: Assistant) -> None:
    # b.txt is of January 2022: its 310 communities are no answer for the close of 2022.
    assert assistant.ask("¿Cuántas comunidades indígenas visitaron las brigadas en "
                         "2022?").values[:1] == [310]
    assert assistant.ask("¿Cuántas comunidades indígenas visitaron las brigadas al cierre "
                         "de 2022?").abstained


def test_a_count_as_of_a_day_answers_for_that_day_only(assistant: Assistant) -> None:
    # "al 30 de noviembre" is one day: the count as of August is not its answer, and a text
    # of November cannot state the count as of December.
    assert assistant.ask("¿Cuántas cuidadoras registradas había al 30 de noviembre de "
                         "2022?").values == [1388]
    assert assistant.ask("¿Cuántas cuidadoras registradas había al 31 de agosto de "
                         "2022?").values == [1240]
    assert assistant.ask("¿Cuántas cuidadoras registradas había al 31 de diciembre de "
                         "2022?").abstained
    # "el 30 de noviembre" asks for that day as well.
    assert assistant.ask("¿Cuántas cuidadoras registradas había el 30 de noviembre de "
                         "2022?").values == [1388]
    assert assistant.ask("¿Cuántas cuidadoras estaban registradas el 31 de diciembre de "
                         "2022?").abstained


def test_a_year_that_bounds_who_is_counted_answers_no_when(assistant: Assistant) -> None:
    # "después de 1997" says who is paid, not when the fund began.
    answer = assistant.ask("¿Cuándo empezó a pagar el complemento el fondo de retiro solidario?")
    assert "9 de enero de 2023" in answer.citations[0].quote
    assert not any("1997" in c.quote for c in answer.citations)


def test_a_part_of_the_asked_span_is_another_period(assistant: Assistant) -> None:
    # June's figure, or the first six months', fall inside "de enero a octubre" but do not
    # answer for it.
    assert assistant.ask("¿Cuántas becarias se sumaron al programa de enero a octubre de "
                         "2022?").values[:1] == [9870]
    assert assistant.ask("¿Cuántas becarias se sumaron al programa en junio de "
                         "2022?").values[:1] == [3110]
    assert assistant.ask("¿Cuántas becarias se sumaron al programa en los primeros seis meses "
                         "de 2022?").values[:1] == [6240]


def test_a_headline_of_two_sentences_is_still_a_headline(assistant: Assistant) -> None:
    answer = assistant.ask("¿Cuántas cobijas reparten las cuadrillas en la sierra?")
    assert answer.values[:1] == [2640]
    assert answer.citations[0].quote.startswith("Chihuahua")


def test_a_headlines_figure_is_quoted_from_the_body(assistant: Assistant) -> None:
    answer = assistant.ask("¿Cuántos pescadores recibieron su credencial de salud?")
    assert answer.values[:1] == [4380]
    assert "brigadas del puerto" in answer.citations[0].quote


def test_a_goal_is_not_what_was_done(assistant: Assistant) -> None:
    answer = assistant.ask("¿Cuántos lentes repartió el programa en 2020?")
    assert 9000 not in answer.values


def test_reader_answers_when_and_why(assistant: Assistant) -> None:
    when = assistant.ask("¿Cuándo comenzó la campaña de lentes?")
    assert "3 de febrero de 2020" in when.text
    why = assistant.ask("¿Por qué se eligieron esas escuelas?")
    assert "rezago visual" in why.text
    for answer in (when, why):
        assert "INFORME" not in answer.text  # a speaker label never answers
        assert "Hermosillo" not in answer.text  # nor a dateline
    issued = assistant.ask("¿Cuándo se publicó el informe de la directora?")
    assert "Hermosillo" not in issued.text


def test_the_date_beside_the_asked_event_answers(assistant: Assistant) -> None:
    from assistant.chain import load_corpus
    from assistant.query import parse
    from assistant.read import rank_sentences

    question = "¿Desde qué fecha está vigente el acuerdo con los laboratorios privados?"
    corpus = load_corpus(assistant.store)
    best = rank_sentences(parse(question, corpus.vocab), corpus, assistant.settings.match)[0]
    source, start, end = corpus.terms.sentences[best.index]
    assert "entró en vigor el 16 de mayo" in corpus.bulletins[source].text[start:end]
    assert any("16 de mayo" in c.quote for c in assistant.ask(question).citations)


def test_a_list_after_its_introduction_is_quoted(assistant: Assistant) -> None:
    answer = assistant.ask("¿En qué equipos se organizaron las caravanas?")
    assert "salud bucal" in answer.text


def test_facts_carry_their_scope(assistant: Assistant) -> None:
    facts = {f.value: f for f in Store(assistant.settings, create=False).facts()}
    assert facts[7420].year == 2020 and fold(facts[7420].time_phrase or "") == "el ano pasado"
    assert facts[9000].modality == "meta"
    assert facts[18].place == "Sonora" and facts[240].place is None


@pytest.mark.parametrize("question, intent", [
    ("¿Cuántas camas hay?", "figure"),
    ("¿Cuál era la meta de consultas?", "figure"),
    ("¿Qué porcentaje son mujeres?", "figure"),
    ("¿Qué avance llevaba la obra del hospital en marzo?", "figure"),
    ("¿Qué presupuesto tuvo el programa de guarderías?", "figure"),
    ("¿Qué edad tenían los niños vacunados?", "figure"),
    ("¿Qué inversión requirió la nueva clínica?", "figure"),
    ("¿Qué salario recibían las enfermeras?", "figure"),
    ("¿Qué metas se fijó el Instituto?", "list"),
    ("¿Qué avances hubo en la obra?", "list"),
    ("¿Cuándo abrió el hospital?", "date"),
    ("¿En qué fecha cerró la convocatoria?", "date"),
    ("¿Dónde se instaló la unidad?", "place"),
    ("¿Quién fue el primer afiliado?", "person"),
    ("¿Por qué se cerró la guardería?", "reason"),
    ("¿Para qué sirven los albergues?", "reason"),
    ("¿Qué especialidades se atienden?", "list"),
    ("¿Cuál es el número para informes?", "text"),
    ("¿Qué número de teléfono tiene la línea?", "text"),
    ("¿Cuántas cirugías se hicieron cuando inició la pandemia?", "figure"),
    # A "cuando" after the question's own word is a condition, not a question of time.
    ("¿Qué servicios se quieren abrir cuando haya más personal?", "list"),
    ("¿Dónde se atendía a los pacientes cuando cerró el hospital?", "place"),
    ("cuando abrio el hospital que esta en tlaxiaco", "date"),
    ("¿Quiénes pueden entrar de visita?", "text"),
    ("¿Qué nivel de ocupación tiene el hospital?", "figure"),
    ("¿Qué nivel de atención ofrece la clínica?", "text"),  # a tier of care, no figure
    ("¿Cuál podría ser la capacidad máxima del almacén?", "figure"),
    ("¿Cuál debería ser el presupuesto de la clínica?", "figure"),
    ("¿Qué parte del equipo era rentado?", "figure"),
    ("¿De qué parte del país llegaron los pacientes?", "text"),
    ("¿A qué parte del cuerpo afecta la enfermedad?", "text"),
    ("¿Cuál sería la capacidad del almacén?", "figure"),
    # A capacity, a duration or a size asked with «qué» is a figure too.
    ("¿Qué aforo podrán tener los cines en semáforo amarillo?", "figure"),
    ("¿Qué cupo tiene la guardería de Hermosillo?", "figure"),
    ("¿Qué duración tienen los cursos en línea?", "figure"),
    ("¿Qué superficie tendrá el nuevo hospital de Tapachula?", "figure"),
])
def test_intents(question: str, intent: str) -> None:
    assert intent_of(fold(question), numeric=False) == intent


@pytest.mark.parametrize("question, intent", [
    # A list asked first; the count is in a relative clause about another noun.
    ("¿Qué especialidades abrirá el hospital, el primero que crece en número de camas?", "list"),
    ("¿Cuáles son las clínicas que atienden la mayor cantidad de partos?", "list"),
    ("¿Qué tipos de cirugía hará la unidad que tiene un total de 40 camas?", "list"),
    # A count asked in the main clause stays a figure.
    ("¿Qué hospitales tienen cuántas camas?", "figure"),
    ("¿Cuántas especialidades tiene el hospital que crece?", "figure"),
    ("¿Qué porcentajes de ocupación tienen los hospitales que atienden COVID?", "figure"),
    ("¿Cuál es el total de camas que se abrieron?", "figure"),
    ("¿Qué hospitales que atienden COVID hay en Yucatán y cuántas camas tienen?", "figure"),
    ("¿Qué medicamentos que compra el IMSS cuestan cuánto?", "figure"),
])
def test_a_count_in_a_relative_clause_asks_no_figure(question: str, intent: str) -> None:
    assert intent_of(" ".join(fold(question).split()), numeric=True) == intent


def _index(tmp_path: Path, texts: dict[str, str]) -> Settings:
    """The settings of an index of ``texts`` (file name → text) built in ``tmp_path``."""
    folder = tmp_path / "t"
    folder.mkdir()
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data", embedder="use")
    ingest([folder], settings)
    return settings


def _ask(tmp_path: Path, texts: dict[str, str], question: str) -> Answer:
    """The answer to ``question`` over an index of ``texts`` (file name → text)."""
    return Assistant(_index(tmp_path, texts)).ask(question)


def _ranked(tmp_path: Path, texts: dict[str, str],
            question: str) -> tuple[list[Candidate], Settings]:
    """The figures of an index of ``texts`` ranked for ``question``, and its settings."""
    from assistant.query import parse
    from assistant.rank import rank_facts

    settings = _index(tmp_path, texts)
    corpus = Assistant(settings).corpus()
    return rank_facts(parse(question, corpus.vocab), corpus, settings.match), settings


def _best_sentences(tmp_path: Path, text: str, questions: list[str]) -> list[str]:
    """The sentence the reader ranks first for each question over an index of ``text``."""
    from assistant.query import parse
    from assistant.read import rank_sentences

    settings = _index(tmp_path, {"a.txt": text})
    corpus = Assistant(settings).corpus()
    out = []
    for question in questions:
        top = rank_sentences(parse(question, corpus.vocab), corpus, settings.match)[0]
        _, start, end = corpus.terms.sentences[top.index]
        out.append(corpus.bulletins["a.txt"].text[start:end])
    return out


def _first_value(tmp_path: Path, texts: dict[str, str], question: str) -> float | None:
    """The first figure the answer to ``question`` gives over ``texts`` (None: it abstained)."""
    answer = _ask(tmp_path, texts, question)
    return answer.values[0] if answer.values else None


def _one_text_index(tmp_path: Path) -> tuple[Path, Settings]:
    """An index of one short text, and the folder it was read from."""
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "x.txt").write_text("Se abrieron 12 lactarios en Sonora.\n", encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data", embedder="use")
    ingest([folder], settings)
    return folder, settings


def test_an_older_extractor_version_is_re_read(tmp_path: Path) -> None:
    folder, settings = _one_text_index(tmp_path)
    store = Store(settings)
    store.db.execute("UPDATE bulletins SET extractor = 'old'")
    store.db.commit()
    assert store.stale() == ["x.txt"]
    chunks = store.chunk_ids()
    report = ingest([folder], settings)
    assert report.updated == ["x.txt"] and Store(settings).stale() == []
    assert Store(settings).chunk_ids() == chunks  # facts re-read, vectors kept
    store.db.execute("UPDATE bulletins SET extractor = 'old'")
    store.db.commit()
    from assistant.api import ensure_index

    assert ensure_index(settings).stale() == []  # serve and ask re-read too


def test_an_index_of_the_previous_version_is_migrated(tmp_path: Path) -> None:
    import sqlite3

    folder, settings = _one_text_index(tmp_path)
    # Turn it into an index as the previous version wrote it: no scope columns, no extractor.
    conn = sqlite3.connect(settings.db_path)
    for column in ("modality", "place", "place_start", "place_end", "time_phrase", "time_start",
                   "time_end", "subject"):
        conn.execute(f"ALTER TABLE facts DROP COLUMN {column}")
    conn.execute("ALTER TABLE bulletins DROP COLUMN extractor")
    conn.commit()
    conn.close()
    store = Store(settings)
    assert store.stale() == ["x.txt"]
    ingest([folder], settings)
    (fact,) = Store(settings).facts()
    assert fact.place == "Sonora"


def test_the_embedders_nearest_passage_breaks_a_tie(assistant: Assistant) -> None:
    from assistant.chain import load_corpus
    from assistant.query import parse
    from assistant.rank import nudge, rank_facts

    corpus = load_corpus(assistant.store)
    w = assistant.settings.match
    ranked = rank_facts(parse("¿Cuántos lentes se repartieron a escolares?", corpus.vocab),
                        corpus, w)
    second = ranked[1]
    nudged = nudge(ranked, {second.fact.source: [(0, 10**6, 0)]}, w)
    assert nudged[0].fact == second.fact or nudged[0].score >= ranked[0].score
    moved = next(c for c in nudged if c.fact == second.fact)
    assert moved.score == pytest.approx(second.score * (1 + w.semantic))
    assert [c.score for c in nudged] == sorted((c.score for c in nudged), reverse=True)


@pytest.mark.parametrize("asked, written", [
    ("creció", "crecimiento"),
    ("retener", "retención"),
    ("gradúan", "graduación"),
    ("enfermeras", "enfermería"),
    # a stressed diphthong of the verb is its plain vowel in the noun
    ("invierte", "inversión"),
    ("escuelas", "escolares"),
    ("acuerdan", "acordado"),
    # a verb stem too short for a shared prefix, and its noun
    ("crearon", "creación"),
    ("nacieron", "nacimientos"),
    ("donación", "donaron"),
    # near-synonyms of the thesaurus (index/data/thesaurus.json)
    ("galenos", "médicos"),
    ("sueldo", "salario"),
    ("nosocomios", "hospitales"),
    ("arrancó", "inicio"),
])
def test_derived_words_are_related(asked: str, written: str) -> None:
    from assistant.terms import TermIndex, term, terms

    text = f"Se habló del {written} del programa."
    index = TermIndex.build({"x.txt": text}, {"x.txt": [(0, len(text))]})
    assert term(fold(written)) in index.variants(terms(asked)[0])
    assert not index.variants(terms("hospital")[0])


@pytest.mark.parametrize("text", [
    "En 2025 se equiparán 12 quirófanos para trasplantes y se harán 310 trasplantes.",
    "Habrá 12 quirófanos para trasplantes, con los que se espera llegar a 310 trasplantes.",
])
def test_the_kind_of_another_noun_is_not_what_it_counts(tmp_path: Path, text: str) -> None:
    # "12 quirófanos para trasplantes" names trasplantes only as the kind of its noun.
    ranked, _ = _ranked(tmp_path, {"a.txt": text}, "¿Cuántos trasplantes se harán?")
    assert [c.fact.value for c in ranked][:2] == [310, 12]
    assert ranked[1].score < ranked[0].score * 0.9


def test_a_second_text_stating_the_same_figure_is_cited_too(tmp_path: Path) -> None:
    # The same 2,318 in another report is a second source, however its words score; a round
    # or small figure shared by chance is not.
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "a.txt").write_text("En 2023 el IMSS contrató 2,318 promotoras comunitarias para "
                                  "las brigadas rurales y 100 choferes.\n",
                                  encoding="utf-8")
    (folder / "b.txt").write_text("La delegación contrató 2 mil 318 profesionales y 100 "
                                  "ambulancias.\n", encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data", embedder="use")
    ingest([folder], settings)
    answer = Assistant(settings).ask(
        "¿Cuántas promotoras comunitarias contrató el IMSS en 2023 para las brigadas?")
    assert answer.values[:1] == [2318]
    assert {c.source for c in answer.citations} == {"a.txt", "b.txt"}, answer.text
    round_ = Assistant(settings).ask("¿Cuántos choferes contrató el IMSS en 2023?")
    assert {c.source for c in round_.citations} == {"a.txt"}, round_.text


@pytest.mark.parametrize("question, value", [
    ("¿Cuánto presupuesto se aprobó para las clínicas rurales en 2020?", None),
    ("¿Cuánto dinero se aprobó para las clínicas rurales en 2020?", None),
    ("¿Cuántas plazas se aprobaron para las clínicas rurales en 2020?", 4200),
    ("¿Cuánta gente trabajará en las plazas aprobadas para las clínicas rurales?", 4200),
])
def test_how_much_money_is_never_a_count(tmp_path: Path, question: str,
                                         value: int | None) -> None:
    answer = _ask(tmp_path, {"a.txt": "En 2020 se aprobaron 4 mil 200 plazas para las clínicas "
                             "rurales de la región.\n"}, question)
    assert (answer.values[:1] or [None]) == [value], answer.text


@pytest.mark.parametrize("question, value", [
    # The text is about measles: a figure with no subtype of its own is of its topic.
    ("¿Cuántas vacunas contra el sarampión se aplicaron a niñas y niños en la jornada?", 3400),
    # "contra X" is a subtype as "de X" is: another one's figure is no answer.
    ("¿Cuántas vacunas contra la hepatitis se aplicaron a niñas y niños en la jornada?", None),
])
def test_a_subtype_named_by_contra(tmp_path: Path, question: str, value: int | None) -> None:
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Arranca la campaña de vacunación contra el sarampión en la sierra.\n"
        "Las brigadas recorrieron 40 comunidades. En la jornada se aplicaron 3 mil 400 vacunas "
        "a niñas y niños.\n", encoding="utf-8")
    (folder / "b.txt").write_text("La campaña contra la influenza sigue en marcha. En la jornada "
                                  "se aplicaron mil 250 vacunas a niñas y niños.\n",
                                  encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data", embedder="use")
    ingest([folder], settings)
    answer = Assistant(settings).ask(question)
    assert answer.values == ([value] if value else []), answer.text


@pytest.mark.parametrize("text", [
    "Está en marcha el programa de lavanderías comunitarias para los albergues de la sierra. "
    "Llevamos 75, tres de ellas aquí en Tepic.\n",
    "Avanza la red de lavanderías comunitarias en los albergues de la sierra.\n"
    "Hoy son 75 en toda la región, y la meta del año es eso, crecer más.\n",
    "Se amplió la red de lavanderías comunitarias en los albergues de la sierra. "
    "Ya abrimos 75, y vamos por más.\n",
])
def test_a_figure_that_names_no_noun_counts_the_sentence_befores(tmp_path: Path,
                                                                 text: str) -> None:
    # The question's words are all in the sentence before the figure, none in its own.
    answer = _ask(tmp_path, {"a.txt": text, "b.txt": "En los albergues de la sierra trabajan "
                             "12 cocineras y se sirven 300 comidas.\n"},
                  "¿Cuántas lavanderías comunitarias hay en los albergues?")
    assert answer.values[:1] == [75], answer.text
    # What the figure counts is quoted with it.
    assert "lavanderías comunitarias" in answer.citations[0].quote


@pytest.mark.parametrize("question, value", [
    ("¿Cuántos puestos de trabajo se crearon en junio?", 5200),
    ("¿Cuántos puestos se generaron en junio?", 5200),
    ("¿Cuántos puestos de trabajo se perdieron en junio?", 31400),
    ("¿Cuántos empleos se eliminaron en junio?", 31400),
])
def test_a_loss_does_not_answer_for_a_gain(tmp_path: Path, question: str, value: int) -> None:
    answer = _ask(tmp_path, {"a.txt": "Reporte de empleo de junio.\nEn junio se eliminaron 31 "
                             "mil 400 puestos temporales y se crearon 5 mil 200 empleos "
                             "permanentes.\n"}, question)
    assert answer.values[:1] == [value], answer.text


@pytest.mark.parametrize("question", [
    "¿Cuántos empleos ofreció la feria?",
    "¿Cuántos trabajos ofreció la feria de empleo?",
])
def test_a_near_synonym_of_the_asked_noun_is_what_it_counts(tmp_path: Path,
                                                            question: str) -> None:
    # "empleos" asked, "puestos" written: the 120 companies are near the asked word, but
    # count another thing.
    answer = _ask(tmp_path, {"a.txt": "La feria de empleo reunió a 120 empresas y ofreció 2 mil "
                             "300 puestos.\n"}, question)
    assert answer.values[:1] == [2300], answer.text


@pytest.mark.parametrize("question, value", [
    ("¿Cuántos días llevaba Begoña Quiroz Tello como directora?", 90),
    ("Según la directora Begoña Quiroz Tello, ¿cuántos quirófanos se reabrieron?", 3),
    ("¿Cuántos años tiene el hospital que dirige Begoña Quiroz Tello?", 26),
])
def test_a_name_the_text_gives_once_is_met_by_all_its_figures(tmp_path: Path, question: str,
                                                               value: int) -> None:
    # The speaker is named in the heading only; her figures are in the sentences after it.
    answer = _ask(tmp_path, {"a.txt": (
        "BEGOÑA QUIROZ TELLO, DIRECTORA DEL HOSPITAL REGIONAL\n"
        "Muchas gracias a todas y a todos por venir.\n"
        "Hoy cumplo 90 días al frente de esta unidad. Desde entonces se reabrieron 3 "
        "quirófanos. Este hospital tiene 26 años y sigue de pie.\n"),
        "b.txt": "La clínica de la costa reabrió 12 quirófanos en 2019 y cumple 40 años.\n"},
        question)
    assert answer.values[:1] == [value], answer.text


_A_DAYS_WORK = ("El hospital tiene 30 camas y se otorgan al día 90 consultas, cinco cirugías, más "
                "de 300 estudios de laboratorio y 15 estudios de ultrasonido, alcanzando al día "
                "de hoy una ocupación del 88 por ciento.\n")


@pytest.mark.parametrize("question, value", [
    # A rate said once reaches along the list; "al día de hoy" is a date, not a rate.
    ("¿Cuántos estudios de laboratorio se hacen al día?", 300),
    ("¿Cuántos estudios de ultrasonido se hacen diariamente?", 15),
    ("¿Cuántas cirugías se hacen cada día en el hospital?", 5),
])
def test_a_rate_reaches_along_a_list_and_each_figure_keeps_its_subtype(
        tmp_path: Path, question: str, value: int) -> None:
    answer = _ask(tmp_path, {"a.txt": _A_DAYS_WORK}, question)
    assert answer.values[:1] == [value], answer.text


@pytest.mark.parametrize("question", [
    "¿Qué nivel de ocupación tiene el hospital?",
    "¿Qué ocupación tiene el hospital de la sierra?",
    "¿Cuál es el grado de ocupación del hospital?",
])
def test_a_share_asked_without_percent_words(tmp_path: Path, question: str) -> None:
    answer = _ask(tmp_path, {"a.txt": "El hospital de la sierra cuenta con 60 camas, con una "
                             "ocupación del 87 por ciento, y con 40 médicos que atienden a 9 mil "
                             "personas de la región.\n"}, question)
    assert answer.values[:1] == [87], answer.text


@pytest.mark.parametrize("question", [
    "¿A cuánta gente atiende la brigada de salud de la sierra?",
    "¿A cuánta gente da servicio la brigada de salud de la sierra?",
])
def test_a_collective_noun_counts_people(tmp_path: Path, question: str) -> None:
    # The other figure's sentence holds more of the question's words, but counts no people.
    answer = _ask(tmp_path, {"a.txt": "En la sierra viven 90 mil personas. La brigada de salud "
                             "de la sierra atiende y da servicio en 400 kilómetros de caminos.\n"},
                  question)
    assert answer.values[:1] == [90_000], answer.text


def test_a_subtype_of_another_kind_is_no_other_subtype(tmp_path: Path) -> None:
    # "de refuerzo" is the dose's kind; the campaign's disease is still influenza.
    answer = _ask(tmp_path, {"a.txt": "En la campaña contra la influenza se aplicaron 2 mil "
                             "vacunas de refuerzo.\n"},
                  "¿Cuántas vacunas contra la influenza se aplicaron?")
    assert answer.values[:1] == [2000], answer.text


@pytest.mark.parametrize("question, value", [
    ("¿Cuántos especialistas en cardiología llegaron a la clínica de la montaña?", 4),
    ("¿Cuántos médicos de cardiología recibió la clínica de la montaña?", 4),
    ("¿Cuántos especialistas en nefrología contrató el hospital del puerto?", 6),
])
def test_a_figure_may_count_what_the_asked_noun_is_of(tmp_path: Path, question: str,
                                                        value: int) -> None:
    # "especialistas en cardiología" are "cardiólogos": the text never says "especialistas".
    assert _first_value(tmp_path, {"a.txt": "La clínica de la montaña recibió este mes a cuatro "
                        "cardiólogos. Su edificio tiene 12 años y atiende a 9 mil personas.\n"
                        "El hospital del puerto contrató a seis nefrólogos para la sala de "
                        "hemodiálisis, que abrió hace 3 años.\n"}, question) == value


@pytest.mark.parametrize("question", [
    "¿Cuántos médicos dan consultas en el hospital del puerto?",
    "¿Cuántos médicos atienden las consultas del hospital del puerto?",
])
def test_a_lexicon_measure_the_question_does_not_count_is_no_strict_answer(
        tmp_path: Path, question: str) -> None:
    # "consultas" is a measure the lexicon knows, but the question counts doctors.
    assert _first_value(tmp_path, {"a.txt": "El hospital del puerto da 300 consultas al día.\n",
                                   "b.txt": "En el hospital del puerto trabajan 45 médicos.\n"},
                        question) == 45


@pytest.mark.parametrize("question, value", [
    ("¿Qué calificación obtuvo la clínica en la evaluación estatal?", 96.5),
    ("¿Cuál fue la calificación de la clínica en la evaluación estatal?", 96.5),
    ("¿Qué parte del equipo de la clínica es rentado?", 30),
    ("En 2023, ¿qué fracción del equipo de la clínica era rentado?", 30),
    ("¿Cuánto recibirá en efectivo cada enfermera premiada?", 25_000),
    ("¿Cuánto cobran las enfermeras premiadas además de la medalla?", 25_000),
])
def test_what_of_a_valued_noun_asks_for_its_figure(tmp_path: Path, question: str,
                                                   value: float) -> None:
    assert _first_value(tmp_path, {"a.txt": "Oaxaca, 4 de mayo de 2023.- La clínica de la sierra "
                        "logró una calificación sobresaliente de 96.5 por ciento en la evaluación "
                        "estatal. El 30 por ciento del equipo de la clínica es rentado. Se premiará "
                        "a 40 enfermeras: cada una recibirá una medalla y 25 mil pesos.\n"},
                        question) == value


@pytest.mark.parametrize("question, intent", [
    ("¿Qué calificación obtuvo el hospital de la sierra?", "figure"),
    ("¿Qué hospital se inauguró en la sierra?", "text"),
    ("¿Qué hospitales se inauguraron en la sierra?", "list"),
    ("¿En qué parte de la sierra está el hospital?", "text"),
])
def test_what_of_a_noun_asks_a_figure_only_when_the_texts_value_it(
        tmp_path: Path, question: str, intent: str) -> None:
    # "hospital de 60 camas" counts beds: the hospital is no value of its own.
    from assistant.query import parse
    from assistant.vocab import build_vocabulary

    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "a.txt").write_text("El hospital de la sierra obtuvo una calificación de 90 por "
                                  "ciento. Se inauguró un hospital de 60 camas.\n", "utf-8")
    settings = Settings(data_dir=tmp_path / "data", embedder="use")
    ingest([folder], settings)
    assert parse(question, build_vocabulary(Store(settings))).intent == intent


@pytest.mark.parametrize("question", [
    "A finales de enero de 2023, ¿qué avance llevaba la contratación de enfermeras?",
    "Al cierre de enero de 2023, ¿qué porcentaje de avance tenía la contratación de enfermeras?",
])
def test_a_moment_asked_is_answered_by_a_longer_span_that_takes_it_in(
        tmp_path: Path, question: str) -> None:
    # The quarter's progress, told at the end of January, answers for the end of January.
    assert _first_value(tmp_path, {"a.txt": "Puebla, 30 de enero de 2023.- Para este primer "
                        "trimestre tenemos proyectada la contratación de 900 enfermeras, y "
                        "llevamos un avance del 64 por ciento.\n"}, question) == 64


def test_a_whole_span_asked_is_not_answered_by_a_longer_one(tmp_path: Path) -> None:
    answer = _ask(tmp_path, {"a.txt": "Puebla, 30 de abril de 2023.- En el primer trimestre se "
                             "contrataron 900 enfermeras.\n"},
                  "¿Cuántas enfermeras se contrataron en enero de 2023?")
    assert answer.abstained, answer.text


@pytest.mark.parametrize("question", [
    "¿Cuánto se ha invertido en el programa de clínicas rurales?",
    "¿Cuánto se ha pagado en el programa de clínicas rurales?",
])
def test_how_much_with_a_participle_asks_for_money(tmp_path: Path, question: str) -> None:
    assert _first_value(tmp_path, {"a.txt": "El programa de clínicas rurales llega a 1,200 "
                        "clínicas; en él se han invertido y pagado más de 300 millones de "
                        "pesos.\n"}, question) == 300_000_000


@pytest.mark.parametrize("question", [
    "¿Cuántas tarjetas se entregaron en el Edomex?",
    "cuantas tarjetas se entregaron en el edomex",
])
def test_a_states_short_name_meets_its_full_name(tmp_path: Path, question: str) -> None:
    assert _first_value(tmp_path, {"a.txt": "En Jalisco se entregaron 700 tarjetas. Vamos al "
                        "Estado de México: ahí se entregaron 961 tarjetas.\n"}, question) == 961


@pytest.mark.parametrize("question", [
    "¿Cuántas salas públicas de hemodinamia hay en el país?",
    "¿Cuántas salas públicas de hemodinamia hay a nivel nacional?",
    "¿Cuántas salas públicas de hemodinamia hay en toda la República?",
])
def test_a_states_figure_is_no_answer_for_the_whole_country(tmp_path: Path,
                                                            question: str) -> None:
    assert _first_value(tmp_path, {"a.txt": "En Campeche se abrieron 2 salas públicas de "
                        "hemodinamia. Son parte de la red de salas de hemodinamia, que hoy suma "
                        "134 en todo el país.\n"}, question) == 134


def test_a_plan_verb_is_no_topic_word(tmp_path: Path) -> None:
    # «se prevé» says a goal is asked; the text need not use the verb.
    assert _first_value(tmp_path, {"a.txt": "Para diciembre la meta es llegar a 144 salas de "
                        "hemodinamia; hoy hay 134 salas de hemodinamia.\n"},
                        "¿A cuántas salas de hemodinamia se prevé llegar?") == 144


@pytest.mark.parametrize("question", [
    "¿A cuántas salas de hemodinamia se prevé llegar al cierre de 2024?",
    "¿Cuántas salas de hemodinamia se planea tener en diciembre de 2024?",
    "¿Cuántas salas de hemodinamia habrá al final de 2024?",
])
@pytest.mark.parametrize("date, answers", [("2024-03-12", True), ("2023-03-12", False)])
def test_a_plan_is_stated_before_the_time_it_is_for(tmp_path: Path, question: str, date: str,
                                                    answers: bool) -> None:
    # A plan said in March for the end of its year answers for December; one said the year
    # before, with no period of its own, may have been for that year.
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "a.txt").write_text("Hoy son 134 salas de hemodinamia públicas en todo el país. "
                                  "El Seguro Social abrió 16 y el Issste abrió 13, y por eso "
                                  "este año vamos a llegar a 144.\n", encoding="utf-8")
    (folder / "a.meta.json").write_text(f'{{"date": "{date}"}}', encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data", embedder="use")
    ingest([folder], settings)
    answer = Assistant(settings).ask(question)
    assert answer.values == ([144] if answers else [])


@pytest.mark.parametrize("question", [
    "¿Cuántos médicos egresaron de las especialidades?",
    "¿Cuántos médicos especialistas egresaron?",
])
def test_a_span_of_time_counts_no_things(tmp_path: Path, question: str) -> None:
    # "tres años" shares the asked words' sentence; it is a length, not a number of doctors.
    value = _first_value(tmp_path, {"a.txt": "Las especialidades de los médicos que egresaron "
                         "duran tres años. Hubo un egreso de 900 especialistas.\n"}, question)
    assert value != 3


@pytest.mark.parametrize("question, money", [
    ("¿Cuánto cobran las enfermeras premiadas?", True),
    ("¿Cuánto se ha invertido en la clínica?", True),
    ("¿Cuántas vidas cobró la pandemia?", False),  # a count: "cobró" is what happened
    ("¿Cuántos días de incapacidad fueron pagados?", False),
    ("¿Cuántos pacientes recibieron un tratamiento efectivo?", False),
    ("¿Cuánto se pagará a cada enfermera premiada?", True),  # any tense of "pagar"
    ("¿Cuánto le pagaban los estados a un especialista?", True),
    ("¿Cuántos días se pagarán de incapacidad?", False),
    ("¿Cuánto tiempo se pagará la incapacidad?", False),  # a span of time
    ("¿Cuánto tarda el IMSS en pagar la pensión?", False),
])
def test_money_acts_ask_for_money_only_when_nothing_is_counted(question: str,
                                                               money: bool) -> None:
    from assistant.intent import cues

    assert cues(fold(question))["money"] is money


@pytest.mark.parametrize("question", [
    "¿Cuánto más ganan los especialistas que contrata el programa?",
    "¿Cuánto más cobran hoy los especialistas que antes?",
])
def test_a_change_may_be_asked_as_a_share(tmp_path: Path, question: str) -> None:
    # "¿Cuánto más …?" asks for a change: the share of the increase answers, not the salary.
    assert _first_value(tmp_path, {"a.txt": "Los especialistas que contrata el programa "
                        "tienen un 16 por ciento de incremento respecto a lo que ganaban en "
                        "los estados, cerca de 45 mil pesos al mes.\n"}, question) == 16


@pytest.mark.parametrize("question, value", [
    ("¿Cuánto dinero aumentó el presupuesto para hospitales?", 2_000_000_000),
    ("¿En cuántos pesos creció el presupuesto para hospitales?", 2_000_000_000),
])
def test_a_change_asked_in_money_is_the_sum(tmp_path: Path, question: str, value: int) -> None:
    assert _first_value(tmp_path, {"a.txt": "El presupuesto del IMSS para hospitales aumentó 5 "
                        "por ciento este año. Con ello, el presupuesto creció en 2 mil millones "
                        "de pesos respecto a 2023.\n"}, question) == value


@pytest.mark.parametrize("question, change", [
    ("¿Cuánto más ganan los especialistas?", True),
    ("¿Cuántas más se contrataron este año?", True),
    ("¿Cuántos más de 60 años se vacunaron?", False),  # "más de 60 años" is an age
    ("¿Cuánto más tiempo durará la obra?", False),
])
def test_how_much_more_asks_a_change(question: str, change: bool) -> None:
    from assistant.intent import cues

    assert cues(" ".join(fold(question).split()))["change"] is change


@pytest.mark.parametrize("question", [
    "¿Cuánto dinero recibirá cada enfermera del grado Cruz?",
    "¿De cuánto es el premio del grado Cruz?",
])
def test_a_figure_in_the_sentence_after_the_asked_words(tmp_path: Path, question: str) -> None:
    # The sentence before names the grade; the figure's own sentence shares no word with the
    # question, and is still a candidate.
    ranked, _ = _ranked(tmp_path, {"a.txt": "La condecoración tiene dos grados. El grado Collar "
                        "se entregará a 58 médicos, con una medalla y 100 mil pesos. El grado "
                        "Cruz se entregará a 500 enfermeras postuladas por sus hospitales. En "
                        "este caso el premio será una insignia, más 50 mil pesos.\n"}, question)
    assert ranked[0].fact.value == 50000


@pytest.mark.parametrize("question, national", [
    ("¿Cuántas salas hay en el país?", True),
    ("¿Cuántas salas hay a nivel nacional?", True),
    ("¿Cuántos quirófanos tienen los Centros Médicos Nacionales?", False),  # a name
    ("¿Cuántos elementos tiene la Guardia Nacional?", False),
])
def test_a_national_question(question: str, national: bool) -> None:
    from assistant.intent import NATIONAL

    assert bool(NATIONAL.search(fold(question))) is national


def test_a_plan_word_is_not_every_word_that_begins_alike(tmp_path: Path) -> None:
    # "prevención" is a topic word; only "prevé", "prevista" … say a plan is asked.
    assert _ask(tmp_path, {"a.txt": "Se otorgaron 500 consultas de prevención y 300 consultas de "
                           "urgencias.\n"}, "¿Cuántas consultas de prevención se otorgaron?"
                ).values == [500]


def test_a_moment_is_not_answered_by_a_later_total(tmp_path: Path) -> None:
    # A half-year total told in July is no count at the end of March.
    assert _ask(tmp_path, {"a.txt": "Puebla, 10 de julio de 2024.- De enero a junio de 2024 se "
                           "hicieron 5 mil 400 cirugías de cataratas.\n"},
                "¿Cuántas cirugías de cataratas se habían hecho al cierre de marzo de 2024?"
                ).abstained


def test_a_share_of_a_noun_does_not_make_it_a_valued_noun(tmp_path: Path) -> None:
    answer = _ask(tmp_path, {"a.txt": "El 30 por ciento del equipo era rentado. El hospital "
                             "compró un tomógrafo y un equipo de rayos X.\n"},
                  "¿Qué equipo compró el hospital?")
    assert answer.values == [], answer.text


@pytest.mark.parametrize("question, value", [
    # "medicamentos" and "médicos", "consultorios" and "consultas" share a prefix but count
    # other things: neither is an answer, nor a second answer beside the asked noun's figure.
    ("¿Cuántos médicos recibieron las clínicas rurales de la sierra en 2023?", 812),
    ("¿Cuántos medicamentos recibieron en 2023 las clínicas rurales de la sierra?", 1950),
    ("¿Cuántas consultas recibieron las clínicas rurales de la sierra en 2023?", None),
    # "¿cuánto pagó?" asks for pesos: a share of the fleet is no answer; a rise may be one.
    ("¿Cuánto pagó el hospital de la costa por la renta de las ambulancias?", None),
    ("¿Cuánto costó en 2022 la renta de las ambulancias del hospital de la costa?", None),
    ("¿Cuánto subió en 2022 la renta de las ambulancias del hospital de la costa?", 12),
    ("¿Cuánto subió el costo de la renta de las ambulancias del hospital de la costa en "
     "2022?", 12),
    # ... and a share of a sum may answer it.
    ("¿Cuánto paga el seguro de la cooperativa por incapacidad por enfermedad general?", 60),
])
def test_a_figure_of_another_thing_is_no_answer(assistant: Assistant, question: str,
                                                value: int | None) -> None:
    answer = assistant.ask(question)
    if value is None:
        assert answer.abstained
    else:
        assert answer.values == [value]


@pytest.mark.parametrize("asked, counted, near", [
    ("médicos", "médicas", True),
    ("enfermeras", "enfermería", True),
    ("hospitales", "hospital", True),
    ("empleos", "puestos", True),  # a synonym of the thesaurus
    ("médicos", "medicamentos", False),
    ("consultas", "consultorios", False),
    ("donantes", "donaciones", False),
    ("enfermeras", "enfermedades", False),
    ("médicos", "medicinas", False),
    ("hospitales", "hospitalizados", False),
    ("consultas", "consultores", False),
    ("nacieron", "nacimientos", True),  # a noun of a short verb stem
])
def test_near_forms_of_the_asked_noun(asked: str, counted: str, near: bool) -> None:
    from assistant.rank import counts_head
    from assistant.terms import term

    assert counts_head(term(fold(asked)), frozenset({term(fold(counted))})) is near


def test_a_second_answer_counts_the_asked_noun_too(assistant: Assistant) -> None:
    # Two figures as close in score: beside "812 médicos", the claves de medicamentos are no
    # second answer to "¿cuántos médicos?"; a figure that names no noun, or a noun of the
    # question, may be.
    from assistant.query import parse
    from assistant.rank import Candidate, choose

    corpus = assistant.corpus()
    facts = {(f.source, f.value): i for i, f in enumerate(corpus.facts)}
    q = parse("¿Cuántos médicos recibieron las clínicas rurales?", corpus.vocab)
    w = Settings().match

    def ranked(*keys: tuple[str, float]) -> list[Candidate]:
        return [Candidate(facts[k], corpus.facts[facts[k]], 0.7 - n * 0.01)
                for n, k in enumerate(keys)]

    chosen = choose(ranked(("x.txt", 812), ("x.txt", 1950), ("a.txt", 240)), w, corpus, q)
    assert [c.fact.value for c in chosen] == [812]
    q = parse("¿Cuántos médicos y lactarios recibieron las clínicas rurales?", corpus.vocab)
    chosen = choose(ranked(("x.txt", 812), ("x.txt", 1950), ("a.txt", 240)), w, corpus, q)
    assert [c.fact.value for c in chosen] == [812, 240]


@pytest.mark.parametrize("question, day", [
    ("¿Cuándo empezó la primera etapa de la reconversión de hospitales del norte?",
     "3 de febrero"),
    ("¿Cuándo arrancó la segunda etapa de la reconversión de hospitales del norte?",
     "15 de marzo"),
    ("¿En qué fecha inició la etapa 2 de la reconversión de hospitales del norte?",
     "15 de marzo"),
])
def test_a_stage_asked_is_the_stage_named(assistant: Assistant, question: str,
                                          day: str) -> None:
    # "la primera etapa" and "la etapa uno" are the same stage; the other's date is no answer.
    answer = assistant.ask(question)
    assert day in answer.citations[0].quote
    assert len(answer.citations) == 1


def test_a_stage_named_by_its_ordinal_alone(assistant: Assistant) -> None:
    # "la segunda" after "La primera feria" is the second feria; the summary bullet repeats the
    # body's sentence word for word, and the answer quotes it once.
    answer = assistant.ask("¿En qué fechas fue la segunda feria de salud rural?")
    assert [c.quote.count("20 al 22 de junio") for c in answer.citations] == [1]


def test_an_ordinal_of_another_noun_is_no_stage(assistant: Assistant) -> None:
    # "la primera y la segunda dosis" are doses, not the second Jornada.
    answer = assistant.ask("¿Cuándo fue la segunda jornada de vacunación en Tabasco?")
    assert "9 de mayo" in answer.citations[0].quote


def test_two_stages_asked_are_both_named(assistant: Assistant) -> None:
    answer = assistant.ask("¿Cuándo empezaron las dos primeras etapas de la reconversión de "
                           "hospitales del norte?")
    quotes = " ".join(c.quote for c in answer.citations)
    assert "3 de febrero" in quotes and "15 de marzo" in quotes


@pytest.mark.parametrize("question, value", [
    ("¿Cuántos niños estaban inscritos en las estancias de la sierra en julio de 2022?", 4210),
    ("¿Cuántos niños están inscritos hoy en las estancias infantiles de la sierra?", 4210),
    ("¿Cuántos niños están vacunados en las estancias de la sierra?", None),
])
def test_the_state_the_question_gives_its_noun(assistant: Assistant, question: str,
                                               value: int | None) -> None:
    # "tenemos inscritos 4,210" counts the children the question calls "inscritos"; the 300
    # of August are another period's; "vacunados" are not "inscritos".
    answer = assistant.ask(question)
    if value is None:
        assert 4210 not in answer.values
    else:
        assert answer.values[:1] == [value]


@pytest.mark.parametrize("question, states", [
    ("¿Cuántos niños estaban inscritos en las estancias?", {"inscrit"}),
    ("¿Cuántos pacientes siguen hospitalizados?", {"hospitaliz"}),
    ("¿Cuántos hospitales hay en los estados del norte?", set()),  # a noun, not a state
    ("¿Cuántos médicos contratados hay?", set()),  # no verb of state before it
])
def test_the_participles_a_question_gives_its_noun(assistant: Assistant, question: str,
                                                   states: set[str]) -> None:
    from assistant.query import parse
    from assistant.rank import _participles

    assert _participles(parse(question, assistant.corpus().vocab)) == states


_TOWN = ("DIRECTOR DEL HOSPITAL RURAL TEPETLÁN\n"
         "Somos la única opción de la Sierra Hidalguense; colindamos con Puebla y Veracruz.\n"
         "En el hospital tenemos 36 camas censables y 180 trabajadores.\n")


@pytest.mark.parametrize("question, value", [
    # The town the question names is the text's; the state only locates it, named in the text
    # by its gentilic, beside the states it borders.
    ("¿Cuántas camas censables tiene el Hospital Rural Tepetlán, en Hidalgo?", 36),
    ("¿Cuántas camas censables tiene el hospital rural de Hidalgo?", 36),
    # Another state is still another state.
    ("¿Cuántas camas censables tiene el hospital rural de Oaxaca?", None),
])
def test_a_named_town_and_its_state(tmp_path: Path, question: str, value: int | None) -> None:
    ranked, settings = _ranked(tmp_path, {"t.txt": _TOWN}, question)
    best = ranked[0]
    # The figure is matched on its own merits, not only rescued by the lexicon's strict match.
    passes = best.score >= settings.match.min_fact_score
    assert (best.fact.value if passes else None) == value, best


def test_a_state_is_named_by_its_gentilic() -> None:
    from index.scope import states_named
    assert states_named(fold("cinco oaxaquenos nacen al dia en la sierra hidalguense")) == {
        "Oaxaca", "Hidalgo"}
    assert states_named(fold("en Nuevo León y Yucatán")) == {"Nuevo León", "Yucatán"}
    # A gentilic that is also a common word names no state.
    assert states_named(fold("el hospital capitalino y el chile poblano")) == set()


def test_a_name_elsewhere_in_the_text_does_not_locate_the_figure(tmp_path: Path) -> None:
    # The text names Tepetlán far from the beds, which are Oaxaca's: a name the question
    # shares with the text locates a figure only in the passage (or heading) that names it.
    text = ("La gira por los hospitales rurales del programa recorrió muchas regiones del país "
            "durante varios meses, con diálogos en cada comunidad y con el personal de salud, "
            "los voluntarios, las parteras y las autoridades de cada lugar visitado.\n"
            "En Tepetlán, en Hidalgo, se habló del agua potable.\n"
            "Después hubo un diálogo con las parteras de la región.\n"
            "Luego la gira llegó a la sierra de Oaxaca.\n"
            "El hospital tiene 36 camas censables.\n")
    ranked, settings = _ranked(tmp_path, {"t.txt": text},
                               "¿Cuántas camas censables tiene el hospital de Tepetlán, en "
                               "Hidalgo?")
    assert ranked[0].score < settings.match.min_fact_score


@pytest.mark.parametrize("question, value", [
    ("¿Cuántos empleados tiene la clínica de Tlacotalpan?", 45),
    ("¿Cuántos trabajadores laboran en la clínica de Tlacotalpan?", 45),
    ("¿De cuántas enfermeras y médicos es el equipo de la clínica de Tlacotalpan?", 45),
    ("¿Cuántas camas tiene la clínica de Tlacotalpan?", 12),
    ("¿Cuántos quirófanos tiene la clínica de Tlacotalpan?", None),
    # A team is no count of the people it serves.
    ("¿Cuántos pacientes atiende la clínica de Tlacotalpan?", None),
])
def test_a_figure_of_personas_counts_the_people_asked(tmp_path: Path, question: str,
                                                      value: int | None) -> None:
    # «personas» is what any people are counted in: a team of 45 people answers how many
    # workers there are; beds and a count of other things do not.
    answer = _ask(tmp_path, {"a.txt": "La clínica de Tlacotalpan abrió sus puertas con 12 camas. "
                             "Hoy la clínica la sostiene un equipo de 45 personas, que "
                             "recorre 30 comunidades.\n"}, question)
    assert (answer.values[:1] or [None]) == [value], answer.text


@pytest.mark.parametrize("question, value", [
    ("¿Cuántas enfermeras faltan por contratar en Oaxaca?", 910),
    ("¿Cuántas enfermeras quedan por contratar en Oaxaca?", 910),
    ("¿Cuántas enfermeras en total se tiene previsto contratar en Oaxaca?", 910),
    ("¿Cuántas enfermeras se han contratado en Oaxaca?", 640),
])
def test_what_is_still_to_be_done_answers_a_plan(tmp_path: Path, question: str,
                                                 value: int) -> None:
    answer = _ask(tmp_path, {"a.txt": "Van 640 enfermeras contratadas en Oaxaca, de un total de "
                             "910 enfermeras a contratar.\n"}, question)
    assert answer.values[:1] == [value], answer.text


@pytest.mark.parametrize("question, value", [
    ("¿Cuántas salas de hemodinamia públicas hay en el país?", 134),
    ("¿Cuántas salas de hemodinamia había al inicio del gobierno?", 107),
])
def test_a_baseline_is_no_answer_for_today(tmp_path: Path, question: str, value: int) -> None:
    answer = _ask(tmp_path, {"a.txt": "Cuando iniciamos en el gobierno había 107 salas de "
                             "hemodinamia públicas en el país. Hoy son 134 salas de hemodinamia "
                             "en todo el país.\n"}, question)
    assert answer.values[:1] == [value], answer.text


@pytest.mark.parametrize("question", [
    "¿Qué necesidades planteó la directora del Hospital Rural de Tepic?",
    "¿Cuáles son las necesidades del Hospital Rural de Tepic, según su directora?",
    "¿Cuáles son las principales necesidades del Hospital Rural de Tepic?",
])
def test_a_list_asked_of_a_noun_is_the_sentence_that_lists_it(tmp_path: Path,
                                                                question: str) -> None:
    # The asked noun, then "son"/"están"/":" and the items: that sentence lists them, not the
    # one that shares the most other words of the question.
    text = ("La directora del Hospital Rural de Tepic, Ana Ruiz, recibió a la comitiva con los "
            "médicos, las enfermeras y el personal de limpieza. Entre las necesidades del hospital "
            "están una ambulancia nueva, un pediatra de base y la reparación del techo.\n")
    assert "ambulancia" in _best_sentences(tmp_path, text, [question])[0]


@pytest.mark.parametrize("opening, lists", [
    ("Al respecto,", True),
    ("Sobre el particular,", True),
    ("Entre ellas,", True),
    ("En ese sentido,", False),  # a speaker's filler, not a pointer back
])
def test_a_sentence_that_points_back_lists_what_the_one_before_announced(
        tmp_path: Path, opening: str, lists: bool) -> None:
    from assistant.query import parse
    from assistant.read import rank_sentences

    text = ("La visita del director fue el lunes, y recorrió el hospital con su equipo. Uno de "
            "los objetivos de la visita es conocer nuestras principales necesidades. "
            f"{opening} hay equipo que cumplió su vida útil, requerimos dos ambulancias y un pozo "
            "de agua.\n")
    settings = _index(tmp_path, {"a.txt": text})
    corpus = Assistant(settings).corpus()
    q = parse("¿Qué necesidades tiene el hospital?", corpus.vocab)
    ranked = rank_sentences(q, corpus, settings.match)
    first = text[corpus.terms.sentences[ranked[0].index][1]:]
    assert first.startswith(opening) is lists


def test_a_sentence_that_points_back_without_a_series_lists_nothing(tmp_path: Path) -> None:
    from assistant.query import parse
    from assistant.read import rank_sentences

    text = ("El director recorrió el hospital rural y escuchó las principales necesidades del "
            "personal. Al respecto, el director señaló que, por ahora, no hay una fecha para "
            "resolverlas. Para el hospital se requieren un quirófano, dos ambulancias, un pediatra "
            "y un pozo de agua.\n")
    settings = _index(tmp_path, {"a.txt": text})
    corpus = Assistant(settings).corpus()
    q = parse("¿Qué necesidades tiene el hospital?", corpus.vocab)
    readings = {text[corpus.terms.sentences[r.index][1]:][:11]: r
                for r in rank_sentences(q, corpus, settings.match)}
    assert readings["Al respecto"].score < readings["El director"].score
    assert not readings["Al respecto"].enumerates


def test_a_list_from_a_text_that_never_names_the_asked_place_loses(tmp_path: Path) -> None:
    texts = {"a.txt": "Visita al Hospital Rural de Tepic\nEl recorrido duró dos horas. Sus "
                      "necesidades: una ambulancia, un pediatra y un techo.\n",
             "b.txt": "Visita al Hospital Rural de Izamal\nLa directora del Hospital Rural de "
                      "Izamal planteó al presidente las necesidades del hospital rural: un "
                      "quirófano, dos médicos y un pozo.\n"}
    from assistant.query import parse
    from assistant.read import rank_sentences

    settings = _index(tmp_path, texts)
    corpus = Assistant(settings).corpus()
    q = parse("¿Qué necesidades planteó la directora del Hospital Rural de Tepic?", corpus.vocab)
    ranked = rank_sentences(q, corpus, settings.match)
    assert corpus.terms.sentences[ranked[0].index][0] == "a.txt"


def test_a_sentence_that_never_names_the_listed_noun_loses(tmp_path: Path) -> None:
    from dataclasses import replace

    from assistant.query import parse
    from assistant.read import rank_sentences

    text = ("El Hospital Rural de Tepic, con 30 camas, dos quirófanos y un laboratorio, cumple 40 "
            "años. Sus necesidades, dijo el director, son cada vez mayores porque faltan una "
            "ambulancia, un pediatra y un techo nuevo.\n")
    settings = _index(tmp_path, {"a.txt": text})
    corpus = Assistant(settings).corpus()
    q = parse("¿Qué necesidades tiene el Hospital Rural de Tepic?", corpus.vocab)

    def scores(w: MatchWeights) -> dict[str, float]:
        return {text[corpus.terms.sentences[r.index][1]:][:3]: r.score
                for r in rank_sentences(q, corpus, w)}

    weighed, unweighed = scores(settings.match), scores(replace(settings.match,
                                                               list_head_absent=1.0))
    assert weighed["Sus"] == unweighed["Sus"]
    assert weighed["El "] == pytest.approx(unweighed["El "] * settings.match.list_head_absent)



@pytest.mark.parametrize("question, value", [
    ("¿A cuántos pacientes atiende la clínica de Tlacotalpan?", 12000),
    ("¿Cuántos médicos tiene la clínica de Tlacotalpan?", None),
])
def test_a_figure_of_personas_served_is_no_staff(tmp_path: Path, question: str,
                                                 value: int | None) -> None:
    answer = _ask(tmp_path, {"a.txt": "La clínica de Tlacotalpan atiende a 12 mil personas de la "
                             "sierra.\n"}, question)
    assert (answer.values[:1] or [None]) == [value], answer.text


def test_a_copula_after_the_listed_noun_is_no_enumeration(tmp_path: Path) -> None:
    text = ("El Hospital de Zona 5 de Tepic abrió este año cardiología, neurología y oncología, "
            "con 20 camas. Las especialidades del hospital son atendidas por 40 médicos. Sus "
            "necesidades: una ambulancia, un pediatra y un techo.\n")
    specialties, needs = _best_sentences(tmp_path, text, [
        "¿Qué especialidades abrió el Hospital de Zona 5 de Tepic?",
        "¿Cuáles son las necesidades del Hospital de Zona 5 de Tepic?"])
    assert "cardiología" in specialties and "ambulancia" in needs


_BIRTHS = ("En el Hospital General de Tecpan se registraron 412 nacimientos en lo que va del año, "
           "y 25 mil personas viven en su zona de influencia. Se aplicaron 9 mil vacunas a 4 mil "
           "niños, y se firmaron 30 contratos. Su plantilla es de 300 trabajadores.\n")


@pytest.mark.parametrize("question, value", [
    # What the asked people do, counted by the act's noun.
    ("¿Cuántos bebés nacieron en el Hospital General de Tecpan?", 412),
    ("¿Cuántos niños han nacido este año en el hospital de Tecpan?", 412),
    # The people themselves, where a text counts them: doses and contracts count no people.
    ("¿Cuántas personas viven en la zona de influencia del hospital de Tecpan?", 25000),
    ("¿Cuántos niños se vacunaron en el hospital de Tecpan?", 4000),
    ("¿Cuántos trabajadores tiene el hospital de Tecpan?", 300),
    ("¿Cuántos trabajadores se contrataron en el hospital de Tecpan?", 300),
])
def test_people_asked_by_what_they_do(tmp_path: Path, question: str, value: int) -> None:
    assert _first_value(tmp_path, {"a.txt": _BIRTHS}, question) == value


@pytest.mark.parametrize("question, acts, not_acts", [
    ("¿Cuántos bebés nacieron en Tecpan?", {"nacimient"}, set()),
    ("¿Cuántas personas donaron sangre?", {"donacion"}, set()),
    # The verb's own stem counts another thing («vacunas» are doses), and the place people go
    # to is no act of theirs («guarderías»); a noun asked is no people.
    ("¿Cuántas personas se vacunaron en mayo?", set(), {"vacun"}),
    ("¿Cuántos niños asisten a las guarderías?", set(), {"guarderi"}),
    ("¿Cuántos pacientes pasan a consulta?", set(), {"consult"}),
    ("¿Cuántas consultas se dieron en mayo?", set(), {"consult", "dieron"}),
])
def test_the_acts_of_the_asked_people(assistant: Assistant, question: str, acts: set[str],
                                      not_acts: set[str]) -> None:
    from assistant.query import parse
    from assistant.rank import _acts

    found = _acts(parse(question, assistant.corpus().vocab))
    assert acts <= found and not not_acts & found


_PARTS = ("El hospital rural de Tecpan atiende a 30 mil personas que viven en seis de los 17 "
          "municipios que integran la región de la Costa Grande.\n")


@pytest.mark.parametrize("question, value", [
    # What the sentence says of its subject is said of the part ...
    ("¿En cuántos municipios viven las personas que atiende el hospital de Tecpan?", 6),
    ("¿De cuántos municipios son los pacientes del hospital rural de Tecpan?", 6),
    # ... what it says of the whole, of the whole.
    ("¿Cuántos municipios integran la región de la Costa Grande?", 17),
    ("En total, ¿cuántos municipios tiene la región de la Costa Grande?", 17),
])
def test_the_whole_of_a_stated_part(tmp_path: Path, question: str, value: int) -> None:
    assert _first_value(tmp_path, {"a.txt": _PARTS}, question) == value


@pytest.mark.parametrize("text, question, answer", [
    ("Todo el equipo llegará en abril. La clínica tendrá 42 camas de terapia intensiva y dos "
     "quirófanos nuevos. ¿Por qué 42? Porque es la demanda que registramos el invierno pasado.\n",
     "¿Por qué se decidió que la clínica tuviera 42 camas de terapia intensiva?", "demanda"),
    ("Las brigadas recorrerán las comunidades de la sierra con unidades móviles de vacunación. "
     "¿Y por qué allí? Debido a que ahí la cobertura de vacunación es la más baja del estado.\n",
     "¿Por qué las brigadas van a las comunidades de la sierra?", "cobertura"),
    ("Vamos a inaugurar la nueva guardería de Tepic con cupo para 200 niñas y niños. ¿Cuándo? "
     "El próximo 15 de marzo de 2026, si el clima lo permite.\n",
     "¿Cuándo se inaugura la guardería de Tepic?", "15 de marzo"),
])
def test_the_answer_to_a_short_question_in_the_text_answers_what_came_before_it(
        tmp_path: Path, text: str, question: str, answer: str) -> None:
    # "¿Por qué 42?" asks of the sentence before it: the reply after it takes that sentence's
    # terms, and outranks the sentence that only states the figure.
    assert answer in _best_sentences(tmp_path, text, [question])[0]


def test_a_full_question_in_the_text_does_not_lend_its_reply_the_sentence_before(
        tmp_path: Path) -> None:
    # "¿Cuántos médicos faltan en la región?" names its own topic: the reply to it answers
    # that, not the sentence about the guardería before it.
    text = ("Vamos a inaugurar la nueva guardería de Tepic con cupo para 200 niñas y niños en "
            "el mes de marzo. ¿Cuántos médicos especialistas faltan todavía en la región norte? "
            "Porque es lo que nos preguntan siempre los vecinos en las asambleas.\n")
    best = _best_sentences(tmp_path, text, ["¿Por qué se inaugura la guardería de Tepic?"])[0]
    assert "guardería" in best


_PEOPLE_OF_A_STATE = (
    "El Hospital Rural de Jala atiende una zona de 6 mil personas de la sierra. Diariamente aquí "
    "nacen siete nayaritas, y cada año se hacen 40 mil consultas. En su red trabajan 14 unidades "
    "médicas rurales, con 120 enfermeras.\n")


@pytest.mark.parametrize("question, value", [
    # People are counted by their state's gentilic as by «personas».
    ("¿Cuántos bebés nacen cada día en el Hospital Rural de Jala?", 7),
    ("¿Cuántos niños nacen al día en el hospital de Jala?", 7),
    ("¿Cuántos recién nacidos hay diariamente en el Hospital Rural de Jala?", 7),
    # ... and by «personas» where the rate is not asked; the nurses are no gentilic's.
    ("¿A cuántas personas atiende el Hospital Rural de Jala?", 6000),
    ("¿Cuántas enfermeras trabajan en la red del hospital de Jala?", 120),
])
def test_people_counted_by_their_states_gentilic(tmp_path: Path, question: str,
                                                 value: int) -> None:
    assert _first_value(tmp_path, {"a.txt": _PEOPLE_OF_A_STATE}, question) == value


_WHOLE_AND_STATE = (
    "En Sonora se entregaron 120 tarjetas de apoyo a los comités de las clínicas, con un avance "
    "del 98 por ciento. En todo el programa ya entregamos 900 tarjetas. Los comités de Sonora "
    "programaron 45 obras.\n")


@pytest.mark.parametrize("question, value", [
    # No place asked: the text's whole, not a state's part, though the state's sentence shares
    # more of the question's words.
    ("¿Cuántas tarjetas se han entregado a los comités de las clínicas?", 900),
    ("¿Cuántas tarjetas de apoyo se entregaron a los comités?", 900),
    ("¿Cuántas tarjetas se han repartido a las clínicas?", 900),
    # The state asked, and a state's figure with no whole beside it.
    ("¿Cuántas tarjetas se entregaron en Sonora?", 120),
    ("¿Cuántas obras programaron los comités?", 45),
])
def test_a_states_figure_is_a_part_of_the_texts_whole(tmp_path: Path, question: str,
                                                      value: int) -> None:
    assert _first_value(tmp_path, {"a.txt": _WHOLE_AND_STATE}, question) == value


@pytest.mark.parametrize("word, corrected", [
    # A word the corpus lacks is no typo of a corpus word that merely begins like it.
    ("compras", None),      # not «comprobantes» (stem «comprob»)
    ("planteo", None),      # not «plantilla»
    ("septima", None),      # not «septiembre»
    ("hidalgo", None),      # not «hidalguense»
    # Typos and other forms of a corpus word still are.
    ("hospitalez", "hospitales"),
    ("comprobantez", "comprobantes"),
    ("telefono", "telefono"),  # a form of «telefónica» (same stem) stays as it is
])
def test_a_word_is_corrected_only_to_a_form_of_itself(tmp_path: Path, word: str,
                                                      corrected: str | None) -> None:
    from assistant.chain import load_corpus

    settings = _index(tmp_path, {"a.txt": (
        "En septiembre se revisaron 400 comprobantes de la plantilla de los hospitales, y la "
        "línea telefónica atendió a 300 familias hidalguenses.\n")})
    vocab = load_corpus(Store(settings)).vocab
    assert vocab.correct(word) == corrected


_BEDS_AND_GRAFTS = ("El Hospital General de Tepic tiene 120 camas y 30 consultorios. En 2025 se "
                    "hicieron 85 trasplantes de riñón y 40 de córnea.\n")


@pytest.mark.parametrize("question, value", [
    # A word of state no text uses is a detail the text leaves out: the figure answers.
    ("¿Cuántas camas censables tiene el Hospital General de Tepic?", 120),
    ("¿Cuántas camas disponibles tiene el hospital de Tepic?", 120),
    ("¿Cuántos consultorios terminados tiene el hospital de Tepic?", 30),
    # A kind no text uses, as a complement or an adjective of relation: another question.
    ("¿Cuántas camas de pediatría tiene el hospital de Tepic?", None),
    ("¿Cuántos trasplantes de intestino se hicieron en 2025?", None),
    ("¿Cuántos trasplantes renales pediátricos se hicieron en 2025?", None),
    ("¿Cuántos consultorios odontológicos tiene el hospital de Tepic?", None),
])
def test_an_unknown_word_gates_only_when_it_names_a_kind(tmp_path: Path, question: str,
                                                         value: int | None) -> None:
    assert _first_value(tmp_path, {"a.txt": _BEDS_AND_GRAFTS}, question) == value


_KIND_BEFORE = ("La córnea es el tejido que más se dona en el occidente del país. Durante el "
                "trimestre, el Centro Médico Nacional de Occidente realizó 52 trasplantes, todos "
                "con donantes de la región, y atendió a 900 pacientes en consulta.\n")


@pytest.mark.parametrize("question, value", [
    # The kind asked («córnea») is named in the sentence before, not beside the figure; some
    # of the question's words are in no text. The figure of that kind answers (it ranks at
    # about 0.5: between min_fact_score_kinds and min_fact_score_strict).
    ("¿Cuántos trasplantes de córnea hizo el Centro Médico durante la contingencia sanitaria?",
     52),
    ("¿Cuántos trasplantes de córnea con donantes locales se hicieron en el trimestre pasado?",
     52),
    # ... but not another place's.
    ("¿Cuántos trasplantes de córnea hizo el instituto en Jalisco durante la temporada?", None),
])
def test_a_figure_of_the_asked_kind_clears_the_kinds_threshold(tmp_path: Path, question: str,
                                                                value: int | None) -> None:
    assert _first_value(tmp_path, {"a.txt": _KIND_BEFORE}, question) == value


@pytest.mark.parametrize("question", [
    "cuantas camas por cada mil derechohabientes tiene el imss",
    "¿Cuántas camas hay por cada mil derechohabientes?",
])
def test_a_ratio_asked_is_answered_by_its_figure_not_its_base(tmp_path: Path,
                                                              question: str) -> None:
    # «por cada mil» was read as a figure, 1,000 derechohabientes, and answered.
    text = ("En 1980 el Instituto tenía 1.8 camas por cada mil derechohabientes; hoy tiene 0.69. "
            "El nuevo hospital de Tepic abrirá con casi 200 camas para los derechohabientes.\n")
    assert 1000 not in _ask(tmp_path, {"a.txt": text}, question).values


@pytest.mark.parametrize("text, question, value", [
    # Near-synonyms of the thesaurus: «galardón» ~ «premio», «compras» ~ «consumos».
    ("La medalla en grado Placa se entregará a 300 enfermeras de todo el país. En este caso el "
     "premio será de 20 mil pesos. El grado Banda se dará a 100 médicos.\n",
     "¿De cuánto es el galardón del grado Placa?", 20_000),
    ("Con las tarjetas del programa ya hubo 392 consumos en punto de venta, y se entregaron 11 "
     "mil tarjetas a 800 comités.\n",
     "¿Cuántas compras se hicieron en las tiendas del programa?", 392),
])
def test_a_near_synonym_of_the_thesaurus_answers(tmp_path: Path, text: str, question: str,
                                                 value: int) -> None:
    assert _first_value(tmp_path, {"a.txt": text}, question) == value


def test_the_reply_to_a_short_question_answers_only_the_kind_it_was_asked(
        tmp_path: Path) -> None:
    # «¿Por qué 58?» asks a reason: its reply does not take the sentence before it for a list
    # question about the prize.
    from assistant.query import parse
    from assistant.read import rank_sentences

    settings = _index(tmp_path, {"a.txt": (
        "El premio estatal de enfermería tiene tres categorías: oro, plata y bronce. Este año se "
        "entregarán 58 premios estatales de enfermería en categoría oro. ¿Por qué 58? Porque es "
        "el número de hospitales del estado. El jurado lo forman enfermeras jubiladas.\n")})
    corpus = Assistant(settings).corpus()
    ranked = rank_sentences(parse("¿Cuáles son las categorías del premio estatal de enfermería?",
                                  corpus.vocab), corpus, settings.match)
    top = [corpus.bulletins["a.txt"].text[s:e]
           for _, s, e in (corpus.terms.sentences[r.index] for r in ranked[:3])]
    assert not any(t.startswith("Porque") for t in top)


@pytest.mark.parametrize("text, question, value", [
    # A part stated after its state's whole is no whole of it (a review found these).
    ("En Jalisco, el IMSS realizó 1,450 cirugías de cataratas en 2023. De ese total, 300 "
     "cirugías se hicieron en jornadas de fin de semana.\n",
     "¿Cuántas cirugías de cataratas realizó el IMSS en 2023?", 1450),
    ("El IMSS en Nuevo León realizó 210 trasplantes de riñón durante 2023. De ellos, 35 "
     "trasplantes fueron en niños.\n",
     "¿Cuántos trasplantes de riñón realizó el IMSS en 2023?", 210),
    # A kind no text uses gates, unless it is a word of state.
    ("En 2023 el IMSS realizó 1.5 millones de cirugías y 90 mil partos.\n",
     "¿Cuántas cirugías ambulatorias se realizaron en 2023?", None),
    ("En 2023 el IMSS realizó 1.5 millones de cirugías y 90 mil nacimientos.\n",
     "¿Cuántos nacimientos prematuros hubo en 2023?", None),
    # «intervenciones» and «abasto» are no surgeries and no stock.
    ("El programa dio 800 intervenciones educativas en escuelas de Tepic.\n",
     "¿Cuántas cirugías se realizaron en Tepic?", None),
    ("El abasto de medicamentos en las farmacias de Tepic es del 97 por ciento.\n",
     "¿Cuántos medicamentos hay en inventario en Tepic?", None),
])
def test_what_a_review_of_the_session_found(tmp_path: Path, text: str, question: str,
                                            value: float | None) -> None:
    assert _first_value(tmp_path, {"a.txt": text}, question) == value


def test_a_rhetorical_question_in_the_text_lends_nothing(tmp_path: Path) -> None:
    # «¿Y qué sigue?» asks no kind of answer: the sentence after it is not quoted with the
    # hospital the question asks for.
    text = ("El IMSS inauguró el Hospital General de Zona de Tapachula, con 120 camas. ¿Y qué "
            "sigue? El próximo año se construirá una Unidad de Medicina Familiar en Mérida.\n")
    answer = _ask(tmp_path, {"a.txt": text}, "¿Qué hospital se inauguró en Tapachula?")
    assert "Tapachula" in answer.text and "Mérida" not in answer.text


@pytest.mark.parametrize("text, question, value", [
    # A word the question asks in other words (a near-synonym of the thesaurus) is no word
    # more: the figure that says it goes before a bare one of the same noun.
    ("En el Hospital de Tlalpan hay 40 pacientes internados y 300 pacientes en consulta "
     "externa.\n", "¿Cuántos pacientes hospitalizados hay en Tlalpan?", 40),
    ("El hospital atiende a 300 pacientes en consulta externa; hoy tiene 52 pacientes "
     "hospitalizados.\n", "¿Cuántos pacientes internados tiene el hospital?", 52),
    ("En el Hospital de Tlalpan hay 40 pacientes internados y 300 pacientes en consulta "
     "externa.\n", "¿Cuántos pacientes en consulta externa hay en Tlalpan?", 300),
])
def test_the_strict_figure_that_says_the_asked_word_in_other_words_wins(
        tmp_path: Path, text: str, question: str, value: int) -> None:
    assert _first_value(tmp_path, {"a.txt": text}, question) == value


@pytest.mark.parametrize("question, cause", [
    # «¿Por qué …?» asks for the cause: the sentence that gives one («debido a que», «ya que»)
    # goes before one that only says what something helped to do; «¿para qué …?» asks the
    # purpose.
    ("¿Por qué no aparecían registradas las defunciones en el sistema?", True),
    ("¿Cuál fue el motivo de que las defunciones no estuvieran registradas en el sistema?",
     True),
    ("¿Para qué se revisaron los registros de defunciones del sistema?", False),
])
def test_a_why_question_wants_a_cause_and_a_what_for_question_a_purpose(
        tmp_path: Path, question: str, cause: bool) -> None:
    from assistant.query import parse
    from assistant.read import rank_sentences

    settings = _index(tmp_path, {"a.txt": (
        "Revisamos los registros del sistema de defunciones con un equipo de epidemiólogos, lo "
        "que nos ayudó a vigilar y a registrar las defunciones en el sistema institucional. Las "
        "defunciones no estaban registradas debido a que el certificado era de papel.\n")})
    corpus = Assistant(settings).corpus()
    ranked = rank_sentences(parse(question, corpus.vocab), corpus, settings.match)
    _, s, e = corpus.terms.sentences[ranked[0].index]
    assert ("debido a que" in corpus.bulletins["a.txt"].text[s:e]) is cause


@pytest.mark.parametrize("text, question, values", [
    # No subtype asked: the total answers, not its parts beside it, stated with the noun or
    # without it, whether the figures count what the question names or are ranked for it.
    ("En el hospital de Tepic se han dado 5 mil 200 consultas; entre ellas, 900 de "
     "cardiología, 400 de nefrología y 1,300 consultas de urgencias.\n",
     "¿Cuántas consultas lleva dadas el hospital de Tepic?", [5200]),
    ("Al momento, la clínica de Tepic ha otorgado alrededor de 3 mil 120 consultas; entre "
     "ellas, 800 de cardiología, 210 de pediatría y 640 consultas de urgencia.\n",
     "¿Cuántas consultas lleva dadas hasta ahora la clínica nueva de Tepic?", [3120]),
    ("Este año el hospital de Colima realizó 640 cirugías, de las cuales 210 cirugías de "
     "cataratas y 95 de hernia.\n", "¿Cuántas cirugías hizo el hospital de Colima?", [640]),
    # ... and the asked subtype still answers for itself.
    ("En el hospital de Tepic se han dado 5 mil 200 consultas; entre ellas, 900 de "
     "cardiología, 400 de nefrología y 1,300 consultas de urgencias.\n",
     "¿Cuántas consultas de cardiología se han dado en el hospital de Tepic?", [900]),
])
def test_a_subtype_the_question_does_not_name_is_a_part_of_the_total(
        tmp_path: Path, text: str, question: str, values: list[int]) -> None:
    assert list(_ask(tmp_path, {"a.txt": text}, question).values) == values


@pytest.mark.parametrize("question, value", [
    # A change's start dated in its own words answers a question of that year; its end, of
    # the text's year.
    ("¿De cuánto eran las reservas del Instituto en 2018?", 215_000_000_000),
    ("¿A cuánto ascendían las reservas en 2018?", 215_000_000_000),
    ("¿De cuánto son las reservas del Instituto en 2022?", 401_000_000_000),
])
def test_a_dated_start_of_a_change_answers_for_its_year(tmp_path: Path, question: str,
                                                        value: int) -> None:
    text = ("Las reservas del Instituto pasaron de 215 mil millones de pesos en 2018 a 401 "
            "mil millones de pesos.\n")
    answer = _ask(tmp_path, {"a.txt": text, "a.meta.json": '{"date": "2022-11-15"}'}, question)
    assert list(answer.values) == [value]
    assert "monto" not in answer.text.split("[1]")[0]


@pytest.mark.parametrize("text, question, value", [
    # The figure "sino" corrects is not the answer; «iba a operar» asks a plan.
    ("El plan tendrá presencia en 24 estados y ya no operará solamente 80 hospitales, sino "
     "331.\n", "¿Cuántos hospitales iba a operar el plan?", 331),
    ("Este año no se contrataron 50 médicos, sino 75 médicos.\n",
     "¿Cuántos médicos se contrataron este año?", 75),
    ("Para diciembre el programa no va a abrir 12 clínicas, sino 18 clínicas.\n",
     "¿Cuántas clínicas va a abrir el programa en diciembre?", 18),
])
def test_a_figure_that_sino_corrects_is_not_the_answer(tmp_path: Path, text: str,
                                                       question: str, value: int) -> None:
    assert _first_value(tmp_path, {"a.txt": text}, question) == value


@pytest.mark.parametrize("question, value", [
    # A stage named in lower case in the figure's own words is the asked one, and millions
    # that were transferred are money.
    ("¿Cuánto dinero se transfirió para la tercera etapa del hospital?", 112_000_000),
    ("¿Cuánto dinero adicional recibió el hospital para la tercera etapa?", 112_000_000),
    ("¿Cuánto dinero se transfirió para la cuarta etapa del hospital?", None),
])
def test_a_stage_named_in_lower_case_is_the_asked_one(tmp_path: Path, question: str,
                                                      value: int | None) -> None:
    text = ("La segunda etapa del hospital costó 250 millones de pesos. En abril el Insabi "
            "transfirió al Instituto 112 millones adicionales para una tercera etapa del "
            "hospital.\n")
    assert _first_value(tmp_path, {"a.txt": text, "a.meta.json": '{"date": "2021-06-26"}'},
                        question) == value


@pytest.mark.parametrize("text, question, values", [
    # What a review found: "sino" past an adjective, and the strict path too.
    ("El programa ya no operará solamente 80 hospitales rurales, sino 331 hospitales.\n",
     "¿Cuántos hospitales iba a operar el programa?", [331]),
    ("El programa ya no operará solamente 80 hospitales, sino 331 hospitales.\n",
     "¿Cuántos hospitales operará el programa?", [331]),
])
def test_what_a_review_of_sino_found(tmp_path: Path, text: str, question: str,
                                     values: list[int]) -> None:
    assert list(_ask(tmp_path, {"a.txt": text}, question).values) == values


def test_a_cause_of_another_thing_is_not_quoted_with_the_purpose(tmp_path: Path) -> None:
    text = ("La UMF 7 de Colima se remodeló con el objetivo de mejorar la atención. La obra se "
            "retrasó dos meses porque faltaron materiales.\n")
    answer = _ask(tmp_path, {"a.txt": text}, "¿Por qué se remodeló la UMF 7 de Colima?")
    assert "objetivo" in answer.text and "materiales" not in answer.text


@pytest.mark.parametrize("question, intent", [
    ("El hospital que se construye en Tapachula, ¿cuándo abrirá?", "date"),
    ("¿Y qué hay del hospital de Tapachula, cuándo abrirá?", "date"),
    ("¿Cómo y cuándo se inaugurará la UMF 15 de Tepic?", "date"),
    ("¿Dónde y cuándo será la jornada?", "date"),
])
def test_a_cuando_asked_with_another_question_word_is_still_a_date(question: str,
                                                                   intent: str) -> None:
    from assistant.intent import intent_of
    assert intent_of(" ".join(fold(question).split()), False) == intent


@pytest.mark.parametrize("text, question, values", [
    # With no kind asked, the parts listed after "de ellas" or a colon are no answers beside
    # their total, even when the total names its own kind.
    ("En 2023 el hospital realizó 3 mil cirugías de ortopedia; de ellas, mil 100 fueron de "
     "cadera, 800 de rodilla y 300 de columna.\n",
     "¿Cuántas cirugías se realizaron en 2023?", [3000]),
    ("Durante 2023 se hicieron 900 trasplantes: 600 de riñón, 200 de córnea y 100 de "
     "hígado.\n", "¿Cuántos trasplantes se hicieron en 2023?", [900]),
    # ... but two figures side by side are no total and its part.
    ("En Jalisco se hicieron 500 cirugías y en Sonora 300 cirugías durante 2023.\n",
     "¿Cuántas cirugías se hicieron en 2023?", [500, 300]),
    ("Se aplicaron 300 mil vacunas en 2022 y 200 mil vacunas en 2023.\n",
     "¿Cuántas vacunas se aplicaron?", [300_000, 200_000]),
])
def test_the_parts_after_de_ellas_are_no_answers_beside_their_total(
        tmp_path: Path, text: str, question: str, values: list[int]) -> None:
    assert list(_ask(tmp_path, {"a.txt": text}, question).values) == values


@pytest.mark.parametrize("text, question, value", [
    ("Colima, Colima, 5 de mayo de 2023.\nDesde 2020 a la fecha se han contratado 4 mil 500 "
     "enfermeras en los hospitales del estado.\n",
     "¿Cuántas enfermeras se han contratado desde 2020?", 4500),
    ("Mérida, Yucatán, 2 de junio de 2022.\nDesde el año 2019 hasta hoy el programa ha entregado "
     "12 mil becas a estudiantes de enfermería.\n",
     "¿Cuántas becas ha entregado el programa desde 2019?", 12_000),
    ("Puebla, Puebla, 9 de marzo de 2024.\nA partir de 2021 y hasta ahora se han instalado 320 "
     "consultorios en las comunidades.\n",
     "desde 2021 cuantos consultorios se instalaron", 320),
])
def test_a_sum_since_a_year_answers_a_question_since_that_year(
        tmp_path: Path, text: str, question: str, value: int) -> None:
    assert _ask(tmp_path, {"a.txt": text}, question).values == [value]


def test_the_state_a_text_is_about_answers_for_it(tmp_path: Path) -> None:
    # The text speaks of Colima throughout and names Mexico City once, in passing: its figures
    # are Colima's, as if it named no other state.
    text = ("Villa de Álvarez, 7 de agosto de 2022.\nEn Colima se hizo un levantamiento en todas "
            "las unidades.\nSe hizo aquí, no desde la comodidad de la Ciudad de México.\n"
            "Se revisaron una por una las unidades médicas.\nFaltan todavía 900 equipos médicos "
            "en el sistema de salud.\nLos hospitales de Colima recibirán nuevas plazas y el "
            "pueblo de Colima tendrá mejores servicios.\n")
    ranked, settings = _ranked(tmp_path, {"a.txt": text},
                               "¿Cuántos equipos médicos faltan en el sistema de salud de Colima?")
    assert ranked[0].fact.value == 900
    assert "lugar del texto" in ranked[0].reasons


@pytest.mark.parametrize("text, setting", [
    ("En Colima faltan 900 equipos. La Ciudad de México envió 20. Colima recibirá más.", "Colima"),
    # Named as often as another state, or only once: no state stands out.
    ("En Colima faltan 900 equipos. Jalisco envió 20 y Colima y Jalisco firmaron.", None),
    ("En Colima faltan 900 equipos.", None),
    # Its people named count for it ("los oaxaqueños").
    ("En Oaxaca hay 40 hospitales; 300 mil oaxaqueños los usan. Puebla envió 20 médicos.",
     "Oaxaca"),
])
def test_the_state_a_text_is_about(text: str, setting: str | None) -> None:
    from index.scope import setting as setting_of
    assert setting_of(fold(text)) == setting


@pytest.mark.parametrize("question", [
    "¿Cuántos médicos tiene hoy la clínica de Tlacotalpan?",
    "¿Con cuántos médicos cuenta actualmente la clínica de Tlacotalpan?",
    "¿cuantos medicos hay ahora en la clinica de tlacotalpan",
])
def test_a_question_of_today_is_not_answered_by_a_past_figure(tmp_path: Path,
                                                              question: str) -> None:
    text = ("Tlacotalpan, Veracruz, 4 de mayo de 2023.\nHace diez años la clínica de Tlacotalpan "
            "abrió sus puertas con 12 médicos.\nDesde entonces la clínica de Tlacotalpan no ha "
            "dejado de crecer y cuenta con 80 médicos.\n")
    assert _ask(tmp_path, {"a.txt": text}, question).values == [80]


@pytest.mark.parametrize("question, value", [
    ("¿Con cuánto personal arrancó el hospital?", 38),
    ("¿Con cuánto personal inició el hospital hace 20 años?", 38),
])
def test_a_workforce_counted_in_persons_is_the_staff_asked(tmp_path: Path, question: str,
                                                           value: int) -> None:
    text = ("Morelia, Michoacán, 27 de enero de 2023.\nHace 20 años el hospital inició con una "
            "plantilla de 38 personas; hoy somos mil 35 trabajadores y atendemos a 90 mil "
            "niños.\n")
    assert _ask(tmp_path, {"a.txt": text}, question).values[0] == value


def test_a_spanish_word_is_not_read_as_a_typo_of_another(tmp_path: Path) -> None:
    from assistant.query import parse

    settings = _index(tmp_path, {"a.txt": "Se dieron 500 consultas de medicina familiar y se "
                                          "amplió el área de urgencias.\n"})
    vocab = Assistant(settings).corpus().vocab
    q = parse("¿Hasta cuántas camas se quiere ampliar el hospital?", vocab)
    assert "familiar" not in q.terms and not q.kinds
    assert "familiar" in parse("¿cuántas consultas de medicina familair?", vocab).terms


@pytest.mark.parametrize("question, value", [
    ("¿Qué porcentaje de recetas surtidas alcanzó Nayarit?", 98),
    ("¿Qué porcentaje de recetas surtidas alcanzó Colima?", 91),
])
def test_a_report_state_by_state_speaks_of_the_last_state_named(tmp_path: Path, question: str,
                                                                value: int) -> None:
    # Each state's figure names no state: it is of the state named last before it.
    text = ("Presentamos los avances en Nayarit. Ahí operan 13 hospitales. El abasto "
            "alcanzó el 98 por ciento de recetas surtidas.\n"
            "Seguimos con Tlaxcala. Se rehabilitaron 12 clínicas. El abasto alcanzó el 94 por "
            "ciento de recetas surtidas.\n"
            "Pasamos a Colima. Operan siete hospitales. El abasto alcanzó el 91 por ciento de "
            "recetas surtidas.\n")
    assert _first_value(tmp_path, {"a.txt": text}, question) == value


@pytest.mark.parametrize("question, value", [
    ("¿Cuántas empresas se habían registrado al 1 de junio de 2020?", None),
    ("¿Cuántas empresas se habían registrado al 4 de noviembre de 2020?", 124_000),
])
def test_a_count_of_its_texts_day_is_not_of_another_day(tmp_path: Path, question: str,
                                                        value: int | None) -> None:
    # "a la fecha" is the day of its text (4 November): no answer for 1 June.
    texts = {"a.txt": "Ciudad de México, 4 de noviembre de 2020. A la fecha hay 124 mil "
                      "empresas que se han registrado en la plataforma.\n"}
    assert _first_value(tmp_path, texts, question) == value


@pytest.mark.parametrize("question", [
    "¿Cuántas empresas se registraron durante el Buen Fin?",
    "¿Cuántas empresas se registraron para El Buen Fin?",
])
def test_a_proper_name_of_function_words_excludes_no_text(tmp_path: Path, question: str) -> None:
    # "Fin" is a capitalised function word: it tells no text apart from another.
    texts = {"a.txt": "Para el Buen Fin se han registrado 900 empresas en la plataforma.\n"}
    assert _first_value(tmp_path, texts, question) == 900


def test_two_states_asked_together_are_answered_each(tmp_path: Path) -> None:
    text = ("Llegan trabajadores de varios estados: vienen 70 compañeros de Veracruz; Chiapas "
            "con 55; Sonora con 44; Tabasco, 38.\n")
    answer = _ask(tmp_path, {"a.txt": text},
                  "¿Cuántos trabajadores mandan Chiapas y Tabasco?")
    assert answer.values == [55, 38]
    assert answer.text.startswith("Chiapas: 55") and "Tabasco: 38" in answer.text


# Changes stated as "de X a Y", enumerations read item by item, a speaker's text that never
# names the asked place (texts written for these tests).
CHANGES = {
    "huasteca.txt": "Tamazunchale, San Luis Potosí, 12 de septiembre de 2022.\n"
                    "En la Huasteca el abasto ha mejorado: hemos pasado del 64 por ciento de "
                    "recetas surtidas a un 93 por ciento. Además se contrataron 40 médicos.\n",
    "campeche.txt": "Campeche, 1 de febrero de 2023.\n"
                    "La cobertura de vacunación en Campeche subió de 71 % a 88 % en un año, y "
                    "en el puerto ya hay 15 módulos de vacunación.\n"
                    "En el hospital de Escárcega se ha pasado de 4 a 9 quirófanos en operación.\n",
    "receta.txt": "Mérida, 5 de mayo de 2021.\n"
                  "¿Qué cambia con la receta digital? Le ahorramos al paciente:\n"
                  "Primero, la fila en la farmacia.\n"
                  "Segundo, el viaje a la clínica para renovar la receta.\n"
                  "Tercero, volver a pedir cita cada mes.\n"
                  "Además el programa ya atiende a 5 mil pacientes con diabetes.\n"
                  "Los requisitos del registro son estos:\n"
                  "1. Identificación oficial.\n"
                  "2. Comprobante de domicilio.\n"
                  "3. Número de seguridad social.\n"
                  "Dos personas de cada clínica harán el registro de los pacientes.\n",
    "gira-1.txt": "Palabras de la directora Marta Ibarra Solís en la gira por Tecpan de "
                  "Galeana.\nAgradezco a las autoridades municipales su presencia.\n"
                  "Aquí la clínica ya tiene 42 consultorios.\n",
    "gira-2.txt": "Palabras de la directora Marta Ibarra Solís en la reunión con el sindicato.\n"
                  "La clínica de salud del centro tiene 57 consultorios.\n",
}


@pytest.fixture(scope="module")
def changes(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return Assistant(_index(tmp_path_factory.mktemp("changes"), CHANGES))


@pytest.mark.parametrize("question, values, opening", [
    ("¿De qué porcentaje a qué porcentaje de recetas surtidas pasó la Huasteca?", [64, 93],
     "De 64 % de recetas surtidas a 93 %"),
    ("¿De cuánto a cuánto subió la cobertura de vacunación en Campeche?", [71, 88], "De 71 %"),
    ("¿Con cuánta cobertura de vacunación partió Campeche y a cuánta llegó?", [71, 88], "De 71 %"),
    ("¿Cuántos quirófanos en operación había antes y cuántos hay ahora en Escárcega?", [4, 9],
     "De 4 quirófanos a 9 quirófanos"),
])
def test_both_ends_of_a_change_are_given_together(changes: Assistant, question: str,
                                                  values: list[int], opening: str) -> None:
    answer = changes.ask(question)
    assert answer.values == values
    assert answer.text.startswith(opening)
    assert len(answer.citations) == 1 and all(
        f"{v}" in answer.citations[0].quote for v in values)


def test_one_end_alone_answers_a_question_of_one_figure(changes: Assistant) -> None:
    assert changes.ask("¿Qué porcentaje de recetas surtidas tiene la Huasteca?").values[0] == 93
    assert changes.ask("¿Qué cobertura de vacunación tiene Campeche?").values[0] == 88
    assert changes.ask("¿Cuántos quirófanos en operación tiene Escárcega?").values[0] == 9


@pytest.mark.parametrize("question, items", [
    ("¿Qué le ahorra la receta digital al paciente?",
     ["Primero, la fila", "Segundo, el viaje", "Tercero, volver a pedir cita"]),
    ("¿Cuáles son los requisitos del registro de la receta digital?",
     ["1. Identificación oficial.", "2. Comprobante", "3. Número de seguridad social."]),
])
def test_a_list_is_read_item_by_item(changes: Assistant, question: str, items: list[str]) -> None:
    quotes = " ".join(c.quote for c in changes.ask(question).citations)
    assert all(item in quotes for item in items)
    assert "5 mil pacientes" not in quotes and "Dos personas" not in quotes  # no item


def test_a_text_naming_the_speaker_and_the_place_beats_one_naming_only_the_speaker(
        changes: Assistant) -> None:
    answer = changes.ask("Según Marta Ibarra en Tecpan, ¿cuántos consultorios tiene la clínica "
                         "de salud?")
    assert answer.values[:1] == [42]
