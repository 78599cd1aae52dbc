"""The functions behind the page: escaping, highlights, tables, uploads, chat handler."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from assistant import pages
from assistant.types import Answer, Citation
from assistant.web import Page, parse_auth
from index.errors import SettingsError
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
    history, box, sources = page.respond("¿cuántos trasplantes de córnea?", [])
    assert box == "" and history[0]["role"] == "user" and history[1]["role"] == "assistant"
    assert "22 trasplantes de córnea" in history[1]["content"]
    assert '<mark class="cifra">22</mark>' in sources
    assert "Boletín 175/2022" in sources and "12 de abril de 2022" in sources
    assert "Ver el boletín completo" in sources and 'class="pasaje"' in sources
    history, _, _ = page.respond("¿cuántas cirugías?", history)
    assert len(history) == 4


def test_scripts_in_bulletins_and_questions_stay_text(page: Page) -> None:
    history, _, sources = page.respond("¿cuántos trasplantes de riñón en mayo de 2024?", [])
    assert "<img" not in sources and "&lt;img src=x" in sources
    assert "<script>" not in sources
    history, _, sources = page.respond("<script>alert(1)</script> ¿cuántas cirugías?", [])
    assert "<script>" not in history[0]["content"]
    history, _, sources = page.respond("   ", [])
    assert "vacía" in history[-1]["content"] and "vacía" in sources


def test_facts_table_filters_and_csv(page: Page) -> None:
    rows = page.facts_table("trasplantes", "córnea", "", "")
    assert [r[2] for r in rows] == ["22"]
    assert rows[0][7] == SEED_B and rows[0][5] == "175/2022"
    assert all("cirug" in r[0] for r in page.facts_table("", "", "", "cirugías"))
    path = page.facts_csv("trasplantes", "", SEED_B, "")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        table = list(csv.reader(fh))
    assert table[0] == pages.FACT_HEADERS and len(table) > 5
    passage = pages.passage_html(page.store, SEED_B, int(rows[0][8]), int(rows[0][9]))
    assert '<mark class="cifra">22</mark>' in passage


def test_uploads_checked_and_ingested(page: Page, tmp_path: Path) -> None:
    good = tmp_path / "nuevo boletín.txt"
    good.write_text("Ciudad de México, 2 de mayo de 2024\n\nSe hicieron 77 trasplantes de "
                    "pulmón en abril de 2024.\n", encoding="utf-8")
    bad_type = tmp_path / "foto.png"
    bad_type.write_bytes(b"\x89PNG\r\n")
    empty = tmp_path / "vacio.txt"
    empty.write_text("", encoding="utf-8")
    message, rows = page.upload([str(good), str(bad_type), str(empty)])
    lines = message.splitlines()
    assert lines[0].startswith("✔") and "nuevo_boletín.txt" in lines[0]
    assert lines[1].startswith("✘") and "foto.png" in lines[1]
    assert lines[2].startswith("✘") and "vacío" in lines[2]
    assert "nuevo_boletín.txt" in [r[0] for r in rows]
    assert not (page.settings.data_dir / "uploads" / "vacio.txt").exists()
    answer = page.assistant.ask("¿cuántos trasplantes de pulmón?")
    assert answer.values == [77]
    big = tmp_path / "grande.txt"
    big.write_text("x" * (int(page.settings.max_file_mb * 2**20) + 10), encoding="utf-8")
    assert "límite" in page.upload([str(big)])[0]


def test_safe_names() -> None:
    assert pages.safe_name("../../etc/passwd") == "passwd"
    assert pages.safe_name("..\\..\\x y.txt") == "x_y.txt"
    assert pages.safe_name("...") == "boletin"


def test_auth_setting() -> None:
    assert parse_auth("ana:secreto") == ("ana", "secreto")
    assert parse_auth(None) is None
    with pytest.raises(SettingsError):
        parse_auth("sin-dos-puntos")


def test_citations_html_without_citations(seed_store: Store) -> None:
    assert "Sin fuentes" in pages.citations_html(Answer("q", "x"), seed_store, [])
    c = Citation(SEED_B, "175/2022", "2022-04-12", 0, 10, "Ciudad de ")
    assert "[1]" in pages.citations_html(Answer("q", "x", [], [c]), seed_store, [])

