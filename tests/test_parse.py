"""Reading bulletin files: encodings, HTML, PDF, metadata and sidecars, bad files."""

from __future__ import annotations

import json
import time
import warnings
from pathlib import Path

import pytest

from index.errors import IngestError
from index.parse import EncodingWarning_, find_date, find_number, find_title, printable, read_bulletin
from index.settings import Settings
from tests.conftest import SEED_A, SEED_B, SEEDS
from tests.pdfmaker import make_pdf

BODY = ("Ciudad de México, jueves 6 de julio de 2023\nNo. 312/2023\n\nBOLETÍN DE PRENSA\n\n"
        "IMSS realiza 1,200 trasplantes de riñón en el primer semestre\n\n"
        "El Instituto Mexicano del Seguro Social realizó 1,200 trasplantes de riñón.\n")


def test_txt_is_kept_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "b.txt"
    path.write_text(BODY + "  \n\n  espacios   raros\n", encoding="utf-8")
    bulletin = read_bulletin(path)
    assert bulletin.text == path.read_text(encoding="utf-8")
    assert (bulletin.number, bulletin.date) == ("312/2023", "2023-07-06")
    assert bulletin.title == "IMSS realiza 1,200 trasplantes de riñón en el primer semestre"
    assert bulletin.source == "b.txt"


def test_seed_metadata() -> None:
    a = read_bulletin(SEEDS / SEED_A)
    assert (a.number, a.date) == (None, None)  # never invented
    assert a.title and a.title.startswith("Con Jornadas de Recuperación de Servicios")
    b = read_bulletin(SEEDS / SEED_B)
    assert b.title and b.title.startswith("Otorga IMSS más de 437 mil atenciones")


def test_cp1252_falls_back_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "viejo.txt"
    path.write_bytes("Se realizaron 40 cirugías en Mérida.".encode("cp1252"))
    with pytest.warns(EncodingWarning_, match="viejo.txt"):
        bulletin = read_bulletin(path)
    assert "cirugías en Mérida" in bulletin.text


@pytest.mark.parametrize("content, message", [
    (b"", "vacío"),
    (b"   \n\n  ", "vacío"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binario"),
])
def test_bad_text_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "malo.txt"
    path.write_bytes(content)
    with pytest.raises(IngestError, match=message) as err:
        read_bulletin(path)
    assert "malo.txt" in str(err.value)


def test_too_large(tmp_path: Path) -> None:
    path = tmp_path / "enorme.txt"
    path.write_text("IMSS. " * 1000, encoding="utf-8")
    with pytest.raises(IngestError, match="enorme.txt.*límite"):
        read_bulletin(path, max_bytes=1000)


def test_html_visible_text_only(tmp_path: Path) -> None:
    path = tmp_path / "nota.html"
    path.write_text(
        "<html><head><title>t</title><style>p{color:red}</style></head><body>"
        "<nav>Menú Inicio</nav><article><h1>IMSS otorga 30 mil consultas</h1>"
        "<p>Ciudad de México, 2 de mayo de 2024</p><p>Se otorgaron <b>30 mil</b> consultas "
        "de especialidad.</p><script>alert('x')</script></article><footer>pie</footer>"
        "</body></html>", encoding="utf-8")
    bulletin = read_bulletin(path)
    assert "alert" not in bulletin.text and "Menú" not in bulletin.text
    assert "color" not in bulletin.text and "pie" not in bulletin.text
    assert "Se otorgaron 30 mil consultas de especialidad." in bulletin.text
    assert bulletin.title == "IMSS otorga 30 mil consultas"
    assert bulletin.date == "2024-05-02"


def test_pdf_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "boletin.pdf"
    path.write_bytes(make_pdf(["Ciudad de México, 1 de marzo de 2024", "No. 090/2024",
                               "Se realizaron 75 trasplantes de córnea en febrero."]))
    bulletin = read_bulletin(path)
    assert "75 trasplantes de córnea" in bulletin.text
    assert (bulletin.number, bulletin.date) == ("090/2024", "2024-03-01")


def test_pdf_without_text_or_truncated(tmp_path: Path) -> None:
    scan = tmp_path / "escaneo.pdf"
    scan.write_bytes(make_pdf([]))
    with pytest.raises(IngestError, match="OCR"):
        read_bulletin(scan)
    cut = tmp_path / "cortado.pdf"
    cut.write_bytes(make_pdf(["hola"])[:120])
    with pytest.raises(IngestError, match="cortado.pdf"):
        read_bulletin(cut)


def test_sidecar_fills_missing_metadata(tmp_path: Path) -> None:
    path = tmp_path / "sin_fecha.txt"
    path.write_text("Se otorgaron 500 consultas.", encoding="utf-8")
    (tmp_path / "sin_fecha.meta.json").write_text(
        json.dumps({"number": "12/2021", "date": "2021-02-03", "title": "Consultas"}),
        encoding="utf-8")
    bulletin = read_bulletin(path)
    assert (bulletin.number, bulletin.date, bulletin.title) == ("12/2021", "2021-02-03",
                                                                "Consultas")


@pytest.mark.parametrize("sidecar, message", [
    ("{no es json", "no es JSON"),
    ('{"date": "2021-02-30"}', "fecha"),
    ('{"date": 5}', "date"),
    ("[1, 2]", "objeto"),
])
def test_bad_sidecar(tmp_path: Path, sidecar: str, message: str) -> None:
    path = tmp_path / "x.txt"
    path.write_text("Se otorgaron 500 consultas.", encoding="utf-8")
    (tmp_path / "x.meta.json").write_text(sidecar, encoding="utf-8")
    with pytest.raises(IngestError, match=message) as err:
        read_bulletin(path)
    assert "x.meta.json" in str(err.value)


def test_metadata_finders() -> None:
    assert find_number("BOLETÍN No. 45/2019\n") == "45/2019"
    assert find_number("Comunicado número 7 / 2020") == "7/2020"
    assert find_date("Guadalajara, Jalisco, viernes 1o de marzo de 2019\n") is None or \
        find_date("Guadalajara, viernes 1o de marzo de 2019\n") == "2019-03-01"
    assert find_date("Texto que menciona el 1 de abril de 2020 en medio.") is None
    assert find_title("\n\nTítulo en dos\nlíneas del boletín\n\nEl IMSS informó.") == \
        "Título en dos líneas del boletín"


def test_no_warnings_for_utf8(tmp_path: Path) -> None:
    path = tmp_path / "ok.txt"
    path.write_text("Ñandú y córnea: 5 consultas.", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        read_bulletin(path)


# Hostile and odd input (issue 13): encodings, Unicode, encrypted PDFs, reading budgets.

@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32",
                                      "utf-32-le", "utf-32-be"])
def test_text_with_a_byte_order_mark_is_decoded(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "bom.txt"
    bom = {"utf-16-le": "\ufeff", "utf-16-be": "\ufeff", "utf-32-le": "\ufeff",
           "utf-32-be": "\ufeff"}.get(encoding, "")
    path.write_bytes((bom + BODY).encode(encoding))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no "not UTF-8" warning either
        bulletin = read_bulletin(path)
    assert bulletin.text == BODY  # the mark is not part of the text
    assert (bulletin.number, bulletin.date) == ("312/2023", "2023-07-06")


def test_a_false_byte_order_mark_is_named(tmp_path: Path) -> None:
    path = tmp_path / "falso.txt"
    path.write_bytes(b"\xff\xfe" + b"\x00\xd8")  # UTF-16 mark, then half a surrogate pair
    with pytest.raises(IngestError, match="falso.txt.*UTF-16"):
        read_bulletin(path)


def test_text_is_stored_composed_with_ascii_digits(tmp_path: Path) -> None:
    import unicodedata

    path = tmp_path / "nfd.txt"
    raw = unicodedata.normalize("NFD", BODY.replace("No. 312/2023", "No. ３１２/２０２３")
                                .replace("1,200 trasplantes de riñón.", "１,２００ trasplantes de riñón."))
    path.write_text(raw, encoding="utf-8")
    bulletin = read_bulletin(path)
    assert bulletin.text == BODY  # composed accents, ASCII digits: the same text
    assert (bulletin.number, bulletin.date) == ("312/2023", "2023-07-06")
    assert bulletin.title == "IMSS realiza 1,200 trasplantes de riñón en el primer semestre"


def _encrypted(tmp_path: Path, user_password: str) -> Path:
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(["Se hicieron 5 cirugías."]))))
    writer.encrypt(user_password=user_password, owner_password="dueño", algorithm="RC4-128")
    path = tmp_path / "cifrado.pdf"
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


def test_encrypted_pdf_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(IngestError, match="«cifrado.pdf» está protegido con contraseña"):
        read_bulletin(_encrypted(tmp_path, "secreto"))
    # Encrypted only against copying (empty password): read as any other.
    assert "5 cirugías" in read_bulletin(_encrypted(tmp_path, "")).text
    # AES needs a library this project does not install: the same message, not «dañado».
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    def aes(self: PdfReader, password: str) -> None:
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr(PdfReader, "decrypt", aes)
    with pytest.raises(IngestError, match="protegido con contraseña o cifrado"):
        read_bulletin(_encrypted(tmp_path, ""))


def test_page_bomb_is_rejected_before_any_text_is_read(tmp_path: Path) -> None:
    # 2,000 pages sharing one content stream of 200,000 lines: ~300 KB on disk, and pypdf
    # takes ~20 s per page to extract (hours in all) without the page budget.
    path = tmp_path / "bomba.pdf"
    path.write_bytes(make_pdf(["Se hicieron 5 cirugías."] * 200_000, pages=2000, compress=True))
    assert path.stat().st_size < 2**20
    t = time.perf_counter()
    with pytest.raises(IngestError) as err:
        read_bulletin(path)
    assert time.perf_counter() - t < 10
    message = str(err.value)
    assert "«bomba.pdf»" in message and "2,000 páginas" in message and "300" in message
    assert "BOLETINES_MAX_PAGES" in message and "\n" not in message


def test_slow_pages_stop_at_the_time_budget(tmp_path: Path) -> None:
    # Few pages, each slow (~10 s): the time budget stops extraction inside the first one.
    path = tmp_path / "lento.pdf"
    path.write_bytes(make_pdf(["Se hicieron 5 cirugías."] * 100_000, pages=3, compress=True))
    t = time.perf_counter()
    with pytest.raises(IngestError, match="«lento.pdf» tomó más de 1 s.*MAX_READ_SECONDS"):
        read_bulletin(path, settings=Settings(max_read_seconds=1))
    assert time.perf_counter() - t < 20


def test_time_budget_is_checked_inside_a_page(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    class Clock:
        now = 0.0

        def perf_counter(self) -> float:
            self.now += 1.0  # one second per look at the clock
            return self.now

    path = tmp_path / "una.pdf"
    path.write_bytes(make_pdf(["Se hicieron 5 cirugías."] * 50))
    monkeypatch.setattr("index.parse.time", Clock())
    with pytest.raises(IngestError, match="tomó más de 10 s") as err:
        read_bulletin(path, settings=Settings(max_read_seconds=10))
    # Raised by the operator visitor, while pypdf was extracting the page.
    assert any("extract_text" in entry.name for entry in err.traceback)


def test_character_budget(tmp_path: Path) -> None:
    text = tmp_path / "largo.txt"
    text.write_text(BODY * 20, encoding="utf-8")
    with pytest.raises(IngestError, match=f"«largo.txt» tiene {len(BODY) * 20:,} caracteres.*"
                                          "límite de 1,000.*BOLETINES_MAX_CHARS"):
        read_bulletin(text, settings=Settings(max_chars=1000))
    pdf = tmp_path / "largo.pdf"
    pdf.write_bytes(make_pdf(["Se hicieron 5 cirugías en el Hospital General."] * 30, pages=50))
    with pytest.raises(IngestError, match="«largo.pdf» tiene más de"):
        read_bulletin(pdf, settings=Settings(max_chars=5000))
    assert read_bulletin(text, settings=Settings(max_chars=10_000)).text == BODY * 20


def test_default_budgets_fit_real_bulletins_and_come_from_the_environment() -> None:
    settings = Settings()
    assert (settings.max_pages, settings.max_chars, settings.max_read_seconds) == (
        300, 2_000_000, 60.0)
    env = {"BOLETINES_MAX_PAGES": "5", "BOLETINES_MAX_CHARS": "100",
           "BOLETINES_MAX_READ_SECONDS": "2.5"}
    loaded = Settings.load(env)
    assert (loaded.max_pages, loaded.max_chars, loaded.max_read_seconds) == (5, 100, 2.5)


def test_file_names_are_printed_escaped(tmp_path: Path) -> None:
    assert printable("a\x1b[31mb\nc\u202ed\udcffe.txt") == "a\\x1b[31mb\\x0ac\\u202ed\\xffe.txt"
    assert printable("Boletín «ñ» 2024.txt") == "Boletín «ñ» 2024.txt"
    path = tmp_path / "vacio\x1b[2J.txt"
    path.write_bytes(b"")
    with pytest.raises(IngestError) as err:
        read_bulletin(path)
    assert "«vacio\\x1b[2J.txt»" in str(err.value) and "\x1b" not in str(err.value)


def test_undecodable_file_name_is_named(tmp_path: Path) -> None:
    import os

    raw = os.fsencode(tmp_path) + b"/bytes\xff.txt"
    with open(raw, "wb") as fh:
        fh.write("Se realizaron 12 cirugías.".encode())
    path = Path(os.fsdecode(raw))
    with pytest.raises(IngestError, match=r"bytes\\xff.txt» no es UTF-8 válido: renombre"):
        read_bulletin(path)


@pytest.mark.parametrize("damage", [
    (b"/FlateDecode", b"/FateDecode"),  # pypdf: NotImplementedError
    (b"/WinAnsiEncoding", b"/WinAnsiEcoding"),  # read, with a repair pypdf used to log
])
def test_damaged_pdfs_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                   damage: tuple[bytes, bytes]) -> None:
    path = tmp_path / "roto.pdf"
    data = make_pdf(["Se hicieron 5 cirugías."], compress=True)
    assert damage[0] in data
    path.write_bytes(data.replace(damage[0], damage[1]))
    try:
        read_bulletin(path)
    except IngestError as exc:
        assert "«roto.pdf» está dañado o incompleto" in str(exc)
    assert capsys.readouterr().err == ""  # no pypdf log lines on the terminal


def test_any_pypdf_failure_is_a_damaged_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pypdf import PdfReader

    def broken(self: PdfReader, *args: object, **kwargs: object) -> None:
        raise AttributeError("'NumberObject' object has no attribute 'items'")  # seen fuzzing

    path = tmp_path / "raro.pdf"
    path.write_bytes(make_pdf(["Se hicieron 5 cirugías."]))
    monkeypatch.setattr(PdfReader, "__init__", broken)
    with pytest.raises(IngestError, match="«raro.pdf» está dañado o incompleto"):
        read_bulletin(path)
