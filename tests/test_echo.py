"""Echo detection: a reply repeating the prompt is no answer; quoting a needle or being verbose is."""

from __future__ import annotations

from agentbench.endpoints.echo import copied_chars, is_echo
from agentbench.refserver.faults import render_chatml
from agentbench.refserver.schema import parse_request
from agentbench.suites.long_context.generate import build_sample
from agentbench.suites.long_context.task import grid_specs

SAMPLE = build_sample(grid_specs(lengths="1k", depths="50", variants="niah_single_number")[0])
PROMPT = SAMPLE.prompt
ANSWER = SAMPLE.answers[0]


def test_the_rendered_prompt_echoed_back_is_an_echo() -> None:
    """What transformers serve returned: the chat template's rendering of the request."""
    request = parse_request(b'{"model": "m", "messages": [{"role": "user", "content": ' + __import__("json").dumps(PROMPT).encode() + b"}]}")
    assert is_echo(PROMPT, render_chatml(request), len(ANSWER))


def test_a_middle_slice_of_the_haystack_is_an_echo_even_with_the_needle_in_it() -> None:
    needle_at = PROMPT.index(ANSWER)
    copied = PROMPT[max(0, needle_at - 600) : needle_at + 600]
    assert ANSWER in copied and is_echo(PROMPT, f"Sure! {copied}", len(ANSWER))


def test_an_honest_answer_quoting_the_needle_sentence_is_not_an_echo() -> None:
    sentence = next(part for part in PROMPT.split(". ") if ANSWER in part)
    assert 20 < len(sentence) < 200
    assert not is_echo(PROMPT, f"The text says: \"{sentence.strip()}.\" So the answer is {ANSWER}.", len(ANSWER))
    assert not is_echo(PROMPT, ANSWER, len(ANSWER))


def test_a_verbose_right_answer_is_not_judged_by_length_alone() -> None:
    verbose = f"The special magic number is {ANSWER}. " + "I checked the whole document carefully. " * 30
    assert len(verbose) > 1000 and not is_echo(PROMPT, verbose, len(ANSWER))


def test_a_reply_out_of_all_proportion_to_the_question_is_an_echo() -> None:
    """A random model rambling thousands of characters for a seven-digit answer."""
    assert is_echo(PROMPT, "nome " * 1000, len(ANSWER))


def test_short_prompts_are_echoed_only_when_repeated_whole() -> None:
    prompt = "agentbench probe: reply with the single word ok."
    assert is_echo(prompt, f"<|im_start|>user\n{prompt}<|im_end|>\n<|im_start|>assistant\n")
    assert not is_echo(prompt, "ok") and not is_echo(prompt, "") and not is_echo(prompt, "reply with the single word")


def test_copied_chars_counts_only_long_verbatim_stretches() -> None:
    text = "".join(f"sentence number {i} of a long document. " for i in range(100))
    assert copied_chars(text, text[500:1500]) >= 900
    assert copied_chars(text, "sentence number 5 of a long document.") == 0
