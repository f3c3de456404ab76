from abverify import agent_module

_handlers = agent_module("api.handlers")
SECRET, get_invoice_total = _handlers.SECRET, _handlers.get_invoice_total
sign = agent_module("auth.tokens").sign


def test_total_through_the_api():
    assert get_invoice_total(sign("globex", SECRET), [("0.125", 8), ("4.00", 2)]) == (200, "9.04 EUR")


def test_forged_token():
    assert get_invoice_total(sign("globex", "guess"), [("1.00", 1)])[0] == 401
