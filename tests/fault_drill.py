"""A cheap workload for endpoint tests: 100 two-turn samples ref/oracle solves with one tool call.

Each sample asks for the value of a key; the oracle calls `lookup` (again if the call
failed), then answers with the value. Nothing runs in a sandbox, so a run is quick.
"""

from __future__ import annotations

import re

from inspect_ai import Task
from inspect_ai.dataset import Sample
from inspect_ai.scorer import Score, Scorer, Target, accuracy, scorer
from inspect_ai.solver import TaskState, generate, use_tools
from inspect_ai.tool import Tool, tool

from agentbench.oracle import Conversation, Reply, ToolCallReply

_QUESTION = re.compile(r"^fault drill: what is the value of (k\d+)\?")


def value_of(key: str) -> str:
    return f"value-{key[1:]}-{len(key) * 7}"


@tool
def lookup() -> Tool:
    async def execute(key: str) -> str:
        """Look up the value stored under a key.

        Args:
            key: The key to look up.
        """
        return value_of(key)

    return execute


def drill_strategy(conversation: Conversation) -> Reply | None:
    """Call lookup until it answers without error, then state the value."""
    match = _QUESTION.match(conversation.first_user_text)
    if match is None:
        return None
    results = conversation.tool_results
    if not results or results[-1].startswith("Error"):
        return Reply(tool_calls=(ToolCallReply("lookup", {"key": match[1]}),))
    return Reply(content=f"The value is {results[-1]}.")



@scorer(metrics=[accuracy()])
def stated_value() -> Scorer:
    """1.0 when the final answer states the sample's value."""

    async def score(state: TaskState, target: Target) -> Score:
        return Score(value=float(target.text in state.output.completion))

    return score


def drill_task(samples: int = 100) -> Task:
    dataset = [Sample(id=f"k{i}", input=f"fault drill: what is the value of k{i}?", target=value_of(f"k{i}")) for i in range(samples)]
    return Task(dataset=dataset, solver=[use_tools(lookup()), generate(tool_calls="loop")], scorer=stated_value(), name="fault_drill")
