"""Task folders -> Inspect samples (instruction, files, sandbox, limits in metadata)."""

from __future__ import annotations

from pathlib import Path

from inspect_ai.dataset import Sample

from agentbench.sandbox.backends import BackendSettings, SandboxBackend
from agentbench.spec import TaskFolder


def _files(task: TaskFolder) -> dict[str, str]:
    root = task.files_dir
    if not root.is_dir():
        return {}
    return {p.relative_to(root).as_posix(): str(p) for p in sorted(root.rglob("*")) if p.is_file()}


def task_sample(task: TaskFolder, backend: SandboxBackend, settings: BackendSettings) -> Sample:
    """One Inspect sample for a task folder in `backend`; everything the solver and verifier need is in metadata."""
    spec = task.spec
    return Sample(
        id=spec.id,
        input=spec.instruction,
        files=_files(task),
        setup=str(task.setup_script) if task.setup_script else None,
        sandbox=backend.sample_sandbox(spec.sandbox, settings),
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
            "probe": spec.scoring.probe,
            "sandbox": backend.name,
        },
    )


def task_dir(metadata: dict[str, object]) -> Path:
    return Path(str(metadata["task_dir"]))
