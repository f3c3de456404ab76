"""One evaluation run: start what is needed, hand the tasks to `inspect_ai.eval`, write results.

Results are rebuilt from the Inspect logs in a `finally`, so an interrupted or crashed
run keeps every sample that completed.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import inspect_ai
import pandas as pd
from inspect_ai import Task
from rich.console import Console

import agentbench._registry  # noqa: F401  (registers our model API, tasks and sandbox with Inspect)

from agentbench.endpoints.generation import generation_record
from agentbench.refserver.sim.card import RUN_CARDS_DIR
from agentbench.run import provenance
from agentbench.run.endpoints import Endpoint, inspect_model
from agentbench.run.preflight import preflight
from agentbench.run.progress import RunProgress
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
    """Inspect's own display; None shows agentbench's live progress per model and suite instead."""
    model_cards: tuple[Path, ...] = ()
    """The user's model cards, served by the embedded server beside the shipped ones."""
    time_scale: float = 1.0
    """Real sleep per second of simulated models' planted latency (recorded times stay planted)."""


@dataclass(frozen=True)
class RunOutcome:
    files: RunFiles
    samples: pd.DataFrame
    leaderboard: pd.DataFrame
    interrupted: bool


def new_run_id() -> str:
    return f"{datetime.now():%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"


@contextlib.contextmanager
def _embedded_server(needed: bool, selection: Selection, options: RunOptions, progress: Progress) -> Iterator[str | None]:
    if not needed:
        yield None
        return
    from agentbench.refserver.embedded import EmbeddedServer
    from agentbench.refserver.settings import Settings

    settings = Settings(tokenizer=selection.tokenizer, tasks_dirs=list(selection.tasks_dirs),
                        model_cards=options.model_cards, time_scale=options.time_scale)
    with EmbeddedServer(settings) as server:
        progress(f"embedded reference server at {server.base_url}")
        yield server.base_url


def _prepare_sandboxes(selection: Selection, images: Sequence[str], progress: Progress) -> None:
    if not images:
        return
    registry = discover(list(selection.tasks_dirs))
    for line in registry.shadowed:
        progress(f"note: {line}")
    for error in registry.errors:
        progress(f"warning: skipped broken task folder: {error}")
    if selection.sandbox == "local":
        progress("warning: --sandbox local runs the agent's commands on this host, unisolated (development only)")
        return
    prepare_docker(images, progress)


def run(
    endpoints: Sequence[Endpoint],
    selection: Selection,
    options: RunOptions,
    progress: Progress = print,
) -> RunOutcome:
    """Evaluate every endpoint on the selection; returns where results went and the samples table."""
    tasks = build_tasks(selection)
    run_id = options.run_id or new_run_id()
    run_dir = options.results_dir.resolve() / run_id
    os.environ["AGENTBENCH_RUN_ID"] = run_id
    images = selection.images()
    _prepare_sandboxes(selection, images, progress)
    with stop_signals_as_ctrl_c(), _embedded_server(any(e.embedded for e in endpoints), selection, options, progress) as embedded_url:
        endpoints = [e.with_window(preflight(e, e.base_url or str(embedded_url))) for e in endpoints]
        models = [inspect_model(e, embedded_url, selection.tokenizer) for e in endpoints]
        (run_dir / "logs").mkdir(parents=True, exist_ok=True)
        keep_cards(run_dir, options.model_cards)
        write_run_config(run_dir, _config(run_id, endpoints, selection, options, tasks, bool(images)))
        samples = sum(len(task.dataset) for task in tasks) * len(models) * options.epochs
        progress(f"running {samples} sample(s): {len(tasks)} suite task(s) x {len(models)} model(s) x "
                 f"{options.epochs} epoch(s); logs in {run_dir / 'logs'}")
        interrupted = False
        live = RunProgress(Console(stderr=True)) if options.display is None else None
        try:
            with live.shown() if live else contextlib.nullcontext():
                logs = inspect_ai.eval(
                    tasks,
                    model=models,
                    log_dir=str(run_dir / "logs"),
                    epochs=options.epochs,
                    max_samples=options.max_samples,
                    max_sandboxes=options.max_sandboxes,
                    fail_on_error=False,
                    display=options.display or "none",
                    log_buffer=1,  # each sample on disk as it completes: a killed run can still be reported
                )
            # Inspect returns no logs at all after Ctrl-C (it has written the cancelled ones)
            interrupted = len(logs) < len(tasks) * len(models) or any(log.status == "cancelled" for log in logs)
        except KeyboardInterrupt:
            interrupted = True
        finally:
            files, frame, board = write_results(run_dir, run_id, options.prices)
    return RunOutcome(files=files, samples=frame, leaderboard=board, interrupted=interrupted)


def keep_cards(run_dir: Path, cards: Sequence[Path]) -> None:
    """Copy the user's model cards into the run folder: they price its simulated models later on."""
    if not cards:
        return
    folder = run_dir / RUN_CARDS_DIR
    folder.mkdir(exist_ok=True)
    for index, path in enumerate(cards):
        shutil.copyfile(path, folder / f"{index:02d}-{path.name}")


def _config(
    run_id: str, endpoints: Sequence[Endpoint], selection: Selection, options: RunOptions, tasks: Sequence[Task],
    sandboxed: bool,
) -> dict[str, object]:
    """What goes into run.json: what decides whether two runs compare (endpoints by public URL and
    key variable name only, never a key)."""
    return {
        "run_id": run_id,
        "agentbench": provenance.code_identity(),
        "versions": provenance.versions(with_engine=sandboxed and selection.sandbox == "docker"),
        "machine": provenance.machine(),
        "endpoints": [
            {"name": e.name, "model": e.model, "base_url": e.public_url() or "embedded", "api_key_env": e.api_key_env,
             "context_window": {"tokens": e.model_args.get("context_window"), "source": e.window_source or "unknown"},
             "generation": generation_record(e.model_args)}
            for e in endpoints
        ],
        "selection": selection.record(),
        "tokenizer": selection.tokenizer,
        "epochs": options.epochs,
        **provenance.task_content(tasks),
        "model_cards": [str(path) for path in options.model_cards],
        "time_scale": options.time_scale,
    }
