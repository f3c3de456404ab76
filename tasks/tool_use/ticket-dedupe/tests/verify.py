from abverify import TESTS, WORK, finish

import sqlite3


def rows(db, table, order="1"):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return [tuple(r) for r in con.execute(f"SELECT * FROM {table} ORDER BY {order}")]
    finally:
        con.close()


ORIG = TESTS / "original.db"

from collections import defaultdict
notes, checks = [], []
def check(name, ok):
    checks.append(bool(ok))
    if not ok:
        notes.append(f"failed: {name}")
db = WORK / "helpdesk.db"
tickets = rows(ORIG, "tickets", "id")
try:
    got_tickets, got_comments, audit = rows(db, "tickets", "id"), rows(db, "comments", "id"), rows(db, "audit", "id")
except sqlite3.Error as exc:
    finish(0, 1, [f"cannot read helpdesk.db: {exc}"])
groups = defaultdict(list)
for t in tickets:
    if t[3] == "open":
        groups[(t[1], " ".join(t[2].split()).lower())].append(t)
target = {}
for members in groups.values():
    keep = min(members, key=lambda t: (t[4], t[0]))
    for t in members:
        if t is not keep:
            target[t[0]] = keep[0]
want_tickets = [t[:3] + ("closed", t[4], f"duplicate of #{target[t[0]]}") if t[0] in target else t for t in tickets]
want_comments = [(c[0], target.get(c[1], c[1]), c[2]) for c in rows(ORIG, "comments", "id")]
check("every duplicate is closed as a duplicate of the oldest open ticket in its group",
      all(g == w for g, w in zip(got_tickets, want_tickets) if w[0] in target) and len(got_tickets) == len(want_tickets))
others_kept = all(g == w for g, w in zip(got_tickets, want_tickets) if w[0] not in target)
if not others_kept:
    notes.append("failed: no other ticket changed")
check("comments of merged tickets moved to the kept ticket, others untouched", got_comments == want_comments)
check("changes were made through desk.py (audit trail)", sorted(a[2] for a in audit) == sorted(f"{d}->{k}" for d, k in target.items()))
finish(sum(checks), len(checks), notes, gates_ok=others_kept)
