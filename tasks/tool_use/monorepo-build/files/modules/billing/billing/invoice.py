"""Invoice totals. Lines are (unit price as a decimal string, quantity)."""
from core.money import Money, cents


def invoice_total(lines, discount=None):
    """Sum of price * quantity; `discount` (e.g. "0.10") applies to the sum."""
    total = Money(0)
    for price, quantity in lines:
        total.add(Money(cents(price) * quantity))
    if discount:
        total.scale(1 - float(discount))
    return total


def instalments(total, parts):
    """Split a total into `parts` instalments."""
    return total.split(parts)
