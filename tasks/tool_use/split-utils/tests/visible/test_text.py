from abverify import agent_module

_text = agent_module("shopkit.text")
slugify, title_case = _text.slugify, _text.title_case


def test_slugify():
    assert slugify("Summer Sale: 50% off!") == "summer-sale-50-off"


def test_title_case():
    assert title_case("war and peace") == "War and Peace"
