"""Time and peak memory of `build_report`, next to reading the same Inspect logs whole.

Builds two run folders with real Inspect logs (mockllm, via tests/report_fixtures.py): many small
tool-use samples, and a few 1M-token long-context samples. Each measurement runs in a fresh
process; memory is the peak RSS (VmHWM) above the RSS after imports.

    PYTHONPATH=. python bench/report_build.py [--small 400] [--huge 4]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from report_fixtures import FixtureSample, Turn, haystack, write_run  # noqa: E402

_MEASURE = """
import json, sys, time
from pathlib import Path
import inspect_ai.log, matplotlib.figure
from agentbench.report import build_report

def status_mb(field):
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) / 1024 for line in status if line.startswith(field))

run_dir, mode = Path(sys.argv[1]), sys.argv[2]
baseline = status_mb("VmRSS")
start = time.perf_counter()
if mode == "report":
    build_report([run_dir], run_dir / "leaderboard.html")
else:
    logs = [inspect_ai.log.read_eval_log(str(path)) for path in sorted((run_dir / "logs").glob("*.eval"))]
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "memory_mb": status_mb("VmHWM") - baseline}))
"""


def small_run(root: Path, samples: int) -> Path:
    tasks = samples // 4
    return write_run(root / "small", [
        FixtureSample(model, "tool_use", f"task-{index}", epoch,
                      turns=(Turn(tool_args={"query": f"ls {index}"}), Turn("done " * 200)),
                      row={"success": (index + epoch) % 3 != 0,
                           "failure": None if (index + epoch) % 3 else "turn_limit"})
        for model in ("deepseek-chat", "kimi-k2") for index in range(tasks) for epoch in (1, 2)
    ])


def huge_run(root: Path, samples: int) -> Path:
    context = haystack(1_000_000)
    return write_run(root / "huge", [
        FixtureSample("deepseek-chat", "long_context", f"niah-1m-{index}", prompt=f"{context} key {index}",
                      turns=(Turn(f"the key is {index}"),),
                      row={"context_tokens": 1_000_000, "depth": 0.5, "input_tokens": 1_000_000})
        for index in range(samples)
    ])


def measure(run_dir: Path, mode: str) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", _MEASURE, str(run_dir), mode], env=env, capture_output=True,
                            text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=400, help="small tool-use samples")
    parser.add_argument("--huge", type=int, default=4, help="1M-token long-context samples")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        started = time.perf_counter()
        runs = {f"{args.small} small tool-use samples": small_run(Path(temp), args.small),
                f"{args.huge} x 1M-token samples": huge_run(Path(temp), args.huge)}
        print(f"(fixtures built in {time.perf_counter() - started:.0f} s)\n")
        print("| run | what | time | peak memory above imports |")
        print("| --- | --- | --- | --- |")
        for name, run_dir in runs.items():
            for mode, label in (("report", "build_report (HTML file)"), ("whole", "read_eval_log of every log")):
                result = measure(run_dir, mode)
                print(f"| {name} | {label} | {result['seconds']:.2f} s | {result['memory_mb']:.0f} MB |")


if __name__ == "__main__":
    main()
