# Plausible mistake: uses each currency's latest rate instead of the one valid on the order's day.

cat ISSUE.md reports/monthly.py reports/schema.sql && ls tests

python3 -m pytest -q tests 2>&1 | tail -5

python3 -c "
import sys; sys.path[:0] = ['tests', '.']
import sample_db
from reports.monthly import monthly_report
c = sample_db.build(7, customers=400, orders=3000)
n = []
c.set_trace_callback(n.append)
monthly_report(c, '2024-05')
from collections import Counter
for s, k in Counter(x.split(' WHERE')[0] for x in n).most_common(): print(k, s)
"

cat > reports/monthly.py <<'PY'
"""Monthly revenue per customer, for the finance dashboard."""
from bisect import bisect_right
def _accounts(conn):
    """customer id -> (account id it reports under, following merge chains; name of every id)."""
    parent, names = {}, {}
    for cid, merged_into, name in conn.execute("SELECT id, merged_into, name FROM customers"):
        parent[cid], names[cid] = merged_into, name
    def account(cid):
        while parent[cid] is not None:
            cid = parent[cid]
        return cid
    return account, names
def _rates(conn):
    """currency -> (sorted valid_from days, matching per_eur): the latest rate on or before a day wins."""
    table = {}
    for currency, day, per_eur in conn.execute("SELECT currency, valid_from, per_eur FROM rates ORDER BY currency, valid_from"):
        days, values = table.setdefault(currency, ([], []))
        days.append(day)
        values.append(per_eur)
    def rate(currency, day):
        if currency == "EUR":
            return 1.0
        days, values = table[currency]
        return values[-1]
    return rate
def monthly_report(conn, month):
    """[(customer name, orders, revenue in EUR cents)] for `month` ('YYYY-MM'), largest revenue first.
    Void orders are ignored; a refund counts negatively and is not an order. Each order is
    converted to EUR cents on its own (rounded with Python's round()) before summing.
    Issues three SQL statements whatever the size of the month.
    """
    account, names = _accounts(conn)
    rate = _rates(conn)
    totals, orders = {}, {}
    rows = conn.execute(
        "SELECT customer_id, placed, amount_cents, currency, status FROM orders WHERE substr(placed, 1, 7) = ? ORDER BY id",
        (month,),
    )
    for customer_id, placed, amount_cents, currency, status in rows:
        if status == "void":
            continue
        a = account(customer_id)
        eur_cents = round(amount_cents / rate(currency, placed))
        sign = -1 if status == "refund" else 1
        totals[a] = totals.get(a, 0) + sign * eur_cents
        orders[a] = orders.get(a, 0) + (sign == 1)
    return sorted(((names[a], orders[a], totals[a]) for a in totals), key=lambda r: (-r[2], r[0]))
PY
python3 -m pytest -q tests 2>&1 | tail -3

git diff --stat 2>/dev/null; python3 -c "
import sys; sys.path[:0] = ['tests', '.']
import sample_db
from reports.monthly import monthly_report
for seed in (1, 2, 3):
    c = sample_db.build(seed, customers=900, orders=9000)
    n = []
    c.set_trace_callback(n.append)
    print(seed, len(monthly_report(c, '2024-06')), 'rows', len(n), 'statements')
"

echo done
