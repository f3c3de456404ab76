"""agentbench: how well LLM endpoints do agentic, long-context work, and what each success costs."""

__version__ = "0.1.0"
