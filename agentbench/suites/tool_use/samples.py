"""Task folders -> Inspect samples (instruction, files, sandbox, limits in metadata)."""

from __future__ import annotations

from pathlib import Path

from inspect_ai.dataset import Sample

from agentbench.sandbox.backends import BackendSettings, SandboxBackend
from agentbench.spec import TaskFolder


def task_sample(task: TaskFolder, backend: SandboxBackend, settings: BackendSettings) -> Sample:
    """One Inspect sample for a task folder in `backend`; everything the solver and verifier need is in metadata.

    Its files and setup script are not Inspect's `files` and `setup`: the task's own setup step
    (`staging.stage_task`) puts them in the sandbox with two commands instead of one per file."""
    spec = task.spec
    return Sample(
        id=spec.id,
        input=spec.instruction,
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
            "setup": spec.setup,
            "verifier": spec.scoring.verifier,
            "verifier_timeout_s": spec.scoring.timeout_s,
            "probe": spec.scoring.probe,
            "sandbox": backend.name,
        },
    )


def task_dir(metadata: dict[str, object]) -> Path:
    return Path(str(metadata["task_dir"]))
