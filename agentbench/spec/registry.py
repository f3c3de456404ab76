"""Find task folders: the built-in `tasks/`, extra `--tasks-dir` folders and installed packages.

Packages add tasks through the `agentbench.tasks` entry point group; an entry point names
either a module (its directory is scanned) or a callable returning one or more directories.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from types import ModuleType

from agentbench.paths import shipped_dir
from agentbench.spec.loader import TaskLoadError, load_task
from agentbench.spec.schema import TaskFolder

ENTRY_POINT_GROUP = "agentbench.tasks"


def builtin_tasks_dir() -> Path:
    """The tasks shipped with agentbench (repo checkout, installed wheel, or $AGENTBENCH_TASKS_DIR)."""
    return shipped_dir("tasks", "AGENTBENCH_TASKS_DIR")


def _entry_point_dirs() -> list[Path]:
    dirs: list[Path] = []
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        target = ep.load()
        if isinstance(target, ModuleType):
            dirs.append(Path(target.__file__ or "").parent)
            continue
        found = target() if callable(target) else target
        dirs.extend(Path(p) for p in ([found] if isinstance(found, (str, Path)) else found))
    return dirs


def _task_folders(root: Path) -> Iterable[Path]:
    if (root / "task.yaml").is_file():
        yield root
        return
    yield from sorted(p.parent for p in root.rglob("task.yaml"))


@dataclass
class TaskRegistry:
    """Every task folder found, plus one error line for each folder that failed to load."""

    tasks: dict[str, TaskFolder] = field(default_factory=dict)
    errors: list[TaskLoadError] = field(default_factory=list)

    def suite(self, name: str) -> list[TaskFolder]:
        return [t for t in self.tasks.values() if t.spec.suite == name]

    def by_instruction(self, instruction: str) -> TaskFolder | None:
        """The task whose instruction is exactly this text (how the oracle recognises a task)."""
        wanted = instruction.strip()
        return next((t for t in self.tasks.values() if t.spec.instruction == wanted), None)

    def add_root(self, root: Path) -> None:
        if not root.exists():
            self.errors.append(TaskLoadError(root, "tasks directory does not exist"))
            return
        for folder in _task_folders(root):
            try:
                task = load_task(folder)
            except TaskLoadError as exc:
                self.errors.append(exc)
                continue
            if task.key in self.tasks and self.tasks[task.key].path != task.path:
                other = self.tasks[task.key].path
                self.errors.append(TaskLoadError(folder / "task.yaml", f"id: duplicate of {task.key} in {other}"))
                continue
            twin = self.by_instruction(task.spec.instruction)
            if twin is not None and twin.key != task.key:
                problem = f"instruction: identical to {twin.key}'s (ref/oracle recognises a task by its instruction)"
                self.errors.append(TaskLoadError(folder / "task.yaml", problem))
                continue
            self.tasks[task.key] = task


def discover(extra_dirs: Sequence[Path] = (), include_builtin: bool = True) -> TaskRegistry:
    """Load every task from the built-in folder, entry points and `extra_dirs`."""
    registry = TaskRegistry()
    roots = ([builtin_tasks_dir()] if include_builtin else []) + _entry_point_dirs() + list(extra_dirs)
    for root in roots:
        registry.add_root(Path(root).resolve())
    return registry
