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
    """Every task folder found, one error line for each folder that failed to load, and one
    line for each built-in or installed task that a folder the user named shadows."""

    tasks: dict[str, TaskFolder] = field(default_factory=dict)
    errors: list[TaskLoadError] = field(default_factory=list)
    shadowed: list[str] = field(default_factory=list)
    named_keys: set[str] = field(default_factory=set, repr=False)
    """Keys loaded from the user's own folders (two of those with one id is an error)."""

    def suite(self, name: str) -> list[TaskFolder]:
        return [t for t in self.tasks.values() if t.spec.suite == name]

    def by_instruction(self, instruction: str) -> TaskFolder | None:
        """The task whose instruction is exactly this text (how the oracle recognises a task)."""
        wanted = instruction.strip()
        return next((t for t in self.tasks.values() if t.spec.instruction == wanted), None)

    def add_root(self, root: Path, named: bool = False) -> None:
        """Load every task folder under `root`; a `named` root (the user's) wins over what came before."""
        if not root.exists():
            self.errors.append(TaskLoadError(root, "tasks directory does not exist"))
            return
        for folder in _task_folders(root):
            try:
                task = load_task(folder)
            except TaskLoadError as exc:
                self.errors.append(exc)
                continue
            known = self.tasks.get(task.key)
            if known is not None and known.path != task.path:
                if not named or task.key in self.named_keys:
                    self.errors.append(TaskLoadError(folder / "task.yaml", f"id: duplicate of {task.key} in {known.path}"))
                    continue
            twin = self.by_instruction(task.spec.instruction)
            if twin is not None and twin.key != task.key:
                problem = f"instruction: identical to {twin.key}'s (ref/oracle recognises a task by its instruction)"
                self.errors.append(TaskLoadError(folder / "task.yaml", problem))
                continue
            if known is not None and known.path != task.path:
                self.shadowed.append(f"{task.key}: using {task.path} (shadows {known.path})")
            self.tasks[task.key] = task
            if named:
                self.named_keys.add(task.key)


def discover(extra_dirs: Sequence[Path] = (), include_builtin: bool = True) -> TaskRegistry:
    """Load every task from the built-in folder, entry points and `extra_dirs`.

    Folders in `extra_dirs` are the user's own: a task there replaces a built-in or installed
    task with the same id (recorded in `shadowed`).
    """
    registry = TaskRegistry()
    for root in ([builtin_tasks_dir()] if include_builtin else []) + _entry_point_dirs():
        registry.add_root(Path(root).resolve())
    for root in extra_dirs:
        registry.add_root(Path(root).resolve(), named=True)
    return registry
