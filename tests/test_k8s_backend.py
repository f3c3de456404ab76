"""The Kubernetes backend without a cluster: our values against the chart's own schema, the manifests
the chart would render (and the shard Job example) against Kubernetes' schemas, pruning and pushing
decided from listings and a recording client."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

k8s_sandbox = pytest.importorskip("k8s_sandbox")
kubernetes_validate = pytest.importorskip("kubernetes_validate")

from kubernetes.client import V1ObjectMeta, V1Secret  # noqa: E402

from agentbench.sandbox import labels  # noqa: E402
from agentbench.sandbox.backends import BackendSettings, get_backend  # noqa: E402
from agentbench.sandbox.errors import ImageBuildError  # noqa: E402
from agentbench.sandbox.docker.images import image_tag  # noqa: E402
from agentbench.sandbox.k8s.prune import doomed_releases, helm_labels  # noqa: E402
from agentbench.sandbox.k8s.registry import check_registry, push_images  # noqa: E402
from agentbench.sandbox.k8s.values import helm_values  # noqa: E402
from agentbench.spec.schema import SandboxSpec  # noqa: E402
from tests.k8s_chart import KUBERNETES_VERSION, chart_dir, merged_values, render  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
IMAGE = "registry.example.com:5000/agentbench/base:0123456789ab"
SPECS = {
    "default": SandboxSpec(),
    "small": SandboxSpec(memory_mb=256, cpus=0.25, pids=64, workdir="/work/here"),
    "networked": SandboxSpec(network=True, cpus=2),
}


def _schema() -> dict[str, Any]:
    return json.loads((chart_dir() / "values.schema.json").read_text())


def _validate_manifests(docs: list[dict[str, Any]]) -> None:
    for doc in docs:
        kubernetes_validate.validate(doc, KUBERNETES_VERSION, strict=True)


@pytest.mark.parametrize("runtime_class", [None, "gvisor"])
@pytest.mark.parametrize("spec", SPECS.values(), ids=SPECS.keys())
def test_values_pass_the_charts_own_schema_and_render_valid_manifests(spec: SandboxSpec, runtime_class: str | None) -> None:
    values = helm_values(spec, IMAGE, runtime_class)
    jsonschema.Draft7Validator(_schema()).validate(merged_values(values))
    _validate_manifests(render(values))


def _agent_pod(values: dict[str, Any]) -> dict[str, Any]:
    return next(d for d in render(values) if d["kind"] == "StatefulSet")["spec"]["template"]


def test_rendered_pod_keeps_our_hardening() -> None:
    spec = SPECS["small"]
    template = _agent_pod(helm_values(spec, IMAGE))
    pod = template["spec"]
    agent = pod["containers"][0]
    assert "runtimeClassName" not in pod
    assert pod["automountServiceAccountToken"] is False
    assert agent["image"] == IMAGE and agent["workingDir"] == "/work/here"
    assert agent["resources"]["limits"] == agent["resources"]["requests"] == {"memory": "256Mi", "cpu": "250m"}
    context = agent["securityContext"]
    assert context["runAsNonRoot"] is True and context["runAsUser"] == 1000
    assert context["allowPrivilegeEscalation"] is False and context["privileged"] is False
    assert context["capabilities"] == {"drop": ["ALL"]}
    mounts = {m["mountPath"] for m in agent["volumeMounts"]}
    assert {"/work/here", "/agentbench"} <= mounts
    assert _agent_pod(helm_values(spec, IMAGE, "gvisor"))["spec"]["runtimeClassName"] == "gvisor"


def test_no_network_means_a_policy_that_selects_the_sandbox_pod_and_allows_nothing() -> None:
    docs = render(helm_values(SPECS["default"], IMAGE), release="abc123")
    policies = [d for d in docs if d["kind"] == "NetworkPolicy"]
    assert len(policies) == 1
    policy = policies[0]["spec"]
    pod_labels = _agent_pod(helm_values(SPECS["default"], IMAGE))["metadata"]["labels"]
    selector = policy["podSelector"]["matchLabels"]
    assert selector == {"app.kubernetes.io/instance": "abc123"}
    assert pod_labels["app.kubernetes.io/instance"] == "rel12345"  # the default release of render()
    assert set(policy["policyTypes"]) == {"Ingress", "Egress"} and policy["egress"] == [] and policy["ingress"] == []
    networked = helm_values(SPECS["networked"], IMAGE)
    assert not [d for d in render(networked) if d["kind"] == "NetworkPolicy"]
    assert networked["allowEntities"] == ["world"]


def test_the_checks_can_fail() -> None:
    """A key the chart does not know, and a manifest Kubernetes would refuse, are caught."""
    values = helm_values(SandboxSpec(), IMAGE)
    values["services"]["default"]["memory"] = "1Gi"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(_schema()).validate(merged_values(values))
    pod = _agent_pod(helm_values(SandboxSpec(), IMAGE))
    stateful = {"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "x"},
                "spec": {"serviceName": "", "selector": {"matchLabels": {"a": "b"}}, "template": pod}}
    stateful["spec"]["template"]["spec"]["containers"][0]["securityContext"]["runAsUser"] = "agent"
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(stateful, KUBERNETES_VERSION, strict=True)


def test_samples_get_the_providers_config_with_a_values_file(fixture_tasks, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("AGENTBENCH_CACHE", str(tmp_path))
    backend = get_backend("k8s")
    settings = BackendSettings(registry="registry.example.com:5000/team/", runtime_class="gvisor")
    sandbox = backend.sample_sandbox(SandboxSpec(memory_mb=512), settings)
    assert sandbox.type == "k8s"
    assert isinstance(sandbox.config, k8s_sandbox.K8sSandboxEnvironmentConfig)
    assert sandbox.config.restarted_container_behavior == "raise"
    written = yaml.safe_load(Path(sandbox.config.values).read_text())
    service = written["services"]["default"]
    assert service["image"] == f"registry.example.com:5000/team/{image_tag('base')}"
    assert service["runtimeClassName"] == "gvisor" and service["resources"]["limits"]["memory"] == "512Mi"
    assert backend.sample_sandbox(SandboxSpec(memory_mb=512), settings).config.values == sandbox.config.values
    with pytest.raises(ValueError, match="needs --registry"):
        backend.sample_sandbox(SandboxSpec(), BackendSettings())


@pytest.mark.parametrize("bad", ["", "https://registry.example.com", "reg istry", "registry.example.com/Team"])
def test_registry_must_be_a_reference(bad: str) -> None:
    with pytest.raises(ValueError):
        check_registry(bad)


def _secret(name: str, revision: int, **extra: str) -> V1Secret:
    found = {"owner": "helm", "name": name, "version": str(revision), "inspectSandbox": "true", **extra}
    return V1Secret(metadata=V1ObjectMeta(name=f"sh.helm.release.v1.{name}.v{revision}", namespace="evals", labels=found))


def _ours(run: str, host: str, pid: int) -> dict[str, str]:
    return {labels.RUN_ID: run, labels.HOST: host, labels.PID: str(pid)}


def test_prune_takes_releases_of_dead_runners_on_this_host_only() -> None:
    secrets = [
        _secret("dead1", 1, **_ours("r1", "me", 11)),
        _secret("dead1", 2, **_ours("r1", "me", 11)),  # a second revision of the same release
        _secret("live", 1, **_ours("r2", "me", 22)),
        _secret("elsewhere", 1, **_ours("r3", "other-host", 11)),
        _secret("not-ours", 1),
        V1Secret(metadata=V1ObjectMeta(name="unrelated", namespace="evals", labels={"app": "x"})),
    ]
    alive = {22}.__contains__
    assert [r.name for r in doomed_releases(secrets, "me", everything=False, alive=alive)] == ["dead1"]
    assert [r.name for r in doomed_releases(secrets, "me", everything=True, alive=alive)] == ["dead1", "elsewhere", "live"]
    assert {r.run_id for r in doomed_releases(secrets, "me", everything=True, alive=alive)} == {"r1", "r2", "r3"}


def test_helm_labels_name_this_run_and_runner(monkeypatch) -> None:
    monkeypatch.setenv("AGENTBENCH_RUN_ID", "20261130-190000-ab12")
    found = dict(item.split("=") for item in helm_labels().split(","))
    assert found[labels.RUN_ID] == "20261130-190000-ab12" and found[labels.PID].isdigit()
    assert "inspectSandbox" not in found  # the provider adds it and refuses it from us


class _RecordingApi:
    def __init__(self, push_chunks: list[dict[str, str]]) -> None:
        self.calls: list[tuple] = []
        self.push_chunks = push_chunks

    def tag(self, image: str, repository: str, tag: str) -> bool:
        self.calls.append(("tag", image, repository, tag))
        return True

    def push(self, repository: str, tag: str, stream: bool, decode: bool):
        self.calls.append(("push", repository, tag))
        return iter(self.push_chunks)


def test_push_tags_each_image_for_the_registry_and_reports_a_refused_push() -> None:
    api = _RecordingApi([{"status": "Pushed"}])
    pushed = push_images(api, {"base": "agentbench/base:0123456789ab"}, "localhost:5000", lambda _: None)
    assert pushed == {"base": "localhost:5000/agentbench/base:0123456789ab"}
    assert api.calls == [("tag", "agentbench/base:0123456789ab", "localhost:5000/agentbench/base", "0123456789ab"),
                         ("push", "localhost:5000/agentbench/base", "0123456789ab")]
    refused = _RecordingApi([{"status": "Preparing"}, {"error": "denied: requested access to the resource is denied"}])
    with pytest.raises(ImageBuildError, match="pushing localhost:5000/agentbench/base:0123456789ab failed: denied"):
        push_images(refused, {"base": "agentbench/base:0123456789ab"}, "localhost:5000", lambda _: None)


def _example(name: str) -> list[dict[str, Any]]:
    return [d for d in yaml.safe_load_all((ROOT / "examples" / "k8s" / name).read_text()) if d]


def test_shard_job_example_is_valid_and_runs_every_shard_once() -> None:
    docs = _example("shards-job.yaml")
    _validate_manifests(docs)
    job = next(d for d in docs if d["kind"] == "Job")["spec"]
    assert job["completionMode"] == "Indexed"
    shards = job["completions"]
    assert job["parallelism"] <= shards
    container = job["template"]["spec"]["containers"][0]
    args = container["args"]
    assert args[args.index("--shard") + 1] == f"$(JOB_COMPLETION_INDEX)/{shards}"
    assert args[args.index("--sandbox") + 1] == "k8s" and "--registry" in args
    assert "JOB_COMPLETION_INDEX" in {e["name"] for e in container["env"]}
    assert job["template"]["spec"]["restartPolicy"] == "Never"


def test_runner_role_grants_what_the_provider_does() -> None:
    docs = _example("shards-job.yaml")
    role = next(d for d in docs if d["kind"] == "Role")
    granted = {(g, r) for rule in role["rules"] for g in rule["apiGroups"] for r in rule["resources"]}
    for needed in [("", "pods"), ("", "pods/exec"), ("", "secrets"), ("", "configmaps"), ("", "services"),
                   ("apps", "statefulsets"), ("networking.k8s.io", "networkpolicies"), ("cilium.io", "ciliumnetworkpolicies")]:
        assert needed in granted, needed
    binding = next(d for d in docs if d["kind"] == "RoleBinding")
    account = next(d for d in docs if d["kind"] == "ServiceAccount")["metadata"]["name"]
    assert binding["subjects"][0]["name"] == account
    job = next(d for d in docs if d["kind"] == "Job")
    assert job["spec"]["template"]["spec"]["serviceAccountName"] == account


def test_prune_without_a_cluster_is_one_line(tmp_path, monkeypatch) -> None:
    from click.testing import CliRunner

    from agentbench.cli.main import cli

    monkeypatch.setenv("KUBECONFIG", str(tmp_path / "no-kubeconfig"))
    monkeypatch.delenv("KUBERNETES_SERVICE_HOST", raising=False)
    result = CliRunner().invoke(cli, ["sandbox", "prune", "--backend", "k8s"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: no Kubernetes cluster configured") and result.output.count("\n") == 1
