"""The `agentbench` command: a click group of verbs, each in its own module.

Each verb's module is imported only when that verb runs (or `--help` lists it), and those modules
import their heavy dependencies (Inspect, pandas, matplotlib, Docker, the probe) inside the command,
so `agentbench --help` and the start of `agentbench run` pay only for what they use.
"""

from __future__ import annotations

import importlib

import click

COMMANDS: dict[str, str] = {
    "run": "agentbench.cli.run:run",
    "serve": "agentbench.cli.serve:serve",
    "tasks": "agentbench.cli.tasks:tasks",
    "sandbox": "agentbench.cli.sandbox:sandbox",
    "report": "agentbench.cli.report:report",
    "probe": "agentbench.cli.probe:probe",
    "compare": "agentbench.cli.compare:compare",
    "gate": "agentbench.cli.compare:gate",
    "baseline": "agentbench.cli.baseline:baseline",
    "merge": "agentbench.cli.merge:merge",
}
"""Verb -> `module:attribute` of its click command."""


class LazyGroup(click.Group):
    """A group whose commands are imported on first use (click's documented lazy-loading pattern)."""

    def __init__(self, *args: object, lazy: dict[str, str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._lazy = lazy

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self._lazy, *super().list_commands(ctx)})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self._lazy:
            return super().get_command(ctx, cmd_name)
        module_name, attribute = self._lazy[cmd_name].split(":")
        command = getattr(importlib.import_module(module_name), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{self._lazy[cmd_name]} is not a click command")
        return command


@click.group(cls=LazyGroup, lazy=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="agentbench")
def cli() -> None:
    """Measure how well LLM endpoints do agentic, long-context work, and what each success costs."""


def main() -> None:
    cli()
