"""What a run evaluates: suites and their options, turned into Inspect tasks.

Suites come from the suite registry (built-in and installed plugins); each suite's options are
checked by the suite itself, so a bad value is one line naming the suite and the flag.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from agentbench.suites.plugin import RunContext, Suite
from agentbench.suites.registry import SuiteRegistry, load_suites
from agentbench.tokenizers import DEFAULT_TOKENIZER

if TYPE_CHECKING:
    from inspect_ai import Task

STARTER = "starter"
"""The default selection: every suite's `starter` part (tool-use tasks tagged `starter`, a small long-context grid)."""


class Selection:
    """Suites to run, what they share (`RunContext`) and their options by name (`lengths="1k,4k"`, `tags=...`).

    Raises ValueError (one line) for an unknown suite, an option no chosen suite takes, or a value
    a suite refuses. `suites == ("starter",)` is the quick default run.
    """

    def __init__(self, suites: Sequence[str] = (STARTER,), *, tasks_dirs: Sequence[Path | str] = (),
                 sandbox: str = "docker", tokenizer: str = DEFAULT_TOKENIZER, seed: int = 0,
                 image_registry: str | None = None, runtime_class: str | None = None,
                 registry: SuiteRegistry | None = None, **options: str | None) -> None:
        self.registry = registry or load_suites()
        self.suites = tuple(suites)
        # Absolute from here on: Inspect and the reference server may run with another working directory.
        self.context = RunContext(tokenizer, seed, sandbox, tuple(Path(p).resolve() for p in tasks_dirs),
                                  image_registry, runtime_class)
        self.options: dict[str, str] = {name: str(value) for name, value in options.items() if value is not None}
        for name in self.suites:
            if name != STARTER and name not in self.registry.suites:
                raise ValueError(f"unknown suite {name!r}; choose from {', '.join((STARTER, *self.registry.names))}")
        self._check_options()

    @property
    def tokenizer(self) -> str:
        return self.context.tokenizer

    @property
    def seed(self) -> int:
        return self.context.seed

    @property
    def sandbox(self) -> str:
        return self.context.sandbox

    @property
    def tasks_dirs(self) -> tuple[Path, ...]:
        return self.context.tasks_dirs

    def chosen(self) -> list[tuple[Suite, dict[str, str]]]:
        """Each suite to run with its options, in a stable order (the starter's parts first)."""
        picked: list[tuple[Suite, dict[str, str]]] = []
        if STARTER in self.suites:
            picked += [(suite, {**suite.starter, **self._own(suite)}) for suite in self.registry.suites.values()
                       if suite.starter is not None]
        picked += [(self.registry.get(name), self._own(self.registry.get(name))) for name in self.suites if name != STARTER]
        return picked

    def images(self) -> list[str]:
        """Sandbox images the chosen suites run in (none: no sandbox is needed)."""
        return sorted({image for suite, options in self.chosen() for image in suite.images(self.context, options)})

    def record(self) -> dict[str, Any]:
        """The selection as run.json keeps it."""
        return {"suites": list(self.suites), "tasks_dirs": [str(p) for p in self.tasks_dirs], "sandbox": self.sandbox,
                "image_registry": self.context.image_registry, "runtime_class": self.context.runtime_class,
                "tokenizer": self.tokenizer, "seed": self.seed, **self.options}

    def _own(self, suite: Suite) -> dict[str, str]:
        taken = {option.name for option in suite.options}
        return {name: value for name, value in self.options.items() if name in taken}

    def _check_options(self) -> None:
        suites = [suite for suite, _ in self.chosen()]
        for name, value in self.options.items():
            takers = [(suite, option) for suite in suites for option in suite.options if option.name == name]
            if not takers:
                known = self.registry.options()
                if name not in known:
                    raise ValueError(f"unknown option {name!r}: no suite of {', '.join(self.suites)} takes it")
                option, owners = known[name]
                raise ValueError(f"{option.cli_flag} is an option of {', '.join(owners)}, not of {', '.join(self.suites)}")
            for suite, option in takers:
                try:
                    option.check(value)
                except (ValueError, TypeError) as exc:
                    raise ValueError(f"{suite.name} {option.cli_flag} {value}: {' '.join(str(exc).split())}") from None


def build_tasks(sel: Selection) -> list[Task]:
    """The Inspect tasks for a selection, in a stable order."""
    return [suite.task(sel.context, options) for suite, options in sel.chosen()]


def options_of(registry: SuiteRegistry) -> Mapping[str, tuple[str, str]]:
    """Each option's CLI flag and help (prefixed by the suites that take it), for the run command."""
    return {name: (option.cli_flag, f"[{', '.join(suites)}] {option.help}")
            for name, (option, suites) in registry.options().items()}
