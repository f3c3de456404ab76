"""What third-party servers did to runs (issue 13), each reproduced by the reference server's faults.

Every test names the real server whose behaviour it reproduces; README: Fault injection lists them.
"""

from __future__ import annotations

import socket
from pathlib import Path

import inspect_ai
import pandas as pd
import pytest
from inspect_ai import Task
from inspect_ai.dataset import Sample
from inspect_ai.model import get_model
from inspect_ai.scorer import includes
from inspect_ai.solver import generate

import agentbench._registry  # noqa: F401  (registers our model API)
from agentbench.analysis.samples import samples_table
from agentbench.refserver.embedded import EmbeddedServer
from agentbench.refserver.faults import FAULTS_HEADER


@pytest.fixture(scope="module")
def server():
    with EmbeddedServer() as running:
        yield running


def _dead_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _one_sample_run(tmp_path: Path, base_url: str, **args: object) -> pd.DataFrame:
    model = get_model("agentbench/ref/oracle", base_url=base_url, memoize=False, **args)
    task = Task(dataset=[Sample(input="hello", target="ok")], solver=generate(), scorer=includes())
    inspect_ai.eval(task, model=model, log_dir=str(tmp_path / "logs"), display="none", fail_on_error=False)
    return samples_table(tmp_path, "t")


def test_a_call_that_finally_fails_counts_its_retries_and_names_the_cause(tmp_path: Path) -> None:
    """The server was killed mid-run: each retry is counted and the error says `refused` with the errno."""
    frame = _one_sample_run(tmp_path, f"http://127.0.0.1:{_dead_port()}/v1", max_attempts=3, retry_wait_s=0.01)
    row = frame.iloc[0]
    assert row.failure == "endpoint_error" and row.retries == 2
    assert "refused: [Errno 111]" in row.error and "after 2 retries (refused x2)" in row.error, row.error


def test_a_status_error_names_the_status_and_the_servers_words(tmp_path: Path, server: EmbeddedServer) -> None:
    frame = _one_sample_run(tmp_path, server.base_url, headers={FAULTS_HEADER: "server_error=1"}, max_attempts=2, retry_wait_s=0.01)
    row = frame.iloc[0]
    assert row.retries == 1 and "HTTP 50" in row.error and "injected fault" in row.error, row.error
