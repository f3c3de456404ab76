"""False-alarm rate and power of the regression gate's success test, by sample-level simulation.

Each simulated comparison draws a task set (per-task success probabilities from a Beta
distribution: some tasks nearly always pass, some nearly never, most in between), then a
baseline and a new run of every task x epoch as independent Bernoulli draws. Under "no change"
both runs use the same probabilities; under "drop" the new run's probabilities are scaled so the
mean falls by exactly `--drop` (10 points by default). Each comparison goes through the gate's
own code: `paired.paired_difference` (exact McNemar with one epoch, cluster permutation with
several) and `gate.success_check` (Holm with one row is the identity).

    PYTHONPATH=. python bench/gate_simulation.py [--comparisons 1000] [--tasks 35] [--epochs 3]

Prints, per design, the share of no-change comparisons the test rejected (two-sided) and the
gate failed (a significant drop larger than --max-drop), each with its Monte Carlo standard
error, the power to detect the planted drop, and the power at the design's mean minimum detectable
effect (computed on the no-change comparisons), which should be about 80% if the MDE is honest.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import asdict
from math import sqrt

import numpy as np

from agentbench.analysis.paired import paired_difference
from agentbench.regression.compare import Options
from agentbench.regression.gate import REGRESSED, Thresholds, success_check


def simulate(rng: np.random.Generator, tasks: int, epochs: int, drop: float, beta: tuple[float, float]
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Baseline and new pass/fail outcomes for tasks x epochs, and each outcome's cluster (its task)."""
    rates = rng.beta(*beta, size=tasks)
    new_rates = np.clip(rates - drop * rates / rates.mean(), 0.0, 1.0) if drop else rates
    base = rng.random((tasks, epochs)) < rates[:, None]
    new = rng.random((tasks, epochs)) < new_rates[:, None]
    clusters = np.repeat(np.arange(tasks), epochs)
    return base.ravel(), new.ravel(), clusters


def run_design(tasks: int, epochs: int, comparisons: int, drop: float, seed: int, permutations: int,
               thresholds: Thresholds, options: Options, beta: tuple[float, float]) -> dict[str, float]:
    """Rejection and gate-failure rates over `comparisons` simulated comparisons of one design."""
    rng = np.random.default_rng(seed)
    rejected = failed = 0
    mdes = []
    for index in range(comparisons):
        base, new, clusters = simulate(rng, tasks, epochs, drop, beta)
        result = paired_difference(base, new, clusters.tolist(), alpha=options.alpha, power=options.power,
                                   resamples=200, permutations=permutations, seed=seed + index)
        row = {"model": "sim", "suite": "sim", **asdict(result), "p_adjusted": result.p_value}
        rejected += result.p_value < options.alpha
        failed += success_check(row, thresholds, options).verdict == REGRESSED
        mdes.append(result.mde)
    return {"rejected": rejected / comparisons, "failed": failed / comparisons, "mde": float(np.mean(mdes))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--comparisons", type=int, default=1000)
    parser.add_argument("--tasks", type=int, default=35)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--drop", type=float, default=0.10)
    parser.add_argument("--max-drop", type=float, default=5.0)
    parser.add_argument("--alpha", type=float, default=0.05)
    parser.add_argument("--permutations", type=int, default=2000)
    parser.add_argument("--beta", type=float, nargs=2, default=(1.2, 0.8), help="task success-rate distribution")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    thresholds, options = Thresholds(max_drop=args.max_drop), Options(alpha=args.alpha)
    print(f"{args.comparisons} comparisons per cell, alpha {args.alpha}, max drop {args.max_drop:g} pts, "
          f"task rates ~ Beta{tuple(args.beta)} (mean {args.beta[0] / sum(args.beta):.2f}), seed {args.seed}")
    print("| design | change | test rejects | gate fails | MC s.e. | mean MDE | seconds |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for epochs in sorted({1, args.epochs}):
        drops = [0.0, args.drop]
        for drop in drops:
            start = time.perf_counter()
            rates = run_design(args.tasks, epochs, args.comparisons, drop, args.seed + epochs, args.permutations,
                               thresholds, options, tuple(args.beta))
            error = sqrt(rates["rejected"] * (1 - rates["rejected"]) / args.comparisons)
            change = "none" if drop == 0 else f"-{100 * drop:.1f} pts" + (" (= MDE)" if len(drops) == 3 and
                                                                          drop == drops[2] else "")
            print(f"| {args.tasks} tasks x {epochs} epoch(s) | {change} | {100 * rates['rejected']:.1f}% | "
                  f"{100 * rates['failed']:.1f}% | {100 * error:.1f} pts | {100 * rates['mde']:.1f} pts | "
                  f"{time.perf_counter() - start:.0f} |")
            if drop == 0 and rates["mde"] < 1:
                drops.append(round(rates["mde"], 3))

if __name__ == "__main__":
    main()
