from abverify import TESTS, WORK, finish

import sqlite3


def rows(db, table, order="1"):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return [tuple(r) for r in con.execute(f"SELECT * FROM {table} ORDER BY {order}")]
    finally:
        con.close()


ORIG = TESTS / "original.db"

import json
want = json.loads((TESTS / "expected.json").read_text())
notes, checks = [], []
def check(name, ok):
    checks.append(bool(ok))
    if not ok:
        notes.append(f"failed: {name}")
db = WORK / "stock.db"
try:
    products = [list(r) for r in rows(db, "products", "sku")]
    pos = [list(r) for r in rows(db, "purchase_orders", "id")]
    moves = sorted([list(r[1:]) for r in rows(db, "movements", "id")])
except sqlite3.Error as exc:
    finish(0, 1, [f"cannot read stock.db: {exc}"])
want_moves = want["movements"]
receipts = lambda ms: [m for m in ms if m[2] == "receipt"]
adjustments = lambda ms: [m for m in ms if m[2] == "adjustment"]
check("purchase orders received and closed as delivered", pos == want["purchase_orders"])
check("receipts booked once per line with the note number and delivery date", receipts(moves) == receipts(want_moves))
check("surplus and unmatched quantities booked as adjustments", adjustments(moves) == adjustments(want_moves))
check("stock on hand matches", products == want["products"])
inbox = WORK / "inbox"
left = sorted(p.name for p in inbox.iterdir() if p.is_file()) if inbox.is_dir() else ["<no inbox>"]
done = sorted(p.relative_to(inbox).as_posix() for p in inbox.rglob("*") if p.is_file()) if inbox.is_dir() else []
check("every note moved to inbox/processed/", not left and done == want["processed"])
finish(sum(checks), len(checks), notes)
