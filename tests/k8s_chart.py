"""What the provider's `agent-env` chart would render from our values, for validating without helm.

helm is not installable here, so this follows the chart's templates (templates/services.yaml and
templates/additional-resources.yaml of the inspect-k8s-sandbox wheel) for the fields they emit,
after merging our values over the chart's values.yaml as helm does. The CiliumNetworkPolicy (a CRD)
is left out: kubernetes-validate knows only built-in kinds.
"""

from __future__ import annotations

import copy
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

KUBERNETES_VERSION = "1.33.0"
"""Pinned version of the Kubernetes API the manifests are validated against."""


def chart_dir() -> Path:
    return Path(str(files("k8s_sandbox"))) / "resources" / "helm" / "agent-env"


def _merge(base: Any, override: Any) -> Any:
    if isinstance(base, dict) and isinstance(override, dict):
        merged = dict(base)
        for key, value in override.items():
            merged[key] = _merge(base.get(key), value) if key in base else copy.deepcopy(value)
        return merged
    return copy.deepcopy(override)


def merged_values(values: dict[str, Any]) -> dict[str, Any]:
    """Our values over the chart's defaults, as helm merges them (maps merge, lists replace)."""
    defaults = yaml.safe_load((chart_dir() / "values.yaml").read_text())
    return _merge(defaults, values)


def render(values: dict[str, Any], release: str = "rel12345") -> list[dict[str, Any]]:
    """The StatefulSet of each service and the additional resources, as the chart renders them."""
    v = merged_values(values)
    chart = yaml.safe_load((chart_dir() / "Chart.yaml").read_text())
    fullname = f"agent-env-{release}"
    selector = {"app.kubernetes.io/name": "agent-env", "app.kubernetes.io/instance": release}
    docs: list[dict[str, Any]] = []
    for name, svc in v["services"].items():
        container: dict[str, Any] = {"name": name, "image": svc["image"]}
        if svc.get("imagePullPolicy"):
            container["imagePullPolicy"] = svc["imagePullPolicy"]
        if svc.get("command"):
            container["command"] = svc["command"]
        if svc.get("args"):
            container["args"] = svc["args"]
        if svc.get("workingDir"):
            container["workingDir"] = svc["workingDir"]
        container["env"] = [{"name": "AGENT_ENV", "value": fullname}]
        container["resources"] = svc.get("resources") or {
            "limits": {"memory": "2Gi", "cpu": "500m"}, "requests": {"memory": "2Gi", "cpu": "500m"}}
        container["volumeMounts"] = [*(svc.get("volumeMounts") or []),
                                     {"name": "resolv-conf", "mountPath": "/etc/resolv.conf", "subPath": "resolv.conf"}]
        if svc.get("securityContext"):
            container["securityContext"] = svc["securityContext"]
        coredns = {
            "name": "coredns", "image": v["corednsImage"], "command": v["corednsCommand"],
            "securityContext": v["corednsSecurityContext"],
            "resources": {"requests": {"memory": "128Mi", "cpu": "100m"}, "limits": {"memory": "128Mi", "cpu": "100m"}},
            "ports": [{"containerPort": 53, "protocol": "UDP", "name": "dns"},
                      {"containerPort": 53, "protocol": "TCP", "name": "dns-tcp"},
                      {"containerPort": v["corednsReadyPort"], "protocol": "TCP", "name": "dns-ready"}],
            "startupProbe": {"httpGet": {"path": "/ready", "port": "dns-ready"}, "periodSeconds": 1, "failureThreshold": 30},
            "volumeMounts": [{"name": "coredns-config", "mountPath": "/etc/coredns", "readOnly": True}],
        }
        pod: dict[str, Any] = {}
        if svc.get("runtimeClassName") != "CLUSTER_DEFAULT":
            pod["runtimeClassName"] = svc.get("runtimeClassName") or "gvisor"
        pod |= {
            "automountServiceAccountToken": v["automountServiceAccountToken"],
            "enableServiceLinks": False,
            "terminationGracePeriodSeconds": 0,
            "containers": [container, coredns],
            "volumes": [{"name": "coredns-config", "configMap": {"name": f"{fullname}-coredns-configmap"}},
                        {"name": "resolv-conf", "configMap": {"name": f"{fullname}-resolv-conf"}},
                        *[vol for vol in svc.get("volumes") or [] if not isinstance(vol, str)]],
        }
        if svc.get("tolerations"):
            pod["tolerations"] = svc["tolerations"]
        if svc.get("nodeSelector"):
            pod["nodeSelector"] = svc["nodeSelector"]
        labels = {**{k: str(x) for k, x in v["labels"].items()}, **selector,
                  "aisi.gov.uk/k8s-sandbox-version": str(chart["version"]), "inspect/service": name}
        docs.append({
            "apiVersion": "apps/v1", "kind": "StatefulSet",
            "metadata": {"name": f"{fullname}-{name}", "labels": {**selector, "inspect/service": name},
                         "annotations": v["annotations"]},
            "spec": {"serviceName": "", "replicas": 1,
                     "selector": {"matchLabels": {**selector, "inspect/service": name}},
                     "template": {"metadata": {"labels": labels, "annotations": v["annotations"]}, "spec": pod}},
        })
    for extra in v["additionalResources"]:
        text = extra if isinstance(extra, str) else yaml.safe_dump(extra)
        docs.append(yaml.safe_load(text.replace("{{ .Release.Name }}", release)))
    return docs
