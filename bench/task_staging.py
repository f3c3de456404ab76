"""What putting a tool-use task's files/ into its sandbox costs: our one archive (`staging.stage`) next to
one `write_file` per file (what Inspect's `Sample.files` does), on live Docker sandboxes, alternated.

    PYTHONPATH=. python bench/task_staging.py [--rounds 3]

Per round, every built-in task with files is staged into one sandbox and written file by file into the
other (the two swap roles each round); printed: total seconds of each way, files, and the ratio.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import anyio

from agentbench.sandbox.docker.environment import AgentbenchDockerSandbox
from agentbench.spec import discover
from agentbench.spec.schema import SandboxSpec
from agentbench.suites.tool_use.staging import stage, task_files


async def _staged(env: AgentbenchDockerSandbox, folders: list[Path]) -> float:
    start = time.perf_counter()
    for folder in folders:
        await stage(env, folder, None)
    return time.perf_counter() - start


async def _file_by_file(env: AgentbenchDockerSandbox, folders: list[Path]) -> float:
    start = time.perf_counter()
    for folder in folders:
        for path, contents in task_files(folder).items():
            await env.write_file(path, contents)
    return time.perf_counter() - start


async def main(rounds: int) -> None:
    counts = {t.path: len(task_files(t.path)) for t in discover().suite("tool_use")}
    folders = [folder for folder, count in counts.items() if count]
    files = sum(counts.values())
    made = [await AgentbenchDockerSandbox.sample_init("bench", SandboxSpec(), {}) for _ in range(2)]
    envs = [m["default"].as_type(AgentbenchDockerSandbox) for m in made]
    try:
        ours, theirs = [], []
        for index in range(rounds):
            first, second = envs if index % 2 == 0 else envs[::-1]
            ours.append(await _staged(first, folders))
            theirs.append(await _file_by_file(second, folders))
            print(f"round {index + 1}: one archive per task {ours[-1]:.2f} s, one write_file per file {theirs[-1]:.2f} s")
    finally:
        for environments in made:
            await AgentbenchDockerSandbox.sample_cleanup("bench", None, environments, False)
    mine, bare = statistics.median(ours), statistics.median(theirs)
    print(f"{len(folders)} tasks, {files} files; medians: one archive per task {mine:.2f} s "
          f"({1000 * mine / len(folders):.0f} ms a task), one write_file per file {bare:.2f} s "
          f"({1000 * bare / files:.0f} ms a file); ratio {mine / bare:.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    anyio.run(main, parser.parse_args().rounds)
