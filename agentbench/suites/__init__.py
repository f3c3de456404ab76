"""The suites. Importing this package teaches `ref/oracle` every suite's tasks."""

from agentbench.suites import long_context

__all__ = ["long_context"]
