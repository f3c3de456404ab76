"""Reference models (oracle, null, simulated) are marked wherever they share a leaderboard with real endpoints."""

from __future__ import annotations

import re
from html import escape

from report_fixtures import samples_frame
from rich.console import Console

from agentbench.analysis.metrics import failures, leaderboard
from agentbench.analysis.prices import apply_prices, load_prices
from agentbench.analysis.reference import REFERENCE_MARK, REFERENCE_NOTE
from agentbench.cli.table import print_leaderboard
from agentbench.report import sections

SIMULATED = ("ref/sim-a3b", "openai-api/ref/sim-a37b")
REAL = ("openai-api/deepseek/deepseek-chat", "local/prefix-ref-model")
MODELS = SIMULATED + REAL
"""Two simulated models (one behind a provider prefix) and two real endpoints (one whose name merely contains `ref`)."""


def _board():
    rows = [{"model": model, "task_id": f"t{i}", "success": i % 2 == 0} for model in MODELS for i in range(4)]
    samples = apply_prices(samples_frame(rows), load_prices())
    return leaderboard(samples, resamples=50), failures(samples)


def test_the_terminal_table_marks_simulated_models_and_only_them() -> None:
    board, failure_counts = _board()
    console = Console(record=True, width=400)
    print_leaderboard(board, failure_counts, console)
    text = console.export_text()
    for model in SIMULATED:
        assert f"{model} {REFERENCE_MARK}" in text
    for model in REAL:
        assert model in text and f"{model} {REFERENCE_MARK}" not in text
    assert " ".join(REFERENCE_NOTE.split()) in " ".join(text.split())


def test_the_html_leaderboard_marks_simulated_models_and_only_them() -> None:
    board, _ = _board()
    page = sections.leaderboard(board, {(m, s): "a" for m, s in zip(board["model"], board["suite"])})
    labels = set(re.findall(r'<a href="#a">([^<]+)</a>', page))
    assert labels == {*REAL, *(f"{model} {REFERENCE_MARK}" for model in SIMULATED)}
    assert escape(REFERENCE_NOTE) in page
