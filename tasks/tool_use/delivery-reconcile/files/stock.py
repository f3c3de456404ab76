"""Stock CLI over stock.db: purchase orders, receipts and adjustments (every change is a movement)."""
import argparse
import sqlite3
import sys

DB = "stock.db"


def fail(message):
    print(f"error: {message}")
    sys.exit(1)


def movement(con, sku, qty, kind, ref, date):
    con.execute("INSERT INTO movements (sku, qty, kind, ref, on_date) VALUES (?, ?, ?, ?, ?)", (sku, qty, kind, ref, date))
    con.execute("UPDATE products SET on_hand = on_hand + ? WHERE sku = ?", (qty, sku))


def cmd_products(con, args):
    print("sku\tname\ton_hand")
    for row in con.execute("SELECT sku, name, on_hand FROM products ORDER BY sku"):
        print(*row, sep="\t")


def cmd_pos(con, args):
    query = "SELECT id, supplier, sku, qty_ordered, qty_received, status FROM purchase_orders"
    if args.open:
        query += " WHERE status = 'open'"
    print("id\tsupplier\tsku\tordered\treceived\tstatus")
    for row in con.execute(query + " ORDER BY id"):
        print(*row, sep="\t")


def cmd_receive(con, args):
    po = con.execute("SELECT sku, qty_ordered, qty_received, status FROM purchase_orders WHERE id = ?", (args.po,)).fetchone()
    if po is None:
        fail(f"no purchase order {args.po}")
    sku, ordered, received, status = po
    if status != "open":
        fail(f"purchase order {args.po} is {status}")
    if not 0 < args.qty <= ordered - received:
        fail(f"quantity must be between 1 and the {ordered - received} still outstanding on {args.po}")
    received += args.qty
    con.execute("UPDATE purchase_orders SET qty_received = ?, status = ? WHERE id = ?",
                (received, "closed" if received == ordered else "open", args.po))
    movement(con, sku, args.qty, "receipt", f"{args.note} PO{args.po}", args.date)
    print(f"received {args.qty} x {sku} on {args.po}; {ordered - received} outstanding")


def cmd_adjust(con, args):
    if con.execute("SELECT 1 FROM products WHERE sku = ?", (args.sku,)).fetchone() is None:
        fail(f"no product {args.sku}")
    if args.qty == 0:
        fail("quantity must not be 0")
    movement(con, args.sku, args.qty, "adjustment", args.reason, args.date)
    print(f"adjusted {args.sku} by {args.qty}")


def main():
    parser = argparse.ArgumentParser(prog="python3 stock.py", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("products", help="list products and stock on hand")
    p = sub.add_parser("pos", help="list purchase orders")
    p.add_argument("--open", action="store_true")
    p = sub.add_parser("receive", help="book delivered goods against a purchase order")
    p.add_argument("po", type=int)
    p.add_argument("qty", type=int)
    p.add_argument("--date", required=True, help="delivery date YYYY-MM-DD")
    p.add_argument("--note", required=True, help="delivery note number, e.g. DN-100")
    p = sub.add_parser("adjust", help="change stock on hand without a purchase order")
    p.add_argument("sku")
    p.add_argument("qty", type=int)
    p.add_argument("--date", required=True)
    p.add_argument("--reason", required=True)
    args = parser.parse_args()
    con = sqlite3.connect(DB)
    with con:
        globals()["cmd_" + args.command](con, args)


if __name__ == "__main__":
    main()
