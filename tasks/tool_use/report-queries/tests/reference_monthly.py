"""Monthly revenue per customer, for the finance dashboard."""


def _account(conn, customer_id):
    """Customers merged into another account report under the account they were merged into."""
    row = conn.execute("SELECT id, merged_into FROM customers WHERE id = ?", (customer_id,)).fetchone()
    while row[1] is not None:
        row = conn.execute("SELECT id, merged_into FROM customers WHERE id = ?", (row[1],)).fetchone()
    return row[0]


def _rate(conn, currency, day):
    """Units of `currency` per EUR on `day`: the latest rate published on or before it."""
    if currency == "EUR":
        return 1.0
    row = conn.execute(
        "SELECT per_eur FROM rates WHERE currency = ? AND valid_from <= ? ORDER BY valid_from DESC LIMIT 1",
        (currency, day),
    ).fetchone()
    return row[0]


def monthly_report(conn, month):
    """[(customer name, orders, revenue in EUR cents)] for `month` ('YYYY-MM'), largest revenue first.

    Void orders are ignored; a refund counts negatively and is not an order. Each order is
    converted to EUR cents on its own (rounded with Python's round()) before summing.
    """
    totals, orders = {}, {}
    ids = [r[0] for r in conn.execute("SELECT id FROM orders WHERE substr(placed, 1, 7) = ? ORDER BY id", (month,))]
    for order_id in ids:
        customer_id, placed, amount_cents, currency, status = conn.execute(
            "SELECT customer_id, placed, amount_cents, currency, status FROM orders WHERE id = ?", (order_id,)
        ).fetchone()
        if status == "void":
            continue
        account = _account(conn, customer_id)
        eur_cents = round(amount_cents / _rate(conn, currency, placed))
        sign = -1 if status == "refund" else 1
        totals[account] = totals.get(account, 0) + sign * eur_cents
        orders[account] = orders.get(account, 0) + (sign == 1)
    names = {a: conn.execute("SELECT name FROM customers WHERE id = ?", (a,)).fetchone()[0] for a in totals}
    return sorted(((names[a], orders[a], totals[a]) for a in totals), key=lambda r: (-r[2], r[0]))
