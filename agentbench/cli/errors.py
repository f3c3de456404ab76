"""Turn expected failures into one-line messages instead of tracebacks."""

from __future__ import annotations

import click

from agentbench.analysis.prices import PriceFileError
from agentbench.report import ReportError
from agentbench.run.preflight import EndpointUnavailable
from agentbench.sandbox.errors import BackendUnavailable, EngineUnavailable, ImageBuildError
from agentbench.spec import TaskLoadError
from agentbench.tokenizers import UnknownTokenizer

EXPECTED_ERRORS: tuple[type[Exception], ...] = (
    EndpointUnavailable, EngineUnavailable, BackendUnavailable, ImageBuildError, TaskLoadError, UnknownTokenizer,
    PriceFileError, ReportError, ValueError, FileNotFoundError,
)


def fail(message: str) -> None:
    """Print `error: message` on stderr and exit 1."""
    raise click.ClickException(message.splitlines()[0] if message else "failed")
