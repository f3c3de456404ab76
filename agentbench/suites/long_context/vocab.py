"""Words for needles: keys are adjective-animal pairs, word values are objects.

None of these words is used by the built-in haystacks, so a needle's key or value never
occurs by accident (the generator still checks every sample).
"""

from __future__ import annotations

KEY_ADJECTIVES: tuple[str, ...] = (
    "amber", "azure", "brisk", "cobalt", "crimson", "dapper", "dusky", "eager", "fuzzy", "gilded",
    "glossy", "hazel", "indigo", "ivory", "jolly", "khaki", "lanky", "lilac", "lucky", "maroon",
    "mellow", "nimble", "ochre", "peppy", "plucky", "quirky", "rosy", "russet", "rusty", "scarlet",
    "silky", "snappy", "spry", "stubby", "sunny", "swift", "tawny", "teal", "thrifty", "tidy", "umber",
    "velvet", "violet", "wiry", "witty", "zany", "zesty", "bronze", "cheeky", "chirpy", "copper",
    "dainty", "fluffy", "frisky", "giddy", "jaunty", "perky", "sleek", "spotty",
)

KEY_NOUNS: tuple[str, ...] = (
    "aardvark", "albatross", "alpaca", "anteater", "armadillo", "badger", "beaver", "bison", "bobcat",
    "buffalo", "camel", "caribou", "cheetah", "chinchilla", "cobra", "condor", "cougar", "coyote",
    "crane", "dingo", "dolphin", "donkey", "falcon", "ferret", "flamingo", "gazelle", "gecko", "gibbon",
    "giraffe", "gopher", "gorilla", "hamster", "hedgehog", "heron", "hippo", "hyena", "ibis", "iguana",
    "impala", "jackal", "jaguar", "kangaroo", "koala", "lemur", "leopard", "llama", "lynx", "macaw",
    "manatee", "marmot", "meerkat", "mongoose", "moose", "narwhal", "newt", "ocelot", "octopus",
    "opossum", "orca", "ostrich", "otter", "panda", "pangolin", "panther", "parrot", "pelican",
    "penguin", "platypus", "porcupine", "puffin", "python", "quail", "raccoon", "raven", "reindeer",
    "rhino", "salamander", "seal", "skunk", "sloth", "squid", "stork", "tapir", "toucan", "turkey",
    "turtle", "vulture", "walrus", "warthog", "weasel", "wolverine", "wombat", "yak", "zebra",
)

VALUE_WORDS: tuple[str, ...] = (
    "accordion", "anchor", "anvil", "backpack", "bagpipe", "banjo", "barometer", "bathtub", "beehive",
    "binoculars", "blender", "boomerang", "bucket", "cactus", "canoe", "carousel", "cauldron",
    "chandelier", "chisel", "clarinet", "compass", "corkscrew", "crossbow", "cymbal", "dartboard",
    "dumbbell", "dynamo", "easel", "escalator", "faucet", "fiddle", "flashlight", "funnel", "gazebo",
    "glider", "gramophone", "hammock", "harmonica", "harpoon", "helmet", "hourglass", "igloo",
    "javelin", "jukebox", "kayak", "kettle", "keyboard", "ladle", "lasso", "magnet", "mandolin",
    "metronome", "microscope", "mitten", "napkin", "oboe", "padlock", "paddle", "parachute",
    "periscope", "piano", "pinwheel", "pitchfork", "pogostick", "quiver", "rocket", "saddle",
    "saxophone", "scooter", "sextant", "shovel", "skateboard", "snorkel", "spatula", "stapler",
    "stethoscope", "surfboard", "tambourine", "teapot", "telescope", "thimble", "toaster", "trampoline",
    "trombone", "trumpet", "tuba", "typewriter", "ukulele", "umbrella", "vacuum", "violin",
    "wheelbarrow", "whistle", "windmill", "xylophone", "zipper",
)
