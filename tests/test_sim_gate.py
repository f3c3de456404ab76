"""The regression gate against calibrated models: quiet when only the luck of the draw changes, failing on a
planted drop. The same simulated model (by name) is run from three cards: the shipped one (the baseline), the
same planted rates under another seed, and the same card with its long-context success planted lower."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from agentbench.cli.main import cli
from agentbench.refserver.sim.card import SHIPPED_CARDS
from agentbench.run.endpoints import Endpoint
from agentbench.run.runner import RunOptions, run
from agentbench.run.selection import Selection

pytestmark = pytest.mark.slow

GRID = Selection(suites=("long_context",), lengths="1k,2k", depths="0,25,50,75,100",
                 variants="niah_single_number,niah_single_word,niah_single_uuid,niah_multikey")
"""40 samples, all inside ref/sim-a37b's effective length: planted success about 0.95."""


def _run(results: Path, card: dict[str, Any] | None = None) -> Path:
    cards: tuple[Path, ...] = ()
    if card is not None:
        results.mkdir(parents=True, exist_ok=True)
        path = results / "card.yaml"
        path.write_text(yaml.safe_dump(card), encoding="utf-8")
        cards = (path,)
    outcome = run([Endpoint("ref/sim-a37b")], GRID, RunOptions(results_dir=results, display="none", model_cards=cards,
                  time_scale=0.01), progress=lambda _: None)
    assert not outcome.interrupted and len(outcome.samples) == 40
    return outcome.files.run_dir


def _gate(new: Path, baseline: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["gate", str(new), "--baseline", str(baseline),
                                      "--max-p95-ttft-increase", "off", "--max-cost-increase", "off"])
    return result.exit_code, result.output


def test_the_gate_is_quiet_on_a_reseeded_model_and_catches_a_planted_drop(tmp_path: Path) -> None:
    shipped = yaml.safe_load((SHIPPED_CARDS / "sim-a37b.yaml").read_text(encoding="utf-8"))
    baseline = _run(tmp_path / "baseline")
    reseeded = _run(tmp_path / "reseeded", {**shipped, "seed": 7})
    dropped = _run(tmp_path / "dropped", {**shipped, "long_context": {**shipped["long_context"], "plateau": 0.6}})
    code, output = _gate(reseeded, baseline)
    assert code == 0, output
    code, output = _gate(dropped, baseline)
    assert code == 1, output
    assert "REGRESSION ref/sim-a37b / long_context / success" in output
