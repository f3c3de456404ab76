"""The oracle strategy solves every variant by searching the context; the scorer's partial credit."""

from __future__ import annotations

from pathlib import Path

import pytest

from agentbench.oracle import Conversation
from agentbench.suites.long_context.generate import build_sample
from agentbench.suites.long_context.oracle import long_context_oracle
from agentbench.suites.long_context.scoring import grade
from agentbench.suites.long_context.spec import VARIANTS, LongContextSpec


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AGENTBENCH_CACHE", str(tmp_path))


def _ask(prompt: str) -> str | None:
    reply = long_context_oracle(Conversation(messages=[{"role": "system", "content": "Be brief."}, {"role": "user", "content": prompt}]))
    return None if reply is None else reply.content


def test_the_suite_hands_its_strategy_to_the_server() -> None:
    from agentbench.spec import TaskRegistry
    from agentbench.suites.registry import load_suites

    assert long_context_oracle in load_suites().oracle_strategies(TaskRegistry())


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("haystack", ["noise", "prose", "logs"])
@pytest.mark.parametrize("depth", [0.0, 0.5, 1.0])
def test_oracle_answers_every_variant(variant: str, haystack: str, depth: float) -> None:
    sample = build_sample(LongContextSpec(variant, 4096, depth, haystack, seed=2))
    answer = _ask(sample.prompt)
    assert answer is not None
    result = grade(answer, sample.answers, sample.distractors, sample.shape, sample.prefix)
    assert result.success and result.reward == 1.0


def test_oracle_searches_instead_of_remembering() -> None:
    sample = build_sample(LongContextSpec("niah_single_number", 2048, 0.5))
    value = sample.answers[0]
    assert _ask(sample.prompt.replace(value, "1234567")) == "1234567"
    missing = sample.prompt.replace(sample.needles[sample.answer_needles[0]].text, "")
    assert _ask(missing) == "not present"


@pytest.mark.slow
def test_oracle_on_a_million_tokens() -> None:
    sample = build_sample(LongContextSpec("variable_tracking", 1 << 20, 0.25, "prose"))
    assert grade(_ask(sample.prompt) or "", sample.answers, sample.distractors, sample.shape).success


@pytest.mark.parametrize("prompt", ["What is 2 + 2?", "Some text.\n\nQuestion: What is the hidden number for nobody here?"])
def test_oracle_ignores_other_conversations(prompt: str) -> None:
    assert _ask(prompt) is None


def test_partial_credit_and_distractor_penalty() -> None:
    expected = ("4829173", "1111111", "2222222", "3333333")
    assert grade("4829173, 1111111", expected).reward == 0.5
    assert grade("4,829,173 1111111 2222222 3333333.", expected).success
    assert grade("none of them", expected).reward == 0.0
    names = ("ABCDE", "FGHIJ")
    assert grade("abcde, fghij", names, shape="variable").success
    penalised = grade("ABCDE, FGHIJ, KLMNO", names, distractors=("KLMNO",), shape="variable")
    assert (penalised.reward, penalised.success) == (0.5, False)
    assert grade("8f0e4c1a-1b2c-4d3e-8f90-aabbccddeeff", ("8f0e4c1a-1b2c-4d3e-8f90-aabbccddeeff",), shape="uuid").success
    assert not grade("48291735", ("4829173",)).success
