"""How `ref/oracle` solves tool-use tasks: it replays the task's solution.sh as real tool calls.

The task is recognised by its instruction in the first user message. Each blank-line
separated step of solution.sh becomes one `bash` call (or a `python` call running it
through bash when only python is offered); once every step has a result, the oracle
submits the last step's output, trimmed (tasks/README.md describes the format).
"""

from __future__ import annotations

from pathlib import Path

from agentbench.oracle import (
    Conversation,
    OracleStrategy,
    Reply,
    ToolCallReply,
    content_text,
)
from agentbench.spec import TaskFolder, TaskRegistry

STEP_TOOLS = ("bash", "python")
"""Tools whose calls run solution steps; results of calls to them count as step outputs."""

DEFAULT_PARAMETERS = {"bash": "command", "python": "code", "submit": "answer"}
"""Parameter names of Inspect's bash, python and submit tools, used when a tool has no schema."""


def solution_steps(path: Path) -> list[str]:
    """The steps of a solution.sh: blocks split at blank lines, shebang dropped, comment-only blocks skipped."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if lines and lines[0].startswith("#!"):
        lines = lines[1:]
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return ["\n".join(block) for block in blocks if any(not line.lstrip().startswith("#") for line in block)]


def tool_use_strategy(registry: TaskRegistry) -> OracleStrategy:
    """An oracle strategy for the tool-use tasks in `registry`."""

    def strategy(conversation: Conversation) -> Reply | None:
        task = recognise_task(registry, conversation.first_user_text)
        if task is None:
            return None
        steps = solution_steps(task.solution)
        outputs = step_outputs(conversation)
        if len(outputs) < len(steps):
            return Reply(tool_calls=(step_call(steps[len(outputs)], conversation),))
        answer = outputs[-1].strip() if outputs else ""
        if "submit" in conversation.tools:
            return Reply(tool_calls=(ToolCallReply("submit", {tool_parameter(conversation, "submit"): answer}),))
        return Reply(content=answer)

    return strategy


def recognise_task(registry: TaskRegistry, text: str) -> TaskFolder | None:
    """The task whose instruction is the text, else the longest instruction contained in it."""
    exact = registry.by_instruction(text)
    if exact is not None:
        return exact
    contained = [task for task in registry.tasks.values() if task.spec.instruction in text]
    return max(contained, key=lambda task: len(task.spec.instruction), default=None)


def step_outputs(conversation: Conversation) -> list[str]:
    """Results of the step-running calls made so far, oldest first."""
    step_calls = {
        call.get("id")
        for message in conversation.messages
        if message.get("role") == "assistant"
        for call in message.get("tool_calls") or ()
        if call.get("function", {}).get("name") in STEP_TOOLS
    }
    return [
        content_text(message.get("content"))
        for message in conversation.messages
        if message.get("role") == "tool" and message.get("tool_call_id") in step_calls
    ]


def step_call(step: str, conversation: Conversation) -> ToolCallReply:
    """Run a step with bash, or through bash from python when python is all that is offered."""
    if "bash" not in conversation.tools and "python" in conversation.tools:
        code = (
            "import subprocess, sys\n"
            f"result = subprocess.run(['bash', '-c', {step!r}], capture_output=True, text=True)\n"
            "sys.stdout.write(result.stdout)\n"
            "sys.stderr.write(result.stderr)\n"
            "sys.exit(result.returncode)\n"
        )
        return ToolCallReply("python", {tool_parameter(conversation, "python"): code})
    return ToolCallReply("bash", {tool_parameter(conversation, "bash"): step})


def tool_parameter(conversation: Conversation, tool: str) -> str:
    """The tool's first required parameter per its schema (Inspect's name when no schema says)."""
    schema = conversation.tool_schemas.get(tool, {})
    names = schema.get("required") or list(schema.get("properties", {}))
    return names[0] if names else DEFAULT_PARAMETERS[tool]
