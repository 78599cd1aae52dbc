"""End to end in Chromium: a question, a follow-up that carries the rest over, and the trend
chart of what was asked, each point showing its quote and source."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, NEEDS_CHROMIUM, page_server


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`boletines serve` on a free port over an empty data folder (it builds seeds/ first)."""
    with page_server(tmp_path_factory.mktemp("serve-conversation")) as url:
        yield url


@pytest.mark.browser
@NEEDS_CHROMIUM
def test_followup_and_trend_in_chromium(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    shots = Path(os.environ.get("BOLETINES_SHOTS", tmp_path))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1600})
        page.goto(server)
        page.fill("#pregunta textarea", "¿cuántos trasplantes de riñón en 2022?")
        page.click("#preguntar")
        expect(page.locator("#chat")).to_contain_text("19 trasplantes de riñón", timeout=30_000)
        # The follow-up names only the kind: the measure and the year come from the turn before.
        page.fill("#pregunta textarea", "¿y de córnea?")
        page.click("#preguntar")
        chat = page.locator("#chat")
        expect(chat).to_contain_text("Entendí: trasplantes de córnea, 2022", timeout=30_000)
        expect(chat).to_contain_text("22 trasplantes de córnea", timeout=30_000)
        expect(page.locator("#fuentes .cita")).to_have_count(1, timeout=30_000)
        page.screenshot(path=str(shots / "seguimiento.png"), full_page=True)
        # The evolution of what was asked: each point a cited figure.
        page.click("#ver-evolucion")
        points = page.locator("#evolucion-chat .punto")
        expect(points.first).to_be_visible(timeout=30_000)
        assert points.count() >= 2
        values = {points.nth(i).get_attribute("data-valor") for i in range(points.count())}
        assert {"22", "353"} <= values, values
        points.first.hover()
        info = points.first.locator(".info")
        expect(info).to_be_visible()
        expect(info).to_contain_text("córnea")
        expect(info).to_contain_text(".txt")
        page.screenshot(path=str(shots / "evolucion.png"), full_page=True)
        # The Evolución tab charts any measure.
        page.get_by_role("tab", name="Evolución").click()
        page.fill("#medida-evolucion textarea, #medida-evolucion input", "trasplantes de riñón")
        page.click("#ver-medida")
        expect(page.locator("#evolucion .punto")).to_have_count(2, timeout=30_000)
        browser.close()
    assert (shots / "evolucion.png").stat().st_size > 10_000
