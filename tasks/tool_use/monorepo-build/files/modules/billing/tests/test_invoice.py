from billing.invoice import invoice_total
from core.money import Money


def test_empty_invoice():
    assert invoice_total([]) == Money(0)


def test_discount_on_empty_invoice():
    assert invoice_total([], discount="0.10") == Money(0)
