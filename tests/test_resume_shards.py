"""`run --resume` and `run --shard I/N` + `merge`: the runs through the real CLI in subprocesses.

Resume: after kill -9 (no completed sample run twice, none lost) and after a 429 storm (the
infrastructure failures retried, never scored as the model's). Shards: merged shards equal the
unsharded run sample for sample, and everything that is not a set of shards of one run is refused.
"""

from __future__ import annotations

import json
import shutil
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from inspect_ai import Task
from inspect_ai.dataset import MemoryDataset, Sample
from inspect_ai.log import read_eval_log_samples

from agentbench.cli.main import cli
from agentbench.run.shards import Shard, assign, parse_shard, shard_tasks
from gate_tasks import completed_samples, wait_for, write_gate_tasks

KEY = ["model", "suite", "task_id", "sample_id", "epoch"]
GRID = ["long_context", "--lengths", "1k", "--depths", "0,50,100", "--variants", "niah_single_number,niah_multikey"]


def _cli(cwd: Path, *args: str, check: int | None = 0) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "agentbench", *args], cwd=cwd, capture_output=True, text=True, timeout=900)
    if check is not None:
        assert done.returncode == check, done.stdout[-2000:] + done.stderr[-2000:]
    return done


def _merge(*args: str, check: int = 0) -> str:
    """`agentbench merge` in this process; its error output."""
    result = CliRunner().invoke(cli, ["merge", *args])
    assert result.exit_code == check, result.output[-2000:]
    return result.stderr


def _only_run(results: Path) -> Path:
    [run_dir] = list(results.iterdir())
    return run_dir


def _uuids(run_dir: Path) -> dict[tuple[str, str, int], str]:
    found = {}
    for log in (run_dir / "logs").glob("*.eval"):
        for sample in read_eval_log_samples(str(log), all_samples_required=False, exclude_fields={"events"}):
            if sample.error is None:
                found[(str(log.name.split("_")[1]), str(sample.id), sample.epoch)] = sample.uuid
    return found


# ---- shards: the split itself -------------------------------------------------------------------

def _task(name: str, turns: list[int]) -> Task:
    return Task(name=name, dataset=MemoryDataset([Sample(id=f"s{i}", input="x", metadata={"max_turns": t})
                                                  for i, t in enumerate(turns)]))


@pytest.mark.parametrize("count", [1, 2, 3, 7])
def test_every_sample_is_in_exactly_one_shard_and_loads_are_balanced(count: int) -> None:
    turns = [3, 50, 7, 7, 20, 1, 12, 40, 8, 8, 30, 2]
    placed = assign([_task("a", turns), _task("b", turns[::-1])], count)
    assert len(placed) == 2 * len(turns) and set(placed.values()) <= set(range(count))
    loads = [0] * count
    for (name, sample_id), shard in placed.items():
        loads[shard] += dict(zip([f"s{i}" for i in range(len(turns))], turns if name == "a" else turns[::-1]))[sample_id]
    assert max(loads) - min(loads) <= max(turns)  # greedy longest-first: within one sample of even
    # Each shard computes the split alone: the same for every caller, whatever the task order given.
    assert assign([_task("b", turns[::-1]), _task("a", turns)], count) == placed
    kept = [s.id for i in range(count) for t in shard_tasks([_task("a", turns), _task("b", turns[::-1])], Shard(i, count))
            for s in t.dataset]
    assert sorted(kept) == sorted([f"s{i}" for i in range(len(turns))] * 2)


@pytest.mark.parametrize("text", ["2/2", "-1/2", "1", "a/b", "0/0", "1/2/3"])
def test_a_bad_shard_is_refused_in_one_line(text: str) -> None:
    with pytest.raises(ValueError, match="shard"):
        parse_shard(text)


def test_more_shards_than_samples_is_refused() -> None:
    with pytest.raises(ValueError, match="no samples"):
        shard_tasks([_task("a", [1])], Shard(1, 2))


# ---- shards: end to end ---------------------------------------------------------------------------

@pytest.mark.slow
def test_merged_shards_are_the_unsharded_run_sample_for_sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two epochs of the oracle and a simulated model (random failures, seeded per sample and epoch). The runs
    are subprocesses; the merges run in this process (they import nothing a run would not)."""
    models = ["--model", "ref/oracle", "--model", "ref/sim-a3b", "--epochs", "2", "--display", "none", "--time-scale", "0.001"]
    grid = ["long_context", "--lengths", "1k,32k", "--depths", "0,100", "--variants", "niah_single_number,niah_multikey"]
    _cli(tmp_path, "run", *grid, *models, "--results-dir", "whole")
    for index in range(2):
        _cli(tmp_path, "run", *grid, *models, "--shard", f"{index}/2", "--results-dir", f"shard{index}")
    shards = [str(_only_run(tmp_path / f"shard{i}").relative_to(tmp_path)) for i in range(2)]
    parts = [pd.read_parquet(tmp_path / s / "samples.parquet") for s in shards]
    assert all(len(p) for p in parts) and not set(map(tuple, parts[0][KEY].values)) & set(map(tuple, parts[1][KEY].values))

    monkeypatch.chdir(tmp_path)
    _merge(*shards, "-o", "merged")
    whole = pd.read_parquet(_only_run(tmp_path / "whole") / "samples.parquet").sort_values(KEY).reset_index(drop=True)
    merged = pd.read_parquet(tmp_path / "merged" / "samples.parquet").sort_values(KEY).reset_index(drop=True)
    columns = [*KEY, "success", "reward", "failure", "output_tokens"]
    pd.testing.assert_frame_equal(whole[columns], merged[columns])
    assert not whole["success"].all(), "the simulated model should fail some samples, or the comparison proves little"
    summary = json.loads((tmp_path / "merged" / "summary.json").read_text())
    assert summary["samples"] == len(whole)
    config = json.loads((tmp_path / "merged" / "run.json").read_text())
    assert config["shard"] is None and sorted(m["shard"] for m in config["merged_from"]) == ["0/2", "1/2"]

    # Attacks: a missing shard, a shard twice, a shard of another run, a folder that is no shard.
    assert "not exactly" in _merge(shards[0], "-o", "m1", check=1)
    assert "not exactly" in _merge(shards[0], shards[0], "-o", "m2", check=1)
    other = tmp_path / "other"
    shutil.copytree(tmp_path / shards[1], other)  # shard 1 of a run with another seed
    config = json.loads((other / "run.json").read_text())
    config["selection"]["seed"] = 1
    (other / "run.json").write_text(json.dumps(config))
    assert "not shards of one run" in _merge(shards[0], "other", "-o", "m3", check=1)
    whole_dir = str(_only_run(tmp_path / "whole").relative_to(tmp_path))
    assert "is not a shard" in _merge(shards[0], whole_dir, "-o", "m4", check=1)
    assert "exists" in _merge(*shards, "-o", "merged", check=1)


# ---- resume ---------------------------------------------------------------------------------------

@pytest.mark.slow
def test_resume_after_kill_9_runs_only_what_did_not_complete(tmp_path: Path) -> None:
    gate = write_gate_tasks(tmp_path)
    run = [sys.executable, "-m", "agentbench", "run", "tool_use", "--tasks-dir", "tasks", "--tags", "gate",
           "--model", "ref/oracle", "--sandbox", "local", "--max-samples", "2"]
    process = subprocess.Popen(run, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: gate.started.exists() and completed_samples(tmp_path / "results") >= 1,
                 "the gate task to start after one sample completed", alive=lambda: process.poll() is None)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=600)
    gate.release.touch()
    run_dir = _only_run(tmp_path / "results")
    before = _uuids(run_dir)
    assert len(before) == 1

    assert "drop --tags" in _cli(tmp_path, "run", "--resume", str(run_dir.relative_to(tmp_path)), "--tags", "x", check=1).stderr
    _cli(tmp_path, "run", "--resume", str(run_dir.relative_to(tmp_path)))
    frame = pd.read_parquet(run_dir / "samples.parquet")
    assert sorted(frame["task_id"]) == ["a-quick", "b-gate"] and frame["success"].all()
    after = _uuids(run_dir)
    assert all(after[key] == uuid for key, uuid in before.items()), "a completed sample was run again"
    assert len(list((run_dir / "logs").glob("*.eval"))) == 1, "the superseded log was left beside the new one"
    assert len(json.loads((run_dir / "run.json").read_text())["resumes"]) == 1

    # Attack: the task changed since the run started: resuming would mix two versions of it.
    (gate.tasks_dir / "tool_use" / "a-quick" / "tests" / "test.sh").write_text("#!/usr/bin/env bash\nexit 0\n")
    refused = _cli(tmp_path, "run", "--resume", str(run_dir.relative_to(tmp_path)), check=1)
    assert "changed since the run started" in refused.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(cwd: Path, port: int, *extra: str) -> subprocess.Popen[bytes]:
    server = subprocess.Popen([sys.executable, "-m", "agentbench", "serve", "--port", str(port), *extra], cwd=cwd,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def answers() -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/models", timeout=5) as reply:
                return reply.status == 200
        except OSError:
            return False

    wait_for(answers, "the reference server to answer", alive=lambda: server.poll() is None)
    return server


@pytest.mark.slow
def test_a_429_storm_is_not_scored_and_resume_retries_it(tmp_path: Path) -> None:
    port = _free_port()
    (tmp_path / "endpoints.yaml").write_text(
        f"endpoints:\n  storm:\n    model: ref/oracle\n    base_url: http://127.0.0.1:{port}/v1\n    max_attempts: 1\n")
    server = _serve(tmp_path, port, "--faults", "rate_limit=1")
    try:
        first = _cli(tmp_path, "run", *GRID, "--endpoint", "storm", "--model", "ref/null", "--display", "none", check=3)
    finally:
        server.terminate()
        server.wait(timeout=60)
    run_dir = _only_run(tmp_path / "results")
    board = {row["model"]: row for row in json.loads((run_dir / "summary.json").read_text())["leaderboard"]}
    assert board["storm"]["infra_failures"] == 6 and board["storm"]["samples"] == 0, first.stdout[-1500:]
    assert board["storm"]["success_rate"] is None  # not 0%: nothing of the model was measured
    assert board["ref/null"]["infra_failures"] == 0 and board["ref/null"]["samples"] == 6
    null_log = [p for p in (run_dir / "logs").glob("*.eval") if "ref/null" in _models_of(p)]
    stamp = [(p, p.stat().st_mtime_ns) for p in null_log]

    server = _serve(tmp_path, port)  # the storm is over
    try:
        _cli(tmp_path, "run", "--resume", str(run_dir.relative_to(tmp_path)))
    finally:
        server.terminate()
        server.wait(timeout=60)
    board = {row["model"]: row for row in json.loads((run_dir / "summary.json").read_text())["leaderboard"]}
    assert (board["storm"]["successes"], board["storm"]["samples"], board["storm"]["infra_failures"]) == (6, 6, 0)
    assert board["ref/null"]["samples"] == 6
    assert all(p.exists() and p.stat().st_mtime_ns == t for p, t in stamp), "a complete, clean log was touched"
    assert len(list((run_dir / "logs").glob("*.eval"))) == 2


def _models_of(log: Path) -> str:
    from inspect_ai.log import read_eval_log

    return read_eval_log(str(log), header_only=True).eval.model


def test_resume_refuses_what_is_not_a_run_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert "nothing to resume" in _cli(tmp_path, "run", "--resume", "empty", check=1).stderr
