from abverify import TESTS, answer, finish, number

import sqlite3
con = sqlite3.connect(f"file:{TESTS / 'shop.db'}?mode=ro", uri=True)
cat, revenue = con.execute("""
    SELECT p.category, SUM(i.qty * i.unit_price * (1 - i.discount)) AS r
    FROM order_items i JOIN orders o ON o.id = i.order_id
    JOIN customers c ON c.id = o.customer_id JOIN products p ON p.id = i.product_id
    WHERE c.country = 'Germany' AND o.order_date BETWEEN '2024-04-01' AND '2024-06-30'
      AND o.status != 'cancelled'
    GROUP BY p.category ORDER BY r DESC LIMIT 1""").fetchone()
given_cat, _, given_rev = answer().rpartition(",")
notes = []
cat_ok = given_cat == cat.lower()
value = number(given_rev)
rev_ok = value is not None and abs(float(value) - revenue) <= 0.005
if not cat_ok:
    notes.append("wrong category")
if not rev_ok:
    notes.append("wrong revenue")
finish(int(cat_ok and rev_ok), 1, notes)
