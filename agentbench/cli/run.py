"""`agentbench run`: evaluate models on suites and print the leaderboard."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click
from click.core import ParameterSource

from agentbench.cli.allocator import fix_mmap_threshold
from agentbench.cli.errors import expected_errors, fail
from agentbench.endpoints.config import DEFAULT_ENDPOINTS_FILE
from agentbench.run.selection import STARTER, options_of
from agentbench.sandbox.backend_names import BACKEND_NAMES, DEFAULT_BACKEND
from agentbench.suites.registry import load_suites
from agentbench.tokenizers import DEFAULT_TOKENIZER

if TYPE_CHECKING:
    from agentbench.endpoints.config import EndpointConfig
    from agentbench.run.endpoints import Endpoint
    from agentbench.run.runner import RunOutcome
    from agentbench.run.shards import Shard

INFRA_EXIT_CODE = 3
"""Exit code of a run whose share of infrastructure failures is over --max-infra-failures."""
DEFAULT_MAX_INFRA_SHARE = 0.2


RESUME_MAY_CHANGE = ("display", "max_samples", "max_sandboxes", "max_infra_failures")
"""Options of how a run proceeds, not of what it evaluates: a resume may set them anew."""
RESUME_KEY = "agentbench.resume"


class ShardType(click.ParamType):
    name = "I/N"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> Shard:
        from agentbench.run.shards import Shard, parse_shard

        if isinstance(value, Shard):
            return value
        try:
            return parse_shard(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


DEFAULT_TIME_SCALE = 0.02
"""Simulated models sleep a fiftieth of their planted latency in a run (recorded times stay planted)."""


_SUITES = load_suites()


def _suite_options(command: Callable[..., None]) -> Callable[..., None]:
    """One flag per suite option of every registered suite (shared by the suites that take it)."""
    for name, (flag, help_text) in reversed(list(options_of(_SUITES).items())):
        command = click.option(flag, name, help=help_text)(command)
    return command


@click.command()
@click.argument("suites", nargs=-1, type=click.Choice([STARTER, *_SUITES.names]))
@click.option("--model", "models", multiple=True, help="Model name (repeatable). Default: ref/oracle, ref/sim-a37b, ref/sim-a3b and ref/null on the embedded server.")
@click.option("--base-url", help="OpenAI-compatible base URL serving --model (omit for the embedded reference server).")
@click.option("--api-key-env", help="Environment variable holding the endpoint's API key (the key itself is never logged).")
@click.option("--endpoint", "endpoint_names", multiple=True, help="Named endpoint from the endpoints file (repeatable: run side by side).")
@click.option("--endpoints-file", default=DEFAULT_ENDPOINTS_FILE, show_default=True, type=click.Path(path_type=Path), help="YAML file of named endpoints.")
@click.option("--tasks-dir", "tasks_dirs", multiple=True, type=click.Path(path_type=Path), help="Extra folder of task folders (repeatable).")
@click.option("--sandbox", type=click.Choice(BACKEND_NAMES), default=DEFAULT_BACKEND, show_default=True, help="Sandbox backend of tool-use agents; local is unisolated.")
@click.option("--registry", help="Registry the sandbox images are pushed to and pulled from (--sandbox k8s).")
@click.option("--runtime-class", help="RuntimeClass of the sandbox pods, e.g. gvisor (--sandbox k8s).")
@click.option("--tokenizer", default=DEFAULT_TOKENIZER, show_default=True, help="Tokenizer for long-context budgets and the embedded server's usage.")
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
@click.option("--temperature", type=click.FloatRange(min=0), help="Sampling temperature for every model (default: the endpoint's).")
@click.option("--top-p", type=click.FloatRange(0, 1, min_open=True), help="Nucleus sampling top_p for every model (default: the endpoint's).")
@click.option("--max-tokens", type=click.IntRange(min=1), help="Tokens one reply may use (default: per suite and task, see README).")
@click.option("--sampling-seed", type=int, help="Sampling seed sent to every model (--seed seeds the long-context data).")
@click.option("--context-window", type=click.IntRange(min=1), help="Context window of every model (default: endpoints file, else what the server reports).")
@click.option("--timeout", "timeout_s", type=click.FloatRange(min=0.1), help="Seconds of silence before a model call is retried (default 600).")
@click.option("--shard", type=ShardType(),
              help="Run a deterministic 1/N of the samples (0 <= I < N; every model x sample x epoch in exactly one shard); `agentbench merge` joins the folders.")
@click.option("--resume", "resume_dir", type=click.Path(path_type=Path, exists=True, file_okay=False),
              help="Continue this run folder with its own options: completed samples kept, missing ones run, endpoint/sandbox errors retried.")
@click.option("--max-infra-failures", default=DEFAULT_MAX_INFRA_SHARE, show_default=True, type=click.FloatRange(0, 1),
              help=f"Share of samples that may end in endpoint_error/sandbox_error before the run exits {INFRA_EXIT_CODE}.")
@_suite_options
def run(suites: tuple[str, ...], models: tuple[str, ...], base_url: str | None, api_key_env: str | None,
        endpoint_names: tuple[str, ...], endpoints_file: Path, tasks_dirs: tuple[Path, ...], sandbox: str,
        registry: str | None, runtime_class: str | None, tokenizer: str,
        seed: int, epochs: int, max_samples: int | None, max_sandboxes: int | None,
        results_dir: Path, prices: Path | None, model_cards: tuple[Path, ...], time_scale: float,
        display: str | None, temperature: float | None, top_p: float | None, max_tokens: int | None,
        sampling_seed: int | None, context_window: int | None, timeout_s: float | None, shard: Shard | None,
        resume_dir: Path | None, max_infra_failures: float, **suite_options: str | None) -> None:
    """Run SUITES (default: the starter tasks) and print a leaderboard.

    Suites are the built-in ones and any an installed package adds (`agentbench.suites` entry
    points); each suite's options are listed below with the suites that take them in brackets.

    With no arguments: the embedded reference server, models ref/oracle, the simulated
    ref/sim-a37b and ref/sim-a3b (planted by model cards) and ref/null, the starter tool-use
    tasks and a small long-context grid.

    Exits 1 on bad input or when interrupted (Ctrl-C, SIGTERM, SIGHUP; completed samples are kept),
    3 when more than --max-infra-failures of the samples ended in endpoint or sandbox errors.
    """
    fix_mmap_threshold()
    from dataclasses import replace

    from agentbench.cli import invocation
    from agentbench.endpoints.config import pick_endpoints
    from agentbench.endpoints.generation import Generation
    from agentbench.refserver.sim.card import load_card
    from agentbench.run.endpoints import DEFAULT_MODELS, Endpoint
    from agentbench.run.runner import RunOptions, run as run_eval
    from agentbench.run.selection import Selection

    context = click.get_current_context()
    if resume_dir is not None:
        given = [name for name in context.params if name not in RESUME_MAY_CHANGE and name != "resume_dir"
                 and context.get_parameter_source(name) is ParameterSource.COMMANDLINE]
        if given:
            fail(f"--resume continues a run with the options it started with; drop --{given[0].replace('_', '-')}")
        try:
            stored = invocation.load(run, resume_dir)
        except expected_errors() as exc:
            fail(str(exc))
        stored.update({name: context.params[name] for name in RESUME_MAY_CHANGE})
        context.meta[RESUME_KEY] = resume_dir.resolve()
        context.invoke(run, **{**stored, "resume_dir": None})
        return
    resumed: Path | None = context.meta.get(RESUME_KEY)
    if base_url and not models:
        fail("--base-url needs --model NAME (the model name the endpoint serves)")
    for problem in _SUITES.errors:
        click.echo(f"warning: skipped broken suite plugin: {problem}", err=True)
    try:
        named = pick_endpoints(endpoints_file, endpoint_names) if endpoint_names else {}
        cards = [load_card(path).name for path in model_cards]
        defaults = [] if named else [*DEFAULT_MODELS, *(name for name in cards if name not in DEFAULT_MODELS)]
        endpoints = [*map(_named_endpoint, named.items()), *(Endpoint(m, base_url, api_key_env) for m in (models or defaults))]
        overrides = {**Generation(temperature=temperature, top_p=top_p, max_tokens=max_tokens, seed=sampling_seed).model_args(),
                     **({"context_window": context_window} if context_window else {}), **({"timeout_s": timeout_s} if timeout_s else {})}
        endpoints = [replace(e, model_args={**e.model_args, **overrides}, window_source="--context-window" if context_window else None)
                     for e in endpoints]
        selection = Selection(suites or (STARTER,), tasks_dirs=tasks_dirs, sandbox=sandbox, tokenizer=tokenizer,
                              seed=seed, image_registry=registry, runtime_class=runtime_class, registry=_SUITES,
                              **suite_options)
        outcome = run_eval(endpoints, selection, RunOptions(epochs=epochs, max_samples=max_samples,
                           max_sandboxes=max_sandboxes, results_dir=resumed.parent if resumed else results_dir,
                           run_id=resumed.name if resumed else None, resume=resumed is not None,
                           prices=prices, display=display, model_cards=model_cards, time_scale=time_scale, shard=shard,
                           invocation=invocation.record(run, context.params)),
                           progress=lambda m: click.echo(m, err=True))
    except expected_errors() as exc:
        fail(str(exc))
    _finish(outcome, max_infra_failures)


def _finish(outcome: RunOutcome, max_infra_failures: float) -> None:
    """Print the leaderboard and where results went; exit 1 when interrupted, 3 over the infrastructure-failure share."""
    from agentbench.analysis.failures import infrastructure_share
    from agentbench.analysis.metrics import failures
    from agentbench.cli.table import print_leaderboard

    print_leaderboard(outcome.leaderboard, failures(outcome.samples))
    click.echo(f"results: {outcome.files.run_dir}" + (f"  report: {outcome.files.report}" if outcome.files.report else ""))
    if outcome.interrupted:
        fail(f"interrupted: {len(outcome.samples)} completed sample(s) kept in {outcome.files.run_dir}")
    failed, share = infrastructure_share(outcome.samples["failure"])
    if share > max_infra_failures:
        click.echo(f"error: {failed} of {len(outcome.samples)} samples ({share:.0%}) ended in endpoint or sandbox errors, "
                   f"over the {max_infra_failures:.0%} allowed (--max-infra-failures): exit {INFRA_EXIT_CODE}", err=True)
        raise SystemExit(INFRA_EXIT_CODE)


def _named_endpoint(item: tuple[str, EndpointConfig]) -> Endpoint:
    from agentbench.run.endpoints import Endpoint

    name, config = item
    return Endpoint(config.model, config.base_url, config.api_key_env, name=name, model_args=config.model_args())
