import csv
from collections import defaultdict
from decimal import Decimal

from abverify import TESTS, answer, finish, number

tot = defaultdict(Decimal)
with open(TESTS / "orders.csv", newline="") as fh:
    for r in csv.DictReader(fh):
        if r["date"].startswith("2023-") and r["status"] == "completed":
            tot[r["customer"]] += Decimal(r["amount"])
best = max(tot, key=tot.get)
name, _, total = answer().rpartition(":")
value = number(total)
ok = name == best.lower() and value is not None and abs(value - tot[best]) <= Decimal("0.005")
finish(int(ok), 1, [] if ok else [f"answer {answer()!r} is not the top customer and total"])
