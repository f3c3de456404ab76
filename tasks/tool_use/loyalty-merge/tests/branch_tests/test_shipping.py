import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from shop.cart import Cart  # noqa: E402


def test_shipping_below_threshold():
    cart = Cart()
    cart.add("A", 4999)
    assert cart.total() == 5489


def test_free_shipping_counts_discounted_goods():
    cart = Cart()
    cart.add("A", 5500)
    assert cart.total("SAVE10") == 4950 + 490
