from abverify import TESTS, WORK, finish

import sqlite3


def rows(db, table, order="1"):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return [tuple(r) for r in con.execute(f"SELECT * FROM {table} ORDER BY {order}")]
    finally:
        con.close()


ORIG = TESTS / "original.db"

notes, checks = [], []
def check(name, ok):
    checks.append(bool(ok))
    if not ok:
        notes.append(f"failed: {name}")
db = WORK / "accounts.db"
users = rows(ORIG, "users", "id")
try:
    got_users, got_projects = rows(db, "users", "id"), rows(db, "projects", "id")
    got_keys, audit = rows(db, "api_keys", "id"), rows(db, "audit", "id")
except sqlite3.Error as exc:
    finish(0, 1, [f"cannot read accounts.db: {exc}"])
by_id = {u[0]: u for u in users}
leaving = {u[0] for u in users if u[4] and u[2] != "admin" and (u[5] is None or u[5] < "2023-01-01")}
def heir(uid):
    boss = by_id[uid][3]
    while boss in leaving:
        boss = by_id[boss][3]
    return boss
want_users = [u[:4] + ((0,) if u[0] in leaving else (u[4],)) + u[5:] for u in users]
want_projects = [(p[0], p[1], heir(p[2]) if p[2] in leaving else p[2]) for p in rows(ORIG, "projects", "id")]
orig_keys = rows(ORIG, "api_keys", "id")
want_keys = [k[:3] + ((1,) if k[1] in leaving else (k[3],)) for k in orig_keys]
check("exactly the stale non-admin users are deactivated", got_users == want_users)
check("their projects belong to the nearest manager who stays", got_projects == want_projects)
check("their API keys are revoked and no other key changed", got_keys == want_keys)
moved = sum(1 for a, b in zip(rows(ORIG, "projects", "id"), want_projects) if a != b)
revoked = sum(1 for a, b in zip(orig_keys, want_keys) if a != b)
check("changes were made through users.py (audit trail)",
      sorted(a[1] for a in audit) == sorted(["deactivate"] * len(leaving) + ["transfer"] * moved + ["revoke"] * revoked))
finish(sum(checks), len(checks), notes)
