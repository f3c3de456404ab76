"""Task folders -> Inspect samples (instruction, files, sandbox, limits in metadata)."""

from __future__ import annotations

from pathlib import Path

from inspect_ai.dataset import Sample
from inspect_ai.util import SandboxEnvironmentSpec

from agentbench.spec import TaskFolder

DOCKER_SANDBOX = "agentbench_docker"
SANDBOX_TYPES = ("docker", "local")


def sandbox_for(task: TaskFolder, kind: str) -> SandboxEnvironmentSpec:
    """The sandbox spec of one task: our Docker type with the task's isolation, or Inspect's local."""
    if kind == "local":
        return SandboxEnvironmentSpec("local")
    return SandboxEnvironmentSpec(DOCKER_SANDBOX, task.spec.sandbox)


def _files(task: TaskFolder) -> dict[str, str]:
    root = task.files_dir
    if not root.is_dir():
        return {}
    return {p.relative_to(root).as_posix(): str(p) for p in sorted(root.rglob("*")) if p.is_file()}


def task_sample(task: TaskFolder, sandbox_kind: str) -> Sample:
    """One Inspect sample for a task folder; everything the solver and verifier need is in metadata."""
    spec = task.spec
    return Sample(
        id=spec.id,
        input=spec.instruction,
        files=_files(task),
        setup=str(task.setup_script) if task.setup_script else None,
        sandbox=sandbox_for(task, sandbox_kind),
        metadata={
            "suite": spec.suite,
            "task_id": spec.id,
            "category": spec.category,
            "difficulty": spec.difficulty,
            "tools": list(spec.tools),
            "max_turns": spec.limits.max_turns,
            "time_s": spec.limits.time_s,
            "max_tokens": spec.limits.max_tokens,
            "max_output_tokens": spec.limits.max_output_tokens,
            "task_dir": str(task.path),
            "verifier": spec.scoring.verifier,
            "verifier_timeout_s": spec.scoring.timeout_s,
        },
    )


def task_dir(metadata: dict[str, object]) -> Path:
    return Path(str(metadata["task_dir"]))
