"""What third-party servers did to runs (issue 13), each reproduced by the reference server's faults.

Every test names the real server whose behaviour it reproduces; README: Fault injection lists them.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
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
from agentbench.refserver.settings import Settings


@pytest.fixture(scope="module")
def server():
    with EmbeddedServer() as running:
        yield running


@pytest.fixture
def dead_port() -> Iterator[int]:
    """A port bound but not listening: connections are refused, and nothing else can take it meanwhile."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]


def _one_sample_run(tmp_path: Path, base_url: str, **args: object) -> pd.DataFrame:
    model = get_model("agentbench/ref/oracle", base_url=base_url, memoize=False, **args)
    task = Task(dataset=[Sample(input="hello", target="ok")], solver=generate(), scorer=includes())
    inspect_ai.eval(task, model=model, log_dir=str(tmp_path / "logs"), display="none", fail_on_error=False)
    return samples_table(tmp_path, "t")


def test_a_stall_kept_open_by_keep_alive_comments_times_out_and_is_retried(tmp_path: Path, server: EmbeddedServer) -> None:
    """A proxy holding the connection with `: keep-alive` comments while nothing comes: bytes arrive, so the read
    timeout never fired and the sample waited out the whole stall (here 600 s a call)."""
    frame = _one_sample_run(tmp_path, server.base_url, timeout_s=2, max_attempts=2, retry_wait_s=0.01,
                            headers={FAULTS_HEADER: "stall=1,stall_s=600,keep_alive_s=0.1"})
    row = frame.iloc[0]
    assert row.failure == "endpoint_error" and row.retries == 1 and "timed out" in row.error.lower(), row.error


def test_a_call_that_finally_fails_counts_its_retries_and_names_the_cause(tmp_path: Path, dead_port: int) -> None:
    """The server was killed mid-run: each retry is counted and the error says `refused` with the errno."""
    frame = _one_sample_run(tmp_path, f"http://127.0.0.1:{dead_port}/v1", max_attempts=3, retry_wait_s=0.01)
    row = frame.iloc[0]
    assert row.failure == "endpoint_error" and row.retries == 2
    assert "refused: [Errno 111]" in row.error and "after 2 retries (refused x2)" in row.error, row.error


def test_a_status_error_names_the_status_and_the_servers_words(tmp_path: Path, server: EmbeddedServer) -> None:
    frame = _one_sample_run(tmp_path, server.base_url, headers={FAULTS_HEADER: "server_error=1"}, max_attempts=2, retry_wait_s=0.01)
    row = frame.iloc[0]
    assert row.retries == 1 and "HTTP 50" in row.error and "injected fault" in row.error, row.error


# --- Echo (transformers serve with random weights), max_tokens, overflow from usage -------------


def _long_context_run(tmp_path: Path, server: EmbeddedServer, faults: str, lengths: str = "1k", **args: object) -> pd.DataFrame:
    from agentbench.suites.long_context.task import long_context

    model = get_model("agentbench/ref/oracle", base_url=server.base_url, memoize=False, headers={FAULTS_HEADER: faults}, **args)
    inspect_ai.eval(long_context(lengths=lengths, depths="50", variants="niah_single_number"), model=model,
                    log_dir=str(tmp_path / "logs"), display="none", fail_on_error=False)
    return samples_table(tmp_path, "t")


def test_an_echoed_prompt_scores_nothing_and_is_named_echo(tmp_path: Path, server: EmbeddedServer) -> None:
    """The needle is inside the echoed haystack: a naive grader scored this 1.0."""
    row = _long_context_run(tmp_path, server, "echo=1").iloc[0]
    assert (row.success, row.reward, row.failure) == (False, 0.0, "echo")


def test_the_honest_oracle_is_not_an_echo(tmp_path: Path, server: EmbeddedServer) -> None:
    row = _long_context_run(tmp_path, server, "").iloc[0]
    assert row.success and pd.isna(row.failure)


def test_a_reply_cut_by_max_tokens_is_recorded_as_such(tmp_path: Path, server: EmbeddedServer) -> None:
    """max_tokens is sent: a cap of 2 cuts the oracle's answer, which is then not graded."""
    row = _long_context_run(tmp_path, server, "", max_tokens=2).iloc[0]
    assert (row.success, row.reward, row.failure) == (False, 0.0, "max_tokens") and row.output_tokens == 2


def test_a_server_ignoring_max_tokens_runs_to_its_own_limit_and_is_recorded(tmp_path: Path, server: EmbeddedServer) -> None:
    """transformers serve stopped every reply at its 1,024-token default, whatever was asked."""
    row = _long_context_run(tmp_path, server, "ignore_max_tokens=1", max_tokens=64).iloc[0]
    assert row.failure == "max_tokens" and row.output_tokens == 1024 and row.reward == 0.0


def test_an_over_window_prompt_the_server_answers_is_context_exceeded(tmp_path: Path) -> None:
    """transformers serve answered a 65k prompt on an 8k window and it was scored; the usage gives it away."""
    with EmbeddedServer(Settings(context_window=2048)) as small:
        frame = _long_context_run(tmp_path / "known", small, "accept_overflow=1", lengths="4k", context_window=2048)
        blind = _long_context_run(tmp_path / "unknown", small, "accept_overflow=1", lengths="4k")
    assert frame.iloc[0].failure == "context_exceeded" and not frame.iloc[0].success
    assert blind.iloc[0].success  # without a known window, nothing can tell: hence --context-window and window discovery


async def test_max_tokens_default_per_suite_task_and_endpoint_with_room_left_in_the_window(server: EmbeddedServer) -> None:
    from inspect_ai.model import ChatMessageUser, GenerateConfig

    from agentbench.endpoints.generation import TASK_MAX_TOKENS
    from agentbench.endpoints.probe_prompts import FILLER
    from inspect_ai.util import store

    def api(**args: object):
        return get_model("agentbench/ref/oracle", base_url=server.base_url, memoize=False, **args).api

    hello = [ChatMessageUser(content="hello")]
    suite = GenerateConfig(max_tokens=4096)
    assert (await api()._request(hello, [], "auto", suite))["max_tokens"] == 4096
    store().set(TASK_MAX_TOKENS, 300)
    try:
        assert (await api()._request(hello, [], "auto", suite))["max_tokens"] == 300
        assert (await api(max_tokens=50, temperature=0.2)._request(hello, [], "auto", suite))["max_tokens"] == 50
    finally:
        store().delete(TASK_MAX_TOKENS)
    request = await api(temperature=0.2, seed=7)._request(hello, [], "auto", GenerateConfig(temperature=1.0))
    assert (request["temperature"], request["seed"], "top_p" in request) == (0.2, 7, False)
    long = [ChatMessageUser(content=FILLER * 300)]  # ~5,100 tokens in an 8,192 window: 4,096 would not fit
    fitted = (await api(context_window=8192)._request(long, [], "auto", suite))["max_tokens"]
    assert 2500 < fitted < 3100


# --- The run command: window, generation settings, infrastructure failures, server's words -------


def _endpoints_file(tmp_path: Path, base_url: str, extra: str = "") -> Path:
    path = tmp_path / "endpoints.yaml"
    path.write_text(f"endpoints:\n  flaky:\n    base_url: {base_url}\n    model: ref/oracle\n    max_attempts: 1\n{extra}", encoding="utf-8")
    return path


def test_a_run_lost_to_the_endpoint_exits_3_in_one_line(tmp_path: Path) -> None:
    """Every sample failed to reach the endpoint: a CI job must not be green."""
    from click.testing import CliRunner

    from agentbench.cli.main import cli
    from agentbench.refserver.faults import parse_faults

    with EmbeddedServer(Settings(faults=parse_faults("server_error=1"))) as failing:
        path = _endpoints_file(tmp_path, failing.base_url)
        args = ["run", "long_context", "--lengths", "1k", "--depths", "0,100", "--variants", "niah_single_number",
                "--endpoint", "flaky", "--endpoints-file", str(path), "--display", "none"]
        lost = CliRunner().invoke(cli, [*args, "--results-dir", str(tmp_path / "a")])
        tolerated = CliRunner().invoke(cli, [*args, "--results-dir", str(tmp_path / "b"), "--max-infra-failures", "1"])
    assert lost.exit_code == 3, lost.output
    [line] = [line for line in lost.output.splitlines() if line.startswith("error:")]
    assert "2 of 2 samples (100%) ended in endpoint or sandbox errors" in line and "exit 3" in line
    assert tolerated.exit_code == 0, tolerated.output


def test_run_json_records_generation_and_where_the_window_came_from(tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from agentbench.cli.main import cli
    from agentbench.refserver.faults import parse_faults

    with EmbeddedServer(Settings(context_window=2048, faults=parse_faults("accept_overflow=1,window_in=none"))) as server:
        result = CliRunner().invoke(cli, [
            "run", "long_context", "--lengths", "4k", "--depths", "50", "--variants", "niah_single_number",
            "--base-url", server.base_url, "--model", "ref/oracle", "--context-window", "2048", "--temperature", "0.3",
            "--timeout", "30", "--results-dir", str(tmp_path), "--display", "none"])
    assert result.exit_code == 0, result.output
    [run_json] = tmp_path.glob("*/run.json")
    [endpoint] = json.loads(run_json.read_text())["endpoints"]
    assert endpoint["context_window"] == {"tokens": 2048, "source": "--context-window"}
    generation = endpoint["generation"]
    assert generation["temperature"] == 0.3 and generation["top_p"] == generation["seed"] == "endpoint default"
    assert generation["max_tokens"]["long_context"] == 4096 and generation["send_reasoning"] is False
    frame = pd.read_parquet(next(tmp_path.glob("*/samples.parquet")))
    assert frame.iloc[0].failure == "context_exceeded"


def test_preflight_shows_a_fastapi_servers_own_words(tmp_path: Path) -> None:
    """transformers serve: 400 {"detail": "Server is pinned to ..."}; we printed only `Error code: 400`."""
    from click.testing import CliRunner

    from agentbench.cli.main import cli
    from agentbench.refserver.faults import parse_faults

    with EmbeddedServer(Settings(faults=parse_faults("detail_errors=1,no_models=1"))) as server:
        result = CliRunner().invoke(cli, ["run", "long_context", "--base-url", server.base_url, "--model", "wrong/model",
                                          "--results-dir", str(tmp_path), "--display", "none"])
    assert result.exit_code == 1
    assert "refused model 'wrong/model': The model `wrong/model` does not exist" in result.output, result.output


@pytest.mark.parametrize(
    ("place", "source"),
    [("models", "/v1/models max_model_len"), ("meta", "/v1/models meta.n_ctx_train"), ("props", "/props n_ctx"),
     ("sglang", "/get_model_info context_length"), ("none", None)],
)
def test_preflight_learns_the_window_wherever_the_server_keeps_it(place: str, source: str | None) -> None:
    """vLLM, llama.cpp (nested `meta`, `/props`), SGLang; transformers serve and llama-cpp-python: nowhere."""
    from agentbench.refserver.faults import parse_faults
    from agentbench.run.endpoints import Endpoint
    from agentbench.run.preflight import preflight

    with EmbeddedServer(Settings(context_window=4096, faults=parse_faults(f"window_in={place}"))) as server:
        window = preflight(Endpoint("ref/oracle", server.base_url), server.base_url)
        configured = preflight(Endpoint("ref/oracle", server.base_url, model_args={"context_window": 1000}), server.base_url)
    assert (window.tokens, window.source) == (4096, source) if source else window is None
    assert (configured.tokens, configured.source) == (1000, "--context-window")


async def test_a_stream_without_usage_is_counted_locally(server: EmbeddedServer) -> None:
    """llama-cpp-python ignores stream_options.include_usage: output tokens are counted with our tokenizer."""
    from agentbench.endpoints.call_metrics import call_metrics_of

    model = get_model("agentbench/ref/null", base_url=server.base_url, memoize=False, headers={FAULTS_HEADER: "no_stream_usage=1,tokens_per_s=200"})
    output = await model.generate("hello")
    metrics = call_metrics_of(output.message.metadata)
    assert metrics is not None and metrics["streamed"] and metrics["output_tokens"] > 5 and metrics["tpot_s"] is not None


def test_a_stream_without_usage_is_counted_not_free(tmp_path: Path, server: EmbeddedServer) -> None:
    """llama-cpp-python ignores stream_options.include_usage: the samples read 0 tokens and cost nothing."""
    reported = _long_context_run(tmp_path / "reported", server, "").iloc[0]
    counted = _long_context_run(tmp_path / "counted", server, "no_stream_usage=1").iloc[0]
    assert counted.success and counted.input_tokens > 500
    assert (counted.input_tokens, counted.output_tokens) == (reported.input_tokens, reported.output_tokens)


def test_a_server_that_never_stops_is_cut_as_a_reply_at_its_length_limit(tmp_path: Path, server: EmbeddedServer) -> None:
    """A stream past max_tokens with no end in sight held its sample (and its memory) forever."""
    row = _long_context_run(tmp_path, server, "ignore_max_tokens=1,server_max_tokens=5000", max_tokens=8).iloc[0]
    assert row.failure == "max_tokens" and row.reward == 0.0
    assert 8 < row.output_tokens <= 4 * 8 + 1024
