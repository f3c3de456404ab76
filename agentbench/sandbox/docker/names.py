"""Names of the Docker sandbox that tasks and the backend table use, apart from the sandbox itself: importing
them does not import the Docker SDK (or register the sandbox; the backend's entry, `docker/backend.py`, does)."""

SANDBOX_TYPE = "agentbench_docker"
"""Inspect's name of our sandbox (`SandboxEnvironmentSpec(SANDBOX_TYPE, spec)`)."""
AGENT_USER = "agent"
"""The unprivileged user the agent's commands run as in the container."""
