"""Attacks on the long-context suite: answers that list instead of find, needles found by their
shape instead of their key, depths that are not what they say, budgets that do not fit."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from agentbench.chat_templates import template_for
from agentbench.suites.long_context.generate import GenerationError, generate_sample, prove_distinct
from agentbench.suites.long_context.haystacks import resolve_haystack
from agentbench.suites.long_context.needles import CLUSTER_SPAN, DECOYS, NEEDLE_VARIANTS, NeedlePlan
from agentbench.suites.long_context.scoring import grade
from agentbench.suites.long_context.spec import COMMON_WORDS, LongContextSample, LongContextSpec
from agentbench.tokenizers import get_tokenizer

HAYSTACKS = ["noise", "prose", "logs"]
SEEDS = range(30)
CHANCE = 1 / (DECOYS + 1)


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AGENTBENCH_CACHE", str(tmp_path))


def _sample(variant: str, length: int = 1024, depth: float = 0.5, haystack: str = "noise", seed: int = 0, tokenizer: str = "qwen3") -> LongContextSample:
    spec = LongContextSpec(variant, length, depth, haystack, tokenizer, seed)
    return generate_sample(spec, get_tokenizer(tokenizer), None if variant == COMMON_WORDS else resolve_haystack(haystack))


def _ok(sample: LongContextSample, answer: str) -> bool:
    return grade(answer, sample.answers, sample.distractors, sample.shape, sample.prefix).success


# --- answers that list instead of find -------------------------------------------------------


@pytest.mark.parametrize("variant", ["niah_single_number", "niah_single_word", "niah_single_uuid", "niah_multikey", "niah_nonliteral"])
def test_shotgun_answers_fail(variant: str) -> None:
    sample = _sample(variant, seed=3)
    right = sample.answers[0]
    assert _ok(sample, right)
    assert not _ok(sample, f"maybe {sample.distractors[0]} or {right} or {sample.distractors[1]}")
    assert not _ok(sample, ", ".join((right, *sample.distractors)))
    assert grade(f"{right} or {sample.distractors[0]}", sample.answers, sample.distractors, sample.shape).reward == 0.0


def test_listing_every_value_of_the_shape_in_the_context_fails() -> None:
    for variant in ("niah_single_number", "niah_multivalue", "niah_multiquery"):
        sample = _sample(variant, 4096, seed=1)
        every = re.findall(r"\b\d{7}\b", sample.context)
        assert set(sample.answers) <= set(every) and len(every) > len(sample.answers)
        result = grade(", ".join(every), sample.answers, sample.distractors, sample.shape)
        assert not result.success and result.reward == 0.0


@pytest.mark.parametrize(
    ("answer", "success"),
    [
        ("4898580", True), ("4,898,580.", True), ("The number for amber-falcon is 4898580.", True),
        ("4898580.5", False), ("-4898580", False), ("48985800", False), ("4898581", False),
        ("4898580 (or 1234567)", False), ("not present", False), ("4898580, or not present", False), ("", False),
    ],
)
def test_numbers_match_as_numbers(answer: str, success: bool) -> None:
    assert grade(answer, ("4898580",)).success is success


def test_shape_only_answers_fail() -> None:
    sample = _sample("niah_single_number", seed=5)
    for guess in ("1234567", "9999999", "a seven-digit number", "0"):
        assert not _ok(sample, guess)
    words = _sample("niah_single_word", seed=5)
    assert not _ok(words, "umbrella" if words.answers[0] != "umbrella" else "kettle")


def test_multi_value_partial_credit_is_reduced_by_extra_values() -> None:
    expected = ("1111111", "2222222", "3333333", "4444444")
    assert grade("1111111, 2222222", expected).reward == 0.5
    assert grade("1111111, 2222222, 5555555", expected).reward == 0.25
    assert grade("1111111, 2222222, 3333333, 4444444, 5555555", expected).success is False


def test_common_words_are_scored_by_f1_not_inclusion() -> None:
    sample = _sample(COMMON_WORDS, 4096)
    every = sorted({line[2:] for line in sample.context.splitlines() if line.startswith("- ")})
    assert len(every) > 50
    listed = grade(", ".join(every), sample.answers, shape="common_word")
    assert not listed.success and listed.reward < 2 * 10 / len(every) + 1e-9
    assert _ok(sample, "The words are: " + ", ".join(sample.answers))
    half = list(sample.answers[:5]) + [w for w in every if w not in sample.answers][:5]
    assert grade(", ".join(half), sample.answers, shape="common_word").reward == pytest.approx(0.5)


def test_variable_tracking_rejects_extra_names() -> None:
    sample = _sample("variable_tracking", 2048, seed=2)
    assert _ok(sample, ", ".join(sample.answers))
    assert not _ok(sample, ", ".join(sample.answers + sample.distractors[:1]))
    assert not _ok(sample, ", ".join(set(re.findall(r"\b[A-Z]{5}\b", sample.context))))


def test_absent_answers_reward_abstention_only() -> None:
    sample = _sample("niah_absent", 2048, seed=4)
    assert sample.answers == ("not present",)
    assert _ok(sample, "not present") and _ok(sample, 'The answer is "Not present".')
    near_miss = sample.distractors[0]
    for answer in (near_miss, f"not present, maybe {near_miss}", sample.distractors[1], "I do not know."):
        assert not _ok(sample, answer), answer


def test_mrcr_needs_the_prefix_and_the_right_round() -> None:
    sample = _sample("mrcr", 4096, seed=6)
    reply = sample.answers[0][len(sample.prefix) :]
    assert _ok(sample, sample.answers[0]) and _ok(sample, sample.prefix + " " + reply)
    assert grade(reply, sample.answers, shape="mrcr", prefix=sample.prefix).reward == 0.0
    for other in sample.distractors:  # another round of the same request
        assert not _ok(sample, sample.prefix + other)
    everything = sample.prefix + " ".join([reply, *sample.distractors])
    assert not _ok(sample, everything)


# --- needles found by their key, never by their shape ------------------------------------------

Attack = Callable[[LongContextSample], str]


def _notes(sample: LongContextSample) -> list[str]:
    return re.findall(r"Note: one hidden \w+ for [\w-]+ is ([\w-]+)\.", sample.context)


ATTACKS: dict[str, tuple[list[str], Attack]] = {
    "first 7-digit number": (["niah_single_number", "niah_multikey"], lambda s: re.findall(r"\b\d{7}\b", s.context)[0]),
    "last 7-digit number": (["niah_single_number", "niah_multikey"], lambda s: re.findall(r"\b\d{7}\b", s.context)[-1]),
    "first Note sentence": (["niah_single_number", "niah_single_word", "niah_single_uuid"], lambda s: _notes(s)[0]),
    "last Note sentence": (["niah_single_number", "niah_single_word", "niah_single_uuid"], lambda s: _notes(s)[-1]),
    "first UUID": (["niah_single_uuid"], lambda s: re.findall(r"[0-9a-f]{8}-[0-9a-f-]{27}", s.context)[0]),
    "first neighbour": (["niah_nonliteral"], lambda s: re.findall(r"Actually, (\w+) lives", s.context)[0]),
    "last neighbour": (["niah_nonliteral"], lambda s: re.findall(r"Actually, (\w+) lives", s.context)[-1]),
}


@pytest.mark.parametrize("haystack", HAYSTACKS)
@pytest.mark.parametrize("attack", list(ATTACKS))
def test_pattern_attacks_succeed_at_most_at_chance(attack: str, haystack: str) -> None:
    variants, pick = ATTACKS[attack]
    for variant in variants:
        samples = [_sample(variant, 1024, depth=(seed % 5) / 4, haystack=haystack, seed=seed) for seed in SEEDS]
        hits = sum(_ok(s, pick(s)) for s in samples)
        # 30 draws at chance 1/5 (expected 6); the bound leaves room for the binomial spread, not for a pattern
        assert hits <= 2 * CHANCE * len(samples), f"{attack} finds {variant} in {hits}/{len(samples)}"


@pytest.mark.parametrize("haystack", HAYSTACKS)
def test_every_needle_has_same_shaped_decoys(haystack: str) -> None:
    for variant in NEEDLE_VARIANTS:
        sample = _sample(variant, 2048, 0.3, haystack, seed=7)
        assert len(sample.needles) >= len(sample.answer_needles) + DECOYS, variant
        openings = {n.text.strip().split("] ")[-1].split()[0] for n in sample.needles}
        assert len(openings) == 1, f"{variant}: decoys open differently from the needle: {openings}"


def test_in_logs_every_needle_is_a_log_line_stamped_in_order() -> None:
    stamp = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) (INFO |DEBUG|WARN |ERROR) \[")
    for seed in range(6):
        sample = _sample("niah_multikey", 4096, seed / 5, "logs", seed)
        lines = [line for line in sample.context.splitlines() if not line.startswith(("    ", "Caused by"))]
        stamps = [stamp.match(line) for line in lines]
        assert all(stamps), [line for line, m in zip(lines, stamps) if not m][:3]
        times = [m.group(1) for m in stamps if m]
        assert times == sorted(times), "a needle's timestamp is out of order"


def test_the_generator_proves_no_distractor_equals_an_answer() -> None:
    clash = NeedlePlan((), "q", ("4829173",), ("4829173",), {}, "number")
    with pytest.raises(GenerationError, match="distractor equals an answer"):
        prove_distinct(clash)
    for variant in NEEDLE_VARIANTS:
        for seed in range(5):
            sample = _sample(variant, 1024, 0.5, "logs", seed)
            answers = {a.lower() for a in sample.answers}
            assert answers.isdisjoint(d.lower() for d in sample.distractors), variant


def test_non_literal_questions_share_no_content_word_with_the_needle() -> None:
    stop = {"the", "a", "an", "to", "in", "of", "with", "or", "above", "text", "only", "one"}
    for seed in range(10):
        sample = _sample("niah_nonliteral", 2048, 0.5, HAYSTACKS[seed % 3], seed)
        needle = sample.needles[sample.answer_needles[0]].text
        words = lambda text: {w.lower() for w in re.findall(r"[A-Za-z]+", text)} - stop  # noqa: E731
        assert words(sample.question).isdisjoint(words(needle.split("] ")[-1])), (sample.question, needle)
        city = re.search(r"been to (.+?) in the text above", sample.question).group(1)
        assert city not in sample.context


# --- depth is honoured by every variant -------------------------------------------------------


@pytest.mark.parametrize("variant", list(NEEDLE_VARIANTS))
@pytest.mark.parametrize("depth", [0.0, 0.25, 0.5, 1.0])
def test_answer_needles_cluster_around_the_requested_depth(variant: str, depth: float) -> None:
    sample = _sample(variant, 8192, depth, "prose", seed=1)
    low, high = sample.needle_span
    slack = 0.01
    assert depth - CLUSTER_SPAN - slack <= low <= high <= depth + CLUSTER_SPAN + slack, (variant, depth, low, high)
    assert high - low <= CLUSTER_SPAN + slack


@pytest.mark.parametrize("variant", list(NEEDLE_VARIANTS))
def test_different_depths_give_different_placements(variant: str) -> None:
    spans = [_sample(variant, 8192, depth, "noise", seed=2).needle_span for depth in (0.0, 0.5, 1.0)]
    assert spans[0][1] < spans[1][0] and spans[1][1] < spans[2][0], spans


# --- a length fits a window of that length, in the family's template --------------------------


def test_mistral_template_matches_mistral_common_token_for_token() -> None:
    from mistral_common.protocol.instruct.messages import SystemMessage, UserMessage
    from mistral_common.protocol.instruct.request import ChatCompletionRequest
    from mistral_common.tokens.tokenizers.mistral import MistralTokenizer

    import mistral_common

    reference = MistralTokenizer.from_file(str(Path(mistral_common.__file__).parent / "data" / "tekken_240911.json"))
    sample = _sample("niah_single_word", 2048, tokenizer="mistral-tekken")
    for messages in ([UserMessage(content=sample.prompt)], [SystemMessage(content="Be brief."), UserMessage(content=sample.prompt)]):
        tokens = reference.encode_chat_completion(ChatCompletionRequest(messages=messages)).tokens
        ours = [{"role": m.role, "content": m.content} for m in messages]
        assert template_for("mistral-tekken").count(get_tokenizer("mistral-tekken"), ours) == len(tokens)
    assert sample.prompt_tokens == len(reference.encode_chat_completion(ChatCompletionRequest(messages=[UserMessage(content=sample.prompt)])).tokens)


@pytest.mark.parametrize("tokenizer", ["qwen3", "deepseek-v3", "mistral-tekken"])
def test_templates_add_their_family_overhead(tokenizer: str) -> None:
    sample = _sample("niah_single_number", 2048, tokenizer=tokenizer)
    tok = get_tokenizer(tokenizer)
    overhead = {"qwen3": 8, "deepseek-v3": 3, "mistral-tekken": 3}[tokenizer]
    assert sample.prompt_tokens == tok.count(sample.prompt) + overhead
    if tokenizer == "deepseek-v3":  # its tokenizer.json knows the specials: one token each
        rendered = template_for(tokenizer).render([{"role": "user", "content": sample.prompt}])
        assert len(tok.encode(rendered)) == sample.prompt_tokens


def test_a_length_too_short_for_reserve_and_question_is_one_line() -> None:
    with pytest.raises(ValueError, match="too short") as error:
        _sample("mrcr", 300)
    assert "\n" not in str(error.value)
