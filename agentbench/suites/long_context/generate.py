"""Build one long-context sample from its spec, through the on-disk cache."""

from __future__ import annotations

import random
import re

from agentbench.chat_templates import template_for
from agentbench.suites.long_context import cache
from agentbench.suites.long_context.common_words import COMMON, QUESTION, plan_word_list
from agentbench.suites.long_context.fit import ATTEMPTS, GenerationError, TooShort, assemble, gather
from agentbench.suites.long_context.haystacks import Haystack, resolve_haystack
from agentbench.suites.long_context.needles import IN_CONTEXT, NeedlePlan, plan_needles
from agentbench.suites.long_context.spec import (
    ANSWER_RESERVE,
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
    words, whose list is planned per sample.

    The length is the whole request: the context gets what is left after the answer reserve,
    the question and the chat template of the tokenizer's family, as the endpoint counts them."""
    rng = random.Random(f"{spec.variant}|{spec.length}|{spec.depth!r}|{spec.seed}")
    template = template_for(spec.tokenizer)
    around = template.around_user(tokenizer)
    room = spec.length - ANSWER_RESERVE
    if haystack is None:
        question = QUESTION.format(count=COMMON, where="{where}")
        words = plan_word_list(tokenizer, spec.seed, _context_budget(spec, room, around, tokenizer, question))
        haystack = words.haystack
        plan = NeedlePlan((), question, words.answers, (), {w: words.frequent for w in words.answers}, "common_word")
        gathered = gather(haystack, tokenizer, spec.seed, room)
    else:
        gathered = gather(haystack, tokenizer, spec.seed, room)
        plan = plan_needles(spec.variant, spec.depth, rng, lambda s: occurrences(gathered.text, s) > 0)
    prove_distinct(plan)
    question = plan.question.format(where=IN_CONTEXT)
    budget = _context_budget(spec, room, around, tokenizer, plan.question)
    for _ in range(ATTEMPTS):
        try:
            built = assemble(gathered, haystack, tokenizer, budget, plan.needles, rng)
        except TooShort as exc:
            raise ValueError(f"length {spec.length} is too short for {spec.variant}: {exc}") from None
        prompt = around + built.tail_tokens + tokenizer.count(prompt_text(built.context[built.tail_offset :], question))
        if prompt <= room:
            break
        budget -= prompt - room
    else:
        raise GenerationError(f"{spec.sample_id}: the prompt takes {prompt} tokens, more than {room}")
    _check_occurrences(spec, built.context, plan)
    return LongContextSample(
        spec=spec,
        context=built.context,
        question_template=plan.question,
        answers=plan.answers,
        distractors=plan.distractors,
        context_tokens=budget,
        prompt_tokens=prompt,
        answer_reserve=spec.length - prompt,
        template=template.name,
        needles=tuple(
            Needle(p.text, p.char_offset, p.token_offset, p.token_count, p.token_offset / max(budget - p.token_count, 1))
            for p in built.needles
        ),
        haystack=haystack.name,
        shape=plan.shape,
        answer_needles=plan.answer_needles,
        prefix=plan.prefix,
    )


def _context_budget(spec: LongContextSpec, room: int, around: int, tokenizer: Tokenizer, question: str) -> int:
    """Context tokens that leave room for the question and template, the question counted after
    a sentence as it will follow the context (an unusual seam is measured and corrected by the caller)."""
    seam = "A."
    budget = room - around - (tokenizer.count(prompt_text(seam, question.format(where=IN_CONTEXT))) - tokenizer.count(seam))
    if budget < 1:
        raise ValueError(f"length {spec.length} is too short for {spec.variant}: the answer reserve ({ANSWER_RESERVE}), question and chat template take {spec.length - budget}")
    return budget


def prove_distinct(plan: NeedlePlan) -> None:
    """No distractor equals an answer, as text or (for numbers) as a number."""
    def value(text: str) -> str:
        return str(int(text)) if plan.shape == "number" and text.isdigit() else text.lower()

    clash = {value(a) for a in plan.answers} & {value(d) for d in plan.distractors}
    if clash:
        raise GenerationError(f"a distractor equals an answer: {', '.join(sorted(clash))}")


def _check_occurrences(spec: LongContextSpec, context: str, plan: NeedlePlan) -> None:
    """Every key, value and name occurs as often as planned; words that must stay unsaid never do."""
    for text, expected in (plan.occurrences | dict.fromkeys(plan.unsaid, 0)).items():
        if context.count(text) != expected and occurrences(context, text) != expected:
            raise GenerationError(f"{spec.sample_id}: {text!r} occurs {occurrences(context, text)} times, expected {expected}")


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
