"""Uninstall the Helm releases (sandbox pods, network policies) a killed run left on the cluster.

Each release the provider installs for us carries our labels (`AGENTBENCH_HELM_LABELS`, set by the
backend's `prepare` through the provider's `INSPECT_HELM_LABELS`); Helm keeps release labels on the
Secret that stores the release. A release is an orphan under the rule Docker containers follow:
its runner ran on this host and that process is gone. `everything` takes every release of ours.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agentbench.sandbox import labels
from agentbench.sandbox.errors import BackendUnavailable
from agentbench.sandbox.docker.prune import runner_alive

RELEASE_SELECTOR = f"owner=helm,inspectSandbox=true,{labels.RUN_ID}"
"""Helm's release Secrets that the provider labelled and we labelled with a run id."""
UNINSTALL_TIMEOUT_S = 300
_IN_CLUSTER_NAMESPACE = Path("/var/run/secrets/kubernetes.io/serviceaccount/namespace")


@dataclass(frozen=True)
class Release:
    namespace: str
    name: str
    run_id: str


def helm_labels() -> str:
    """The provider's INSPECT_HELM_LABELS value naming this run and its runner process."""
    own = labels.container_labels("-")
    return ",".join(f"{key}={own[key]}" for key in (labels.RUN_ID, labels.HOST, labels.PID))


def doomed_releases(
    secrets: Iterable[Any], host: str, everything: bool, alive: Callable[[int], bool] = runner_alive
) -> list[Release]:
    """The releases to uninstall, from Helm's release Secrets (`V1Secret`s; one per release revision)."""
    doomed: dict[tuple[str, str], Release] = {}
    for secret in secrets:
        meta = secret.metadata
        found = meta.labels or {}
        if found.get("owner") != "helm" or labels.RUN_ID not in found or "name" not in found:
            continue
        if not everything:
            if found.get(labels.HOST) != host:
                continue
            try:
                if alive(int(found.get(labels.PID, ""))):
                    continue
            except ValueError:
                pass
        doomed[(meta.namespace, found["name"])] = Release(meta.namespace, found["name"], found[labels.RUN_ID])
    return sorted(doomed.values(), key=lambda r: (r.namespace, r.name))


def current_namespace() -> str:
    """The namespace the provider installs into: the kubeconfig context's, or the pod's in a cluster."""
    try:
        from kubernetes import config
    except ImportError:
        return "default"
    try:
        _, active = config.list_kube_config_contexts()
    except config.ConfigException:
        return _IN_CLUSTER_NAMESPACE.read_text().strip() if _IN_CLUSTER_NAMESPACE.is_file() else "default"
    return str(active.get("context", {}).get("namespace") or "default")


def _release_secrets(namespace: str) -> list[Any]:
    try:
        from kubernetes import client, config
    except ImportError:
        raise BackendUnavailable("the k8s backend needs the Kubernetes provider: pip install 'agentbench[k8s]'") from None

    try:
        try:
            config.load_kube_config()
        except config.ConfigException:
            config.load_incluster_config()
        return client.CoreV1Api().list_namespaced_secret(namespace, label_selector=RELEASE_SELECTOR).items
    except config.ConfigException as exc:
        raise BackendUnavailable(f"no Kubernetes cluster configured (kubeconfig or in-cluster): {exc}") from None
    except client.ApiException as exc:
        raise BackendUnavailable(f"listing Helm releases in namespace {namespace} failed: {exc.status} {exc.reason}") from None


def uninstall(release: Release) -> None:
    """`helm uninstall` one release (already gone counts as done); a one-line BackendUnavailable otherwise."""
    result = subprocess.run(
        ["helm", "uninstall", release.name, "--namespace", release.namespace, "--ignore-not-found",
         "--wait", f"--timeout={UNINSTALL_TIMEOUT_S}s"],
        capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise BackendUnavailable(f"helm uninstall {release.name} failed: {detail[-1] if detail else result.returncode}")


def prune_releases(everything: bool = False) -> int:
    """Uninstall our orphaned releases in the current namespace (all of ours with `everything`)."""
    namespace = current_namespace()
    doomed = doomed_releases(_release_secrets(namespace), socket.gethostname(), everything)
    if doomed and shutil.which("helm") is None:
        raise BackendUnavailable(f"{len(doomed)} sandbox release(s) to uninstall, but no `helm` on PATH")
    for release in doomed:
        uninstall(release)
    return len(doomed)
