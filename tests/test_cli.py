"""The CLI: each command through main(argv), output and exit codes, errors as one line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.cli import main
from index.settings import Settings
from tests.conftest import SEEDS


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_ingest_status_facts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path / "d")
    code, out, err = run(capsys, "ingest", str(SEEDS), "--data-dir", data)
    assert code == 0 and "Nuevos: 2" in out
    code, out, _ = run(capsys, "status", "--data-dir", data, "--json")
    info = json.loads(out)
    assert code == 0 and info["bulletins"] == 2 and info["facts"] >= 50
    code, out, _ = run(capsys, "facts", "--data-dir", data, "--qualifier", "córnea", "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert sorted(r["value"] for r in rows) == [22, 353, 353]
    texts = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.iterdir()}
    for r in rows:
        assert r["quote"] == texts[r["source"]][r["start"]:r["end"]]
        for key in ("source", "measure", "qualifier", "value", "unit", "approx", "period_start",
                    "period_end", "event", "start", "end", "quote"):
            assert key in r
    code, out, _ = run(capsys, "facts", "--data-dir", data, "--measure", "cirug", "--csv")
    assert code == 0 and out.splitlines()[0].startswith("source,measure")
    assert "475725" in out and "475275" in out
    code, out, _ = run(capsys, "facts", "--data-dir", data, "--measure", "trasplantes")
    assert "353" in out and "del 1 de abril al 12 de septiembre (año no indicado)" in out


def test_errors_are_one_spanish_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "status", "--data-dir", str(tmp_path / "nada"))
    assert code == 1 and err.count("\n") == 1 and "No hay índice" in err
    code, out, err = run(capsys, "ingest", str(tmp_path / "no-existe.txt"),
                         "--data-dir", str(tmp_path / "d"))
    assert code == 1 and "no existe" in err and "Traceback" not in err


def test_bad_setting_from_environment(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOLETINES_TOP_K", "muchos")
    code, _, err = run(capsys, "status", "--data-dir", str(tmp_path))
    assert code == 1 and "BOLETINES_TOP_K" in err


def test_data_dir_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("BOLETINES_DATA_DIR", str(tmp_path / "x"))
    assert Settings.load().data_dir == tmp_path / "x"
    assert Settings.load(data_dir=tmp_path / "y").data_dir == tmp_path / "y"


def test_python_dash_m_is_the_same_cli() -> None:
    proc = subprocess.run([sys.executable, "-m", "assistant", "--help"], capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 0 and "ingest" in proc.stdout


def test_ask_text_and_json(seed_settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(seed_settings.data_dir)
    code, out, _ = run(capsys, "ask", "¿cuántos trasplantes de córnea?", "--data-dir", data)
    assert code == 0 and "353" in out and "22" in out and "«" in out
    code, out, _ = run(capsys, "ask", "--json", "¿cuántos trasplantes de córnea?",
                       "--data-dir", data)
    payload = json.loads(out)
    assert payload["values"] == [353, 22] and payload["abstained"] is False
    code, _, err = run(capsys, "ask", "   ", "--data-dir", data)
    assert code == 1 and err.startswith("Error: La pregunta está vacía")


def test_ask_batch_from_stdin_in_one_process(seed_settings: Settings) -> None:
    questions = ["¿cuántos trasplantes de córnea?", "", "¿cuántos trasplantes de intestino?",
                 "¿Cuál es el teléfono para informes?"]
    proc = subprocess.run(
        [sys.executable, "-m", "assistant", "ask", "--json", "-",
         "--data-dir", str(seed_settings.data_dir)],
        input="\n".join(questions) + "\n", capture_output=True, text=True, check=False,
        cwd=str(SEEDS.parent))
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [x["question"] for x in lines] == questions
    assert lines[0]["values"] == [353, 22]
    assert lines[1]["abstained"] and "vacía" in lines[1]["answer"]
    assert lines[2]["abstained"] and lines[2]["values"] == []
    assert "800 623 2323" in lines[3]["answer"]
    assert "Traceback" not in proc.stderr


def test_chat_session(seed_settings: Settings) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "assistant", "chat", "--data-dir", str(seed_settings.data_dir)],
        input="¿cuántas mastografías?\n:fuentes\n\n:historial\n:salir\n", capture_output=True,
        text=True, check=False, cwd=str(SEEDS.parent))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("505,437") >= 2  # the answer, then the history
    assert "505 mil 437 mastografías" in proc.stdout  # :fuentes shows the full quote


def test_shared_options_work_before_or_after_the_command(capsys: pytest.CaptureFixture[str],
                                                         tmp_path: Path) -> None:
    missing = str(tmp_path / "nada")
    for argv in (["--data-dir", missing, "status"], ["status", "--data-dir", missing],
                 ["--data-dir", "otro", "status", "--data-dir", missing]):
        code, _, err = run(capsys, *argv)
        assert code == 1 and "nada" in err, argv
