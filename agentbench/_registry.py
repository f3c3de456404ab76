"""Inspect entry point (`inspect_ai` group in pyproject.toml): importing registers our extensions."""

import agentbench.sandbox.environment  # noqa: F401  (registers the `agentbench_docker` sandbox)
