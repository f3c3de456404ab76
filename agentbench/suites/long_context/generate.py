"""Build one long-context sample from its spec, through the on-disk cache."""

from __future__ import annotations

import random
import re

from agentbench.suites.long_context import cache
from agentbench.suites.long_context.common_words import COMMON, QUESTION, plan_word_list
from agentbench.suites.long_context.fit import GenerationError, assemble, gather
from agentbench.suites.long_context.haystacks import Haystack, resolve_haystack
from agentbench.suites.long_context.needles import IN_CONTEXT, NeedlePlan, plan_needles
from agentbench.suites.long_context.spec import (
    COMMON_WORDS,
    LongContextSample,
    LongContextSpec,
    Needle,
    prompt_text,
)
from agentbench.tokenizers import Tokenizer, get_tokenizer


def build_sample(spec: LongContextSpec) -> LongContextSample:
    """The sample for `spec`: read from the cache, or generated (byte-identically) and cached."""
    tokenizer = get_tokenizer(spec.tokenizer)
    haystack = None if spec.variant == COMMON_WORDS else resolve_haystack(spec.haystack)
    key = spec.cache_key(haystack.fingerprint if haystack else "", _tokenizer_fingerprint(tokenizer))
    sample = cache.load(key)
    if sample is None:
        sample = generate_sample(spec, tokenizer, haystack)
        cache.store(key, sample)
    return sample


def generate_sample(spec: LongContextSpec, tokenizer: Tokenizer, haystack: Haystack | None) -> LongContextSample:
    """Generate without the cache (the benchmarks time this); `haystack` is None for common
    words, whose list is planned per sample."""
    rng = random.Random(f"{spec.variant}|{spec.length}|{spec.depth!r}|{spec.seed}")
    words = plan_word_list(tokenizer, spec.seed, spec.length) if haystack is None else None
    haystack = words.haystack if words else haystack
    gathered = gather(haystack, tokenizer, spec.seed, spec.length)
    if words:
        plan = NeedlePlan((), QUESTION.format(count=COMMON, where="{where}"), words.answers, (), {w: words.frequent for w in words.answers})
    else:
        plan = plan_needles(spec.variant, spec.depth, rng, lambda s: occurrences(gathered.text, s) > 0)
    built = assemble(gathered, haystack, tokenizer, spec.length, plan.needles, rng)
    for text, expected in plan.occurrences.items():
        if built.context.count(text) != expected and occurrences(built.context, text) != expected:
            raise GenerationError(f"{spec.sample_id}: {text!r} occurs {occurrences(built.context, text)} times, expected {expected}")
    question = plan.question.format(where=IN_CONTEXT)
    tail = prompt_text(built.context[built.tail_offset :], question)
    return LongContextSample(
        spec=spec,
        context=built.context,
        question_template=plan.question,
        answers=plan.answers,
        distractors=plan.distractors,
        context_tokens=spec.length,
        prompt_tokens=built.tail_tokens + tokenizer.count(tail),
        needles=tuple(
            Needle(p.text, p.char_offset, p.token_offset, p.token_count, p.token_offset / (spec.length - p.token_count))
            for p in built.needles
        ),
        haystack=haystack.name,
    )


def occurrences(text: str, word: str) -> int:
    """How often `word` occurs in `text` not glued to other letters or digits."""
    found = text.count(word)
    if found == 0:
        return 0
    return len(re.findall(rf"(?<![A-Za-z0-9]){re.escape(word)}(?![A-Za-z0-9])", text))


def _tokenizer_fingerprint(tokenizer: Tokenizer) -> str:
    """A local tokenizer.json can change behind its name; built-ins change only with packages."""
    path = getattr(tokenizer, "path", None)
    if path is None:
        return ""
    stat = path.stat()
    return f"{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}"
