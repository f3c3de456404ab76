"""Load task folders, turning every problem into a one-line error that names file and field."""

from __future__ import annotations

import json
import os
from pathlib import Path, PurePosixPath

from pydantic import ValidationError

from agentbench import yaml_text
from agentbench.spec.checksums import META
from agentbench.spec.schema import DEFAULT_SUITE, FOLDER_SUITES, TaskFolder, TaskMeta, TaskSpec
from agentbench.text_files import TextFileError, read_utf8
from agentbench.validation_text import first_problem


class TaskLoadError(Exception):
    """A task folder that cannot be used; `str()` is a single line naming the file."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


def _first_validation_problem(error: ValidationError) -> str:
    problem = first_problem(error)
    return f"{problem.where('(top level)')}: {problem.message}{problem.more}"


def _link_leaving(folder: Path) -> Path | None:
    """The first symlink under `folder` whose target is missing or outside it (None if there is none).

    Task files are copied into sandboxes and shown in transcripts: a link out of the folder
    would hand the agent a host file. Links that stay inside are harmless and are copied as
    the file they point to.
    """
    def scan(directory: Path) -> Path | None:  # a folder's entries by name, then its subfolders; no stat per entry
        try:
            with os.scandir(directory) as found:
                entries = sorted(found, key=lambda entry: entry.name)
        except OSError:  # unreadable: skipped, as os.walk skips it
            return None
        for entry in entries:
            if entry.is_symlink():
                target = Path(entry.path).resolve()
                if not target.exists() or not target.is_relative_to(folder):
                    return Path(entry.path)
        for entry in entries:
            if entry.is_dir(follow_symlinks=False) and (leaving := scan(Path(entry.path))) is not None:
                return leaving
        return None

    return scan(folder)


def _verifier_problem(verifier: str) -> str | None:
    path = PurePosixPath(verifier)
    if path.is_absolute() or ".." in path.parts or "\\" in verifier:
        return f"scoring.verifier: {verifier!r} must be a path inside the task folder (no '..', not absolute)"
    return None


def load_task(folder: Path) -> TaskFolder:
    """Read and validate `folder/task.yaml` and the files it refers to."""
    folder = folder.resolve()
    link = _link_leaving(folder)
    if link is not None:
        raise TaskLoadError(link, f"symlink to {os.readlink(link)} leaves the task folder (or points nowhere); copy the file in instead")
    manifest = folder / "task.yaml"
    if not manifest.is_file():
        raise TaskLoadError(manifest, "missing task.yaml")
    try:
        raw = yaml_text.read_yaml(manifest)
    except TextFileError as exc:
        raise TaskLoadError(manifest, str(exc)) from None
    if not isinstance(raw, dict):
        raise TaskLoadError(manifest, "expected a mapping of fields at the top level")
    raw.setdefault("id", folder.name)
    raw.setdefault("suite", folder.parent.name if folder.parent.name in FOLDER_SUITES else DEFAULT_SUITE)
    try:
        spec = TaskSpec.model_validate(raw)
    except ValidationError as exc:
        raise TaskLoadError(manifest, _first_validation_problem(exc)) from None
    problem = _verifier_problem(spec.scoring.verifier)
    if problem:
        raise TaskLoadError(manifest, problem)
    task = TaskFolder(spec=spec, path=folder)
    if not task.solution.is_file():
        raise TaskLoadError(task.solution, "missing solution.sh (the oracle's reference solution)")
    for script in (task.solution, *task.wrong_solutions):  # the oracle replays their steps, read as text
        try:
            read_utf8(script)
        except TextFileError as exc:
            raise TaskLoadError(script, str(exc)) from None
    if not task.verifier.is_file():
        raise TaskLoadError(manifest, f"scoring.verifier: file {spec.scoring.verifier} does not exist")
    if task.setup_script is not None and not task.setup_script.is_file():
        raise TaskLoadError(manifest, f"setup: file {spec.setup} does not exist")
    if spec.scoring.probe is not None and (_verifier_problem(spec.scoring.probe) or not (folder / spec.scoring.probe).is_file()):
        raise TaskLoadError(manifest, f"scoring.probe: {spec.scoring.probe!r} must be a file inside the task folder")
    if task.files_dir.exists() and not task.files_dir.is_dir():
        raise TaskLoadError(task.files_dir, "files must be a directory")
    _check_meta(task.tests_dir / META)
    return task


def _check_meta(path: Path) -> None:
    """A tests/meta.json the verifier can read, or a one-line error now (not a failed verifier per sample)."""
    if not path.exists():
        return
    try:
        raw = json.loads(read_utf8(path))
    except TextFileError as exc:
        raise TaskLoadError(path, str(exc)) from None
    except json.JSONDecodeError as exc:
        raise TaskLoadError(path, f"line {exc.lineno}: invalid JSON: {exc.msg}") from None
    if not isinstance(raw, dict):
        raise TaskLoadError(path, "expected a JSON object of fields")
    try:
        TaskMeta.model_validate(raw)
    except ValidationError as exc:
        raise TaskLoadError(path, _first_validation_problem(exc)) from None
