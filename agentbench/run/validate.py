"""Prove task folders sound: each must load, pass with `ref/oracle` (reward 1) and fail with `ref/null`."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from inspect_ai.log import read_eval_log, read_eval_log_samples

from agentbench.run.endpoints import Endpoint
from agentbench.run.runner import Progress, RunOptions, run
from agentbench.run.selection import Selection
from agentbench.sandbox.images import image_names
from agentbench.spec import TaskFolder, TaskLoadError, discover, load_task

ORACLE, NULL = "ref/oracle", "ref/null"


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


def validate(paths: Sequence[Path], sandbox: str, progress: Progress, keep_logs_in: Path | None = None) -> list[Verdict]:
    """One verdict per task folder (broken folders included), oracle and null run in `sandbox`.

    The folders validated are exactly the ones found here: each is named to the run, so it wins
    over a built-in or installed task with the same id. The run folder is kept under `keep_logs_in`.
    """
    found, verdicts = _folders(paths)
    tasks, unknown_images = _lint_images(found)
    verdicts += unknown_images
    if not tasks:
        return verdicts
    selection = Selection(
        suites=("tool_use",), task_ids=",".join(t.spec.id for t in tasks),
        tasks_dirs=tuple(sorted({t.path for t in tasks})), sandbox=sandbox,
    )
    with tempfile.TemporaryDirectory(prefix="agentbench-validate-") as tmp:
        options = RunOptions(results_dir=keep_logs_in or Path(tmp), display="none")
        outcome = run([Endpoint(ORACLE), Endpoint(NULL)], selection, options, progress)
        outputs = _explanations(outcome.files.run_dir)
        frame = outcome.samples
        for task in tasks:
            rows = frame[frame["task_id"] == task.spec.id]
            oracle = rows[rows["model"] == ORACLE]
            null = rows[rows["model"] == NULL]
            problems = []
            if oracle.empty or not (bool(oracle["success"].all()) and float(oracle["reward"].min()) == 1.0):
                failure = oracle["failure"].iloc[0] if not oracle.empty else "no result"
                problems.append(f"ref/oracle failed ({failure}): {outputs.get(('ref/oracle', task.spec.id), '')}")
            if null.empty or bool(null["success"].any()):
                problems.append("ref/null passed: the verifier accepts doing nothing")
            verdicts.append(Verdict(task.key, not problems, "; ".join(problems) or "oracle 1.0, null fails"))
    return verdicts
