import datetime as dt

from shopkit.utils import add_business_days, format_money, parse_date


def due_date(issued_text, terms_days=10):
    """Invoices are due `terms_days` business days after they are issued."""
    return parse_date(issued_text) + dt.timedelta(days=terms_days)


def invoice_line(issued_text, cents):
    return f"{parse_date(issued_text).isoformat()}  {format_money(cents)}"
