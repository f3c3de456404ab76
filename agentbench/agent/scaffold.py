"""The agent every tool-use model gets: Inspect's ReAct loop, our tool set, per-task limits.

The loop, tools and limits are the same for every model so that scores compare models,
not scaffolds. Which limit ended a sample is kept in the sample store for the results table.
"""

from __future__ import annotations

from collections.abc import Sequence

from inspect_ai.agent import AgentPrompt, AgentState, AgentSubmit, react, run
from inspect_ai.model import ChatMessageAssistant
from inspect_ai.solver import Generate, Solver, TaskState, solver
from inspect_ai.tool import Tool, bash, python
from inspect_ai.util import store, time_limit, token_limit, turn_limit

from agentbench.agent.file_tools import text_editor
from agentbench.endpoints.generation import TASK_MAX_TOKENS

LIMIT_KEY = "agentbench:limit"
"""Store key holding the type of limit (turn, time, token) that stopped the agent, if any."""

INSTRUCTIONS = (
    "You are working in a sandboxed Linux environment. Use the tools to inspect and change "
    "files and run commands in the current working directory. Work step by step and check "
    "your results. When the task is complete, call submit() with your final answer (or a "
    "short summary if the task asks for changes rather than an answer)."
)
CONTINUE_PROMPT = (
    "You did not call a tool. Continue with the next step using the tools, or call submit() "
    "if the task is complete."
)


def agent_tools(names: Sequence[str], command_timeout_s: int) -> list[Tool]:
    """The tools a task grants, in a fixed order."""
    factories = {
        "bash": lambda: bash(timeout=command_timeout_s),
        "python": lambda: python(timeout=command_timeout_s),
        "text_editor": text_editor,
    }
    return [factories[name]() for name in ("bash", "python", "text_editor") if name in names]


async def _continue_or_stop(state: AgentState) -> bool | str:
    """Nudge once when the model answers without acting; stop if it does so twice in a row."""
    assistants = [m for m in state.messages if isinstance(m, ChatMessageAssistant)]
    if not assistants or assistants[-1].tool_calls:
        return True
    previous = assistants[-2] if len(assistants) > 1 else None
    return False if previous is not None and not previous.tool_calls else CONTINUE_PROMPT


@solver
def tool_agent(command_timeout_s: int = 180, tools: Sequence[Tool] | None = None) -> Solver:
    """Run the ReAct agent with the tools and limits in the sample's metadata (`tools`: these instead of
    the tools the metadata names, for a suite with its own)."""

    async def solve(state: TaskState, generate: Generate) -> TaskState:
        meta = state.metadata
        agent = react(
            prompt=AgentPrompt(instructions=INSTRUCTIONS),
            tools=list(tools) if tools is not None else agent_tools(meta["tools"], command_timeout_s),
            submit=AgentSubmit(answer_only=True, keep_in_messages=True),
            on_continue=_continue_or_stop,
        )
        if meta.get("max_output_tokens"):
            store().set(TASK_MAX_TOKENS, meta["max_output_tokens"])
        limits = [turn_limit(meta["max_turns"]), time_limit(meta["time_s"])]
        if meta.get("max_tokens"):
            limits.append(token_limit(meta["max_tokens"]))
        agent_state, limit_error = await run(agent, state.messages, limits=limits)
        state.messages = agent_state.messages
        state.output = agent_state.output
        if limit_error is not None:
            store().set(LIMIT_KEY, limit_error.type)
        return state

    return solve
