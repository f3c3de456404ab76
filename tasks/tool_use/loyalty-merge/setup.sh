#!/bin/bash
# Builds the `shop` repository: `main` and `feature/loyalty` diverged from one base commit
# (fixed authors and dates, so every hash is deterministic). Deletes itself.
set -e
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME="Shop Dev" GIT_AUTHOR_EMAIL="dev@shop.example" GIT_COMMITTER_NAME="Shop Dev" GIT_COMMITTER_EMAIL="dev@shop.example"
commit() { GIT_AUTHOR_DATE="$1" GIT_COMMITTER_DATE="$1" git commit -q -m "$2"; }
mkdir shop && cd shop && git init -q -b main .
mkdir -p shop tests
: > shop/__init__.py
printf '__pycache__/\n.pytest_cache/\n' > .gitignore
cat > shop/discount.py <<'PY'
"""Discount codes."""


def apply_discount(total_cents, code):
    """SAVE10: 10 % off; FLAT5: 5.00 off, never below zero. Unknown codes change nothing."""
    if code == "SAVE10":
        return total_cents - total_cents // 10
    if code == "FLAT5":
        return max(0, total_cents - 500)
    return total_cents
PY
cat > shop/cart.py <<'PY'
"""A shopping cart; amounts in cents."""
from shop.discount import apply_discount


class Cart:
    def __init__(self):
        self.lines = []

    def add(self, sku, unit_cents, qty=1):
        self.lines.append((sku, unit_cents, qty))

    def subtotal(self):
        return sum(unit * qty for _, unit, qty in self.lines)

    def total(self, code=None):
        return apply_discount(self.subtotal(), code)
PY
cat > tests/test_cart.py <<'PY'
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from shop.cart import Cart  # noqa: E402


def test_subtotal():
    cart = Cart()
    cart.add("A", 1250, 2)
    cart.add("B", 999)
    assert cart.subtotal() == 3499
PY
git add -A && commit "2024-03-01T10:00:00+00:00" "Cart and discount codes"
git checkout -q -b feature/loyalty
cat > shop/discount.py <<'PY'
"""Discount codes."""


def apply_discount(total_cents, code, member=False):
    """SAVE10: 10 % off; FLAT5: 5.00 off, never below zero; LOYAL: 15 % off for loyalty
    members only (rounded down to the cent, in the customer's favour: the discount is
    rounded up). Unknown codes, and LOYAL for non-members, change nothing."""
    if code == "SAVE10":
        return total_cents - total_cents // 10
    if code == "LOYAL" and member:
        return total_cents - (total_cents * 15 + 99) // 100
    if code == "FLAT5":
        return max(0, total_cents - 500)
    return total_cents
PY
git add -A && commit "2024-03-04T09:30:00+00:00" "Add the LOYAL code for loyalty members"
cat > shop/cart.py <<'PY'
"""A shopping cart; amounts in cents."""
from shop.discount import apply_discount


class Cart:
    def __init__(self, member=False):
        self.lines = []
        self.member = member

    def add(self, sku, unit_cents, qty=1):
        self.lines.append((sku, unit_cents, qty))

    def subtotal(self):
        return sum(unit * qty for _, unit, qty in self.lines)

    def total(self, code=None):
        return apply_discount(self.subtotal(), code, member=self.member)

    def points(self, code=None):
        """Loyalty points: one per full euro of the discounted goods; members only."""
        return self.total(code) // 100 if self.member else 0
PY
cat > tests/test_loyalty.py <<'PY'
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from shop.cart import Cart  # noqa: E402


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
PY
git add -A && commit "2024-03-05T15:10:00+00:00" "Cart: loyalty members and points"
git checkout -q main
mkdir -p shop/pricing
: > shop/pricing/__init__.py
git mv shop/discount.py shop/pricing/discounts.py
cat > shop/pricing/discounts.py <<'PY'
"""Discount codes."""


def apply_discount(total_cents, code):
    """SAVE10: 10 % off, the discount rounded half up to the cent (FIN-12); FLAT5: 5.00 off,
    never below zero. Unknown codes change nothing."""
    if code == "SAVE10":
        return total_cents - (total_cents + 5) // 10
    if code == "FLAT5":
        return max(0, total_cents - 500)
    return total_cents
PY
sed -i 's/from shop.discount import apply_discount/from shop.pricing.discounts import apply_discount/' shop/cart.py
cat > tests/test_discounts.py <<'PY'
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from shop.pricing.discounts import apply_discount  # noqa: E402


def test_save10_rounds_half_up():
    assert apply_discount(1005, "SAVE10") == 904
    assert apply_discount(1004, "SAVE10") == 904


def test_flat5_never_negative():
    assert apply_discount(300, "FLAT5") == 0
PY
git add -A && commit "2024-03-06T11:00:00+00:00" "Move discounts to shop.pricing; SAVE10 rounds half up (FIN-12)"
cat > shop/cart.py <<'PY'
"""A shopping cart; amounts in cents."""
from shop.pricing.discounts import apply_discount

FREE_SHIPPING_FROM = 5000
SHIPPING = 490


class Cart:
    def __init__(self):
        self.lines = []

    def add(self, sku, unit_cents, qty=1):
        self.lines.append((sku, unit_cents, qty))

    def subtotal(self):
        return sum(unit * qty for _, unit, qty in self.lines)

    def total(self, code=None):
        """Discounted goods plus shipping, which is free from 50.00 of discounted goods."""
        goods = apply_discount(self.subtotal(), code)
        return goods + (0 if goods >= FREE_SHIPPING_FROM else SHIPPING)
PY
cat > tests/test_shipping.py <<'PY'
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
PY
git add -A && commit "2024-03-07T16:45:00+00:00" "Shipping: 4.90 below 50.00 of goods"
cd .. && rm -f -- "$0"
