"""A report over a run with 1M-token samples stays within a stated memory bound.

The report reads a few samples at a time (a 1M-token one alone) and skips events and attachments,
so its peak does not grow with the number of huge samples. Measured on this machine, as peak RSS
above the RSS after imports: 68 MB for a small run, 81-84 MB with one to six 1M-token samples.
For six such samples, reading the logs whole with `read_eval_log` took 375 MB, and batching the
six samples together (ignoring their size) 123 MB. Six 1M-token samples (about 4 MB of prompt text
each, half of them context_exceeded with no usage recorded) must stay under MEMORY_BOUND_MB.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from report_fixtures import FixtureSample, Turn, haystack, write_run

MEMORY_BOUND_MB = 105
"""Peak RSS of building the report, above the RSS after importing everything it uses."""
HUGE_SAMPLES = 6

_MEASURE = """
import json, sys
from pathlib import Path
import inspect_ai.log, matplotlib.figure
from agentbench.report import build_report

def status_mb(field):  # VmHWM is this process's own peak; ru_maxrss would carry the parent's over exec
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) / 1024 for line in status if line.startswith(field))

baseline = status_mb("VmRSS")
build_report([Path(sys.argv[1])], Path(sys.argv[2]))
print(json.dumps({"baseline_mb": baseline, "peak_mb": status_mb("VmHWM")}))
"""


@pytest.mark.slow
def test_report_over_million_token_samples_stays_under_memory_bound(tmp_path: Path) -> None:
    context = haystack(1_000_000)
    run_dir = write_run(tmp_path / "run", [
        FixtureSample("deepseek-chat", "long_context", f"niah-1m-{index}", prompt=f"{context} key {index}",
                      turns=(Turn(f"the key is {index}"),),
                      # half as context_exceeded: no usage reported, yet the log holds the whole context
                      row={"context_tokens": 1_000_000, "depth": 50.0, "input_tokens": 1_000_000 if index % 2 else 0,
                           "success": bool(index % 2), "failure": None if index % 2 else "context_exceeded"})
        for index in range(HUGE_SAMPLES)
    ])
    out = tmp_path / "leaderboard.html"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    result = subprocess.run([sys.executable, "-c", _MEASURE, str(run_dir), str(out)], env=env,
                            capture_output=True, text=True, timeout=300, check=True)
    measured = json.loads(result.stdout.strip().splitlines()[-1])
    growth = measured["peak_mb"] - measured["baseline_mb"]
    assert growth < MEMORY_BOUND_MB, f"report peak grew {growth:.0f} MB (bound {MEMORY_BOUND_MB} MB)"
    html = out.read_text(encoding="utf-8")
    assert len(html) < 1_000_000 and html.count("characters omitted") >= HUGE_SAMPLES
