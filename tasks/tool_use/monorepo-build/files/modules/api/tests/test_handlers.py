from api.handlers import SECRET, get_invoice_total
from auth.tokens import sign


def test_rejects_bad_token():
    assert get_invoice_total("acme.0000", [("1.00", 1)]) == (401, "unauthorized")


def test_total():
    assert get_invoice_total(sign("acme", SECRET), [("2.50", 2), ("0.99", 1)]) == (200, "5.99 EUR")
