"""`boletines serve` as a child process: started on a free port, waited for, stopped.

Used by the benchmark (to measure the page's memory) and by the end-to-end tests.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_http(url: str, seconds: float, alive: Callable[[], bool] = lambda: True) -> bool:
    """Poll ``url`` until it answers 200 (False on timeout or once ``alive()`` is false)."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        if not alive():
            return False
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return True
        except OSError:
            time.sleep(0.3)
    return False


@contextmanager
def running_page(data_dir: Path, log_path: Path, timeout: float = 300,
                 args: Sequence[str] = (), env: dict[str, str] | None = None
                 ) -> Iterator[tuple[subprocess.Popen[bytes], str | None]]:
    """Run `boletines serve` over ``data_dir``; yield (process, URL or None if it never came up).

    The child runs this checkout's code (``-m assistant`` from ROOT, ROOT first on PYTHONPATH),
    not whatever copy of the package the interpreter has installed. ``args`` are added to
    `serve`'s; ``env`` to the environment.
    """
    port = free_port()
    child_env = {**os.environ, **(env or {})}
    child_env["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT)] + [p for p in child_env.get("PYTHONPATH", "").split(os.pathsep) if p])
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "assistant", "serve", "--port", str(port), "--data-dir",
             str(data_dir), *args], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
            env=child_env)
        url = f"http://127.0.0.1:{port}/"
        try:
            up = wait_http(url, timeout, lambda: proc.poll() is None)
            yield proc, url if up else None
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
