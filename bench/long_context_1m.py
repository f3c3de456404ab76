"""The `--max-length 1m` long-context grid through `agentbench.run.runner.run`: first sample and peak memory.

    PYTHONPATH=. python bench/long_context_1m.py [--max-length 1m] [--lengths L --depths D --variants V]
        [--max-samples N] [--cache DIR] [--model ref/oracle] [--allocator agentbench|default] [--server-apart]

Runs what `agentbench run long_context --max-length 1m --model ref/oracle` runs (embedded server, our
model API, results and report; glibc's mmap threshold fixed as the command fixes it, unless
`--allocator default`) in a fresh child process, with a sample cache of its own (cold: every
prompt is generated during the run) unless `--cache` names one. Printed: seconds from the call to
`run` until the first sample completed (Inspect's `on_sample_end`, as our progress hook sees it; also
in CPU seconds of the process, which other jobs on a shared machine inflate far less) and until the
last did, the whole call, the work after the eval, and peak RSS of the process (VmHWM:
the embedded server is a thread of it), its RSS before the run and when the first sample completed, and
the peak of its live descendants' summed RSS (git, docker; sampled every 20 ms by this parent process,
so the sampling takes no time from the measured one: inside it, it delayed the first sample by 0.3-0.5 s),
and how many full (generation 2) garbage collections ran during the call and their total time. With
`--server-apart` the reference server is a process of its own, as a remote endpoint is: the peak is then the
harness's alone, and the server's is printed beside it.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil


def _peak_rss_mib() -> float:
    return int(re.search(r"VmHWM:\s+(\d+) kB", Path("/proc/self/status").read_text()).group(1)) / 1024  # type: ignore[union-attr]


def _rss_mib() -> float:
    return int(re.search(r"VmRSS:\s+(\d+) kB", Path("/proc/self/status").read_text()).group(1)) / 1024  # type: ignore[union-attr]


class _DescendantsPeak:
    """Samples the summed RSS of a process's descendants (git, docker, ...) every 20 ms, in a thread."""

    def __init__(self, pid: int) -> None:
        self._process = psutil.Process(pid)
        self.peak_mib = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.wait(0.02):
            total = 0
            try:
                descendants = self._process.children(recursive=True)
            except psutil.Error:  # the child has exited
                return
            for process in descendants:
                try:
                    total += process.memory_info().rss
                except psutil.Error:
                    continue
            self.peak_mib = max(self.peak_mib, total / 2**20)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak_mib


def child(max_length: str, model: str, max_samples: int | None, results: Path, grid: dict[str, str], allocator: str,
          base_url: str | None) -> None:
    """Run the grid in this process; print one JSON line of timings and memory."""
    import inspect_ai

    from agentbench.cli.allocator import fix_mmap_threshold
    from agentbench.run import collect
    from agentbench.run.endpoints import Endpoint
    from agentbench.run.runner import RunOptions, run
    from agentbench.run.selection import Selection

    ended: list[float] = []
    at_first: list[float] = []
    real_sample_ended = collect.SampleCollector.sample_ended

    def sample_ended(self, eval_id, sample):  # type: ignore[no-untyped-def]
        ended.append(time.perf_counter())
        if len(ended) == 1:
            at_first.extend([_rss_mib(), time.process_time()])
        real_sample_ended(self, eval_id, sample)

    collect.SampleCollector.sample_ended = sample_ended  # type: ignore[method-assign]
    real_eval = inspect_ai.eval
    eval_returned: list[float] = []

    def timed_eval(*args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            return real_eval(*args, **kwargs)
        finally:
            eval_returned.append(time.perf_counter())

    inspect_ai.eval = timed_eval  # the runner calls `inspect_ai.eval` through the module
    selection = Selection(suites=("long_context",), max_length=max_length, **grid)
    full_collections: list[float] = []
    collecting: list[float] = []

    def on_gc(phase: str, info: dict) -> None:
        if info["generation"] == 2:
            if phase == "start":
                collecting[:] = [time.perf_counter()]
            elif collecting:
                full_collections.append(time.perf_counter() - collecting[0])

    gc.callbacks.append(on_gc)
    if allocator == "agentbench":
        fix_mmap_threshold()  # as `agentbench run` does
    before = _rss_mib()
    started, started_cpu = time.perf_counter(), time.process_time()
    outcome = run([Endpoint(model, base_url=base_url)], selection, RunOptions(max_samples=max_samples, display="none", results_dir=results),
                  progress=lambda message: None)
    finished = time.perf_counter()
    print(json.dumps({
        "samples": len(outcome.samples), "success": float(outcome.samples["success"].mean()),
        "first_sample_s": ended[0] - started, "first_sample_cpu_s": at_first[1] - started_cpu, "last_sample_s": ended[-1] - started, "whole_s": finished - started,
        "after_eval_s": finished - eval_returned[-1],
        "rss_before_run_mib": before, "rss_at_first_sample_mib": at_first[0], "peak_rss_mib": _peak_rss_mib(),
        "full_gc_collections": len(full_collections), "full_gc_s": sum(full_collections),
    }))


class _Server:
    """`agentbench serve` on a free port, in a process of its own; its peak RSS read before it is stopped."""

    def __init__(self, env: dict[str, str]) -> None:
        self._process = subprocess.Popen([sys.executable, "-m", "agentbench", "serve", "--port", "0"], env=env,
                                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        first = self._process.stdout.readline() if self._process.stdout else ""
        found = re.search(r"(http://\S+)", first)
        if found is None:
            self._process.kill()
            sys.exit(f"agentbench serve did not start: {first!r}")
        self.base_url = found.group(1)
        self.peak_rss_mib = 0.0

    def __enter__(self) -> _Server:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._process.poll() is not None:
            sys.exit(f"agentbench serve ended early (exit status {self._process.returncode}): no peak to report")
        status = Path(f"/proc/{self._process.pid}/status").read_text()
        self.peak_rss_mib = int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024  # type: ignore[union-attr]
        self._process.terminate()
        self._process.communicate()


def _grid(args: argparse.Namespace) -> dict[str, str]:
    return {name: value for name in ("lengths", "depths", "variants") if (value := getattr(args, name)) is not None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--max-length", default="1m")
    parser.add_argument("--model", default="ref/oracle")
    parser.add_argument("--max-samples", type=int, default=None, help="samples in flight (default: the run's default)")
    parser.add_argument("--cache", type=Path, default=None, help="sample cache to use (default: a fresh, empty one)")
    parser.add_argument("--lengths", default=None, help="instead of the default ladder (up to --max-length)")
    parser.add_argument("--depths", default=None)
    parser.add_argument("--variants", default=None)
    parser.add_argument("--allocator", choices=("agentbench", "default"), default="agentbench",
                        help="glibc's mmap threshold fixed as `agentbench run` fixes it, or glibc's default (dynamic)")
    parser.add_argument("--server-apart", action="store_true",
                        help="the reference server as its own process (`agentbench serve`), as a remote endpoint is: "
                             "the run's peak is then the harness's alone, the server's printed beside it")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--results", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--base-url", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.max_length, args.model, args.max_samples, args.results, _grid(args), args.allocator, args.base_url)
        return
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
        env = {**os.environ, "AGENTBENCH_CACHE": str(args.cache or Path(tmp) / "cache")}
        command = [sys.executable, __file__, "--child", "--results", str(Path(tmp) / "results"),
                   "--max-length", args.max_length, "--model", args.model, "--allocator", args.allocator]
        server = stack.enter_context(_Server(env)) if args.server_apart else None
        if server is not None:
            command += ["--base-url", server.base_url]
        if args.max_samples is not None:
            command += ["--max-samples", str(args.max_samples)]
        for option, value in _grid(args).items():
            command += [f"--{option}", value]
        load = os.getloadavg()[0]
        with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as done:
            descendants = _DescendantsPeak(done.pid)
            stdout, stderr = done.communicate()
            descendants_peak = descendants.stop()
    if done.returncode != 0:
        sys.exit(stderr[-3000:])
    outcome = {**json.loads(stdout.strip().splitlines()[-1]), "peak_children_rss_mib": descendants_peak}
    if server is not None:
        outcome["server_peak_rss_mib"] = server.peak_rss_mib
    print(f"--max-length {args.max_length} {_grid(args)}, {args.model}, cache {'given' if args.cache else 'cold'}, "
          f"allocator {args.allocator}, server {'apart' if args.server_apart else 'embedded'}, "
          f"load {load:.1f} -> {os.getloadavg()[0]:.1f}")
    print(json.dumps(outcome, indent=1))


if __name__ == "__main__":
    main()
