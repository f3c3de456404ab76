"""The sandbox backend table: every backend reached through it, failures classified by what raised them."""

from __future__ import annotations

import os
import subprocess
import sys
import traceback as tb
from pathlib import Path

import docker.errors
import httpx
import openai
import pandas as pd
import pytest
from click.testing import CliRunner
from inspect_ai.util import OutputLimitExceededError

from agentbench.analysis.failures import error_category
from agentbench.cli.main import cli
from agentbench.sandbox.backends import BACKEND_NAMES, BackendSettings, exception_types, get_backend, sample_backend
from agentbench.sandbox.errors import SandboxCrashed, SetupFailed
from agentbench.spec import discover
from agentbench.suites.tool_use.task import tool_use
from agentbench.suites.tool_use.samples import task_sample

ROOT = Path(__file__).resolve().parents[1]


def _traceback(raise_it) -> tuple[str, str]:
    """(message, traceback) as Inspect records a sample's error."""
    try:
        raise_it()
    except BaseException as exc:  # noqa: BLE001
        # Inspect's EvalError: message = the exception's repr, traceback = Python's standard text
        return getattr(exc, "message", repr(exc)), "".join(tb.format_exception(exc))
    raise AssertionError("did not raise")


def _crash_from_docker() -> None:
    try:
        raise docker.errors.APIError("409 Conflict: container is not running")
    except docker.errors.APIError as exc:
        raise SandboxCrashed("the sandbox container stopped (exit code 137)", "exited") from exc


def _endpoint_error_mentioning_containers() -> None:
    request = httpx.Request("POST", "http://127.0.0.1/v1/chat/completions")
    response = httpx.Response(400, request=request)
    raise openai.BadRequestError("the docker container sandbox in your prompt is too long", response=response, body=None)


def _grouped_crash() -> None:
    raise ExceptionGroup("unhandled errors in a TaskGroup", [SandboxCrashed("the sandbox container is gone", "gone")])


def _k8s_failure() -> None:
    from k8s_sandbox import K8sError

    raise K8sError("Helm install failed.")


def _failed_setup() -> None:
    raise SetupFailed("setup script setup.sh exited 3: no spool here")


def _output_limit() -> None:
    raise OutputLimitExceededError("100 MiB", truncated_output=None)


@pytest.mark.parametrize(
    ("raiser", "category"),
    [
        (_crash_from_docker, "sandbox_error"),
        (_grouped_crash, "sandbox_error"),
        (_output_limit, "sandbox_error"),
        (_failed_setup, "sandbox_error"),
        (_endpoint_error_mentioning_containers, "endpoint_error"),
        (lambda: (_ for _ in ()).throw(openai.APITimeoutError(httpx.Request("POST", "http://x"))), "endpoint_error"),
    ],
)
def test_failures_are_classified_by_the_exception_types_backends_declare(raiser, category) -> None:
    message, traceback = _traceback(raiser)
    assert error_category(message, traceback) == category


def test_a_model_error_that_talks_about_docker_is_not_a_sandbox_error() -> None:
    """The old rule (the words 'docker', 'container' or 'sandbox' anywhere) called this a sandbox failure."""
    message, traceback = _traceback(_endpoint_error_mentioning_containers)
    assert "docker container sandbox" in message
    assert error_category(message, traceback) == "endpoint_error"


def test_provider_errors_of_the_k8s_backend_are_sandbox_errors() -> None:
    pytest.importorskip("k8s_sandbox")
    message, traceback = _traceback(_k8s_failure)
    assert exception_types(traceback)[-1] == "k8s_sandbox._error.K8sError"
    assert error_category(message, traceback) == "sandbox_error"


def test_a_message_without_traceback_is_classified_by_its_exception_name() -> None:
    assert error_category("SandboxCrashed('the sandbox hit its memory limit')", "") == "sandbox_error"
    assert error_category("SetupFailed('setup script setup.sh exited 3: no spool here')", "") == "sandbox_error"
    assert error_category("RateLimitError('429 Too Many Requests')", "") == "endpoint_error"


def test_unknown_backend_is_one_line_naming_the_known_ones() -> None:
    with pytest.raises(ValueError, match="unknown sandbox backend 'podman'; choose from docker, k8s, local"):
        get_backend("podman")
    with pytest.raises(ValueError, match="choose from"):
        tool_use(sandbox="podman")


def test_cli_choices_come_from_the_table() -> None:
    for args in (["run", "--help"], ["tasks", "validate", "--help"], ["sandbox", "prune", "--help"]):
        out = CliRunner().invoke(cli, args).output
        assert "|".join(BACKEND_NAMES) in out.replace("\n", "").replace(" ", ""), args
    refused = CliRunner().invoke(cli, ["run", "tool_use", "--sandbox", "podman"])
    assert refused.exit_code != 0 and "podman" in refused.output


@pytest.mark.parametrize(("name", "sandbox_type", "user", "on_host"),
                         [("docker", "agentbench_docker", "root", False), ("local", "local", None, True)])
def test_samples_get_their_backends_sandbox_and_verifier_settings(fixture_tasks, name, sandbox_type, user, on_host) -> None:
    task = discover([fixture_tasks]).suite("tool_use")[0]
    sample = task_sample(task, get_backend(name), BackendSettings())
    assert sample.sandbox.type == sandbox_type
    assert sample.metadata["sandbox"] == name
    backend = sample_backend(sample.metadata)
    assert (backend.verifier_user, backend.verifier_on_host) == (user, on_host)
    if name == "docker":
        assert sample.sandbox.config == task.spec.sandbox


def test_generic_path_names_no_backend_and_imports_no_private_sandbox() -> None:
    generic = ["agentbench/run/runner.py", "agentbench/suites/tool_use/samples.py", "agentbench/suites/tool_use/task.py",
               "agentbench/suites/tool_use/verifier.py", "agentbench/analysis/failures.py", "agentbench/cli/tasks.py"]
    for path in generic:
        text = (ROOT / path).read_text()
        assert "inspect_ai.util._sandbox" not in text, path
        assert '"local"' not in text and '"docker"' not in text and "prepare_docker" not in text, path


@pytest.mark.slow
def test_the_local_verifier_folder_is_removed_after_scoring(tmp_path: Path, fixture_tasks: Path) -> None:
    """On `local` the verifier's tests and the agent's answer sit in a host folder: none may outlive the run."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "agentbench", "run", "tool_use", "--tasks-dir", str(fixture_tasks), "--tags", "fixture",
         "--sandbox", "local", "--model", "ref/oracle", "--results-dir", str(tmp_path / "results"), "--display", "none"],
        capture_output=True, text=True, timeout=600, env={**os.environ, "TMPDIR": str(temp)})
    assert done.returncode == 0, done.stderr[-1500:]
    [samples] = (tmp_path / "results").glob("*/samples.parquet")
    assert pd.read_parquet(samples)["success"].tolist() == [True]
    assert not list(temp.glob("agentbench-verifier-*"))
