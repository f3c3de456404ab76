from abverify import agent_module

Cart = agent_module("shop.cart").Cart
apply_discount = agent_module("shop.pricing.discounts").apply_discount


def test_loyal_code_lives_with_the_other_codes():
    assert apply_discount(3050, "LOYAL", member=True) == 2592
    assert apply_discount(3050, "LOYAL") == 3050
    assert apply_discount(1005, "SAVE10", member=True) == 904


def test_member_pays_shipping_on_small_discounted_cart():
    cart = Cart(member=True)
    cart.add("B", 3050)
    assert cart.total("LOYAL") == 2592 + 490
    assert cart.points("LOYAL") == 25


def test_guest_cannot_use_loyal():
    cart = Cart()
    cart.add("B", 3050)
    assert cart.total("LOYAL") == 3540 and cart.points("LOYAL") == 0


def test_threshold_uses_member_discounted_goods():
    cart = Cart(member=True)
    cart.add("A", 5500)
    assert cart.total("LOYAL") == 4675 + 490
    assert cart.points("LOYAL") == 46


def test_points_ignore_shipping():
    cart = Cart(member=True)
    cart.add("C", 4999)
    assert cart.total() == 5489 and cart.points() == 49
