"""Writing an agentic long-context sample into a sandbox: the tree of files vs the same bytes as one file.

Issue 16's target: the tree takes at most 2x writing the same bytes as one file. Each round writes
both ways into one running sandbox (interleaved, removed in between) with the suite's own writer
(`write_files_as`, one tar piped to `tar -x` as the agent user); it also times loading the cached
sample and planning the tree, which run in the harness before the write.

    python bench/agentic_tree_write.py [--length 1m] [--haystack logs] [--rounds 7]
"""

from __future__ import annotations

import argparse
import statistics
import time
from contextlib import closing

import anyio

from agentbench.sandbox.docker.names import AGENT_USER
from agentbench.sandbox.docker.engine import ensure_engine
from agentbench.sandbox.docker.environment import AgentbenchDockerSandbox
from agentbench.sandbox.docker.images import ensure_images
from agentbench.sandbox.root_files import write_files_as
from agentbench.suites.agentic_long_context.task import ROOT, SANDBOX
from agentbench.suites.long_context.generate import build_sample
from agentbench.suites.long_context.grid import parse_length
from agentbench.suites.long_context.spec import LongContextSpec
from agentbench.suites.long_context.tree import tree_files


async def main(length: int, haystack: str, rounds: int) -> None:
    with closing(ensure_engine()) as client:
        ensure_images(client.api, [SANDBOX.image])
    spec = LongContextSpec("niah_single_number", length, 0.5, haystack)
    build_sample(spec)  # generated (or read) once, so the timings below are of the cached path
    started = time.perf_counter()
    sample = build_sample(spec)
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    tree = {f"{ROOT}/{path}": text.encode() for path, text in tree_files(sample).items()}
    plan_s = time.perf_counter() - started
    one = {f"{ROOT}/all.txt": sample.context.encode()}
    environments = await AgentbenchDockerSandbox.sample_init("bench", SANDBOX, {})
    env = environments["default"]
    times: dict[str, list[float]] = {"tree": [], "one file": []}
    try:
        for _ in range(rounds):
            for name, files in (("tree", tree), ("one file", one)):
                started = time.perf_counter()
                await write_files_as(env, files, user=AGENT_USER)
                times[name].append(time.perf_counter() - started)
                cleared = await env.exec(["rm", "-rf", ROOT], user=AGENT_USER)
                assert cleared.success, cleared.stderr
    finally:
        await AgentbenchDockerSandbox.sample_cleanup("bench", SANDBOX, environments, False)
    size = sum(len(v) for v in tree.values())
    print(f"{length} tokens ({haystack}): {len(tree)} files, {size / 1e6:.2f} MB; cached sample load {load_s:.2f} s, "
          f"tree plan {plan_s * 1000:.0f} ms")
    for name, values in times.items():
        print(f"  {name:<8} median {statistics.median(values):.3f} s  min {min(values):.3f} s  max {max(values):.3f} s")
    print(f"  ratio tree / one file (medians): {statistics.median(times['tree']) / statistics.median(times['one file']):.2f}x")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--length", default="1m")
    parser.add_argument("--haystack", default="logs")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    anyio.run(main, parse_length(args.length), args.haystack, args.rounds)
