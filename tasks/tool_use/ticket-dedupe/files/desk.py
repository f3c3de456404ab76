"""Helpdesk CLI over helpdesk.db. Every change is written to the audit table."""
import argparse
import sqlite3
import sys

DB = "helpdesk.db"


def fail(message):
    print(f"error: {message}")
    sys.exit(1)


def audit(con, action, detail):
    con.execute("INSERT INTO audit (action, detail) VALUES (?, ?)", (action, detail))


def cmd_list(con, args):
    query = "SELECT id, reporter, status, created_at, title FROM tickets"
    params = ()
    if args.status:
        query += " WHERE status = ?"
        params = (args.status,)
    print("id\treporter\tstatus\tcreated_at\ttitle")
    for row in con.execute(query + " ORDER BY id", params):
        print(*row, sep="\t")


def cmd_show(con, args):
    row = con.execute("SELECT * FROM tickets WHERE id = ?", (args.id,)).fetchone()
    if row is None:
        fail(f"no ticket {args.id}")
    print(row)
    for body in con.execute("SELECT body FROM comments WHERE ticket_id = ? ORDER BY id", (args.id,)):
        print("  comment:", body[0])


def cmd_merge(con, args):
    if args.duplicate == args.into:
        fail("cannot merge a ticket into itself")
    for tid in (args.duplicate, args.into):
        row = con.execute("SELECT status FROM tickets WHERE id = ?", (tid,)).fetchone()
        if row is None:
            fail(f"no ticket {tid}")
        if row[0] != "open":
            fail(f"ticket {tid} is {row[0]}")
    con.execute("UPDATE comments SET ticket_id = ? WHERE ticket_id = ?", (args.into, args.duplicate))
    con.execute("UPDATE tickets SET status = 'closed', resolution = ? WHERE id = ?", (f"duplicate of #{args.into}", args.duplicate))
    audit(con, "merge", f"{args.duplicate}->{args.into}")
    print(f"ticket {args.duplicate} merged into {args.into}")


def main():
    parser = argparse.ArgumentParser(prog="python3 desk.py", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("list", help="list tickets")
    p.add_argument("--status", choices=["open", "closed"])
    p = sub.add_parser("show", help="show a ticket and its comments")
    p.add_argument("id", type=int)
    p = sub.add_parser("merge", help="close DUPLICATE as a duplicate of INTO and move its comments to INTO")
    p.add_argument("duplicate", type=int)
    p.add_argument("into", type=int)
    args = parser.parse_args()
    con = sqlite3.connect(DB)
    with con:
        globals()["cmd_" + args.command](con, args)


if __name__ == "__main__":
    main()
