"""The price file: shipped entries, matching, both cost methods, overrides and bad files."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest
import yaml
from report_fixtures import samples_frame

from agentbench.analysis.prices import SHIPPED_PRICES, PriceFileError, apply_prices, load_prices


def test_shipped_prices_cover_well_known_moe_models_with_source_and_date() -> None:
    table = load_prices()
    for model in ("deepseek-chat", "deepseek-ai/DeepSeek-V3", "deepseek-ai/DeepSeek-R1", "moonshotai/Kimi-K2-Instruct",
                  "Qwen/Qwen3-235B-A22B", "openai/gpt-oss-120b", "openai/gpt-oss-20b",
                  "mistralai/Mixtral-8x7B-Instruct-v0.1", "mistralai/Mixtral-8x22B-Instruct-v0.1"):
        entry = table.lookup(model)
        assert entry is not None, model
        assert entry.source and isinstance(entry.read_on, dt.date)
        assert entry.input is not None and entry.output is not None
    raw = yaml.safe_load(SHIPPED_PRICES.read_text(encoding="utf-8"))
    assert all("source" in body and "read_on" in body for body in raw["models"].values())


def test_token_cost_formula() -> None:
    table = load_prices()
    # deepseek-chat: $0.28 input, $0.028 cached input, $0.42 output per million
    # input 12M of which 10M from cache; output 1M of which 0.5M reasoning, billed as output
    cost = table.cost("deepseek-chat", input_tokens=12_000_000, output_tokens=1_000_000, cached_tokens=10_000_000,
                      reasoning_tokens=500_000)
    assert cost == pytest.approx(2 * 0.28 + 10 * 0.028 + 1 * 0.42)


def test_matching_ignores_provider_prefix_and_case() -> None:
    table = load_prices()
    assert table.lookup("openai-api/deepseek/DeepSeek-Chat").name == "deepseek-v3.2"
    assert table.lookup("kimi-k2.5").name == "kimi-k2.5"  # the more specific entry comes first
    assert table.lookup("some/unknown-model") is None


def test_reference_models_are_free_and_priced() -> None:
    table = load_prices()
    for model in ("ref/oracle", "openai-api/ref/null"):
        assert table.has_price(model)
        assert table.cost(model, 10**6, 10**6, 0, 0, 100.0) == 0.0


def test_unknown_model_costs_zero_and_is_flagged() -> None:
    table = load_prices()
    assert table.cost("my-private-model", 10**6, 10**6, 0, 0, 5.0) == 0.0
    assert not table.has_price("my-private-model")


def _write(path: Path, models: dict) -> Path:
    path.write_text(yaml.safe_dump({"models": models}), encoding="utf-8")
    return path


def test_user_file_overrides_and_reasoning_price(tmp_path: Path) -> None:
    user = _write(tmp_path / "prices.yaml", {
        "cheap-deepseek": {"match": ["deepseek-chat"], "input": 1.0, "output": 2.0, "reasoning": 4.0,
                           "source": "my contract", "read_on": "2026-01-01"},
    })
    table = load_prices(user)
    assert table.lookup("deepseek-chat").name == "cheap-deepseek"
    # input 2M of which 1M cached (cached defaults to the input price): 1 + 1;
    # output 1M of which reasoning 0.25M: 0.75 * 2 + 0.25 * 4
    assert table.cost("deepseek-chat", 2_000_000, 1_000_000, 1_000_000, 250_000) == pytest.approx(1 + 1 + 1.5 + 1)
    assert table.lookup("deepseek-reasoner").name == "deepseek-v3.2"  # shipped entries still apply


def test_gpu_hour_cost_bfcl_method(tmp_path: Path) -> None:
    user = _write(tmp_path / "prices.yaml", {
        "my-vllm": {"match": ["local/qwen3-*"], "gpu_hour": 2.5, "gpus": 8, "concurrency": 16,
                    "source": "cloud invoice", "read_on": "2026-11-01"},
    })
    table = load_prices(user)
    # 2.5 $/GPU-h * 8 GPUs * 0.5 h / 16 requests at once
    assert table.cost("local/qwen3-30b-a3b", 10**6, 10**6, 0, 0, wall_s=1800) == pytest.approx(0.625)


def test_a_card_priced_per_gpu_hour_pays_for_its_planted_model_time_exactly(tmp_path: Path) -> None:
    from agentbench.refserver.sim.card import SHIPPED_CARDS

    data = yaml.safe_load((SHIPPED_CARDS / "sim-a37b.yaml").read_text(encoding="utf-8"))
    data.update(name="ref/self-hosted", price={"gpu_hour": 3.0, "gpus": 8, "concurrency": 16})
    (tmp_path / "self-hosted.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    table = load_prices(None, [tmp_path])
    entry = table.lookup("ref/self-hosted")
    assert entry is not None and entry.card and entry.per_gpu_hour
    samples = samples_frame([
        {"model": "ref/self-hosted", "task_id": "a", "model_s": 96.0, "wall_s": 0.5, "simulated_timing": True},
        {"model": "ref/self-hosted", "task_id": "b", "model_s": 96.0, "wall_s": 1800.0, "simulated_timing": False},
    ])
    priced = apply_prices(samples, table)
    # planted: 3 $/GPU-h * 8 GPUs * 96 s / 3600 s/h / 16 requests at once = 0.04 $, whatever the (scaled) wall time;
    # a sample without planted timing pays for its wall time: 3 * 8 * 0.5 h / 16 = 0.75 $
    assert priced["cost_usd"].tolist() == [3.0 * 8 * 96.0 / 3600 / 16, 3.0 * 8 * 1800.0 / 3600 / 16]
    assert priced["cost_usd"].tolist() == pytest.approx([0.04, 0.75], rel=1e-15)


@pytest.mark.parametrize(("models", "message"), [
    ({"x": {"match": ["x"], "input": 1.0, "source": "s", "read_on": "2026-01-01"}}, "models.x: .*either"),
    ({"x": {"match": ["x"], "input": -1.0, "output": 1.0, "source": "s", "read_on": "2026-01-01"}}, "models.x.input"),
    ({"x": {"match": ["x"], "input": 1.0, "output": 1.0, "read_on": "2026-01-01"}}, "models.x.source"),
    ({"x": {"match": ["x"], "input": 1.0, "output": 1.0, "source": "s", "read_on": "soon"}}, "models.x.read_on"),
    ({"x": {"match": ["x"], "input": 1.0, "output": 1.0, "source": "s", "read_on": "2026-01-01", "typo": 1}},
     "models.x.typo"),
    ({"x": "cheap"}, "models.x: expected a mapping"),
])
def test_bad_price_file_gives_one_line_error(tmp_path: Path, models: dict, message: str) -> None:
    path = _write(tmp_path / "bad.yaml", models)
    with pytest.raises(PriceFileError, match=message) as caught:
        load_prices(path)
    assert "\n" not in str(caught.value) and str(path) in str(caught.value)


def test_unreadable_price_files(tmp_path: Path) -> None:
    with pytest.raises(PriceFileError, match="cannot read"):
        load_prices(tmp_path / "missing.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("models: [unclosed\n", encoding="utf-8")
    with pytest.raises(PriceFileError, match="price file: line 2: invalid YAML"):
        load_prices(broken)
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(PriceFileError, match="'models:'"):
        load_prices(empty)


def test_apply_prices_marks_unpriced_models_as_missing() -> None:
    samples = samples_frame([
        {"model": "deepseek-chat", "task_id": "a", "input_tokens": 1_000_000, "output_tokens": 0, "cached_tokens": 0},
        {"model": "ref/oracle", "task_id": "a"},
        {"model": "mystery", "task_id": "a"},
    ])
    priced = apply_prices(samples, load_prices())
    assert priced["cost_usd"].tolist()[:2] == pytest.approx([0.28, 0.0])
    assert math.isnan(priced["cost_usd"].iloc[2])
    assert samples["cost_usd"].tolist() == [0.0, 0.0, 0.0]  # the input is not changed
