"""The long-context suite end to end through the embedded server and our model API."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from agentbench.run.endpoints import Endpoint
from agentbench.run.runner import RunOptions, run
from agentbench.run.selection import Selection
from agentbench.suites.long_context import VARIANTS, LongContextSpec, build_sample


def _run(tmp_path: Path, models: list[str], **grid: str):
    selection = Selection(suites=("long_context",), **grid)
    return run([Endpoint(m) for m in models], selection, RunOptions(results_dir=tmp_path, display="none"), progress=lambda _: None)


@pytest.mark.slow
def test_oracle_solves_and_null_fails_the_whole_default_grid(tmp_path: Path) -> None:
    frame = _run(tmp_path, ["ref/oracle", "ref/null"]).samples
    oracle, null = frame[frame["model"] == "ref/oracle"], frame[frame["model"] == "ref/null"]
    assert len(oracle) == len(null) >= 5 * 5 * 10
    assert bool(oracle["success"].all()) and not bool(null["success"].any())
    assert set(oracle["length"]) == {1024, 4096, 16384, 65536, 131072}
    assert (oracle["context_tokens"] < oracle["length"]).all() and (oracle["prompt_tokens"] <= oracle["length"] - 128).all()
    assert set(oracle["depth"].dropna().round()) == {0, 25, 50, 75, 100}, "percent, as --depths takes it"
    assert oracle.loc[oracle["depth"].isna(), "task_id"].unique().tolist() == ["common_words"]


@pytest.mark.slow
def test_a_one_million_token_sample_round_trips_through_the_embedded_server(tmp_path: Path) -> None:
    frame = _run(tmp_path, ["ref/oracle"], lengths="1m", depths="50", variants="niah_single_uuid").samples
    row = frame.iloc[0]
    assert row["length"] == 1_048_576 and bool(row["success"])
    assert row["prompt_tokens"] == row["input_tokens"] == 1_048_576 - 128


@pytest.mark.slow
def test_a_128k_sample_fits_a_131072_token_window_with_the_chat_template_applied(tmp_path: Path) -> None:
    frame = _run(tmp_path, ["ref/oracle-128k"], lengths="128k", depths="50", variants="niah_single_number").samples
    row = frame.iloc[0]
    assert bool(row["success"]) and pd.isna(row["failure"])
    assert row["prompt_tokens"] == 131_072 - 128, "the endpoint counts exactly the planned prompt (Qwen3 template)"
    assert row["context_tokens"] < row["prompt_tokens"]


def test_every_variant_at_8k_fits_the_8k_oracle(tmp_path: Path) -> None:
    frame = _run(tmp_path, ["ref/oracle-8k"], lengths="8k", depths="50").samples
    assert len(frame) == len(VARIANTS) and bool(frame["success"].all()), frame[["task_id", "failure"]]
    assert (frame["prompt_tokens"] == 8192 - 128).all()


def test_new_variants_are_solved_by_the_oracle_and_failed_by_null(tmp_path: Path) -> None:
    frame = _run(tmp_path, ["ref/oracle", "ref/null"], lengths="2k", depths="0,50,100", variants="niah_nonliteral,niah_absent,mrcr").samples
    oracle, null = frame[frame["model"] == "ref/oracle"], frame[frame["model"] == "ref/null"]
    assert len(oracle) == len(null) == 9
    assert bool(oracle["success"].all()) and not bool(null["success"].any())
    assert (null["reward"] == 0).all()


def test_a_length_the_endpoint_cannot_take_is_context_exceeded_and_the_run_goes_on(tmp_path: Path) -> None:
    frame = _run(tmp_path, ["ref/oracle-8k"], lengths="4k,16k", depths="50", variants="niah_single_number").samples
    by_length = frame.set_index("length")
    assert bool(by_length.loc[4096, "success"]) and pd.isna(by_length.loc[4096, "failure"])
    assert by_length.loc[16384, "failure"] == "context_exceeded"


@pytest.mark.parametrize("tokenizer", ["qwen3", "deepseek-v3"])
def test_the_embedded_server_counts_with_the_runs_tokenizer(tmp_path: Path, tokenizer: str) -> None:
    frame = _run(tmp_path, ["ref/oracle"], lengths="16k", depths="50", variants="niah_single_word", tokenizer=tokenizer).samples
    row = frame.iloc[0]
    assert row["length"] == 16384 and row["context_tokens"] == build_sample(LongContextSpec("niah_single_word", 16384, 0.5, tokenizer=tokenizer)).context_tokens
    assert row["prompt_tokens"] - row["context_tokens"] < 100, "prompt = context + question + chat overhead, in one tokenizer"
