"""Grid parsing: exact lengths, depths in percent or fractions, one-line errors."""

from __future__ import annotations

import pytest

from agentbench.suites.long_context.grid import (
    grid_lengths,
    length_label,
    parse_depths,
    parse_length,
    parse_lengths,
)
from agentbench.suites.long_context.spec import LongContextSpec
from agentbench.suites.long_context.task import grid_specs, parse_variants


def test_lengths_use_binary_suffixes() -> None:
    assert parse_lengths("1k,4k,1m") == [1024, 4096, 1048576]
    assert parse_lengths(" 1000 , 2K,1.5k,4k,4k ") == [1000, 2048, 1536, 4096]
    assert parse_length("128k") == 131072
    assert [length_label(n) for n in (1024, 4096, 1048576, 1000)] == ["1k", "4k", "1m", "1000"]


def test_depths_in_percent_or_fractions() -> None:
    assert parse_depths("0,25,50,75,100") == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert parse_depths("0,0.5,1") == [0.0, 0.5, 1.0]
    assert parse_depths("50%") == [0.5]
    assert parse_depths("0,1,50") == [0.0, 0.01, 0.5]


def test_max_length_extends_the_default_ladder_and_caps_explicit_lists() -> None:
    assert grid_lengths() == [1024, 4096, 16384, 65536, 131072]
    assert grid_lengths(max_length="1m") == [1024, 4096, 16384, 65536, 131072, 262144, 524288, 1048576]
    assert grid_lengths(max_length="16k") == [1024, 4096, 16384]
    assert grid_lengths("4k,64k", max_length="16k") == [4096]


@pytest.mark.parametrize(
    ("call", "fragment"),
    [
        (lambda: parse_lengths("4q"), "bad length '4q'"),
        (lambda: parse_lengths("0"), "at least 1"),
        (lambda: parse_lengths("1.0001k"), "whole number"),
        (lambda: parse_lengths(","), "no lengths"),
        (lambda: parse_depths("150"), "bad depth '150'"),
        (lambda: parse_depths("-5"), "bad depth '-5'"),
        (lambda: parse_depths("half"), "bad depth 'half'"),
        (lambda: grid_lengths("64k", max_length="4k"), "below every requested length"),
        (lambda: parse_variants("niah_single_number,needle_in_space"), "needle_in_space"),
        (lambda: LongContextSpec("niah_single_number", 4096, 1.5), "bad depth"),
        (lambda: grid_specs(tokenizer="gpt-17"), "unknown tokenizer 'gpt-17'"),
        (lambda: grid_specs(haystack="gravel"), "unknown haystack 'gravel'"),
    ],
)
def test_bad_input_fails_in_one_line(call, fragment: str) -> None:
    with pytest.raises(ValueError) as error:
        call()
    assert fragment in str(error.value) and "\n" not in str(error.value)


def test_grid_specs_cover_every_cell_and_common_words_once_per_length() -> None:
    specs = grid_specs("1k,4k", "0,50,100", "niah_single_number,common_words")
    ids = [s.sample_id for s in specs]
    assert len(ids) == len(set(ids)) == 2 * 3 + 2
    assert "niah_single_number-4096-d50-s0" in ids and "common_words-1024-d50-s0" in ids
