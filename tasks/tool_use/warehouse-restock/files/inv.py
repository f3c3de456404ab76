"""Warehouse CLI over warehouse.db. Every change is written to the audit table."""
import argparse
import sqlite3
import sys

DB = "warehouse.db"


def fail(message):
    print(f"error: {message}")
    sys.exit(1)


def audit(con, action, detail):
    con.execute("INSERT INTO audit (action, detail) VALUES (?, ?)", (action, detail))


def cmd_products(con, args):
    query = "SELECT sku, name, stock, reorder_level, supplier_id, CASE active WHEN 1 THEN 'active' ELSE 'discontinued' END FROM products"
    if args.below_reorder:
        query += " WHERE stock < reorder_level"
    print("sku\tname\tstock\treorder_level\tsupplier\tstatus")
    for row in con.execute(query + " ORDER BY sku"):
        print(*row, sep="\t")


def cmd_po_list(con, args):
    query = "SELECT id, sku, supplier_id, qty, status, created_on FROM purchase_orders"
    if args.open:
        query += " WHERE status = 'open'"
    print("id\tsku\tsupplier\tqty\tstatus\tcreated_on")
    for row in con.execute(query + " ORDER BY id"):
        print(*row, sep="\t")


def cmd_po_create(con, args):
    product = con.execute("SELECT supplier_id, active FROM products WHERE sku = ?", (args.sku,)).fetchone()
    if product is None:
        fail(f"no product {args.sku}")
    if not product[1]:
        fail(f"{args.sku} is discontinued")
    if args.qty <= 0:
        fail("quantity must be positive")
    cur = con.execute("INSERT INTO purchase_orders (sku, supplier_id, qty, status, created_on) VALUES (?, ?, ?, 'open', ?)",
                      (args.sku, product[0], args.qty, args.date))
    audit(con, "po_create", f"po={cur.lastrowid} sku={args.sku} qty={args.qty}")
    print(f"purchase order {cur.lastrowid} created")


def cmd_po_cancel(con, args):
    row = con.execute("SELECT status FROM purchase_orders WHERE id = ?", (args.id,)).fetchone()
    if row is None:
        fail(f"no purchase order {args.id}")
    if row[0] != "open":
        fail(f"purchase order {args.id} is {row[0]}")
    con.execute("UPDATE purchase_orders SET status = 'cancelled' WHERE id = ?", (args.id,))
    audit(con, "po_cancel", f"po={args.id}")
    print(f"purchase order {args.id} cancelled")


def main():
    parser = argparse.ArgumentParser(prog="python3 inv.py", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("products", help="list products")
    p.add_argument("--below-reorder", action="store_true", help="only products with stock below their reorder level")
    p = sub.add_parser("po-list", help="list purchase orders")
    p.add_argument("--open", action="store_true")
    p = sub.add_parser("po-create", help="order QTY units of SKU from its supplier")
    p.add_argument("sku")
    p.add_argument("qty", type=int)
    p.add_argument("--date", required=True, help="YYYY-MM-DD")
    p = sub.add_parser("po-cancel", help="cancel an open purchase order")
    p.add_argument("id", type=int)
    args = parser.parse_args()
    con = sqlite3.connect(DB)
    with con:
        globals()["cmd_" + args.command.replace("-", "_")](con, args)


if __name__ == "__main__":
    main()
