"""Load task folders, turning every problem into a one-line error that names file and field."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from agentbench.spec.schema import TaskFolder, TaskSpec


class TaskLoadError(Exception):
    """A task folder that cannot be used; `str()` is a single line naming the file."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


def _first_validation_problem(error: ValidationError) -> str:
    problems = []
    for item in error.errors():
        where = ".".join(str(part) for part in item["loc"]) or "(top level)"
        problems.append(f"{where}: {item['msg']}")
    extra = f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""
    return problems[0] + extra


def load_task(folder: Path) -> TaskFolder:
    """Read and validate `folder/task.yaml` and the files it refers to."""
    folder = folder.resolve()
    manifest = folder / "task.yaml"
    if not manifest.is_file():
        raise TaskLoadError(manifest, "missing task.yaml")
    try:
        raw = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"line {mark.line + 1}: " if mark is not None else ""
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise TaskLoadError(manifest, f"{line}invalid YAML: {reason}") from None
    if not isinstance(raw, dict):
        raise TaskLoadError(manifest, "expected a mapping of fields at the top level")
    raw.setdefault("id", folder.name)
    raw.setdefault("suite", folder.parent.name)
    try:
        spec = TaskSpec.model_validate(raw)
    except ValidationError as exc:
        raise TaskLoadError(manifest, _first_validation_problem(exc)) from None
    task = TaskFolder(spec=spec, path=folder)
    if not task.solution.is_file():
        raise TaskLoadError(task.solution, "missing solution.sh (the oracle's reference solution)")
    if not task.verifier.is_file():
        raise TaskLoadError(manifest, f"scoring.verifier: file {spec.scoring.verifier} does not exist")
    if task.setup_script is not None and not task.setup_script.is_file():
        raise TaskLoadError(manifest, f"setup: file {spec.setup} does not exist")
    if task.files_dir.exists() and not task.files_dir.is_dir():
        raise TaskLoadError(task.files_dir, "files must be a directory")
    return task
