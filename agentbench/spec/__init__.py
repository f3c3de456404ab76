"""Task folders: schema, loading with clear errors, and discovery."""

from agentbench.spec.loader import TaskLoadError, load_task
from agentbench.spec.registry import TaskRegistry, builtin_tasks_dir, discover
from agentbench.spec.schema import ALL_TOOLS, Limits, SandboxSpec, Scoring, TaskFolder, TaskSpec

__all__ = [
    "ALL_TOOLS",
    "Limits",
    "SandboxSpec",
    "Scoring",
    "TaskFolder",
    "TaskLoadError",
    "TaskRegistry",
    "TaskSpec",
    "builtin_tasks_dir",
    "discover",
    "load_task",
]
