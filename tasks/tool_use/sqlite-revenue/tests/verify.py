from abverify import TESTS, answer, finish

import sqlite3
con = sqlite3.connect(f"file:{TESTS / 'shop.db'}?mode=ro", uri=True)
cat, revenue = con.execute("""
    SELECT p.category, SUM(i.qty * i.unit_price * (1 - i.discount)) AS r
    FROM order_items i JOIN orders o ON o.id = i.order_id
    JOIN customers c ON c.id = o.customer_id JOIN products p ON p.id = i.product_id
    WHERE c.country = 'Germany' AND o.order_date BETWEEN '2024-04-01' AND '2024-06-30'
      AND o.status != 'cancelled'
    GROUP BY p.category ORDER BY r DESC LIMIT 1""").fetchone()
parts = [p.strip() for p in answer().split(",")]
notes = []
cat_ok = len(parts) == 2 and parts[0].lower() == cat.lower()
try:
    rev_ok = len(parts) == 2 and abs(float(parts[1]) - revenue) <= 0.01
except ValueError:
    rev_ok = False
if not cat_ok:
    notes.append("wrong category")
if not rev_ok:
    notes.append("wrong revenue")
finish(cat_ok + rev_ok, 2, notes)
