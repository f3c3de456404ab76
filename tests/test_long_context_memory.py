"""A long-context grid holds the samples in flight, not the grid: live memory does not grow with the sample count.

Each case runs `tests/long_context_memory_probe.py` in a fresh process (a warm-up eval, then 4 and 20 samples
of 32k tokens, two in flight) and compares the live memory the two evals reach. The probe's `--keep-prompts`
is the plausible wrong design (every built prompt kept, a cache for speed): it must be caught, so the
measurement is shown to see what it is meant to see.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
PROBE = Path(__file__).with_name("long_context_memory_probe.py")
REPO = PROBE.parents[1]
FEW, MANY = 4, 28
ALLOWED_PROMPTS = 10
"""Growth from FEW to MANY samples allowed, in prompts: measured 1 to 3 (the other sample in flight at a different step; summaries and scores); 24 if kept."""


def _growth_in_prompts(tmp_path: Path, *flags: str) -> float:
    env = {**os.environ, "AGENTBENCH_CACHE": str(tmp_path / "cache"), "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, str(PROBE), "32k", f"2,{FEW},{MANY}", str(tmp_path / "logs"), *flags],
        env=env, capture_output=True, text=True, timeout=600, check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]  # Inspect prints its banner too
    rows = {row["count"]: row for row in map(json.loads, lines)}
    assert rows[MANY]["prompt"] > 100_000, "a 32k-token prompt is over 100 kB of text"
    return (rows[MANY]["held"] - rows[FEW]["held"]) / rows[MANY]["prompt"]


def test_live_memory_is_the_samples_in_flight_whatever_the_sample_count(tmp_path: Path) -> None:
    growth = _growth_in_prompts(tmp_path)
    assert growth < ALLOWED_PROMPTS, f"{MANY} samples held {growth:.1f} prompts more than {FEW}"


def test_keeping_every_prompt_is_caught(tmp_path: Path) -> None:
    growth = _growth_in_prompts(tmp_path, "--keep-prompts")
    assert growth > ALLOWED_PROMPTS, f"keeping {MANY - FEW} more prompts showed as {growth:.1f}"
