"""The embedded server's lifecycle and the `agentbench serve` command."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import httpx
import openai
import pytest
from click.testing import CliRunner

from agentbench.cli.serve import serve
from agentbench.refserver.embedded import EmbeddedServer
from agentbench.refserver.models import NULL_REPLY
from agentbench.refserver.settings import Settings


def _port(base_url: str) -> int:
    return int(base_url.removesuffix("/v1").rsplit(":", 1)[1])


def test_starts_on_a_free_local_port_and_stops_without_leaks() -> None:
    before = set(threading.enumerate())
    server = EmbeddedServer(Settings(port=1))
    with server:
        assert server.base_url.startswith("http://127.0.0.1:") and server.base_url.endswith("/v1")
        port = _port(server.base_url)
        assert httpx.get(server.base_url.removesuffix("/v1") + "/health").status_code == 200
        client = openai.OpenAI(base_url=server.base_url, api_key="unused")
        assert client.chat.completions.create(model="ref/null", messages=[{"role": "user", "content": "hi"}]).choices
    assert set(threading.enumerate()) == before
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=1)
    with pytest.raises(RuntimeError, match="not running"):
        _ = server.base_url


def test_can_run_again_and_side_by_side() -> None:
    first, second = EmbeddedServer(), EmbeddedServer()
    with first, second:
        assert first.base_url != second.base_url
    with first:
        assert httpx.get(first.base_url + "/models").status_code == 200


def test_answers_concurrent_requests() -> None:
    with EmbeddedServer() as server:
        client = openai.OpenAI(base_url=server.base_url, api_key="unused")

        def ask(i: int) -> str:
            reply = client.chat.completions.create(model="ref/null", messages=[{"role": "user", "content": f"request {i}"}])
            return reply.choices[0].message.content or ""

        with ThreadPoolExecutor(16) as pool:
            assert list(pool.map(ask, range(32))) == [NULL_REPLY] * 32


def test_serve_reports_an_unknown_tokenizer_in_one_line() -> None:
    result = CliRunner().invoke(serve, ["--tokenizer", "no-such-tokenizer", "--port", "0"])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: unknown tokenizer 'no-such-tokenizer'; choose one of ")
    assert "qwen3" in lines[0]


def test_serve_reports_a_busy_port_in_one_line() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(serve, ["--port", str(port)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"Error: cannot listen on 127.0.0.1:{port}: Address already in use"]


def test_serve_runs_in_the_foreground_until_ctrl_c() -> None:
    command = [sys.executable, "-c", "from agentbench.cli.serve import serve; serve()", "--port", "0", "--api-key", "k-123"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                          preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL)) as process:
        try:
            banner = [process.stdout.readline() for _ in range(8)]
            base_url = banner[0].split(" at ")[1].strip()
            served = ["ref/oracle", "ref/null", "ref/oracle-8k", "ref/oracle-128k", "ref/sim-a37b", "ref/sim-a3b"]
            assert [line.split()[0] for line in banner[1:7]] == served
            assert all("simulated" in line for line in banner[5:7]) and not any("simulated" in line for line in banner[1:5])
            models = httpx.get(f"{base_url}/models", headers={"Authorization": "Bearer k-123"}, timeout=60).json()
            assert [m["id"] for m in models["data"]] == served
        finally:
            process.send_signal(signal.SIGINT)
        _, errors = process.communicate(timeout=120)
    assert process.returncode == 0
    assert "Application shutdown complete" in errors
    assert "Traceback" not in errors and "Aborted" not in errors
