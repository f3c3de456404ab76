"""How a simulated model answers a long-context question: the oracle's answer, found in the
context it was sent, given with the probability its card plants for that length, needle depth
and question family; otherwise a distractor (another value of the same shape from the context)
or a statement that it cannot find the answer. The suite's scorer judges the reply as sent.
"""

from __future__ import annotations

import random
import re

from agentbench.oracle import Conversation, Reply
from agentbench.refserver.sim.card import LongContextCapability
from agentbench.refserver.sim.draws import Draws, weighted
from agentbench.refserver.sim.tool_use import perturb
from agentbench.suites.long_context.common_words import QUESTION as ASK_COMMON
from agentbench.suites.long_context.needles import ASK_ALL, ASK_CHAIN, ASK_MANY, ASK_ONE
from agentbench.suites.long_context.oracle import long_context_oracle
from agentbench.suites.long_context.spec import prompt_text

NOT_FOUND = "I could not find that in the text."
_SPLIT = prompt_text("", "")
_FAMILIES = (
    (ASK_ALL, "multi_value"),
    (ASK_MANY, "multi_query"),
    (ASK_ONE, "single"),
    (ASK_CHAIN, "variable_tracking"),
    (ASK_COMMON, "common_words"),
)
_SHAPES = (
    re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
    re.compile(r"\d+"),
    re.compile(r"[A-Z]{5}"),
    re.compile(r"[a-z]+"),
)


def question_family(question: str) -> str | None:
    """Which question template the question was built from (by the template's fixed opening)."""
    for template, family in _FAMILIES:
        if question.startswith(template.split("{", 1)[0]):
            return family
    return None


def needle_depth(context: str, values: list[str]) -> float:
    """Where the first answer value sits in the context, 0 (start) to 1 (end)."""
    positions = [at for value in values if (at := context.find(value)) >= 0]
    return min(positions) / max(1, len(context)) if positions else 0.5


def long_context_reply(capability: LongContextCapability, conversation: Conversation, draws: Draws) -> Reply | None:
    """The simulated model's answer to one of our long-context questions (None: not one of ours)."""
    right = long_context_oracle(conversation)
    if right is None:
        return None
    context, _, question = conversation.last_user_text.rpartition(_SPLIT)
    values = right.content.split(", ") if right.content else []
    rng = draws.rng("answer")
    if answers_right(capability, conversation.prompt_tokens, needle_depth(context, values), question_family(question.strip()), rng):
        return right
    if weighted(rng, capability.failure_modes) == "not_found" or not values:
        return Reply(content=NOT_FOUND)
    return Reply(content=", ".join([distractor(context, values[0], set(values), rng.random()), *values[1:]]))


def answers_right(capability: LongContextCapability, prompt_tokens: int, depth: float, family: str | None, rng: random.Random) -> bool:
    """The attempt's one draw: does it find the answer (the first draw of the `answer` stream)?"""
    return rng.random() < capability.probability(prompt_tokens, depth, family)


def distractor(context: str, value: str, avoid: set[str], roll: float) -> str:
    """Another value shaped like `value` from the context (the needle's neighbours), else a near miss."""
    shape = next((pattern for pattern in _SHAPES if pattern.fullmatch(value)), None)
    if shape is not None:
        candidates = sorted({found for found in shape.findall(context) if len(found) == len(value) and found not in avoid})
        if candidates:
            return candidates[int(roll * len(candidates))]
    return perturb(value)
