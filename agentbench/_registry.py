"""Imported by Inspect through the `inspect_ai` entry point: registers our model API, the run's hooks and the
built-in suites' tasks (for `inspect eval agentbench/<suite>`; `agentbench run` finds suites through
`suites.registry`).

Inspect loads every entry point whenever it creates a model, so this module stays light: the model API
(the openai SDK) is imported when an `agentbench/...` model is created, the way Inspect registers its own
providers, and the `agentbench_docker` sandbox (the Docker SDK) is registered by the Docker backend
(`sandbox/docker/backend.py`), which the tasks that run in it load.
"""

from inspect_ai.model import ModelAPI, modelapi

import agentbench.run.progress_hook  # noqa: F401  (registers the progress and sample hooks)
from agentbench.suites.agentic_long_context.task import agentic_long_context
from agentbench.suites.long_context.task import long_context
from agentbench.suites.tool_use.task import tool_use


@modelapi(name="agentbench")
def openai_compatible() -> type[ModelAPI]:
    """Our model API for OpenAI-compatible endpoints (`endpoints/openai_api.py`), imported on first use."""
    from agentbench.endpoints.openai_api import OpenAICompatibleAPI

    return OpenAICompatibleAPI


__all__ = ["openai_compatible", "agentic_long_context", "long_context", "tool_use"]
