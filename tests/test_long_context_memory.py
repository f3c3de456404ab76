"""A long-context grid holds the samples in flight, not the grid: live memory does not grow with the sample count.

`tests/long_context_memory_probe.py` runs in a fresh process (a warm-up eval, then 4 and 28 samples of
32k tokens, two in flight, for each design) and the live memory the two evals reach is compared. Its
`keep-prompts` design is the plausible wrong one (every built prompt kept, a cache for speed): it must be caught, so the
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


@pytest.fixture(scope="module")
def growth_in_prompts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, float]:
    """Per design: how much more live memory MANY samples reached than FEW, in prompts."""
    tmp = tmp_path_factory.mktemp("memory")
    env = {**os.environ, "AGENTBENCH_CACHE": str(tmp / "cache"), "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, str(PROBE), "32k", f"2,{FEW},{MANY}", str(tmp / "logs")],
        env=env, capture_output=True, text=True, timeout=600, check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]  # Inspect prints its banner too
    rows = {(row["design"], row["count"]): row for row in map(json.loads, lines)}
    prompt = rows["light", MANY]["prompt"]
    assert prompt > 100_000, "a 32k-token prompt is over 100 kB of text"
    return {design: (rows[design, MANY]["held"] - rows[design, FEW]["held"]) / prompt for design in ("light", "keep-prompts")}


def test_live_memory_is_the_samples_in_flight_whatever_the_sample_count(growth_in_prompts: dict[str, float]) -> None:
    growth = growth_in_prompts["light"]
    assert growth < ALLOWED_PROMPTS, f"{MANY} samples held {growth:.1f} prompts more than {FEW}"


def test_keeping_every_prompt_is_caught(growth_in_prompts: dict[str, float]) -> None:
    growth = growth_in_prompts["keep-prompts"]
    assert growth > ALLOWED_PROMPTS, f"keeping {MANY - FEW} more prompts showed as {growth:.1f}"
