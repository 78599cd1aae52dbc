"""Test helper: a minimal PDF with a real text layer (Helvetica, WinAnsi), written by hand."""

from __future__ import annotations

import zlib


def _literal(line: str) -> str:
    out = []
    for byte in line.encode("cp1252"):
        ch = chr(byte)
        if ch in "()\\":
            out.append("\\" + ch)
        elif 32 <= byte < 127:
            out.append(ch)
        else:
            out.append(f"\\{byte:03o}")
    return "(" + "".join(out) + ")"


def make_pdf(lines: list[str], pages: int = 1, compress: bool = False) -> bytes:
    """A PDF whose text layer holds ``lines``; no lines gives a page with no text.

    ``pages`` > 1 repeats the page, every copy sharing the one content stream (a page bomb
    is small on disk); ``compress`` deflates that stream.
    """
    ops = ["BT", "/F1 11 Tf", "14 TL", "50 780 Td"]
    for line in lines:
        ops.append(f"{_literal(line)} Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1") if lines else b""
    flate = b""
    if compress:
        stream, flate = zlib.compress(stream), b" /Filter /FlateDecode"
    page = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>")
    kids = " ".join(["3 0 R"] + [f"{6 + i} 0 R" for i in range(pages - 1)]).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count " + str(pages).encode() + b" >>",
        page,
        b"<< /Length " + str(len(stream)).encode() + flate + b" >>\nstream\n" + stream
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ] + [page] * (pages - 1)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
