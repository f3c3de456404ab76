"""What a suite is: the `Suite` protocol every built-in and installed suite implements.

A suite turns its options into one Inspect task, may teach `ref/oracle` its tasks, may add
columns to the samples table and a section to the report. `run`, `tasks list`, `report` and
the reference server know suites only through `agentbench.suites.registry`. Keep a suite's
module light: import Inspect and heavy code inside `task` and `report_section`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from agentbench.analysis.column import Column
from agentbench.oracle import OracleStrategy

if TYPE_CHECKING:
    import pandas as pd
    from inspect_ai import Task

    from agentbench.spec import TaskRegistry


@dataclass(frozen=True)
class SuiteOption:
    """One option of a suite, given on the command line as `--<flag>` and to `Selection` by `name`."""

    name: str
    help: str
    check: Callable[[str], object] = str
    """Validates the option's text; raises ValueError with a one-line reason when it is bad."""
    flag: str | None = None
    """The CLI flag without dashes (default: `name` with dashes for underscores)."""

    @property
    def cli_flag(self) -> str:
        return "--" + (self.flag or self.name.replace("_", "-"))


@dataclass(frozen=True)
class RunContext:
    """What every suite of a run shares: the tokenizer, data seed, sandbox backend (and its settings) and
    extra task folders."""

    tokenizer: str
    seed: int = 0
    sandbox: str = "docker"
    tasks_dirs: tuple[Path, ...] = field(default=())
    image_registry: str | None = None
    """Registry sandbox images are pushed to and pulled from (`--registry`, the k8s backend)."""
    runtime_class: str | None = None
    """Kubernetes RuntimeClass of sandbox pods (`--runtime-class`, the k8s backend)."""


@dataclass(frozen=True)
class ReportSection:
    """A suite's part of the HTML report: `html` is the whole `<section id=anchor>`; `title` goes in the navigation."""

    anchor: str
    title: str
    html: str


@runtime_checkable
class Suite(Protocol):
    """A suite of agentbench: a name, options, one Inspect task, and what it adds to the oracle, table and report."""

    name: str
    summary: str
    """One line for `agentbench tasks list` and `agentbench run --help`."""
    options: Sequence[SuiteOption]
    starter: Mapping[str, str] | None
    """Options of its part of the default quick run (`agentbench run` with no suite); None: not in it."""
    columns: Sequence[Column]
    """Columns it adds to the samples table (null in other suites' rows)."""

    def task(self, run: RunContext, options: Mapping[str, str]) -> Task:
        """The Inspect task for these (checked) options."""
        ...

    def images(self, run: RunContext, options: Mapping[str, str]) -> list[str]:
        """Sandbox images (folders under sandboxes/) its samples run in, built before the run; [] for none."""
        ...

    def oracle(self, tasks: TaskRegistry) -> OracleStrategy | None:
        """How `ref/oracle` solves this suite's samples (given the task folders the server knows), or None."""
        ...

    def report_section(self, samples: pd.DataFrame) -> ReportSection | None:
        """Its report section, from the whole samples table (priced), or None when it has nothing to show."""
        ...
