"""The retrieval variants: what each hides in the haystack, what it asks, what counts as right.

Wording is ours; the task shapes follow RULER (single, multi-key, multi-value, multi-query
needles; variable tracking), NoLiMa (non-literal needles), OpenAI MRCR (multi-round
co-reference), plus absent answers. The templates here are also what `oracle.py` parses.

Needles cannot be found by their shape: every sample also carries `DECOYS` decoys of the same
shape (the same sentence with other keys and values), placed so that the needle's rank among
them is uniform, and the answer needles sit in a cluster of `CLUSTER_SPAN` around the asked depth.
"""

from __future__ import annotations

import random
import string
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from agentbench.suites.long_context import mrcr
from agentbench.suites.long_context.associations import CHARACTER_NAMES, LANDMARK_CITY
from agentbench.suites.long_context.vocab import KEY_ADJECTIVES, KEY_NOUNS, VALUE_WORDS

IN_CONTEXT = "in the text above"
"""Where the question says the data is when the haystack is in the prompt."""
NOT_PRESENT = "not present"
"""The abstention every single-value question offers; the right answer when the value is absent."""

NEEDLE = "Note: one hidden {kind} for {key} is {value}."
ASK_ONE = 'What is the hidden {kind} for {key} {where}? Answer only with the {kind}, or with "not present" if there is none.'
ASK_ALL = "What are all the hidden {kind}s for {key} {where}? Answer only with the {kind}s, separated by commas."
ASK_MANY = "What are the hidden {kind}s for {keys} {where}? Answer only with the {kind}s, one per key, separated by commas."
ASSIGN = "Let {name} equal {source}."
ASK_CHAIN = "Which variables end up equal to {value} {where}, directly or through other variables? Answer only with the variable names, separated by commas."
LIVES = "Actually, {name} lives next to {landmark}."
ASK_VISIT = "Which character has been to {city} {where}? Answer only with one character's name."

KINDS = {"number": "number", "word": "word", "uuid": "identifier"}
"""Value kind -> the noun the needle and question use for it."""

MULTI_NEEDLES = 4
CHAINS = 2
HOPS = 4
DECOYS = 4
"""Same-shaped decoys in every needle sample: a pattern picks the needle at most 1 in DECOYS + 1."""
CLUSTER_SPAN = 0.1
"""Width (as a fraction of the context) of the window that holds a sample's answer needles."""
MRCR_REPEATS = 4

Taken = Callable[[str], bool]
"""Whether a string already occurs (as a whole word) in the haystack."""


@dataclass(frozen=True)
class NeedlePlan:
    """Needles to place and the question they answer."""

    needles: tuple[tuple[str, float], ...]
    """(text, depth fraction) of each needle, decoys included; equal depths keep this order."""
    question: str
    """The question, with `{where}` for where the data is."""
    answers: tuple[str, ...]
    distractors: tuple[str, ...]
    """Values of the asked shape that appear in the context but are wrong answers."""
    occurrences: dict[str, int]
    """Every key, value and name -> how often it must occur in the finished context."""
    shape: str
    """How `scoring.grade` reads an answer: number, word, uuid, variable, name, abstain, mrcr, common_word."""
    answer_needles: tuple[int, ...] = ()
    """Indices in `needles` of the needles that carry the answer (their span is the sample's depth)."""
    prefix: str = ""
    """The prefix an MRCR answer must start with."""
    unsaid: tuple[str, ...] = ()
    """Words that must not occur in the context at all (the cities of non-literal needles)."""


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


def cluster(depth: float, count: int) -> list[float]:
    """`count` depths evenly spaced in a window of CLUSTER_SPAN centred on `depth` (kept inside 0..1)."""
    if count == 1:
        return [depth]
    start = min(max(depth - CLUSTER_SPAN / 2, 0.0), 1.0 - CLUSTER_SPAN)
    return [start + CLUSTER_SPAN * i / (count - 1) for i in range(count)]


def _with_decoys(answers: list[tuple[str, float]], decoys: list[str], rng: random.Random) -> tuple[tuple[tuple[str, float], ...], tuple[int, ...]]:
    """Needles in list order: decoys before the answers, the answers, decoys after. The number
    before is uniform in 0..len(decoys), so "the first/last of its shape" is the needle at chance."""
    low, high = min(d for _, d in answers), max(d for _, d in answers)
    before = rng.randint(0, len(decoys))
    early = sorted(rng.uniform(0.0, low) for _ in range(before))
    late = sorted(rng.uniform(high, 1.0) for _ in range(len(decoys) - before))
    placed = [*zip(decoys[:before], early), *answers, *zip(decoys[before:], late)]
    return tuple(placed), tuple(range(before, before + len(answers)))


def _niah(kind: str, keys: int, values: int, asked: int, depth: float, draw: _Draw) -> NeedlePlan:
    noun = KINDS[kind]
    key_list = [draw(_key) for _ in range(keys)]
    pairs = [(key, draw(_VALUES[kind])) for key in key_list for _ in range(values)]
    asked_keys = draw.rng.sample(key_list, asked) if asked < keys else key_list
    decoy_pairs = [(draw(_key), draw(_VALUES[kind])) for _ in range(DECOYS)]
    answers_at = [(NEEDLE.format(kind=noun, key=k, value=v), d) for (k, v), d in zip(pairs, cluster(depth, len(pairs)))]
    needles, answer_needles = _with_decoys(answers_at, [NEEDLE.format(kind=noun, key=k, value=v) for k, v in decoy_pairs], draw.rng)
    answers = tuple(v for k, v in pairs if k in asked_keys)
    distractors = tuple(v for k, v in pairs if k not in asked_keys) + tuple(v for _, v in decoy_pairs)
    if values > 1:
        question = ASK_ALL.format(kind=noun, key=key_list[0], where="{where}")
    elif asked > 1:
        names = ", ".join(asked_keys[:-1]) + " and " + asked_keys[-1]
        question = ASK_MANY.format(kind=noun, keys=names, where="{where}")
    else:
        question = ASK_ONE.format(kind=noun, key=asked_keys[0], where="{where}")
    occurrences = {k: values for k in key_list} | {v: 1 for _, v in pairs} | {k: 1 for k, _ in decoy_pairs} | {v: 1 for _, v in decoy_pairs}
    return NeedlePlan(needles, question, answers, distractors, occurrences, kind, answer_needles)


def _absent(depth: float, draw: _Draw) -> NeedlePlan:
    """A key whose number is absent: at `depth` sits a near miss (the key with a *word*), and
    decoys give other keys numbers. The right reply is "not present"."""
    key, near = draw(_key), draw(_VALUES["word"])
    decoy_pairs = [(draw(_key), draw(_VALUES["number"])) for _ in range(DECOYS)]
    needles, answer_needles = _with_decoys(
        [(NEEDLE.format(kind=KINDS["word"], key=key, value=near), depth)],
        [NEEDLE.format(kind=KINDS["number"], key=k, value=v) for k, v in decoy_pairs],
        draw.rng,
    )
    occurrences = {key: 1, near: 1} | {k: 1 for k, _ in decoy_pairs} | {v: 1 for _, v in decoy_pairs}
    question = ASK_ONE.format(kind=KINDS["number"], key=key, where="{where}")
    return NeedlePlan(needles, question, (NOT_PRESENT,), (near, *(v for _, v in decoy_pairs)), occurrences, "abstain", answer_needles)


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
    decoys = [(draw(_variable_name), draw(_variable_value)) for _ in range(DECOYS)]
    needles, answer_needles = _with_decoys(
        list(zip(in_order, cluster(depth, len(in_order)))), [ASSIGN.format(name=n, source=v) for n, v in decoys], draw.rng
    )
    occurrences = (
        {v: 1 for v in values} | {n: 2 for chain in chains for n in chain[:-1]} | {chain[-1]: 1 for chain in chains}
        | {n: 1 for n, _ in decoys} | {v: 1 for _, v in decoys}
    )
    return NeedlePlan(
        needles,
        ASK_CHAIN.format(value=values[0], where="{where}"),
        tuple(chains[0]),
        tuple(n for chain in chains[1:] for n in chain) + tuple(n for n, _ in decoys),
        occurrences,
        "variable",
        answer_needles,
    )


def _nonliteral(depth: float, draw: _Draw) -> NeedlePlan:
    """One associative hop: the needle names a landmark, the question its city (which the
    context never names), so the question shares no content word with the needle."""
    landmarks: list[str] = []
    while len(landmarks) < DECOYS + 1:  # a landmark whose city the haystack names is skipped
        landmark = draw(lambda r: r.choice(tuple(LANDMARK_CITY)))
        if not draw.taken(LANDMARK_CITY[landmark]):
            landmarks.append(landmark)
    names = [draw(lambda r: r.choice(CHARACTER_NAMES)) for _ in range(DECOYS + 1)]
    sentences = [LIVES.format(name=n, landmark=m) for n, m in zip(names, landmarks)]
    needles, answer_needles = _with_decoys([(sentences[0], depth)], sentences[1:], draw.rng)
    city = LANDMARK_CITY[landmarks[0]]
    occurrences = {n: 1 for n in names} | {m: 1 for m in landmarks}
    question = ASK_VISIT.format(city=city, where="{where}")
    unsaid = tuple(LANDMARK_CITY[m] for m in landmarks)
    return NeedlePlan(needles, question, (names[0],), tuple(names[1:]), occurrences, "name", answer_needles, unsaid=unsaid)


def _mrcr(depth: float, draw: _Draw) -> NeedlePlan:
    """MRCR_REPEATS identical requests with different replies, the asked one at `depth`; decoys
    are the same request form about other topics and other forms about the same topic."""
    rng = draw.rng
    form, topic = rng.choice(mrcr.FORMS), rng.choice(mrcr.TOPICS)
    other_topics = rng.sample([t for t in mrcr.TOPICS if t != topic], DECOYS // 2)
    other_forms = rng.sample([f for f in mrcr.FORMS if f != form], DECOYS - DECOYS // 2)
    replies = [draw(lambda r: mrcr.reply(r, topic)) for _ in range(MRCR_REPEATS)]
    asked = rng.randrange(MRCR_REPEATS)
    early = sorted(rng.uniform(0.0, depth) for _ in range(asked))
    late = sorted(rng.uniform(depth, 1.0) for _ in range(MRCR_REPEATS - 1 - asked))
    turns = [(mrcr.TURN.format(form=form, topic=topic, reply=text), d) for text, d in zip(replies, [*early, depth, *late])]
    decoy_specs = [(form, t) for t in other_topics] + [(f, topic) for f in other_forms]
    decoy_replies = [draw(lambda r, t=t: mrcr.reply(r, t)) for _, t in decoy_specs]
    decoys = [(mrcr.TURN.format(form=f, topic=t, reply=text), rng.random()) for (f, t), text in zip(decoy_specs, decoy_replies)]
    marker = mrcr.prefix(rng)
    question = mrcr.ASK.format(prefix=marker, ordinal=mrcr.ORDINALS[asked], form=form, topic=topic, where="{where}")
    occurrences = {text: 1 for text in replies + decoy_replies}
    return NeedlePlan(
        (*turns, *decoys), question, (marker + replies[asked],), tuple(replies[:asked] + replies[asked + 1 :]),
        occurrences, "mrcr", (asked,), prefix=marker,
    )


NEEDLE_VARIANTS: dict[str, Callable[[float, _Draw], NeedlePlan]] = {
    "niah_single_number": lambda d, draw: _niah("number", 1, 1, 1, d, draw),
    "niah_single_word": lambda d, draw: _niah("word", 1, 1, 1, d, draw),
    "niah_single_uuid": lambda d, draw: _niah("uuid", 1, 1, 1, d, draw),
    "niah_multikey": lambda d, draw: _niah("number", MULTI_NEEDLES, 1, 1, d, draw),
    "niah_multivalue": lambda d, draw: _niah("number", 1, MULTI_NEEDLES, 1, d, draw),
    "niah_multiquery": lambda d, draw: _niah("number", MULTI_NEEDLES, 1, MULTI_NEEDLES, d, draw),
    "variable_tracking": _variable_tracking,
    "niah_nonliteral": _nonliteral,
    "niah_absent": _absent,
    "mrcr": _mrcr,
}


def plan_needles(variant: str, depth: float, rng: random.Random, taken: Taken) -> NeedlePlan:
    """The needles, question and answers of one sample of a needle variant."""
    return NEEDLE_VARIANTS[variant](depth, _Draw(rng, taken))
