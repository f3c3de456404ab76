"""How long `agentbench --help` and `agentbench run --help` take to start, next to `import inspect_ai`, in one run.

    PYTHONPATH=. python bench/cli_start.py [--repeat 5]

Each is a fresh interpreter, timed from spawn to exit; the median of `--repeat` alternated runs, wall
time and the child's CPU time (which a shared machine's load changes far less).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time

COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "import inspect_ai": [sys.executable, "-c", "import inspect_ai"],
    "agentbench --help": [sys.executable, "-m", "agentbench", "--help"],
    "agentbench run --help": [sys.executable, "-m", "agentbench", "run", "--help"],
    "import agentbench.run.runner (what `run` loads before work)": [sys.executable, "-c", "import agentbench.run.runner"],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    cpu: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(args.repeat):
        for name, command in COMMANDS.items():
            used = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            times[name].append(time.perf_counter() - started)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[name].append(after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime)
    base = statistics.median(times["import inspect_ai"])
    base_cpu = statistics.median(cpu["import inspect_ai"])
    print(f"load average {os.getloadavg()[0]:.1f}, median of {args.repeat}")
    print("| command | median | x import inspect_ai | CPU (user+sys) | x import inspect_ai |")
    print("| --- | --- | --- | --- | --- |")
    for name, values in times.items():
        print(f"| {name} | {statistics.median(values):.2f} s | {statistics.median(values) / base:.2f} "
              f"| {statistics.median(cpu[name]):.2f} s | {statistics.median(cpu[name]) / base_cpu:.2f} |")


if __name__ == "__main__":
    main()
