from abverify import agent_module

_textkit = agent_module("textkit")
slugify, truncate, wrap = _textkit.slugify, _textkit.truncate, _textkit.wrap


def test_slugify_simple():
    assert slugify("Hello World") == "hello-world"


def test_slugify_punctuation():
    assert slugify("  Hello,   World!  ") == "hello-world"


def test_truncate_short_text_unchanged():
    assert truncate("short", 10) == "short"


def test_truncate_long_text():
    assert truncate("abcdefghijkl", 8) == "abcde..."


def test_wrap_exact_width():
    assert wrap("aaa bbb ccc", 7) == ["aaa bbb", "ccc"]
