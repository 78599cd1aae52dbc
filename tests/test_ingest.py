"""The ingestion pipeline: idempotent, incremental, atomic per bulletin, prune, unambiguous names."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from index.ingest import ingest
from index.settings import Settings
from index.store import Store
from tests.conftest import SEED_B, SEEDS

NEW = ("Ciudad de México, lunes 4 de marzo de 2024\nNo. 101/2024\n\n"
       "IMSS reporta 300 trasplantes de riñón\n\n"
       "Durante 2023 se realizaron 300 trasplantes de riñón y 45 de hígado.\n")


def snapshot(store: Store) -> tuple:
    ids = sorted(store.vectorstore()._collection.get(include=[])["ids"])
    return store.counts(), ids, [(f.source, f.value, f.start) for f in store.facts()]


def test_seed_index_counts(seed_store: Store) -> None:
    counts = seed_store.counts()
    assert counts["bulletins"] == 2 and counts["chunks"] >= 10 and counts["facts"] >= 50
    stored_ids = set(seed_store.vectorstore()._collection.get(include=[])["ids"])
    assert stored_ids == seed_store.chunk_ids()
    for b in seed_store.bulletins():
        assert b.text == (SEEDS / b.source).read_text(encoding="utf-8")
    texts = {b.source: b.text for b in seed_store.bulletins()}
    for f in seed_store.facts():
        assert texts[f.source][f.start:f.end]
    for p in seed_store.passages():
        assert p.text == texts[p.source][p.start:p.end]


def test_idempotent_changed_and_prune(tmp_path: Path, settings: Settings) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEEDS / SEED_B, folder / SEED_B)
    (folder / "nuevo.txt").write_text(NEW, encoding="utf-8")
    first = ingest([folder], settings)
    assert sorted(first.added) == sorted([SEED_B, "nuevo.txt"]) and first.ok
    store = Store(settings)
    before = snapshot(store)
    again = ingest([folder], settings)
    assert sorted(again.unchanged) == sorted([SEED_B, "nuevo.txt"]) and not again.added
    assert snapshot(store) == before
    # A changed file replaces its chunks and facts.
    (folder / "nuevo.txt").write_text(NEW.replace("45 de hígado", "46 de hígado"),
                                      encoding="utf-8")
    changed = ingest([folder], settings)
    assert changed.updated == ["nuevo.txt"]
    values = [f.value for f in store.facts(source="nuevo.txt")]
    assert 46 in values and 45 not in values
    assert set(store.vectorstore()._collection.get(include=[])["ids"]) == store.chunk_ids()
    # --prune drops bulletins whose files are gone.
    (folder / "nuevo.txt").unlink()
    pruned = ingest([folder], settings, prune=True)
    assert pruned.pruned == ["nuevo.txt"]
    assert store.facts(source="nuevo.txt") == [] and store.counts()["bulletins"] == 1


def test_a_failing_file_leaves_nothing_and_others_go_on(tmp_path: Path,
                                                         settings: Settings) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bueno.txt").write_text(NEW, encoding="utf-8")
    (folder / "vacio.txt").write_text("", encoding="utf-8")
    (folder / "roto.pdf").write_bytes(b"%PDF-1.4 basura")
    report = ingest([folder], settings)
    assert report.added == ["bueno.txt"]
    assert len(report.failed) == 2
    assert any("vacio.txt" in line for line in report.failed)
    assert any("roto.pdf" in line for line in report.failed)
    assert Store(settings).counts()["bulletins"] == 1


def test_failed_write_rolls_back(tmp_path: Path, settings: Settings,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text(NEW, encoding="utf-8")
    ingest([tmp_path / "a.txt"], settings)
    store = Store(settings)
    before = snapshot(store)
    (tmp_path / "a.txt").write_text(NEW.replace("300", "301"), encoding="utf-8")

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disco lleno")

    import index.facts as facts_mod

    monkeypatch.setattr(facts_mod, "Fact", boom)
    monkeypatch.setattr("index.ingest.extract_facts", lambda *a, **k: boom())
    report = ingest([tmp_path / "a.txt"], settings)
    assert report.failed and "a.txt" in report.failed[0] and "disco lleno" in report.failed[0]
    assert snapshot(store) == before


def test_same_name_in_two_folders(tmp_path: Path, settings: Settings) -> None:
    for folder, figure in (("2023", "300"), ("2024", "500")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "boletin.txt").write_text(NEW.replace("300", figure),
                                                       encoding="utf-8")
    report = ingest([tmp_path / "2023", tmp_path / "2024"], settings)
    assert sorted(report.added) == ["2023/boletin.txt", "2024/boletin.txt"]
    store = Store(settings)
    assert {f.value for f in store.facts(source="2024/boletin.txt")} >= {500}
    # Ingesting again keeps the same names.
    assert sorted(ingest([tmp_path], settings).unchanged) == sorted(report.added)


def test_reconcile_removes_orphan_vectors(settings: Settings, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(NEW, encoding="utf-8")
    ingest([tmp_path / "a.txt"], settings)
    store = Store(settings)
    store.vectorstore()._collection.add(ids=["huérfano"], embeddings=[[0.1] * 384],
                                        documents=["x"])
    assert store.reconcile() == (1, [])
    assert set(store.vectorstore()._collection.get(include=[])["ids"]) == store.chunk_ids()
