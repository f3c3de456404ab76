"""The `agentbench` command: a click group of verbs, each in its own module."""

from __future__ import annotations

import click

from agentbench.cli.baseline import baseline
from agentbench.cli.compare import compare, gate
from agentbench.cli.merge import merge
from agentbench.cli.probe import probe
from agentbench.cli.report import report
from agentbench.cli.run import run
from agentbench.cli.sandbox import sandbox
from agentbench.cli.serve import serve
from agentbench.cli.tasks import tasks


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="agentbench")
def cli() -> None:
    """Measure how well LLM endpoints do agentic, long-context work, and what each success costs."""


for command in (run, serve, tasks, sandbox, report, probe, compare, gate, baseline, merge):
    cli.add_command(command)


def main() -> None:
    cli()
