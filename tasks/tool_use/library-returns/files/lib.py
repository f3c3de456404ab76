"""Library desk CLI over library.db. Every change is written to the audit table."""
import argparse
import datetime as dt
import sqlite3
import sys

DB = "library.db"
FEE_PER_DAY = 25
FEE_CAP = 2000
LOAN_DAYS = 21


def day(text):
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}")


def fail(message):
    print(f"error: {message}")
    sys.exit(1)


def audit(con, action, detail):
    con.execute("INSERT INTO audit (action, detail) VALUES (?, ?)", (action, detail))


def cmd_members(con, args):
    like = f"%{args.name or ''}%"
    for row in con.execute("SELECT id, name, email FROM members WHERE name LIKE ? ORDER BY id", (like,)):
        print(*row, sep="\t")


def cmd_books(con, args):
    like = f"%{args.title or ''}%"
    for row in con.execute("SELECT id, title, author FROM books WHERE title LIKE ? ORDER BY id", (like,)):
        print(*row, sep="\t")


def cmd_loans(con, args):
    query = ("SELECT l.id, b.title, l.borrowed_on, l.due_on, COALESCE(l.returned_on, '-'), l.fee_cents "
             "FROM loans l JOIN books b ON b.id = l.book_id WHERE l.member_id = ?")
    if args.open:
        query += " AND l.returned_on IS NULL"
    for row in con.execute(query + " ORDER BY l.id", (args.member,)):
        print(*row, sep="\t")


def cmd_return(con, args):
    loan = con.execute("SELECT due_on, returned_on FROM loans WHERE id = ?", (args.loan,)).fetchone()
    if loan is None:
        fail(f"no loan {args.loan}")
    if loan[1] is not None:
        fail(f"loan {args.loan} was already returned on {loan[1]}")
    late = (args.date - dt.date.fromisoformat(loan[0])).days
    fee = min(FEE_CAP, max(0, late) * FEE_PER_DAY)
    con.execute("UPDATE loans SET returned_on = ?, fee_cents = ? WHERE id = ?", (args.date.isoformat(), fee, args.loan))
    audit(con, "return", f"loan={args.loan} date={args.date} fee={fee}")
    print(f"loan {args.loan} returned, fee {fee / 100:.2f}")


def cmd_checkout(con, args):
    if con.execute("SELECT 1 FROM members WHERE id = ?", (args.member,)).fetchone() is None:
        fail(f"no member {args.member}")
    if con.execute("SELECT 1 FROM books WHERE id = ?", (args.book,)).fetchone() is None:
        fail(f"no book {args.book}")
    if con.execute("SELECT 1 FROM loans WHERE book_id = ? AND returned_on IS NULL", (args.book,)).fetchone():
        fail(f"book {args.book} is on loan")
    due = args.date + dt.timedelta(days=LOAN_DAYS)
    cur = con.execute("INSERT INTO loans (book_id, member_id, borrowed_on, due_on, returned_on, fee_cents) "
                      "VALUES (?, ?, ?, ?, NULL, 0)", (args.book, args.member, args.date.isoformat(), due.isoformat()))
    audit(con, "checkout", f"loan={cur.lastrowid} book={args.book} member={args.member} date={args.date}")
    print(f"loan {cur.lastrowid} created, due {due}")


def main():
    parser = argparse.ArgumentParser(prog="python3 lib.py", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("members", help="list members (optionally filter by name)")
    p.add_argument("--name")
    p = sub.add_parser("books", help="list books (optionally filter by title)")
    p.add_argument("--title")
    p = sub.add_parser("loans", help="list a member's loans")
    p.add_argument("--member", type=int, required=True)
    p.add_argument("--open", action="store_true", help="only loans not yet returned")
    p = sub.add_parser("return", help="record a return; computes the late fee")
    p.add_argument("loan", type=int)
    p.add_argument("--date", type=day, required=True)
    p = sub.add_parser("checkout", help="lend a book to a member")
    p.add_argument("--member", type=int, required=True)
    p.add_argument("--book", type=int, required=True)
    p.add_argument("--date", type=day, required=True)
    args = parser.parse_args()
    con = sqlite3.connect(DB)
    with con:
        globals()["cmd_" + args.command](con, args)


if __name__ == "__main__":
    main()
