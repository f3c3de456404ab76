"""How a simulated model works a tool-use task: the oracle's plan (solution.sh, step by step, as
real tool calls), carried out with the mistakes its card plants.

Per attempt it draws once whether it carries the plan out faithfully (the card's probability for
the task's category and difficulty) and, if not, how it goes wrong:

- `stop_early`: runs the first k steps (k drawn below the number of steps), then says it is done
  without submitting (the agent is nudged once, says so again, and stops);
- `skip_step`: skips the final step and submits what the step before printed;
- `corrupt_step`: runs the final step with a typo in its first word and submits what came back;
- `wrong_answer`: runs every step and submits the answer with one character changed;
- `loop`: lists the directory again and again until the turn limit ends the attempt.

Per call it may also send arguments that are not JSON or write the call into `content` as
`<tool_call>` text (the card's per-call rates); such a call does not count as done, so the
next turn makes it again (never in content twice running: the agent would stop). The model keeps no state: each request replays the attempt's draws
over the conversation so far. Whether an attempt succeeded is decided by the task's verifier
alone: a failure that a verifier does not notice (say, a skipped final step that only printed a
check) scores as a success, exactly as it would for a real model.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass

from agentbench.oracle import Conversation, Reply, ToolCallReply, content_text
from agentbench.refserver.sim.card import ToolUseCapability
from agentbench.refserver.sim.draws import Draws, weighted
from agentbench.refserver.usage import tool_call_text
from agentbench.spec import TaskRegistry
from agentbench.suites.tool_use_oracle import STEP_TOOLS, recognise_task, solution_steps, step_call, tool_parameter

STOP_TEXT = "I have looked into it and I believe the task is done."
LOOP_STEP = "ls -la"


@dataclass(frozen=True)
class Attempt:
    """What one attempt will do: succeed, or fail in `failure` (stopping after `stop_after` steps)."""

    probability: float
    failure: str | None
    stop_after: int


def plan_attempt(capability: ToolUseCapability, category: str, difficulty: str, steps: int, rng: random.Random) -> Attempt:
    """The attempt's one draw of success (and of the failure and where it strikes)."""
    probability = capability.probability(category, difficulty)
    if rng.random() < probability:
        return Attempt(probability, None, steps)
    return Attempt(probability, weighted(rng, capability.failure_modes), rng.randrange(max(1, steps)))


def call_glitch(capability: ToolUseCapability, draws: Draws, turn: int) -> str | None:
    """The per-call mistake drawn for the model's `turn`-th reply, if any."""
    roll = draws.rng(f"call-{turn}").random()
    if roll < capability.malformed_arguments:
        return "malformed_arguments"
    if roll < capability.malformed_arguments + capability.tool_call_in_content:
        return "tool_call_in_content"
    return None


def tool_use_reply(capability: ToolUseCapability, registry: TaskRegistry, conversation: Conversation, draws: Draws) -> Reply | None:
    """The simulated model's next reply on a known tool-use task (None: not a task it knows)."""
    task = recognise_task(registry, conversation.first_user_text)
    if task is None:
        return None
    steps = solution_steps(task.solution)
    attempt = plan_attempt(capability, task.spec.category, task.spec.difficulty, len(steps), draws.rng("attempt"))
    done = executed_steps(capability, conversation, draws)
    assistants = [message for message in conversation.messages if message.get("role") == "assistant"]
    turn = len(assistants)
    if assistants and not assistants[-1].get("tool_calls"):
        capability = capability.model_copy(update={"tool_call_in_content": 0.0})  # a second call-less turn would end the attempt
    if attempt.failure == "loop":
        return _glitched(step_call(LOOP_STEP, conversation), capability, draws, turn)
    plan = _steps_of(attempt, steps)
    if len(done) < len(plan):
        return _glitched(step_call(plan[len(done)], conversation), capability, draws, turn)
    if attempt.failure == "stop_early":
        return Reply(content=STOP_TEXT)
    answer = done[-1].strip() if done else ""
    if attempt.failure == "wrong_answer":
        answer = perturb(answer)
    if "submit" not in conversation.tools:
        return Reply(content=answer)
    return _glitched(ToolCallReply("submit", {tool_parameter(conversation, "submit"): answer}), capability, draws, turn)


def _steps_of(attempt: Attempt, steps: list[str]) -> list[str]:
    if attempt.failure == "stop_early":
        return steps[: attempt.stop_after]
    if attempt.failure == "skip_step":
        return steps[:-1]
    if attempt.failure == "corrupt_step":
        return [*steps[:-1], corrupt(steps[-1])]
    return steps


def executed_steps(capability: ToolUseCapability, conversation: Conversation, draws: Draws) -> list[str]:
    """Outputs of the step calls made so far that count as done (calls sent malformed do not)."""
    results = {
        message.get("tool_call_id"): content_text(message.get("content"))
        for message in conversation.messages
        if message.get("role") == "tool"
    }
    outputs: list[str] = []
    turn = 0
    for message in conversation.messages:
        if message.get("role") != "assistant":
            continue
        calls = [call for call in message.get("tool_calls") or () if call.get("function", {}).get("name") in STEP_TOOLS]
        if calls and call_glitch(capability, draws, turn) != "malformed_arguments":  # a call in content has no tool_calls
            outputs.extend(results.get(call.get("id"), "") for call in calls)
        turn += 1
    return outputs


def _glitched(call: ToolCallReply, capability: ToolUseCapability, draws: Draws, turn: int) -> Reply:
    glitch = call_glitch(capability, draws, turn)
    if glitch == "malformed_arguments":
        text = json.dumps(call.arguments)
        return Reply(tool_calls=(ToolCallReply(call.name, call.arguments, raw_arguments=text[: max(1, len(text) // 2)]),))
    if glitch == "tool_call_in_content":
        return Reply(content=f"<tool_call>\n{tool_call_text(call.name, json.dumps(call.arguments))}\n</tool_call>")
    return Reply(tool_calls=(call,))


def corrupt(step: str) -> str:
    """The step with a typo in its first word (its last two letters swapped), as a hurried model types."""
    head, space, rest = step.lstrip().partition(" ")
    typo = head[:-2] + head[-1] + head[-2] if len(head) >= 2 and head[-1] != head[-2] else head + "x"
    return typo + space + rest


def perturb(answer: str) -> str:
    """A near miss: the last digit (else letter) moved on by one; an empty answer becomes `unknown`."""
    for index in range(len(answer) - 1, -1, -1):
        char = answer[index]
        if char.isdigit():
            return answer[:index] + str((int(char) + 1) % 10) + answer[index + 1 :]
        if char.isascii() and char.isalpha():
            base = ord("a") if char.islower() else ord("A")
            return answer[:index] + chr(base + (ord(char) - base + 1) % 26) + answer[index + 1 :]
    return "unknown"
