"""The columns of `samples.parquet`: one row per sample and epoch. README documents each."""

from __future__ import annotations

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

SAMPLE_COLUMNS: dict[str, str] = {
    "run_id": "string",
    "model": "string",
    "suite": "string",
    "task_id": "string",
    "sample_id": "string",
    "epoch": "int64",
    "success": "bool",
    "reward": "float64",
    "failure": "string",
    "error": "string",
    "category": "string",
    "difficulty": "string",
    "input_tokens": "int64",
    "output_tokens": "int64",
    "reasoning_tokens": "int64",
    "cached_tokens": "int64",
    "model_calls": "int64",
    "tool_calls": "int64",
    "tools_used": "string",
    "wall_s": "float64",
    "working_s": "float64",
    "cost_usd": "float64",
    "ttft_s": "float64",
    "tpot_s": "float64",
    "model_s": "float64",
    "simulated_timing": "bool",
    "retries": "int64",
    "tool_call_anomalies": "int64",
    "repaired_tool_calls": "int64",
    "length": "Int64",
    "context_tokens": "Int64",
    "prompt_tokens": "Int64",
    "depth": "float64",
    "log_file": "string",
}
"""Column name -> pandas dtype. `failure` is null on success, else one of FAILURE_CATEGORIES;
`length`/`context_tokens`/`prompt_tokens`/`depth` are set for long-context samples only (`depth`
null for depth-free variants, `prompt_tokens` the endpoint's count for the sample's one call); `tools_used` is a comma-joined
sorted list of tool names called; `log_file` is the Inspect log (relative to the run folder)
holding the sample's transcript, found there by `sample_id` and `epoch`; `ttft_s`/`tpot_s` are
means over the sample's streamed model calls (NaN when none streamed), `model_s` the sum of its
model calls' end-to-end seconds, `retries`,
`tool_call_anomalies` and `repaired_tool_calls` sums over its model calls; `simulated_timing` says
the latency of its calls (and so `model_s`) was planted by a simulated reference model's card, not
measured."""
