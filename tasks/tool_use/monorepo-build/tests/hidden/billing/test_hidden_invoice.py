from abverify import agent_module

_invoice = agent_module("billing.invoice")
instalments, invoice_total = _invoice.instalments, _invoice.invoice_total


def test_total_of_lines():
    assert invoice_total([("2.50", 2), ("0.99", 3), ("0.125", 1)]).cents == 810


def test_discount_rounds_half_up_on_the_exact_value():
    assert invoice_total([("0.50", 1)], discount="0.07").cents == 47
    assert invoice_total([("19.99", 3)], discount="0.15").cents == 5097


def test_total_is_not_mutated_by_instalments():
    total = invoice_total([("10.00", 1)])
    assert [m.cents for m in instalments(total, 3)] == [334, 333, 333] and total.cents == 1000
