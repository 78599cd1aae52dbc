"""The answer chain on the seeds and on bulletins written for the project."""

from __future__ import annotations

from pathlib import Path

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.chain import Assistant, guard, rephrase
from assistant.types import NOT_FOUND, Answer
from index.settings import Settings
from tests.conftest import SEED_A, SEED_B


def check_citations(answer: Answer, assistant: Assistant) -> None:
    for c in answer.citations:
        bulletin = assistant.store.bulletin(c.source)
        assert bulletin is not None
        assert c.quote == bulletin.text[c.start:c.end]
        assert (c.bulletin, c.date) == (bulletin.number, bulletin.date)


@pytest.mark.parametrize("question", [
    "¿cuántos trasplantes de córnea?",
    "cuantos transplantes de cornea",
    "Cuántos trasplantes de corneas se hicieron",
    "¿Cuántos trasplantes de córnea realizó el IMSS?",
])
def test_cornea_in_many_phrasings(seed_assistant: Assistant, question: str) -> None:
    answer = seed_assistant.ask(question)
    assert answer.values == [353, 22]
    assert not answer.abstained
    assert "año no indicado" in answer.text and "tres primeras Jornadas Nacionales" in answer.text
    assert [c.source for c in answer.citations] == [SEED_A, SEED_B]
    assert "353 de córnea" in answer.citations[0].quote
    assert "22 de córnea" in answer.citations[1].quote
    check_citations(answer, seed_assistant)


@pytest.mark.parametrize("question, values", [
    ("cuantos trasplantes de rinon", [442, 19]),
    ("¿cuántos trasplantes hepáticos?", [31, 5]),
    ("¿Cuántos trasplantes de hígado?", [31, 5]),
    ("¿cuántos trasplantes de médula ósea?", [120, 7]),
    ("¿cuántos trasplantes?", [956, 55]),
    ("¿cuántos trasplantes de córnea en 2022?", [22]),
    ("¿Cuántas consultas de medicina familiar en la séptima jornada?", [139_157]),
    ("¿Cuántas consultas de especialidad se dieron en la 7ª Jornada Nacional?", [17_779]),
    ("¿cuántas consultas de primer nivel dice el boletín 175/2022?", [193_496]),
    ("¿cuántas mastografias?", [505_437]),
    ("¿Cuántas detecciones de diabetes?", [2_615_789]),
    ("¿Cuántas detecciones de cáncer de mama por exploración física?", [1_930_913]),
    ("¿qué porcentaje de la productividad anual representa la recuperación?", [71.2]),
    ("¿Cuántas personas participaron en el triatlón?", [20_000]),
    ("¿Cuántos estados están en semáforo amarillo o verde?", [28]),
    ("¿Cuántas acciones se llevaron a cabo en la jornada del 10 al 12 de septiembre?", [211_946]),
])
def test_figures(seed_assistant: Assistant, question: str, values: list[float]) -> None:
    answer = seed_assistant.ask(question)
    assert answer.values == values, answer.text
    check_citations(answer, seed_assistant)


def test_conflicting_surgery_figures(seed_assistant: Assistant) -> None:
    answer = seed_assistant.ask("¿Cuántas intervenciones quirúrgicas hubo del 1 de abril al 12 "
                                "de septiembre?")
    assert answer.values == [475_275, 475_725]
    assert "distintas" in answer.text
    assert len(answer.citations) == 2


@pytest.mark.parametrize("question", [
    "¿cuántos trasplantes de intestino?",
    "¿Cuántos trasplantes de córnea en 2021?",
    "¿cuántas detecciones de VIH?",
    "¿Cuántas consultas de acupuntura?",
    "¿quién ganó el mundial de futbol?",
])
def test_abstains(seed_assistant: Assistant, question: str) -> None:
    answer = seed_assistant.ask(question)
    assert answer.abstained and answer.values == []
    assert answer.text.startswith(NOT_FOUND)
    check_citations(answer, seed_assistant)


def test_never_answers_a_different_qualifier(seed_assistant: Assistant) -> None:
    answer = seed_assistant.ask("¿cuántos trasplantes de intestino?")
    assert "442" not in answer.text.split("(no es lo que preguntó)")[0]
    assert answer.values == []


@pytest.mark.parametrize("question, expected", [
    ("¿Cuál es el teléfono para informes?", "800 623 2323"),
    ("¿Cuándo será la 8ª Jornada Nacional?", "Del 24 al 26 de septiembre"),
    ("¿Cuándo se llevó a cabo la primera Jornada Nacional?", "del 11 al 13 de marzo"),
    ("¿Qué especialidades se atenderán en la 8ª Jornada?", "Traumatología y Ortopedia"),
])
def test_extractive(seed_assistant: Assistant, question: str, expected: str) -> None:
    answer = seed_assistant.ask(question)
    assert not answer.abstained
    assert expected in answer.text
    assert any(expected in " ".join(c.quote.split()) for c in answer.citations)
    check_citations(answer, seed_assistant)


# Bulletins written for the project: other organs, years, events and phrasings.
@pytest.mark.parametrize("question, values", [
    ("¿Cuántos trasplantes de pulmón se hicieron en 2023?", [12]),
    ("¿cuantos trasplantes de corazon?", [64]),
    ("¿Cuántas vacunas contra la influenza se aplicaron en la segunda semana nacional?",
     [842_310]),
    ("¿cuántas pruebas de VIH?", [61_204]),
    ("¿Cuántas cirugías de cataratas?", [4_015]),
    ("¿Cuántas cirugías de reemplazo de cadera?", [1_320]),
    ("¿Cuántas consultas de nutrición se dieron en la 4a jornada?", [45_600]),
    ("¿Cuántas mamografías se hicieron?", [96_530]),
    ("¿cuántas consultas de especialidad hubo de enero a junio?", [402_118]),
    ("¿Cuántas pruebas de hemoglobina glucosilada?", [28_300]),
    ("¿En qué porcentaje aumentaron las donaciones?", [18.4]),
])
def test_unseen_corpus(corpus_assistant: Assistant, question: str, values: list[float]) -> None:
    answer = corpus_assistant.ask(question)
    assert answer.values == values, answer.text
    check_citations(answer, corpus_assistant)


def test_unseen_corpus_no_year_and_abstentions(corpus_assistant: Assistant) -> None:
    answer = corpus_assistant.ask("¿Cuántas consultas de nutrición?")
    assert "del 3 al 7 de julio (año no indicado)" in answer.text
    assert corpus_assistant.ask("¿Cuántos trasplantes de páncreas?").abstained
    assert corpus_assistant.ask("¿Cuántas detecciones de obesidad en 2022?").abstained
    who = corpus_assistant.ask("¿Quién es la titular de la Oficina de Representación?")
    assert "Laura Méndez Ruiz" in who.text


def test_json_contract(seed_assistant: Assistant) -> None:
    for question in ("¿cuántos trasplantes de córnea?", "¿cuántos trasplantes de intestino?",
                     "¿Cuál es el teléfono para informes?"):
        data = seed_assistant.ask(question).to_json()
        assert list(data)[:5] == ["question", "answer", "values", "abstained", "citations"]
        assert isinstance(data["answer"], str) and isinstance(data["abstained"], bool)
        assert all(isinstance(v, (int, float)) for v in data["values"])
        if data["abstained"]:
            assert data["values"] == []
        for c in data["citations"]:
            assert list(c) == ["source", "bulletin", "date", "start", "end", "quote"]
            text = seed_assistant.store.bulletin(c["source"]).text
            assert c["quote"] == text[c["start"]:c["end"]]


def test_every_value_is_in_a_cited_quote(seed_assistant: Assistant) -> None:
    from index.numbers import find_numbers

    for question in ("¿cuántas cirugías?", "¿cuántas consultas?", "¿cuántas detecciones?"):
        answer = seed_assistant.ask(question)
        quoted = {m.value for c in answer.citations for m in find_numbers(c.quote)}
        assert answer.values and set(answer.values) <= quoted


def test_llm_guard_accepts_faithful_and_rejects_invented(seed_settings: Settings) -> None:
    faithful = FakeListChatModel(responses=[
        "Se hicieron 353 trasplantes de córnea entre el 1 de abril y el 12 de septiembre, y 22 en "
        "las tres primeras Jornadas Nacionales de 2022."])
    answer = Assistant(seed_settings, llm=faithful).ask("¿cuántos trasplantes de córnea?")
    assert answer.text.startswith("Se hicieron 353")
    invented = FakeListChatModel(responses=["Se hicieron 354 trasplantes de córnea."])
    answer = Assistant(seed_settings, llm=invented).ask("¿cuántos trasplantes de córnea?")
    assert "354" not in answer.text and answer.values == [353, 22]


def test_guard_and_failing_model() -> None:
    answer = Answer("q", "353 trasplantes", [353], [], False)
    assert guard("Fueron 353.", answer) and not guard("Fueron 353 y 12.", answer)

    class Broken(FakeListChatModel):
        def _call(self, *args: object, **kwargs: object) -> str:
            raise RuntimeError("sin conexión")

    from assistant.types import Citation

    cited = Answer("q", "353 trasplantes.", [353],
                   [Citation("a.txt", None, None, 0, 3, "353")], False)
    assert rephrase(cited, Broken(responses=["x"])) == cited


def test_corpus_cache_follows_the_index(tmp_path: Path) -> None:
    from index.ingest import ingest

    settings = Settings(data_dir=tmp_path / "d")
    (tmp_path / "a.txt").write_text("En 2023 se realizaron 41 trasplantes de pulmón.",
                                    encoding="utf-8")
    ingest([tmp_path / "a.txt"], settings)
    assert Assistant(settings).ask("¿cuántos trasplantes de pulmón?").values == [41]
    assert (settings.data_dir / "cache" / "corpus.pickle").exists()
    (tmp_path / "b.txt").write_text("En 2024 se realizaron 43 trasplantes de pulmón.",
                                    encoding="utf-8")
    ingest([tmp_path / "b.txt"], settings)
    assert Assistant(settings).ask("¿cuántos trasplantes de pulmón?").values == [41, 43]
    (settings.data_dir / "cache" / "corpus.pickle").write_bytes(b"basura")
    assert Assistant(settings).ask("¿cuántos trasplantes de pulmón en 2024?").values == [43]


def test_a_kind_named_in_the_sentence_before_may_answer(tmp_path: Path) -> None:
    """The question names lexicon kinds («diabetes», «hipertensión») that the figure's own
    clause only points back to («estas enfermedades»): the sentence before names them."""
    from index.ingest import ingest

    settings = Settings(data_dir=tmp_path / "d")
    (tmp_path / "a.txt").write_text(
        "En la clínica se atiende sobre todo a enfermos crónicos: diabetes, hipertensión. "
        "Casi el 70 por ciento de la consulta externa tiene que ver con estas enfermedades.\n"
        "De las 500 mil consultas del año, 300 mil fueron por diabetes y 120 mil por obesidad.\n",
        encoding="utf-8")
    ingest([tmp_path / "a.txt"], settings)
    assistant = Assistant(settings)
    answer = assistant.ask("¿Qué porcentaje de la consulta externa tiene que ver con diabetes "
                           "e hipertensión?")
    assert answer.values[:1] == [70]
    # A figure that names the kind in its own clause still wins over its neighbours.
    assert assistant.ask("¿Cuántas consultas fueron por diabetes?").values[:1] == [300000]


def test_a_figure_whose_sentence_leans_back_is_cited_with_the_one_before(tmp_path: Path) -> None:
    from index.ingest import ingest

    settings = Settings(data_dir=tmp_path / "d")
    text = ("Para el 14 de abril se equiparon las salas de neonatos del hospital. "
            "Esto significaba 40 incubadoras nuevas.\n"
            "El programa de vacunación llegó a las escuelas del municipio de Tula. "
            "Esta semana se aplicaron 300 vacunas contra el sarampión en esas escuelas.\n"
            "Se abrieron consultorios de tiempo completo en todo el estado de Hidalgo. "
            "Llevamos 12 consultorios.\n"
            "La red creció en todo el estado durante la administración. "
            "Estos últimos años se abrieron 18 guarderías en la zona norte.\n")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    ingest([tmp_path / "a.txt"], settings)
    assistant = Assistant(settings)
    for question, opening in [
            ("¿Cuántas incubadoras nuevas tiene el hospital?", "Para el 14 de abril"),
            ("¿Cuántas vacunas contra el sarampión se aplicaron?", "Esta semana"),
            ("¿Cuántos consultorios de tiempo completo se abrieron?", "Se abrieron"),
            ("¿Cuántas guarderías se abrieron en la zona norte?", "Estos últimos años")]:
        answer = assistant.ask(question)
        quote = answer.citations[0]
        assert quote.quote.startswith(opening), question
        assert quote.quote == text[quote.start:quote.end]
