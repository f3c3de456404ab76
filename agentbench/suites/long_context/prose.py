"""Natural-looking English prose, generated deterministically from a small story grammar.

A fixed pool of sentences is drawn once per process; each sample's seed then orders them
into paragraphs. The vocabulary shares no word with `vocab.py`, so needles stay unique.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from functools import lru_cache

POOL_SIZE = 8192

_NAMES = (
    "Mara", "Tomas", "Elin", "Ivo", "Greta", "Anselm", "Liesl", "Oskar", "Nadia", "Piet", "Rosa",
    "Emil", "Agnes", "Bruno", "Clara", "Dorian", "Hanna", "Jonas", "Katya", "Lukas", "Marta", "Nils",
)
_PEOPLE = (
    "the ferryman", "the old teacher", "my grandmother", "the baker's son", "a tired traveller",
    "the harbour master", "the two sisters", "our neighbour", "the village doctor", "a young clerk",
    "the shepherd", "the innkeeper", "the postman", "a stranger in a grey coat", "the miller's wife",
    "the children from the farm", "the priest", "a fisherman", "the schoolmaster", "my uncle",
)
_PLACES = (
    "the harbour", "the market square", "the narrow lane behind the church", "the orchard",
    "the station", "the riverbank", "the library", "the hill road", "the old mill", "the bakery",
    "the schoolyard", "the lighthouse", "the edge of the forest", "the bridge", "the chapel",
    "the garden wall", "the post office", "the quay", "the meadow", "the crossroads",
)
_TIMES = (
    "Early in the morning", "Later that afternoon", "By the time the bells rang", "On the third day",
    "Every winter", "Long before the storm", "After supper", "At first light", "In the spring of that year",
    "Some evenings", "Just after noon", "When the tide went out", "On market days", "That same week",
)
_MOVES = (
    "walked slowly toward", "looked back at", "waited near", "hurried past", "returned to",
    "sat for a while in", "wandered around", "stopped in front of", "cleaned the path to",
    "sang quietly on the way to", "turned away from", "came back from",
)
_THINGS = (
    "a basket of apples", "the letters from the city", "a loaf of bread", "the map", "a small brass bell",
    "the key to the shed", "a bundle of firewood", "the blue scarf", "a jar of honey", "an old photograph",
    "the ledger", "a pair of boots", "a bag of flour", "the broken clock", "a handful of coins",
)
_WEATHER = (
    "The wind had turned cold", "A light rain was falling", "The sky cleared at last", "Fog rolled in from the sea",
    "The air smelled of cut grass", "Snow covered the rooftops", "The sun came out between the clouds",
    "It had been dry for weeks", "Thunder rumbled far to the west", "A warm breeze moved through the trees",
)
_FEELINGS = (
    "quietly pleased", "a little uneasy", "tired but content", "curious", "restless", "hopeful",
    "strangely calm", "unsure of what to say", "glad to be home", "worried about the harvest",
)
_STATES = (
    "were open to the street", "had been painted green", "stood empty all summer", "needed repair",
    "were full of people", "looked smaller than before", "smelled of smoke and bread", "had not changed at all",
)
_FEATURES = ("windows", "benches", "shutters", "steps", "doors", "lamps", "fences", "roofs")
_MEMORIES = (
    "such a long winter", "the flood of the old days", "a quieter season", "so many ships at once",
    "the day the bridge was built", "a louder festival", "the last good harvest", "a colder spring",
)
_RESTS = (
    "stayed indoors", "kept the fire going", "closed the shutters early", "went out anyway",
    "waited for the post", "mended the nets", "baked bread for the week", "read by the window",
)


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


_TEMPLATES: tuple[Callable[[random.Random], str], ...] = (
    lambda r: f"{r.choice(_TIMES)}, {r.choice(_PEOPLE)} {r.choice(_MOVES)} {r.choice(_PLACES)}.",
    lambda r: f"{r.choice(_NAMES)} {r.choice(_MOVES)} {r.choice(_PLACES)} with {r.choice(_THINGS)}.",
    lambda r: f"{r.choice(_WEATHER)}, and {r.choice(_PEOPLE)} {r.choice(_RESTS)}.",
    lambda r: f"Nobody near {r.choice(_PLACES)} could remember {r.choice(_MEMORIES)}.",
    lambda r: f"{r.choice(_NAMES)} felt {r.choice(_FEELINGS)} as {r.choice(_PEOPLE)} {r.choice(_MOVES)} {r.choice(_PLACES)}.",
    lambda r: f"It was late when {r.choice(_NAMES)} finally found {r.choice(_THINGS)}.",
    lambda r: f"{_cap(r.choice(_PEOPLE))} said that {r.choice(_PLACES)} had changed very little over the years.",
    lambda r: f"For a long time, {r.choice(_NAMES)} said nothing at all.",
    lambda r: f"{r.choice(_WEATHER)}.",
    lambda r: f"The {r.choice(_FEATURES)} near {r.choice(_PLACES)} {r.choice(_STATES)}.",
    lambda r: f"\"We should go before dark,\" {r.choice(_NAMES)} said, and {r.choice(_PEOPLE)} agreed.",
    lambda r: f"{_cap(r.choice(_PEOPLE))} carried {r.choice(_THINGS)} to {r.choice(_PLACES)} and left it there.",
    lambda r: f"{r.choice(_TIMES)}, {r.choice(_NAMES)} and {r.choice(_NAMES)} {r.choice(_RESTS)}.",
    lambda r: f"Some said {r.choice(_PEOPLE)} had seen {r.choice(_THINGS)} near {r.choice(_PLACES)}, but nobody was sure.",
)


@lru_cache(maxsize=1)
def sentence_pool() -> tuple[str, ...]:
    """The fixed pool of prose sentences every prose haystack draws from."""
    rng = random.Random("agentbench-prose")
    return tuple(rng.choice(_TEMPLATES)(rng) for _ in range(POOL_SIZE))


FILL_SENTENCES: tuple[str, ...] = (
    "It was quiet.", "Nobody answered.", "The door creaked.", "Then it was evening again.",
    "The road was empty.", "Somewhere a dog barked twice.", "Nothing else happened that day.",
    "The pot of soup was still warm.", "Everyone went home early that night.",
    "The rain stopped.", "Dinner was late again.", "Nobody mentioned it afterwards.",
    "The smell of bread drifted from the bakery.", "It had been a long and uneventful week for everyone.",
    "The bells of the chapel rang out across the quiet valley.", "Night fell.", "Morning came.",
    "A cart rolled past the square and then the street was silent again.",
    "The old men at the quay argued about the weather as they always did.",
    "Later, nobody could say exactly when the lamps had been lit or who had lit them.",
    "They waited.", "Nobody came.", "The fire burned low.", "The fields were green.",
)
