"""Sandboxes for tool-use samples: a table of backends, and each backend's own folder.

- `backends`: the table (`docker`, `k8s`, `local`): each entry's Inspect sandbox, preparation,
  image build, pruning, failure types, verifier settings and freeze. The generic path reads only this;
  `backend_names` lists the entries without importing any of them (for the CLI).
- `docker/`: the Docker entry (`docker/backend.py`) and its modules: `environment` (the `agentbench_docker`
  Inspect sandbox, registered when the Docker entry is loaded; per-sample config a `SandboxSpec`), `names`
  (its Inspect name and the agent's user, without the Docker SDK),
  `engine.ensure_engine` (DOCKER_HOST: unix, tcp+TLS, ssh; starts a local dockerd if allowed),
  `session.DockerSession` (what one eval's sandboxes share: client, images, live containers, OOM watch),
  `images.ensure_images` (the `sandboxes/<name>` images), `prune.prune_orphans`, `container`, `execution`,
  `stream`, `oom`, `debian_base`, `prepare`, `paths`.
- `k8s/`: the Kubernetes entry on `inspect-k8s-sandbox` (Helm values, registry push, pruning).
- Shared by backends: `labels` (whose sandbox is it), `freeze` (no agent process left before the
  verifier), `root_files` (many files in one command as a chosen user: the verifier's as root, a task's into
  the working directory; `write_file`/`read_file` act as the agent, one file a command),
  `errors` (`SandboxCrashed`, `SetupFailed`, `EngineUnavailable`, `BackendUnavailable`, `ImageBuildError`,
  `ExecTimeout`).
"""
