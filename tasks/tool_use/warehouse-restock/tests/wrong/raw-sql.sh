# Wrong (shortcut): the right purchase orders, written with raw SQL and audit rows naming only the action.
python3 - <<'PY'
import sqlite3
con = sqlite3.connect("warehouse.db")
open_skus = {r[0] for r in con.execute("SELECT sku FROM purchase_orders WHERE status = 'open'")}
for sku, stock, level, supplier, active in con.execute("SELECT sku, stock, reorder_level, supplier_id, active FROM products").fetchall():
    if active and stock < level and sku not in open_skus:
        con.execute("INSERT INTO purchase_orders (sku, supplier_id, qty, status, created_on) VALUES (?, ?, ?, 'open', '2024-07-01')", (sku, supplier, 2 * level - stock))
        con.execute("INSERT INTO audit (action, detail) VALUES ('po_create', 'manual')")
for (po,) in con.execute("SELECT o.id FROM purchase_orders o JOIN products p ON p.sku = o.sku WHERE o.status = 'open' AND NOT p.active").fetchall():
    con.execute("UPDATE purchase_orders SET status = 'cancelled' WHERE id = ?", (po,))
    con.execute("INSERT INTO audit (action, detail) VALUES ('po_cancel', 'manual')")
con.commit()
PY

echo done
