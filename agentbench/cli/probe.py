"""`agentbench probe`: check an endpoint before a long run; pass/warn/fail with the fix for each problem."""

from __future__ import annotations

import os

from typing import TYPE_CHECKING

import click

from agentbench.endpoints.urls import check_base_url
from agentbench.tokenizers import DEFAULT_TOKENIZER, UnknownTokenizer

if TYPE_CHECKING:
    from rich.console import Console

    from agentbench.endpoints.probe import ProbeReport

_STYLES = {"pass": "green", "warn": "yellow", "fail": "red", "skip": "dim"}


@click.command("probe")
@click.option("--base-url", required=True, help="OpenAI-compatible base URL, e.g. http://localhost:8000/v1.")
@click.option("--model", required=True, help="Model name the endpoint serves.")
@click.option("--api-key-env", help="Environment variable holding the API key (the key itself is never printed).")
@click.option("--context-window", type=click.IntRange(min=1), help="Context window to test against (default: what /models reports).")
@click.option("--timeout", "timeout_s", default=120.0, show_default=True, type=click.FloatRange(min=0.1), help="Seconds of silence before a request counts as stalled.")
@click.option("--tokenizer", default=DEFAULT_TOKENIZER, show_default=True, help="Tokenizer sizing the long prompts.")
@click.option("--skip-long", is_flag=True, help="Skip the long and too-long prompt checks.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def probe(base_url: str, model: str, api_key_env: str | None, context_window: int | None, timeout_s: float,
          tokenizer: str, skip_long: bool, as_json: bool) -> None:
    """Check an endpoint: reachability, model, chat, streaming, tool calls, reasoning, context limits.

    Exits 1 when any check fails.
    """
    from agentbench.endpoints.probe import probe as probe_endpoint

    try:
        check_base_url(base_url)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    api_key = os.environ.get(api_key_env) if api_key_env else None
    if api_key_env and not api_key:
        raise click.ClickException(f"environment variable {api_key_env} (the API key) is not set")
    try:
        report = probe_endpoint(base_url, model, api_key, timeout_s=timeout_s, tokenizer=tokenizer,
                                context_window=context_window, long_checks=not skip_long)
    except UnknownTokenizer as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(report.to_json())
    else:
        print_report(report)
    if not report.ok:
        raise SystemExit(1)


def print_report(report: ProbeReport, console: Console | None = None) -> None:
    from rich.console import Console
    from rich.table import Table

    source = f" ({report.context_window_source})" if report.context_window_source else ""
    window = f", context window {report.context_window:,}{source}" if report.context_window else ""
    table = Table(title=f"agentbench probe: {report.model} at {report.base_url}{window}")
    for name in ("check", "result", "detail", "fix"):
        table.add_column(name)
    for check in report.checks:
        table.add_row(check.name, f"[{_STYLES[check.status]}]{check.status}[/]", check.detail, check.fix)
    (console or Console()).print(table)
