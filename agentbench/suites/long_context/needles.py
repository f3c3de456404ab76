"""The retrieval variants: what each hides in the haystack, what it asks, what counts as right.

Wording is ours; the task shapes follow RULER (single, multi-key, multi-value, multi-query
needles; variable tracking). The templates here are also what `oracle.py` parses.
"""

from __future__ import annotations

import random
import string
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from agentbench.suites.long_context.vocab import KEY_ADJECTIVES, KEY_NOUNS, VALUE_WORDS

IN_CONTEXT = "in the text above"
"""Where the question says the data is when the haystack is in the prompt."""

NEEDLE = "Note: one hidden {kind} for {key} is {value}."
ASK_ONE = "What is the hidden {kind} for {key} {where}? Answer only with the {kind}."
ASK_ALL = "What are all the hidden {kind}s for {key} {where}? Answer only with the {kind}s, separated by commas."
ASK_MANY = "What are the hidden {kind}s for {keys} {where}? Answer only with the {kind}s, one per key, separated by commas."
ASSIGN = "Let {name} equal {source}."
ASK_CHAIN = "Which variables end up equal to {value} {where}, directly or through other variables? Answer only with the variable names, separated by commas."

KINDS = {"number": "number", "word": "word", "uuid": "identifier"}
"""Value kind -> the noun the needle and question use for it."""

MULTI_NEEDLES = 4
CHAINS = 2
HOPS = 4

Taken = Callable[[str], bool]
"""Whether a string already occurs (as a whole word) in the haystack."""


@dataclass(frozen=True)
class NeedlePlan:
    """Needles to place and the question they answer."""

    needles: tuple[tuple[str, float], ...]
    """(text, depth fraction) of each needle."""
    question: str
    """The question, with `{where}` for where the data is."""
    answers: tuple[str, ...]
    distractors: tuple[str, ...]
    """Values that appear in the context but are wrong answers; naming them costs credit."""
    occurrences: dict[str, int]
    """Every key, value and name -> how often it must occur in the finished context."""


class _Draw:
    """Fresh random strings that the haystack does not contain and that were not drawn before."""

    def __init__(self, rng: random.Random, taken: Taken) -> None:
        self.rng, self.taken, self.used = rng, taken, set[str]()

    def __call__(self, make: Callable[[random.Random], str]) -> str:
        for _ in range(1000):
            value = make(self.rng)
            if value not in self.used and not self.taken(value):
                self.used.add(value)
                return value
        raise ValueError("cannot draw a needle value that the haystack does not already contain")


def _key(rng: random.Random) -> str:
    return f"{rng.choice(KEY_ADJECTIVES)}-{rng.choice(KEY_NOUNS)}"


_VALUES: dict[str, Callable[[random.Random], str]] = {
    "number": lambda r: str(r.randint(1_000_000, 9_999_999)),
    "word": lambda r: r.choice(VALUE_WORDS),
    "uuid": lambda r: str(uuid.UUID(int=r.getrandbits(128), version=4)),
}


def spread(depth: float, count: int) -> list[float]:
    """`count` depths evenly spaced around the context, the first at `depth`."""
    return [depth if i == 0 else (depth + i / count) % 1.0 for i in range(count)]


def _niah(kind: str, keys: int, values: int, asked: int, depth: float, draw: _Draw) -> NeedlePlan:
    noun = KINDS[kind]
    key_list = [draw(_key) for _ in range(keys)]
    pairs = [(key, draw(_VALUES[kind])) for key in key_list for _ in range(values)]
    depths = spread(depth, len(pairs))
    needles = tuple((NEEDLE.format(kind=noun, key=k, value=v), d) for (k, v), d in zip(pairs, depths))
    asked_keys = key_list[:asked]
    answers = tuple(v for k, v in pairs if k in asked_keys)
    distractors = tuple(v for k, v in pairs if k not in asked_keys)
    if values > 1:
        question = ASK_ALL.format(kind=noun, key=key_list[0], where="{where}")
    elif asked > 1:
        names = ", ".join(asked_keys[:-1]) + " and " + asked_keys[-1]
        question = ASK_MANY.format(kind=noun, keys=names, where="{where}")
    else:
        question = ASK_ONE.format(kind=noun, key=key_list[0], where="{where}")
    occurrences = {k: values for k in key_list} | {v: 1 for _, v in pairs}
    return NeedlePlan(needles, question, answers, distractors, occurrences)


def _variable_name(rng: random.Random) -> str:
    return "".join(rng.choices(string.ascii_uppercase, k=5))


def _variable_value(rng: random.Random) -> str:
    return str(rng.randint(10_000, 99_999))


def _variable_tracking(depth: float, draw: _Draw) -> NeedlePlan:
    chains = [[draw(_variable_name) for _ in range(HOPS + 1)] for _ in range(CHAINS)]
    values = [draw(_variable_value) for _ in range(CHAINS)]
    statements = [
        [ASSIGN.format(name=chain[0], source=value)] + [ASSIGN.format(name=b, source=a) for a, b in pairwise(chain)]
        for chain, value in zip(chains, values)
    ]
    in_order = [statements[c][hop] for hop in range(HOPS + 1) for c in range(CHAINS)]
    depths = sorted(spread(depth, len(in_order)))
    occurrences = {v: 1 for v in values} | {n: 2 for chain in chains for n in chain[:-1]} | {chain[-1]: 1 for chain in chains}
    return NeedlePlan(
        tuple(zip(in_order, depths)),
        ASK_CHAIN.format(value=values[0], where="{where}"),
        tuple(chains[0]),
        tuple(n for chain in chains[1:] for n in chain),
        occurrences,
    )


NEEDLE_VARIANTS: dict[str, Callable[[float, _Draw], NeedlePlan]] = {
    "niah_single_number": lambda d, draw: _niah("number", 1, 1, 1, d, draw),
    "niah_single_word": lambda d, draw: _niah("word", 1, 1, 1, d, draw),
    "niah_single_uuid": lambda d, draw: _niah("uuid", 1, 1, 1, d, draw),
    "niah_multikey": lambda d, draw: _niah("number", MULTI_NEEDLES, 1, 1, d, draw),
    "niah_multivalue": lambda d, draw: _niah("number", 1, MULTI_NEEDLES, 1, d, draw),
    "niah_multiquery": lambda d, draw: _niah("number", MULTI_NEEDLES, 1, MULTI_NEEDLES, d, draw),
    "variable_tracking": _variable_tracking,
}


def plan_needles(variant: str, depth: float, rng: random.Random, taken: Taken) -> NeedlePlan:
    """The needles, question and answers of one sample of a needle variant."""
    return NEEDLE_VARIANTS[variant](depth, _Draw(rng, taken))
