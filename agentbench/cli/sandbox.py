"""`agentbench sandbox`: build the sandbox images, prune leftover sandboxes, check the engine."""

from __future__ import annotations

import click

from agentbench.sandbox.backend_names import BACKEND_NAMES, DEFAULT_BACKEND

_backend_option = click.option("--backend", type=click.Choice(BACKEND_NAMES), default=DEFAULT_BACKEND, show_default=True,
                               help="Sandbox backend.")


def _failures() -> tuple[type[Exception], ...]:
    """What a sandbox verb reports in one line (imported only when a verb runs)."""
    from docker.errors import DockerException
    from requests.exceptions import RequestException

    from agentbench.sandbox.errors import BackendUnavailable, EngineUnavailable, ImageBuildError

    return EngineUnavailable, BackendUnavailable, ImageBuildError, DockerException, RequestException, ValueError


def _progress(message: str) -> None:
    click.echo(message, err=True)


@click.group()
def sandbox() -> None:
    """Sandboxes: images under sandboxes/, leftovers of killed runs, the Docker engine."""


@sandbox.command()
@click.argument("names", nargs=-1)
@_backend_option
@click.option("--registry", help="Registry to push the images to (--backend k8s), e.g. registry.example.com:5000/team.")
def build(names: tuple[str, ...], backend: str, registry: str | None) -> None:
    """Build sandbox images (default: every folder under sandboxes/); unchanged ones are kept.

    With --backend k8s they are also tagged for --registry and pushed there.
    """
    from agentbench.sandbox.backends import BackendSettings, get_backend
    from agentbench.sandbox.docker.images import image_names

    chosen = get_backend(backend)
    if chosen.build_images is None:
        raise click.ClickException(f"the {backend} backend uses no images")
    try:
        tags = chosen.build_images(names or image_names(), BackendSettings(registry=registry), _progress)
    except _failures() as exc:
        raise click.ClickException(str(exc)) from None
    for name, tag in tags.items():
        click.echo(f"{name}\t{tag}")


@sandbox.command()
@_backend_option
@click.option("--all", "everything", is_flag=True, help="Also remove sandboxes of runs still in progress.")
def prune(backend: str, everything: bool) -> None:
    """Remove sandboxes whose runner process is gone (after a crash or SIGKILL)."""
    from agentbench.sandbox.backends import get_backend

    try:
        removed = get_backend(backend).prune(everything)
    except _failures() as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"removed {removed} sandbox(es)")


@sandbox.command()
def engine() -> None:
    """Check that a Docker engine answers, starting a local dockerd when allowed."""
    from docker.errors import DockerException
    from requests.exceptions import RequestException

    from agentbench.sandbox.docker.engine import ensure_engine
    from agentbench.sandbox.errors import EngineUnavailable

    try:
        client = ensure_engine(progress=_progress)
        version = client.version()
    except (EngineUnavailable, DockerException, RequestException) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Docker engine {version['Version']} (API {version['ApiVersion']}) at {client.api.base_url}")
