"""The long-context suite end to end through the embedded server and our model API."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from agentbench.run.endpoints import Endpoint
from agentbench.run.runner import RunOptions, run
from agentbench.run.selection import Selection


def _run(tmp_path: Path, models: list[str], **grid: str):
    selection = Selection(suites=("long_context",), **grid)
    return run([Endpoint(m) for m in models], selection, RunOptions(results_dir=tmp_path, display="none"), progress=lambda _: None)


@pytest.mark.slow
def test_oracle_solves_and_null_fails_the_whole_default_grid(tmp_path: Path) -> None:
    frame = _run(tmp_path, ["ref/oracle", "ref/null"]).samples
    oracle, null = frame[frame["model"] == "ref/oracle"], frame[frame["model"] == "ref/null"]
    assert len(oracle) == len(null) >= 5 * 5 * 7
    assert bool(oracle["success"].all()) and not bool(null["success"].any())
    assert set(oracle["context_tokens"]) == {1024, 4096, 16384, 65536, 131072}
    assert set(oracle["depth"].round(2)) >= {0.0, 0.25, 0.5, 0.75, 1.0}


@pytest.mark.slow
def test_a_one_million_token_sample_round_trips_through_the_embedded_server(tmp_path: Path) -> None:
    frame = _run(tmp_path, ["ref/oracle"], lengths="1m", depths="50", variants="niah_single_uuid").samples
    row = frame.iloc[0]
    assert row["context_tokens"] == 1_048_576 and bool(row["success"])
    assert row["input_tokens"] > 1_048_576


def test_a_length_the_endpoint_cannot_take_is_context_exceeded_and_the_run_goes_on(tmp_path: Path) -> None:
    frame = _run(tmp_path, ["ref/oracle-8k"], lengths="4k,16k", depths="50", variants="niah_single_number").samples
    by_length = frame.set_index("context_tokens")
    assert bool(by_length.loc[4096, "success"]) and pd.isna(by_length.loc[4096, "failure"])
    assert by_length.loc[16384, "failure"] == "context_exceeded"


@pytest.mark.parametrize("tokenizer", ["qwen3", "deepseek-v3"])
def test_the_embedded_server_counts_with_the_runs_tokenizer(tmp_path: Path, tokenizer: str) -> None:
    frame = _run(tmp_path, ["ref/oracle"], lengths="16k", depths="50", variants="niah_single_word", tokenizer=tokenizer).samples
    row = frame.iloc[0]
    assert row["context_tokens"] == 16384
    assert 0 < row["input_tokens"] - 16384 < 100, "prompt = context + question + chat overhead, in one tokenizer"
