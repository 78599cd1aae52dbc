"""One writer at a time: concurrent ingests lose nothing, same names never collide, a lost
Chroma folder is rebuilt from SQLite, a full disk stops the run with the index as it was."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from index.errors import IndexBusyError
from index.ingest import ingest, repair
from index.lock import writer_lock
from index.settings import Settings
from index.space import DiskFullError
from index.store import Store

ROOT = Path(__file__).resolve().parent.parent
ORGANS = ["riñón", "córnea", "hígado", "corazón", "médula ósea", "pulmón"]


def write_bulletins(folder: Path, count: int, offset: int = 0) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        n = offset + i
        (folder / f"boletin_{i:03d}.txt").write_text(
            f"Ciudad de México, {1 + n % 28} de marzo de 2023\nNo. {100 + n}/2023\n\n"
            f"En la unidad {n} se realizaron {200 + n} trasplantes de {ORGANS[n % 6]} "
            f"y {50 + n} cirugías de cataratas durante febrero de 2023.\n", encoding="utf-8")


def ingest_process(data: Path, folder: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "assistant", "ingest", str(folder), "--data-dir", str(data),
         "--embedder", "use", "--json"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_two_concurrent_ingests_lose_no_bulletin(tmp_path: Path) -> None:
    data = tmp_path / "data"
    write_bulletins(tmp_path / "a", 25)
    write_bulletins(tmp_path / "b", 25, offset=100)  # the same file names, other contents
    runs = [ingest_process(data, tmp_path / "a"), ingest_process(data, tmp_path / "b")]
    reports = []
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
        reports.append(json.loads(out))
    assert sorted(len(r["added"]) for r in reports) == [25, 25]
    store = Store(Settings(data_dir=data, embedder="use"), create=False)
    assert store.counts()["bulletins"] == 50
    assert store.problems() == []
    # Every file kept its own content under a name of its own.
    values = {f.value for f in store.facts() if f.measure == "trasplantes"}
    assert values == {200 + n for n in range(25)} | {300 + n for n in range(25)}
    # The second run said which files it stored under another name.
    assert sum(len(r["renamed"]) for r in reports) == 25


def test_a_second_writer_waits_or_leaves(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", embedder="use")
    write_bulletins(tmp_path / "a", 2)
    told: list[str] = []
    with writer_lock(settings.data_dir):
        with pytest.raises(IndexBusyError, match="Otro proceso está escribiendo"):
            ingest([tmp_path / "a"], settings, wait=False, on_wait=told.append)
        with pytest.raises(IndexBusyError):
            repair(settings, wait=False)
    assert not settings.db_path.exists()  # nothing was written while the lock was held
    report = ingest([tmp_path / "a"], settings, wait=False)
    assert len(report.added) == 2


def test_a_waiting_writer_says_so(tmp_path: Path) -> None:
    data = tmp_path / "data"
    write_bulletins(tmp_path / "a", 1)
    with writer_lock(data):
        run = ingest_process(data, tmp_path / "a")
        try:
            run.wait(timeout=20)
        except subprocess.TimeoutExpired:
            pass
        assert run.returncode is None  # still waiting for the lock
    out, err = run.communicate(timeout=120)
    assert run.returncode == 0
    assert "esperando a que termine" in err
    assert len(json.loads(out)["added"]) == 1


def _drop_chroma(settings: Settings) -> None:
    from chromadb.api.client import SharedSystemClient

    SharedSystemClient.clear_system_cache()  # the in-process client would keep the old files
    shutil.rmtree(settings.chroma_path)


def test_a_lost_chroma_folder_is_rebuilt_not_wiped(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", embedder="use")
    write_bulletins(tmp_path / "a", 4)
    assert len(ingest([tmp_path / "a"], settings).added) == 4
    _drop_chroma(settings)
    store = Store(settings, create=False)
    assert any("sin vector" in p for p in store.problems())
    # The next ingest of one unrelated file keeps (and repairs) the four.
    write_bulletins(tmp_path / "b", 1, offset=50)
    (tmp_path / "b" / "boletin_000.txt").rename(tmp_path / "b" / "otro.txt")
    report = ingest([tmp_path / "b"], settings)
    assert report.added == ["otro.txt"] and report.pruned == []
    assert len(report.repaired) == 4
    store = Store(settings, create=False)
    assert store.counts()["bulletins"] == 5 and store.problems() == []
    hits = store.vectorstore().similarity_search("trasplantes de córnea", k=3)
    assert hits and all(h.page_content for h in hits)


def test_repair_command_rebuilds_vectors(tmp_path: Path) -> None:
    from assistant.cli import main

    settings = Settings(data_dir=tmp_path / "data", embedder="use")
    write_bulletins(tmp_path / "a", 3)
    ingest([tmp_path / "a"], settings)
    _drop_chroma(settings)
    base = ["--data-dir", str(settings.data_dir), "--embedder", "use"]
    assert main([*base, "status"]) == 1
    assert main([*base, "repair"]) == 0
    assert main([*base, "status"]) == 0
    assert Store(settings, create=False).counts()["chunks"] == 3


def test_a_full_disk_stops_the_run_and_keeps_the_index(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings(data_dir=tmp_path / "data", embedder="use")
    write_bulletins(tmp_path / "a", 2)
    ingest([tmp_path / "a"], settings)
    before = Store(settings, create=False).counts()
    write_bulletins(tmp_path / "b", 3, offset=10)
    monkeypatch.setattr("index.space.free_mb", lambda _: 3.0)
    with pytest.raises(DiskFullError, match="está lleno"):
        ingest([tmp_path / "b"], settings)
    assert Store(settings, create=False).counts() == before

    # ENOSPC in the middle of a write (the space check passed): same outcome.
    monkeypatch.undo()

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Store, "replace", full)
    with pytest.raises(DiskFullError):
        ingest([tmp_path / "b"], settings)
    assert Store(settings, create=False).counts() == before
    assert Store(settings, create=False).problems() == []


def test_a_corrupt_index_says_what_to_do(tmp_path: Path) -> None:
    from assistant.cli import main

    data = tmp_path / "data"
    data.mkdir()
    (data / "boletines.sqlite3").write_bytes(os.urandom(4096))
    for argv in (["status"], ["ask", "¿cuántos trasplantes?"], ["ingest", str(tmp_path)]):
        assert main(["--data-dir", str(data), "--embedder", "use", *argv]) == 1


def test_a_read_only_folder_still_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    from assistant.cli import main

    settings = Settings(data_dir=tmp_path / "data", embedder="use")
    write_bulletins(tmp_path / "a", 2)
    ingest([tmp_path / "a"], settings)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: mode != os.W_OK
                        and real_access(p, mode, **kw))
    store = Store(settings, create=False)
    assert store.read_only and store.counts()["bulletins"] == 2
    base = ["--data-dir", str(settings.data_dir), "--embedder", "use"]
    assert main([*base, "status"]) == 0
    assert "solo lectura" in capsys.readouterr().out
    assert main([*base, "ask", "¿Cuántos trasplantes de córnea se realizaron?"]) == 0
    assert "201" in capsys.readouterr().out


def _as_nobody(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                           *args], capture_output=True, text=True, timeout=300, cwd="/",
                          env={**os.environ, "HOME": "/tmp", "PYTHONPATH": str(ROOT)})


@pytest.mark.skipif(os.name != "posix" or not hasattr(os, "geteuid") or os.geteuid() != 0
                    or not shutil.which("setpriv"), reason="needs root and setpriv")
def test_a_folder_without_write_permission(tmp_path: Path) -> None:
    import tempfile

    if _as_nobody([sys.executable, "-c", "import assistant"]).returncode != 0:
        pytest.skip("this checkout is not readable by another user")
    top = Path(tempfile.mkdtemp(dir="/tmp", prefix="boletines-ro-"))
    try:
        top.chmod(0o755)
        settings = Settings(data_dir=top / "data", embedder="use")
        write_bulletins(top / "a", 2)
        ingest([top / "a"], settings)
        subprocess.run(["chmod", "-R", "a+rX,a-w", str(top)], check=True)
        cli = [sys.executable, "-m", "assistant", "--data-dir", str(settings.data_dir),
               "--embedder", "use"]
        status = _as_nobody([*cli, "status"])
        assert status.returncode == 0, status.stderr
        answer = _as_nobody([*cli, "ask", "¿Cuántos trasplantes de córnea se realizaron?"])
        assert answer.returncode == 0 and "201" in answer.stdout, answer.stderr
        for argv in (["ingest", str(top / "a")], ["repair"]):
            run = _as_nobody([*cli, *argv])
            assert run.returncode == 1
            assert "permisos" in run.stderr and "Traceback" not in run.stderr
    finally:
        subprocess.run(["chmod", "-R", "u+w", str(top)], check=True)
        shutil.rmtree(top, ignore_errors=True)


def test_an_ingest_and_page_uploads_at_once_lose_nothing(tmp_path: Path) -> None:
    from assistant.uploads import Uploads

    data = tmp_path / "data"
    settings = Settings(data_dir=data, embedder="use")
    write_bulletins(tmp_path / "cli", 20)
    write_bulletins(tmp_path / "web", 10, offset=100)
    for f in (tmp_path / "web").iterdir():
        f.rename(f.with_name("subido_" + f.name))
    ingest([tmp_path / "web" / "subido_boletin_000.txt"], settings)  # the page's index exists
    uploads = Uploads(settings, Store(settings, create=False))
    run = ingest_process(data, tmp_path / "cli")
    jobs = uploads.submit([str(p) for p in sorted((tmp_path / "web").iterdir())[1:]])
    out, err = run.communicate(timeout=300)
    assert run.returncode == 0, err
    assert uploads.wait(jobs, timeout=300)
    assert all(j.state == "listo" for j in uploads.status(jobs)), uploads.status(jobs)
    store = Store(settings, create=False)
    assert store.counts()["bulletins"] == 30
    assert store.problems() == []


def test_first_use_by_several_processes_at_once(tmp_path: Path) -> None:
    # No index yet in ./data: every process builds it from seeds/ — one at a time, the others
    # find it built — and answers.
    env = {**os.environ, "PYTHONPATH": str(ROOT), "BOLETINES_EMBEDDER": "use"}
    env.pop("BOLETINES_DATA_DIR", None)
    runs = [subprocess.Popen([sys.executable, "-m", "assistant", *argv], cwd=tmp_path, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for argv in (["ask", "¿Cuántos trasplantes de córnea?"],) * 4]
    outputs = [run.communicate(timeout=600) for run in runs]
    for run, (_out, err) in zip(runs, outputs):
        assert run.returncode == 0, err
        assert "inesperado" not in err
    assert all("córnea" in out for out, _ in outputs), outputs
    store = Store(Settings(data_dir=tmp_path / "data", embedder="use"), create=False)
    assert store.counts()["bulletins"] == 2 and store.problems() == []
