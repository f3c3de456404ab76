"""The tool-use suite: task folders become Inspect samples run by the agent in a sandbox.

`suite.SUITE` is its plugin object; the Inspect task is `task.tool_use` (imported apart: it loads inspect_ai).
"""
