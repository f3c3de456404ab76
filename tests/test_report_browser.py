"""The report opened in real headless Chromium (Debian's `chromium`), driven over the DevTools protocol."""

from __future__ import annotations

from pathlib import Path

import pytest
from cdp import Browser, Page, chromium_path
from report_fixtures import HOSTILE_SCRIPT, STANDARD_PRICED_MODEL, standard_run

from agentbench.report import build_report

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(chromium_path() is None, reason="chromium is not installed (apt-get install -y chromium)"),
]

_LEADERBOARD_MODELS = ("Array.from(document.querySelectorAll('#leaderboard-table tbody tr'))"
                       ".map(r => r.cells[1].textContent)")


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory):
    run_dir = standard_run(tmp_path_factory.getbasetemp())
    report = build_report([run_dir], tmp_path_factory.mktemp("browser") / "leaderboard.html")
    with Browser.launch(tmp_path_factory.mktemp("chromium-profile")) as browser:
        yield browser.open(report)


def test_no_console_errors(page: Page) -> None:
    assert page.evaluate("document.readyState") == "complete"
    assert page.errors == []


def test_leaderboard_sorts_on_click(page: Page) -> None:
    before = page.evaluate(_LEADERBOARD_MODELS)
    assert before[0] == STANDARD_PRICED_MODEL  # long_context sorts first by suite
    page.click("#leaderboard-table thead th:nth-child(2)")
    ascending = page.evaluate(_LEADERBOARD_MODELS)
    assert ascending == sorted(before, key=str.lower) and ascending != before
    page.click("#leaderboard-table thead th:nth-child(2)")
    assert page.evaluate(_LEADERBOARD_MODELS) == list(reversed(ascending))
    # numeric column: success rate, by the cell's data-v
    page.click("#leaderboard-table thead th:nth-child(6)")
    rates = page.evaluate("Array.from(document.querySelectorAll('#leaderboard-table tbody tr'))"
                          ".map(r => Number(r.cells[5].dataset.v))")
    assert rates == sorted(rates) and rates[0] == 0.0 and rates[-1] == 1.0
    assert page.evaluate("document.querySelector('#leaderboard-table thead th:nth-child(6)')"
                         ".getAttribute('aria-sort')") == "ascending"
    assert page.errors == []


def test_hostile_transcript_is_text_and_never_runs(page: Page) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert not any("PWNED" in message for message in page.console_messages)
    assert page.evaluate("document.scripts.length") == 1
    assert page.evaluate("document.querySelectorAll('img[src=\"x\"], main b, main i').length") == 0
    shown = page.evaluate("Array.from(document.querySelectorAll('#samples pre')).map(p => p.textContent).join('\\n')")
    assert HOSTILE_SCRIPT in shown and "<i>big</i>" in shown
    # open the hostile sample and look again: still inert
    page.evaluate("document.querySelectorAll('details.sample').forEach(d => d.open = true)")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.errors == []


def test_screenshot(page: Page, tmp_path: Path) -> None:
    page.evaluate("location.hash = '#samples'")
    png = page.screenshot()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000
    (tmp_path / "report.png").write_bytes(png)
