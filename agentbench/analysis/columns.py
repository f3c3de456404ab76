"""The columns of `samples.parquet`: one row per sample and epoch.

The core columns below hold for every suite; each suite adds its own (`Suite.columns`, e.g.
long context's `length` and `depth`). `sample_columns()` is the whole schema, in order, from
which the parquet dtypes, README's table (`readme_table`, checked by a test) and the numeric
summaries derive.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from agentbench.analysis.column import Column, SampleFacts, metadata_value

FAILURE_CATEGORIES: tuple[str, ...] = (
    "verifier_failed",
    "context_exceeded",
    "echo",
    "max_tokens",
    "turn_limit",
    "time_limit",
    "token_limit",
    "tool_call_error",
    "endpoint_error",
    "sandbox_error",
)


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _failure(facts: SampleFacts) -> str | None:
    from agentbench.analysis.failures import failure_category

    return failure_category(facts.sample, facts.reward_and_success[1])


def _retries(facts: SampleFacts) -> int:
    from agentbench.endpoints.openai_api import FAILED_CALL_RETRIES

    return sum(int(c.get("retries", 0)) for c in facts.call_metrics) + int(facts.sample.store.get(FAILED_CALL_RETRIES, 0))


def _error(facts: SampleFacts) -> str | None:
    error = facts.sample.error
    return error.message.splitlines()[0][:500] if error else None


CORE_COLUMNS: tuple[Column, ...] = (
    Column("run_id", "string", "the run folder's name", lambda f: f.run_id),
    Column("model", "string", "model name as served (e.g. `ref/oracle`), or the endpoint's name for `--endpoint` runs",
           lambda f: f.model),
    Column("suite", "string", "the suite that made the sample (`agentbench tasks list` lists them)", lambda f: f.metadata.get("suite", "")),
    Column("task_id", "string", "task folder id, or a generated suite's variant (each grid cell is its own `sample_id`)",
           lambda f: f.metadata.get("task_id", str(f.sample.id))),
    Column("sample_id", "string", "Inspect sample id (unique within the suite)", lambda f: str(f.sample.id)),
    Column("epoch", "int64", "1-based epoch", lambda f: f.sample.epoch),
    Column("success", "bool", "verifier passed with reward 1 (tool use); every value found and no extra one (long context)",
           lambda f: f.reward_and_success[1]),
    Column("reward", "float64", "in [0, 1]; partial credit where a task has several checks", lambda f: f.reward_and_success[0]),
    Column("failure", "string", "null on success, else " + ", ".join(f"`{c}`" for c in FAILURE_CATEGORIES)
           + " (`echo`: the reply repeats the prompt; `max_tokens`: the last reply was cut by max_tokens)", _failure),
    Column("error", "string", "null, or the first line of the error for `endpoint_error` / `sandbox_error` (the cause, "
           "the server's words, the retries spent)", _error),
    Column("category", "string", "from task.yaml (null for generated suites)", metadata_value("category")),
    Column("difficulty", "string", "from task.yaml (null for generated suites)", metadata_value("difficulty")),
    Column("input_tokens", "int64", "prompt tokens over all model calls, cached ones included", lambda f: f.input_tokens),
    Column("output_tokens", "int64", "completion tokens over all calls (reasoning included)", lambda f: f.usage.output_tokens),
    Column("reasoning_tokens", "int64", "reasoning tokens, where the endpoint reports them", lambda f: f.usage.reasoning_tokens or 0),
    Column("cached_tokens", "int64", "prompt tokens served from the endpoint's cache", lambda f: f.usage.input_tokens_cache_read or 0),
    Column("model_calls", "int64", "assistant turns", lambda f: f.model_calls),
    Column("tool_calls", "int64", "tool calls made, `submit` excluded", lambda f: len(f.tool_calls)),
    Column("tools_used", "string", "comma-joined sorted names of the tools called", lambda f: ",".join(sorted(set(f.tool_calls)))),
    Column("wall_s", "float64", "sample wall-clock seconds", lambda f: f.sample.total_time or 0.0),
    Column("working_s", "float64", "seconds working (excludes waiting on rate limits and concurrency)",
           lambda f: f.sample.working_time or 0.0),
    Column("cost_usd", "float64", "from the price table; 0 for reference models (simulated ones: their card's price, per token "
           "or per GPU-hour over `model_s`), null for a model without a price", lambda f: float("nan")),
    Column("ttft_s", "float64", "mean time to first token over the sample's streamed model calls (NaN when none streamed)",
           lambda f: _mean([c["ttft_s"] for c in f.call_metrics if c.get("ttft_s") is not None])),
    Column("tpot_s", "float64", "mean time per output token after the first, over the streamed calls with >1 token",
           lambda f: _mean([c["tpot_s"] for c in f.call_metrics if c.get("tpot_s") is not None])),
    Column("model_s", "float64", "sum of the sample's model calls' end-to-end seconds (planted ones for simulated models: "
           "what a $/GPU-hour price is paid for)", lambda f: sum(float(c["e2e_s"]) for c in f.call_metrics if c.get("e2e_s") is not None)),
    Column("simulated_timing", "bool", "its calls' TTFT/TPOT/e2e were planted by a simulated reference model's card "
           "(reported by the server), not measured", lambda f: any(c.get("simulated_timing") for c in f.call_metrics)),
    Column("retries", "int64", "requests retried (429, 5xx, timeouts, refused or reset connections, dropped or stalled "
           "streams) over all model calls, failed ones included", _retries),
    Column("tool_call_anomalies", "int64", "tool calls returned in the wrong place or shape (see Endpoints) over all calls",
           lambda f: sum(sum((c.get("tool_call_anomalies") or {}).values()) for c in f.call_metrics)),
    Column("repaired_tool_calls", "int64", "tool calls parsed out of `content` by `repair_tool_calls`",
           lambda f: sum(int(c.get("repaired_tool_calls", 0)) for c in f.call_metrics)),
    Column("peak_prompt_tokens", "Int64", "the largest prompt the endpoint reported for one of the sample's calls: the "
           "peak context the model carried (null when the endpoint reported none)",
           lambda f: max((c["prompt_tokens"] for c in f.call_metrics if c.get("prompt_tokens") is not None), default=None)),
    Column("log_file", "string", "Inspect log holding the transcript, relative to the run folder (found there by "
           "`sample_id` and `epoch`)", lambda f: f.log_file),
)

_SHOWN_TYPES = {"string": "str", "int64": "int", "Int64": "int or null", "float64": "float", "bool": "bool"}


def merge_columns(core: Sequence[Column], contributed: Iterable[tuple[str, Column]]) -> tuple[Column, ...]:
    """Core columns, then each suite's (`(suite, column)`) in order; a suite may share a column another
    suite declared with the same dtype, but may not redefine a core column or change a dtype."""
    merged = {column.name: column for column in core}
    owners: dict[str, str] = {}
    for suite, column in contributed:
        known = merged.get(column.name)
        if known is None:
            merged[column.name] = column
            owners[column.name] = suite
        elif column.name not in owners or known.dtype != column.dtype:
            raise ValueError(f"suite {suite}: column {column.name!r} clashes with "
                             f"{'a core column' if column.name not in owners else 'suite ' + owners[column.name] + ' (' + known.dtype + ')'}")
    return tuple(merged.values())


def sample_columns() -> tuple[Column, ...]:
    """Every column of the samples table: the core ones, then those of every registered suite."""
    from agentbench.suites.registry import load_suites

    return load_suites().columns(CORE_COLUMNS)


def sample_dtypes(columns: Sequence[Column] | None = None) -> dict[str, str]:
    """Column name -> pandas dtype, in table order."""
    return {column.name: column.dtype for column in (sample_columns() if columns is None else columns)}


def numeric_columns(columns: Sequence[Column] | None = None) -> tuple[str, ...]:
    """The numeric columns: summaries coerce these (absent ones as NaN)."""
    return tuple(column.name for column in (sample_columns() if columns is None else columns) if column.numeric)


def readme_table(columns: Sequence[Column] | None = None) -> str:
    """README's schema table, one row per column."""
    rows = [f"| {c.name} | {_SHOWN_TYPES.get(c.dtype, c.dtype)} | {c.doc} |" for c in (sample_columns() if columns is None else columns)]
    return "\n".join(["| column | type | meaning |", "| --- | --- | --- |", *rows])
