"""DOCKER_HOST naming another engine: a unix socket, tcp with TLS, ssh:// (a second local dockerd)."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import docker
import pandas as pd
import pytest

from agentbench.sandbox.docker.engine import ensure_engine
from agentbench.sandbox.docker.environment import AgentbenchDockerSandbox
from agentbench.sandbox.errors import EngineUnavailable
from agentbench.sandbox.docker.prepare import prepare_docker
from agentbench.spec.schema import SandboxSpec
from tests.remote_engine import SecondEngine, start_second_engine, stop

pytestmark = [pytest.mark.docker, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[1]
TRANSPORTS = ("unix", "tls", "ssh")


@pytest.fixture(scope="module")
def second_engine(docker_engine: docker.DockerClient, base_image: str) -> Iterator[SecondEngine]:
    bridges_before = _docker0()
    engine = start_second_engine(base_image, docker_engine)
    yield engine
    stop(engine)
    assert _docker0() == bridges_before, "the second engine changed the first engine's docker0 bridge"
    assert docker_engine.ping()


def _docker0() -> str:
    """The host's docker0 as `ip` shows it ('' when it is gone): the first engine's default bridge."""
    shown = subprocess.run(["ip", "-brief", "address", "show", "docker0"], capture_output=True, text=True)
    return shown.stdout.split()[2] if shown.returncode == 0 and len(shown.stdout.split()) > 2 else shown.stdout.strip()


def _env(engine: SecondEngine, transport: str) -> dict[str, str]:
    if transport == "ssh" and engine.ssh_port is None:
        pytest.skip("no /usr/sbin/sshd (tests/setup.sh installs openssh-server)")
    return {"unix": engine.unix_env, "tls": engine.tls_env, "ssh": engine.ssh_env}[transport]()


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_docker_host_reaches_the_named_engine(second_engine: SecondEngine, transport: str, monkeypatch) -> None:
    for key in ("DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH"):
        monkeypatch.delenv(key, raising=False)
    # As on many machines: a CA bundle for requests, which must not replace the engine's own CA.
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt")
    for key, value in _env(second_engine, transport).items():
        monkeypatch.setenv(key, value)
    info = ensure_engine().info()
    assert Path(info["DockerRootDir"]) == second_engine.data_root


@pytest.mark.parametrize("transport", ["unix", "tls"])
async def test_a_sandbox_on_the_named_engine_gets_its_stdin_and_files(second_engine: SecondEngine, transport: str,
                                                                     monkeypatch) -> None:
    """Stdin is sent, then half-closed; over TLS that close once dropped the TLS state, so every reply
    that followed was read as ciphertext (empty output, a run slowed to minutes)."""
    for key in ("DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH"):
        monkeypatch.delenv(key, raising=False)
    for key, value in _env(second_engine, transport).items():
        monkeypatch.setenv(key, value)
    payload = os.urandom(300_000).hex()
    environments = await AgentbenchDockerSandbox.sample_init("remote", SandboxSpec(), {})
    try:
        sandbox = environments["default"]
        assert Path(sandbox.as_type(AgentbenchDockerSandbox)._api.info()["DockerRootDir"]) == second_engine.data_root
        echoed = await sandbox.exec(["sh", "-c", "cat; echo done >&2"], input=payload, timeout=600)
        assert (echoed.returncode, echoed.stdout == payload, echoed.stderr) == (0, True, "done\n")
        await sandbox.write_file("/workspace/big.txt", payload)
        assert await sandbox.read_file("/workspace/big.txt") == payload
    finally:
        await AgentbenchDockerSandbox.sample_cleanup("remote", None, environments, False)
        await AgentbenchDockerSandbox.task_cleanup("remote", None, True)


def test_tls_engine_refuses_a_client_without_our_certificates(second_engine: SecondEngine, monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("DOCKER_HOST", f"tcp://127.0.0.1:{second_engine.tls_port}")
    monkeypatch.delenv("DOCKER_TLS_VERIFY", raising=False)
    monkeypatch.delenv("DOCKER_CERT_PATH", raising=False)
    with pytest.raises(EngineUnavailable):  # plain HTTP to a TLS port
        ensure_engine()
    stranger = tmp_path / "stranger"
    from tests.remote_engine import write_certificates

    _, other_client = write_certificates(stranger)  # certificates of another CA
    monkeypatch.setenv("DOCKER_TLS_VERIFY", "1")
    monkeypatch.setenv("DOCKER_CERT_PATH", str(other_client))
    with pytest.raises(EngineUnavailable):
        ensure_engine()


def test_a_run_over_ssh_says_to_forward_the_socket_instead_of_hanging(monkeypatch) -> None:
    monkeypatch.setenv("DOCKER_HOST", "ssh://root@127.0.0.1:1")
    with pytest.raises(EngineUnavailable, match=r"ssh -nNT -L /tmp/docker.sock:/var/run/docker.sock") as error:
        prepare_docker(["base"], progress=lambda _: None)
    assert "\n" not in str(error.value)


@contextmanager
def _forwarded_socket(engine: SecondEngine) -> Iterator[dict[str, str]]:
    """The README's recipe for an ssh engine: its socket forwarded to a local one by `ssh -L`."""
    env = _env(engine, "ssh")
    local = engine.root / "forwarded.sock"
    tunnel = subprocess.Popen(
        ["ssh", "-nNT", "-p", str(engine.ssh_port), "-L", f"{local}:{engine.socket_path}", "root@127.0.0.1"],
        env={**os.environ, **env}, stdin=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while not local.exists():
            assert tunnel.poll() is None and time.monotonic() < deadline, tunnel.stderr.read() if tunnel.stderr else ""
            time.sleep(0.2)
        yield {"DOCKER_HOST": f"unix://{local}"}
    finally:
        tunnel.terminate()
        tunnel.wait(timeout=60)


@pytest.mark.parametrize("transport", ["tls", "ssh-forward"])
def test_a_run_puts_its_sandboxes_on_the_remote_engine(second_engine: SecondEngine, transport: str, tmp_path,
                                                       fixture_tasks: Path) -> None:
    with contextlib.ExitStack() as stack:
        remote = stack.enter_context(_forwarded_socket(second_engine)) if transport == "ssh-forward" else _env(second_engine, transport)
        _run_on(second_engine, remote, tmp_path, fixture_tasks)


def _run_on(second_engine: SecondEngine, remote: dict[str, str], tmp_path: Path, fixture_tasks: Path) -> None:
    env = {**os.environ, **remote, "PYTHONPATH": str(ROOT), "AGENTBENCH_CACHE": str(tmp_path / "cache")}
    since = int(time.time()) - 1
    done = subprocess.run(
        [sys.executable, "-m", "agentbench", "run", "tool_use", "--tasks-dir", str(fixture_tasks), "--tags", "fixture",
         "--model", "ref/oracle", "--sandbox", "docker", "--results-dir", str(tmp_path / "res"), "--display", "none"],
        env=env, cwd=tmp_path, capture_output=True, text=True, timeout=900,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    run_dir = next((tmp_path / "res").iterdir())
    samples = pd.read_parquet(run_dir / "samples.parquet")
    assert len(samples) == 1 and bool(samples["success"].iloc[0]), samples.to_dict("records")
    run_id = json.loads((run_dir / "run.json").read_text())["run_id"]
    created = second_engine.client().api.events(since=since, until=int(time.time()) + 1, decode=True,
                                                filters={"type": "container", "event": "create",
                                                         "label": f"agentbench.run_id={run_id}"})
    assert [e["Actor"]["Attributes"]["agentbench.sample"] for e in created] == ["make-report"]
