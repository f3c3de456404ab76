"""Ledger CLI over ledger.db. Posted transactions are never edited or deleted: mistakes are reversed."""
import argparse
import sqlite3
import sys

DB = "ledger.db"


def fail(message):
    print(f"error: {message}")
    sys.exit(1)


def cmd_accounts(con, args):
    print("id\tname\tbalance")
    for aid, name, cents in con.execute("SELECT id, name, balance_cents FROM accounts ORDER BY id"):
        print(f"{aid}\t{name}\t{cents / 100:.2f}")


def cmd_tx(con, args):
    query = "SELECT id, account_id, amount_cents, ext_ref, batch, posted_on, memo, COALESCE(reversal_of, '') FROM transactions WHERE 1"
    params = []
    for column, value in (("account_id", args.account), ("ext_ref", args.ref), ("batch", args.batch)):
        if value is not None:
            query += f" AND {column} = ?"
            params.append(value)
    print("id\taccount\tamount\text_ref\tbatch\tposted_on\tmemo\treversal_of")
    for row in con.execute(query + " ORDER BY id", params):
        print(*row[:2], f"{row[2] / 100:.2f}", *row[3:], sep="\t")


def cmd_reverse(con, args):
    tx = con.execute("SELECT account_id, amount_cents, ext_ref, reversal_of FROM transactions WHERE id = ?", (args.id,)).fetchone()
    if tx is None:
        fail(f"no transaction {args.id}")
    if tx[3] is not None:
        fail(f"transaction {args.id} is itself a reversal")
    if con.execute("SELECT 1 FROM transactions WHERE reversal_of = ?", (args.id,)).fetchone():
        fail(f"transaction {args.id} is already reversed")
    cur = con.execute("INSERT INTO transactions (account_id, amount_cents, ext_ref, batch, posted_on, memo, reversal_of) "
                      "VALUES (?, ?, ?, 'manual', ?, ?, ?)", (tx[0], -tx[1], tx[2], args.date, args.memo, args.id))
    con.execute("UPDATE accounts SET balance_cents = balance_cents - ? WHERE id = ?", (tx[1], tx[0]))
    print(f"transaction {cur.lastrowid} reverses {args.id}")


def main():
    parser = argparse.ArgumentParser(prog="python3 bank.py", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("accounts", help="list accounts and balances")
    p = sub.add_parser("tx", help="list transactions")
    p.add_argument("--account", type=int)
    p.add_argument("--ref", help="external reference")
    p.add_argument("--batch", help="import batch")
    p = sub.add_parser("reverse", help="post a reversal of a transaction (updates the balance)")
    p.add_argument("id", type=int)
    p.add_argument("--date", required=True, help="YYYY-MM-DD")
    p.add_argument("--memo", required=True)
    args = parser.parse_args()
    con = sqlite3.connect(DB)
    with con:
        globals()["cmd_" + args.command](con, args)


if __name__ == "__main__":
    main()
