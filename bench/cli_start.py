"""How long `agentbench --help`, `agentbench run --help` and a real `agentbench run long_context` take to start,
next to `import inspect_ai`, in one run.

    PYTHONPATH=. python bench/cli_start.py [--repeat 5]

Each is a fresh interpreter, the median of `--repeat` alternated runs, wall time and the child's CPU time (which
a shared machine's load changes far less). The imports and `--help` are timed from spawn to exit. The real run
(one model, the 1k x 50% long-context grid, results in a temporary folder) is timed from spawn until it prints
its first line (the embedded server's address) and until its `running N sample(s)` line (models created,
endpoints checked, just before Inspect's eval): the run is then killed, its CPU time read from /proc at that line.
Creating a model costs bare Inspect the same entry points and notebook check: its row is the fair baseline.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE_MODEL = "bare Inspect: import, get_model('openai/ref/null')"
"""What bare Inspect pays before its first sample on an OpenAI-compatible endpoint (as `harness_overhead.py`'s
twin): the openai SDK and Inspect's provider; creating any model also loads every installed `inspect_ai` entry
point (the k8s sandbox's and ours) and checks for a notebook (importing IPython where installed)."""
COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "import inspect_ai": [sys.executable, "-c", "import inspect_ai"],
    "agentbench --help": [sys.executable, "-m", "agentbench", "--help"],
    "agentbench run --help": [sys.executable, "-m", "agentbench", "run", "--help"],
    "import agentbench.run.runner (what `run` loads before work)": [sys.executable, "-c", "import agentbench.run.runner"],
    BARE_MODEL: [sys.executable, "-c", "from inspect_ai.model import get_model\n"
                 "get_model('openai/ref/null', base_url='http://127.0.0.1:9/v1', api_key='no-key')"],
}
RUN = [sys.executable, "-m", "agentbench", "run", "long_context", "--lengths", "1k", "--depths", "50",
       "--variants", "niah_single_number", "--model", "ref/null", "--display", "none"]
RUN_FIRST = "agentbench run long_context: first line"
RUN_READY = "agentbench run long_context: `running N sample(s)` line"
READY_PREFIX = "running "


def _exited(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of a command run to its exit."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime


def _cpu_so_far(pid: int) -> float:
    """CPU seconds (user + system, all threads) a live process has used (/proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _run_start() -> dict[str, tuple[float, float]]:
    """Wall and CPU seconds of a real long-context run until its first line and until its `running` line."""
    with tempfile.TemporaryDirectory(prefix="agentbench-cli-start-") as results:
        started = time.perf_counter()
        process = subprocess.Popen([*RUN, "--results-dir", results], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   text=True)
        assert process.stdout is not None
        seen: dict[str, tuple[float, float]] = {}
        output = []
        try:
            for line in process.stdout:
                output.append(line)
                mark = (time.perf_counter() - started, _cpu_so_far(process.pid))
                seen.setdefault(RUN_FIRST, mark)
                if line.startswith(READY_PREFIX):
                    seen[RUN_READY] = mark
                    break
        finally:
            process.kill()
            process.wait()
        if RUN_READY not in seen:
            raise SystemExit(f"the run ended before its `running` line:\n{''.join(output)[-2000:]}")
        return seen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    names = [*COMMANDS, RUN_FIRST, RUN_READY]
    times: dict[str, list[float]] = {name: [] for name in names}
    cpu: dict[str, list[float]] = {name: [] for name in names}
    loads = []
    for _ in range(args.repeat):
        loads.append(os.getloadavg()[0])
        measured = {name: _exited(command) for name, command in COMMANDS.items()} | _run_start()
        for name, (wall, seconds) in measured.items():
            times[name].append(wall)
            cpu[name].append(seconds)
    base = statistics.median(times["import inspect_ai"])
    base_cpu = statistics.median(cpu["import inspect_ai"])
    print(f"load average {min(loads):.1f}-{max(loads):.1f}, median of {args.repeat}")
    print("| command | median | x import inspect_ai | CPU (user+sys) | x import inspect_ai |")
    print("| --- | --- | --- | --- | --- |")
    for name in names:
        print(f"| {name} | {statistics.median(times[name]):.2f} s | {statistics.median(times[name]) / base:.2f} "
              f"| {statistics.median(cpu[name]):.2f} s | {statistics.median(cpu[name]) / base_cpu:.2f} |")


if __name__ == "__main__":
    main()
