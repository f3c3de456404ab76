from abverify import TESTS, answer, finish

import csv
from collections import defaultdict
tot = defaultdict(float)
with open(TESTS / "orders.csv", newline="") as fh:
    for r in csv.DictReader(fh):
        if r["date"].startswith("2023-") and r["status"] == "completed":
            tot[r["customer"]] += float(r["amount"])
best = max(tot, key=tot.get)
got = answer().strip().strip('"').lower()
ok = got == best.lower()
finish(int(ok), 1, [] if ok else [f"answer {got!r} is not the top customer"])
