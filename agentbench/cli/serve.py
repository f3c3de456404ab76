"""`agentbench serve`: the reference server in the foreground, for other harnesses and manual checks."""

from __future__ import annotations

from pathlib import Path

import click

from agentbench.cli.allocator import fix_mmap_threshold
from agentbench.tokenizers import DEFAULT_TOKENIZER, UnknownTokenizer


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port (0: any free port).")
@click.option("--api-key", default=None, help="Require this bearer key from clients.")
@click.option("--tokenizer", default=DEFAULT_TOKENIZER, show_default=True, help="Tokenizer counting usage: qwen3, deepseek-v3 or hf:PATH.")
@click.option("--context-window", type=click.IntRange(min=1), default=None, help="Context window of ref/oracle and ref/null.")
@click.option(
    "--tasks-dir",
    "tasks_dirs",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Extra task folder ref/oracle should know (repeatable).",
)
@click.option(
    "--faults",
    default="",
    help="Misbehaviour to inject, e.g. rate_limit=0.2,retry_after_s=1,drop=0.1,ttft_s=0.5,tokens_per_s=40,seed=1 "
    "(see README: Fault injection; per request: the X-Agentbench-Faults header).",
)
@click.option("--model-card", "model_cards", multiple=True, type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="Your model card (YAML) for a simulated reference model (repeatable).")
@click.option("--time-scale", default=1.0, show_default=True, type=click.FloatRange(min=0, min_open=True, max=1),
              help="Real sleep per second of simulated models' planted latency (reported timings stay planted).")
def serve(host: str, port: int, api_key: str | None, tokenizer: str, context_window: int | None, tasks_dirs: tuple[Path, ...],
          faults: str, model_cards: tuple[Path, ...], time_scale: float) -> None:
    """Serve the reference models (ref/oracle, ref/null, ref/oracle-8k and the simulated ref/sim-*) over OpenAI's Chat Completions API."""
    fix_mmap_threshold()
    from agentbench.refserver.app import create_app
    from agentbench.refserver.faults import FaultSpecError, parse_faults
    from agentbench.refserver.listen import ListenError, base_url, bind_socket, uvicorn_server
    from agentbench.refserver.settings import Settings
    from agentbench.refserver.sim.card import CardError

    try:
        settings = Settings(host=host, port=port, api_key=api_key, tokenizer=tokenizer, context_window=context_window,
                            tasks_dirs=tasks_dirs, faults=parse_faults(faults), model_cards=model_cards, time_scale=time_scale)
        app = create_app(settings)
        sock = bind_socket(host, port)
    except (UnknownTokenizer, ListenError, FaultSpecError, CardError) as exc:
        raise click.ClickException(str(exc)) from None
    for error in app.state.registry.errors:
        click.echo(f"skipped task: {error}", err=True)
    click.echo(f"agentbench reference server at {base_url(sock)}")
    for model in app.state.service.models.values():
        simulated = " (simulated: planted by its model card)" if getattr(model, "serving", None) is not None else ""
        click.echo(f"  {model.name:<16} context window {model.context_window:,} tokens{simulated}")
    if faults:
        click.echo(f"injecting faults: {faults}")
    click.echo(f"ref/oracle knows {len(app.state.registry.tasks)} tool-use task(s); press Ctrl+C to stop.")
    try:
        uvicorn_server(app, quiet=False).run(sockets=[sock])
    except KeyboardInterrupt:
        pass  # uvicorn has shut down gracefully and re-raised Ctrl+C; stopping is the normal end
