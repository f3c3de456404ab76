"""Sample generation: exact token budgets, depths, determinism, caching, unique needles."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from agentbench.suites.long_context import cache
from agentbench.suites.long_context.generate import (
    build_sample,
    generate_sample,
    occurrences,
)
from agentbench.suites.long_context.haystacks import resolve_haystack
from agentbench.chat_templates import template_for
from agentbench.suites.long_context.spec import ANSWER_RESERVE, COMMON_WORDS, VARIANTS, LongContextSpec
from agentbench.suites.long_context.task import grid_specs
from agentbench.suites.long_context.vocab import VALUE_WORDS
from agentbench.tokenizers import get_tokenizer

TOKENIZERS = ["qwen3", "deepseek-v3", "mistral-tekken"]
HAYSTACKS = ["noise", "prose", "logs"]


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AGENTBENCH_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _fresh(spec: LongContextSpec):
    tokenizer = get_tokenizer(spec.tokenizer)
    haystack = None if spec.variant == COMMON_WORDS else resolve_haystack(spec.haystack)
    return generate_sample(spec, tokenizer, haystack)


@pytest.mark.parametrize("tokenizer", TOKENIZERS)
@pytest.mark.parametrize("haystack", HAYSTACKS)
@pytest.mark.parametrize("length", [1000, 4096, 33333])
def test_the_whole_request_takes_exactly_the_length_less_the_answer_reserve(tokenizer: str, haystack: str, length: int) -> None:
    sample = _fresh(LongContextSpec("niah_multikey", length, 0.3, haystack, tokenizer))
    tok = get_tokenizer(tokenizer)
    rendered = template_for(tokenizer).render([{"role": "user", "content": sample.prompt}])
    assert sample.context_tokens == tok.count(sample.context) < length
    assert sample.prompt_tokens == template_for(tokenizer).count_text(tok, rendered) == length - ANSWER_RESERVE
    assert sample.answer_reserve == ANSWER_RESERVE and sample.template == tokenizer
    for needle in sample.needles:
        assert sample.context[needle.char_offset :].startswith(needle.text)
        assert tok.count(sample.context[: needle.char_offset]) == needle.token_offset
        assert tok.count(needle.text) == needle.token_count


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("tokenizer", TOKENIZERS)
def test_every_variant_is_exact_in_every_tokenizer(variant: str, tokenizer: str) -> None:
    sample = _fresh(LongContextSpec(variant, 2048, 0.75, "prose", tokenizer))
    assert get_tokenizer(tokenizer).count(sample.context) == sample.context_tokens
    assert sample.prompt_tokens + ANSWER_RESERVE == 2048


@pytest.mark.slow
@pytest.mark.parametrize(
    ("tokenizer", "haystack"),
    [("qwen3", "noise"), ("qwen3", "prose"), ("qwen3", "logs"), ("mistral-tekken", "prose"), ("deepseek-v3", "noise")],
)
def test_one_million_tokens_exactly(tokenizer: str, haystack: str) -> None:
    sample = _fresh(LongContextSpec("niah_single_number", 1 << 20, 0.5, haystack, tokenizer))
    assert get_tokenizer(tokenizer).count(sample.context) == sample.context_tokens
    assert sample.prompt_tokens + ANSWER_RESERVE == 1 << 20
    assert abs(sample.needles[sample.answer_needles[0]].depth - 0.5) < 1e-4


@pytest.mark.parametrize("haystack", HAYSTACKS)
@pytest.mark.parametrize("depth", [0.0, 0.1, 0.25, 0.5, 0.9, 1.0])
def test_needle_sits_at_the_requested_depth_within_one_sentence(haystack: str, depth: float) -> None:
    sample = _fresh(LongContextSpec("niah_single_uuid", 8192, depth, haystack))
    tok = get_tokenizer("qwen3")
    needle = sample.needles[sample.answer_needles[0]]
    decoys = [n for n in sample.needles if n is not needle]
    longest_unit = max(tok.count(line) for line in sample.context.replace(". ", ".\n").splitlines())
    assert abs(needle.token_offset - depth * (sample.context_tokens - needle.token_count)) <= longest_unit + sum(n.token_count for n in decoys)
    if depth == 0.0:
        assert all(n.token_offset < needle.token_offset for n in decoys if n.char_offset < needle.char_offset)
        assert sample.context[: needle.char_offset] == "".join(n.text for n in decoys if n.char_offset < needle.char_offset)
    if depth == 1.0:
        assert sample.context[needle.char_offset :] == "".join([needle.text] + [n.text for n in decoys if n.char_offset > needle.char_offset])


@pytest.mark.parametrize("variant", VARIANTS)
def test_each_key_value_and_name_occurs_only_where_planted(variant: str) -> None:
    sample = _fresh(LongContextSpec(variant, 8192, 0.5, "logs"))
    answers = () if sample.shape == "abstain" else tuple(a[len(sample.prefix) :] for a in sample.answers)
    for value in answers + sample.distractors:
        planted = sum(value in n.text for n in sample.needles) if sample.needles else sample.context.count(f"- {value}\n")
        assert occurrences(sample.context, value) == planted >= 1


def test_needle_values_avoid_words_the_haystack_already_has(tmp_path: Path) -> None:
    free = set(VALUE_WORDS[:6])  # the needle's word and its four decoys
    book = tmp_path / "book.txt"
    taken = " ".join(w for w in VALUE_WORDS if w not in free)
    book.write_text(f"The shed held a {taken}.\n" * 400)
    for seed in range(4):
        sample = _fresh(LongContextSpec("niah_single_word", 4096, 0.5, f"dataset:{book}", seed=seed))
        assert sample.answers[0] in free and occurrences(sample.context, sample.answers[0]) == 1
        assert set(sample.distractors) <= free


def test_generation_is_deterministic_and_cache_hits_are_identical(_cache: Path) -> None:
    spec = LongContextSpec("variable_tracking", 4096, 0.5, "prose", seed=3)
    first = build_sample(spec)
    files = list(_cache.glob("long_context/*.json"))
    assert len(files) == 1
    stored = files[0].read_bytes()
    assert build_sample(spec) == first == _fresh(spec)
    files[0].unlink()
    assert build_sample(spec) == first and files[0].read_bytes() == stored
    assert json.loads(stored)["context"] == first.context


def test_seeds_lengths_and_tokenizers_change_the_cache_key(_cache: Path) -> None:
    base = LongContextSpec("niah_single_number", 1024, 0.5)
    for spec in (base, LongContextSpec("niah_single_number", 1024, 0.5, seed=1), LongContextSpec("niah_single_number", 1024, 0.5, tokenizer="mistral-tekken")):
        build_sample(spec)
    assert len(list(_cache.glob("long_context/*.json"))) == 3
    assert build_sample(base).answers != build_sample(LongContextSpec("niah_single_number", 1024, 0.5, seed=1)).answers


def test_a_corrupt_cache_file_is_regenerated(_cache: Path) -> None:
    spec = LongContextSpec("niah_single_word", 1024, 0.5)
    sample = build_sample(spec)
    (path,) = _cache.glob("long_context/*.json")
    path.write_text("{not json")
    assert cache.load(path.stem) is None
    assert build_sample(spec) == sample


def test_shorter_contexts_are_prefixes_of_the_same_haystack() -> None:
    short = _fresh(LongContextSpec("niah_single_number", 1024, 1.0, "prose"))
    long = _fresh(LongContextSpec("niah_single_number", 4096, 1.0, "prose"))
    shared = min(short.needles[0].char_offset, long.needles[0].char_offset) * 4 // 5
    assert shared > 0 and long.context[:shared] == short.context[:shared]


def test_common_words_have_ten_clear_winners() -> None:
    sample = _fresh(LongContextSpec(COMMON_WORDS, 8192, 0.5))
    counts: dict[str, int] = {}
    for line in sample.context.splitlines():
        counts[line[2:]] = counts.get(line[2:], 0) + 1
    top = sorted(counts.values(), reverse=True)
    assert {w for w in counts if counts[w] >= top[9]} == set(sample.answers)
    assert top[9] > top[10]


@pytest.mark.parametrize(
    ("spec", "fragment"),
    [
        (LongContextSpec("niah_multiquery", 40), "too short"),
        (LongContextSpec("niah_single_number", 4096, haystack="dataset:/no/such/book.txt"), "no such file"),
    ],
)
def test_impossible_samples_fail_in_one_line(spec: LongContextSpec, fragment: str) -> None:
    with pytest.raises(ValueError) as error:
        build_sample(spec)
    assert fragment in str(error.value) and "\n" not in str(error.value)


def test_data_set_haystacks_read_local_files_and_reject_bad_ones(tmp_path: Path) -> None:
    rows = tmp_path / "rows.jsonl"
    rows.write_text("".join(json.dumps({"id": i, "body": f"Row {i} says hello to the café. It ends here."}) + "\n" for i in range(300)))
    sample = _fresh(LongContextSpec("niah_single_number", 2048, 0.5, f"dataset:{rows}#body"))
    assert get_tokenizer("qwen3").count(sample.context) == sample.context_tokens and "café" in sample.context
    for haystack, fragment in [(f"dataset:{rows}#id", "no text column 'id'"), (f"dataset:{rows}#body", "has only")]:
        with pytest.raises(ValueError) as error:
            grid_specs("64k", "50", "niah_single_number", haystack)
        assert fragment in str(error.value) and "\n" not in str(error.value)


def test_other_processes_generate_the_same_bytes() -> None:
    specs = [
        LongContextSpec("variable_tracking", 3000, 0.4, "prose", seed=5),
        LongContextSpec(COMMON_WORDS, 3000),
        LongContextSpec("niah_multikey", 3000, 0.9, "logs"),
    ]
    script = (
        "import hashlib, sys\n"
        "from agentbench.suites.long_context.generate import generate_sample\n"
        "from agentbench.suites.long_context.haystacks import resolve_haystack\n"
        "from agentbench.suites.long_context.spec import LongContextSpec, COMMON_WORDS\n"
        "from agentbench.tokenizers import get_tokenizer\n"
        "for args in " + repr([(s.variant, s.length, s.depth, s.haystack, s.tokenizer, s.seed) for s in specs]) + ":\n"
        "    spec = LongContextSpec(*args)\n"
        "    hay = None if spec.variant == COMMON_WORDS else resolve_haystack(spec.haystack)\n"
        "    print(hashlib.sha256(generate_sample(spec, get_tokenizer(spec.tokenizer), hay).context.encode()).hexdigest())\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1]), "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True, env=env).stdout.split()
    assert out == [hashlib.sha256(_fresh(s).context.encode()).hexdigest() for s in specs]
