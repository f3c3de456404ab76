"""`agentbench sandbox`: build the sandbox images, prune leftover containers, check the engine."""

from __future__ import annotations

import click


def _progress(message: str) -> None:
    click.echo(message, err=True)


@click.group()
def sandbox() -> None:
    """Docker sandboxes: images under sandboxes/, leftover containers, the engine."""


@sandbox.command()
@click.argument("names", nargs=-1)
def build(names: tuple[str, ...]) -> None:
    """Build sandbox images (default: every folder under sandboxes/); unchanged ones are kept."""
    from agentbench.sandbox.engine import ensure_engine
    from agentbench.sandbox.errors import EngineUnavailable, ImageBuildError
    from agentbench.sandbox.images import ensure_images, image_names

    try:
        ensure_engine(progress=_progress)
        tags = ensure_images(names or image_names(), progress=_progress)
    except (EngineUnavailable, ImageBuildError) as exc:
        raise click.ClickException(str(exc)) from None
    for name, tag in tags.items():
        click.echo(f"{name}\t{tag}")


@sandbox.command()
@click.option("--all", "everything", is_flag=True, help="Also remove containers of runs still in progress.")
def prune(everything: bool) -> None:
    """Remove sandbox containers whose runner process is gone (after a crash or SIGKILL)."""
    from docker.errors import DockerException
    from requests.exceptions import RequestException

    from agentbench.sandbox.engine import ensure_engine
    from agentbench.sandbox.errors import EngineUnavailable
    from agentbench.sandbox.prune import prune_orphans

    try:
        ensure_engine(progress=_progress)
        removed = prune_orphans(include_live=everything)
    except (EngineUnavailable, DockerException, RequestException) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"removed {removed} sandbox container(s)")


@sandbox.command()
def engine() -> None:
    """Check that a Docker engine answers, starting a local dockerd when allowed."""
    from docker.errors import DockerException
    from requests.exceptions import RequestException

    from agentbench.sandbox.engine import ensure_engine
    from agentbench.sandbox.errors import EngineUnavailable

    try:
        client = ensure_engine(progress=_progress)
        version = client.version()
    except (EngineUnavailable, DockerException, RequestException) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Docker engine {version['Version']} (API {version['ApiVersion']}) at {client.api.base_url}")
