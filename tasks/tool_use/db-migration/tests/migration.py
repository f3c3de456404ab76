"""The verifier's own migration: the v2 content MIGRATION.md asks for, from the pristine v1 copy."""
import sqlite3
from decimal import ROUND_HALF_UP, Decimal


def iso(text):
    text = text.strip()
    if "/" in text:
        d, m, y = text.split("/")
        return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"
    return text[:10]


def cents(value):
    return int((Decimal(str(value)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def expected(v1_path):
    """table name -> sorted rows of the migrated database."""
    v1 = sqlite3.connect(f"file:{v1_path}?mode=ro", uri=True)
    customers = v1.execute("SELECT id, name, email, address, created FROM customers ORDER BY id").fetchall()
    groups = {}
    for row in customers:
        groups.setdefault(row[2].strip().lower(), []).append(row)
    out = {t: [] for t in ("customers", "addresses", "legacy_customer_ids", "orders", "order_items", "orphaned_orders")}
    new_id = {}
    for email, rows in groups.items():
        keep = rows[0]
        out["customers"].append((keep[0], keep[1], email, min(iso(r[4]) for r in rows)))
        street, city, zip_code = keep[3].rsplit(",", 2)
        out["addresses"].append((keep[0], street.strip(), city.strip(), zip_code.strip()))
        for r in rows:
            new_id[r[0]] = keep[0]
            out["legacy_customer_ids"].append((r[0], keep[0]))
    items = {}
    for order_id, sku, qty, price in v1.execute("SELECT order_id, sku, qty, unit_price FROM order_items ORDER BY rowid"):
        if qty > 0:
            items.setdefault(order_id, []).append((sku, qty, cents(price)))
    for oid, cid, _total, status, placed in v1.execute("SELECT * FROM orders ORDER BY id"):
        if cid not in new_id:
            out["orphaned_orders"].append((oid, cid))
            continue
        status = status.strip().lower().replace("canceled", "cancelled")
        lines = items.get(oid, [])
        out["orders"].append((oid, new_id[cid], status, iso(placed), sum(q * c for _, q, c in lines)))
        out["order_items"].extend((oid, n, sku, q, c) for n, (sku, q, c) in enumerate(lines, 1))
    v1.close()
    return {t: sorted(rows) for t, rows in out.items()}
