"""Sandboxes for tool-use samples: a table of backends, and the Docker backend's modules.

- `backends`: the table (`docker`, `k8s`, `local`): each entry's Inspect sandbox, preparation,
  image build, pruning, failure types and verifier settings. The generic path reads only this.
- `docker_backend`: the Docker entry, over the modules below (they stay at this level for now).
- `k8s/`: the Kubernetes entry on `inspect-k8s-sandbox` (Helm values, registry push, pruning).
- `environment`: the `agentbench_docker` Inspect sandbox (`AgentbenchDockerSandbox`), registered
  on import of `agentbench._registry`; its per-sample config is a `SandboxSpec`.
- `engine.ensure_engine`: a client for an engine that answers (DOCKER_HOST: unix, tcp+TLS, ssh),
  starting local dockerd if allowed.
- `images.ensure_images`: build the `sandboxes/<name>` images that are missing.
- `prune.prune_orphans`: remove containers whose runner process is gone.
- `root_files`: write/read the verifier's files as root (`write_file`/`read_file` act as the agent).
- `errors`: `SandboxCrashed`, `EngineUnavailable`, `ImageBuildError`, `ExecTimeout`.
"""
