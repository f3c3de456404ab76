"""How a simulated model answers a long-context question: the oracle's answer, found in the
context it was sent, given with the probability its card plants for that length, needle depth
and question family; otherwise a distractor (another value of the same shape from the context,
another character for a non-literal needle, another round's reply for MRCR) or a statement that
it cannot find the answer. The suite's scorer judges the reply as sent.
"""

from __future__ import annotations

import random
import re

from agentbench.oracle import Conversation, Reply
from agentbench.refserver.sim.card import NONLITERAL, LongContextCapability
from agentbench.refserver.sim.draws import Draws, weighted
from agentbench.refserver.sim.tool_use import perturb
from agentbench.suites.long_context.common_words import QUESTION as ASK_COMMON
from agentbench.suites.long_context.needles import ASK_ALL, ASK_CHAIN, ASK_MANY, ASK_ONE, ASK_VISIT, LIVES
from agentbench.suites.long_context import mrcr
from agentbench.suites.long_context.oracle import long_context_oracle, mrcr_rounds
from agentbench.suites.long_context.spec import prompt_text

NOT_FOUND = "I could not find that in the text."
_SPLIT = prompt_text("", "")
_FAMILIES = (
    (ASK_ALL, "multi_value"),
    (ASK_MANY, "multi_query"),
    (ASK_ONE, "single"),
    (ASK_CHAIN, "variable_tracking"),
    (ASK_COMMON, "common_words"),
    (ASK_VISIT, NONLITERAL),
    (mrcr.ASK, "mrcr"),
)
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_DIGITS = re.compile(r"\d+")
_VARIABLE = re.compile(r"[A-Z]{5}")
_WORD = re.compile(r"[a-z]+")
_LIVES_HEAD, _, _LIVES_REST = LIVES.partition("{name}")
_CHARACTER = re.compile(re.escape(_LIVES_HEAD) + r"([A-Z][a-z]+)" + re.escape(_LIVES_REST.partition("{landmark}")[0]))
"""A character living next to a landmark (the non-literal needles and their decoys)."""
_SHAPES = (  # (what the value looks like, where the context holds others like it, whether of the same length)
    (_UUID, _UUID, True),
    (_DIGITS, _DIGITS, True),
    (_VARIABLE, _VARIABLE, True),
    (_WORD, _WORD, True),
    (re.compile(r"[A-Z][a-z]+"), _CHARACTER, False),
)


def question_family(question: str) -> str | None:
    """Which question template the question was built from (by the longest fixed opening it starts
    with: "Which " opens both the common-words and the non-literal question)."""
    openings = [(template.split("{", 1)[0], family) for template, family in _FAMILIES]
    matching = [(len(opening), family) for opening, family in openings if question.startswith(opening)]
    return max(matching)[1] if matching else None


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
    if wrong_rounds := [answer for answer in mrcr_rounds(conversation) if answer != right.content]:
        return Reply(content=wrong_rounds[int(rng.random() * len(wrong_rounds))])  # MRCR: another round's reply
    return Reply(content=", ".join([distractor(context, values[0], set(values), rng.random()), *values[1:]]))


def answers_right(capability: LongContextCapability, prompt_tokens: int, depth: float, family: str | None, rng: random.Random) -> bool:
    """The attempt's one draw: does it find the answer (the first draw of the `answer` stream)?"""
    return rng.random() < capability.probability(prompt_tokens, depth, family)


def distractor(context: str, value: str, avoid: set[str], roll: float) -> str:
    """Another value shaped like `value` from the context (the needle's neighbours; for a character,
    another character living next to a landmark), else a near miss."""
    shape = next((found for found in _SHAPES if found[0].fullmatch(value)), None)
    if shape is not None:
        _, others, same_length = shape
        candidates = sorted({found for found in others.findall(context) if (len(found) == len(value) or not same_length) and found not in avoid})
        if candidates:
            return candidates[int(roll * len(candidates))]
    return perturb(value)
