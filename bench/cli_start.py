"""How long `agentbench --help` and `agentbench run --help` take to start, next to `import inspect_ai`, in one run.

    PYTHONPATH=. python bench/cli_start.py [--repeat 5]

Each is a fresh interpreter, timed from spawn to exit; the median of `--repeat` alternated runs.
"""

from __future__ import annotations

import argparse
import os
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
    for _ in range(args.repeat):
        for name, command in COMMANDS.items():
            started = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            times[name].append(time.perf_counter() - started)
    base = statistics.median(times["import inspect_ai"])
    print(f"load average {os.getloadavg()[0]:.1f}, median of {args.repeat}")
    print("| command | median | x import inspect_ai |")
    print("| --- | --- | --- |")
    for name, values in times.items():
        print(f"| {name} | {statistics.median(values):.2f} s | {statistics.median(values) / base:.2f} |")


if __name__ == "__main__":
    main()
