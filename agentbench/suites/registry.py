"""Every suite agentbench knows: the built-in ones and those installed packages add through the
`agentbench.suites` entry point group (an entry point names a `Suite` object), just as tasks
come from `agentbench.tasks`. A broken plugin costs one error line, never the other suites.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import import_module
from importlib.metadata import entry_points
from typing import TYPE_CHECKING

from agentbench.analysis.column import Column
from agentbench.oracle import OracleStrategy
from agentbench.suites.plugin import Suite, SuiteOption

if TYPE_CHECKING:
    from agentbench.spec import TaskRegistry

ENTRY_POINT_GROUP = "agentbench.suites"
BUILTIN_SUITES: tuple[str, ...] = (
    "agentbench.suites.tool_use.suite:SUITE",
    "agentbench.suites.long_context.suite:SUITE",
    "agentbench.suites.agentic_long_context.suite:SUITE",
)
"""Where the built-in suites live (`module:attribute`), one line each."""


@dataclass(frozen=True)
class SuiteRegistry:
    """Suites by name, in registration order, and one line per plugin that failed to load."""

    suites: Mapping[str, Suite]
    errors: Sequence[str] = field(default=())

    @property
    def names(self) -> list[str]:
        return list(self.suites)

    def get(self, name: str) -> Suite:
        if name not in self.suites:
            raise ValueError(f"unknown suite {name!r}; choose from {', '.join(self.suites)}")
        return self.suites[name]

    def options(self) -> dict[str, tuple[SuiteOption, list[str]]]:
        """Every option by name, with the suites that take it (an option shared by several suites is one flag)."""
        found: dict[str, tuple[SuiteOption, list[str]]] = {}
        for suite in self.suites.values():
            for option in suite.options:
                found.setdefault(option.name, (option, []))[1].append(suite.name)
        return found

    def oracle_strategies(self, tasks: TaskRegistry) -> list[OracleStrategy]:
        """Each suite's oracle strategy, given the task folders the server found."""
        return [s for suite in self.suites.values() if (s := suite.oracle(tasks)) is not None]

    def columns(self, core: Sequence[Column]) -> tuple[Column, ...]:
        """The samples table's columns: `core`, then every suite's own."""
        from agentbench.analysis.columns import merge_columns

        return merge_columns(core, ((suite.name, column) for suite in self.suites.values() for column in suite.columns))


def _load(target: str) -> object:
    module, _, attribute = target.partition(":")
    return getattr(import_module(module), attribute)


def _problem(suite: object) -> str | None:
    """Why a loaded object is not a usable suite, or None."""
    if not isinstance(suite, Suite):
        missing = [a for a in ("name", "summary", "options", "starter", "columns", "task", "images", "oracle",
                               "report_section") if not hasattr(suite, a)]
        return f"not a Suite (lacks {', '.join(missing)})"
    if not isinstance(suite.name, str) or not suite.name.isidentifier():
        return f"bad suite name {suite.name!r}: must be an identifier"
    return None


def build_registry(candidates: Iterable[tuple[str, object | Exception]]) -> SuiteRegistry:
    """A registry from `(where, suite or the error loading it)` pairs; first name wins, later ones are errors."""
    suites: dict[str, Suite] = {}
    errors: list[str] = []
    for where, suite in candidates:
        problem = f"{type(suite).__name__}: {suite}" if isinstance(suite, Exception) else _problem(suite)
        if problem is None and suite.name in suites:  # type: ignore[union-attr]
            problem = f"suite name {suite.name!r} is taken"  # type: ignore[union-attr]
        if problem is not None:
            errors.append(f"suite {where}: {' '.join(problem.split())[:300]}")
            continue
        suites[suite.name] = suite  # type: ignore[union-attr]
    return SuiteRegistry(suites, tuple(errors))


def _candidates() -> Iterable[tuple[str, object | Exception]]:
    for target in BUILTIN_SUITES:
        yield target, _load(target)
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            yield f"{ep.name} ({ep.value})", ep.load()
        except Exception as exc:  # a plugin may fail in any way; the others still load
            yield f"{ep.name} ({ep.value})", exc


def load_suites() -> SuiteRegistry:
    """The built-in suites and every installed plugin suite (read afresh: nothing is kept between calls)."""
    return build_registry(_candidates())
