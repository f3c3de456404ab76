"""OpenAI `tools` entries the reference-server tests offer: one string parameter each."""

from __future__ import annotations

from typing import Any


def function_tool(name: str, description: str, parameter: str) -> dict[str, Any]:
    """A function tool taking one required string `parameter`."""
    return {
        "type": "function",
        "function": {
            "name": name,
            "description": description,
            "parameters": {"type": "object", "properties": {parameter: {"type": "string"}}, "required": [parameter]},
        },
    }


SUBMIT_TOOL = function_tool("submit", "Submit an answer.", "answer")
PYTHON_TOOL = function_tool("python", "Run Python code.", "code")
