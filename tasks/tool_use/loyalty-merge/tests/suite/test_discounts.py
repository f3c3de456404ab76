from abverify import agent_module

apply_discount = agent_module("shop.pricing.discounts").apply_discount


def test_save10_rounds_half_up():
    assert apply_discount(1005, "SAVE10") == 904
    assert apply_discount(1004, "SAVE10") == 904


def test_flat5_never_negative():
    assert apply_discount(300, "FLAT5") == 0
