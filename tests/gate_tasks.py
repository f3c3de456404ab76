"""Task folders that let a test stop a run mid-flight on an event, never on a guessed delay.

`quick` completes at once; `gate` announces it has started, then waits until the test creates
the release file. With both running at once (max 2 samples), "gate started and one sample is in
the log" means the run is mid-flight with exactly one completed sample.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from inspect_ai.log import read_eval_log_samples

TASK = """instruction: |
  {instruction}
category: fixture
difficulty: easy
tags: [gate]
limits:
  max_turns: 5
  time_s: 600
"""
VERIFIER = '#!/usr/bin/env bash\n[ "$(cat out.txt 2>/dev/null)" = "done" ]\n'


@dataclass(frozen=True)
class Gate:
    tasks_dir: Path
    started: Path
    release: Path


def write_gate_tasks(root: Path) -> Gate:
    """Write the two tasks under `root/tasks/tool_use/`; markers live in `root/markers/`."""
    markers = root / "markers"
    markers.mkdir(parents=True)
    gate = Gate(root / "tasks", markers / "started", markers / "release")
    solutions = {
        "a-quick": "echo done > out.txt",
        "b-gate": f"touch {gate.started}\nwhile [ ! -e {gate.release} ]; do sleep 0.2; done\necho done > out.txt",
    }
    for name, solution in solutions.items():
        folder = gate.tasks_dir / "tool_use" / name
        (folder / "tests").mkdir(parents=True)
        (folder / "task.yaml").write_text(TASK.format(instruction=f"Gate fixture {name}: write done to out.txt."))
        (folder / "solution.sh").write_text(f"#!/usr/bin/env bash\n{solution}\n")
        (folder / "tests" / "test.sh").write_text(VERIFIER)
    return gate


def completed_samples(results: Path) -> int:
    """Samples already written to the Inspect logs under `results/*/logs`."""
    count = 0
    for log in results.glob("*/logs/*.eval"):
        try:
            count += sum(1 for _ in read_eval_log_samples(str(log), all_samples_required=False, exclude_fields={"events"}))
        except Exception:  # a log being written right now: look again on the next poll
            continue
    return count


def wait_for(condition: Callable[[], bool], what: str, alive: Callable[[], bool], limit_s: float = 600) -> None:
    """Poll until `condition` holds; fail early if the process died, or after `limit_s` (a safety net only)."""
    deadline = time.monotonic() + limit_s
    while not condition():
        assert alive(), f"the run ended before {what}"
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.2)
