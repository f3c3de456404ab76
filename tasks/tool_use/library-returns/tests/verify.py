from abverify import TESTS, WORK, finish

import sqlite3


def rows(db, table, order="1"):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return [tuple(r) for r in con.execute(f"SELECT * FROM {table} ORDER BY {order}")]
    finally:
        con.close()


ORIG = TESTS / "original.db"

import datetime as dt
DATE = "2024-05-10"
DANA = 17
BOOK = 1
notes, checks = [], []
def check(name, ok):
    checks.append(bool(ok))
    if not ok:
        notes.append(f"failed: {name}")
db = WORK / "library.db"
orig_loans = rows(ORIG, "loans", "id")
try:
    loans = rows(db, "loans", "id")
    audit = rows(db, "audit", "id")
    members, books = rows(db, "members", "id"), rows(db, "books", "id")
except sqlite3.Error as exc:
    finish(0, 1, [f"cannot read library.db: {exc}"])
expected = []
for (lid, book, member, borrowed, due, returned, fee) in orig_loans:
    if member == DANA and returned is None:
        late = (dt.date.fromisoformat(DATE) - dt.date.fromisoformat(due)).days
        expected.append((lid, book, member, borrowed, due, DATE, min(2000, max(0, late) * 25)))
    else:
        expected.append((lid, book, member, borrowed, due, returned, fee))
returned_ids = {r[0] for r, o in zip(expected, orig_loans) if r != o}
by_id = {r[0]: r for r in loans}
check("Dana's open loans are returned on 2024-05-10 with the right fee",
      all(by_id.get(e[0]) == e for e in expected if e[0] in returned_ids))
gates = [all(by_id.get(e[0]) == e for e in expected if e[0] not in returned_ids),
         members == rows(ORIG, "members", "id") and books == rows(ORIG, "books", "id")]
if not gates[0]:
    notes.append("failed: every other existing loan is unchanged")
if not gates[1]:
    notes.append("failed: members and books unchanged")
new = [r for r in loans if r[0] not in {e[0] for e in expected}]
want_new = (BOOK, DANA, DATE, "2024-05-31", None, 0)
check("exactly one new loan: book 1 to Dana on 2024-05-10, due 2024-05-31", [r[1:] for r in new] == [want_new])
# The tool writes one audit row per change with its exact details; compare whole rows, not only
# action names, so that raw SQL plus made-up audit rows does not pass.
want_audit = sorted([("return", f"loan={e[0]} date={DATE} fee={e[6]}") for e in expected if e[0] in returned_ids]
                    + [("checkout", f"loan={r[0]} book={BOOK} member={DANA} date={DATE}") for r in new[:1]])
got_audit = sorted(a[1:] for a in audit if a not in set(rows(ORIG, "audit", "id")))
check("changes were made through lib.py (audit trail)", got_audit == want_audit and len(audit) == len(rows(ORIG, "audit", "id")) + len(want_audit))
finish(sum(checks), len(checks), notes, gates_ok=all(gates))
