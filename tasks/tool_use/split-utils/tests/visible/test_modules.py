import datetime as dt

from abverify import agent_module

Cart = agent_module("shopkit.cart").Cart
Product = agent_module("shopkit.catalog").Product
_invoices = agent_module("shopkit.invoices")
due_date, invoice_line = _invoices.due_date, _invoices.invoice_line
report_name = agent_module("shopkit.reports").report_name
delivery_date = agent_module("shopkit.shipping").delivery_date


def test_product_label():
    assert Product("lord of the rings", 1999).label() == "Lord of the Rings (€19.99)"


def test_cart_summary():
    cart = Cart()
    cart.add("a", "€2.50", 2)
    cart.add("b", "1,000")
    assert cart.summary() == "2 items, €1,005.00"


def test_delivery_date():
    assert delivery_date("2024-05-09", 2) == dt.date(2024, 5, 13)


def test_due_date_business_days():
    assert due_date("2024-05-03") == dt.date(2024, 5, 17)


def test_invoice_line_and_report():
    assert invoice_line("01.02.2024", 5) == "2024-02-01  €0.05"
    assert report_name("Q1 Sales", 123456) == "q1-sales-EUR1234.56"
