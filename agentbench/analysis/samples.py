"""Inspect logs -> the samples table (`samples.parquet`), one row per sample and epoch."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from inspect_ai.log import EvalSample, list_eval_logs, read_eval_log, read_eval_log_samples
from inspect_ai.model import ChatMessageAssistant, ModelUsage

from agentbench.analysis.columns import SAMPLE_COLUMNS
from agentbench.analysis.failures import failure_category
from agentbench.endpoints.call_metrics import call_metrics_of
from agentbench.endpoints.openai_api import FAILED_CALL_RETRIES

if TYPE_CHECKING:
    import pandas as pd

_HEAVY_FIELDS = {"events", "attachments", "timelines"}
_log = logging.getLogger(__name__)


def _usage(sample: EvalSample) -> ModelUsage:
    total = ModelUsage()
    for usage in sample.model_usage.values():
        total = total + usage
    return total


def _tool_calls(sample: EvalSample) -> list[str]:
    return [
        call.function
        for m in sample.messages
        if isinstance(m, ChatMessageAssistant)
        for call in (m.tool_calls or [])
        if call.function != "submit"
    ]


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _call_columns(sample: EvalSample) -> dict[str, object]:
    """Latency, retries and tool-call anomalies our model API recorded on each assistant message (and retries of failed calls)."""
    calls = [c for m in sample.messages if isinstance(m, ChatMessageAssistant) if (c := call_metrics_of(m.metadata))]
    return {
        "ttft_s": _mean([c["ttft_s"] for c in calls if c.get("ttft_s") is not None]),
        "tpot_s": _mean([c["tpot_s"] for c in calls if c.get("tpot_s") is not None]),
        "model_s": sum(float(c["e2e_s"]) for c in calls if c.get("e2e_s") is not None),
        "simulated_timing": any(c.get("simulated_timing") for c in calls),
        "retries": sum(int(c.get("retries", 0)) for c in calls) + int(sample.store.get(FAILED_CALL_RETRIES, 0)),
        "tool_call_anomalies": sum(sum((c.get("tool_call_anomalies") or {}).values()) for c in calls),
        "repaired_tool_calls": sum(int(c.get("repaired_tool_calls", 0)) for c in calls),
    }


def reward_and_success(sample: EvalSample) -> tuple[float, bool]:
    """The sample's reward and success; a sample that ended in an error has neither."""
    if not sample.scores or sample.error is not None:
        return 0.0, False
    score = next(iter(sample.scores.values()))
    reward = float(score.value) if isinstance(score.value, (int, float, bool)) else 0.0
    success = bool((score.metadata or {}).get("success", reward == 1.0))
    return reward, success


def sample_row(sample: EvalSample, run_id: str, model: str, log_file: str) -> dict[str, object]:
    """One row of the table; tokens are the sample's totals over all model calls."""
    usage = _usage(sample)
    reward, success = reward_and_success(sample)
    calls = _tool_calls(sample)
    meta = sample.metadata
    cached = usage.input_tokens_cache_read or 0
    return {
        "run_id": run_id,
        "model": model,
        "suite": meta.get("suite", ""),
        "task_id": meta.get("task_id", str(sample.id)),
        "sample_id": str(sample.id),
        "epoch": sample.epoch,
        "success": success,
        "reward": reward,
        "failure": failure_category(sample, success),
        "error": sample.error.message.splitlines()[0][:500] if sample.error else None,
        "category": meta.get("category"),
        "difficulty": meta.get("difficulty"),
        "input_tokens": usage.input_tokens + cached + (usage.input_tokens_cache_write or 0),
        "output_tokens": usage.output_tokens,
        "reasoning_tokens": usage.reasoning_tokens or 0,
        "cached_tokens": cached,
        "model_calls": sum(isinstance(m, ChatMessageAssistant) for m in sample.messages),
        "tool_calls": len(calls),
        "tools_used": ",".join(sorted(set(calls))),
        "wall_s": sample.total_time or 0.0,
        "working_s": sample.working_time or 0.0,
        "cost_usd": float("nan"),
        **_call_columns(sample),
        "length": meta.get("length"),
        "context_tokens": meta.get("context_tokens"),
        "prompt_tokens": _endpoint_prompt_tokens(sample, meta),
        "depth": None if meta.get("depth") is None else round(100 * float(meta["depth"]), 4),
        "log_file": log_file,
    }


def _endpoint_prompt_tokens(sample: EvalSample, meta: dict) -> int | None:
    """A long-context sample's prompt tokens as the endpoint reported them (its one model call)."""
    if meta.get("length") is None or sample.error is not None:
        return None
    outputs = [m for m in sample.messages if isinstance(m, ChatMessageAssistant)]
    if len(outputs) != 1:
        return None
    usage = _usage(sample)
    return usage.input_tokens + (usage.input_tokens_cache_read or 0) + (usage.input_tokens_cache_write or 0)


def _cut_short(sample: EvalSample, status: str) -> bool:
    """A sample Ctrl-C stopped mid-flight: it did not complete, so it is no result."""
    return status == "cancelled" and sample.error is not None and sample.error.message.startswith("CancelledError")


def log_samples(log_path: Path, run_dir: Path, run_id: str) -> Iterator[tuple[dict[str, object], EvalSample]]:
    """Each completed sample of one log with its row, in one pass over the log, even a log cut short by
    Ctrl-C or a crash (its events, attachments and timelines are skipped while parsing)."""
    header = read_eval_log(str(log_path), header_only=True)
    model = header.eval.model.removeprefix("agentbench/")
    relative = log_path.resolve().relative_to(run_dir.resolve()).as_posix()
    for sample in read_eval_log_samples(str(log_path), all_samples_required=False, exclude_fields=_HEAVY_FIELDS):
        if not _cut_short(sample, header.status):
            yield sample_row(sample, run_id, model, relative), sample


def log_rows(log_path: Path, run_dir: Path, run_id: str) -> Iterable[dict[str, object]]:
    """Rows for every completed sample of one log, even a log cut short by Ctrl-C or a crash."""
    return (row for row, _ in log_samples(log_path, run_dir, run_id))


def log_paths(run_dir: Path) -> list[Path]:
    """The Inspect logs of a run folder (under `run_dir/logs`), listed without opening them."""
    return [Path(info.name.removeprefix("file://")) for info in list_eval_logs(str(run_dir / "logs"))]


def warn_unreadable(path: Path, exc: Exception) -> None:
    """The one-line warning for a log that cannot be read; its samples are left out, the others kept."""
    _log.warning("skipped unreadable log %s: %s", path, " ".join(str(exc).split())[:200])


def rows_table(rows: Iterable[dict[str, object]]) -> pd.DataFrame:
    """The samples table of these rows, with the declared dtypes."""
    import pandas as pd

    return pd.DataFrame(list(rows), columns=list(SAMPLE_COLUMNS)).astype(SAMPLE_COLUMNS)


def samples_table(run_dir: Path, run_id: str) -> pd.DataFrame:
    """The samples table of a run folder, from the Inspect logs under `run_dir/logs` (cost left to prices).

    A log that cannot be read (a run killed while writing it) is skipped with a one-line warning,
    so the other logs' samples are kept.
    """
    rows: list[dict[str, object]] = []
    for path in log_paths(run_dir):
        try:
            rows.extend(list(log_rows(path, run_dir, run_id)))
        except Exception as exc:  # a damaged zip or JSON raises many types; none may cost the other logs
            warn_unreadable(path, exc)
    return rows_table(rows)
