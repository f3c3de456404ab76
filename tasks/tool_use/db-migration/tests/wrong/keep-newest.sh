# Plausible mistake: merges duplicates but keeps the newest account's creation date.

cat MIGRATION.md schema_v2.sql && sqlite3 app.db .schema

sqlite3 app.db "SELECT created FROM customers LIMIT 8; SELECT DISTINCT status FROM orders; SELECT address FROM customers WHERE address LIKE '%,%,%,%' LIMIT 3;"

sqlite3 app.db "SELECT lower(trim(email)) e, count(*) FROM customers GROUP BY e HAVING count(*) > 1 LIMIT 5; SELECT count(*) FROM orders WHERE customer_id NOT IN (SELECT id FROM customers); SELECT count(*) FROM order_items WHERE qty <= 0; SELECT DISTINCT unit_price FROM order_items WHERE unit_price * 1000 % 10 != 0 LIMIT 5;"

cat > migrate.py <<'PY'
import sqlite3
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
def iso(text):
    text = text.strip()
    if "/" in text:
        d, m, y = text.split("/")
        return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"
    return text[:10]
def cents(value):
    return int((Decimal(str(value)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
Path("app_v2.db").unlink(missing_ok=True)
v1 = sqlite3.connect("file:app.db?mode=ro", uri=True)
v2 = sqlite3.connect("app_v2.db")
v2.executescript(Path("schema_v2.sql").read_text())
groups = {}
for row in v1.execute("SELECT id, name, email, address, created FROM customers ORDER BY id"):
    groups.setdefault(row[2].strip().lower(), []).append(row)
new_id = {}
for email, rows in groups.items():
    keep = rows[0]
    v2.execute("INSERT INTO customers VALUES (?,?,?,?)", (keep[0], keep[1], email, iso(keep[4])))
    street, city, zip_code = keep[3].rsplit(",", 2)
    v2.execute("INSERT INTO addresses VALUES (?,?,?,?)", (keep[0], street.strip(), city.strip(), zip_code.strip()))
    for r in rows:
        new_id[r[0]] = keep[0]
        v2.execute("INSERT INTO legacy_customer_ids VALUES (?,?)", (r[0], keep[0]))
items = {}
for oid, sku, qty, price in v1.execute("SELECT order_id, sku, qty, unit_price FROM order_items ORDER BY rowid"):
    if qty > 0:
        items.setdefault(oid, []).append((sku, qty, cents(price)))
for oid, cid, _total, status, placed in v1.execute("SELECT * FROM orders ORDER BY id"):
    if cid not in new_id:
        v2.execute("INSERT INTO orphaned_orders VALUES (?,?)", (oid, cid))
        continue
    lines = items.get(oid, [])
    status = status.strip().lower().replace("canceled", "cancelled")
    v2.execute("INSERT INTO orders VALUES (?,?,?,?,?)", (oid, new_id[cid], status, iso(placed), sum(q * c for _, q, c in lines)))
    v2.executemany("INSERT INTO order_items VALUES (?,?,?,?,?)", [(oid, n, s, q, c) for n, (s, q, c) in enumerate(lines, 1)])
v2.commit()
PY
python3 migrate.py && ls -la app_v2.db

sqlite3 app_v2.db "PRAGMA integrity_check; PRAGMA foreign_key_check; SELECT count(*) FROM customers; SELECT count(*) FROM orders; SELECT count(*) FROM orphaned_orders; SELECT * FROM order_items WHERE order_id = (SELECT order_id FROM order_items WHERE unit_price_cents = 101 LIMIT 1);"

echo done
