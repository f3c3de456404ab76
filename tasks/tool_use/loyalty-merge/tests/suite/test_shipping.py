from abverify import agent_module

Cart = agent_module("shop.cart").Cart


def test_shipping_below_threshold():
    cart = Cart()
    cart.add("A", 4999)
    assert cart.total() == 5489


def test_free_shipping_counts_discounted_goods():
    cart = Cart()
    cart.add("A", 5500)
    assert cart.total("SAVE10") == 4950 + 490
