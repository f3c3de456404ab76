"""The endpoints file: named endpoints load, bad files fail in one line, and `run --endpoint` runs them side by side."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from inspect_ai.log import read_eval_log

from agentbench.cli.main import cli
from agentbench.endpoints.config import EndpointsFileError, load_endpoints, pick_endpoints
from agentbench.refserver.embedded import EmbeddedServer
from agentbench.refserver.settings import Settings

FIXTURE_TASKS = Path(__file__).parent / "fixtures" / "tasks"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "endpoints.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_named_endpoints_load_with_defaults_and_model_args(tmp_path: Path) -> None:
    path = _write(tmp_path, """
endpoints:
  qwen-vllm:
    base_url: http://gpu:8000/v1
    model: Qwen/Qwen3-30B-A3B
    api_key_env: VLLM_KEY
    context_window: 131072
    concurrency: 8
    send_reasoning: true
    temperature: 0.6
    max_tokens: 8192
    max_attempts: 3
    extra_body: {chat_template_kwargs: {enable_thinking: false}}
  plain:
    base_url: http://other/v1
    model: m
""")
    endpoints = load_endpoints(path)
    assert list(endpoints) == ["qwen-vllm", "plain"]
    assert endpoints["qwen-vllm"].model_args() == {
        "max_connections": 8, "stream": True, "send_reasoning": True, "repair_tool_calls": False, "timeout_s": 600.0,
        "max_attempts": 3, "retry_budget_s": 900.0, "temperature": 0.6, "max_tokens": 8192,
        "chat_template_kwargs": {"enable_thinking": False}, "context_window": 131072,
    }
    assert "top_p" not in endpoints["plain"].model_args() and "temperature" not in endpoints["plain"].model_args()
    assert endpoints["plain"].concurrency == 32 and endpoints["plain"].model_args()["stream"] is True


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("endpoints: {a: {base_url: http://x/v1}}", "endpoints.a.model: Field required"),
        ("endpoints: {a: {base_url: http://x/v1, model: m, concurrency: 0}}", "endpoints.a.concurrency"),
        ("endpoints: {a: {base_url: http://x/v1, model: m, api_key: secret}}", "endpoints.a.api_key: Extra inputs are not permitted"),
        ("endpoints: [", "endpoints file: line "),
        ("endpoints: {a: {base_url: http://x/v1, model: m, temperature: -1}}", "endpoints.a.temperature"),
        ("endpoints: {a: {base_url: http://x/v1, model: m, top_p: 0}}", "endpoints.a.top_p"),
        ("endpoints: {a: {base_url: http://x/v1, model: m, max_tokens: 0}}", "endpoints.a.max_tokens"),
        ("- just a list", "Input should be a valid dictionary"),
    ],
)
def test_bad_files_fail_in_one_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(EndpointsFileError) as raised:
        load_endpoints(_write(tmp_path, text))
    assert message in str(raised.value) and "\n" not in str(raised.value)


def test_missing_file_and_unknown_name(tmp_path: Path) -> None:
    with pytest.raises(EndpointsFileError, match="not found"):
        load_endpoints(tmp_path / "nope.yaml")
    path = _write(tmp_path, "endpoints: {a: {base_url: http://x/v1, model: m}}")
    with pytest.raises(EndpointsFileError, match="no endpoint 'b' in .*; it defines: a"):
        pick_endpoints(path, ("a", "b"))


@pytest.mark.slow
def test_run_named_endpoints_side_by_side(tmp_path: Path) -> None:
    with EmbeddedServer(Settings(tasks_dirs=(FIXTURE_TASKS,))) as server:
        path = _write(tmp_path, f"""
endpoints:
  fast-oracle:
    base_url: {server.base_url}
    model: ref/oracle
    concurrency: 2
  plain-oracle:
    base_url: {server.base_url}
    model: ref/oracle
    stream: false
""")
        result = CliRunner().invoke(cli, [
            "run", "tool_use", "--endpoint", "fast-oracle", "--endpoint", "plain-oracle", "--endpoints-file", str(path),
            "--tasks-dir", str(FIXTURE_TASKS), "--tags", "fixture", "--sandbox", "local",
            "--results-dir", str(tmp_path / "results"), "--display", "none",
        ])
    assert result.exit_code == 0, result.output
    [samples] = (tmp_path / "results").glob("*/samples.parquet")
    frame = pd.read_parquet(samples).set_index("model")
    assert sorted(frame.index) == ["fast-oracle", "plain-oracle"]
    assert frame.success.all(), _why_failed(frame, samples.parent)
    assert frame.loc["fast-oracle", "ttft_s"] > 0 and pd.isna(frame.loc["plain-oracle", "ttft_s"])


def _why_failed(frame: pd.DataFrame, run_dir: Path) -> str:
    """The failed samples' rows, verifier explanations and last messages: enough to tell a load flake from a bug."""
    lines = [frame[["success", "failure", "error", "retries", "wall_s"]].to_string()]
    for log_file in frame.loc[~frame.success, "log_file"]:
        for sample in read_eval_log(str(run_dir / log_file)).samples or ():
            lines += [f"scores: {sample.scores}", *(f"{m.role}: {m.text[:300]!r}" for m in sample.messages[-6:])]
    return "\n".join(lines)


def test_run_unknown_endpoint_is_one_line_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "endpoints: {a: {base_url: http://x/v1, model: m}}")
    result = CliRunner().invoke(cli, ["run", "--endpoint", "zzz", "--endpoints-file", str(path)])
    assert result.exit_code == 1 and result.output.strip().startswith("Error: no endpoint 'zzz'")
