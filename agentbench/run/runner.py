"""One evaluation run: start what is needed, hand the tasks to `inspect_ai.eval`, write results.

Results are rebuilt from the Inspect logs in a `finally`, so an interrupted or crashed
run keeps every sample that completed.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import inspect_ai
import pandas as pd

import agentbench._registry  # noqa: F401  (registers our model API, tasks and sandbox with Inspect)

from agentbench.endpoints.generation import generation_record
from agentbench.run.endpoints import Endpoint, inspect_model
from agentbench.run.preflight import preflight
from agentbench.run.results import RunFiles, write_results, write_run_config
from agentbench.run.selection import Selection, build_tasks
from agentbench.run.signals import stop_signals_as_ctrl_c
from agentbench.sandbox.prepare import prepare_docker
from agentbench.spec import discover

Progress = Callable[[str], None]


@dataclass
class RunOptions:
    """How to run: epochs, concurrency, where results go, how progress shows."""

    epochs: int = 1
    max_samples: int | None = None
    max_sandboxes: int | None = None
    results_dir: Path = Path("results")
    prices: Path | None = None
    run_id: str | None = None
    display: str | None = None


@dataclass(frozen=True)
class RunOutcome:
    files: RunFiles
    samples: pd.DataFrame
    leaderboard: pd.DataFrame
    interrupted: bool


def new_run_id() -> str:
    return f"{datetime.now():%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"


@contextlib.contextmanager
def _embedded_server(needed: bool, selection: Selection, progress: Progress) -> Iterator[str | None]:
    if not needed:
        yield None
        return
    from agentbench.refserver.embedded import EmbeddedServer
    from agentbench.refserver.settings import Settings

    settings = Settings(tokenizer=selection.tokenizer, tasks_dirs=list(selection.tasks_dirs))
    with EmbeddedServer(settings) as server:
        progress(f"embedded reference server at {server.base_url}")
        yield server.base_url


def _prepare_sandboxes(selection: Selection, progress: Progress) -> None:
    if not selection.needs_sandbox:
        return
    registry = discover(list(selection.tasks_dirs))
    for error in registry.errors:
        progress(f"warning: skipped broken task folder: {error}")
    if selection.sandbox == "local":
        progress("warning: --sandbox local runs the agent's commands on this host, unisolated (development only)")
        return
    prepare_docker(registry.suite("tool_use"), progress)


def run(
    endpoints: Sequence[Endpoint],
    selection: Selection,
    options: RunOptions,
    progress: Progress = print,
) -> RunOutcome:
    """Evaluate every endpoint on the selection; returns where results went and the samples table."""
    tasks = build_tasks(selection)
    run_id = options.run_id or new_run_id()
    run_dir = options.results_dir / run_id
    os.environ["AGENTBENCH_RUN_ID"] = run_id
    _prepare_sandboxes(selection, progress)
    with stop_signals_as_ctrl_c(), _embedded_server(any(e.embedded for e in endpoints), selection, progress) as embedded_url:
        endpoints = [e.with_window(preflight(e, e.base_url or str(embedded_url))) for e in endpoints]
        models = [inspect_model(e, embedded_url, selection.tokenizer) for e in endpoints]
        (run_dir / "logs").mkdir(parents=True, exist_ok=True)
        write_run_config(run_dir, _config(run_id, endpoints, selection, options))
        progress(f"running {len(tasks)} task(s) x {len(models)} model(s); logs in {run_dir / 'logs'}")
        interrupted = False
        try:
            logs = inspect_ai.eval(
                tasks,
                model=models,
                log_dir=str(run_dir / "logs"),
                epochs=options.epochs,
                max_samples=options.max_samples,
                max_sandboxes=options.max_sandboxes,
                fail_on_error=False,
                display=options.display,
            )
            # Inspect returns no logs at all after Ctrl-C (it has written the cancelled ones)
            interrupted = len(logs) < len(tasks) * len(models) or any(log.status == "cancelled" for log in logs)
        except KeyboardInterrupt:
            interrupted = True
        finally:
            files, frame, board = write_results(run_dir, run_id, options.prices)
    return RunOutcome(files=files, samples=frame, leaderboard=board, interrupted=interrupted)


def _config(run_id: str, endpoints: Sequence[Endpoint], selection: Selection, options: RunOptions) -> dict[str, object]:
    """What goes into run.json: endpoints by public URL and key variable name only."""
    return {
        "run_id": run_id,
        "endpoints": [
            {"name": e.name, "model": e.model, "base_url": e.public_url() or "embedded", "api_key_env": e.api_key_env,
             "context_window": {"tokens": e.model_args.get("context_window"), "source": e.window_source or "unknown"},
             "generation": generation_record(e.model_args)}
            for e in endpoints
        ],
        "selection": {k: (list(map(str, v)) if k == "tasks_dirs" else v) for k, v in vars(selection).items()},
        "epochs": options.epochs,
    }
