"""Imported by Inspect through the `inspect_ai` entry point: registers our model API, tasks and sandbox."""

import agentbench.run.progress_hook  # noqa: F401  (registers the progress hook)
import agentbench.sandbox.environment  # noqa: F401  (registers the `agentbench_docker` sandbox)
from agentbench.endpoints.openai_api import OpenAICompatibleAPI
from agentbench.suites.long_context.task import long_context
from agentbench.suites.tool_use.task import tool_use

__all__ = ["OpenAICompatibleAPI", "long_context", "tool_use"]
