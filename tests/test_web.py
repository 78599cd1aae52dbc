"""The functions behind the page: escaping, highlights, tables, uploads, chat handler."""

from __future__ import annotations

import csv
import io
import json
import shutil
import tempfile
from pathlib import Path

import gradio as gr
import pytest

from assistant import datos, pages
from assistant.types import Answer, Citation
from assistant.uploads import safe_name
from assistant.web import Page, build_app, parse_auth, writable
from index.errors import SettingsError
from index.fold import fold
from index.ingest import ingest
from index.settings import Settings
from index.store import Store
from tests.conftest import SEED_B, SEEDS

EVIL = ("Ciudad de México, 1 de junio de 2024\nNo. 200/2024\n\n"
        "Boletín con <script>alert('x')</script> y <b>negritas</b>\n\n"
        "Se realizaron 40 trasplantes de riñón <img src=x onerror=alert(1)> en mayo de 2024.\n")


@pytest.fixture()
def page(tmp_path: Path) -> Page:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEEDS / SEED_B, folder / SEED_B)
    (folder / "malicioso.txt").write_text(EVIL, encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data")
    assert ingest([folder], settings).ok
    return Page(settings)


def test_bulletin_html_escapes_and_marks() -> None:
    text = "a <script>x</script> 353 de córnea & más"
    start = text.index("353")
    out = pages.bulletin_html(text, start, len(text), [(start, start + 3)])
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert '<span class="pasaje"><mark class="cifra">353</mark> de córnea &amp; más</span>' in out


def test_chat_answer_with_highlighted_citations(page: Page) -> None:
    history, box, answer, sources = page.respond("¿cuántos trasplantes de córnea?", [])
    assert box == "" and history[0]["role"] == "user" and history[1]["role"] == "assistant"
    assert "22 trasplantes de córnea" in history[1]["content"]
    assert '<span class="valor">22</span>' in answer and 'href="#cita-1"' in answer
    assert '<mark class="cifra">22</mark>' in sources and 'id="cita-1"' in sources
    assert "Boletín 175/2022 · 12 de abril de 2022 · Otorga IMSS" in sources
    assert "Ver el boletín completo" in sources and 'class="pasaje"' in sources
    assert "[1086:" not in sources  # offsets stay in data attributes, not in the label
    history, *_ = page.respond("¿cuántas cirugías?", history)
    assert len(history) == 4


def test_conflict_badge_and_alternatives(seed_settings: Settings) -> None:
    """Issue 12: the conflict was plain text at the end of a run-on paragraph."""
    page = Page(seed_settings)
    _, _, answer, _ = page.respond("¿cuántas cirugías?", [])
    assert answer.index('class="insignia-conflicto"') < answer.index('class="cifra-principal"')
    assert '<span class="valor">475,275</span>' in answer
    assert answer.count("<tr") == 4 and answer.count('class="en-conflicto"') == 1
    assert "475,725" in answer.split('class="en-conflicto"')[1].split("</tr>")[0]
    text = answer.split('class="texto-plano"')[1]
    assert "Pregunta: ¿cuántas cirugías?" in text and "Fuentes:" in text
    assert "[4] Boletín 175/2022 · 12 de abril de 2022" in text


def test_original_link_from_sidecar(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEEDS / SEED_B, folder / SEED_B)
    (folder / SEED_B.replace(".txt", ".meta.json")).write_text(
        json.dumps({"url": "https://www.imss.gob.mx/prensa/archivo/202204/175"}),
        encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data")
    assert ingest([folder], settings).ok
    _, _, answer, sources = Page(settings).respond("¿cuántos trasplantes de córnea?", [])
    assert 'href="https://www.imss.gob.mx/prensa/archivo/202204/175"' in sources
    assert "https://www.imss.gob.mx/prensa/archivo/202204/175" in answer  # in the copy text


def test_scripts_in_bulletins_and_questions_stay_text(page: Page) -> None:
    history, _, answer, sources = page.respond("¿cuántos trasplantes de riñón en mayo de 2024?",
                                               [])
    assert "<img" not in sources + answer and "&lt;img src=x" in sources
    assert "<script>" not in sources + answer
    history, *_ = page.respond("<script>alert(1)</script> ¿cuántas cirugías?", [])
    assert "<script>" not in history[0]["content"]
    history, _, answer, _ = page.respond("   ", [])
    assert "vacía" in history[-1]["content"] and "vacía" in answer


def test_conversation_kept_and_cleared(page: Page) -> None:
    history, *_ = page.respond("¿cuántos trasplantes de córnea?", [])
    kept = page.remember([{"role": m["role"], "content": [{"type": "text", "text": m["content"]}]}
                          for m in history])
    assert kept["ultima"] == "¿cuántos trasplantes de córnea?"
    restored, answer, sources = page.restore(json.loads(json.dumps(kept)))
    assert restored[0]["content"] == "¿cuántos trasplantes de córnea?"
    assert '<span class="valor">' in answer and 'id="cita-1"' in sources
    assert page.clear() == ([], "", "", "", {"historial": [], "ultima": ""})
    assert page.restore(None) == ([], "", "")


def test_facts_table_filters_sort_and_csv(page: Page, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    count, table = page.facts_view("TRASPLANTES", "cornea", "", "", "", "posicion")
    assert count == "1 cifra." and '<td data-label="Valor" class="valor">22</td>' in table
    assert "Boletín 175/2022 · 12 de abril de 2022" in table
    # The free search folds case and accents, and also looks in the quote: «cinco» is only
    # in the words of «cinco de hígado».
    found = datos.rows(page.store, datos.Filters(search="CINCO HIGADO"))
    assert [(r.shown, r.quote) for r in found] == [("5", "cinco de hígado")]
    count, table = page.facts_view("", "", "", "", "zzzz", "posicion")
    assert count == "0 cifras." and "sin-resultados" in table
    values = [r.value for r in datos.rows(page.store, datos.Filters(order="valor-desc"))]
    assert values == sorted(values, reverse=True) and values[0] > 1000
    assert {r.year for r in datos.rows(page.store, datos.Filters(year="2022"))} == {"2022"}
    # No repeated rows: a figure said twice in the same words of one bulletin is one row.
    keys = [(r.source, r.value, r.measure, r.qualifier, r.scope, fold(r.quote))
            for r in datos.rows(page.store, datos.Filters())]
    assert len(keys) == len(set(keys))
    # Issue 13: every CSV download left a file in /tmp. Now it is built in memory.
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    payload = json.loads(page.facts_csv("trasplantes", "", SEED_B, "2022", "", "posicion"))
    assert list(scratch.iterdir()) == []
    assert payload["name"] == "cifras-trasplantes-2022-004-8c3ad0c4a5664001.csv"
    rows = list(csv.reader(io.StringIO(payload["text"].lstrip("\ufeff"))))
    assert rows[0] == datos.CSV_HEADERS and len(rows) > 5
    assert rows[1][4] and rows[1][10] == "175/2022" and rows[1][11] == "2022-04-12"
    assert datos.csv_name(datos.Filters()) == "cifras.csv"
    first = datos.rows(page.store, datos.Filters(measure="trasplantes", qualifier="córnea"))[0]
    passage = page.show_row(f"{first.source}|{first.start}|{first.end}")
    assert '<mark class="cifra">22</mark>' in passage and page.show_row("x") == ""


def _upload(page: Page, paths: list[Path], jobs: list[int] | None = None,
            choice: str | None = None) -> tuple[list[int], str]:
    """Press «Ingerir» (and answer the name question with ``choice``); wait for the worker."""
    jobs, text, pending, question, *_ = page.upload([str(p) for p in paths], jobs or [])
    if question:
        assert choice, question
        jobs, text, *_ = page.decide(choice, pending, jobs)
    assert page.uploads.wait(jobs, timeout=120)
    return jobs, page.progress(jobs)[0]


def test_uploads_checked_and_ingested_off_the_request(page: Page, tmp_path: Path) -> None:
    good = tmp_path / "nuevo boletín.txt"
    good.write_text("Ciudad de México, 2 de mayo de 2024\n\nSe hicieron 77 trasplantes de "
                    "pulmón en abril de 2024.\n", encoding="utf-8")
    bad_type = tmp_path / "foto.png"
    bad_type.write_bytes(b"\x89PNG\r\n")
    empty = tmp_path / "vacio.txt"
    empty.write_text("", encoding="utf-8")
    jobs, text, _, question, timer, _ = page.upload([str(good), str(bad_type), str(empty)], [])
    assert question == "" and len(jobs) == 3
    # The click returns at once, the files queued (the worker ingests them one at a time).
    assert text.splitlines()[0].endswith("de 3 archivos procesados.")
    assert page.uploads.wait(jobs)
    lines = page.progress(jobs)[0].splitlines()
    assert lines[0] == "3 de 3 archivos procesados."
    assert lines[1].startswith("✔") and "nuevo_boletín.txt" in lines[1] and "1 cifra" in lines[1]
    assert lines[2].startswith("✘") and "foto.png" in lines[2]
    assert lines[3].startswith("✘") and "vacío" in lines[3]
    assert "nuevo_boletín.txt" in page.bulletins_table()
    assert not (page.settings.data_dir / "uploads" / "vacio.txt").exists()
    assert page.assistant.ask("¿cuántos trasplantes de pulmón?").values == [77]
    big = tmp_path / "grande.txt"
    big.write_text("x" * (int(page.settings.max_file_mb * 2**20) + 10), encoding="utf-8")
    assert "límite" in _upload(page, [big])[1]


def test_same_name_upload_asks_replace_or_keep_both(page: Page, tmp_path: Path) -> None:
    """Issue 13: a second upload of a name silently replaced the first bulletin."""
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second.mkdir()
    (first / "informe.txt").write_text("Se hicieron 31 trasplantes de pulmón en 2023.\n",
                                       encoding="utf-8")
    (second / "informe.txt").write_text("Se hicieron 45 trasplantes de pulmón en 2024.\n",
                                        encoding="utf-8")
    _upload(page, [first / "informe.txt"])
    _, _, pending, question, _, shown = page.upload([str(second / "informe.txt")], [])
    assert "«informe.txt»" in question and "conservar ambos" in question
    assert pending and shown["visible"] is True
    assert page.decide("cancelar", pending, [])[1] == "Subida cancelada."
    _, text = _upload(page, [second / "informe.txt"], choice="ambos")
    assert "«informe (2).txt» ingerido" in text
    listing = page.bulletins_table()
    assert "informe.txt" in listing and "informe (2).txt" in listing
    assert sorted(f.value for s in ("informe.txt", "informe (2).txt")
                  for f in page.store.facts(source=s)) == [31, 45]
    (second / "informe.txt").write_text("Se hicieron 52 trasplantes de pulmón en 2024.\n",
                                        encoding="utf-8")
    _, text = _upload(page, [second / "informe.txt"], choice="reemplazar")
    assert "«informe.txt» reemplazado" in text
    assert [f.value for f in page.store.facts(source="informe.txt")] == [52]


def test_lists_follow_the_index_generation(page: Page, tmp_path: Path) -> None:
    """Issue 13: the page's lists stayed stale after an ingest by another process."""
    generation, listing, sources, years, removable, count, table = page.sync(None)
    assert generation == page.store.generation() and SEED_B in listing
    assert page.sync(generation) == (gr.skip(),) * 7
    other = tmp_path / "otro"
    other.mkdir()
    (other / "otro.txt").write_text("Se aplicaron 900 vacunas de influenza en 2024.\n",
                                    encoding="utf-8")
    assert ingest([other], Settings(data_dir=page.settings.data_dir)).ok  # another writer
    generation2, listing, sources, years, removable, count, table = page.sync(
        generation, "vacunas", "", "", "", "", "posicion")
    assert generation2 > generation and "otro.txt" in listing
    assert "otro.txt" in [v for _, v in sources["choices"]] and ("2024", "2024") in years["choices"]
    assert count == "1 cifra." and "900" in table


def test_remove_a_bulletin(page: Page) -> None:
    """Issue 12: there was no way to remove a bulletin."""
    shown, question = page.ask_remove(SEED_B)
    assert shown["visible"] is True and "Boletín 175/2022" in question and "cifras" in question
    assert page.ask_remove(None)[0]["visible"] is False
    hidden, message = page.remove(SEED_B)
    assert hidden["visible"] is False and "quitado" in message
    assert page.store.bulletin(SEED_B) is None and page.store.facts(source=SEED_B) == []
    assert SEED_B not in page.bulletins_table()
    assert "No encontré" in page.answer("¿cuántos trasplantes de córnea en 2022?")[0] or \
        "22 " not in page.answer("¿cuántos trasplantes de córnea en 2022?")[0]
    assert "ya no está" in page.remove(SEED_B)[1]
    assert "solo lectura" in Page(page.settings, writable=False).remove("malicioso.txt")[1]
    assert page.store.bulletin("malicioso.txt") is not None


def test_read_only_page_has_no_way_to_write(settings: Settings) -> None:
    """Issue 13: off this machine without a login, anyone could upload a fake bulletin."""
    assert writable("127.0.0.1", None) and writable("localhost", None)
    assert not writable("0.0.0.0", None)
    assert writable("0.0.0.0", ("ana", "secreto")) and writable("0.0.0.0", None, True)
    assert ingest([SEEDS / SEED_B], settings).ok
    app = build_app(settings, writable=False)
    config = app.get_config_file()
    assert "file" not in {c["type"] for c in config["components"]}
    assert "subir" not in {d.get("api_name") for d in config["dependencies"]}
    jobs, text, *_ = Page(settings, writable=False).upload(["x.txt"], [])
    assert jobs == [] and "solo lectura" in text
    writable_config = build_app(settings).get_config_file()
    assert "subir" in {d.get("api_name") for d in writable_config["dependencies"]}


def test_answers_cached_per_generation(page: Page) -> None:
    first = page.answer("¿cuántos trasplantes de córnea?")
    assert page.answer("¿cuántos trasplantes de córnea?") is first
    page.store.delete(SEED_B)
    assert page.answer("¿cuántos trasplantes de córnea?") != first


def test_auth_setting() -> None:
    assert parse_auth("ana:secreto") == ("ana", "secreto")
    assert parse_auth(None) is None
    with pytest.raises(SettingsError):
        parse_auth("sin-dos-puntos")


def test_citations_html_without_citations(seed_store: Store) -> None:
    assert "Sin fuentes" in pages.citations_html(Answer("q", "x"), seed_store, [])
    c = Citation(SEED_B, "175/2022", "2022-04-12", 0, 10, "Ciudad de ")
    assert "[1]" in pages.citations_html(Answer("q", "x", [], [c]), seed_store, [])



def test_safe_names() -> None:
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("..\\..\\x y.txt") == "x_y.txt"
    assert safe_name("...") == "boletin"


def test_follow_up_is_cached_with_its_conversation(page: Page) -> None:
    """A follow-up's answer depends on the questions before it, and so does its cache entry."""
    history, *_ = page.respond("¿cuántos trasplantes de riñón en 2022?", [])
    history, _, answer, _ = page.respond("¿y de córnea?", history)
    assert "Entendí: trasplantes de córnea, 2022" in history[-1]["content"]
    assert '<p class="entendi">Entendí: trasplantes de córnea, 2022</p>' in answer
    alone = page.answer("¿y de córnea?")
    assert alone != page.answer("¿y de córnea?", ["¿cuántos trasplantes de riñón en 2022?"])
