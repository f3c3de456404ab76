from abverify import agent_module

Cart = agent_module("shop.cart").Cart


def test_subtotal():
    cart = Cart()
    cart.add("A", 1250, 2)
    cart.add("B", 999)
    assert cart.subtotal() == 3499
