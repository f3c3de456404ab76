"""Turn expected failures into one-line messages instead of tracebacks."""

from __future__ import annotations

import click


def expected_errors() -> tuple[type[Exception], ...]:
    """Failures a command reports in one line; imported only when an error is being matched
    (an `except expected_errors()` clause evaluates it then), so starting a command stays cheap."""
    from agentbench.analysis.prices import PriceFileError
    from agentbench.report.runs import ReportError
    from agentbench.run.preflight import EndpointUnavailable
    from agentbench.sandbox.errors import BackendUnavailable, EngineUnavailable, ImageBuildError
    from agentbench.spec import TaskLoadError
    from agentbench.tokenizers import UnknownTokenizer

    return (EndpointUnavailable, EngineUnavailable, BackendUnavailable, ImageBuildError, TaskLoadError, UnknownTokenizer,
            PriceFileError, ReportError, ValueError, FileNotFoundError)


def fail(message: str) -> None:
    """Print `error: message` on stderr and exit 1."""
    raise click.ClickException(message.splitlines()[0] if message else "failed")
