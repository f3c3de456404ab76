"""Run agentbench against a third-party OpenAI-compatible server: `transformers serve` on CPU.

The model is a tiny random-weight Qwen3-MoE built here (bench/tiny_moe.py), so nothing is
downloaded and nothing can be solved. The run must say so: no long-context sample may score
(an echo or a rambling reply is no answer), the 16k sample on the 8k window must be
`context_exceeded` (transformers serve answers it anyway), every request must carry
max_tokens, and the endpoint must not be blamed for the model's failures (exit 0, not 3).

    python bench/third_party_smoke.py [WORK_DIR]      (needs torch and transformers[serving])

Exits non-zero with one line per broken expectation (the run's own output is printed too). `bench/third_party_smoke.sh` installs the
server into a private venv and runs this; CI runs that as its own step with its own time limit.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from tiny_moe import CONTEXT_WINDOW, build  # noqa: E402

STARTUP_TIMEOUT_S = 300.0
RUN_TIMEOUT_S = 900.0
TOKENIZER = "deepseek-v3"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(model_dir: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    """`transformers serve` pinned to the tiny model, on loopback only, offline."""
    binary = shutil.which("transformers", path=str(Path(sys.executable).parent)) or shutil.which("transformers")
    if binary is None:
        sys.exit("smoke: the `transformers` command is not installed (pip install 'transformers[serving]')")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    command = [binary, "serve", str(model_dir), "--host", "127.0.0.1", "--port", str(port), "--device", "cpu"]
    return subprocess.Popen(command, stdout=log.open("wb"), stderr=subprocess.STDOUT, env=env, start_new_session=True)


def wait_healthy(server: subprocess.Popen[bytes], base: str) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"smoke: transformers serve exited with code {server.returncode} while starting")
        try:
            if httpx.get(f"{base}/health", timeout=2.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    sys.exit(f"smoke: transformers serve did not answer /health within {STARTUP_TIMEOUT_S:.0f}s")


def agentbench(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "agentbench", *args]
    print("smoke: $", " ".join(command), flush=True)
    done = subprocess.run(command, capture_output=True, text=True, timeout=RUN_TIMEOUT_S)
    print(done.stdout[-3000:], done.stderr[-3000:], sep="\n", flush=True)
    return done


def check(work: Path) -> list[str]:
    """Serve the tiny model, probe it, run the starter tasks and a long-context grid; the broken expectations."""
    model_dir = build(work / "tiny-qwen3-moe")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(model_dir, port, work / "server.log")
    problems: list[str] = []
    try:
        wait_healthy(server, base)
        endpoint = ["--base-url", f"{base}/v1", "--model", str(model_dir)]
        probe = agentbench("probe", *endpoint, "--tokenizer", TOKENIZER, "--context-window", str(CONTEXT_WINDOW), "--json", "--timeout", "300")
        try:
            report = json.loads(probe.stdout)
        except ValueError:
            problems.append(f"probe printed no JSON report (exit {probe.returncode})")
        else:
            statuses = {c["name"]: c["status"] for c in report["checks"]}
            if statuses.get("reachable") != "pass":
                problems.append(f"probe could not reach transformers serve: {report['checks'][0]}")
            if statuses.get("too_long_prompt") == "pass":
                problems.append("probe passed an over-window prompt that transformers serve answers")
        common = [*endpoint, "--tokenizer", TOKENIZER, "--context-window", str(CONTEXT_WINDOW), "--max-tokens", "64",
                  "--timeout", "300", "--display", "plain", "--results-dir", str(work / "results")]
        starter = agentbench("run", *common)
        if starter.returncode != 0:
            problems.append(f"starter run exited {starter.returncode}: {(starter.stderr.strip().splitlines() or [''])[-1]}")
        grid = agentbench("run", "long_context", "--lengths", "1k,4k,16k", "--depths", "50", "--variants", "niah_single_number", *common)
        if grid.returncode != 0:
            problems.append(f"long-context run exited {grid.returncode}: {(grid.stderr.strip().splitlines() or [''])[-1]}")
        problems += judge(work / "results")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
    return problems


def judge(results: Path) -> list[str]:
    """What the samples tables must say about a random-weight model."""
    tables = [pd.read_parquet(path) for path in sorted(results.glob("*/samples.parquet"))]
    if len(tables) != 2:
        return [f"expected two run folders with samples, found {len(tables)}"]
    frame = pd.concat(tables, ignore_index=True)
    problems = []
    long = frame[frame.suite == "long_context"]
    if long.success.any():
        problems.append(f"a random-weight model scored on long context: {long[long.success][['sample_id', 'reward']].to_dict('records')}")
    over = long[long.context_tokens > CONTEXT_WINDOW]
    if over.empty or (over.failure != "context_exceeded").any():
        problems.append(f"over-window samples not recorded as context_exceeded: {over[['sample_id', 'failure']].to_dict('records')}")
    infra = frame[frame.failure.isin(["endpoint_error", "sandbox_error"])]
    if len(infra):
        problems.append(f"{len(infra)} sample(s) blamed on the infrastructure: {infra.error.dropna().unique()[:3].tolist()}")
    if (frame.output_tokens > 64 * frame.model_calls.clip(lower=1)).any():
        problems.append("a reply used more than the 64 max_tokens sent")
    print(frame[["suite", "task_id", "success", "failure", "output_tokens", "model_calls", "context_tokens"]].to_string(), flush=True)
    return problems


def main() -> None:
    work = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="agentbench-smoke-"))
    work.mkdir(parents=True, exist_ok=True)
    problems = check(work)
    for problem in problems:
        print(f"smoke: FAILED: {problem}", flush=True)
    print(f"smoke: {'OK' if not problems else 'FAILED'} against transformers serve (work dir {work})")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
