"""Imported by Inspect through the `inspect_ai` entry point: registers our model API, sandbox and the built-in
suites' tasks (for `inspect eval agentbench/<suite>`; `agentbench run` finds suites through `suites.registry`)."""

import agentbench.run.progress_hook  # noqa: F401  (registers the progress hook)
import agentbench.sandbox.docker.environment  # noqa: F401  (registers the `agentbench_docker` sandbox)
from agentbench.endpoints.openai_api import OpenAICompatibleAPI
from agentbench.suites.agentic_long_context.task import agentic_long_context
from agentbench.suites.long_context.task import long_context
from agentbench.suites.tool_use.task import tool_use

__all__ = ["OpenAICompatibleAPI", "agentic_long_context", "long_context", "tool_use"]
