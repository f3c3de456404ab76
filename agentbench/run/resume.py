"""Continue a run folder: keep what completed, run what is missing, retry infrastructure failures.

Each (suite task, model) pair of the run has at most one Inspect log when the run went through.
A pair whose log finished with every sample free of errors is kept as it is. A pair whose log was
cancelled, crashed (kill -9: Inspect's recovery first) or holds samples that ended in an error
(`endpoint_error`, `sandbox_error`) is handed to `inspect_ai.eval_retry`, which reuses every
clean sample and epoch and runs the rest; the superseded log is then deleted. A pair with no log
runs from scratch. The folder ends as if the run had gone through once.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from inspect_ai import Task
from inspect_ai.log import EvalLog, read_eval_log, read_eval_log_sample_summaries, recover_eval_log
from inspect_ai.model import Model


@dataclass
class ResumePlan:
    """What a resume does per (task, model) pair."""

    kept: list[Path] = field(default_factory=list)
    """Logs complete and clean: nothing to do."""
    retry: list[tuple[Task, Model, Path, list[Path]]] = field(default_factory=list)
    """Pairs continued from a log (the log to continue, and every log of the pair to delete after)."""
    fresh: list[tuple[Task, Model]] = field(default_factory=list)
    """Pairs with no log at all."""


def _log_key(log: EvalLog) -> tuple[str, str, tuple[str, ...]]:
    ids = tuple(sorted(map(str, log.eval.dataset.sample_ids or [])))
    return log.eval.task, log.eval.model, ids


def _task_key(task: Task, model: Model) -> tuple[str, str, tuple[str, ...]]:
    return task.name, str(model), tuple(sorted(str(sample.id) for sample in task.dataset))


def _clean_samples(path: Path) -> int:
    """Samples of a log that ended without an error (a crashed log counts what it flushed)."""
    try:
        return sum(1 for summary in read_eval_log_sample_summaries(str(path)) if summary.error is None)
    except Exception:  # noqa: BLE001  (a damaged log has nothing to reuse)
        return 0


def _complete(path: Path, log: EvalLog, expected: int) -> bool:
    if log.status != "success":
        return False
    summaries = read_eval_log_sample_summaries(str(path))
    return len(summaries) == expected and all(s.error is None for s in summaries)


def plan(run_dir: Path, tasks: Sequence[Task], models: Sequence[Model], epochs: int) -> ResumePlan:
    """Sort every (task, model) pair of the run into kept, retry and fresh by the logs in `run_dir/logs`."""
    by_key: dict[tuple[str, str, tuple[str, ...]], list[tuple[Path, EvalLog]]] = {}
    for path in sorted((run_dir / "logs").glob("*.eval")):
        try:
            header = read_eval_log(str(path), header_only=True)
        except Exception:  # noqa: BLE001  (unreadable: nothing to reuse, and it is not ours to delete)
            continue
        by_key.setdefault(_log_key(header), []).append((path, header))
    result = ResumePlan()
    for task in tasks:
        for model in models:
            found = by_key.get(_task_key(task, model), [])
            if not found:
                result.fresh.append((task, model))
                continue
            # Several logs of one pair: an earlier resume was interrupted. Continue the richest.
            path, header = max(found, key=lambda item: (_clean_samples(item[0]), item[1].eval.created))
            if len(found) == 1 and _complete(path, header, len(task.dataset) * epochs):
                result.kept.append(path)
            else:
                result.retry.append((task, model, path, [p for p, _ in found]))
    return result


def continuable(path: Path, model: Model) -> EvalLog:
    """The log at `path` made ready for `eval_retry`: a crashed log recovered first, and the model
    pointed at this run's endpoint (the embedded server listens on a new port each run)."""
    log = read_eval_log(str(path))
    if log.status == "started":
        log = recover_eval_log(str(path), output=str(path.with_name(f"{path.stem}-recovered.eval")))
    log.eval.model_base_url = model.api.base_url
    log.eval.model_args = dict(model.model_args)
    return log


_MUST_MATCH = ("tasks", "generated", "tokenizer", "epochs", "shard")
"""run.json fields a resume must find unchanged: else old and new samples would not be one run."""


def resumed_config(run_dir: Path, config: dict[str, object]) -> dict[str, object]:
    """The run's original run.json with this resume appended; ValueError (one line) when what the
    run evaluates changed since it started (a task folder edited, another grid, tokenizer or epochs)."""
    original = json.loads((run_dir / "run.json").read_text(encoding="utf-8"))
    for key in _MUST_MATCH:
        before, now = original.get(key), json.loads(json.dumps(config.get(key), default=str))
        if before != now:
            changed = sorted(k for k in {*before, *now} if before.get(k) != now.get(k)) \
                if isinstance(before, dict) and isinstance(now, dict) else []
            detail = f" ({', '.join(changed[:3])})" if changed else ""
            raise ValueError(f"cannot resume {run_dir.name}: its {key}{detail} changed since the run started; "
                             "start a new run instead")
    resumes = [*original.get("resumes", []), {"at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                                                "agentbench": config.get("agentbench"), "versions": config.get("versions")}]
    return {**original, "resumes": resumes}
