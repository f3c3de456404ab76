import pytest

from abverify import agent_module

_textkit = agent_module("textkit")
slugify, truncate, wrap = _textkit.slugify, _textkit.truncate, _textkit.wrap


def test_slugify_accents_and_digits():
    assert slugify("Crème Brûlée 2024") == "creme-brulee-2024"


def test_slugify_only_symbols():
    assert slugify("--!!--") == ""


def test_slugify_underscores_are_separators():
    assert slugify("snake_case__name") == "snake-case-name"


def test_truncate_exact_length():
    assert truncate("abcdefgh", 8) == "abcdefgh"


def test_truncate_custom_suffix():
    assert truncate("abcdefghij", 6, suffix="~") == "abcde~"


def test_truncate_too_small():
    with pytest.raises(ValueError):
        truncate("abcdefghij", 2)


def test_wrap_long_word():
    assert wrap("a verylongword b", 5) == ["a", "verylongword", "b"]


def test_wrap_collapses_spaces():
    assert wrap("one   two  three", 9) == ["one two", "three"]
