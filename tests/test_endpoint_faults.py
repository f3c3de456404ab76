"""A 100-sample run with every fault at a 20% rate loses no sample, succeeds as often as a
fault-free run, and counts every retry and tool-call anomaly.

One embedded server answers both runs; the faulty model asks for its faults in the
X-Agentbench-Faults header. The server counts the faults it applied, and the samples table
must count exactly as many retries and anomalies.
"""

from __future__ import annotations

from pathlib import Path

import inspect_ai
import pandas as pd
import pytest
from inspect_ai.model import GenerateConfig, get_model

import agentbench._registry  # noqa: F401  (registers our model API)
from agentbench.analysis.samples import samples_table
from agentbench.refserver.embedded import EmbeddedServer
from agentbench.refserver.faults import FAULT_RATES, FAULTS_HEADER
from fault_drill import drill_task

SAMPLES = 100
RATE = 0.2
EVERY_FAULT = ",".join(f"{fault}={RATE}" for fault in FAULT_RATES) + ",retry_after_s=0.05,stall_s=60,seed=11"
FAULTY_ARGS: dict[str, object] = {
    "timeout_s": 2.0,  # a stall is noticed after 2s of silence
    "max_attempts": 25,  # with four failing faults at 20% each, 59% of attempts fail
    "retry_wait_s": 0.05,
    "repair_tool_calls": True,
    "send_reasoning": True,
}
RETRIED = ("rate_limit", "server_error", "drop", "stall")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def drill(tmp_path_factory: pytest.TempPathFactory) -> tuple[pd.DataFrame, dict[str, int]]:
    run_dir = tmp_path_factory.mktemp("drill")
    with EmbeddedServer() as server:
        every_sample_at_once = GenerateConfig(max_connections=SAMPLES)
        clean = get_model("agentbench/clean", base_url=server.base_url, served_model="ref/oracle", memoize=False,
                          config=every_sample_at_once, max_connections=SAMPLES)
        faulty = get_model("agentbench/faulty", base_url=server.base_url, served_model="ref/oracle", memoize=False,
                           config=every_sample_at_once, max_connections=SAMPLES, headers={FAULTS_HEADER: EVERY_FAULT}, **FAULTY_ARGS)
        inspect_ai.eval(drill_task(SAMPLES), model=[clean, faulty], log_dir=str(run_dir / "logs"), display="none",
                        max_tasks=2, max_samples=SAMPLES, fail_on_error=False)
        injected = dict(server.app.state.faults.injected)
    return samples_table(Path(run_dir), "drill"), injected


def test_every_fault_was_injected(drill: tuple[pd.DataFrame, dict[str, int]]) -> None:
    _, injected = drill
    assert all(injected.get(fault, 0) >= 5 for fault in FAULT_RATES), injected


def test_no_sample_lost_and_same_success(drill: tuple[pd.DataFrame, dict[str, int]]) -> None:
    frame, _ = drill
    for model in ("clean", "faulty"):
        rows = frame[frame.model == model]
        assert len(rows) == SAMPLES and rows.sample_id.nunique() == SAMPLES
        assert rows.error.isna().all(), list(rows.error.dropna())[:3]
    clean, faulty = (frame[frame.model == m].set_index("sample_id").success.sort_index() for m in ("clean", "faulty"))
    assert clean.sum() == SAMPLES
    assert faulty.equals(clean)


def test_every_retry_counted(drill: tuple[pd.DataFrame, dict[str, int]]) -> None:
    """Each 429, 5xx, drop and stall costs one retry; a loaded machine may add a few timeouts of its own."""
    frame, injected = drill
    retries = frame.groupby("model").retries.sum()
    faults = sum(injected[fault] for fault in RETRIED)
    assert retries["clean"] == 0
    assert faults <= retries["faulty"] <= faults * 1.1


def test_tool_call_anomalies_counted_and_repaired(drill: tuple[pd.DataFrame, dict[str, int]]) -> None:
    frame, injected = drill
    totals = frame.groupby("model")[["tool_call_anomalies", "repaired_tool_calls"]].sum()
    assert totals.loc["clean"].tolist() == [0, 0]
    assert totals.loc["faulty", "tool_call_anomalies"] == injected["bad_tool_json"] + injected["tools_in_content"]
    assert totals.loc["faulty", "repaired_tool_calls"] == injected["tools_in_content"]


def test_latency_recorded_for_every_streamed_sample(drill: tuple[pd.DataFrame, dict[str, int]]) -> None:
    frame, _ = drill
    assert (frame.ttft_s > 0).all() and (frame.tpot_s >= 0).all()
