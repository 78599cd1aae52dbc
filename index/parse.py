"""Read bulletin files (.txt, .pdf, .html) into a Bulletin: canonical text plus metadata."""

from __future__ import annotations

import codecs
import datetime as dt
import json
import logging
import re
import time
import unicodedata
import warnings
from pathlib import Path
from typing import Any

from index.dates import MONTHS, WEEKDAYS
from index.errors import IngestError
from index.fold import fold, normalize_text
from index.settings import Settings
from index.types import Bulletin

SUFFIXES = (".txt", ".pdf", ".html", ".htm")
SIDECAR = ".meta.json"


class EncodingWarning_(UserWarning):
    """A text file that was not UTF-8 and was decoded as cp1252 or latin-1."""


_NUMBER = re.compile(
    r"\b(?:no\.?|num\.?|numero|boletin(?:\s+de\s+prensa)?(?:\s+(?:no\.?|num\.?|numero))?)"
    r"\s*(\d{1,5}\s*/\s*(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"^[ \t]*(?:[a-z][a-z .]{1,40},\s*){0,3}(?:" + WEEKDAYS + r"\s*,?\s+)?"
    r"(?P<d>[0-3]?\d)(?:o|º|°)?\s+de\s+(?P<m>" + "|".join(MONTHS) + r")\s+(?:de|del)\s+"
    r"(?P<y>(?:19|20)\d\d)\b",
    re.IGNORECASE | re.MULTILINE,
)
_HEAD_SKIP = re.compile(r"^\s*(?:boletin(?:\s+de\s+prensa)?|comunicado(?:\s+de\s+prensa)?)\s*$")


def is_bulletin_file(path: Path) -> bool:
    """True for files ingestion reads (sidecars and other files are skipped)."""
    return path.suffix.lower() in SUFFIXES and not path.name.lower().endswith(SIDECAR)


def printable(name: str) -> str:
    """``name`` as a message may print it: control and format characters (ESC, a newline, a
    right-to-left override) and undecodable bytes are shown escaped, ``\\x1b``, never raw."""
    out = []
    for ch in name:
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            code = ord(ch)
            if 0xDC80 <= code <= 0xDCFF:  # a byte os.fsdecode could not decode
                code -= 0xDC00
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


class _Budget:
    """What reading one file may cost: pages, characters, seconds (``Settings.max_*``)."""

    def __init__(self, name: str, settings: Settings) -> None:
        self.name = name
        self.settings = settings
        self.deadline = time.perf_counter() + settings.max_read_seconds

    def pages(self, count: int) -> None:
        if count > self.settings.max_pages:
            raise IngestError(
                f"El PDF «{self.name}» tiene {count:,} páginas, más que el límite de "
                f"{self.settings.max_pages:,}: no se ingirió (BOLETINES_MAX_PAGES lo sube).")

    def chars(self, count: int, more: bool = False) -> None:
        if count > self.settings.max_chars:
            raise IngestError(
                f"El archivo «{self.name}» tiene {'más de ' if more else ''}{count:,} caracteres "
                f"de texto, más que el límite de {self.settings.max_chars:,}: no se ingirió "
                "(BOLETINES_MAX_CHARS lo sube).")

    def time(self, *_: Any) -> None:
        """Raise once the reading time is spent (also a pypdf operator visitor)."""
        if time.perf_counter() > self.deadline:
            raise IngestError(
                f"Leer «{self.name}» tomó más de {self.settings.max_read_seconds:g} s, el límite: "
                "no se ingirió (BOLETINES_MAX_READ_SECONDS lo sube).")


# Byte-order marks, longest first: UTF-32's little-endian mark starts with UTF-16's.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def _decode(data: bytes, name: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise IngestError(
                    f"El archivo «{name}» empieza como {encoding.upper().removesuffix('-SIG')} "
                    "pero no lo es: no se ingirió.") from None
    if b"\x00" in data[:8192]:
        raise IngestError(f"El archivo «{name}» es binario, no texto: no se ingirió.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        warnings.warn(
            f"«{name}» no es UTF-8: se leyó como {encoding}.", EncodingWarning_, stacklevel=3
        )
        return text
    raise IngestError(f"El archivo «{name}» no tiene una codificación de texto legible.")


def _check_text(text: str, name: str) -> None:
    if not text.strip():
        raise IngestError(f"El archivo «{name}» está vacío: no hay texto que ingerir.")
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    letters = sum(1 for ch in sample if ch.isalpha())
    if controls > len(sample) * 0.02 or letters < len(sample.strip()) * 0.3:
        raise IngestError(f"El archivo «{name}» no parece texto (¿es binario?): no se ingirió.")


def _read_pdf(path: Path, name: str, budget: _Budget) -> str:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    # pypdf logs every repair of a damaged file (hundreds of lines on the terminal): the
    # message the user gets is the IngestError.
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)

    locked = IngestError(
        f"El PDF «{name}» está protegido con contraseña o cifrado: quite la protección (p. ej. "
        "imprimiéndolo como PDF) y vuelva a ingerirlo.")
    pages: list[str] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(str(path))
            # Many PDFs are encrypted only to restrict printing or copying: the empty password
            # opens them.
            if reader.is_encrypted and not reader.decrypt(""):
                raise locked
            # The page count first: a page bomb (thousands of pages sharing one huge content
            # stream, tens of seconds each) is rejected before any text is extracted.
            budget.pages(len(reader.pages))
            chars = 0
            for page in reader.pages:
                budget.time()
                # The visitor sees every operator: a slow page stops when the time is spent.
                pages.append(page.extract_text(visitor_operand_before=budget.time) or "")
                chars += len(pages[-1])
                budget.chars(chars, more=len(pages) < len(reader.pages))
    except (FileNotDecryptedError, DependencyError):
        raise locked from None
    except (IngestError, MemoryError):
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged PDF makes pypdf raise anything
        # (NotImplementedError for an unknown filter, AttributeError for a wrong type, ...)
        raise IngestError(f"El PDF «{name}» está dañado o incompleto: {exc}.") from None
    text = "\n\n".join(p.strip("\n") for p in pages)
    if not text.strip():
        raise IngestError(
            f"El PDF «{name}» no tiene capa de texto (¿es un escaneo?): necesita OCR."
        )
    return text


_BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section",
               "article", "header", "blockquote")


def _read_html(data: bytes, name: str) -> tuple[str, str | None]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_decode(data, name), "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "nav", "footer", "form", "iframe",
                     "svg", "head"]):
        tag.decompose()
    title_tag = soup.find("h1")
    body = soup.find("article") or soup.find("main") or soup.body or soup
    for tag in body.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    raw = body.get_text()
    # Visible text: HTML collapses runs of spaces, and so does the canonical text.
    lines = [" ".join(line.split()) for line in raw.splitlines()]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    title = " ".join(title_tag.get_text().split()) if title_tag else None
    return text, title or None


def find_number(text: str) -> str | None:
    """The bulletin number ("175/2022") stated near the top of ``text``."""
    m = _NUMBER.search(fold(text[:1500]))
    return re.sub(r"\s+", "", m.group(1)) if m else None


def find_date(text: str) -> str | None:
    """The publication date of a dateline ("Ciudad de México, martes 12 de abril de 2022")."""
    head = fold(text[:1500])
    m = _DATELINE.search(head)
    if not m:
        return None
    try:
        return dt.date(int(m["y"]), MONTHS[m["m"]], int(m["d"])).isoformat()
    except ValueError:
        return None


def find_title(text: str) -> str | None:
    """The headline: the first block of text that is not a dateline, number or label."""
    block: list[str] = []
    for line in text[:3000].splitlines():
        stripped = line.strip()
        folded = fold(stripped)
        if not stripped:
            if block and block[-1] != "":
                block.append("")
            continue
        if not block or all(b == "" for b in block):
            if (_DATELINE.match(folded) or _NUMBER.fullmatch(folded.strip())
                    or _HEAD_SKIP.match(folded) or len(stripped) < 4):
                block = []
                continue
        if block and block[-1] == "" and (stripped[0].isupper() or not stripped[0].isalnum()):
            break
        block.append(stripped)
        if stripped.endswith((".", ":")) and len(" ".join(block)) > 40:
            break
    title = " ".join(b for b in block if b).strip()
    if not title:
        return None
    return title[:300]


def _read_sidecar(path: Path) -> dict[str, str]:
    sidecar = path.with_name(path.stem + SIDECAR)
    if not sidecar.exists():
        return {}
    shown = printable(sidecar.name)
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise IngestError(f"El archivo de metadatos «{shown}» no es JSON válido: {exc}.") \
            from None
    if not isinstance(data, dict):
        raise IngestError(f"El archivo de metadatos «{shown}» debe ser un objeto JSON.")
    out: dict[str, str] = {}
    for key in ("number", "date", "title"):
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, str) or not value.strip():
            raise IngestError(f"En «{shown}», «{key}» debe ser un texto no vacío.")
        out[key] = value.strip()
    if "date" in out:
        try:
            out["date"] = dt.date.fromisoformat(out["date"]).isoformat()
        except ValueError:
            raise IngestError(
                f"En «{shown}», la fecha «{out['date']}» no es válida (use AAAA-MM-DD)."
            ) from None
    return out


def read_bulletin(path: Path, source: str | None = None, max_bytes: int | None = None,
                  settings: Settings | None = None) -> Bulletin:
    """Read one bulletin file.

    Args:
        path: a .txt, .pdf or .html file.
        source: the name citations use; defaults to the file name.
        max_bytes: reject larger files (default: ``settings.max_file_mb`` when settings are
            given, else no limit).
        settings: the reading budget (``max_pages``, ``max_chars``, ``max_read_seconds``);
            default ``Settings.load()``, the environment's.

    Returns:
        The Bulletin, its ``text`` being the decoded content in NFC with ASCII digits (for .txt,
        otherwise unchanged).

    Raises:
        IngestError: unreadable, empty, binary, encrypted, over a budget or of an unsupported
            type.
    """
    name = source or path.name
    shown = printable(name)
    if not is_bulletin_file(path):
        raise IngestError(
            f"El archivo «{shown}» no es .txt, .pdf ni .html: no se ingirió."
        )
    if any(0xD800 <= ord(ch) < 0xE000 for ch in name + str(path)):
        # Bytes the file system's encoding cannot decode: the index stores names as UTF-8.
        raise IngestError(
            f"El nombre «{printable(str(path))}» no es UTF-8 válido: renombre el archivo y "
            "vuelva a ingerirlo.")
    if max_bytes is None and settings is not None:
        max_bytes = int(settings.max_file_mb * 2**20)
    budget = _Budget(shown, settings or Settings.load())
    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise IngestError(
                f"El archivo «{shown}» pesa {size / 2**20:.1f} MB, más que el límite de "
                f"{max_bytes / 2**20:.0f} MB: no se ingirió (BOLETINES_MAX_FILE_MB lo sube)."
            )
        suffix = path.suffix.lower()
        html_title = None
        if suffix == ".pdf":
            text = _read_pdf(path, shown, budget)
        else:
            data = path.read_bytes()
            if suffix == ".txt":
                text = _decode(data, shown)
            else:
                text, html_title = _read_html(data, shown)
    except OSError as exc:
        raise IngestError(f"No se pudo leer «{shown}»: {exc.strerror or exc}.") from None
    # Offsets are taken in the stored text, so it is normalised before anything reads it:
    # decomposed accents (a PDF's "o" + U+0301) composed, "１７５/２０２２" read as digits.
    text = normalize_text(text)
    budget.chars(len(text))
    budget.time()
    _check_text(text, shown)
    meta = _read_sidecar(path)
    title = meta.get("title") or html_title
    return Bulletin(
        source=name,
        # A sidecar is the user's explicit word: it fills what the text lacks and corrects
        # what the heuristics read wrong.
        number=meta.get("number") or find_number(text),
        date=meta.get("date") or find_date(text),
        title=normalize_text(title) if title else find_title(text),
        text=text,
        path=str(path.resolve()),
    )
