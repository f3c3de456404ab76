"""`agentbench run`: evaluate models on suites and print the leaderboard."""

from __future__ import annotations

from pathlib import Path

import click

from agentbench.cli.errors import EXPECTED_ERRORS, fail
from agentbench.analysis.metrics import failures
from agentbench.cli.table import print_leaderboard
from agentbench.endpoints.config import DEFAULT_ENDPOINTS_FILE, EndpointConfig, pick_endpoints
from agentbench.refserver.sim.card import load_card
from agentbench.run.endpoints import DEFAULT_MODELS, Endpoint
from agentbench.run.runner import RunOptions, run as run_eval
from agentbench.run.selection import STARTER, SUITES, Selection
from agentbench.tokenizers import DEFAULT_TOKENIZER


DEFAULT_TIME_SCALE = 0.02
"""Simulated models sleep a fiftieth of their planted latency in a run (recorded times stay planted)."""


@click.command()
@click.argument("suites", nargs=-1, type=click.Choice([STARTER, *SUITES]))
@click.option("--model", "models", multiple=True, help="Model name (repeatable). Default: ref/oracle, ref/sim-a37b, ref/sim-a3b and ref/null on the embedded server.")
@click.option("--base-url", help="OpenAI-compatible base URL serving --model (omit for the embedded reference server).")
@click.option("--api-key-env", help="Environment variable holding the endpoint's API key (the key itself is never logged).")
@click.option("--endpoint", "endpoint_names", multiple=True, help="Named endpoint from the endpoints file (repeatable: run side by side).")
@click.option("--endpoints-file", default=DEFAULT_ENDPOINTS_FILE, show_default=True, type=click.Path(path_type=Path), help="YAML file of named endpoints.")
@click.option("--tasks-dir", "tasks_dirs", multiple=True, type=click.Path(path_type=Path), help="Extra folder of task folders (repeatable).")
@click.option("--task", "task_ids", help="Only these tool-use task ids (comma-separated).")
@click.option("--tags", help="Only tool-use tasks with one of these tags (comma-separated).")
@click.option("--sandbox", type=click.Choice(["docker", "local"]), default="docker", show_default=True, help="Where tool-use agents run; local is unisolated.")
@click.option("--tokenizer", default=DEFAULT_TOKENIZER, show_default=True, help="Tokenizer for long-context budgets and the embedded server's usage.")
@click.option("--lengths", help="Long-context lengths, e.g. 1k,4k,128k.")
@click.option("--depths", help="Long-context needle depths in percent, e.g. 0,50,100.")
@click.option("--max-length", help="Extend the default long-context grid through this length (e.g. 1m).")
@click.option("--variants", help="Long-context variants (comma-separated).")
@click.option("--haystack", help="Long-context haystack kind.")
@click.option("--seed", default=0, show_default=True, type=int)
@click.option("--epochs", default=1, show_default=True, type=click.IntRange(min=1))
@click.option("--max-samples", type=click.IntRange(min=1), help="Samples run at once per model.")
@click.option("--max-sandboxes", type=click.IntRange(min=1), help="Sandboxes alive at once.")
@click.option("--results-dir", default=Path("results"), show_default=True, type=click.Path(path_type=Path))
@click.option("--prices", type=click.Path(path_type=Path, exists=True, dir_okay=False), help="Your price file (YAML), tried before the shipped prices.")
@click.option("--model-card", "model_cards", multiple=True, type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="Your model card (YAML) for a simulated reference model (repeatable; run by default when no --model).")
@click.option("--time-scale", default=DEFAULT_TIME_SCALE, show_default=True, type=click.FloatRange(min=0, min_open=True, max=1),
              help="Real sleep per second of simulated models' planted latency (recorded TTFT/TPOT stay planted).")
@click.option("--display", type=click.Choice(["full", "rich", "plain", "log", "none"]), help="Inspect's progress display.")
def run(suites: tuple[str, ...], models: tuple[str, ...], base_url: str | None, api_key_env: str | None,
        endpoint_names: tuple[str, ...], endpoints_file: Path, tasks_dirs: tuple[Path, ...], task_ids: str | None,
        tags: str | None, sandbox: str, tokenizer: str,
        lengths: str | None, depths: str | None, max_length: str | None, variants: str | None,
        haystack: str | None, seed: int, epochs: int, max_samples: int | None, max_sandboxes: int | None,
        results_dir: Path, prices: Path | None, model_cards: tuple[Path, ...], time_scale: float,
        display: str | None) -> None:
    """Run SUITES (default: the starter tasks) and print a leaderboard.

    With no arguments: the embedded reference server, models ref/oracle, the simulated
    ref/sim-a37b and ref/sim-a3b (planted by model cards) and ref/null, the starter tool-use
    tasks and a small long-context grid.
    """
    if base_url and not models:
        fail("--base-url needs --model NAME (the model name the endpoint serves)")
    try:
        named = pick_endpoints(endpoints_file, endpoint_names) if endpoint_names else {}
        cards = [load_card(path).name for path in model_cards]
        defaults = [] if named else [*DEFAULT_MODELS, *(name for name in cards if name not in DEFAULT_MODELS)]
        endpoints = [*map(_named_endpoint, named.items()), *(Endpoint(m, base_url, api_key_env) for m in (models or defaults))]
        selection = Selection(
            suites=suites or (STARTER,), task_ids=task_ids, tags=tags, tasks_dirs=tasks_dirs, sandbox=sandbox,
            tokenizer=tokenizer, seed=seed, lengths=lengths, depths=depths, variants=variants,
            haystack=haystack, max_length=max_length,
        )
        outcome = run_eval(endpoints, selection, RunOptions(epochs=epochs, max_samples=max_samples,
                           max_sandboxes=max_sandboxes, results_dir=results_dir, prices=prices, display=display,
                           model_cards=model_cards, time_scale=time_scale),
                           progress=lambda m: click.echo(m, err=True))
    except EXPECTED_ERRORS as exc:
        fail(str(exc))
    print_leaderboard(outcome.leaderboard, failures(outcome.samples))
    click.echo(f"results: {outcome.files.run_dir}" + (f"  report: {outcome.files.report}" if outcome.files.report else ""))
    if outcome.interrupted:
        fail(f"interrupted: {len(outcome.samples)} completed sample(s) kept in {outcome.files.run_dir}")


def _named_endpoint(item: tuple[str, EndpointConfig]) -> Endpoint:
    name, config = item
    return Endpoint(config.model, config.base_url, config.api_key_env, name=name, model_args=config.model_args())
