"""Agentic long context: the long-context suite's needles, in a tree of files inside a sandbox, found with tools.

`suite.SUITE` is its plugin object; `task.agentic_long_context` the Inspect task (loads inspect_ai).
"""
