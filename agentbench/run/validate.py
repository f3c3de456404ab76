"""Prove task folders sound: each must load, pass with `ref/oracle` (reward 1), earn at most
NULL_MAX_REWARD with `ref/null`, and fail with every known-wrong solution and every cheat of the
built-in battery (`run/variants.py`), each replayed as the agent. Protected-file checksums are
refreshed first (`spec/checksums.py`)."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from inspect_ai.log import read_eval_log, read_eval_log_samples

import pandas as pd

from agentbench.run.endpoints import Endpoint
from agentbench.run.runner import Progress, RunOptions, run
from agentbench.run.selection import Selection
from agentbench.run.variants import Variant, variants, write_variant
from agentbench.sandbox.backends import get_backend
from agentbench.sandbox.docker.images import image_names
from agentbench.spec import TaskFolder, TaskLoadError, discover, load_task
from agentbench.spec.checksums import refresh_checksums

ORACLE, NULL = "ref/oracle", "ref/null"
NULL_MAX_REWARD = 0.05


@dataclass(frozen=True)
class Verdict:
    """The outcome for one task folder; `detail` says why it is not ok."""

    key: str
    ok: bool
    detail: str


def _folders(paths: Sequence[Path]) -> tuple[list[TaskFolder], list[Verdict]]:
    tasks: list[TaskFolder] = []
    verdicts: list[Verdict] = []
    if not paths:
        registry = discover()
        return registry.suite("tool_use"), [Verdict(str(e.path), False, e.problem) for e in registry.errors]
    for path in paths:
        if (path / "task.yaml").is_file():
            try:
                tasks.append(load_task(path))
            except TaskLoadError as exc:
                verdicts.append(Verdict(str(exc.path), False, exc.problem))
        else:
            registry = discover([path], include_builtin=False)
            if not registry.tasks and not registry.errors:
                verdicts.append(Verdict(str(path), False, "no task folder here (a task folder holds a task.yaml)"))
            tasks.extend(registry.tasks.values())
            verdicts.extend(Verdict(str(e.path), False, e.problem) for e in registry.errors)
    return tasks, verdicts


def _explanations(run_dir: Path) -> dict[tuple[str, str], str]:
    """(model, task id) -> the verifier's output, for the failure lines."""
    found: dict[tuple[str, str], str] = {}
    for log in sorted((run_dir / "logs").glob("*.eval")):
        model = read_eval_log(str(log), header_only=True).eval.model.removeprefix("agentbench/")
        for sample in read_eval_log_samples(str(log), all_samples_required=False, exclude_fields={"events", "messages"}):
            score = next(iter((sample.scores or {}).values()), None)
            text = (score.explanation if score else None) or (sample.error.message if sample.error else "")
            found[(model, str(sample.id))] = " | ".join(text.strip().splitlines()[-3:])
    return found


def _lint_images(tasks: list[TaskFolder]) -> tuple[list[TaskFolder], list[Verdict]]:
    """Tasks whose sandbox image is defined, and a failed verdict for each one whose image is not."""
    known = set(image_names())
    missing = [t for t in tasks if t.spec.sandbox.image not in known]
    verdicts = [
        Verdict(t.key, False, f"sandbox.image: no sandboxes/{t.spec.sandbox.image}/Dockerfile (images: {', '.join(sorted(known))})")
        for t in missing
    ]
    return [t for t in tasks if t not in missing], verdicts


def _refresh(tasks: list[TaskFolder], progress: Progress) -> None:
    for task in tasks:
        try:
            if refresh_checksums(task.tests_dir, task.files_dir):
                progress(f"{task.key}: refreshed the protected-file checksums in tests/meta.json")
        except OSError as exc:
            progress(f"{task.key}: could not refresh tests/meta.json: {exc}")


def _run(endpoints: list[Endpoint], ids: list[str], dirs: tuple[Path, ...], sandbox: str, results: Path, progress: Progress):
    selection = Selection(suites=("tool_use",), task_ids=",".join(ids), tasks_dirs=dirs, sandbox=sandbox)
    outcome = run(endpoints, selection, RunOptions(results_dir=results, display="none"), progress)
    return outcome.samples, _explanations(outcome.files.run_dir)


def _problems(task: TaskFolder, frame: pd.DataFrame, outputs: dict[tuple[str, str], str]) -> list[str]:
    rows = frame[frame["task_id"] == task.spec.id]
    oracle = rows[rows["model"] == ORACLE]
    null = rows[rows["model"] == NULL]
    problems = []
    if oracle.empty or not (bool(oracle["success"].all()) and float(oracle["reward"].min()) == 1.0):
        failure = oracle["failure"].iloc[0] if not oracle.empty else "no result"
        problems.append(f"ref/oracle failed ({failure}): {outputs.get((ORACLE, task.spec.id), '')}")
    if null.empty or bool(null["success"].any()):
        problems.append("ref/null passed: the verifier accepts doing nothing")
    elif float(null["reward"].max()) > NULL_MAX_REWARD:
        problems.append(f"ref/null earned reward {float(null['reward'].max()):.2f} (at most {NULL_MAX_REWARD})")
    return problems


def _variant_problems(replays: list[Variant], frame: pd.DataFrame, outputs: dict[tuple[str, str], str]) -> list[str]:
    problems = []
    for variant in replays:
        rows = frame[frame["task_id"] == variant.task_id]
        if rows.empty:
            problems.append(f"{variant.label}: no result ({outputs.get((ORACLE, variant.task_id)) or 'not in the logs'})")
        elif bool(rows["success"].any()):
            problems.append(f"{variant.label} passed: {outputs.get((ORACLE, variant.task_id), '')}")
    return problems


def validate(paths: Sequence[Path], sandbox: str, progress: Progress, battery: bool = True,
             keep_logs_in: Path | None = None) -> list[Verdict]:
    """One verdict per task folder (broken folders included), every replay run in `sandbox`.

    The folders validated are exactly the ones found here: each is named to the run, so it wins
    over a built-in or installed task with the same id. Run folders are kept under `keep_logs_in`.
    """
    found, verdicts = _folders(paths)
    tasks, unknown_images = _lint_images(found)
    verdicts += unknown_images
    if not tasks:
        return verdicts
    _refresh(tasks, progress)
    if battery and not get_backend(sandbox).isolated:  # the cheats would plant their hooks in this host's Python
        progress(f"the cheat battery runs only in an isolated sandbox: skipped with --sandbox {sandbox}")
        battery = False
    folders = tuple(sorted({t.path for t in tasks}))
    with tempfile.TemporaryDirectory(prefix="agentbench-validate-") as tmp_name:
        tmp = Path(tmp_name)
        replays = {task.key: variants(task, battery) for task in tasks}
        for replay in (v for vs in replays.values() for v in vs):
            write_variant(replay, tmp / "variants")
        frame, outputs = _run([Endpoint(ORACLE), Endpoint(NULL)], [t.spec.id for t in tasks], folders, sandbox, keep_logs_in or tmp, progress)
        replay_ids = [v.task_id for vs in replays.values() for v in vs]
        if replay_ids:
            dirs = (*folders, tmp / "variants")
            replay_frame, replay_outputs = _run([Endpoint(ORACLE)], replay_ids, dirs, sandbox, keep_logs_in or tmp, progress)
        else:
            replay_frame, replay_outputs = frame.iloc[0:0], {}
        for task in tasks:
            problems = _problems(task, frame, outputs) + _variant_problems(replays[task.key], replay_frame, replay_outputs)
            wrong = sum(v.kind == "wrong" for v in replays[task.key])
            if not wrong:
                problems.append("no known-wrong solution in tests/wrong/")
            null_reward = float(frame[(frame["task_id"] == task.spec.id) & (frame["model"] == NULL)]["reward"].max())
            summary = f"oracle 1.0, null {null_reward:.2f}, {wrong} wrong + {len(replays[task.key]) - wrong} cheats fail"
            verdicts.append(Verdict(task.key, not problems, "; ".join(problems) or summary))
    return verdicts
