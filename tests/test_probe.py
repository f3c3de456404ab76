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


def _probe(faults: str, **kwargs: object) -> ProbeReport:
    with EmbeddedServer(Settings(faults=parse_faults(faults))) as server:
        return probe(server.base_url, MODEL, timeout_s=1.0, **kwargs)  # type: ignore[arg-type]


def _statuses(report: ProbeReport) -> dict[str, str]:
    return {check.name: check.status for check in report.checks}


def test_healthy_endpoint_passes_every_check() -> None:
    report = _probe("")
    assert report.ok and report.context_window == 8192
    assert _statuses(report) == {
        name: "pass"
        for name in ("reachable", "model", "chat", "streaming", "tool_call", "parallel_calls", "tool_round_trip", "reasoning", "long_prompt", "too_long_prompt")
    }


@pytest.mark.parametrize(
    ("faults", "check", "words", "fix"),
    [
        ("rate_limit=1,retry_after_s=7", "chat", "HTTP 429, Retry-After 7s", "concurrency"),
        ("server_error=1", "chat", "server error (HTTP 5", "server's logs"),
        ("drop=1", "streaming", "broke off", "proxies"),
        ("stall=1,stall_s=30", "streaming", "stalled after", "stuck"),
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
        report = probe(server.base_url, "no/such-model", timeout_s=5.0, long_checks=False)
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
        report = probe(server.base_url, MODEL, api_key="wrong-key-0123456789", timeout_s=5.0)
    assert [(c.name, c.status) for c in report.checks] == [("reachable", "fail")]
    assert "key rejected (HTTP 401)" in report.checks[0].detail and "--api-key-env" in report.checks[0].fix
