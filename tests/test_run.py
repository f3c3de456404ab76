"""The whole path a user walks: `agentbench run` against the embedded server, results on disk."""

from __future__ import annotations

import json
import shutil
import time
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from inspect_ai.log import read_eval_log

from agentbench.analysis.columns import FAILURE_CATEGORIES, sample_dtypes
from agentbench.cli.main import cli
from agentbench.refserver.embedded import EmbeddedServer
from agentbench.refserver.settings import Settings
from agentbench.run.endpoints import Endpoint
from agentbench.run.runner import LARGE_TASK_BUFFER, SMALL_TASK, RunOptions, log_buffer, run
from agentbench.run.selection import Selection

SAMPLE_DTYPES = sample_dtypes()


def _run(tmp_path: Path, tasks_dir: Path, endpoints: list[Endpoint], **selection: object):
    sel = Selection(suites=("tool_use",), tasks_dirs=(tasks_dir,), tags="fixture", sandbox="local", **selection)
    return run(endpoints, sel, RunOptions(results_dir=tmp_path, display="none"), progress=lambda _: None)


def test_oracle_solves_and_null_fails_with_a_complete_run_folder(tmp_path: Path, fixture_tasks: Path) -> None:
    outcome = _run(tmp_path, fixture_tasks, [Endpoint("ref/oracle"), Endpoint("ref/null")])
    run_dir = outcome.files.run_dir
    frame = pd.read_parquet(run_dir / "samples.parquet")
    assert list(frame.columns) == list(SAMPLE_DTYPES)
    by_model = frame.set_index("model")
    oracle, null = by_model.loc["ref/oracle"], by_model.loc["ref/null"]
    assert bool(oracle["success"]) and oracle["reward"] == 1.0 and pd.isna(oracle["failure"])
    assert oracle["tool_calls"] >= 3 and oracle["tools_used"] == "bash"
    assert oracle["input_tokens"] > 0 and oracle["output_tokens"] > 0 and oracle["cost_usd"] == 0.0
    assert (run_dir / "leaderboard.html").stat().st_size > 1000
    assert not bool(null["success"]) and null["failure"] == "verifier_failed" and null["tool_calls"] == 0
    assert set(frame["failure"].dropna()) <= set(FAILURE_CATEGORIES)
    summary = json.loads((run_dir / "summary.json").read_text())
    rates = {(r["model"], r["suite"]): r["success_rate"] for r in summary["leaderboard"]}
    assert rates == {("ref/oracle", "tool_use"): 1.0, ("ref/null", "tool_use"): 0.0}
    config = json.loads((run_dir / "run.json").read_text())
    assert config["versions"]["inspect-ai"] and [e["model"] for e in config["endpoints"]] == ["ref/oracle", "ref/null"]
    logs = list((run_dir / "logs").glob("*.eval"))
    assert logs and all(read_eval_log(str(log), header_only=True).eval.config.log_buffer == 1 for log in logs)


def test_small_tasks_write_each_sample_larger_ones_ten_at_a_time() -> None:
    """A killed small run loses nothing; a larger one at most nine samples per task (see `runner.log_buffer`)."""
    assert [log_buffer(n) for n in (0, 1, 2, SMALL_TASK - 1)] == [1, 1, 1, 1]
    assert [log_buffer(n) for n in (SMALL_TASK, 711, 100_000)] == [LARGE_TASK_BUFFER] * 3 and LARGE_TASK_BUFFER == 10


def test_context_overflow_is_recorded_and_the_run_continues(tmp_path: Path, fixture_tasks: Path, overflow_tasks: Path) -> None:
    sel = Selection(suites=("tool_use",), tasks_dirs=(fixture_tasks, overflow_tasks), tags="fixture", sandbox="local")
    outcome = run([Endpoint("ref/oracle-8k")], sel, RunOptions(results_dir=tmp_path, display="none"), progress=lambda _: None)
    rows = outcome.samples.set_index("task_id")
    assert rows.loc["flood", "failure"] == "context_exceeded"
    assert bool(rows.loc["make-report", "success"])


def _all_text(run_dir: Path) -> str:
    """Every byte a run folder holds, zip members (Inspect .eval logs) unpacked."""
    chunks = []
    for path in run_dir.rglob("*"):
        if path.is_file():
            chunks.append(path.read_bytes().decode("utf-8", "replace"))
            if zipfile.is_zipfile(path):
                with zipfile.ZipFile(path) as archive:
                    chunks += [archive.read(n).decode("utf-8", "replace") for n in archive.namelist()]
    return "\n".join(chunks)


def test_api_key_never_reaches_the_run_folder(tmp_path: Path, fixture_tasks: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = "sk-agentbench-test-7f3a9c2e11"
    monkeypatch.setenv("AGENTBENCH_TEST_KEY", secret)
    with EmbeddedServer(Settings(api_key=secret, tasks_dirs=(fixture_tasks,))) as server:
        outcome = _run(tmp_path, fixture_tasks, [Endpoint("ref/oracle", server.base_url, "AGENTBENCH_TEST_KEY")])
    assert bool(outcome.samples["success"].all())
    text = _all_text(outcome.files.run_dir)
    assert "AGENTBENCH_TEST_KEY" in text and secret not in text


def _cli_run(tmp_path: Path, tasks_dir: Path, *args: str):
    common = ["run", "tool_use", "--tasks-dir", str(tasks_dir), "--sandbox", "local", "--results-dir", str(tmp_path)]
    return CliRunner().invoke(cli, [*common, *args])


def test_unreachable_endpoint_is_one_line_before_any_sample(tmp_path: Path, fixture_tasks: Path) -> None:
    result = _cli_run(tmp_path, fixture_tasks, "--model", "m", "--base-url", "http://127.0.0.1:9/v1")
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1].startswith("Error: cannot reach endpoint http://127.0.0.1:9/v1")
    assert not list(tmp_path.iterdir())


def test_wrong_model_name_shows_the_endpoints_message(tmp_path: Path, fixture_tasks: Path) -> None:
    with EmbeddedServer(Settings()) as server:
        result = _cli_run(tmp_path, fixture_tasks, "--model", "ref/nope", "--base-url", server.base_url)
    assert result.exit_code == 1
    last = result.output.strip().splitlines()[-1]
    assert "refused model 'ref/nope'" in last and "ref/oracle" in last


def test_a_results_folder_removed_during_the_run_is_one_line(tmp_path: Path, fixture_tasks: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The run's folder deleted while it ran (by the user, a cleanup job): a one-line error naming it, not
    pandas' traceback from writing the table into a folder that is gone."""
    import inspect_ai

    real_eval = inspect_ai.eval

    def eval_then_remove(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        logs = real_eval(*args, **kwargs)
        shutil.rmtree(Path(str(kwargs["log_dir"])).parent)
        return logs

    monkeypatch.setattr(inspect_ai, "eval", eval_then_remove)
    result = _cli_run(tmp_path, fixture_tasks, "--model", "ref/oracle", "--tags", "fixture")
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    last = result.output.strip().splitlines()[-1]
    assert last.startswith("Error: results folder ") and "was removed during the run" in last, last
    assert not list(tmp_path.iterdir())


def test_a_broken_folder_is_reported_and_the_other_tasks_still_run(tmp_path: Path, fixture_tasks: Path) -> None:
    extra = tmp_path / "extra" / "tool_use" / "broken"
    extra.mkdir(parents=True)
    (extra / "task.yaml").write_text("instruction: x\ntools: [bash, telepathy]\n")
    result = _cli_run(tmp_path / "res", fixture_tasks, "--tasks-dir", str(tmp_path / "extra"), "--tags", "fixture")
    assert result.exit_code == 0, result.output
    assert "warning: skipped broken task folder:" in result.output and "broken/task.yaml: tools.1" in result.output
    frame = pd.read_parquet(next((tmp_path / "res").glob("*/samples.parquet")))
    assert set(frame["task_id"]) == {"make-report"} and len(frame) == 4  # one per default model


def test_tasks_list_shows_good_tasks_and_one_line_per_broken_folder(tmp_path: Path, fixture_tasks: Path) -> None:
    broken = tmp_path / "tool_use" / "broken"
    broken.mkdir(parents=True)
    (broken / "task.yaml").write_text("instruction: x\nlimits: {max_turns: nope}\n")
    result = CliRunner().invoke(cli, ["tasks", "list", "--tasks-dir", str(fixture_tasks), "--tasks-dir", str(tmp_path)])
    assert result.exit_code == 0
    assert "tool_use/make-report" in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "broken/task.yaml: limits.max_turns" in errors[0]


def test_malformed_tool_call_json_goes_back_to_the_model_and_is_counted(tmp_path: Path, fixture_tasks: Path) -> None:
    from agentbench.refserver.faults import Faults

    settings = Settings(tasks_dirs=(fixture_tasks,), faults=Faults(bad_tool_json=1.0))
    with EmbeddedServer(settings) as server:
        outcome = _run(tmp_path, fixture_tasks, [Endpoint("ref/oracle", server.base_url)])
    row = outcome.samples.iloc[0]
    assert not bool(row["success"]) and row["failure"] == "tool_call_error"
    assert row["tool_call_anomalies"] >= 1 and row["model_calls"] >= 2


@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGHUP"])
def test_stop_signals_become_ctrl_c_and_handlers_come_back(signal_name: str) -> None:
    import os
    import signal

    from agentbench.run.signals import stop_signals_as_ctrl_c

    signum = getattr(signal, signal_name)
    before = signal.getsignal(signum)
    with pytest.raises(KeyboardInterrupt), stop_signals_as_ctrl_c():
        os.kill(os.getpid(), signum)
        # Python runs signal handlers in the main thread at its next check, which a loaded machine may
        # delay: wait for the interrupt (the event), with a generous limit as a safety net only.
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            time.sleep(0.01)
        pytest.fail(f"{signal_name} did not interrupt")
    assert signal.getsignal(signum) is before
