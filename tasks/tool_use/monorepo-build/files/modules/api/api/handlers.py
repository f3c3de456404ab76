"""HTTP-independent request handlers."""
from auth.tokens import verify
from billing.invoice import invoice_total

SECRET = "dev-secret"


def get_invoice_total(token, lines):
    """(status, body): 401 for a bad token, else the invoice total as text."""
    account = verify(token, SECRET)
    if account is None:
        return 401, "unauthorized"
    return 200, str(invoice_total(lines))
