"""Sandbox backends as a table: one entry per place a tool-use agent can run.

An entry says everything the generic path needs of a backend: the Inspect sandbox a sample gets,
how to make it ready before the first sample (images, leftovers of killed runs), how to prune
what a killed run left, which exceptions mean the sandbox (not the model) failed, and how the
verifier runs in it. The runner, the tool-use suite, the CLI and failure analysis read this table
and name no backend themselves.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass

from inspect_ai.util import OutputLimitExceededError, SandboxEnvironment, SandboxEnvironmentSpec, SandboxUnavailableError

from agentbench.sandbox.backend_names import BACKEND_NAMES, DEFAULT_BACKEND
from agentbench.sandbox.errors import SetupFailed
from agentbench.spec.schema import SandboxSpec

Progress = Callable[[str], None]


@dataclass(frozen=True)
class BackendSettings:
    """What the user chose for the backend beyond its name (only some backends use each)."""

    registry: str | None = None
    """Registry the images are pushed to and pulled from (k8s)."""
    runtime_class: str | None = None
    """Kubernetes RuntimeClass of the sandbox pods, e.g. `gvisor` (k8s)."""


@dataclass(frozen=True)
class SandboxBackend:
    """One backend: how samples get its sandbox and how the run prepares, prunes and classifies."""

    name: str
    help: str
    isolated: bool
    uses_docker_engine: bool
    """Whether runs need the local Docker engine (its version then goes into run.json)."""
    sample_sandbox: Callable[[SandboxSpec, BackendSettings], SandboxEnvironmentSpec]
    prepare: Callable[[Sequence[str], BackendSettings, Progress], None]
    """Before the first sample: make the backend ready for the named `sandboxes/` images (engine, leftovers
    pruned, images built) or fail in one line."""
    build_images: Callable[[Sequence[str], BackendSettings, Progress], dict[str, str]] | None
    """Build (and publish where the backend pulls from) the named `sandboxes/` images; name -> image reference."""
    prune: Callable[[bool], int]
    """Remove what killed runs left (everything of ours with True); returns how many were removed."""
    error_types: tuple[str, ...]
    """Qualified exception class names, or module prefixes ending in '.', that mean this backend failed
    (a bare class name in an error message, with no traceback, matches a declared class by its last part)."""
    verifier_user: str | None
    """User the verifier runs as (None: the sandbox's default user)."""
    verifier_on_host: bool
    """Whether the sandbox's files are this host's (the verifier then gets a fresh host folder)."""
    freeze: Callable[[SandboxEnvironment], Awaitable[None]] | None
    """Kill every process of the agent before the verifier runs, so none can race it (None: the
    backend cannot, e.g. `local`, where the agent's user is this host's)."""


def qualified_name(cls: type) -> str:
    """`module.Class`, as a traceback names an exception class."""
    return f"{cls.__module__}.{cls.__qualname__}"


# Inspect's own sandbox failures and a sample's failed preparation, whichever backend raised them.
COMMON_ERROR_TYPES = (qualified_name(OutputLimitExceededError), qualified_name(SandboxUnavailableError),
                      qualified_name(SetupFailed))


def _docker() -> SandboxBackend:
    from agentbench.sandbox.docker import backend as docker_backend

    return docker_backend.BACKEND


def _local() -> SandboxBackend:
    def prepare(images: Sequence[str], settings: BackendSettings, progress: Progress) -> None:
        progress("warning: --sandbox local runs the agent's commands on this host, unisolated (development only)")

    return SandboxBackend(
        name="local",
        help="commands run on this host, unisolated (development only)",
        isolated=False,
        uses_docker_engine=False,
        sample_sandbox=lambda spec, settings: SandboxEnvironmentSpec("local"),
        prepare=prepare,
        build_images=None,
        prune=lambda everything: 0,
        error_types=(),
        verifier_user=None,
        verifier_on_host=True,
        freeze=None,
    )


def _k8s() -> SandboxBackend:
    from agentbench.sandbox.k8s import backend

    return backend.BACKEND


_FACTORIES: Mapping[str, Callable[[], SandboxBackend]] = {"docker": _docker, "k8s": _k8s, "local": _local}
assert tuple(_FACTORIES) == BACKEND_NAMES, "backend_names.py lists the table's entries"


def get_backend(name: str) -> SandboxBackend:
    """The backend called `name`; a one-line ValueError names the known ones otherwise."""
    factory = _FACTORIES.get(name)
    if factory is None:
        raise ValueError(f"unknown sandbox backend {name!r}; choose from {', '.join(BACKEND_NAMES)}")
    return factory()


def sample_backend(metadata: Mapping[str, object]) -> SandboxBackend:
    """The backend a tool-use sample ran in, from the name its metadata records."""
    return get_backend(str(metadata.get("sandbox", DEFAULT_BACKEND)))


# An exception's header line in a Python traceback: `package.module.Class: message` (or no message),
# possibly indented and prefixed with `|` inside an exception group.
_EXCEPTION_LINE = re.compile(r"^[ \t|+-]*((?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*)(?::(?: |$)|$)", re.MULTILINE)


def exception_types(traceback: str) -> list[str]:
    """Qualified names of the exceptions a traceback shows (chained and grouped ones included)."""
    return _EXCEPTION_LINE.findall(traceback)


def _all_error_types() -> tuple[str, ...]:
    declared = [*COMMON_ERROR_TYPES]
    for name in BACKEND_NAMES:
        declared += get_backend(name).error_types
    return tuple(declared)


def is_sandbox_failure(message: str, traceback: str) -> bool:
    """Whether an error was raised by a sandbox: an exception in its traceback is one a backend
    declares, or (no traceback) the message is the repr of one (`SandboxCrashed('...')`)."""
    declared = _all_error_types()
    names = exception_types(traceback)
    if not names:
        head = message.split("(", 1)[0].strip()
        names = [head] if head else []
    for name in names:
        for kind in declared:
            if kind.endswith(".") and name.startswith(kind):
                return True
            if name == kind or (("." not in name) and name == kind.rsplit(".", 1)[-1]):
                return True
    return False
