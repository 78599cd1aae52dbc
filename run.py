#!/usr/bin/env python3
"""Set-up and entry point on a machine with only python3.

    python3 run.py            start the assistant (builds the index from seeds/ on first use)
    python3 run.py test       run the test suite
    python3 run.py ARGS...    any `boletines` command, e.g. `python3 run.py ask "¿...?"`

Each creates .venv beside this file when missing and installs the pinned dependencies from
requirements.lock (again only when the lock file changes).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("BOLETINES_VENV", ROOT / ".venv"))
LOCK = ROOT / "requirements.lock"
DEFAULT = ["serve"]


def _bin(name: str) -> Path:
    return VENV / ("Scripts" if os.name == "nt" else "bin") / name


def ensure_venv() -> None:
    """Create the virtual environment and install the locked dependencies if needed."""
    stamp = VENV / ".boletines-lock"
    want = hashlib.sha256(LOCK.read_bytes() + (ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == want and _bin("python").exists():
        return
    if not _bin("python").exists():
        print("Creando el entorno virtual en .venv ...", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(VENV)
    pip = [str(_bin("python")), "-m", "pip", "--disable-pip-version-check", "-q"]
    print("Instalando dependencias fijadas (requirements.lock) ...", file=sys.stderr)
    subprocess.run([*pip, "install", "-r", str(LOCK)], check=True)
    subprocess.run([*pip, "install", "--no-deps", "-e", str(ROOT)], check=True)
    stamp.write_text(want)


def main(argv: list[str]) -> int:
    ensure_venv()
    os.chdir(ROOT)
    if argv[:1] == ["test"]:
        return subprocess.call([str(_bin("python")), "-m", "pytest", *argv[1:]])
    return subprocess.call([str(_bin("boletines")), *(argv or DEFAULT)])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
