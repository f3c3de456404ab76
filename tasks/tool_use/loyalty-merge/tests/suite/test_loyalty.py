from abverify import agent_module

Cart = agent_module("shop.cart").Cart


def test_loyal_code_for_members():
    cart = Cart(member=True)
    cart.add("A", 1999, 3)
    assert cart.subtotal() == 5997
    assert cart.points("LOYAL") == 50


def test_points_on_small_cart():
    cart = Cart(member=True)
    cart.add("B", 3050)
    assert cart.points() == 30


def test_no_points_for_guests():
    cart = Cart()
    cart.add("B", 3050)
    assert cart.points() == 0
