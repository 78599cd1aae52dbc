"""Bad input, crashes and concurrency: clear Spanish messages, nothing lost, nothing changed."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from assistant.chain import Assistant
from assistant.cli import main
from assistant.query import parse
from assistant.synth import write_corpus
from assistant.vocab import build_vocabulary
from assistant.web import exposure_warning
from index.errors import QuestionError
from index.ingest import ingest
from index.settings import Settings
from index.store import Store
from tests.conftest import ROOT, SEED_B, SEEDS
from tests.pdfmaker import make_pdf


@pytest.fixture(scope="module")
def small_index(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    folder = tmp_path_factory.mktemp("one")
    shutil.copy(SEEDS / SEED_B, folder / SEED_B)
    settings = Settings(data_dir=tmp_path_factory.mktemp("one-index"))
    assert ingest([folder], settings).ok
    return settings


def snapshot(settings: Settings) -> tuple:
    store = Store(settings)
    return (store.counts(), sorted(store.chunk_ids()),
            sorted(store.vectorstore()._collection.get(include=[])["ids"]),
            [(f.source, f.value, f.start) for f in store.facts()])


def _bad_files(folder: Path) -> dict[str, str]:
    """name → a word the error line must contain."""
    (folder / "vacio.txt").write_bytes(b"")
    (folder / "imagen.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (folder / "escaneo.pdf").write_bytes(make_pdf([]))
    (folder / "cortado.pdf").write_bytes(make_pdf(["Se hicieron 5 cirugías."])[:150])
    with open(folder / "enorme.txt", "wb") as fh:
        fh.write(("Se otorgaron 10 consultas de especialidad. " * 24).encode() * 52_000)
    (folder / "fecha.txt").write_text("Se realizaron 30 cirugías.", encoding="utf-8")
    (folder / "fecha.meta.json").write_text('{"date": "2023-02-31"}', encoding="utf-8")
    (folder / "meta.txt").write_text("Se realizaron 31 cirugías.", encoding="utf-8")
    (folder / "meta.meta.json").write_text("{roto", encoding="utf-8")
    # Cost bombs: thousands of pages sharing one heavy content stream; text past spaCy's
    # limit (a 19 MB text failed with spaCy's English error E088).
    (folder / "bomba.pdf").write_bytes(
        make_pdf(["Se hicieron 5 cirugías."] * 20_000, pages=2000, compress=True))
    (folder / "largo.txt").write_text("Se otorgaron 10 consultas de especialidad.\n" * 50_000,
                                      encoding="utf-8")
    (folder / "cifrado.pdf").write_bytes(_encrypted_pdf())
    return {"vacio.txt": "vacío", "imagen.txt": "binario", "escaneo.pdf": "OCR",
            "cortado.pdf": "dañado", "enorme.txt": "límite", "fecha.meta.json": "fecha",
            "meta.meta.json": "JSON", "bomba.pdf": "BOLETINES_MAX_PAGES",
            "largo.txt": "BOLETINES_MAX_CHARS", "cifrado.pdf": "contraseña"}


def _encrypted_pdf() -> bytes:
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(["Se hicieron 5 cirugías."]))))
    writer.encrypt(user_password="secreto", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_bad_files_leave_the_index_as_it_was(small_index: Settings, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    expected = _bad_files(tmp_path)
    assert (tmp_path / "enorme.txt").stat().st_size > 50 * 2**20
    before = snapshot(small_index)
    code = main(["ingest", str(tmp_path), "--data-dir", str(small_index.data_dir)])
    out, err = capsys.readouterr()
    assert code == 1 and "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("Error:")]
    assert len(lines) == len(expected)
    for name, word in expected.items():
        assert any(name in line and word in line for line in lines), (name, lines)
    assert snapshot(small_index) == before


def test_odd_but_readable_files(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "latin.txt").write_bytes(b"Se realizaron 12 cirug\xedas en Le\xf3n.\x81")
    (tmp_path / "pagina.html").write_text(
        "<html><head><style>body{}</style><script>var x = 'Se hicieron 999 cirugías';</script>"
        "</head><body><p>Se hicieron 40 cirugías de cataratas.</p></body></html>",
        encoding="utf-8")
    report = ingest([tmp_path], settings)
    assert report.ok and any("latin.txt" in w for w in report.warnings)
    values = {f.value for f in Store(settings).facts()}
    assert values == {12, 40}  # the script's 999 is not visible text


@pytest.mark.parametrize("question", [
    "", "   \n ", "a " * 5000, "🙂🤔🙂", "'; DROP TABLE facts; --", "<script>alert(1)</script>",
    "How many cornea transplants were performed?", "353 956", "¿?¿?", "\x00\x01",
])
def test_bad_questions_are_safe(small_index: Settings, question: str,
                                capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(small_index)
    code = main(["ask", "--json", question, "--data-dir", str(small_index.data_dir)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    if code == 0:
        data = json.loads(out)
        assert data["abstained"] or data["values"]
        assert "<script>" not in data["answer"] or data["abstained"]
    else:
        assert code == 1 and err.startswith("Error: ") and err.count("\n") == 1
    assert snapshot(small_index) == before
    db = sqlite3.connect(small_index.db_path)
    assert db.execute("SELECT count(*) FROM facts").fetchone()[0] > 0


def test_sigkill_midway_then_ingest_again(tmp_path: Path) -> None:
    corpus = tmp_path / "gen"
    truths = write_corpus(corpus, 60, seed=5)
    data = tmp_path / "idx"
    cmd = [sys.executable, "-m", "assistant", "ingest", str(corpus), "--data-dir", str(data)]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    db = data / "boletines.sqlite3"
    deadline = time.time() + 120
    count = 0
    while time.time() < deadline and proc.poll() is None:
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as conn:
                    count = conn.execute("SELECT count(*) FROM bulletins").fetchone()[0]
            except sqlite3.Error:
                count = 0
            if count >= 8:
                break
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 8 <= count < 60
    settings = Settings(data_dir=data)
    rerun = ingest([corpus], settings)
    assert rerun.ok
    store = Store(settings)
    assert store.problems() == []
    assert store.counts()["bulletins"] == 60
    per_source = dict(store.db.execute("SELECT source, count(*) FROM facts GROUP BY source"))
    assert len(per_source) == 60 and min(per_source.values()) >= 4
    assistant = Assistant(settings)
    for truth in truths[::7]:
        assert truth.value in assistant.ask(truth.question).values, truth.question


def test_readers_see_a_consistent_index_during_ingest(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "idx")
    assert ingest([SEEDS], settings).ok
    corpus = tmp_path / "gen"
    write_corpus(corpus, 25, seed=9)
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            ingest([corpus], settings)
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    assistant = Assistant(settings, Store(settings))
    asked = 0
    while thread.is_alive() or asked < 3:
        answer = assistant.ask("¿cuántas mastografías?")
        assert answer.values == [505_437]
        for c in answer.citations:
            assert c.quote == assistant.store.bulletin(c.source).text[c.start:c.end]
        asked += 1
    thread.join()
    assert not errors and asked >= 3
    assert Store(settings).problems() == []


@hsettings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_question_parser_never_crashes(seed_store: Store, text: str) -> None:
    vocab = _vocab(seed_store)
    try:
        parse(text, vocab)
    except QuestionError as exc:
        assert str(exc).endswith(".")


@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=120))
def test_whole_chain_never_crashes(seed_assistant: Assistant, text: str) -> None:
    try:
        answer = seed_assistant.ask(text)
    except QuestionError:
        return
    for c in answer.citations:
        assert c.quote == seed_assistant.store.bulletin(c.source).text[c.start:c.end]


_VOCABS: dict[int, object] = {}


def _vocab(store: Store):  # type: ignore[no-untyped-def]
    if id(store) not in _VOCABS:
        _VOCABS[id(store)] = build_vocabulary(store)
    return _VOCABS[id(store)]


def test_exposure_warning() -> None:
    assert exposure_warning("127.0.0.1", None) is None
    assert exposure_warning("localhost", None) is None
    assert "BOLETINES_AUTH" in (exposure_warning("0.0.0.0", None) or "")
    assert exposure_warning("0.0.0.0", ("a", "b")) is None


# Hostile and odd input (issue 13).

@pytest.mark.parametrize("question", [
    "9" * 400, "¿cuántos " + "9" * 400 + "?", "9" * 5000,
    "¿cuántas cirugías hubo en " + "9" * 30 + "?",
])
def test_huge_numbers_in_questions(small_index: Settings, question: str,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    # "9" * 400 once crashed the question parser: «Error inesperado: OverflowError», exit 2.
    code = main(["ask", "--json", question, "--data-dir", str(small_index.data_dir)])
    out, err = capsys.readouterr()
    assert "inesperado" not in err and "Error" not in err.replace("Error: ", "")
    if code == 0:
        data = json.loads(out)  # the huge number is skipped: abstention, or the figures asked
        assert data["abstained"] or data["values"]
    else:
        assert code == 1 and err.startswith("Error: ") and err.count("\n") == 1


def test_questions_are_normalised(small_index: Settings) -> None:
    import unicodedata

    assistant = Assistant(small_index)
    composed = assistant.ask("¿Cuántos trasplantes de córnea?")
    assert composed.values and not composed.abstained
    # Decomposed accents (NFD: "o" + U+0301) abstained; full-width digits were not a year.
    for variant in (unicodedata.normalize("NFD", "¿Cuántos trasplantes de córnea?"),
                    unicodedata.normalize("NFD", "¿CUÁNTOS TRASPLANTES DE CÓRNEA?")):
        assert assistant.ask(variant).values == composed.values
    assert assistant.ask("¿Cuántos trasplantes de córnea en ２０２２?").values == \
        assistant.ask("¿Cuántos trasplantes de córnea en 2022?").values


def test_huge_numerals_in_a_text(tmp_path: Path, settings: Settings) -> None:
    # Numerals no figure can be: skipped, the rest of the text read (int() refuses past
    # 4,300 digits; SQLite and float() far fewer; "hace N años" made N a year).
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "huge.txt").write_text(
        "Ciudad de México, 3 de mayo de 2023\n\n"
        + "El Instituto Mexicano del Seguro Social informó sobre sus servicios. " * 70
        + f"Se realizaron {'9' * 400} cirugías, {'8' * 5000} consultas y 12 trasplantes de "
        f"riñón. Hace {'7' * 400} años se dieron 40 consultas. Hace {'7' * 5000} años, 41 "
        f"cirugías. La {'7' * 5000}ª Jornada. El folio {'6' * 20}-{'5' * 400}.",
        encoding="utf-8")
    report = ingest([folder], settings)
    assert report.ok, report.failed
    facts = Store(settings).facts()
    assert {12, 40, 41} <= {f.value for f in facts}
    assert all(f.value < 10**15 and (f.year is None or 1900 < f.year < 2100) for f in facts)


def test_odd_texts_ingest(tmp_path: Path, settings: Settings) -> None:
    import unicodedata

    folder = tmp_path / "in"
    folder.mkdir()
    # UTF-16 with its mark was rejected as binary; NFD accents and full-width digits.
    (folder / "utf16.txt").write_bytes(
        "Ciudad de México, 3 de mayo de 2023\nSe realizaron 31 cirugías de cataratas.\n"
        .encode("utf-16"))
    (folder / "nfd.txt").write_text(unicodedata.normalize(
        "NFD", "Boletín No. １７５/２０２２\nSe otorgaron ５５ consultas de nutrición en León."),
        encoding="utf-8")
    report = ingest([folder], settings)
    assert report.ok, report.failed
    store = Store(settings)
    assert {("utf16.txt", 31), ("nfd.txt", 55)} <= {(f.source, f.value) for f in store.facts()}
    nfd = store.bulletin("nfd.txt")
    assert nfd is not None and nfd.number == "175/2022" and "nutrición en León" in nfd.text
    assistant = Assistant(settings)
    answer = assistant.ask("¿Cuántas consultas de nutrición?")
    assert answer.values == [55]
    for c in answer.citations:
        assert c.quote == store.bulletin(c.source).text[c.start:c.end]  # type: ignore[union-attr]


def test_ingest_skips_a_bomb_and_goes_on(tmp_path: Path, settings: Settings) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_bomba.pdf").write_bytes(
        make_pdf(["Se hicieron 5 cirugías."] * 20_000, pages=2000, compress=True))
    (folder / "b_bueno.txt").write_text("Se realizaron 30 cirugías.", encoding="utf-8")
    t = time.perf_counter()
    report = ingest([folder], settings)
    assert time.perf_counter() - t < 60
    assert report.added == ["b_bueno.txt"] and len(report.failed) == 1
    assert "a_bomba.pdf" in report.failed[0] and "2,000 páginas" in report.failed[0]


def test_control_characters_in_file_names_are_escaped(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "vacio\x1b[2J.txt").write_bytes(b"")
    (folder / "rojo\x1b[31m\u202e.txt").write_text("Se realizaron 30 cirugías.", encoding="utf-8")
    data = str(tmp_path / "d")
    code = main(["ingest", str(folder), "--data-dir", data])
    out, err = capsys.readouterr()
    assert code == 1 and "\x1b" not in out + err and "\u202e" not in out + err
    assert "Error: El archivo «vacio\\x1b[2J.txt» está vacío" in err
    code = main(["ask", "¿cuántas cirugías?", "--data-dir", data])
    out, err = capsys.readouterr()
    assert code == 0 and "rojo\\x1b[31m\\u202e.txt" in out and "\x1b" not in out


def test_unexpected_errors_are_one_spanish_line(small_index: Settings,
                                               monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    from assistant import cli

    def boom(args: object) -> int:
        raise RuntimeError("internal detail")

    monkeypatch.setitem(cli.COMMANDS, "status", boom)
    assert main(["status", "--data-dir", str(small_index.data_dir)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: Falló algo inesperado al ejecutar «status»") and \
        err.count("\n") == 1 and "RuntimeError" not in err and "BOLETINES_DEBUG" in err

    def disk(args: object) -> int:
        raise PermissionError(13, "Permission denied", "/datos/boletines.sqlite3")

    monkeypatch.setitem(cli.COMMANDS, "status", disk)
    assert main(["status", "--data-dir", str(small_index.data_dir)]) == 1
    err = capsys.readouterr().err
    assert "«/datos/boletines.sqlite3»" in err and "PermissionError" not in err
