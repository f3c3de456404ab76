"""The Inspect task: `long_context(lengths, depths, variants, haystack, tokenizer, seed, max_length)`.

Inspect reads the whole dataset before the first sample runs, so the dataset hands it light samples
(spec and settings, no text); `fill_and_generate` generates the prompt (or reads it from the cache) just
before the model call, so a 1M-token grid holds only the samples in flight and the first starts at once.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import Any, overload

from inspect_ai import Task, task
from inspect_ai.dataset import Dataset, Sample
import anyio
from inspect_ai.model import ChatMessageUser, GenerateConfig
from inspect_ai.scorer import Score, Scorer, Target, mean, scorer, stderr
from inspect_ai.solver import Generate, Solver, TaskState, solver

from agentbench.endpoints.epoch import remember_epoch
from agentbench.endpoints.echo import ECHO_KEY, is_echo
from agentbench.endpoints.generation import SUITE_MAX_TOKENS
from agentbench.endpoints.prompt_tokens import note_prompt_tokens
from agentbench.suites.long_context.common_words import WORD_LIST
from agentbench.suites.long_context.fit import gather
from agentbench.suites.long_context.generate import build_sample
from agentbench.suites.long_context.grid import (
    DEFAULT_DEPTHS,
    DEFAULT_LENGTHS,
    grid_lengths,
    parse_depths,
)
from agentbench.suites.long_context.haystacks import BUILTIN_HAYSTACKS, resolve_haystack
from agentbench.suites.long_context.scoring import grade
from agentbench.suites.long_context.suite import parse_variants
from agentbench.suites.long_context.spec import (
    AGGREGATE_DEPTH,
    COMMON_WORDS,
    DEPTH_FREE,
    GENERATOR_VERSION,
    VARIANTS,
    LongContextSample,
    LongContextSpec,
)
from agentbench.tokenizers import DEFAULT_TOKENIZER, get_tokenizer

SUITE = "long_context"
DEFAULT_VARIANTS = ",".join(VARIANTS)


def grid_specs(
    lengths: str = DEFAULT_LENGTHS,
    depths: str = DEFAULT_DEPTHS,
    variants: str = DEFAULT_VARIANTS,
    haystack: str = "noise",
    tokenizer: str = DEFAULT_TOKENIZER,
    seed: int = 0,
    max_length: str | None = None,
) -> list[LongContextSpec]:
    """Every sample of the grid, validated before anything is generated: one per variant,
    length and depth (depth-free variants: one per length; common words on its own word-list haystack)."""
    chosen = parse_variants(variants)
    sizes = grid_lengths(lengths, max_length)
    fractions = parse_depths(depths)
    tok = get_tokenizer(tokenizer)
    if haystack not in BUILTIN_HAYSTACKS and any(v != COMMON_WORDS for v in chosen):
        source = resolve_haystack(haystack)
        found = gather(source, tok, seed, max(sizes)).tokens
        if found < max(sizes):
            raise ValueError(f"haystack {haystack} has only {found} tokens of text in {tokenizer}; length {max(sizes)} needs more")
    return [
        LongContextSpec(variant, size, depth, WORD_LIST if variant == COMMON_WORDS else haystack, tokenizer, seed)
        for variant in chosen
        for size in sizes
        for depth in ([AGGREGATE_DEPTH] if variant in DEPTH_FREE else fractions)
    ]


def _spec_metadata(spec: LongContextSpec) -> dict[str, Any]:
    """What a sample's spec says, known before it is generated (`depth` None for depth-free variants)."""
    return {
        "suite": SUITE,
        "task_id": spec.variant,
        "variant": spec.variant,
        "length": spec.length,
        "depth": None if spec.variant in DEPTH_FREE else spec.depth,
        "haystack": spec.haystack,
        "tokenizer": spec.tokenizer,
        "seed": spec.seed,
    }


def _spec_of(metadata: dict[str, Any]) -> LongContextSpec:
    depth = AGGREGATE_DEPTH if metadata["depth"] is None else metadata["depth"]
    return LongContextSpec(metadata["variant"], metadata["length"], depth, metadata["haystack"], metadata["tokenizer"],
                           metadata["seed"])


def light_sample(spec: LongContextSpec) -> Sample:
    """What Inspect holds of a sample until it runs: its id and spec; `fill_and_generate` adds the text."""
    return Sample(id=spec.sample_id, input=f"(long-context sample {spec.sample_id}: generated just before the model call)",
                  metadata=_spec_metadata(spec))


def to_sample(sample: LongContextSample) -> Sample:
    """The whole Inspect sample: one user message, the context then the question."""
    return Sample(id=sample.spec.sample_id, input=sample.prompt, target=list(sample.answers), metadata=_sample_metadata(sample))


def _sample_metadata(sample: LongContextSample) -> dict[str, Any]:
    """`length` is the grid's length (the whole request), `depth` is None for depth-free variants;
    `answers` repeats the target, which the scorer reads from the metadata (a light sample has no target)."""
    span = sample.needle_span
    return {
        **_spec_metadata(sample.spec),
        "context_tokens": sample.context_tokens,
        "planned_prompt_tokens": sample.prompt_tokens,
        "answer_reserve": sample.answer_reserve,
        "template": sample.template,
        "needle_span": list(span) if span else None,
        "haystack": sample.haystack,
        "shape": sample.shape,
        "prefix": sample.prefix,
        "distractors": list(sample.distractors),
        "needle_token_offsets": [n.token_offset for n in sample.needles],
        "needle_depths": [n.depth for n in sample.needles],
        "answers": list(sample.answers),
    }


def _filled(spec: LongContextSpec) -> tuple[str, dict[str, Any]]:
    """The sample's prompt and metadata, built once; the generated sample (its context as long as the
    prompt) is dropped here, so during the model call only the prompt is held."""
    sample = build_sample(spec)
    return sample.prompt, _sample_metadata(sample)


@solver
def fill_and_generate() -> Solver:
    """Generate the sample's prompt (or read it from the cache) in a worker thread just before the model
    call, note for our model API the sample's epoch (`endpoints.epoch`) and the prompt's exact token
    count (`endpoints.prompt_tokens`), then generate. One solver step, as bare Inspect's `generate()`
    is: each step costs Inspect a span, a snapshot of the state and a diff of it (the whole prompt)."""

    async def solve(state: TaskState, generate: Generate) -> TaskState:
        remember_epoch(state)
        prompt, metadata = await anyio.to_thread.run_sync(_filled, _spec_of(state.metadata))
        note_prompt_tokens(metadata["tokenizer"], prompt, metadata["planned_prompt_tokens"])
        state.messages = [ChatMessageUser(content=prompt)]
        state.metadata.update(metadata)
        return await generate(state)

    return solve


class LongContextDataset(Dataset):
    """A grid of specs read as light samples (`light_sample`): no text is generated until `fill_and_generate`."""

    def __init__(self, specs: Sequence[LongContextSpec], name: str = SUITE, shuffled: bool = False,
                 make: Callable[[LongContextSample], Sample] | None = None) -> None:
        self._specs = list(specs)
        self._name = name
        self._shuffled = shuffled
        self._make = make  # generated sample -> Inspect sample; None: a light sample that fill_and_generate fills

    @property
    def name(self) -> str | None:
        return self._name

    @property
    def location(self) -> str | None:
        return None

    @property
    def shuffled(self) -> bool:
        return self._shuffled

    @property
    def specs(self) -> list[LongContextSpec]:
        return list(self._specs)

    @overload
    def __getitem__(self, index: int) -> Sample: ...

    @overload
    def __getitem__(self, index: slice) -> Dataset: ...

    def __getitem__(self, index: int | slice) -> Sample | Dataset:
        if isinstance(index, slice):
            return LongContextDataset(self._specs[index], self._name, self._shuffled, self._make)
        spec = self._specs[index]
        return light_sample(spec) if self._make is None else self._make(build_sample(spec))

    def __len__(self) -> int:
        return len(self._specs)

    def sort(self, reverse: bool = False, key: Callable[[Sample], Any] | None = None) -> None:
        """Sort by `key` of each sample (default: its context length, without generating it)."""
        if key is None:
            self._specs.sort(key=lambda s: s.length, reverse=reverse)
            return
        keys = [key(self[i]) for i in range(len(self))]
        order = sorted(range(len(self)), key=keys.__getitem__, reverse=reverse)
        self._specs = [self._specs[i] for i in order]

    def filter(self, predicate: Callable[[Sample], bool], name: str | None = None) -> LongContextDataset:
        kept = [spec for i, spec in enumerate(self._specs) if predicate(self[i])]
        return LongContextDataset(kept, name or self._name, self._shuffled, self._make)

    def subset(self, sample_ids: set[str]) -> LongContextDataset:
        """The samples with these ids, chosen by spec (nothing generated): a shard's share."""
        return LongContextDataset([s for s in self._specs if s.sample_id in sample_ids], self._name, self._shuffled,
                                  self._make)

    def shuffle(self, seed: int | None = None) -> None:
        random.Random(seed).shuffle(self._specs)
        self._shuffled = True

    def shuffle_choices(self, seed: int | None = None) -> None:
        """Nothing to shuffle: these samples have no choices."""


@scorer(metrics=[mean(), stderr()])
def long_context_scorer() -> Scorer:
    """Values of the asked shape, matched exactly (`scoring.grade`); extra values cost credit.

    No answer is graded when the reply echoes the prompt (the needle would be found in the
    copied haystack), was cut by max_tokens, or came from a prompt over the context window.
    """

    async def score(state: TaskState, target: Target) -> Score:
        answer = state.output.completion
        stop = state.output.stop_reason
        answers = state.metadata["answers"]
        expected_chars = sum(len(value) + 1 for value in answers)
        if stop in ("max_tokens", "model_length"):
            return Score(value=0.0, answer=answer, metadata={"success": False, "not_graded": stop})
        if is_echo(state.user_prompt.text, answer, expected_chars):
            return Score(value=0.0, answer=answer[:500], metadata={"success": False, "not_graded": "echo", ECHO_KEY: True})
        meta = state.metadata
        result = grade(answer, answers, meta.get("distractors", ()), meta.get("shape", "number"), meta.get("prefix", ""))
        return Score(value=result.reward, answer=answer, metadata={"success": result.success, "found": result.found, "wrong": result.wrong})

    return score


@task
def long_context(
    lengths: str = DEFAULT_LENGTHS,
    depths: str = DEFAULT_DEPTHS,
    variants: str = DEFAULT_VARIANTS,
    haystack: str = "noise",
    tokenizer: str = DEFAULT_TOKENIZER,
    seed: int = 0,
    max_length: str | None = None,
) -> Task:
    """Needle-in-a-haystack retrieval (literal, non-literal, absent), variable tracking,
    multi-round co-reference and common-word counting over a length x depth grid; each
    length is the whole request in `tokenizer` and its family's chat template."""
    specs = grid_specs(lengths, depths, variants, haystack, tokenizer, seed, max_length)
    return Task(dataset=LongContextDataset(specs), solver=fill_and_generate(), scorer=long_context_scorer(),
                version=GENERATOR_VERSION, config=GenerateConfig(max_tokens=SUITE_MAX_TOKENS[SUITE]))
