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
DATE = "2024-08-03"
notes, checks = [], []
def check(name, ok):
    checks.append(bool(ok))
    if not ok:
        notes.append(f"failed: {name}")
db = WORK / "ledger.db"
orig = rows(ORIG, "transactions", "id")
try:
    txs = rows(db, "transactions", "id")
    accounts = rows(db, "accounts", "id")
except sqlite3.Error as exc:
    finish(0, 1, [f"cannot read ledger.db: {exc}"])
groups = defaultdict(list)
for t in orig:
    if t[4] == "stmt-0802" and t[7] is None:
        groups[(t[1], t[2], t[3])].append(t[0])
reversed_before = {t[7] for t in orig if t[7] is not None}
duplicates = {i for ids in groups.values() for i in sorted(ids)[1:]}
want = duplicates - reversed_before
orig_ids = {t[0] for t in orig}
new = [t for t in txs if t[0] not in orig_ids]
by_orig = {t[0]: t for t in orig}
# Gates: what doing nothing also meets earns no credit on its own.
gates = {"original transactions untouched": [t for t in txs if t[0] in orig_ids] == orig}
check("each duplicate not yet reversed now has exactly one reversal",
      sorted(t[7] for t in new) == sorted(want))
check("reversals mirror their transaction (account, negated amount) and are dated 2024-08-03",
      bool(new) and all(t[7] in by_orig and t[1] == by_orig[t[7]][1] and t[2] == -by_orig[t[7]][2] and t[5] == DATE for t in new))
balance = defaultdict(int)
for t in txs:
    balance[t[1]] += t[2]
gates["account balances match their transactions"] = (
    all(balance[a[0]] == a[2] for a in accounts) and [a[:2] for a in accounts] == [a[:2] for a in rows(ORIG, "accounts", "id")])
notes += [f"failed: {name}" for name, ok in gates.items() if not ok]
finish(sum(checks), len(checks), notes, gates_ok=all(gates.values()))
