"""Multi-round co-reference (OpenAI MRCR's idea), our own offline text.

The context holds turns of an earlier conversation, "User: write a riddle about lanterns.
Assistant: ...". One request is repeated several times with different replies; the question
asks for the i-th of them, prefixed with a random string. Grading (`scoring.py`): no prefix,
no credit; otherwise the reward is difflib's SequenceMatcher ratio of the rest to the reply.
"""

from __future__ import annotations

import random
import string

FORMS: tuple[str, ...] = ("short poem", "riddle", "lullaby", "toast", "proverb")
TOPICS: tuple[str, ...] = (
    "lanterns", "glaciers", "teacups", "comets", "beekeepers", "tramlines", "saltmarshes", "typefaces",
    "weathervanes", "moss", "ferries", "quarries", "kites", "lighthouses", "orchids", "anvils",
)
REQUEST = "User: write a {form} about {topic}. Assistant: "
TURN = REQUEST + "{reply}"
ASK = "Prepend {prefix} to the {ordinal} {form} about {topic} {where} (counting the identical requests from the start) and reply with nothing else."
ORDINALS: tuple[str, ...] = ("1st", "2nd", "3rd", "4th", "5th", "6th")

_OPENERS = ("softly", "under grey skies", "past midnight", "without a sound", "in early frost", "beyond the dunes", "at low tide", "before the thaw")
_SUBJECTS = ("the {topic} hum", "the {topic} wait", "the {topic} drift", "the {topic} glow", "the {topic} turn", "the {topic} rest", "the {topic} sing", "the {topic} lean")
_IMAGES = (
    "copper leaves fold into the wind", "a slow bell counts the hours", "the harbour forgets its name",
    "small lamps argue with the dark", "old maps curl beside the stove", "a tin cup keeps the rain",
    "the ferryman hums a borrowed tune", "white gulls stitch the morning shut", "the clock hands shiver once",
    "two brass keys trade their secrets", "a violet thread loosens in the loom", "far hills lean toward the sea",
)
_CLOSERS = ("and nobody asks why", "so the night stays kind", "until the kettle sings", "while the candles bow", "as the river agrees", "for one more winter")


def reply(rng: random.Random, topic: str) -> str:
    """One reply: a single line of four short comma-separated phrases, ending with a period."""
    parts = [rng.choice(_OPENERS), rng.choice(_SUBJECTS).format(topic=topic), *rng.sample(_IMAGES, 2), rng.choice(_CLOSERS)]
    return (", ".join(parts) + ".").capitalize()


def prefix(rng: random.Random) -> str:
    """A random prefix the answer must start with (MRCR's hash-like marker)."""
    return "".join(rng.choices(string.ascii_letters + string.digits, k=10))
