"""`agentbench probe` passes a healthy endpoint and names each injected misbehaviour as the right failure."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from agentbench.cli.main import cli
from agentbench.endpoints.probe import ProbeReport, probe
from agentbench.refserver.embedded import EmbeddedServer
from agentbench.refserver.faults import parse_faults
from agentbench.refserver.settings import Settings

MODEL = "ref/oracle-8k"
PATIENT_S = 60.0
"""The probe's timeout where a timeout is not what is tested: a loaded machine can take seconds to answer."""
STALL_TIMEOUT_S = 2.0
"""The probe's timeout where a stall is tested: the stall lasts many times longer, so only the stall times out."""


def _probe(faults: str, timeout_s: float = PATIENT_S, **kwargs: object) -> ProbeReport:
    with EmbeddedServer(Settings(faults=parse_faults(faults))) as server:
        return probe(server.base_url, MODEL, timeout_s=timeout_s, **kwargs)  # type: ignore[arg-type]


def _statuses(report: ProbeReport) -> dict[str, str]:
    return {check.name: check.status for check in report.checks}


def test_healthy_endpoint_passes_every_check() -> None:
    report = _probe("")
    assert report.ok and report.context_window == 8192 and report.context_window_source == "/v1/models max_model_len"
    assert _statuses(report) == {
        name: "pass"
        for name in ("reachable", "model", "context_window", "chat", "streaming", "tool_call", "parallel_calls", "tool_round_trip",
                     "reasoning", "tokenizer", "long_prompt", "too_long_prompt")
    }


@pytest.mark.parametrize(
    ("faults", "check", "words", "fix"),
    [
        ("rate_limit=1,retry_after_s=7", "chat", "HTTP 429, Retry-After 7s", "concurrency"),
        ("server_error=1", "chat", "server error (HTTP 5", "server's logs"),
        ("drop=1", "streaming", "broke off", "proxies"),
        ("bad_tool_json=1", "tool_call", "not valid JSON", "tool-call parser"),
        ("tools_in_content=1", "tool_call", "text in `content`", "repair_tool_calls"),
        ("require_reasoning=1", "tool_round_trip", "reasoning", "send_reasoning: true"),
        ("overflow_style=length", "too_long_prompt", "accepted a prompt over", "context_window"),
    ],
    ids=lambda value: value if isinstance(value, str) and "=" in value else "",
)
def test_each_misbehaviour_is_the_right_failure(faults: str, check: str, words: str, fix: str) -> None:
    report = _probe(faults, long_checks=check == "too_long_prompt")
    found = next(c for c in report.checks if c.name == check)
    assert found.status in ("fail", "warn") and words in found.detail and fix in found.fix, found
    assert _statuses(report)["reachable"] == "pass"


def test_a_stalled_stream_is_named() -> None:
    """Only the streaming request stalls (the seed), for 15 times the probe's timeout."""
    seed = _seed_stalling_only_request(2, of=8)
    report = _probe(f"stall=0.5,stall_s={15 * STALL_TIMEOUT_S},seed={seed}", timeout_s=STALL_TIMEOUT_S, long_checks=False)
    found = next(c for c in report.checks if c.name == "streaming")
    assert found.status == "fail" and "stalled after" in found.detail and "stuck" in found.fix, found
    assert _statuses(report)["reachable"] == "pass"


def test_a_stream_kept_open_by_keep_alive_comments_alone_is_named_a_stall() -> None:
    """A proxy holding the connection with `: keep-alive` comments while nothing comes: bytes arrive, so the
    read timeout never fires; the probe waited out the whole stall and passed the check."""
    seed = _seed_stalling_only_request(2, of=8)
    report = _probe(f"stall=0.5,stall_s=600,keep_alive_s=0.1,seed={seed}", timeout_s=STALL_TIMEOUT_S, long_checks=False)
    found = next(c for c in report.checks if c.name == "streaming")
    assert found.status == "fail" and "stalled after" in found.detail and "keep-alive comments only" in found.detail, found
    assert _statuses(report)["tool_call"] == "pass"


@pytest.mark.parametrize("style", ["vllm_old", "vllm_new", "sglang", "llamacpp"])
def test_foreign_overflow_errors_are_recognised(style: str) -> None:
    report = _probe(f"overflow_style={style}")
    assert _statuses(report)["too_long_prompt"] == "pass"


def test_unreachable_endpoint_fails_first_check_and_stops() -> None:
    report = probe("http://127.0.0.1:9/v1", MODEL, timeout_s=1.0)
    assert [(c.name, c.status) for c in report.checks] == [("reachable", "fail")]
    assert "connection failed" in report.checks[0].detail and "/v1" in report.checks[0].fix


def test_unknown_model_fails_naming_the_listed_ones() -> None:
    with EmbeddedServer() as server:
        report = probe(server.base_url, "no/such-model", timeout_s=PATIENT_S, long_checks=False)
    model = next(c for c in report.checks if c.name == "model")
    assert model.status == "fail" and "ref/oracle" in model.fix


def test_cli_json_output_and_exit_code() -> None:
    with EmbeddedServer(Settings(faults=parse_faults("tools_in_content=1"))) as server:
        result = CliRunner().invoke(cli, ["probe", "--base-url", server.base_url, "--model", MODEL, "--json", "--skip-long"])
    assert result.exit_code == 1
    payload = json.loads(result.output)
    assert payload["ok"] is False and payload["context_window"] == 8192
    assert {c["name"]: c["status"] for c in payload["checks"]}["tool_call"] == "fail"


def test_cli_table_for_a_healthy_endpoint() -> None:
    with EmbeddedServer() as server:
        result = CliRunner().invoke(cli, ["probe", "--base-url", server.base_url, "--model", MODEL, "--skip-long"])
    assert result.exit_code == 0, result.output
    assert "tool_round_trip" in result.output and "fail" not in result.output


def test_cli_missing_key_variable_is_one_line() -> None:
    result = CliRunner().invoke(cli, ["probe", "--base-url", "http://127.0.0.1:9/v1", "--model", MODEL, "--api-key-env", "AGENTBENCH_NO_SUCH_VAR"])
    assert result.exit_code == 1 and result.output.strip() == "Error: environment variable AGENTBENCH_NO_SUCH_VAR (the API key) is not set"


def test_rejected_key_fails_reachability_with_the_fix() -> None:
    with EmbeddedServer(Settings(api_key="right-key-0123456789")) as server:
        report = probe(server.base_url, MODEL, api_key="wrong-key-0123456789", timeout_s=PATIENT_S)
    assert [(c.name, c.status) for c in report.checks] == [("reachable", "fail")]
    assert "key rejected (HTTP 401)" in report.checks[0].detail and "--api-key-env" in report.checks[0].fix


# --- What third-party servers did (issue 13), each injected by the reference server -------------


@pytest.mark.parametrize(
    ("faults", "check", "words", "fix"),
    [
        ("echo=1", "chat", "echo: the reply repeats the prompt", "chat template"),  # transformers serve, random weights
        ("ignore_max_tokens=1", "chat", "ignored max_tokens: 1,024 output tokens", "honour max_tokens"),  # transformers serve
        ("accept_overflow=1", "too_long_prompt", "the server counted 8,696 prompt tokens", "context_window"),  # transformers serve, llama-cpp-python
        ("ignore_max_tokens=1,server_max_tokens=8000", "streaming", "the stream ran past max_tokens=256 without finishing",
         "honour max_tokens"),  # 8,000 of 8,192 tokens, as if it never stopped: an endless stream hung the probe
    ],
    ids=["echo", "ignore_max_tokens", "accept_overflow", "never_stops"],
)
def test_real_server_misbehaviour_is_named(faults: str, check: str, words: str, fix: str) -> None:
    report = _probe(faults, long_checks=check == "too_long_prompt")
    found = next(c for c in report.checks if c.name == check)
    assert found.status in ("fail", "warn") and words in found.detail and fix in found.fix, found


@pytest.mark.parametrize(
    ("place", "source"),
    [("meta", "/v1/models meta.n_ctx_train"), ("props", "/props n_ctx"), ("sglang", "/get_model_info context_length")],
)
def test_window_is_learned_wherever_the_server_keeps_it(place: str, source: str) -> None:
    """llama.cpp keeps it under `meta` and in /props, SGLang on /get_model_info."""
    with EmbeddedServer(Settings(context_window=8192, faults=parse_faults(f"window_in={place}"))) as server:
        report = probe(server.base_url, "ref/oracle", timeout_s=PATIENT_S, long_checks=False)
    assert (report.context_window, report.context_window_source) == (8192, source)
    assert _statuses(report)["context_window"] == "pass"


def test_no_window_anywhere_is_a_warning_with_the_fix() -> None:
    """transformers serve and llama-cpp-python report no window, nor does a server without /v1/models."""
    report = _probe("window_in=none,no_models=1", long_checks=False)
    found = {c.name: c for c in report.checks}
    assert report.context_window is None and found["reachable"].status == "warn"
    assert found["context_window"].status == "warn" and "--context-window" in found["context_window"].fix


def test_a_tokenizer_mismatch_is_flagged_with_the_tokenizer_option() -> None:
    """The server counts with Qwen3's tokenizer, the probe with DeepSeek-V3's: lengths would be skewed."""
    report = _probe("", tokenizer="deepseek-v3", long_checks=False)
    found = next(c for c in report.checks if c.name == "tokenizer")
    assert found.status == "warn" and "--tokenizer" in found.fix and "%" in found.detail, found
    assert next(c for c in _probe("", long_checks=False).checks if c.name == "tokenizer").status == "pass"


def test_fastapi_detail_errors_are_shown_and_nothing_passes_without_a_reply() -> None:
    """transformers serve answers a wrong model name with {"detail": ...}; no request succeeds after that."""
    with EmbeddedServer(Settings(faults=parse_faults("detail_errors=1,no_models=1"))) as server:
        report = probe(server.base_url, "wrong/model", timeout_s=PATIENT_S, long_checks=False)
    found = {c.name: c for c in report.checks}
    assert "HTTP 404: The model `wrong/model` does not exist" in found["chat"].detail, found["chat"]
    assert found["reasoning"].status == "skip" and not any(c.status == "pass" for c in report.checks)


def test_dead_port_names_the_errno() -> None:
    report = probe("http://127.0.0.1:9/v1", MODEL, timeout_s=1.0)
    assert "refused: [Errno 111]" in report.checks[0].detail, report.checks[0]


def test_a_single_threaded_server_busy_with_an_abandoned_stream_does_not_fail_later_checks() -> None:
    """llama-cpp-python answers one request at a time and keeps generating for a client that has gone:
    after its timed-out stream the probe waits for the server, says how long, and the next checks pass.
    The seed makes exactly the streaming request stall (for 6 times the probe's timeout)."""
    seed = _seed_stalling_only_request(2, of=8)
    report = _probe(f"single_thread=1,stall=0.5,stall_s={6 * STALL_TIMEOUT_S},seed={seed}", timeout_s=STALL_TIMEOUT_S,
                    long_checks=False)
    statuses = _statuses(report)
    assert statuses["streaming"] == "fail" and statuses["tool_call"] == statuses["parallel_calls"] == "pass", report.checks
    assert "stayed busy" in next(c for c in report.checks if c.name == "streaming").detail


def _seed_stalling_only_request(which: int, of: int) -> int:
    """A fault seed under which, of the first `of` chat requests, only number `which` (1-based) stalls."""
    from agentbench.refserver.faults import FaultInjector

    for seed in range(10_000):
        injector = FaultInjector(parse_faults(f"stall=0.5,seed={seed}"))
        stalls = ["stall" in injector.plan(None).drawn for _ in range(of)]
        if stalls == [i + 1 == which for i in range(of)]:
            return seed
    raise AssertionError("no such seed")
