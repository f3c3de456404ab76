"""Imported by Inspect through the `inspect_ai` entry point: registers our model API, tasks and sandbox."""

from agentbench.endpoints.openai_api import OpenAICompatibleAPI
from agentbench.suites.tool_use import tool_use

__all__ = ["OpenAICompatibleAPI", "tool_use"]
