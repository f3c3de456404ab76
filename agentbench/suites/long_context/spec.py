"""What defines a long-context sample (`LongContextSpec`) and what generating it yields."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

from agentbench.suites.long_context.needles import IN_CONTEXT, NEEDLE_VARIANTS
from agentbench.tokenizers import DEFAULT_TOKENIZER

GENERATOR_VERSION = 1
"""Bump whenever generated text could change for the same spec; it is part of the cache key."""

COMMON_WORDS = "common_words"
VARIANTS: tuple[str, ...] = (*NEEDLE_VARIANTS, COMMON_WORDS)
AGGREGATE_DEPTH = 0.5
"""The depth of common-words samples: their list spans the whole context, so a grid has one
per length, recorded at the middle."""


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
    """A generated sample: the context of exactly `context_tokens` tokens and its question."""

    spec: LongContextSpec
    context: str
    question_template: str
    """The question with `{where}` standing for where the data is (prompt or files)."""
    answers: tuple[str, ...]
    distractors: tuple[str, ...]
    context_tokens: int
    prompt_tokens: int
    """Tokens of `prompt` (context, blank line, question) in the spec's tokenizer, no chat template."""
    needles: tuple[Needle, ...]
    haystack: str
    """The haystack actually used ("word_list" for common words)."""

    @property
    def question(self) -> str:
        return self.question_template.format(where=IN_CONTEXT)

    @property
    def prompt(self) -> str:
        """The single user message: the context, then the question."""
        return prompt_text(self.context, self.question)


def prompt_text(context: str, question: str) -> str:
    return f"{context}\n\nQuestion: {question}"
