"""The tool-use suite: task folders become Inspect samples run by the agent in a sandbox."""

from agentbench.suites.tool_use.task import tool_use

__all__ = ["tool_use"]
