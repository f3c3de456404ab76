"""agentbench next to a bare `inspect_ai.eval` of the same prompts, through the embedded server, in one run.

    PYTHONPATH=. python bench/harness_overhead.py [--depths 71] [--concurrency 32] [--rounds 1] [--model ref/oracle]
    PYTHONPATH=. python bench/harness_overhead.py --length 1m --depths 8 --variants niah_single_number   # 8 x 1M

The samples: the long-context grid at 1k tokens, every variant, `--depths` depths (10 samples per
depth plus one: 711 by default). agentbench runs them with `agentbench.run.runner.run` (embedded
server, our model API, progress, results, report); the twin gives Inspect the very same prompts and
targets as a MemoryDataset with `generate()` and `includes()`, model `openai/<model>` against its
own embedded server with the same settings. Both run `--concurrency` samples and connections at
once, alternately (each first as often), `--rounds` times, after a one-sample warm-up of each (unless
`--no-warmup`): what a process does once, whichever harness comes first (Inspect's entry points
import the Kubernetes client, IPython; our tokenizer), is then timed in neither. Printed per harness (medians): the whole call (server start
included for both), the `inspect_ai.eval` call alone, the work after it returned (agentbench: samples
table, summary, report), the process's CPU time over the whole call (the embedded server runs in the
process for both: on a shared machine CPU time varies far less than wall time), and the ratios to
bare Inspect.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

import inspect_ai
from inspect_ai import Task
from inspect_ai.dataset import MemoryDataset, Sample
from inspect_ai.scorer import includes
from inspect_ai.solver import generate

from agentbench.refserver.embedded import EmbeddedServer
from agentbench.refserver.settings import Settings
from agentbench.run.endpoints import Endpoint
from agentbench.run.runner import RunOptions, run
from agentbench.run.selection import Selection
from agentbench.suites.long_context.generate import build_sample
from agentbench.suites.long_context.spec import VARIANTS
from agentbench.suites.long_context.task import grid_specs, to_sample


def _selection(depths: int, length: str = "1k", variants: str = ",".join(VARIANTS)) -> Selection:
    return Selection(suites=("long_context",), lengths=length, depths=",".join(str(d) for d in range(depths)),
                     variants=variants, max_length=length)


def _bare_samples(selection: Selection) -> list[Sample]:
    options = selection.options
    specs = grid_specs(options["lengths"], options["depths"], options["variants"], max_length=options["max_length"])
    return [to_sample(build_sample(spec)) for spec in specs]


class _EvalClock:
    """Wraps `inspect_ai.eval` to note when it returned, so the work after it can be told apart."""

    def __init__(self) -> None:
        self.real = inspect_ai.eval
        self.called = 0.0
        self.returned = 0.0
        self.returned_cpu = 0.0

    def __call__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.called = time.perf_counter()
        try:
            return self.real(*args, **kwargs)
        finally:
            self.returned = time.perf_counter()
            self.returned_cpu = time.process_time()


def agentbench_once(selection: Selection, model: str, concurrency: int, folder: Path, clock: _EvalClock) -> dict:
    cpu = time.process_time()
    started = time.perf_counter()
    outcome = run([Endpoint(model)], selection, RunOptions(max_samples=concurrency, display="none", results_dir=folder),
                  progress=lambda message: None)
    ended = time.perf_counter()
    return {"total_s": ended - started, "eval_s": clock.returned - clock.called, "after_eval_s": ended - clock.returned,
            "after_eval_cpu_s": time.process_time() - clock.returned_cpu,
            "cpu_s": time.process_time() - cpu, "samples": len(outcome.samples),
            "success": float(outcome.samples["success"].mean())}


def bare_once(samples: list[Sample], model: str, concurrency: int, folder: Path, clock: _EvalClock) -> dict:
    cpu = time.process_time()
    started = time.perf_counter()  # the server's start counts, as it does in agentbench's run
    with EmbeddedServer(Settings()) as server:
        [log] = inspect_ai.eval(Task(dataset=MemoryDataset(samples), solver=generate(), scorer=includes()),
                                model=f"openai/{model}", model_base_url=server.base_url, log_dir=str(folder),
                                model_args={"responses_api": False},  # Chat Completions, as the server speaks
                                max_samples=concurrency, max_connections=concurrency, display="none")
    ended = time.perf_counter()  # after the server stopped, as in agentbench's run
    cpu = time.process_time() - cpu
    accuracy = log.results.scores[0].metrics["accuracy"].value if log.results else float("nan")
    return {"total_s": ended - started, "eval_s": clock.returned - clock.called, "after_eval_s": ended - clock.returned,
            "after_eval_cpu_s": time.process_time() - clock.returned_cpu, "cpu_s": cpu, "samples": len(log.samples or []), "success": accuracy}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--depths", type=int, default=71, help="Depths per variant (10 samples each, plus one).")
    parser.add_argument("--length", default="1k", help="Context length of every sample (e.g. 1m).")
    parser.add_argument("--variants", default=",".join(VARIANTS), help="Long-context variants (default: all).")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--model", default="ref/oracle")
    parser.add_argument("--no-warmup", dest="warmup", action="store_false",
                        help="Time the first run in the process too (it alone loads Inspect's entry points and caches).")
    args = parser.parse_args()
    os.environ.setdefault("OPENAI_API_KEY", "unused-by-the-embedded-server")
    selection = _selection(args.depths, args.length, args.variants)
    samples = _bare_samples(selection)  # also fills agentbench's sample cache: neither harness generates while timed
    clock = _EvalClock()
    inspect_ai.eval = clock  # the runner calls `inspect_ai.eval` through the module
    results: dict[str, list[dict]] = {"agentbench": [], "bare inspect": []}
    with tempfile.TemporaryDirectory() as tmp:
        if args.warmup:  # one sample each: what a process loads once (Inspect's entry points, imports, caches) is in neither
            one = _selection(1, args.length, args.variants.split(",")[0])
            agentbench_once(one, args.model, 1, Path(tmp) / "ab-warmup", clock)
            bare_once(_bare_samples(one), args.model, 1, Path(tmp) / "bare-warmup", clock)
        for index in range(args.rounds):
            runs = [("agentbench", lambda: agentbench_once(selection, args.model, args.concurrency, Path(tmp) / f"ab{index}", clock)),
                    ("bare inspect", lambda: bare_once(samples, args.model, args.concurrency, Path(tmp) / f"bare{index}", clock))]
            for name, once in runs if index % 2 == 0 else runs[::-1]:  # each goes first as often
                results[name].append(once())
    bare = statistics.median(r["total_s"] for r in results["bare inspect"])
    bare_eval = statistics.median(r["eval_s"] for r in results["bare inspect"])
    print(f"{len(samples)} samples, {args.concurrency} at once, {args.rounds} round(s), "
          f"{'warmed up' if args.warmup else 'cold'}, load {os.getloadavg()[0]:.1f}")
    bare_cpu = statistics.median(r["cpu_s"] for r in results["bare inspect"])
    print("| harness | whole call | x bare | inspect_ai.eval | x bare | after the eval (CPU) | CPU | x bare | samples/s | success |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, rows in results.items():
        total, evaluated, after, after_cpu, cpu = (statistics.median(r[key] for r in rows) for key in
                                                   ("total_s", "eval_s", "after_eval_s", "after_eval_cpu_s", "cpu_s"))
        print(f"| {name} | {total:.1f} s | {total / bare:.2f} | {evaluated:.1f} s | {evaluated / bare_eval:.2f} | {after:.2f} s "
              f"({after_cpu:.2f} s) | {cpu:.1f} s | {cpu / bare_cpu:.2f} | {rows[0]['samples'] / total:.1f} | {rows[0]['success']:.2f} |")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
