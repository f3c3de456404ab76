"""One evaluation run: start what is needed, hand the tasks to `inspect_ai.eval`, write results.

Results are rebuilt from the Inspect logs in a `finally`, so an interrupted or crashed
run keeps every sample that completed.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import inspect_ai
from inspect_ai import Task
from inspect_ai.log import EvalLog, read_eval_log
from inspect_ai.model import Model
from rich.console import Console

import agentbench._registry  # noqa: F401  (registers our model API, the run's hooks and the tasks with Inspect)

from agentbench.analysis.prices import load_prices
from agentbench.endpoints.generation import generation_record
from agentbench.refserver.sim.card import RUN_CARDS_DIR
from agentbench.run import provenance, resume
from agentbench.run.endpoints import Endpoint, inspect_model
from agentbench.run.preflight import preflight
from agentbench.run import collect
from agentbench.run.progress import RunProgress
from agentbench.run.results import RunFiles, write_results, write_run_config
from agentbench.run.selection import Selection, build_tasks
from agentbench.run.shards import Shard, shard_tasks
from agentbench.run.signals import stop_signals_as_ctrl_c
from agentbench.spec import discover

if TYPE_CHECKING:
    import pandas as pd

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
    shard: Shard | None = None
    """Run only this shard's share of the samples (`--shard I/N`)."""
    resume: bool = False
    """Continue the run folder `results_dir/run_id` (resume.py) instead of starting one."""
    invocation: dict[str, object] | None = None
    """The command's own options, kept in run.json so `--resume` can rebuild the same run."""


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
    from agentbench.sandbox.backends import BackendSettings, get_backend  # a backend's SDK only for runs that use it

    if not images:
        return
    registry = discover(list(selection.tasks_dirs))
    for line in registry.shadowed:
        progress(f"note: {line}")
    for error in registry.errors:
        progress(f"warning: skipped broken task folder: {error}")
    settings = BackendSettings(registry=selection.context.image_registry, runtime_class=selection.context.runtime_class)
    get_backend(selection.sandbox).prepare(images, settings, progress)


def run(
    endpoints: Sequence[Endpoint],
    selection: Selection,
    options: RunOptions,
    progress: Progress = print,
) -> RunOutcome:
    """Evaluate every endpoint on the selection; returns where results went and the samples table."""
    if options.prices is not None:
        load_prices(options.prices)  # read again when the results are written: a broken file fails here, before any sample
    tasks = build_tasks(selection)
    content = provenance.task_content(tasks)  # a shard records the whole run's content: shards merge into it
    if options.shard is not None:
        tasks = shard_tasks(tasks, options.shard)
    run_id = options.run_id or new_run_id()
    run_dir = options.results_dir.resolve() / run_id
    if options.resume and not (run_dir / "run.json").is_file():
        raise ValueError(f"{run_dir} is not a run folder (no run.json): nothing to resume")
    try:  # before sandboxes and the server start: a results folder that cannot be made fails first, in one line
        options.results_dir.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise ValueError(f"results folder {options.results_dir}: a file of that name is in the way") from None
    except OSError as exc:
        raise ValueError(f"results folder {options.results_dir}: cannot create it ({exc.strerror or exc})") from None
    os.environ["AGENTBENCH_RUN_ID"] = run_id
    images = selection.images()
    _prepare_sandboxes(selection, images, progress)
    with stop_signals_as_ctrl_c(), _embedded_server(any(e.embedded for e in endpoints), selection, options, progress) as embedded_url:
        endpoints = [e.with_window(preflight(e, e.base_url or str(embedded_url))) for e in endpoints]
        models = [inspect_model(e, embedded_url, selection.tokenizer) for e in endpoints]
        (run_dir / "logs").mkdir(parents=True, exist_ok=True)
        keep_cards(run_dir, options.model_cards)
        config = _config(run_id, endpoints, selection, options, content, bool(images))
        write_run_config(run_dir, resume.resumed_config(run_dir, config) if options.resume else config)
        samples = sum(len(task.dataset) for task in tasks) * len(models) * options.epochs
        progress(f"{'resuming' if options.resume else 'running'} {samples} sample(s): {len(tasks)} suite task(s) x "
                 f"{len(models)} model(s) x {options.epochs} epoch(s); logs in {run_dir / 'logs'}")
        interrupted = False
        live = RunProgress(Console(stderr=True)) if options.display is None else None
        collector = collect.SampleCollector(run_id)
        threading.Thread(target=_load_result_modules, args=(collector.first_sample_ended,), name="agentbench-result-imports",
                         daemon=True).start()
        token = collect.CURRENT.set(collector)
        try:
            with live.shown() if live else contextlib.nullcontext():
                settings = {
                    "log_dir": str(run_dir / "logs"),
                    "max_samples": options.max_samples,
                    "max_sandboxes": options.max_sandboxes,
                    "fail_on_error": False,
                    "display": options.display or "none",
                    "log_buffer": log_buffer(max((len(task.dataset) for task in tasks), default=0) * options.epochs),
                    # Inspect recomputes every metric over all samples about once a second for its own display:
                    # wasted (and growing with the run) when its display is off
                    "score_display": options.display not in (None, "none"),
                }
                if options.resume:
                    logs = _continue(run_dir, tasks, models, options.epochs, settings, progress)
                else:
                    logs = inspect_ai.eval(tasks, model=models, epochs=options.epochs, **settings)
            # Inspect returns no logs at all after Ctrl-C (it has written the cancelled ones)
            interrupted = len(logs) < len(tasks) * len(models) or any(log.status == "cancelled" for log in logs)
        except KeyboardInterrupt:
            interrupted = True
        finally:
            collect.CURRENT.reset(token)
            collector.first_sample_ended.set()  # set already unless no sample ended; then the imports thread must still finish
            # A resume reuses samples Inspect does not hand to hooks: its results are read from the logs.
            collected = None if options.resume else collector.collected(run_dir)
            files, frame, board = write_results(run_dir, run_id, options.prices, collected)
    return RunOutcome(files=files, samples=frame, leaderboard=board, interrupted=interrupted)


def _continue(run_dir: Path, tasks: Sequence[Task], models: Sequence[Model], epochs: int,
              settings: dict[str, object], progress: Progress) -> list[EvalLog]:
    """Resume: keep complete pairs, continue the others from their logs, run the missing ones."""
    todo = resume.plan(run_dir, tasks, models, epochs)
    progress(f"resume: {len(todo.kept)} task x model pair(s) complete, {len(todo.retry)} to continue, "
             f"{len(todo.fresh)} not started")
    logs = [read_eval_log(str(path), header_only=True) for path in todo.kept]
    for _, model, path, superseded in todo.retry:
        continued = inspect_ai.eval_retry(resume.continuable(path, model), **settings)
        logs += continued
        if continued and continued[0].status != "started":
            written = Path(str(continued[0].location)).resolve()
            for old in {*superseded, path.with_name(f"{path.stem}-recovered.eval")}:
                if old.resolve() != written:
                    old.unlink(missing_ok=True)
        if any(log.status == "cancelled" for log in continued):
            return logs
    for model in models:
        fresh = [task for task, fresh_model in todo.fresh if fresh_model is model]
        if fresh:
            logs += inspect_ai.eval(fresh, model=[model], epochs=epochs, **settings)
    return logs


SMALL_TASK = 100
"""Samples per task under which each sample is written to the log as it completes."""
LARGE_TASK_BUFFER = 10
"""Completed samples a larger task holds before Inspect writes them to its log."""


def log_buffer(samples_per_task: int) -> int:
    """How many completed samples Inspect holds before writing them to a task's log (its `log_buffer`).

    One for a small task, so a killed run loses no completed sample. A larger task writes ten at a
    time: each write reopens the log's zip (about 5 ms of the event loop per sample, 4 s of CPU in a
    711-sample run). A kill -9 then loses the samples completed since the task's last write: fewer than
    ten, plus any that completed while that write was under way, none older than a minute (Inspect
    also writes pending samples once a minute, and all of them on Ctrl-C or SIGTERM)."""
    return 1 if samples_per_task < SMALL_TASK else LARGE_TASK_BUFFER


def _load_result_modules(first_sample_ended: threading.Event) -> None:
    """Import what writing the results needs (pandas, pyarrow, matplotlib, the report): run in a thread
    while the eval runs, so that time is not spent after the last sample; from the first sample's end
    on, so its 0.8 s of CPU does not delay that sample (the 1M grid's first sample: 6.1-6.7 -> 5.1-5.6 s)."""
    first_sample_ended.wait()
    import pyarrow.parquet  # noqa: F401

    import agentbench.analysis.metrics  # noqa: F401
    import agentbench.report.build  # noqa: F401


def keep_cards(run_dir: Path, cards: Sequence[Path]) -> None:
    """Copy the user's model cards into the run folder: they price its simulated models later on."""
    if not cards:
        return
    folder = run_dir / RUN_CARDS_DIR
    folder.mkdir(exist_ok=True)
    for index, path in enumerate(cards):
        shutil.copyfile(path, folder / f"{index:02d}-{path.name}")


def _config(
    run_id: str, endpoints: Sequence[Endpoint], selection: Selection, options: RunOptions, content: dict[str, object],
    sandboxed: bool,
) -> dict[str, object]:
    """What goes into run.json: what decides whether two runs compare (endpoints by public URL and
    key variable name only, never a key)."""
    from agentbench.sandbox.backends import get_backend
    return {
        "run_id": run_id,
        "agentbench": provenance.code_identity(),
        "versions": provenance.versions(with_engine=sandboxed and get_backend(selection.sandbox).uses_docker_engine),
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
        **content,
        "model_cards": [str(path) for path in options.model_cards],
        "time_scale": options.time_scale,
        "shard": options.shard.label if options.shard else None,
        "invocation": options.invocation,
    }
