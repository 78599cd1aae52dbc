"""Both embedders load from their wheels with no network and embed Spanish sensibly."""

from __future__ import annotations

import math

import pytest

from index.embed import get_embeddings
from index.errors import SettingsError


@pytest.mark.parametrize("name, dim", [("e5", 384), ("use", 512)])
def test_embedder_offline(name: str, dim: int) -> None:
    emb = get_embeddings(name)
    docs = emb.embed_documents(["Se realizaron 353 trasplantes de córnea.",
                                "La línea telefónica para informes es 800 623 2323.",
                                "Se aplicaron vacunas contra la influenza."])
    query = emb.embed_query("¿cuántos trasplantes de cornea?")
    assert len(query) == dim and all(len(d) == dim for d in docs)
    assert math.isclose(sum(x * x for x in query), 1.0, rel_tol=1e-3)
    scores = [sum(a * b for a, b in zip(query, d)) for d in docs]
    assert scores.index(max(scores)) == 0
    assert emb.embed_documents([]) == []


def test_unknown_embedder() -> None:
    with pytest.raises(SettingsError, match="bert"):
        get_embeddings("bert")
