"""Sandbox lifecycle latency: create + start + first exec + remove, next to bare `docker run`.

Each round runs `concurrency` lifecycles at once for every contender, interleaved so that load
from elsewhere on the machine hits all of them alike. Latency is per lifecycle; the table gives
p50/p95 and the ratio of ours to bare `docker run --rm IMAGE true` measured in the same run.

    python bench/sandbox_lifecycle.py [--rounds 20] [--concurrent-rounds 4] [--image base]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Awaitable, Callable
from contextlib import closing

import anyio

from agentbench.sandbox.docker.engine import ensure_engine
from agentbench.sandbox.docker.environment import AgentbenchDockerSandbox
from agentbench.sandbox.docker.images import ensure_images
from agentbench.spec.schema import SandboxSpec

Lifecycle = Callable[[], Awaitable[None]]


def ours(spec: SandboxSpec) -> Lifecycle:
    async def lifecycle() -> None:
        environments = await AgentbenchDockerSandbox.sample_init("bench", spec, {})
        result = await environments["default"].exec(["true"])
        await AgentbenchDockerSandbox.sample_cleanup("bench", spec, environments, False)
        assert result.success

    return lifecycle


def docker_run(tag: str, *flags: str) -> Lifecycle:
    async def lifecycle() -> None:
        await anyio.run_process(["docker", "run", "--rm", *flags, tag, "true"])

    return lifecycle


async def _timed(lifecycle: Lifecycle, into: list[float]) -> None:
    started = time.perf_counter()
    await lifecycle()
    into.append(time.perf_counter() - started)


async def measure(contenders: dict[str, Lifecycle], concurrency: int, rounds: int) -> dict[str, list[float]]:
    samples: dict[str, list[float]] = {name: [] for name in contenders}
    for name, lifecycle in contenders.items():  # warm-up: image cache, client pools, CLI page cache
        await lifecycle()
    for _ in range(rounds):
        for name, lifecycle in contenders.items():
            async with anyio.create_task_group() as group:
                for _ in range(concurrency):
                    group.start_soon(_timed, lifecycle, samples[name])
    return samples


def _p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def report(concurrency: int, samples: dict[str, list[float]], baseline: str) -> None:
    base50, base95 = _p(samples[baseline], 50), _p(samples[baseline], 95)
    print(f"\nconcurrency {concurrency} ({len(samples[baseline])} lifecycles each)")
    print("| contender | p50 s | p95 s | p50 vs bare | p95 vs bare |")
    print("|---|---|---|---|---|")
    for name, values in samples.items():
        p50, p95 = _p(values, 50), _p(values, 95)
        print(f"| {name} | {p50:.3f} | {p95:.3f} | {p50 / base50:.2f}x | {p95 / base95:.2f}x |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--image", default="base")
    parser.add_argument("--rounds", type=int, default=20, help="rounds at concurrency 1")
    parser.add_argument("--concurrent-rounds", type=int, default=4, help="rounds at concurrency 16")
    args = parser.parse_args()
    with closing(ensure_engine()) as client:
        tag = ensure_images(client.api, [args.image])[args.image]
    baseline = f"docker run --rm {args.image} true"
    contenders = {
        "agentbench_docker": ours(SandboxSpec(image=args.image)),
        baseline: docker_run(tag),
        "docker run --rm --network none": docker_run(tag, "--network", "none"),
    }
    for concurrency, rounds in ((1, args.rounds), (16, args.concurrent_rounds)):
        report(concurrency, anyio.run(measure, contenders, concurrency, rounds), baseline)


if __name__ == "__main__":
    main()
