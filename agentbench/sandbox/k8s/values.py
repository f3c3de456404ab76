"""A task's `SandboxSpec` as Helm values of the provider's `agent-env` chart.

The hardening of our Docker sandbox, in Kubernetes terms:
- no network: the chart's Cilium policy (only DNS of the sandbox's own services) plus a standard
  NetworkPolicy denying all egress and ingress of the release's pods, for any enforcing CNI;
- memory and CPU limits equal to requests (Guaranteed QoS). Kubernetes has no per-pod process
  limit: `pids` is left to the kubelet's `podPidsLimit`;
- the container runs as the image's unprivileged `agent` (uid 1000, runAsNonRoot), every capability
  dropped, no privilege escalation, the runtime's default seccomp profile;
- no service-account token in the pod; a RuntimeClass (`gvisor`) only when the user asks.
The working directory and /agentbench (the verifier's files, copied in after the agent stopped)
are emptyDir volumes, so the unprivileged user can write them.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path
from typing import Any

import yaml

from agentbench.paths import cache_dir
from agentbench.spec.schema import SandboxSpec

AGENT_UID = 1000
VERIFIER_DIR = "/agentbench"
CLUSTER_DEFAULT_RUNTIME = "CLUSTER_DEFAULT"
"""The chart's word for "leave runtimeClassName unset" (it defaults to gvisor otherwise)."""

DENY_ALL_NETWORK_POLICY = """apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ .Release.Name }}-agentbench-no-network
spec:
  podSelector:
    matchLabels:
      app.kubernetes.io/instance: {{ .Release.Name }}
  policyTypes: [Ingress, Egress]
  ingress: []
  egress: []
"""
"""Rendered by the chart through `tpl`, so the release name is filled in per sample."""


def _quantity_cpu(cpus: float) -> str:
    return f"{max(1, round(cpus * 1000))}m"


def security_context() -> dict[str, Any]:
    """The agent container's securityContext: unprivileged, nothing to escalate to."""
    return {
        "runAsNonRoot": True,
        "runAsUser": AGENT_UID,
        "runAsGroup": AGENT_UID,
        "allowPrivilegeEscalation": False,
        "privileged": False,
        "capabilities": {"drop": ["ALL"]},
        "seccompProfile": {"type": "RuntimeDefault"},
    }


def helm_values(spec: SandboxSpec, image: str, runtime_class: str | None = None) -> dict[str, Any]:
    """The chart's values for one sandbox of `spec` running `image` (a registry reference)."""
    limits = {"memory": f"{spec.memory_mb}Mi", "cpu": _quantity_cpu(spec.cpus)}
    service = {
        "image": image,
        "imagePullPolicy": "IfNotPresent",
        "runtimeClassName": runtime_class or CLUSTER_DEFAULT_RUNTIME,
        "command": ["sleep", "infinity"],
        "workingDir": spec.workdir,
        "resources": {"limits": limits, "requests": dict(limits)},
        "securityContext": security_context(),
        "volumes": [{"name": "agentbench-workdir", "emptyDir": {}}, {"name": "agentbench-verifier", "emptyDir": {}}],
        "volumeMounts": [
            {"name": "agentbench-workdir", "mountPath": spec.workdir},
            {"name": "agentbench-verifier", "mountPath": VERIFIER_DIR},
        ],
    }
    return {
        "global": {},
        "services": {"default": service},
        "networkPolicy": {"enabled": True},
        "allowEntities": ["world"] if spec.network else [],
        "additionalResources": [] if spec.network else [DENY_ALL_NETWORK_POLICY],
        "automountServiceAccountToken": False,
        "serviceAccountCreate": False,
    }


def values_file(values: dict[str, Any]) -> Path:
    """`values` written once under the cache, named by their content (the provider takes a file)."""
    text = yaml.safe_dump(values, sort_keys=True)
    digest = hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()[:16]
    path = cache_dir() / "k8s-values" / f"{digest}.yaml"
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=path.parent, suffix=".tmp", delete=False) as partial:
            partial.write(text)
        Path(partial.name).replace(path)
    return path
