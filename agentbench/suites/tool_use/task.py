"""`tool_use`: the Inspect task over every tool-use task folder (also runnable with `inspect eval`)."""

from __future__ import annotations

from pathlib import Path

from inspect_ai import Task, task
from inspect_ai.dataset import MemoryDataset
from inspect_ai.model import GenerateConfig

from agentbench.agent.scaffold import tool_agent
from agentbench.endpoints.epoch import note_epoch
from agentbench.endpoints.generation import SUITE_MAX_TOKENS
from agentbench.spec import TaskFolder, discover
from agentbench.sandbox.backends import DEFAULT_BACKEND, BackendSettings, get_backend
from agentbench.suites.tool_use.samples import task_sample
from agentbench.suites.tool_use.staging import stage_task
from agentbench.suites.tool_use.verifier import verifier

SUITE = "tool_use"


def _split(value: str | None) -> set[str]:
    return {part.strip() for part in (value or "").split(",") if part.strip()}


def select_tasks(tasks: list[TaskFolder], ids: str | None = None, tags: str | None = None) -> list[TaskFolder]:
    """Filter by comma-separated ids and/or tags (a task matches any tag)."""
    wanted_ids, wanted_tags = _split(ids), _split(tags)
    unknown = wanted_ids - {t.spec.id for t in tasks}
    if unknown:
        raise ValueError(f"unknown tool_use task id(s): {', '.join(sorted(unknown))}")
    return [
        t
        for t in tasks
        if (not wanted_ids or t.spec.id in wanted_ids) and (not wanted_tags or wanted_tags & set(t.spec.tags))
    ]


@task
def tool_use(
    tasks_dir: str | None = None,
    ids: str | None = None,
    tags: str | None = None,
    sandbox: str = DEFAULT_BACKEND,
    command_timeout_s: int = 180,
    registry: str | None = None,
    runtime_class: str | None = None,
) -> Task:
    """Multi-step tool use in a sandbox, checked on the end state by each task's verifier.

    Args:
      tasks_dir: Extra folder(s) of tasks, comma-separated, besides the built-in ones.
      ids: Only these task ids (comma-separated).
      tags: Only tasks with one of these tags (comma-separated), e.g. `starter`.
      sandbox: Sandbox backend (`agentbench.sandbox.backends`): `docker` (isolated, default), `k8s`,
        or `local` (commands run on the host; development only).
      command_timeout_s: Timeout of one bash/python tool call.
      registry: Registry holding the sandbox images (k8s).
      runtime_class: Kubernetes RuntimeClass of the sandbox pods, e.g. `gvisor` (k8s).
    """
    backend = get_backend(sandbox)
    settings = BackendSettings(registry=registry, runtime_class=runtime_class)
    registry = discover([Path(p) for p in sorted(_split(tasks_dir))])
    chosen = select_tasks(registry.suite(SUITE), ids, tags)
    if not chosen:
        raise ValueError("no tool_use tasks selected")
    return Task(
        name=SUITE,
        dataset=MemoryDataset([task_sample(t, backend, settings) for t in chosen], name=SUITE),
        setup=stage_task(),
        solver=[note_epoch(), tool_agent(command_timeout_s)],
        scorer=verifier(),
        config=GenerateConfig(max_tokens=SUITE_MAX_TOKENS[SUITE]),
    )
