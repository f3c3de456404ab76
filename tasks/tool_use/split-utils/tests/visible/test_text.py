from shopkit.text import slugify, title_case


def test_slugify():
    assert slugify("Summer Sale: 50% off!") == "summer-sale-50-off"


def test_title_case():
    assert title_case("war and peace") == "War and Peace"
