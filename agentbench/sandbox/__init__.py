"""Docker sandboxes for tool-use samples, on the Docker SDK (no compose needed).

- `environment`: the `agentbench_docker` Inspect sandbox (`AgentbenchDockerSandbox`), registered
  on import of `agentbench._registry`; its per-sample config is a `SandboxSpec`.
- `engine.ensure_engine`: a client for an engine that answers, starting local dockerd if allowed.
- `images.ensure_images`: build the `sandboxes/<name>` images that are missing.
- `prune.prune_orphans`: remove containers whose runner process is gone.
- `root_files`: write/read the verifier's files as root (`write_file`/`read_file` act as the agent).
- `errors`: `SandboxCrashed`, `EngineUnavailable`, `ImageBuildError`, `ExecTimeout`.
"""
