"""What defines a long-context sample (`LongContextSpec`) and what generating it yields."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

from agentbench.suites.long_context.needles import IN_CONTEXT, NEEDLE_VARIANTS
from agentbench.tokenizers import DEFAULT_TOKENIZER

GENERATOR_VERSION = 2
"""Bump whenever generated text could change for the same spec; it is part of the cache key."""

COMMON_WORDS = "common_words"
VARIANTS: tuple[str, ...] = (*NEEDLE_VARIANTS, COMMON_WORDS)
DEPTH_FREE: frozenset[str] = frozenset({COMMON_WORDS})
"""Variants that span the whole context: one sample per length, kept off the depth axis."""
AGGREGATE_DEPTH = 0.5
"""The spec depth of depth-free samples (their recorded depth is None)."""
ANSWER_RESERVE = 128
"""Tokens a length keeps free for the answer, as RULER's `max_seq_length - tokens_to_generate`
(RULER generates 128 tokens for its needle tasks)."""


@dataclass(frozen=True)
class LongContextSpec:
    """Every parameter of one sample; equal specs give byte-identical samples."""

    variant: str
    length: int
    depth: float = 0.5
    haystack: str = "noise"
    tokenizer: str = DEFAULT_TOKENIZER
    seed: int = 0

    def __post_init__(self) -> None:
        if self.variant not in VARIANTS:
            raise ValueError(f"unknown long-context variant {self.variant!r}; choose from {', '.join(VARIANTS)}")
        if self.length < 1:
            raise ValueError(f"bad length {self.length}: must be at least 1 token")
        if not 0.0 <= self.depth <= 1.0:
            raise ValueError(f"bad depth {self.depth}: must be a fraction from 0 to 1")

    @property
    def sample_id(self) -> str:
        """Readable and unique within a task: "niah_single_number-4096-d50-s0"."""
        return f"{self.variant}-{self.length}-d{self.depth * 100:g}-s{self.seed}"

    def cache_key(self, haystack_fingerprint: str, tokenizer_fingerprint: str) -> str:
        fields = asdict(self) | {"version": GENERATOR_VERSION, "haystack_fp": haystack_fingerprint, "tokenizer_fp": tokenizer_fingerprint}
        return hashlib.sha256(json.dumps(fields, sort_keys=True).encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Needle:
    """One needle as placed: `depth` is its token offset over the context without itself."""

    text: str
    char_offset: int
    token_offset: int
    token_count: int
    depth: float


@dataclass(frozen=True)
class LongContextSample:
    """A generated sample: a context of `context_tokens` tokens and its question, which together,
    in the target family's chat template, take `prompt_tokens` <= length - `answer_reserve`."""

    spec: LongContextSpec
    context: str
    question_template: str
    """The question with `{where}` standing for where the data is (prompt or files)."""
    answers: tuple[str, ...]
    distractors: tuple[str, ...]
    context_tokens: int
    """Tokens of the context (haystack and needles) alone."""
    prompt_tokens: int
    """Tokens of the whole request (context, question, chat template) as the endpoint counts them."""
    answer_reserve: int
    """Tokens of the length left for the answer: length - prompt_tokens (at least ANSWER_RESERVE)."""
    template: str
    """The chat template the budget was counted with."""
    needles: tuple[Needle, ...]
    haystack: str
    """The haystack actually used ("word_list" for common words)."""
    shape: str
    """How the answer is graded (`scoring.grade`)."""
    answer_needles: tuple[int, ...] = ()
    """Indices in `needles` of those that carry the answer."""
    prefix: str = ""
    """The prefix an MRCR answer must start with."""

    @property
    def question(self) -> str:
        return self.question_template.format(where=IN_CONTEXT)

    @property
    def prompt(self) -> str:
        """The single user message: the context, then the question."""
        return prompt_text(self.context, self.question)

    @property
    def depth_free(self) -> bool:
        return self.spec.variant in DEPTH_FREE

    @property
    def needle_span(self) -> tuple[float, float] | None:
        """First and last depth of the needles that carry the answer (None for depth-free samples)."""
        depths = [self.needles[i].depth for i in self.answer_needles]
        return (min(depths), max(depths)) if depths else None


def prompt_text(context: str, question: str) -> str:
    return f"{context}\n\nQuestion: {question}"
