import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from shop.pricing.discounts import apply_discount  # noqa: E402


def test_save10_rounds_half_up():
    assert apply_discount(1005, "SAVE10") == 904
    assert apply_discount(1004, "SAVE10") == 904


def test_flat5_never_negative():
    assert apply_discount(300, "FLAT5") == 0
