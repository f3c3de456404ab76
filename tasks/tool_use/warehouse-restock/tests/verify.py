from abverify import TESTS, WORK, finish

import sqlite3


def rows(db, table, order="1"):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return [tuple(r) for r in con.execute(f"SELECT * FROM {table} ORDER BY {order}")]
    finally:
        con.close()


ORIG = TESTS / "original.db"

DATE = "2024-07-01"
notes, checks = [], []
def check(name, ok):
    checks.append(bool(ok))
    if not ok:
        notes.append(f"failed: {name}")
db = WORK / "warehouse.db"
products = rows(ORIG, "products", "sku")
orig_pos = rows(ORIG, "purchase_orders", "id")
try:
    pos = rows(db, "purchase_orders", "id")
    audit = rows(db, "audit", "id")
    same_products = rows(db, "products", "sku") == products and rows(db, "suppliers", "id") == rows(ORIG, "suppliers", "id")
except sqlite3.Error as exc:
    finish(0, 1, [f"cannot read warehouse.db: {exc}"])
inactive = {p[0] for p in products if not p[5]}
open_before = {po[1] for po in orig_pos if po[4] == "open"}
want_cancel = {po[0] for po in orig_pos if po[4] == "open" and po[1] in inactive}
want_new = sorted((p[0], p[4], 2 * p[3] - p[2], "open", DATE) for p in products
                  if p[5] and p[2] < p[3] and p[0] not in open_before)
expected_old = [po[:4] + (("cancelled",) if po[0] in want_cancel else (po[4],)) + po[5:] for po in orig_pos]
old_ids = {po[0] for po in orig_pos}
by_id = {po[0]: po for po in pos}
check("discontinued products' open orders are cancelled", all(by_id.get(e[0]) == e for e in expected_old if e[0] in want_cancel))
# Gates: what doing nothing also meets earns no credit on its own.
gates = {"other existing orders unchanged": all(by_id.get(e[0]) == e for e in expected_old if e[0] not in want_cancel),
         "products and suppliers unchanged": same_products}
notes += [f"failed: {name}" for name, ok in gates.items() if not ok]
new_rows = [po for po in pos if po[0] not in old_ids]
new = sorted(po[1:] for po in new_rows)
check("new orders: exactly one per product that needs one, right supplier, quantity and date", new == want_new)
# The tool writes one audit row per change with its details: compare whole rows, not only the action.
orig_audit = rows(ORIG, "audit", "id")
want_audit = sorted([("po_cancel", f"po={i}") for i in want_cancel] + [("po_create", f"po={po[0]} sku={po[1]} qty={po[3]}") for po in new_rows])
check("changes were made through inv.py (audit trail)",
      audit[:len(orig_audit)] == orig_audit and sorted(a[1:] for a in audit[len(orig_audit):]) == want_audit)
finish(sum(checks), len(checks), notes, gates_ok=all(gates.values()))
