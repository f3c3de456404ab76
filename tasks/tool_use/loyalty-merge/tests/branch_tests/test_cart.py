import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from shop.cart import Cart  # noqa: E402


def test_subtotal():
    cart = Cart()
    cart.add("A", 1250, 2)
    cart.add("B", 999)
    assert cart.subtotal() == 3499
