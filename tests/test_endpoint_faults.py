"""100-sample runs with each fault at a 20% rate lose no sample, succeed as often as a
fault-free run, and count every retry and tool-call anomaly.

One embedded server answers all runs; each model asks for its faults in the
X-Agentbench-Faults header. The server counts the faults it applied, and the samples table
must count as many retries and anomalies.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import inspect_ai
import pandas as pd
import pytest
from inspect_ai.log import read_eval_log_samples
from inspect_ai.model import GenerateConfig, get_model

import agentbench._registry  # noqa: F401  (registers our model API)
from agentbench.analysis.samples import samples_table
from agentbench.endpoints.call_metrics import call_metrics_of
from agentbench.refserver.embedded import EmbeddedServer
from agentbench.refserver.faults import FAULT_RATES, FAULTS_HEADER
from fault_drill import drill_strategy, drill_task

SAMPLES = 100
RATE = 0.2
STALL_TIMEOUT_S = 5.0
RETRIED = ("rate_limit", "server_error", "drop")
NETWORK_RETRIES = 20
"""Connection errors a busy machine may add to a 100-sample run (about 220 calls) on its own."""
NETWORK_CAUSES = ("reset", "connection")
"""How a dropped connection is named in `retry_causes` (see `failure_text.failure_kind`)."""
ANSWER_FAULTS = ("bad_tool_json", "tools_in_content", "require_reasoning")
RUNS: dict[str, tuple[str, dict[str, object]]] = {
    "clean": ("", {}),
    # every fault but stalls at once: with three failing faults at 20% each, half the attempts fail
    "faulty": (
        ",".join(f"{fault}={RATE}" for fault in (*RETRIED, *ANSWER_FAULTS)) + ",retry_after_s=0.05,seed=11",
        {"max_attempts": 25, "retry_wait_s": 0.05, "repair_tool_calls": True, "send_reasoning": True},
    ),
    # a stall is only noticed by a timeout, so it runs apart with a short one
    "stalling": (f"stall={RATE},stall_s=60,seed=12", {"timeout_s": STALL_TIMEOUT_S, "retry_wait_s": 0.05}),
}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def drill(tmp_path_factory: pytest.TempPathFactory) -> tuple[pd.DataFrame, dict[str, int]]:
    run_dir = tmp_path_factory.mktemp("drill")
    every_sample_at_once = GenerateConfig(max_connections=SAMPLES)
    with EmbeddedServer(strategies=[drill_strategy]) as server:
        models = [
            get_model(f"agentbench/{name}", base_url=server.base_url, served_model="ref/oracle", memoize=False,
                      config=every_sample_at_once, max_connections=SAMPLES, headers={FAULTS_HEADER: spec}, **args)
            for name, (spec, args) in RUNS.items()
        ]
        inspect_ai.eval(drill_task(SAMPLES), model=models, log_dir=str(run_dir / "logs"), display="none",
                        max_tasks=len(models), max_samples=SAMPLES, fail_on_error=False)
        injected = dict(server.app.state.faults.injected)
    frame = samples_table(Path(run_dir), "drill")
    frame.attrs["run_dir"] = Path(run_dir)
    return frame, injected


def test_every_fault_was_injected(drill: tuple[pd.DataFrame, dict[str, int]]) -> None:
    _, injected = drill
    assert all(injected.get(fault, 0) >= 5 for fault in FAULT_RATES), injected


def test_no_sample_lost_and_same_success(drill: tuple[pd.DataFrame, dict[str, int]]) -> None:
    frame, _ = drill
    success = {}
    for model in RUNS:
        rows = frame[frame.model == model]
        assert len(rows) == SAMPLES and rows.sample_id.nunique() == SAMPLES
        assert rows.error.isna().all(), list(rows.error.dropna())[:3]
        success[model] = rows.set_index("sample_id").success.sort_index()
    assert success["clean"].sum() == SAMPLES
    assert success["faulty"].equals(success["clean"]) and success["stalling"].equals(success["clean"])


def test_every_retry_counted(drill: tuple[pd.DataFrame, dict[str, int]]) -> None:
    """Each 429, 5xx, drop and stall costs one retry, recorded with its cause.

    A few connection errors are the network's own (a keep-alive connection closed by the server
    just as a request goes out on it), so those are bounded rather than matched.
    """
    frame, injected = drill
    causes = {model: _causes(frame, model) for model in RUNS}
    retries = frame.groupby("model").retries.sum()
    assert {model: sum(c.values()) for model, c in causes.items()} == {model: int(retries[model]) for model in RUNS}
    clean, faulty, stalling = (Counter(causes[model]) for model in RUNS)
    assert set(clean) <= set(NETWORK_CAUSES) and clean.total() <= NETWORK_RETRIES, clean
    assert (faulty["429"], faulty["500"] + faulty["503"]) == (injected["rate_limit"], injected["server_error"]), faulty
    dropped = sum(faulty[cause] for cause in NETWORK_CAUSES)
    assert injected["drop"] <= dropped <= injected["drop"] + NETWORK_RETRIES, faulty
    assert set(faulty) <= {"429", "500", "503", *NETWORK_CAUSES}, faulty
    network = sum(stalling[cause] for cause in NETWORK_CAUSES)
    assert injected["stall"] <= stalling["timeout"] and network <= NETWORK_RETRIES, stalling


def _causes(frame: pd.DataFrame, model: str) -> dict[str, int]:
    """Retries of one run by cause, read back from the log (the table keeps only their number)."""
    causes: Counter[str] = Counter()
    for log_file in frame[frame.model == model].log_file.unique():
        for sample in read_eval_log_samples(str(frame.attrs["run_dir"] / log_file), exclude_fields={"events"}):
            for message in sample.messages:
                causes.update((call_metrics_of(message.metadata) or {}).get("retry_causes", {}))
    return dict(causes)


def test_tool_call_anomalies_counted_and_repaired(drill: tuple[pd.DataFrame, dict[str, int]]) -> None:
    frame, injected = drill
    totals = frame.groupby("model")[["tool_call_anomalies", "repaired_tool_calls"]].sum()
    assert totals.loc["faulty", "tool_call_anomalies"] == injected["bad_tool_json"] + injected["tools_in_content"]
    assert totals.loc["faulty", "repaired_tool_calls"] == injected["tools_in_content"]
    assert (totals.drop("faulty") == 0).all().all()


def test_latency_recorded_for_every_streamed_sample(drill: tuple[pd.DataFrame, dict[str, int]]) -> None:
    frame, _ = drill
    assert (frame.ttft_s > 0).all() and (frame.tpot_s >= 0).all()
