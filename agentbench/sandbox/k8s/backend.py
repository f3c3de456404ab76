"""The Kubernetes backend's table entry: one Helm release of the provider's chart per sample."""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence

from inspect_ai.util import SandboxEnvironmentSpec

from agentbench.sandbox.backends import BackendSettings, Progress, SandboxBackend
from agentbench.sandbox.errors import BackendUnavailable, EngineUnavailable
from agentbench.sandbox.freeze import freeze_agent
from agentbench.sandbox.k8s.values import helm_values, values_file
from agentbench.spec.schema import SandboxSpec

PROVIDER_TYPE = "k8s"
_MISSING = "--sandbox k8s needs the Kubernetes provider: pip install 'agentbench[k8s]'"


def _provider_config(values: dict[str, object]) -> object:
    try:
        from k8s_sandbox import K8sSandboxEnvironmentConfig
    except ImportError:
        raise BackendUnavailable(_MISSING) from None
    # A container restart (its main process killed, e.g. by the memory limit) loses the sample's state.
    return K8sSandboxEnvironmentConfig(values=values_file(values), restarted_container_behavior="raise")


def _sample_sandbox(spec: SandboxSpec, settings: BackendSettings) -> SandboxEnvironmentSpec:
    from agentbench.sandbox.k8s.registry import remote_reference

    image = remote_reference(spec.image, settings.registry or "")
    return SandboxEnvironmentSpec(PROVIDER_TYPE, _provider_config(helm_values(spec, image, settings.runtime_class)))


def _build_images(names: Sequence[str], settings: BackendSettings, progress: Progress) -> dict[str, str]:
    from agentbench.sandbox.k8s.registry import build_and_push

    return build_and_push(names, settings.registry or "", progress)


def _prepare(images: Sequence[str], settings: BackendSettings, progress: Progress) -> None:
    from agentbench.sandbox.k8s.prune import helm_labels, prune_releases

    if shutil.which("helm") is None:
        raise BackendUnavailable("--sandbox k8s needs `helm` (v3.13 or later) on PATH")
    os.environ["INSPECT_HELM_LABELS"] = helm_labels()
    removed = prune_releases()
    if removed:
        progress(f"uninstalled {removed} sandbox release(s) left behind by an earlier run")
    names = sorted(set(images))
    try:
        _build_images(names, settings, progress)
    except EngineUnavailable:
        # In a pod of the cluster (the shard Job) there is no engine: the images were pushed beforehand.
        progress(f"no Docker engine here: the cluster pulls {', '.join(names)} as pushed by "
                 f"`agentbench sandbox build --backend k8s --registry {settings.registry}`")


def _prune(everything: bool) -> int:
    from agentbench.sandbox.k8s.prune import prune_releases

    return prune_releases(everything)


BACKEND = SandboxBackend(
    name="k8s",
    help="one pod per sample on a Kubernetes cluster (inspect-k8s-sandbox; needs --registry)",
    isolated=True,
    uses_docker_engine=True,
    sample_sandbox=_sample_sandbox,
    prepare=_prepare,
    build_images=_build_images,
    prune=_prune,
    # The provider's errors and those of the Kubernetes client and its HTTP library.
    error_types=("k8s_sandbox.K8sError", "k8s_sandbox.PodError", "k8s_sandbox.", "kubernetes.", "urllib3.exceptions.",
                 "agentbench.sandbox."),
    verifier_user=None,
    verifier_on_host=False,
    # The pod's one user is the agent's: the freeze runs as it and kills every other process of it.
    freeze=lambda env: freeze_agent(env, None),
)
